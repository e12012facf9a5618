"""Screenshots of the site: `make screenshots` (python -m sitebuild.devtools.screenshots).

Builds the site (or takes one already built, --site-dir), serves it on 127.0.0.1 and
writes PNGs of the home page and one page of each section, on a phone (360 x 740) and a
desktop (1280 x 800), in the light and dark colour schemes, into screenshots/ (not kept
in git). Attach them to a pull request that changes the look. Nothing leaves the machine:
every request to another host is refused.

    python -m sitebuild.devtools.screenshots                     # build, then shoot
    python -m sitebuild.devtools.screenshots --site-dir site     # an existing build
    python -m sitebuild.devtools.screenshots --full-page         # whole pages
    python -m sitebuild.devtools.screenshots --only home --only parents   # some pages
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from sitebuild.build_site import PROJECT_DIR, BuildFailed, build
from sitebuild.devtools.chromium import ChromiumMissing, launch
from sitebuild.devtools.local_server import serve

# (name of the PNG, address): the home page and one page of each section, chosen to show
# each kind of box (tests/test_look.py checks the same pages).
PAGES = [
    ("home", ""),
    ("parents", "parents/warning-signs/"),
    ("schools", "schools/"),
    ("organisations", "organisations/if-you-are-worried/"),
    ("report", "report/nspcc-helpline/"),
    ("sheets", "sheets/who-to-contact/"),
    ("about", "about/browsing-safely/"),
]
SCREENS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}
SCHEMES = ("light", "dark")
OUT_DIR = PROJECT_DIR / "screenshots"


def _loopback_only(route) -> None:
    if urlsplit(route.request.url).hostname == "127.0.0.1":
        route.continue_()
    else:
        route.abort()


def shoot(site_dir: Path, out_dir: Path, full_page: bool = False,
          pages: list[tuple[str, str]] = PAGES) -> list[Path]:
    """Write every PNG of pages into out_dir and return their paths."""
    from playwright.sync_api import sync_playwright

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with serve(site_dir) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        for scheme in SCHEMES:
            for screen, viewport in SCREENS.items():
                context = browser.new_context(viewport=viewport, color_scheme=scheme,
                                              reduced_motion="reduce")
                context.route("**/*", _loopback_only)
                page = context.new_page()
                for name, address in pages:
                    page.goto(f"{base}/{address}", wait_until="networkidle")
                    path = out_dir / f"{name}-{screen}-{scheme}.png"
                    page.screenshot(path=path, full_page=full_page)
                    written.append(path)
                context.close()
        browser.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=None,
                        help="a site already built (default: build one in a temporary folder)")
    parser.add_argument("--out", type=Path, default=OUT_DIR,
                        help="where the PNGs go (default: screenshots/)")
    parser.add_argument("--full-page", action="store_true",
                        help="the whole page, not only the first screen")
    parser.add_argument("--only", action="append", choices=[name for name, _ in PAGES],
                        help="only this page (may be given more than once)")
    args = parser.parse_args()
    pages = [(name, address) for name, address in PAGES if not args.only or name in args.only]
    try:
        with tempfile.TemporaryDirectory(prefix="screenshots-") as scratch:
            site = args.site_dir
            if site is None:
                print("Building the site...", flush=True)
                site = Path(scratch) / "site"
                build("mkdocs", site, site_url="")
            written = shoot(site, args.out, args.full_page, pages)
    except BuildFailed as failure:
        print(failure.output, file=sys.stderr, end="")
        return 1
    except ChromiumMissing as missing:
        print(missing, file=sys.stderr)
        return 1
    print(f"{len(written)} screenshots in {args.out}/:")
    for path in written:
        print(f"  {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
