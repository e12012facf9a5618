"""A Word copy of each form, to fill in on a computer: forms/NAME/NAME.docx.

Made at every build (a site step of sitebuild/postbuild/pipeline.py) from the form's built
page, so it holds what the printed form holds, from the same Markdown: headings,
paragraphs and lists, each `/// field` as a labelled box with empty lines, each
`/// signature` and `/// log` as a table, each `/// checklist` item with a box to tick,
and the footer with the review date. What the page shows only on screen (the "How to use
this form" section, the buttons) is left out, as on paper.
"""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.shared import Mm, Pt
from lxml import html as lxml_html

from sitebuild.postbuild.build_cache import forget_unused, key, made_once
from sitebuild.postbuild.forms import docx_path, form_pages

# Parts of a form's page that belong to the screen, not to the form.
SKIP = {"screen-only", "sheet-tools", "page-review", "md-content__button", "headerlink",
        "sheet-qr", "md-source-file", "md-tags"}
TICK_BOX = "\u2610 "  # ☐


def classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def text_of(element) -> str:
    return " ".join(element.text_content().split())


def add_runs(paragraph, element, bold: bool = False, italic: bool = False) -> None:
    """The element's text into the paragraph, keeping bold and italic words."""
    if element.text:
        paragraph.add_run(re.sub(r"\s+", " ", element.text)).bold = bold or None
    for child in element:
        if not isinstance(child.tag, str) or classes(child) & SKIP:
            pass
        elif child.tag == "br":
            paragraph.add_run().add_break()
        elif child.tag in ("ul", "ol"):
            pass  # a nested list: its own paragraphs
        else:
            add_runs(paragraph, child, bold or child.tag in ("strong", "b"),
                     italic or child.tag in ("em", "i"))
        if child.tail:
            run = paragraph.add_run(re.sub(r"\s+", " ", child.tail))
            run.bold, run.italic = bold or None, italic or None
    for run in paragraph.runs:
        if italic:
            run.italic = True
    # HTML's line breaks at the start of a paragraph are not text.
    if paragraph.runs and paragraph.runs[0].text[:1] == " ":
        paragraph.runs[0].text = paragraph.runs[0].text.lstrip()


def add_list(document, element, checklist: bool, level: int = 1) -> None:
    numbered = element.tag == "ol"
    style = ("List Number" if numbered else "List Bullet") + ("" if level == 1 else " 2")
    for item in element.iterchildren("li"):
        paragraph = document.add_paragraph(style=None if checklist else style)
        if checklist:
            paragraph.add_run(TICK_BOX)
        # A loose list item holds its text in <p>s.
        parts = [child for child in item if child.tag == "p"] or [item]
        for part in parts:
            add_runs(paragraph, part)
        for nested in item.iterchildren("ul", "ol"):
            add_list(document, nested, checklist, level + 1)


def boxed(document):
    table = document.add_table(rows=1, cols=1)
    table.style = "Table Grid"
    return table.cell(0, 0)


def add_field(document, element) -> None:
    cell = boxed(document)
    first = True
    for child in element:
        if "form-field__label" in classes(child):
            paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
            paragraph.add_run(text_of(child)).bold = True
            first = False
        elif child.tag == "p":
            add_runs(cell.add_paragraph(), child, italic=True)
    for _ in range(int(element.get("data-lines") or 1)):
        cell.add_paragraph()
    document.add_paragraph()


def add_signature(document, element) -> None:
    label = element.find_class("form-field__label")
    if label:
        document.add_paragraph().add_run(text_of(label[0])).bold = True
    parts = [text_of(name) for name in element.find_class("form-signature__name")]
    table = document.add_table(rows=2, cols=len(parts))
    table.style = "Table Grid"
    for column, part in enumerate(parts):
        table.cell(0, column).text = part
        table.cell(1, column).add_paragraph()
    document.add_paragraph()


def add_table(document, table_element, bold_header: bool = True) -> None:
    rows = [row for row in table_element.iter("tr")]
    if not rows:
        return
    width = max(len(row.findall("th") + row.findall("td")) for row in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, cell in enumerate(row.findall("th") + row.findall("td")):
            target = table.cell(r, c)
            target.text = text_of(cell)
            if cell.tag == "th" and bold_header:
                for run in target.paragraphs[0].runs:
                    run.bold = True
            if not text_of(cell):
                target.add_paragraph()  # room to write
    document.add_paragraph()


def add_block(document, element, checklist: bool = False) -> None:
    """One element of the form's page, and what is inside it."""
    if not isinstance(element.tag, str) or classes(element) & SKIP or element.tag in ("script", "style"):
        return
    tag, kind = element.tag, classes(element)
    if re.fullmatch(r"h[1-6]", tag):
        document.add_heading(text_of(element), level=int(tag[1]))
    elif "form-field" in kind:
        add_field(document, element)
    elif "form-signature" in kind:
        add_signature(document, element)
    elif tag in ("ul", "ol"):
        add_list(document, element, checklist)
    elif tag == "table":
        add_table(document, element)
    elif tag == "p":
        if text_of(element):
            add_runs(document.add_paragraph(), element)
    elif tag == "dl":
        for child in element:
            if child.tag == "dt":
                document.add_paragraph().add_run(text_of(child)).bold = True
            elif child.tag == "dd":
                add_runs(document.add_paragraph(), child)
    elif tag == "hr":
        return
    elif len(element):
        # A box (urgent box, log, checklist, table wrapper, footer): what is inside it.
        for child in element:
            add_block(document, child, checklist or "form-checklist" in kind)
    elif text_of(element):
        add_runs(document.add_paragraph(), element)


def a4(document) -> None:
    for section in document.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Mm(15))


def form_document(page_html: str) -> docx.document.Document:
    """The Word copy of one built form page."""
    tree = lxml_html.fromstring(page_html)
    form = tree.find_class("form-sheet")[0]
    document = docx.Document()
    a4(document)
    document.styles["Normal"].font.size = Pt(11)
    title = tree.find(".//title")
    headings = form.xpath(".//h1")
    properties = document.core_properties
    properties.title = text_of(headings[0]) if headings else (text_of(title) if title is not None else "")
    properties.language = tree.get("lang") or "en"
    footer_names = form.xpath('.//footer[contains(@class, "sheet-footer")]//strong')
    properties.author = text_of(footer_names[0]) if footer_names else ""
    for child in form:
        add_block(document, child)
    return document


# A Word copy depends only on its page and on how it is made: this code, python-docx.
MADE_BY = f"{docx.__version__} {hashlib.sha256(Path(__file__).read_bytes()).hexdigest()}"


def write_form_documents(site_dir: Path, cache_dir: Path | None = None) -> list[Path]:
    """Write each form's Word copy. With cache_dir, a copy made before from the very same
    page is reused: most builds (each preview rebuild) change no form, and making the
    copies is a good part of the post-build steps' time."""
    written = []
    for page_file in form_pages(site_dir):
        page_html = page_file.read_text("utf-8")
        kept = cache_dir / f"{key(MADE_BY, page_html)}.docx" if cache_dir else None
        target = docx_path(page_file)
        target.write_bytes(made_once(kept, lambda: _document_bytes(page_html)))
        written.append(target)
    if cache_dir is not None:
        forget_unused(cache_dir)
    return written


def _document_bytes(page_html: str) -> bytes:
    buffer = io.BytesIO()
    form_document(page_html).save(buffer)
    return buffer.getvalue()
