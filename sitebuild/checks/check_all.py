"""Every content check at once, without a browser, Node or Java (`make check`).

    python -m sitebuild.checks.check_all

Builds the site strictly, without the sheet PDFs, into .cache/check/site (the build
itself checks the page contract, the contacts, the glossary, changes, platforms and live
checks data, and raw syntax), then runs the checks that read the built pages: reading
grade for each page's audience, never-say advice, abbreviations missing from the glossary,
and every link, offline. Prints every problem as `file:line: what is wrong; how to fix it`
and exits with 1 if there is any.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from sitebuild.build_site import PROJECT_DIR, BuildFailed, build
from sitebuild.checks.abbreviations import abbreviation_problems, glossary_abbreviations
from sitebuild.checks.built_pages import pages_with_sources
from sitebuild.checks.link_check import check_site_links
from sitebuild.checks.lychee_runner import LycheeFailed
from sitebuild.checks.never_say import advice_problems
from sitebuild.checks.readability import grade_problems
from sitebuild.postbuild.form_pdfs import stand_in_form_pdfs
from sitebuild.postbuild.sheet_pdfs import pdf_path, sheet_pages
from sitebuild.sources.site_files import built_file_for, markdown_pages

BUILD_CHECKS = "page contract, contacts, glossary and data files, raw syntax"
# How link_check names a problem: "parents/index.html line 90: broken link ...".
LINK_PROBLEM = re.compile(r"(\S+) line (\d+): (.*)", re.DOTALL)


def stand_in_sheet_pdfs(site_dir: Path) -> None:
    """An empty file where `make build` prints each sheet's PDF, so that the link check
    judges the links to them without printing them (which needs Chromium)."""
    for page in sheet_pages(site_dir):
        pdf_path(page).touch()


def link_problems(site_dir: Path, project_dir: Path) -> list[str]:
    """The offline link check, each problem naming the page's source file when it has one."""
    docs = project_dir / "docs"
    sources = {built_file_for(path.relative_to(docs).as_posix()): path.relative_to(project_dir).as_posix()
               for path in markdown_pages(docs)}
    problems = []
    for problem in check_site_links(site_dir):
        match = LINK_PROBLEM.match(problem)
        if not match:
            problems.append(problem)
            continue
        page, line, what = match.groups()
        source = sources.get(page)
        where = (f"{source}: (built as {page}:{line})" if source else f"{page}:{line}:")
        problems.append(f"{where} {what}; fix or remove the link (a link drawn from data/ or "
                        f"overrides/ is fixed there)")
    return problems


def built_site_problems(site_dir: Path, project_dir: Path) -> dict[str, list[str]]:
    """The problems each check that reads the built site found, by check."""
    pages = pages_with_sources(site_dir, project_dir)
    return {
        "reading grade": grade_problems(pages),
        "never-say advice": advice_problems(pages),
        "abbreviations": abbreviation_problems(pages, glossary_abbreviations(project_dir)),
        "links (offline)": link_problems(site_dir, project_dir),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project-dir", type=Path, default=PROJECT_DIR)
    args = parser.parse_args(argv)
    started = time.monotonic()
    site_dir = args.project_dir / ".cache" / "check" / "site"
    try:
        build("mkdocs", site_dir, project_dir=args.project_dir, site_url="")
    except BuildFailed as failure:
        print(failure.output, file=sys.stderr)
        print(f"\nmake check: the site did not build ({time.monotonic() - started:.1f} s). "
              f"Fix the problems above and run it again: the reading grade, never-say, "
              f"abbreviation and link checks run once the site builds.", file=sys.stderr)
        return 1
    stand_in_sheet_pdfs(site_dir)
    stand_in_form_pdfs(site_dir)
    try:
        found = built_site_problems(site_dir, args.project_dir)
    except LycheeFailed as failure:
        print(f"make check could not check the links: {failure}", file=sys.stderr)
        return 2
    problems = [problem for check in found.values() for problem in check]
    for problem in problems:
        print(problem, file=sys.stderr)
    seconds = time.monotonic() - started
    checks = f"{BUILD_CHECKS}, {', '.join(found)}"
    if problems:
        print(f"\nmake check: {len(problems)} problem(s) in {seconds:.1f} s. Checked: {checks}.",
              file=sys.stderr)
        return 1
    print(f"make check: no problems, in {seconds:.1f} s. Checked: {checks}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
