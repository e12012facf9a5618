"""Print each sheet (pages under sheets/ marked `print_sheet: true`) to an A4 PDF, in the
largest type at which it still fits one page, with a small picture of the page.

A post-build step, run by `make build` and the deploy workflow: sheets/NAME/index.html
becomes sheets/NAME/NAME.pdf, which the sheet page links to, and sheets/NAME/NAME.png,
the picture the Printable sheets page shows (print_packs.py). Chromium prints the page as
a reader's browser would, from the site served on loopback, so the PDF matches the print.
Printing is most of a build's time with --pdf, so a sheet printed before from the very
same page and files, by the same Chromium and code, is taken from a cache (SheetCache).

The sheet's type is 10.5 pt times --sheet-scale (sheet-print.css). For each sheet a short
search prints it at a few scales and keeps the largest that fits one page; a rule at the
end of the built sheet-print.css then gives the sheet that scale, so a reader printing
from the browser gets the same page. A sheet that prints on more than one page even at
the smallest scale, or whose text ends above FILL_NEEDED of the page even at the largest
that fits, fails the build, naming its source file.
"""

from __future__ import annotations

import hashlib
import io
import sys
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from sitebuild.devtools import chromium
from sitebuild.devtools.local_server import serve
from sitebuild.errors import ContentError
from sitebuild.postbuild.build_cache import files_digest, forget_unused, keep, key, read_kept
from sitebuild.postbuild.built_page import BuiltPage, Site
from sitebuild.postbuild import pdf_text
from sitebuild.postbuild.pdf_text import MM, SHEET_MARGIN, filled_share, text_runs
from sitebuild.postbuild.print_apart import print_apart

BODY_PT = 10.5  # the sheet's type at scale 1 (sheet-print.css): never smaller
MIN_SCALE, MAX_SCALE = 1.0, 2.0
FILL_NEEDED = 0.85  # the last line of text at least this far down the printable area
FILL_AIMED = 0.99  # what the search aims for
PRINTS_PER_SHEET = 6  # at most, the first at scale 1 included
SCALE_STYLE = "assets/stylesheets/sheet-print.css"
# The sheet picture: the printed page, in grey, this many pixels across and down (A4).
# Three greys and 70 pixels across keep each under 1 KiB: the Printable sheets page shows
# seven and must stay within the site's 80 KiB first load.
THUMBNAIL_SIZE = (70, 99)
# Shrunk, text is a light grey smudge: darker than PAPER is drawn as a line of text (grey),
# darker than INK as a heading (near black).
INK, PAPER = 90, 200
PX_PER_MM = 96 / 25.4
A4_MM = (210, 297)
SIDE_MARGIN_MM = TOP_MARGIN_MM = SHEET_MARGIN / MM  # @page in sheet-print.css


def sheet_pages(site_dir: Path) -> list[Path]:
    sheets = site_dir / "sheets"
    return sorted(p for p in sheets.glob("*/index.html") if 'class="print-sheet"' in p.read_text("utf-8"))


def pdf_path(page: Path) -> Path:
    return page.parent / f"{page.parent.name}.pdf"


def thumbnail_path(page: Path) -> Path:
    return page.parent / f"{page.parent.name}.png"


def one_page_fill(pdf: bytes) -> float | None:
    """How far down its page the printed sheet's text reaches (filled_share), or None if
    it printed on more than one page. The PDF is read once for both."""
    reader = PdfReader(io.BytesIO(pdf))
    return filled_share(reader.pages[0]) if len(reader.pages) == 1 else None


def body_size(pdf_page) -> float:
    """The size of most of the page's text (by characters): its body text, in points."""
    characters: dict[float, int] = {}
    for run in text_runs(pdf_page):
        characters[run.size] = characters.get(run.size, 0) + len(run.text)
    return max(characters, key=characters.get) if characters else 0.0


class ScaledSheet:
    """A sheet in the browser, shown at a chosen scale. The scale comes in a rule added to
    sheet-print.css as the browser fetches it, and the page is loaded again: a page with
    no scripts cannot be given a style element, and its policy would refuse one."""

    def __init__(self, context, url: str, style: str):
        self.page = context.new_page()
        self.url = url
        self.rule = ""
        self.page.route(f"**/{SCALE_STYLE}", lambda route: route.fulfill(
            status=200, content_type="text/css", body=style + self.rule))

    def show(self, scale: float) -> None:
        self.rule = f"\n.print-sheet{{--sheet-scale:{scale:.4f} !important}}\n"
        self.page.goto(self.url)

    def pdf(self, scale: float) -> bytes:
        self.show(scale)
        return self.page.pdf(format="A4", prefer_css_page_size=True, print_background=True,
                             tagged=True)


def _next_scale(low: float, low_fill: float, high: float) -> float:
    """The next scale to try, between one that fits (low) and one that does not (high)."""
    # A sheet's text takes about the square of its size in height (more lines, each
    # taller), so this guesses the scale that just fills the page.
    guess = low * (FILL_AIMED / max(low_fill, 0.05)) ** 0.5
    if low < guess < high - 0.01:
        return guess
    return (low + high) / 2


def fitted_pdf(sheet: ScaledSheet) -> tuple[float, bytes]:
    """The sheet printed at the largest scale found that fits one page, and that scale.
    At MIN_SCALE if even that does not fit (sheet_problems then reports it)."""
    best_scale, best = MIN_SCALE, sheet.pdf(MIN_SCALE)
    fill = one_page_fill(best)
    if fill is None:
        return best_scale, best
    high = MAX_SCALE + 0.001
    for _ in range(PRINTS_PER_SHEET - 1):
        if high - best_scale < 0.01 or fill >= FILL_AIMED:
            break
        scale = min(_next_scale(best_scale, fill, high), MAX_SCALE)
        pdf = sheet.pdf(scale)
        scaled_fill = one_page_fill(pdf)
        if scaled_fill is None:
            high = scale
        else:
            best_scale, best, fill = scale, pdf, scaled_fill
    return best_scale, best


def thumbnail(page) -> bytes:
    """A small grey picture of the printed page (PNG): the sheet in print styles, at the
    scale it was printed in, on a white A4 page with the print margins."""
    from PIL import Image

    shot = Image.open(io.BytesIO(page.screenshot())).convert("L")
    width, height = (round(mm * PX_PER_MM) for mm in A4_MM)
    sheet = Image.new("L", (width, height), 255)
    sheet.paste(shot, (round(SIDE_MARGIN_MM * PX_PER_MM), round(TOP_MARGIN_MM * PX_PER_MM)))
    small = sheet.resize(THUMBNAIL_SIZE, Image.Resampling.LANCZOS)
    # Three greys are enough for a page this small, and make the file a fraction the size.
    small = small.point(lambda grey: 40 if grey < INK else 160 if grey < PAPER else 255)
    png = io.BytesIO()
    small.quantize(3).save(png, format="PNG", optimize=True)
    return png.getvalue()


@dataclass(frozen=True)
class Printed:
    scale: float
    pdf: bytes
    png: bytes


def print_sheet(context, url: str, style: str) -> Printed:
    sheet = ScaledSheet(context, url, style)
    scale, pdf = fitted_pdf(sheet)
    sheet.page.emulate_media(media="print")
    sheet.show(scale)
    png = thumbnail(sheet.page)
    sheet.page.close()
    return Printed(scale, pdf, png)


CODE = hashlib.sha256(Path(__file__).read_bytes() + Path(pdf_text.__file__).read_bytes()).hexdigest()


class SheetCache:
    """Printed sheets by a key of everything the print depends on: the page, the files it
    loads, the Chromium that prints it and this code (kept as build_cache keeps files)."""

    def __init__(self, folder: Path | None, made_by: str):
        self.folder, self.made_by = folder, made_by

    def key(self, page_html: str) -> str:
        return key(self.made_by, page_html)

    def get(self, key: str) -> Printed | None:
        if self.folder is None:
            return None
        # The scale first: it is written last, so an entry is whole once it is there.
        parts = [read_kept(self.folder / f"{key}.{kind}") for kind in ("scale", "pdf", "png")]
        if None in parts:
            return None
        scale, pdf, png = parts
        return Printed(float(scale), pdf, png)

    def put(self, key: str, printed: Printed) -> None:
        if self.folder is None:
            return
        for kind, data in (("pdf", printed.pdf), ("png", printed.png), ("scale", str(printed.scale).encode())):
            keep(self.folder / f"{key}.{kind}", data)

    def forget_old(self) -> None:
        if self.folder is not None:
            forget_unused(self.folder)


def write_sheet_pdfs(site_dir: Path, cache_dir: Path | None = None) -> list[tuple[Path, float]]:
    """Print every sheet (or take it from the cache in cache_dir); return each PDF
    written and the scale it was printed at."""
    from playwright.sync_api import sync_playwright

    written = []
    printable = {"width": round((A4_MM[0] - 2 * SIDE_MARGIN_MM) * PX_PER_MM),
                 "height": round((A4_MM[1] - 2 * TOP_MARGIN_MM) * PX_PER_MM)}
    style = (site_dir / SCALE_STYLE).read_text("utf-8")
    pages = sheet_pages(site_dir)
    with serve(site_dir) as base, sync_playwright() as playwright:
        browser = chromium.launch(playwright)
        made_by = (f"{browser.version} {CODE} "
                   f"{files_digest(site_dir, {thumbnail_path(page) for page in pages})}") if cache_dir else ""
        cache = SheetCache(cache_dir, made_by)
        # Printed as a reader without JavaScript would see it: nothing depends on scripts.
        context = browser.new_context(java_script_enabled=False, viewport=printable)
        for page_file in pages:
            key = cache.key(page_file.read_text("utf-8"))
            printed = cache.get(key)
            if printed is None:
                url = f"{base}/{page_file.parent.relative_to(site_dir).as_posix()}/"
                printed = print_sheet(context, url, style)
                cache.put(key, printed)
            pdf_path(page_file).write_bytes(printed.pdf)
            thumbnail_path(page_file).write_bytes(printed.png)
            written.append((pdf_path(page_file), printed.scale))
        browser.close()
    cache.forget_old()
    add_scale_rules(site_dir, {path.parent: scale for path, scale in written})
    return written


def add_scale_rules(site_dir: Path, scales: dict[Path, float]) -> None:
    """Give each sheet its scale in the built sheet-print.css, for readers who print
    from the browser."""
    rules = "".join(f'.print-sheet[data-sheet="{folder.relative_to(site_dir).as_posix()}/"]'
                    f"{{--sheet-scale:{scale:.4f}}}" for folder, scale in sorted(scales.items()))
    style = site_dir / SCALE_STYLE
    style.write_text(style.read_text("utf-8") + f"\n@media print{{{rules}}}\n", encoding="utf-8")


@dataclass(frozen=True)
class PrintedSheet:
    pdf: Path
    pages: int
    body_pt: float
    filled: float  # how far down the printable area the text ends, 0 to 1


def printed_sheets(site_dir: Path) -> list[PrintedSheet]:
    sheets = []
    for page_file in sheet_pages(site_dir):
        reader = PdfReader(pdf_path(page_file))
        first = reader.pages[0]
        sheets.append(PrintedSheet(pdf_path(page_file), len(reader.pages), body_size(first),
                                   filled_share(first)))
    return sheets


def sheet_problems(site: Site) -> list[str]:
    """A problem for each sheet that is not one full page, naming its source."""
    problems = []
    for sheet in printed_sheets(site.site_dir):
        page = BuiltPage(sheet.pdf.parent / "index.html", site, "")
        where = (page.source.relative_to(site.project_dir).as_posix()
                 if page.source and page.source.is_relative_to(site.project_dir)
                 else page.name)
        if sheet.pages > 1:
            problems.append(
                f"{where}: the printable sheet prints on {sheet.pages} A4 pages, not one, even "
                f"in the smallest type a sheet may have ({BODY_PT:g} pt); shorten it (fewer or "
                f"shorter lines, or move detail to a guide page and link to it), or split it "
                f"into two sheets.")
        elif sheet.filled < FILL_NEEDED:
            largest = sheet.body_pt >= BODY_PT * MAX_SCALE - 0.1
            why = ("even in the largest type a sheet may have"
                   if largest else "in the largest type that still fits one page")
            fix = ("add to it, or join it with another sheet" if largest else
                   "a block that cannot split between the two columns (a box, a long list) "
                   "leaves the gap: shorten or split that block, or add a little to the sheet")
            problems.append(
                f"{where}: the printable sheet does not fill its A4 page: {why} "
                f"({sheet.body_pt:.1f} pt) its text ends {sheet.filled:.0%} of the way down, "
                f"and a sheet must reach {FILL_NEEDED:.0%}; {fix}.")
    return problems


def write_sheet_pdfs_apart(site_dir: Path, project_dir: Path | None = None) -> None:
    """write_sheet_pdfs in a process of its own: Playwright's sync API cannot start inside
    a program (such as the test run) that is already driving a browser with it. With a
    project_dir, its .cache/sheet-pdfs/ is the cache. Raises ContentError if a sheet is not
    one full A4 page; RuntimeError if printing failed."""
    cache = [str(project_dir / ".cache" / "sheet-pdfs")] if project_dir else []
    print_apart("sitebuild.postbuild.sheet_pdfs", site_dir, "sheet PDFs", *cache)
    problems = sheet_problems(Site(site_dir, project_dir or site_dir))
    if problems:
        raise ContentError("\n".join(problems), problems)


if __name__ == "__main__":
    # SITE_DIR [CACHE_DIR]
    for written, scale in write_sheet_pdfs(Path(sys.argv[1]), *map(Path, sys.argv[2:3])):
        print(f"{written} {scale:.3f}")
