"""Content health: every page's audience, review dates, sources, words and reading grade.

    python -m sitebuild.checks.content_report                  # builds the site first (make content-report)
    python -m sitebuild.checks.content_report --site-dir site  # reads a site built already
    python -m sitebuild.checks.content_report --issue-file due.md

Overdue pages come first. The report also lists contacts in data/contacts.yml whose
`checked` date is more than six months old, the apps' help pages (data/platforms.yml)
with the day each was checked, glossary abbreviations that no page uses, the claims
waiting for a look at a live official page (data/live-checks.yml), and how many readers'
questions (data/search-questions.yml) find their page in the site's search, asked in
Chromium (--no-search leaves that out: the monthly workflow has no browser). With
--issue-file it also writes what needs doing as Markdown (for the monthly workflow that
opens or updates one GitHub issue), or an empty file when nothing is due.

Time passing never makes this fail: it exits non-zero only if the site cannot be built,
which happens when the content or data is invalid.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sitebuild.build_site import PROJECT_DIR, BuildFailed, build
from sitebuild.sources.dates import long_date
from sitebuild.sources.contacts_data import load_contacts
from sitebuild.sources.front_matter import read_page
from sitebuild.sources.glossary_data import load_glossary, unused_abbreviations
from sitebuild.extensions.live_checks import LiveCheck, check_live_checks, load_live_checks
from sitebuild.checks.readability import grade_of_text, main_text
from sitebuild.sources.platforms_data import Platform, load_platforms
from sitebuild.sources.site_files import markdown_pages
from sitebuild.checks.search_questions import Answer, ask_on_site, describe, load_questions
from sitebuild.devtools.chromium import ChromiumMissing

# A contact not checked against the service's own page for this long needs checking again.
CONTACT_CHECK_MONTHS = 6
ISSUE_MARKER = "<!-- content-health-report -->"


@dataclass(frozen=True)
class PageHealth:
    page: str  # path under docs/
    audience: tuple[str, ...]
    last_reviewed: dt.date
    review_due: dt.date
    sources: int
    words: int
    grade: float
    overdue: bool


def built_html(site_dir: Path, page: str) -> Path:
    """Where MkDocs and Zensical write a page: parents/sextortion.md -> parents/sextortion/index.html."""
    path = Path(page).with_suffix("")
    if path.name == "index":
        return site_dir / path.parent / "index.html"
    return site_dir / path / "index.html"


def page_health(docs_dir: Path, site_dir: Path, today: dt.date) -> list[PageHealth]:
    """Every page, overdue reviews first (the longest overdue first), then by review date."""
    pages = []
    for source in markdown_pages(docs_dir):
        meta, _body, _line = read_page(source)
        page = source.relative_to(docs_dir).as_posix()
        text = main_text(built_html(site_dir, page).read_text(encoding="utf-8"))
        pages.append(PageHealth(
            page=page, audience=tuple(meta["audience"]), last_reviewed=meta["last_reviewed"],
            review_due=meta["review_due"], sources=len(meta["sources"]),
            words=len(text.split()), grade=grade_of_text(text),
            overdue=meta["review_due"] < today))
    return sorted(pages, key=lambda p: (not p.overdue, p.review_due, p.page))


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day of the month, `months` earlier (the last day, if that month is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def stale_contacts(contacts_file: Path, today: dt.date) -> list[dict]:
    """Contacts whose details were last checked more than six months before today."""
    cutoff = months_before(today, CONTACT_CHECK_MONTHS)
    services = load_contacts(contacts_file).services.values()
    stale = [{"id": s["id"], "name": s["name"], "checked": s["checked"], "source": s["source"]}
             for s in services if s["checked"] < cutoff]
    return sorted(stale, key=lambda s: (s["checked"], s["id"]))


def stale_platforms(platforms: Sequence[Platform], today: dt.date) -> list[Platform]:
    """Apps whose help page was last checked more than six months before today."""
    cutoff = months_before(today, CONTACT_CHECK_MONTHS)
    return sorted((p for p in platforms if p.checked < cutoff), key=lambda p: (p.checked, p.id))


def platform_lines(platforms: Sequence[Platform], today: dt.date) -> list[str]:
    stale = stale_platforms(platforms, today)
    lines = ["", f"Apps' help pages (data/platforms.yml), by the day each was checked; "
                 f"{len(stale) or 'none'} checked more than {CONTACT_CHECK_MONTHS} months ago:"]
    for platform in sorted(platforms, key=lambda p: (p.checked, p.id)):
        flag = "CHECK" if platform in stale else "ok   "
        lines.append(f"  {flag}  {platform.checked}  {platform.id}  {platform.link}")
    return lines


def search_lines(answers: Sequence[Answer] | None, why_not: str = "") -> list[str]:
    """How many readers' questions find their page, and the ones that do not."""
    if answers is None:
        return ["", f"Search questions (data/search-questions.yml): not asked{why_not}."]
    found = sum(answer.found for answer in answers)
    rate = 100 * found / len(answers) if answers else 0
    lines = ["", f"Search questions (data/search-questions.yml): {found} of {len(answers)} "
                 f"find their page ({rate:.0f}%)."]
    lines += [f"  MISSED  {describe(answer)}" for answer in answers if not answer.found]
    return lines


def text_report(pages: list[PageHealth], stale: list[dict], unused: list[str],
                today: dt.date, live: Sequence[LiveCheck] = (),
                platforms: Sequence[Platform] = (), search: list[str] = ()) -> str:
    overdue = sum(p.overdue for p in pages)
    lines = [f"Content health on {long_date(today)}: {len(pages)} pages, {overdue} overdue "
             f"for review.", ""]
    header = ("STATUS", "REVIEW DUE", "REVIEWED", "AUDIENCE", "SOURCES", "WORDS", "GRADE", "PAGE")
    rows = [("OVERDUE" if p.overdue else "ok", p.review_due.isoformat(),
             p.last_reviewed.isoformat(), ",".join(p.audience), str(p.sources), str(p.words),
             f"{p.grade:.1f}", p.page) for p in pages]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    for row in [header, *rows]:
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths))
                     + "  " + row[-1])

    cutoff = months_before(today, CONTACT_CHECK_MONTHS)
    lines += ["", f"Contacts last checked before {long_date(cutoff)} "
                  f"(more than {CONTACT_CHECK_MONTHS} months ago): {len(stale) or 'none'}"]
    lines += [f"  {c['checked']}  {c['id']}  ({c['name']})  check against {c['source']}"
              for c in stale]
    lines += platform_lines(platforms, today)
    lines += ["", f"Glossary abbreviations that no page uses: {', '.join(unused) or 'none'}"]
    lines += ["", f"Claims waiting for a live check (data/live-checks.yml): {len(live) or 'none'}"]
    for number, check in enumerate(live, start=1):
        raised = f" (raised {long_date(check.raised)})" if check.raised else ""
        lines += [f"  {number}. {check.claim}{raised}",
                  f"     On: {', '.join(check.pages)}",
                  f"     Look at: {check.official_page}",
                  f"     Why: {check.why}"]
    lines += search
    return "\n".join(lines) + "\n"


def _table_section(title: str, instruction: str, header: tuple, rows: list[tuple]) -> list[str]:
    """A Markdown section: a heading, what to do, and a table."""
    return [f"## {title}", "", instruction, "",
            "| " + " | ".join(header) + " |", "|" + "---|" * len(header),
            *("| " + " | ".join(row) + " |" for row in rows), ""]


def _live_check_section(live: Sequence[LiveCheck]) -> list[str]:
    """A Markdown section: one list item per claim (too long for a table's cells)."""
    lines = ["## Claims waiting for a live check", "",
             "Each claim rests on an archived or secondary copy of an official page. Look at "
             "the official page named; fix the pages (or `data/contacts.yml`) if it says "
             "something else, and cite it; then delete the entry from "
             "`data/live-checks.yml` (see CONTRIBUTING.md).", ""]
    for check in live:
        raised = f" Raised {long_date(check.raised)}." if check.raised else ""
        pages = ", ".join(f"`{page}`" for page in check.pages)
        lines += [f"- [ ] **{check.claim}**",
                  f"  On: {pages}. Look at: {check.official_page}",
                  f"  Why: {check.why}{raised} (`data/live-checks.yml` line {check.line})"]
    return lines + [""]


def issue_report(pages: list[PageHealth], stale: list[dict], today: dt.date,
                 live: Sequence[LiveCheck] = (), platforms: Sequence[Platform] = ()) -> str:
    """What needs doing, as Markdown for the content health issue; empty if nothing."""
    overdue = [p for p in pages if p.overdue]
    stale_apps = stale_platforms(platforms, today)
    if not overdue and not stale and not live and not stale_apps:
        return ""
    lines = [ISSUE_MARKER,
             f"The monthly content health check found work to do on {long_date(today)}. "
             f"This issue is opened and then updated by `.github/workflows/content-health.yml`; "
             f"run `make content-report` for the full report.", ""]
    if overdue:
        lines += _table_section(
            "Pages whose review is overdue",
            "Check each page against its sources and the style guide, then update "
            "`last_reviewed` and `review_due` in its front matter.",
            ("Page", "Audience", "Review was due"),
            [(f"`docs/{p.page}`", ", ".join(p.audience), long_date(p.review_due)) for p in overdue])
    if stale:
        lines += _table_section(
            f"Contacts not checked for more than {CONTACT_CHECK_MONTHS} months",
            "Check each service's details on its own official page, then update "
            "`source` and `checked` in `data/contacts.yml`.",
            ("Contact", "Last checked", "Check against"),
            [(f"`{c['id']}` ({c['name']})", long_date(c["checked"]), c["source"]) for c in stale])
    if stale_apps:
        lines += _table_section(
            f"Apps' help pages not checked for more than {CONTACT_CHECK_MONTHS} months",
            "Open each help page and check it still explains how to report and block; then "
            "update `link`, `covers` and `checked` in `data/platforms.yml`.",
            ("App", "Last checked", "Help page"),
            [(f"`{p.id}` ({p.name})", long_date(p.checked), p.link) for p in stale_apps])
    if live:
        lines += _live_check_section(live)
    lines.append("Close this issue when everything above is done. The next monthly check "
                 "opens a new one if anything is due again.")
    return "\n".join(lines) + "\n"


def search_report(site_dir: Path, project: Path) -> list[str]:
    """The search questions' lines, asked on the built site in Chromium."""
    questions = load_questions(project / "data" / "search-questions.yml", project / "docs")
    print("Asking the search questions in Chromium...", file=sys.stderr)
    try:
        return search_lines(ask_on_site(site_dir, questions))
    except ChromiumMissing as missing:
        return search_lines(None, f": {missing}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, help="a built site (default: build one now)")
    parser.add_argument("--project-dir", type=Path, default=PROJECT_DIR)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today(),
                        help="report as on this date, YYYY-MM-DD (to plan ahead)")
    parser.add_argument("--issue-file", type=Path,
                        help="also write what is due as Markdown (empty if nothing is due)")
    parser.add_argument("--no-search", action="store_true",
                        help="do not ask the search questions (they need Chromium)")
    args = parser.parse_args(argv)
    project = args.project_dir

    with tempfile.TemporaryDirectory(prefix="content-report-") as scratch:
        site_dir = args.site_dir
        if site_dir is None:
            site_dir = Path(scratch) / "site"
            print("Building the site to read each page's text...", file=sys.stderr)
            try:
                build("mkdocs", site_dir, project_dir=project)
            except BuildFailed as failure:
                print(failure.output, file=sys.stderr)
                return 1
        pages = page_health(project / "docs", site_dir, args.today)
        search = search_lines(None, " (--no-search)") if args.no_search else \
            search_report(site_dir, project)

    stale = stale_contacts(project / "data" / "contacts.yml", args.today)
    unused = unused_abbreviations(load_glossary(project / "data" / "glossary.yml"), project / "docs")
    live_file = project / "data" / "live-checks.yml"
    # Checked by the build too; again here, for a report on a site built earlier.
    problems = check_live_checks(live_file, project / "docs", project / "data" / "contacts.yml")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    live = load_live_checks(live_file)
    platforms = load_platforms(project / "data" / "platforms.yml")
    print(text_report(pages, stale, unused, args.today, live, platforms, search), end="")
    if args.issue_file:
        args.issue_file.write_text(issue_report(pages, stale, args.today, live, platforms),
                                   encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
