"""Which built pages are forms, and where their PDF and Word copies go.

A form is a page under docs/forms/ marked `print_sheet: true`: the theme wraps it in
`<div class="print-sheet form-sheet">` (overrides/main.html). forms/NAME/index.html has
forms/NAME/NAME.pdf (printed with `--pdf`, sitebuild/postbuild/form_pdfs.py) and
forms/NAME/NAME.docx (made at every build, sitebuild/postbuild/form_docx.py), which the
form's page links to (overrides/partials/sheet-tools.html).
"""

from __future__ import annotations

from pathlib import Path

from sitebuild.postbuild.built_page import BuiltPage, Site
from sitebuild.sources.front_matter import FrontMatterError, read_page

FORM_MARK = 'class="print-sheet form-sheet"'


def form_pages(site_dir: Path) -> list[Path]:
    return sorted(p for p in (site_dir / "forms").glob("*/index.html")
                  if FORM_MARK in p.read_text("utf-8"))


def pdf_path(page: Path) -> Path:
    return page.parent / f"{page.parent.name}.pdf"


def docx_path(page: Path) -> Path:
    return page.parent / f"{page.parent.name}.docx"


def source_name(page_file: Path, site: Site) -> str:
    """The form's Markdown file as an author knows it (docs/forms/NAME.md)."""
    page = BuiltPage(page_file, site, "")
    source = page.source
    if source and source.is_relative_to(site.project_dir):
        return source.relative_to(site.project_dir).as_posix()
    return page.name


def page_limit(page_file: Path, site: Site) -> int:
    """How many A4 pages the form may print on: its `print_pages`, or 1."""
    source = BuiltPage(page_file, site, "").source
    if source is None:
        return 1
    try:
        meta = read_page(source)[0] or {}
    except FrontMatterError:
        return 1  # the page contract has already stopped the build
    return int(meta.get("print_pages") or 1)
