"""Print each sheet (pages under sheets/ marked `print_sheet: true`) to an A4 PDF.

A post-build step, run by `make build` and the deploy workflow: sheets/NAME/index.html
becomes sheets/NAME/NAME.pdf, which the sheet page links to. Chromium prints the page as a
reader's browser would, from the site served on loopback, so the PDF matches the print.
A sheet is one A4 page: one that prints on more fails the build, naming its source file.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from sitebuild.devtools import chromium
from sitebuild.devtools.local_server import serve
from sitebuild.errors import ContentError
from sitebuild.postbuild.built_page import BuiltPage, Site


def sheet_pages(site_dir: Path) -> list[Path]:
    sheets = site_dir / "sheets"
    return sorted(p for p in sheets.glob("*/index.html") if 'class="print-sheet"' in p.read_text("utf-8"))


def pdf_path(page: Path) -> Path:
    return page.parent / f"{page.parent.name}.pdf"


def write_sheet_pdfs(site_dir: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    written = []
    with serve(site_dir) as base, sync_playwright() as playwright:
        browser = chromium.launch(playwright)
        # Printed as a reader without JavaScript would see it: nothing depends on scripts.
        context = browser.new_context(java_script_enabled=False)
        for page_file in sheet_pages(site_dir):
            page = context.new_page()
            page.goto(f"{base}/{page_file.parent.relative_to(site_dir).as_posix()}/")
            # Tagged PDFs carry the page's language (from <html lang>) as well as its title.
            page.pdf(path=str(pdf_path(page_file)), format="A4", prefer_css_page_size=True,
                     print_background=True, tagged=True)
            page.close()
            written.append(pdf_path(page_file))
        browser.close()
    return written


def sheets_over_one_page(site: Site) -> list[str]:
    """A problem for each sheet whose PDF has more than one page, naming its source."""
    problems = []
    for page_file in sheet_pages(site.site_dir):
        pages = len(PdfReader(pdf_path(page_file)).pages)
        if pages > 1:
            page = BuiltPage(page_file, site, "")
            where = (page.source.relative_to(site.project_dir).as_posix()
                     if page.source and page.source.is_relative_to(site.project_dir)
                     else page.name)
            problems.append(f"{where}: the printable sheet prints on {pages} A4 pages, not one; "
                            f"shorten it (fewer or shorter lines, or move detail to a guide page "
                            f"and link to it), or split it into two sheets.")
    return problems


def write_sheet_pdfs_apart(site_dir: Path, project_dir: Path | None = None) -> None:
    """write_sheet_pdfs in a process of its own: Playwright's sync API cannot start inside
    a program (such as the test run) that is already driving a browser with it. Raises
    ContentError if a sheet prints on more than one page; RuntimeError if printing failed."""
    result = subprocess.run([sys.executable, "-m", "sitebuild.postbuild.sheet_pdfs", str(site_dir)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        output = result.stdout + result.stderr
        # Chromium missing is a setup step, not a bug: its own sentence says what to install.
        missing = [line for line in output.splitlines() if "ChromiumMissing: " in line]
        message = missing[-1].split("ChromiumMissing: ", 1)[1] if missing else output
        raise RuntimeError(f"printing the sheet PDFs failed: {message}")
    problems = sheets_over_one_page(Site(site_dir, project_dir or site_dir))
    if problems:
        raise ContentError("\n".join(problems), problems)


if __name__ == "__main__":
    for written in write_sheet_pdfs(Path(sys.argv[1])):
        print(written)
