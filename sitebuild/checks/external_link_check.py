"""Check every address on another site, and write a Markdown report (make links-external).

Never part of the test suite: it asks other people's websites. It runs on demand and
weekly (.github/workflows/links.yml).

1. Collect every external address in the built site, in data/contacts.yml and in
   data/platforms.yml (each app's help page on reporting).
2. Write them, one a line, into an HTML file that lychee reads, and run lychee with
   lychee.toml (cache, retries, timeouts, politeness, exclusions).
3. Sort lychee's JSON summary into groups (sitebuild/checks/link_report.py), following each
   redirect to its final address, and write the report.

Exit code: 0 when nothing is broken or unreachable, 1 when something is (the report says
what), 2 when the check itself could not run (then no report is written).

    python -m sitebuild.checks.external_link_check [--site-dir site] [--report link-report.md]

The loopback test (tests/test_external_links.py) runs this same command against local
servers, adding --lychee-args='--exclude-all-private=false ...' and a short --timeout.
"""

from __future__ import annotations

import argparse
import html
import os
import shlex
import sys
import tomllib
from pathlib import Path

from sitebuild.build_site import PROJECT_DIR
from sitebuild.errors import ContentError
from sitebuild.checks.external_links import external_addresses
from sitebuild.checks.link_report import LinkReport, Outcome, classify, load_accepted, render_markdown
from sitebuild.checks.lychee_runner import LycheeFailed, run_lychee
from sitebuild.sources.platforms_data import add_platform_addresses
from sitebuild.checks.redirects import follow_redirects

LYCHEE_CONFIG = PROJECT_DIR / "lychee.toml"
ACCEPTED = PROJECT_DIR / "links-accepted.toml"
CACHE_DIR = PROJECT_DIR / ".cache" / "links"
REPORT = PROJECT_DIR / "link-report.md"
# lychee's summary names each result's map; these are the ones with a verdict.
_KINDS = {"success_map": "success", "error_map": "error", "timeout_map": "timeout",
          "excluded_map": "excluded"}


def lychee_input(addresses: list[str]) -> str:
    """One link a line, so that lychee's line number for a result names the address."""
    return "".join(f'<a href="{html.escape(address)}">{n}</a>\n'
                   for n, address in enumerate(addresses, start=1))


def outcomes_by_address(summary: dict, addresses: list[str]) -> dict[str, Outcome]:
    """lychee's verdict for each address we gave it, found by the line it was on."""
    outcomes: dict[str, Outcome] = {}
    for map_name, kind in _KINDS.items():
        for results in summary.get(map_name, {}).values():
            for result in results:
                line = (result.get("span") or {}).get("line", 0)
                # lychee may tidy an address (https://host -> https://host/); the line
                # still says which one it was.
                address = addresses[line - 1] if 0 < line <= len(addresses) else result["url"]
                status = result.get("status") or {}
                outcomes[address] = Outcome(kind, status.get("code"),
                                            status.get("details") or status.get("text", ""))
    return outcomes


def check_external_links(places: dict[str, list[str]], report_path: Path, cache_dir: Path,
                         extra_args: list[str] | tuple = (), timeout: int | None = None,
                         config: Path = LYCHEE_CONFIG, accepted: Path = ACCEPTED) -> LinkReport:
    """Check these addresses (each with where it was found) and write the report.

    extra_args are added to lychee's command line after the config; timeout, if given,
    overrides the config's for lychee and for following redirects alike."""
    settings = tomllib.loads(config.read_text(encoding="utf-8"))
    timeout = timeout if timeout is not None else settings.get("timeout", 20)
    rules = load_accepted(accepted)
    addresses = list(places)
    cache_dir.mkdir(parents=True, exist_ok=True)
    input_file = cache_dir / "external-links.html"
    input_file.write_text(lychee_input(addresses), encoding="utf-8")
    args = ["--config", str(config.resolve()),
            "--verbose",  # fills the summary's success and excluded maps
            "--timeout", str(timeout), *extra_args, str(input_file.resolve())]
    # lychee keeps its cache (.lycheecache) in its working folder.
    summary = run_lychee(args, cwd=cache_dir) if addresses else {}
    user_agent = settings.get("user_agent", "lychee")
    report = classify(outcomes_by_address(summary, addresses), places, rules,
                      follow=lambda url: follow_redirects(url, timeout, user_agent))
    report_path.write_text(render_markdown(report), encoding="utf-8")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=PROJECT_DIR / "site")
    parser.add_argument("--contacts", type=Path, default=PROJECT_DIR / "data" / "contacts.yml")
    parser.add_argument("--platforms", type=Path, default=None,
                        help="where to report on each app (default: platforms.yml beside --contacts, if there)")
    parser.add_argument("--report", type=Path, default=REPORT)
    parser.add_argument("--cache-dir", type=Path, default=CACHE_DIR)
    parser.add_argument("--timeout", type=int, default=None,
                        help="seconds per request, instead of lychee.toml's (tests use a short one)")
    parser.add_argument("--lychee-args", default="",
                        help="more lychee options, written as one string after an equals sign: "
                             "--lychee-args='--max-retries 1'")
    args = parser.parse_args(argv)
    args.report.unlink(missing_ok=True)  # never leave last run's report to be mistaken for this one's
    if not (args.site_dir / "index.html").exists():
        print(f"No built site in {args.site_dir}: run `make build` first.", file=sys.stderr)
        return 2
    # If the site was built with its public address, its links to itself are checked
    # offline (make links), not here.
    places = external_addresses(args.site_dir, args.contacts, own_site=os.environ.get("SITE_URL", ""))
    platforms = args.platforms or args.contacts.parent / "platforms.yml"
    try:
        if platforms.exists():
            places = add_platform_addresses(places, platforms)
        report = check_external_links(places, args.report, args.cache_dir,
                                      extra_args=shlex.split(args.lychee_args), timeout=args.timeout)
    except (LycheeFailed, ContentError) as failure:
        print(failure, file=sys.stderr)
        return 2
    counts = ", ".join(f"{len(entries)} {group.replace('_', ' ')}"
                       for group, entries in report.groups.items())
    print(f"Checked {len(places)} external addresses: {counts}. Report: {args.report}")
    return 1 if report.failing else 0


if __name__ == "__main__":
    sys.exit(main())
