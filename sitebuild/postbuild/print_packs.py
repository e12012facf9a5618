"""Print packs: every PDF of a folder in one file, linked from the folder's landing page,
which also shows a small picture of each page.

Run by the build after the PDFs are printed (`--pdf`), so the links exist only in a
build that has the files they point to. For each folder in PACKS (sheets/, and forms/
once it has forms), the PDFs at FOLDER/NAME/NAME.pdf become FOLDER/all-FOLDER.pdf, in
the order the landing page (FOLDER/index.html) first links them. The landing page then:

- gets a link to the pack where its source has a line starting `<!-- print-pack`, such
  as `<!-- print-pack: the build links every sheet in one PDF here -->` (a page without
  one gets no link);
- shows FOLDER/NAME/NAME.png, where the PDF step made one, at the start of each list
  item that links NAME/NAME.pdf.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject

PACKS = {"sheets": "all-sheets.pdf", "forms": "all-forms.pdf"}
MARKER = re.compile(r"<!-- print-pack\b.*?-->", re.S)
HEADING = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)


def heading(page: Path) -> str:
    """The text of a built page's title (its <h1>)."""
    match = HEADING.search(page.read_text("utf-8"))
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip() if match else page.parent.name


def folder_pdfs(folder: Path) -> list[Path]:
    """Each NAME/NAME.pdf in folder, in the order its landing page first links NAME/
    (a page or its PDF), then the rest by name."""
    pdfs = sorted(path for path in folder.glob("*/*.pdf") if path.stem == path.parent.name)
    landing = folder / "index.html"
    if not landing.exists():
        return pdfs
    text = landing.read_text("utf-8")
    order = {}
    for match in re.finditer(r'href="(?:\./)?([^"/#?]+)/', text):
        order.setdefault(match.group(1), len(order))
    return sorted(pdfs, key=lambda pdf: (order.get(pdf.stem, len(order)), pdf.stem))


def write_pack(folder: Path, name: str) -> Path | None:
    """Every PDF in folder merged into folder/name, each page bookmarked with its title;
    None (and no file) if the folder has none."""
    pdfs = folder_pdfs(folder)
    if not pdfs:
        return None
    writer = PdfWriter()
    for pdf in pdfs:
        title = (PdfReader(pdf).metadata or {}).get("/Title") or heading(pdf.parent / "index.html")
        writer.append(pdf, outline_item=str(title))
    landing = folder / "index.html"
    writer.add_metadata({"/Title": heading(landing) if landing.exists() else folder.name})
    # The language of the pages (Chromium writes it in each PDF), for screen readers.
    language = PdfReader(pdfs[0]).trailer["/Root"].get("/Lang")
    if language:
        writer._root_object[NameObject("/Lang")] = TextStringObject(str(language))
    path = folder / name
    with path.open("wb") as file:
        writer.write(file)
    return path


def size_in_words(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1024:.0f} KiB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def link_pack(landing: Path, pack: Path) -> bool:
    """Put a link to the pack where the landing page has MARKER; False if it has none."""
    text = landing.read_text("utf-8")
    if not MARKER.search(text):
        return False
    pages = len(PdfReader(pack).pages)
    link = (f'<p class="print-pack"><a href="{pack.name}" download><strong>Download every one in '
            f'a single PDF</strong></a> ({pages} pages, {size_in_words(pack)}), to print them '
            f'all at once.</p>')
    landing.write_text(MARKER.sub(lambda _: link, text, count=1), encoding="utf-8")
    return True


def show_pictures(folder: Path) -> None:
    """A picture of each printed page at the start of each landing page list item that
    links its PDF (NAME/NAME.pdf), where the PDF step made one (NAME/NAME.png)."""
    landing = folder / "index.html"
    if not landing.exists():
        return
    from PIL import Image

    text = landing.read_text("utf-8")
    for picture in sorted(folder.glob("*/*.png")):
        name = picture.parent.name
        if picture.stem != name:
            continue
        width, height = Image.open(picture).size
        title = html.escape(heading(picture.parent / "index.html"))
        image = (f'<img class="sheet-thumbnail" src="{name}/{name}.png" width="{width}" '
                 f'height="{height}" loading="lazy" alt="The printed page: {title}">')
        # Each <li> whose text links the PDF, up to its first link.
        item = re.compile(r'<li>(?=(?:(?!</li>).)*?href="' + re.escape(f"{name}/{name}.pdf") + '")',
                          re.S)
        text = item.sub(lambda match: f"<li>{image}", text)
    landing.write_text(text, encoding="utf-8")


def write_packs(site_dir: Path) -> list[Path]:
    """Every pack that has PDFs to hold, linked and pictured on its landing page; the
    packs written."""
    written = []
    for folder_name, pack_name in PACKS.items():
        folder = site_dir / folder_name
        pack = write_pack(folder, pack_name) if folder.is_dir() else None
        if pack is None:
            continue
        written.append(pack)
        if (folder / "index.html").exists():
            link_pack(folder / "index.html", pack)
            show_pictures(folder)
    return written
