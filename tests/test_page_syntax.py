"""Mistakes that would publish raw syntax or an unfinished page stop the build, naming the
source file and line (issue 14, item 1)."""

import subprocess
import sys

import pytest

from sitebuild.build_site import PROJECT_DIR, BuildFailed, build
from sitebuild.postbuild.built_page import BuiltPage, Site
from sitebuild.postbuild.pipeline import find_raw_syntax
from sitebuild.sources.site_files import built_pages
from sitebuild.extensions.page_syntax import (TEMPLATE_DESCRIPTION, TEMPLATE_TAGS, TEMPLATE_TEXT,
                                   TEMPLATE_TITLE)

PAGE = "docs/about/licence.md"

# (text added at the end of a page, what the build must say about its first line)
MISTAKES = {
    "card without its |": ("/// contact nspcc-helpline\n///",
                           "'/// contact nspcc-helpline' is not block syntax"),
    "mistyped card option value": ("/// contact | childline\n    style: shrot\n///",
                                   "'/// contact' option 'style: shrot' is not allowed; did you mean 'short'?"),
    "unknown card option": ("/// contact | childline\n    styel: short\n///",
                            "'/// contact' has no option 'styel'; did you mean 'style'?"),
    "unknown block": ("/// contcat | childline\n///", "unknown block '/// contcat'; did you mean 'contact'?"),
    "details option": ("/// details | More\n    open: ture\nText.\n///",
                       "'/// details' option 'open: ture' is not allowed"),
    "single brackets": ("Call [phone:childline] now.",
                        "'[phone:childline]' has single brackets and would show as text; write '[[phone:childline]]'"),
    "stray brackets": ("Call [[phone:childline] now.", "'[[' is left over and would show as text"),
    "closing brackets": ("Call phone:childline]] now.", "']]' is left over and would show as text"),
    "http link": ("See [the guidance](http://www.gov.uk/guidance).",
                  "'http://www.gov.uk/guidance' starts with http://; use the https:// address"),
    "template text": (TEMPLATE_TEXT[1], "is the template's placeholder text"),
}


def add_lines(project, text, page=PAGE):
    """Append text to a page; return the line number of its first line."""
    file = project / page
    before = file.read_text()
    if not before.endswith("\n"):
        before += "\n"
    file.write_text(before + "\n" + text + "\n")
    return len(before.splitlines()) + 2


def failure_output(project, builder="mkdocs"):
    with pytest.raises(BuildFailed) as failure:
        build(builder, project / "out", project_dir=project)
    assert "Traceback" not in failure.value.output
    return failure.value.output


def test_every_mistake_is_named_with_its_file_and_line(project_copy):
    """All the mistakes at once: one build lists each of them."""
    expected = []
    for text, message in MISTAKES.values():
        line = add_lines(project_copy, text)
        if "option" in message:
            line += 1  # the option's own line
        expected.append((f"{PAGE}:{line}:", message))
    output = failure_output(project_copy)
    for where, message in expected:
        assert any(where in row and message in row for row in output.splitlines()), \
            f"{where} {message}\n{output}"


def test_the_build_exits_with_status_1(project_copy):
    line = add_lines(project_copy, "/// contact nspcc-helpline\n///")
    result = subprocess.run([sys.executable, "-m", "sitebuild.build_site", "--site-dir",
                             str(project_copy / "out")], cwd=project_copy, capture_output=True,
                            text=True)
    assert result.returncode == 1
    assert f"{PAGE}:{line}: '/// contact nspcc-helpline' is not block syntax" in result.stderr


def test_zensical_runs_the_check_too(project_copy):
    line = add_lines(project_copy, "Call [phone:childline] now.")
    output = failure_output(project_copy, "zensical")
    assert f"{PAGE}:{line}: '[phone:childline]' has single brackets" in output, output


def test_a_copied_template_fails(project_copy):
    page = project_copy / "docs" / "parents" / "new-page.md"
    page.write_text((PROJECT_DIR / "templates" / "page.md").read_text())
    output = failure_output(project_copy)
    name = "docs/parents/new-page.md"
    lines = page.read_text().splitlines()
    for field, message in (("title", "is still the template's"),
                           ("description", "is still the template's placeholder"),
                           ("tags", "is still the template's example")):
        line = next(n for n, text in enumerate(lines, 1) if text.startswith(f"{field}:"))
        assert f"{name}:{line}: field '{field}' {message}" in output, output
    intro = next(n for n, text in enumerate(lines, 1) if TEMPLATE_TEXT[1] in text)
    assert f"{name}:{intro}: '{TEMPLATE_TEXT[1]}' is the template's placeholder text" in output


def test_a_heading_that_is_not_the_title_fails(project_copy):
    file = project_copy / PAGE
    text = file.read_text()
    line = text.splitlines().index("# Licence") + 1
    file.write_text(text.replace("# Licence\n", "# Our licence\n", 1))
    output = failure_output(project_copy)
    assert f"{PAGE}:{line}: the heading '# Our licence' is not the page's title 'Licence'" in output


def test_the_placeholders_are_the_templates():
    template = (PROJECT_DIR / "templates" / "page.md").read_text()
    assert f'title: "{TEMPLATE_TITLE}"' in template
    assert f"description: {TEMPLATE_DESCRIPTION}" in template
    assert f"tags: [{', '.join(TEMPLATE_TAGS)}]" in template
    for text in TEMPLATE_TEXT:
        assert text in template, text


def test_code_shows_syntax_without_failing(project_copy):
    """Syntax in code, such as CONTRIBUTING-style examples, is not a mistake."""
    add_lines(project_copy, "Write `[[phone:ID]]`, not `[phone:ID]`, or `http://`.\n\n"
                            "```\n/// contact nspcc-helpline\n```")
    from sitebuild.extensions.page_syntax import check_docs
    assert check_docs(project_copy / "docs") == []


def test_built_pages_with_raw_syntax_are_named(tmp_path):
    """The post-build net: raw syntax in a built page names the page's source and line."""
    docs, site = tmp_path / "docs", tmp_path / "site"
    (docs / "parents").mkdir(parents=True)
    (docs / "parents" / "help.md").write_text("# Help\n\nText.\n\n/// contakt | x\n///\n")
    (site / "parents" / "help").mkdir(parents=True)
    (site / "parents" / "help" / "index.html").write_text(
        "<html><body><p>Text.</p><p>/// contakt | x\n///</p><code>[[ok]]</code>"
        '<a href="http://example.org/">x</a></body></html>')
    page = BuiltPage.read(site / "parents" / "help" / "index.html", Site(site, tmp_path))
    problems = find_raw_syntax(page)
    assert any(p.startswith("docs/parents/help.md:5: '/// contakt | x' shows as raw text")
               for p in problems), problems
    assert any("'http://example.org/' starts with http://" in p for p in problems), problems
    assert len(problems) == 3, problems  # the '///' closing line too; nothing from <code>


def test_the_built_site_has_no_raw_syntax(site_dir):
    site = Site(site_dir, PROJECT_DIR)
    assert [problem for path in built_pages(site_dir)
            for problem in find_raw_syntax(BuiltPage.read(path, site))] == []


def test_blocks_inside_list_items_are_checked(tmp_path):
    from sitebuild.extensions.page_syntax import check_page_syntax
    page = tmp_path / "page.md"
    page.write_text("---\ntitle: A page\n---\n\n# A page\n\n"
                    "- Call them:\n\n    /// contact | childline\n        style: short\n    ///\n\n"
                    "- Or:\n\n    /// details | More\n    Note: this is text, not an option.\n    ///\n\n"
                    "- Or:\n\n    /// contact nspcc-helpline\n    ///\n")
    problems = check_page_syntax(page)
    line = page.read_text().splitlines().index("    /// contact nspcc-helpline") + 1
    assert len(problems) == 1 and problems[0].startswith(
        f"{page.as_posix()}:{line}: '/// contact nspcc-helpline' is not block syntax"), problems
