"""Content that stays right: the content health report and its monthly workflow, the record
of changes, and what a contributor relies on (issue forms, the pull request checklist, code
owners, the page template and CONTRIBUTING.md), including the mistakes the build catches."""

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sitebuild.build_site import PROJECT_DIR, BuildFailed, build
from sitebuild.sources.platforms_data import load_platforms
from sitebuild.checks.content_report import issue_report, months_before, page_health, stale_contacts
from sitebuild.sources.front_matter import read_page
from sitebuild.extensions.page_syntax import TEMPLATE_TEXT
from sitebuild.extensions.page_contract import OPTIONAL, REQUIRED, check_page
from site_pages import nav_pages

GITHUB = PROJECT_DIR / ".github"
BIN = Path(sys.executable).parent
TODAY = dt.date.today()


def edit(project, path, old, new):
    file = project / path
    text = file.read_text()
    assert re.search(old, text, flags=re.MULTILINE), f"{old!r} not in {path}"
    file.write_text(re.sub(old, new, text, count=1, flags=re.MULTILINE))


def report(*args, project=PROJECT_DIR):
    return subprocess.run([sys.executable, "-m", "sitebuild.checks.content_report",
                           "--project-dir", str(project), *map(str, args)],
                          capture_output=True, text=True, cwd=PROJECT_DIR)


def page_rows(report_text):
    """The report's table of pages: one row per page, starting with its status."""
    return [line for line in report_text.splitlines() if re.match(r"(OVERDUE|ok) ", line)]


# --- The content health report -------------------------------------------------------------

# Two questions for the report to ask (every question is asked by
# tests/test_search_questions.py): one that finds its page and one that cannot.
TWO_QUESTIONS = """questions:
  - ask: my son is being blackmailed over a photo
    page: parents/sextortion.md
    top: 1
  - ask: sarahs law
    page: about/licence.md
    top: 1
"""


def test_report_lists_every_page_with_its_health(site_dir, project_copy):
    (project_copy / "data" / "search-questions.yml").write_text(TWO_QUESTIONS)
    result = report("--site-dir", site_dir, project=project_copy)
    assert result.returncode == 0, result.stderr
    rows = {row.split()[-1]: row.split() for row in page_rows(result.stdout)}
    for _url, source in nav_pages():
        meta = read_page(PROJECT_DIR / "docs" / source)[0]
        status, due, reviewed, audience, sources, words, grade = rows[source][:7]
        assert due == meta["review_due"].isoformat() and reviewed == meta["last_reviewed"].isoformat()
        assert audience == ",".join(meta["audience"])
        assert int(sources) == len(meta["sources"])
        assert int(words) > 20 and 0 < float(grade) < 20, source
        assert status == ("OVERDUE" if meta["review_due"] < TODAY else "ok")
    # Every app's help page with the day it was checked, and the search questions asked.
    for platform in load_platforms(PROJECT_DIR / "data" / "platforms.yml"):
        assert re.search(rf"^  (ok   |CHECK)  {platform.checked}  {platform.id}  ",
                         result.stdout, re.MULTILINE), platform.id
    assert "\nSearch questions (data/search-questions.yml): 1 of 2 find their page (50%).\n" \
        in result.stdout, result.stdout
    line = TWO_QUESTIONS.splitlines().index("  - ask: sarahs law") + 1
    assert re.search(rf'^  MISSED  data/search-questions\.yml:{line}: "sarahs law": docs/about/licence\.md ',
                     result.stdout, re.MULTILINE), result.stdout


def test_time_passing_never_fails_the_report(site_dir, tmp_path):
    issue = tmp_path / "issue.md"
    result = report("--site-dir", site_dir, "--today", "2099-01-01", "--issue-file", issue,
                    "--no-search")
    assert result.returncode == 0, result.stderr
    rows = page_rows(result.stdout)
    assert rows and all(row.startswith("OVERDUE") for row in rows)
    text = issue.read_text()
    assert "## Pages whose review is overdue" in text and "`docs/about/privacy.md`" in text
    assert "## Contacts not checked for more than 6 months" in text and "`nspcc-helpline`" in text
    assert "## Apps' help pages not checked for more than 6 months" in text and "`roblox`" in text
    assert "Search questions (data/search-questions.yml): not asked (--no-search)." in result.stdout


def test_overdue_pages_come_first(site_dir, tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(PROJECT_DIR / "docs", docs)
    edit(tmp_path, "docs/about/licence.md", r"^last_reviewed: .*$", "last_reviewed: 2024-01-01")
    edit(tmp_path, "docs/about/licence.md", r"^review_due: .*$", "review_due: 2025-01-01")
    pages = page_health(docs, site_dir, TODAY)
    assert pages[0].page == "about/licence.md" and pages[0].overdue
    assert sorted(pages, key=lambda p: not p.overdue) == pages


def test_contacts_checked_more_than_six_months_ago_are_listed(tmp_path):
    data = yaml.safe_load((PROJECT_DIR / "data" / "contacts.yml").read_text())
    data["services"][0]["checked"] = dt.date(2026, 5, 28)  # six months and a day
    data["services"][1]["checked"] = dt.date(2026, 5, 29)  # exactly six months
    contacts = tmp_path / "contacts.yml"
    contacts.write_text(yaml.safe_dump(data))
    stale = stale_contacts(contacts, dt.date(2026, 11, 29))
    assert [c["id"] for c in stale] == [data["services"][0]["id"]]


def test_six_months_before_the_end_of_a_month():
    assert months_before(dt.date(2027, 8, 31), 6) == dt.date(2027, 2, 28)
    assert months_before(dt.date(2027, 3, 15), 6) == dt.date(2026, 9, 15)


def test_nothing_due_means_no_issue():
    assert issue_report([], [], TODAY) == ""


def test_make_content_report_runs_the_report():
    result = subprocess.run(["make", "-n", "content-report"], capture_output=True, text=True,
                            cwd=PROJECT_DIR)
    assert result.returncode == 0, result.stderr
    assert "-m sitebuild.checks.content_report" in result.stdout


# --- The monthly workflow ------------------------------------------------------------------

def test_workflow_runs_monthly_and_on_demand():
    workflow = yaml.safe_load((GITHUB / "workflows" / "content-health.yml").read_text())
    triggers = workflow[True]  # PyYAML reads the key `on` as True
    assert "workflow_dispatch" in triggers
    minute, hour, day, month, weekday = triggers["schedule"][0]["cron"].split()
    assert day.isdigit() and (month, weekday) == ("*", "*"), "not once a month"


def test_only_the_issue_job_can_write_and_it_runs_no_project_code():
    workflow = yaml.safe_load((GITHUB / "workflows" / "content-health.yml").read_text())
    assert workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    assert "permissions" not in jobs["report"]
    assert jobs["issue"]["permissions"] == {"issues": "write"}
    steps = jobs["issue"]["steps"]
    assert not any("checkout" in step.get("uses", "") for step in steps)
    assert any("gh issue list" in step.get("run", "") for step in steps), "must update the open issue"


# --- Changes to this guidance --------------------------------------------------------------

@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_changes_page_lists_the_changes(builder, built_site):
    site = built_site
    html = (site / "about" / "changes" / "index.html").read_text()
    assert '<h2 id="29-november-2026"><time datetime="2026-11-29">29 November 2026</time></h2>' in html
    assert "First publication of the guidance for parents and carers" in html


def test_changes_page_is_linked_from_about():
    assert ("about/changes/", "about/changes.md") in nav_pages()
    assert "(changes.md)" in (PROJECT_DIR / "docs" / "about" / "index.md").read_text()


BAD_CHANGES = {
    # The first entry in the file, whatever its date.
    "no date": (r"^  - date: \S+\n    description:", "  - description:", "has no 'date'"),
    "no description": (r"^    description: >-\n(      .*\n)+", "", "has no 'description'"),
}


@pytest.mark.parametrize("builder, case", [("mkdocs", "no date"), ("mkdocs", "no description"),
                                           ("zensical", "no description")])
def test_a_bad_change_entry_fails_the_build(builder, case, project_copy, tmp_path):
    old, new, message = BAD_CHANGES[case]
    edit(project_copy, "data/changes.yml", old, new)
    with pytest.raises(BuildFailed) as failure:
        build(builder, tmp_path / "out", project_dir=project_copy)
    assert re.search(rf"data/changes\.yml:\d+: entry 1 {message}", failure.value.output), \
        failure.value.output
    assert "Traceback" not in failure.value.output


# --- What the build catches for a contributor ----------------------------------------------

def test_a_source_without_a_title_fails_naming_the_page(project_copy, tmp_path):
    edit(project_copy, "docs/about/licence.md", r"^  - title: .*\n    url:", "  - url:")
    with pytest.raises(BuildFailed) as failure:
        build("mkdocs", tmp_path / "out", project_dir=project_copy)
    assert "docs/about/licence.md: field 'sources' entry 1 has no 'title'." in failure.value.output
    assert "Traceback" not in failure.value.output


def test_a_page_missing_from_the_nav_fails_the_build(project_copy, tmp_path):
    shutil.copy(project_copy / "docs" / "about" / "licence.md",
                project_copy / "docs" / "about" / "forgotten.md")
    edit(project_copy, "docs/about/forgotten.md", r"^title: .*$", "title: A forgotten page")
    edit(project_copy, "docs/about/forgotten.md", r"^# .*$", "# A forgotten page")
    with pytest.raises(BuildFailed) as failure:
        build("mkdocs", tmp_path / "out", project_dir=project_copy)
    assert ("docs/about/forgotten.md: the page is not in the menus; add it under 'nav:' in "
            "mkdocs.yml") in failure.value.output
    assert "Traceback" not in failure.value.output


# --- The page template ---------------------------------------------------------------------

TEMPLATE = PROJECT_DIR / "templates" / "page.md"


def test_template_names_every_field_of_the_page_contract():
    front_matter = TEMPLATE.read_text().split("\n---\n", 1)[0]
    for field in REQUIRED + OPTIONAL:
        assert re.search(rf"^(# )?{field}:", front_matter, re.MULTILINE), \
            f"templates/page.md does not show '{field}'"


def test_template_meets_the_page_contract():
    meta = read_page(TEMPLATE)[0]
    assert check_page(meta, "templates/page.md", TODAY) == []


def test_a_page_made_from_the_template_is_refused_until_written_then_builds(project_copy, tmp_path):
    page = "docs/parents/new-page.md"
    shutil.copy(TEMPLATE, project_copy / page)
    edit(project_copy, "mkdocs.yml", r"^      - parents/index.md$",
         "      - parents/index.md\n      - parents/new-page.md")
    # Copied unchanged, its placeholder title and text would be published: refused.
    with pytest.raises(BuildFailed) as failure:
        build("mkdocs", tmp_path / "refused", project_dir=project_copy)
    assert page in failure.value.output and "placeholder" in failure.value.output
    # With its own title, heading, description and text, the same page builds.
    path = project_copy / page
    text = path.read_text()
    text = text.replace("The title of the page", "Help with a new worry")
    text = text.replace("One or two plain sentences saying what this page helps with.",
                        "What to do about a new kind of worry.")
    body_start = text.index("\n---\n") + 5
    body = text[body_start:]
    for placeholder in TEMPLATE_TEXT:
        line_start = body.index(placeholder)
        line_end = body.index("\n", line_start)
        body = body[:line_start] + "Some words of our own." + body[line_end:]
    path.write_text(text[:body_start] + body)
    edit(project_copy, page, r"^tags: .*$", "tags: [new worry]")
    build("mkdocs", tmp_path / "out", project_dir=project_copy)
    html = (tmp_path / "out" / "parents" / "new-page" / "index.html").read_text()
    assert "Help with a new worry" in html and 'href="tel:999"' in html


# --- Issue forms, pull request checklist, code owners --------------------------------------

FORMS = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")


def check_jsonschema(schema, *files):
    return subprocess.run([BIN / "check-jsonschema", "--builtin-schema", schema, *files],
                          capture_output=True, text=True)


def test_issue_forms_match_githubs_schema():
    assert [f.name for f in FORMS] == ["report-an-error.yml", "suggest-a-topic.yml",
                                       "wrong-contact.yml"]
    result = check_jsonschema("vendor.github-issue-forms", *FORMS)
    assert result.returncode == 0, result.stdout + result.stderr
    result = check_jsonschema("vendor.github-issue-config", GITHUB / "ISSUE_TEMPLATE" / "config.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_catches_a_broken_form(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("description: no name and no body\n")
    assert check_jsonschema("vendor.github-issue-forms", broken).returncode != 0


def test_every_issue_form_warns_against_personal_details():
    for form in FORMS:
        data = yaml.safe_load(form.read_text())
        warning = data["body"][0]
        assert warning["type"] == "markdown", form.name
        assert "Do not include any personal details about a child" in warning["attributes"]["value"]
        confirm = data["body"][-1]
        assert confirm["type"] == "checkboxes" and confirm["attributes"]["options"][0]["required"]


def test_error_report_asks_for_page_problem_and_official_source():
    body = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "report-an-error.yml").read_text())["body"]
    required = {item["id"] for item in body if item.get("validations", {}).get("required")}
    assert {"page", "what-is-wrong", "source"} <= required


def test_pull_request_checklist_covers_the_safeguarding_review():
    text = (GITHUB / "pull_request_template.md").read_text()
    for item in ("Facts checked", "Never-say list", "Contacts through the data file",
                 "Readability checked", "Review dates updated"):
        assert f"- [ ] **{item}" in text, item


def test_code_owners_name_paths_that_exist():
    lines = (GITHUB / "CODEOWNERS").read_text().splitlines()
    paths = [m.group(1) for line in lines if (m := re.match(r"^#? ?(/\S+)\s+\S+$", line))]
    assert {"/data/contacts.yml", "/.github/workflows/", "/docs/about/style-guide.md"} <= set(paths)
    for path in paths:
        assert (PROJECT_DIR / path.strip("/")).exists(), f"CODEOWNERS names {path}, which is gone"


# --- CONTRIBUTING.md stays right ------------------------------------------------------------

CONTRIBUTING = (PROJECT_DIR / "CONTRIBUTING.md").read_text()


def test_contributing_names_only_files_that_exist(site_dir):
    # After a build (site_dir), so that the generated partials exist. Paths given "such as"
    # are examples of files a contributor would create.
    named = set(re.findall(r"(?<!such as )`((?:docs|data|sitebuild|templates|overrides|tests|"
                           r"\.github)/[\w./-]*)`", CONTRIBUTING))
    assert named, "CONTRIBUTING.md names no files"
    missing = [path for path in sorted(named) if not (PROJECT_DIR / path).exists()]
    assert not missing, f"CONTRIBUTING.md names files that do not exist: {missing}"


def test_contributing_names_only_make_targets_that_exist():
    makefile = (PROJECT_DIR / "Makefile").read_text()
    for target in set(re.findall(r"`make ([a-z-]+)", CONTRIBUTING)):
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), f"no make target {target}"
