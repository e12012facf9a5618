"""One glossary, data/glossary.yml: every abbreviation a page uses is explained on hover, on
focus and on the Glossary page, and a mistake in the glossary stops the build."""

import html
import re

import pytest

from sitebuild.build_site import PROJECT_DIR, BuildFailed, build
from sitebuild.sources.front_matter import read_page
from sitebuild.extensions.glossary import term_id
from sitebuild.sources.glossary_data import load_glossary
from sitebuild.checks.abbreviations import abbreviation_problems
from sitebuild.checks.built_pages import pages_with_sources
from site_pages import html_file_for, nav_pages

GLOSSARY = "data/glossary.yml"
TERMS = load_glossary(PROJECT_DIR / GLOSSARY)
ABBREVIATIONS = {t.term: t.stands_for for t in TERMS if t.is_abbreviation}
PAGES = nav_pages()

# The abbreviations the project set out to explain: each must be in the glossary.
NAMED = ("CEOP", "NCA", "DSL", "LADO", "MASH", "KCSIE", "UKCIS", "IWF", "CSE", "DBS", "PVG",
         "SEND", "NSPCC")

ABBR = re.compile(r'<abbr\b[^>]*\btitle="([^"]*)"[^>]*>([^<]+)</abbr>')


def page_html(site, url):
    return (site / html_file_for(url)).read_text(encoding="utf-8")


def test_the_named_abbreviations_are_in_the_glossary():
    missing = [abbr for abbr in NAMED if abbr not in ABBREVIATIONS]
    assert not missing, f"add these to {GLOSSARY} with 'stands_for': {missing}"


def test_every_abbreviation_a_page_uses_is_in_the_glossary(site_dir):
    # The same check as `make check` (sitebuild/checks/abbreviations.py).
    unexplained = abbreviation_problems(pages_with_sources(site_dir, PROJECT_DIR), ABBREVIATIONS)
    assert not unexplained, "\n".join(unexplained)


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_each_abbreviation_renders_as_abbr_with_its_meaning(builder, built_site):
    site = built_site
    missing, wrong = [], []
    for url, source in PAGES:
        _meta, body, _line = read_page(PROJECT_DIR / "docs" / source)
        # Contacts, code, addresses and raw HTML are left as they are: abbr cannot reach them.
        prose = re.sub(r"\[\[[^\]]*\]\]|`[^`]*`|\(https?://[^)]*\)", " ", body)
        prose = re.sub(r"<(\w+)\b(?![^>]*markdown)[^>]*>.*?</\1>", " ", prose)
        rendered = {}
        for title, text in ABBR.findall(page_html(site, url)):
            rendered.setdefault(text, html.unescape(title))
        for abbr, stands_for in ABBREVIATIONS.items():
            if not re.search(rf"\b{abbr}s?\b", prose):
                continue
            if abbr not in rendered and abbr + "s" not in rendered:
                missing.append(f"docs/{source}: {abbr}")
            elif rendered.get(abbr, rendered.get(abbr + "s")) != stands_for:
                wrong.append(f"docs/{source}: {abbr} shows {rendered.get(abbr)!r}")
    assert not missing, f"abbreviations on the page but not as <abbr>: {missing}"
    assert not wrong, f"abbreviations with the wrong meaning: {wrong}"


def test_the_first_abbreviation_of_each_kind_takes_keyboard_focus(site_dir):
    page = page_html(site_dir, "report/ceop/")
    assert '<abbr tabindex="0" title="Child Exploitation and Online Protection">CEOP</abbr>' in page
    # Only the first one: a page full of tab stops would be tiring to move through.
    assert page.count('tabindex="0" title="Child Exploitation and Online Protection"') == 1
    # Never inside a link, which can take focus itself.
    assert not re.search(r"<a\b[^>]*>[^<]*<abbr tabindex", page)


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_the_meaning_shows_on_hover_and_on_focus(request, builder, browser):
    base = request.getfixturevalue({"mkdocs": "site_url", "zensical": "zensical_site_url"}[builder])
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    page = context.new_page()
    page.goto(f"{base}/report/ceop/")
    abbr = page.locator("article abbr[tabindex]", has_text="CEOP").first
    tooltip = page.locator(".md-tooltip2--active")

    abbr.hover()
    tooltip.wait_for(state="visible", timeout=5000)
    assert tooltip.inner_text() == "Child Exploitation and Online Protection"

    page.mouse.move(0, 0)
    tooltip.wait_for(state="detached", timeout=5000)
    abbr.focus()
    tooltip.wait_for(state="visible", timeout=5000)
    assert tooltip.inner_text() == "Child Exploitation and Online Protection"
    context.close()


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_glossary_page_lists_every_term_with_its_meaning(builder, built_site):
    site = built_site
    page = page_html(site, "about/glossary/")
    for term in TERMS:
        match = re.search(rf'<dt id="{term_id(term.term)}">{re.escape(html.escape(term.term, quote=False))}'
                          rf"</dt>\s*<dd>(.*?)</dd>", page, re.DOTALL)
        assert match, f"{term.term} is not on the Glossary page"
        text = " ".join(re.sub(r"<[^>]+>", "", html.unescape(match.group(1))).split())
        assert (f"Stands for: {term.stands_for}." in text) == term.is_abbreviation, term.term
        assert " ".join(term.definition.split()[:5]) in text, term.term


def test_glossary_page_is_in_the_about_section():
    assert ("about/glossary/", "about/glossary.md") in PAGES


def edit(project, path, old, new):
    file = project / path
    text = file.read_text()
    assert old in text, f"{old!r} not in {path}"
    file.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_an_entry_without_a_definition_fails_the_build(builder, project_copy, tmp_path):
    edit(project_copy, GLOSSARY, "  - term: GP\n    stands_for: general practitioner\n"
                                 "    definition: A family doctor.\n",
         "  - term: GP\n    stands_for: general practitioner\n")
    with pytest.raises(BuildFailed) as failure:
        build(builder, tmp_path / "out", project_dir=project_copy)
    assert re.search(r"data/glossary\.yml:\d+: entry \d+ \(GP\) has no 'definition'",
                     failure.value.output), failure.value.output
    assert "Traceback" not in failure.value.output


def test_a_phone_number_typed_into_a_definition_fails_the_build(project_copy, tmp_path):
    edit(project_copy, GLOSSARY, "call [[phone:police-999]].", "call 999.")
    with pytest.raises(BuildFailed) as failure:
        build("mkdocs", tmp_path / "out", project_dir=project_copy)
    assert "data/glossary.yml" in failure.value.output
    assert "the number 999 is typed by hand; write [[phone:police-999]]" in failure.value.output
    assert "Traceback" not in failure.value.output


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_an_abbreviation_no_page_uses_is_reported_not_failed(builder, project_copy, tmp_path):
    edit(project_copy, GLOSSARY, "terms:\n",
         "terms:\n  - term: QQXZ\n    stands_for: Quite Quiet Extra Zone\n"
         "    definition: Used by no page, on purpose.\n")
    output = build(builder, tmp_path / "out", project_dir=project_copy)
    assert "abbreviations in data/glossary.yml that no page uses: QQXZ." in output
