"""Claims waiting for a live check (data/live-checks.yml): a mistake in the file stops the
build naming the file, the line and the field, and the content report and the monthly
issue list every entry."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild.build_site import PROJECT_DIR, BuildFailed, build
from sitebuild.checks.content_report import issue_report
from sitebuild.extensions.live_checks import check_live_checks, load_live_checks

DATA = PROJECT_DIR / "data" / "live-checks.yml"
CHECKS = load_live_checks(DATA)
GOOD = """checks:
  - claim: The helpline is open every day.
    pages:
      - docs/report/nspcc-helpline.md
    official_page: https://www.nspcc.org.uk/
    why: Only an old copy of the page says so.

  - claim: Another claim.
    pages:
      - data/contacts.yml#nspcc-helpline
    official_page: https://www.nspcc.org.uk/
    why: Another reason.
    raised: 2026-12-01
"""


def problems_with(tmp_path: Path, text: str) -> list[str]:
    data = tmp_path / "data" / "live-checks.yml"
    data.parent.mkdir(exist_ok=True)
    data.write_text(text)
    return check_live_checks(data, PROJECT_DIR / "docs", PROJECT_DIR / "data" / "contacts.yml",
                             today=dt.date(2026, 12, 2))


def test_the_project_file_is_valid_and_not_empty():
    assert check_live_checks(DATA, PROJECT_DIR / "docs", PROJECT_DIR / "data" / "contacts.yml") == []
    assert CHECKS, "data/live-checks.yml lists nothing"


def test_a_good_file_passes(tmp_path):
    assert problems_with(tmp_path, GOOD) == []


# Each mistake, and the message that must name its line (the second entry starts on line 8).
BROKEN = {
    "no claim": ("  - claim: Another claim.\n    pages:", "  - pages:", "entry 2 has no 'claim'"),
    "missing page": ("data/contacts.yml#nspcc-helpline", "docs/report/no-such-page.md",
                     "entry 2: 'pages' names docs/report/no-such-page.md, which does not exist"),
    "unknown contact": ("data/contacts.yml#nspcc-helpline", "data/contacts.yml#no-such-id",
                        "data/contacts.yml has no id 'no-such-id'"),
    "page outside docs": ("data/contacts.yml#nspcc-helpline", "parents/sextortion.md",
                          "must be a page under docs/"),
    "no pages": ("    pages:\n      - data/contacts.yml#nspcc-helpline\n", "",
                 "entry 2: 'pages' must be a list"),
    "http address": ("https://www.nspcc.org.uk/\n    why: Another", "http://www.nspcc.org.uk/\n    why: Another",
                     "entry 2: 'official_page' must be the https address"),
    "bad date": ("raised: 2026-12-01", "raised: last week", "entry 2: 'raised' must be a date"),
    "future date": ("raised: 2026-12-01", "raised: 2027-01-01", "entry 2: 'raised' (2027-01-01) is in the future"),
    "unknown field": ("    raised: 2026-12-01", "    raised: 2026-12-01\n    owner: me",
                      "entry 2: field 'owner' is not known"),
}


@pytest.mark.parametrize("case", BROKEN)
def test_a_broken_entry_is_named_by_file_line_and_field(case, tmp_path):
    old, new, message = BROKEN[case]
    assert old in GOOD
    problems = problems_with(tmp_path, GOOD.replace(old, new, 1))
    assert any(re.search(r"data/live-checks\.yml:8: ", p) and message in p for p in problems), problems


def test_a_file_without_the_list_is_refused(tmp_path):
    problems = problems_with(tmp_path, "claims: []\n")
    assert problems and "must hold a list called 'checks'" in problems[0]


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_a_broken_entry_stops_the_build(builder, project_copy, tmp_path):
    # The build stops at the first page it converts: this is no full build.
    data = project_copy / "data" / "live-checks.yml"
    text = data.read_text()
    first = re.search(r"^  - claim:", text, re.MULTILINE)
    line = text.count("\n", 0, first.start()) + 1
    why = re.compile(r"^    why: (>-\n(      .*\n)+|.*\n)", re.MULTILINE)
    data.write_text(text[:first.start()] + why.sub("", text[first.start():], count=1))
    with pytest.raises(BuildFailed) as failure:
        build(builder, tmp_path / "out", project_dir=project_copy)
    assert f"data/live-checks.yml:{line}: entry 1 has no 'why'" in failure.value.output, \
        failure.value.output
    assert "Traceback" not in failure.value.output


def report(*args):
    return subprocess.run([sys.executable, "-m", "sitebuild.checks.content_report", *map(str, args)],
                          capture_output=True, text=True, cwd=PROJECT_DIR)


def test_the_report_and_the_issue_list_every_entry(site_dir, tmp_path):
    issue = tmp_path / "issue.md"
    result = report("--site-dir", site_dir, "--issue-file", issue, "--no-search")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert f"Claims waiting for a live check (data/live-checks.yml): {len(CHECKS)}" in out
    section = issue.read_text()
    assert "## Claims waiting for a live check" in section
    for check in CHECKS:
        for text in (out, section):
            assert check.claim in text, f"line {check.line} is not listed: {check.claim}"
            assert check.official_page in text and check.why in text, check.claim
            assert all(page in text for page in check.pages), check.claim


def test_live_checks_alone_open_the_issue():
    text = issue_report([], [], dt.date(2026, 12, 2), CHECKS[:1])
    assert "## Claims waiting for a live check" in text and CHECKS[0].claim in text
    assert "## Pages whose review is overdue" not in text
