"""Forms to fill in by hand (docs/forms/): each prints on one or two A4 pages, comes as a
Word copy holding its headings and every field label, is linked from the forms landing
page, and a wrong field option stops the build naming the file and line.

The PDFs are the ones the session's build printed (site_dir is built with pdf=True); the
Word copies are checked in the MkDocs and the Zensical builds."""

import io
import os
import re
import shutil
import time

import docx
import pytest
from lxml import html as lxml_html
from pypdf import PdfReader

from conftest import plain
from sitebuild.build_site import PROJECT_DIR, BuildFailed, build
from sitebuild.checks.readability import grade
from sitebuild.postbuild.forms import docx_path, form_pages, pdf_path
from sitebuild.sources.front_matter import read_page

A4 = (595, 842)  # points
FORM_SOURCES = sorted(p for p in (PROJECT_DIR / "docs" / "forms").glob("*.md") if p.name != "index.md")


def printed_part(page_file):
    """The form as it prints: the page's form-sheet, without what shows only on screen."""
    form = lxml_html.fromstring(page_file.read_text("utf-8")).find_class("form-sheet")[0]
    for hidden in form.xpath('.//*[contains(concat(" ", @class, " "), " screen-only ") '
                             'or contains(concat(" ", @class, " "), " sheet-tools ") '
                             'or contains(concat(" ", @class, " "), " page-review ")]'):
        hidden.drop_tree()
    return form


def document_text(document) -> str:
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return plain(" ".join([p.text for p in document.paragraphs] + cells))


def test_every_form_page_is_built_as_a_form(site_dir):
    built = {page.parent.name for page in form_pages(site_dir)}
    assert built == {source.stem for source in FORM_SOURCES}, "a page in docs/forms/ is not a form"
    assert len(built) >= 9, built


def test_each_form_prints_on_its_pages_of_a4_with_its_review_date(site_dir):
    for page_file in form_pages(site_dir):
        source = PROJECT_DIR / "docs" / "forms" / f"{page_file.parent.name}.md"
        limit = read_page(source)[0].get("print_pages", 1)
        pdf = PdfReader(pdf_path(page_file))
        name = page_file.parent.name
        assert 1 <= len(pdf.pages) <= limit <= 2, f"{name} prints on {len(pdf.pages)} pages"
        box = pdf.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == A4, name
        text = plain(" ".join(page.extract_text() for page in pdf.pages))
        assert re.search(r"Last reviewed \d{1,2} [A-Z][a-z]+ 20\d\d", text), name
        assert "How to use this form" not in text and "Download as Word" not in text, name
        for label in printed_part(page_file).find_class("form-field__label"):
            assert plain(label.text_content()) in text, f"{name} does not print {label.text_content()!r}"


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_each_word_copy_opens_with_the_forms_headings_and_every_field_label(built_site):
    assert form_pages(built_site)
    for page_file in form_pages(built_site):
        name = page_file.parent.name
        document = docx.Document(str(docx_path(page_file)))
        form = printed_part(page_file)
        headings = [plain(p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
        expected = [plain(h.text_content()) for h in form.xpath(".//h1|.//h2|.//h3")]
        assert headings == expected, f"{name}: Word headings {headings} != {expected}"
        text = document_text(document)
        labels = [plain(e.text_content()) for e in form.find_class("form-field__label")
                  + form.find_class("form-signature__name") + form.xpath('.//*[@class="form-log"]//th')]
        items = [plain(li.text_content()) for li in form.xpath('.//*[@class="form-checklist"]//li')]
        assert labels, f"{name} has no fields"
        for label in labels + items:
            assert label in text, f"{name}.docx lacks {label!r}"
        assert document.core_properties.title == expected[0], name
        assert re.search(r"Last reviewed \d{1,2} [A-Z][a-z]+ 20\d\d", text), name


def test_forms_link_their_pdf_and_word_copy_and_the_landing_page_links_every_form(site_dir):
    landing = (site_dir / "forms" / "index.html").read_text("utf-8")
    for page_file in form_pages(site_dir):
        name = page_file.parent.name
        html = page_file.read_text("utf-8")
        assert f'href="{name}.pdf"' in html and f'href="{name}.docx"' in html, name
        for target in (f"{name}/", f"{name}/{name}.pdf", f"{name}/{name}.docx"):
            assert f'href="{target}"' in landing, f"forms/index.md does not link {target}"
    for section in ("schools", "organisations", "sheets"):
        assert 'href="../forms/"' in (site_dir / section / "index.html").read_text("utf-8"), section


def test_a_wrong_field_option_stops_the_build_naming_the_file_and_line(project_copy, tmp_path):
    form = project_copy / "docs" / "forms" / "record-of-concern-club.md"
    text = form.read_text("utf-8")
    lines = text.splitlines()
    number = lines.index("/// field | Child's name") + 2  # the option's line, counted from 1
    assert lines[number - 1] == "    width: half"
    form.write_text(text.replace("/// field | Child's name\n    width: half",
                                 "/// field | Child's name\n    lines: lots"), "utf-8")
    with pytest.raises(BuildFailed) as failure:
        build("mkdocs", tmp_path / "site", project_dir=project_copy, site_url="")
    assert (f"docs/forms/record-of-concern-club.md:{number}: '/// field' option 'lines: lots' "
            f"is not allowed; use a whole number from 1 to 20") in failure.value.output


def test_the_childrens_code_reads_at_a_ten_year_olds_level(site_dir):
    # Flesch-Kincaid grade 5 is about age 10 to 11; the check's own limit for clubs is 9.
    html = (site_dir / "forms" / "code-of-conduct-children" / "index.html").read_text("utf-8")
    assert grade(html) <= 5, f"forms/code-of-conduct-children.md reads at grade {grade(html):.1f}"


def test_the_forms_pack_holds_every_form_in_the_landing_page_order(site_dir):
    """forms/all-forms.pdf: every form's pages, in the order the forms page lists them,
    each form bookmarked with its title, linked from the forms page."""
    landing = (site_dir / "forms" / "index.html").read_text("utf-8")
    forms = sorted(form_pages(site_dir), key=lambda page: landing.index(f'href="{page.parent.name}/"'))
    pack = PdfReader(site_dir / "forms" / "all-forms.pdf")
    pdfs = [PdfReader(pdf_path(page)) for page in forms]
    assert len(pack.pages) == sum(len(pdf.pages) for pdf in pdfs)
    assert [item.title for item in pack.outline] == [pdf.metadata.title for pdf in pdfs]
    first_pages = [pdf.pages[0] for pdf in pdfs]
    starts = [sum(len(pdf.pages) for pdf in pdfs[:i]) for i in range(len(pdfs))]
    for start, first, page in zip(starts, first_pages, forms):
        assert plain(pack.pages[start].extract_text())[:40] == plain(first.extract_text())[:40], \
            page.parent.name
    assert '<a href="all-forms.pdf" download>' in landing, "the forms page does not link the pack"


def test_make_build_says_what_it_printed(site_dir, capsys):
    """`make build` ends by naming every sheet PDF (with its type size and fill), every
    form PDF beside its Word copy, and the print packs."""
    from sitebuild.build_site import print_pdf_report

    print_pdf_report(site_dir)
    said = capsys.readouterr().out
    for pdf in [*site_dir.glob("sheets/*/*.pdf"), *site_dir.glob("forms/*/*.pdf")]:
        assert str(pdf.relative_to(site_dir)) in said, f"{pdf.name} is not named"
    assert re.search(r"sheets/\S+\.pdf: type \d+\.\d pt", said), said
    for pack in ("sheets/all-sheets.pdf", "forms/all-forms.pdf"):
        assert pack in said, f"the pack {pack} is not named"


def test_a_word_copy_is_made_again_only_when_its_form_changes(site_dir, tmp_path, monkeypatch):
    """The build keeps each Word copy in a cache by its page's exact HTML: a build that
    changed no form reuses them (the same files); a changed form gets a new copy; a copy
    no build has used for KEEP_DAYS is forgotten (not sooner: another build, with other
    pages, may be using it)."""
    from sitebuild.postbuild import build_cache, form_docx

    site = tmp_path / "site"
    for page_file in form_pages(site_dir):
        target = site / page_file.relative_to(site_dir)
        target.parent.mkdir(parents=True)
        target.write_text(page_file.read_text("utf-8"), encoding="utf-8")
    cache = tmp_path / "cache"
    first = {path: path.read_bytes() for path in form_docx.write_form_documents(site, cache)}
    assert len(list(cache.glob("*.docx"))) == len(first) == len(form_pages(site_dir))

    def never(page_html):
        raise AssertionError("a Word copy was made again for a form that did not change")

    with monkeypatch.context() as patched:
        patched.setattr(form_docx, "form_document", never)
        again = {path: path.read_bytes() for path in form_docx.write_form_documents(site, cache)}
    assert again == first

    changed = form_pages(site)[0]
    label = "A label added to this form"
    changed.write_text(changed.read_text("utf-8").replace("</h1>", f"</h1><p>{label}</p>", 1), encoding="utf-8")
    form_docx.write_form_documents(site, cache)
    assert label in document_text(docx.Document(docx_path(changed)))
    assert len(list(cache.glob("*.docx"))) == len(first) + 1, "the new copy was not kept"

    # Every copy last used long ago: the next build keeps those it uses, forgets the other.
    long_ago = time.time() - (build_cache.KEEP_DAYS + 1) * 86400
    for path in cache.glob("*.docx"):
        os.utime(path, (long_ago, long_ago))
    form_docx.write_form_documents(site, cache)
    assert len(list(cache.glob("*.docx"))) == len(first), "the unused old copy was kept"


def test_a_form_is_printed_again_only_when_it_changes(site_dir, tmp_path):
    """The build keeps each form's PDF in a cache (as the sheets'): a form that did not
    change is taken from there without printing; a changed one is printed again. Two
    forms, two builds, to keep it short."""
    from sitebuild.postbuild.form_pdfs import write_form_pdfs_apart

    built, project = tmp_path / "built", tmp_path / "project"
    shutil.copytree(site_dir, built)
    unchanged, changed, *others = form_pages(built)
    for other in others:
        shutil.rmtree(other.parent)
    cache = project / ".cache" / "form-pdfs"

    def print_a_new_build(number: int) -> dict[str, bytes]:
        site = shutil.copytree(built, tmp_path / f"build-{number}")
        write_form_pdfs_apart(site, project)
        return {form.parent.name: pdf_path(site / form.relative_to(built)).read_bytes()
                for form in (unchanged, changed)}

    first = print_a_new_build(1)
    assert sorted(path.read_bytes() for path in cache.iterdir()) == sorted(first.values())

    # Mark the kept PDFs: a build that prints a form again cannot produce the mark.
    mark = b"\n% taken from the cache\n"
    for path in cache.iterdir():
        path.write_bytes(path.read_bytes() + mark)
    label = "A line added to this form"
    changed.write_text(changed.read_text("utf-8").replace("</h1>", f"</h1><p>{label}</p>", 1), encoding="utf-8")
    second = print_a_new_build(2)
    assert second[unchanged.parent.name].endswith(mark), "the unchanged form was printed again"
    assert not second[changed.parent.name].endswith(mark), "the changed form was not printed again"
    assert label in plain(PdfReader(io.BytesIO(second[changed.parent.name])).pages[0].extract_text())
    assert len(list(cache.iterdir())) == 3, "the changed form's print was not kept"
