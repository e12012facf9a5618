"""Check every link in the built site, offline: what MkDocs' own validation cannot see.

MkDocs checks Markdown links between pages. This checks the built HTML, so links in raw
HTML, in templates and in generated partials are covered too:

- lychee follows every internal link, anchor (#fragment), image and asset;
- every tel: link dials a valid UK number or UK short number, or Relay UK (18001) and one;
- every mailto: link is a well-formed address;
- every link to another site uses https://.

Each problem names the page (relative to the site folder), the line and the link.

    python -m sitebuild.checks.link_check                  # checks site/ (make links)
    python -m sitebuild.checks.link_check --site-dir /tmp/site
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sitebuild.build_site import PROJECT_DIR
from sitebuild.sources.contacts_data import EMAIL, RELAY_PREFIX, dials
from sitebuild.checks.html_links import Link, site_links
from sitebuild.checks.lychee_runner import LycheeFailed, run_lychee

# lychee's column points at the first character of the address (in an HTML attribute or
# a CSS url()); these characters end it.
_ADDRESS_ENDS = "\"'>) \t"


def lychee_args(site_dir: Path) -> list[str]:
    root = str(site_dir.resolve())
    return [
        "--offline",  # internal links only: other sites are checked on a schedule
        "--include-fragments",  # anchors too
        # A link to folder/ means folder/index.html, as on the web server.
        "--index-files", "index.html",
        # 404.html links from the site root (/report/), because it is served at any depth.
        "--root-dir", root,
        "--no-ignore",  # site/ is in .gitignore; check it anyway
        "--hidden",  # and .well-known/ if the site has one
        root,
    ]


def _address_as_written(site_dir: Path, page: str, line: int, column: int) -> str | None:
    """The link exactly as the page has it, for a message the author can search for."""
    try:
        text = (site_dir / page).read_text(encoding="utf-8").splitlines()[line - 1]
    except (OSError, IndexError):
        return None
    rest = text[column - 1:]
    end = min((rest.find(c) for c in _ADDRESS_ENDS if c in rest), default=len(rest))
    return rest[:end] or None


def lychee_problems(site_dir: Path) -> list[str]:
    """Broken internal links, anchors, images and assets, found by lychee."""
    # Run in the site folder, so that the project's lychee.toml (the external check's
    # settings) is not read.
    summary = run_lychee(lychee_args(site_dir), cwd=site_dir)
    problems = []
    root = site_dir.resolve()
    for source, failures in sorted(summary.get("error_map", {}).items()):
        path = Path(source) if Path(source).is_absolute() else site_dir / source
        page = path.resolve().relative_to(root).as_posix()
        for failure in sorted(failures, key=lambda f: (f.get("span") or {}).get("line", 0)):
            span = failure.get("span") or {}
            line, column = span.get("line", 0), span.get("column", 0)
            written = _address_as_written(site_dir, page, line, column) if line else None
            status = failure.get("status", {})
            reason = status.get("details") or status.get("text", "broken")
            problems.append(f"{page} line {line}: broken link {written or failure['url']!r} "
                            f"({reason})")
    return problems


def _tel_problem(link: Link, number: str) -> str | None:
    kind = "textphone" if number.startswith(RELAY_PREFIX) else "voice"
    # Written exactly as it dials: a tel: link is read by phones, not people.
    if dials(number, kind) != number:
        return (f"{link.page} line {link.line}: {link.value!r} must dial a UK number in E.164 "
                f"form (+44...), a UK short number (such as 999) or Relay UK: "
                f"{RELAY_PREFIX} followed by one.")
    return None


def _mailto_problem(link: Link, addresses: str) -> str | None:
    found = [unquote(a).strip() for a in addresses.split("?", 1)[0].split(",")]
    if not all(EMAIL.match(address) for address in found):
        return f"{link.page} line {link.line}: {link.value!r} is not a well-formed email address."
    return None


def scheme_problems(links: list[Link]) -> list[str]:
    """tel:, mailto: and links to other sites, which lychee does not judge offline."""
    problems = []
    for link in links:
        parts = urlsplit(link.value)
        scheme = parts.scheme.lower()
        problem = None
        if scheme in ("tel", "sms"):
            problem = _tel_problem(link, unquote(parts.path))
        elif scheme == "mailto":
            problem = _mailto_problem(link, link.value[len("mailto:"):])
        elif parts.netloc and scheme != "https":
            # http:, ftp: and //host/ (which takes the page's scheme) alike.
            problem = (f"{link.page} line {link.line}: {link.value!r} links to another site "
                       f"without https://. Use an https:// address (or, for a page of this "
                       f"site, a relative link).")
        if problem:
            problems.append(problem)
    return problems


def check_site_links(site_dir: Path) -> list[str]:
    """Every problem with the built site's links, each naming the page and the link."""
    return lychee_problems(site_dir) + scheme_problems(site_links(site_dir))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=PROJECT_DIR / "site")
    args = parser.parse_args(argv)
    if not (args.site_dir / "index.html").exists():
        print(f"No built site in {args.site_dir}: run `make build` first.", file=sys.stderr)
        return 2
    try:
        problems = check_site_links(args.site_dir)
    except LycheeFailed as failure:
        print(failure, file=sys.stderr)
        return 2
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} link problem(s) in {args.site_dir}.", file=sys.stderr)
        return 1
    print(f"Every link in {args.site_dir} is fine.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
