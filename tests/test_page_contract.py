"""A content author's front matter mistakes stop the build, naming the file and the field."""

import re

import pytest

from sitebuild.build_site import BuildFailed, build

PAGE = "docs/about/licence.md"


def edit(project, path, old, new):
    file = project / path
    text = file.read_text()
    assert re.search(old, text, flags=re.MULTILINE), f"{old!r} not in {path}"
    file.write_text(re.sub(old, new, text, count=1, flags=re.MULTILINE))


CASES = {
    "missing field": (r"^description: .*\n", "", "field 'description' is missing"),
    "bad date": (r"^last_reviewed: .*$", "last_reviewed: 2026-13-01",
                 "front matter is not valid YAML: this line cannot be read; a date must be a real day"),
    "date as text": (r"^last_reviewed: .*$", "last_reviewed: last week", "field 'last_reviewed' must be a date"),
    "due before reviewed": (r"^review_due: .*$", "review_due: 2025-01-01", "field 'review_due' (2025-01-01) must be after"),
    "unknown audience": (r"^audience: .*$", "audience: [teachers]", "field 'audience' has 'teachers'"),
    "misspelt field": (r"^review_due:", "review_date: 2027-01-01\nreview_due:", "field 'review_date' is not part of the page contract"),
    "quote in description": (r"^description: .*$", 'description: The "best" page.', "field 'description' must not contain"),
    "source not https": (r"url: https://opensource.org/license/mit", "url: http://opensource.org/license/mit", "needs a 'url' starting with https://"),
    "duplicate title": (r"^title: .*$", "title: Privacy notice", "docs/about/privacy.md: field 'title' 'Privacy notice' is already used by docs/about/licence.md"),
}


# Every case with MkDocs; with Zensical, one per kind of check (page and site-wide).
BUILDS = [("mkdocs", case) for case in CASES] + [
    ("zensical", "missing field"), ("zensical", "duplicate title")]


@pytest.mark.parametrize("builder, case", BUILDS)
def test_bad_front_matter_fails_the_build(project_copy, tmp_path, case, builder):
    old, new, message = CASES[case]
    edit(project_copy, PAGE, old, new)
    with pytest.raises(BuildFailed) as failure:
        build(builder, tmp_path / "out", project_dir=project_copy)
    assert PAGE in failure.value.output
    assert message in failure.value.output
    assert "Traceback" not in failure.value.output


def test_page_without_front_matter_fails_the_build(project_copy, tmp_path):
    (project_copy / "docs" / "about" / "new-page.md").write_text("# A new page\n")
    with pytest.raises(BuildFailed) as failure:
        build("mkdocs", tmp_path / "out", project_dir=project_copy)
    assert "docs/about/new-page.md: no front matter" in failure.value.output


def test_empty_sources_need_a_reason(project_copy, tmp_path):
    edit(project_copy, "docs/about/privacy.md", r"^sources:\n(  .*\n)+", "sources: []\n")
    with pytest.raises(BuildFailed) as failure:
        build("mkdocs", tmp_path / "out", project_dir=project_copy)
    assert "docs/about/privacy.md: field 'sources' is empty" in failure.value.output
