"""Print each form (sitebuild/postbuild/forms.py) to an A4 PDF: forms/NAME/NAME.pdf.

Run with the sheet PDFs (`--pdf`: `make build`, the deploy workflow, the tests' build),
in the same way as sitebuild/postbuild/sheet_pdfs.py, but on its own: a form is one A4
page unless its front matter says `print_pages: 2`, and one that prints on more fails the
build, naming its source file. Like the sheets, a print is kept in .cache/form-pdfs/ and
used again by a build whose form page, and all it loads, has not changed.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from pypdf import PdfReader

from sitebuild.devtools import chromium
from sitebuild.devtools.local_server import serve
from sitebuild.errors import ContentError
from sitebuild.postbuild.build_cache import files_digest, forget_unused, key, made_once
from sitebuild.postbuild.built_page import Site
from sitebuild.postbuild.forms import form_pages, page_limit, pdf_path, source_name
from sitebuild.postbuild.print_apart import print_apart


# Part of each kept print's key: a change to how forms are printed prints them again.
CODE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def write_form_pdfs(site_dir: Path, cache_dir: Path | None = None) -> list[Path]:
    """Print every form (or take its PDF from the cache in cache_dir, kept as the sheets'
    are: by the page, the files it loads, the Chromium and this code); return each PDF."""
    from playwright.sync_api import sync_playwright

    written = []
    with serve(site_dir) as base, sync_playwright() as playwright:
        browser = chromium.launch(playwright)
        made_by = f"{browser.version} {CODE} {files_digest(site_dir)}" if cache_dir else ""
        # As a reader without JavaScript would print it, like the sheets.
        context = browser.new_context(java_script_enabled=False)
        for page_file in form_pages(site_dir):
            url = f"{base}/{page_file.parent.relative_to(site_dir).as_posix()}/"
            kept = cache_dir / f"{key(made_by, page_file.read_text('utf-8'))}.pdf" if cache_dir else None
            pdf_path(page_file).write_bytes(made_once(kept, lambda: _print(context, url)))
            written.append(pdf_path(page_file))
        browser.close()
    if cache_dir:
        forget_unused(cache_dir)
    return written


def _print(context, url: str) -> bytes:
    page = context.new_page()
    page.goto(url)
    pdf = page.pdf(format="A4", prefer_css_page_size=True, print_background=True, tagged=True)
    page.close()
    return pdf


def forms_over_their_limit(site: Site) -> list[str]:
    """A problem for each form whose PDF has more pages than its `print_pages` (or 1)."""
    problems = []
    for page_file in form_pages(site.site_dir):
        pages, limit = len(PdfReader(pdf_path(page_file)).pages), page_limit(page_file, site)
        if pages > limit:
            allowed = "one" if limit == 1 else str(limit)
            more = ("; if it cannot fit on one, add 'print_pages: 2' to its front matter"
                    if limit == 1 else "")
            problems.append(f"{source_name(page_file, site)}: the form prints on {pages} A4 pages, "
                            f"not {allowed}; shorten it (fewer lines to write on, shorter "
                            f"hints, or guidance moved to the page it comes from){more}.")
    return problems


def write_form_pdfs_apart(site_dir: Path, project_dir: Path | None = None) -> None:
    """write_form_pdfs in a process of its own (Playwright's sync API cannot start inside
    a program already driving a browser with it). With a project_dir, its
    .cache/form-pdfs/ is the cache. Raises ContentError if a form prints on more pages
    than it may; RuntimeError if printing failed."""
    cache = [str(project_dir / ".cache" / "form-pdfs")] if project_dir else []
    print_apart("sitebuild.postbuild.form_pdfs", site_dir, "form PDFs", *cache)
    problems = forms_over_their_limit(Site(site_dir, project_dir or site_dir))
    if problems:
        raise ContentError("\n".join(problems), problems)


def stand_in_form_pdfs(site_dir: Path) -> None:
    """An empty file where `--pdf` prints each form's PDF, so that the offline link check
    (make check) judges the links to them without printing them."""
    for page in form_pages(site_dir):
        pdf_path(page).touch()


if __name__ == "__main__":
    # SITE_DIR [CACHE_DIR]
    for written in write_form_pdfs(Path(sys.argv[1]), *map(Path, sys.argv[2:3])):
        print(written)
