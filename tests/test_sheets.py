"""Printable sheets: one full A4 page each, in large near-black type, with the right
contacts, address, QR code and date; the print pack and the pictures of each page.

The sheets are read from the session's builds (conftest.py): the published build, as the
deploy workflow makes it, with a public address (SITE_URL), and the ordinary one, without;
both print the sheet PDFs, which these tests read.
"""

import io
import re
import shutil

import pytest
import yaml
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from conftest import PHONE, PUBLIC_ADDRESS, REPOSITORY, plain
from sitebuild.build_site import PROJECT_DIR
from sitebuild.postbuild.pdf_text import filled_share, text_runs
from sitebuild.postbuild.print_packs import write_packs
from sitebuild.postbuild.sheet_pdfs import pdf_path, sheet_pages, thumbnail_path
from site_pages import html_file_for, nav_page_urls

SERVICES = yaml.safe_load((PROJECT_DIR / "data" / "contacts.yml").read_text())["services"]
NUMBERS = {n["display"] for s in SERVICES for n in s["phones"]}
A4 = (595, 842)  # points
SMALLEST_BODY_PT = 10.5
SMALLEST_FOOTER_PT = 8.5
FILLED = 0.85  # the last line of text at least this far down the printable area
FIRST_LOAD_BUDGET = 80 * 1024  # bytes, every page (README, "Performance")
# Text that belongs to the screen (header, menus, help strip, tools), never to paper.
SCREEN_ONLY = ["Skip to content", "Child in danger now?", "Print this page", "Download as PDF",
               "Clubs and organisations", "About this page"]


@pytest.fixture(scope="module")
def published_site(published_site_dir, published_site_url):
    return published_site_dir, published_site_url


def sheets(site):
    return [page.parent.relative_to(site).as_posix() + "/" for page in sheet_pages(site)]


def built_pdf(site, url):
    """The PDF the build printed for the sheet at url (sheets/NAME/NAME.pdf)."""
    return PdfReader(pdf_path(site / html_file_for(url)))


def test_there_are_at_least_seven_sheets(published_site):
    site, _ = published_site
    assert len(sheets(site)) >= 7, sheets(site)


def test_each_sheet_prints_on_one_a4_page_with_its_contacts_and_no_screen_chrome(published_site):
    site, _ = published_site
    for url in sheets(site):
        pdf = built_pdf(site, url)
        assert len(pdf.pages) == 1, f"{url} prints on {len(pdf.pages)} pages"
        box = pdf.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == A4, url
        text = plain(pdf.pages[0].extract_text())
        # The sheet itself, not the screen-only help strip above it.
        html = (site / url / "index.html").read_text().split('class="print-sheet"', 1)[1]
        assert "999" in text, f"{url} does not print 999"
        for number in NUMBERS:
            if f">{number}</a>" in html:
                assert number in text, f"{url} shows {number} on screen but does not print it"
        for chrome in SCREEN_ONLY:
            assert chrome not in text, f"{url} prints {chrome!r}"
        assert "Protecting Children: " + PUBLIC_ADDRESS in text, url
        assert "This sheet online: " + PUBLIC_ADDRESS + url in text, url
        assert re.search(r"Last reviewed \d{1,2} [A-Z][a-z]+ 20\d\d", text), url
        assert "CC BY 4.0" in text, url


def test_each_sheet_qr_code_encodes_its_own_address(browser, published_site):
    site, base = published_site
    context = browser.new_context(viewport={"width": 900, "height": 1200})
    page = context.new_page()
    for url in sheets(site):
        page.goto(f"{base}/{url}")
        page.emulate_media(media="print")
        code = page.locator(".sheet-qr svg")
        image = Image.open(io.BytesIO(code.screenshot()))
        decoded = [result.text for result in zxingcpp.read_barcodes(image)]
        assert decoded == [PUBLIC_ADDRESS + url], f"{url}: QR code reads {decoded}"
    context.close()


def test_every_other_page_prints_without_a_blank_last_page(printer, published_site):
    site, base = published_site
    for url in nav_page_urls():
        pdf = printer(f"{base}/{url}")
        last = plain(pdf.pages[-1].extract_text())
        assert last, f"{url} prints a blank last page ({len(pdf.pages)} pages)"


def test_printed_links_show_where_they_go(printer, published_site):
    _, base = published_site
    pdf = printer(f"{base}/report/ceop/")
    text = plain(" ".join(p.extract_text() for p in pdf.pages))
    assert "Make a report to CEOP (ceop.police.uk/Safety-Centre)" in text


def test_sheet_pdfs_are_one_a4_page_with_title_language_and_the_page_text(published_site):
    site, _ = published_site
    for url in sheets(site):
        page_file = site / html_file_for(url)
        pdf = PdfReader(pdf_path(page_file))
        assert len(pdf.pages) == 1, url
        box = pdf.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == A4, url
        title = re.search(r"<h1[^>]*>(.*?)</h1>", page_file.read_text(), re.S).group(1)
        title = re.sub(r"<[^>]+>", "", title).strip()
        assert pdf.metadata.title.startswith(title), f"{url}: PDF title {pdf.metadata.title!r}"
        assert pdf.trailer["/Root"].get("/Lang") == "en", f"{url}: PDF language not set"
        assert title in plain(pdf.pages[0].extract_text()), url


def test_sheets_link_their_pdf_and_the_landing_page_links_every_sheet(published_site):
    site, _ = published_site
    landing = (site / "sheets" / "index.html").read_text()
    for url in sheets(site):
        name = url.rstrip("/").split("/")[-1]
        assert f'href="{name}.pdf"' in (site / url / "index.html").read_text(), url
        assert f'href="{name}/{name}.pdf"' in landing, f"landing page does not link {name}.pdf"


def test_without_a_public_address_sheets_print_no_address(site_dir):
    # The ordinary test build has no SITE_URL: no address and no QR code, never a wrong one.
    assert sheets(site_dir)
    for url in sheets(site_dir):
        html = (site_dir / url / "index.html").read_text()
        assert 'class="sheet-qr"' not in html, url
        text = plain(built_pdf(site_dir, url).pages[0].extract_text())
        assert "This sheet online" not in text and "example.org" not in text, url
        assert "Last reviewed" in text, url


def test_print_button_prints(page, published_site):
    site, base = published_site
    url = sheets(site)[0]
    page.goto(f"{base}/{url}")
    page.evaluate("window.print = () => { window.__printed = true; }")
    page.get_by_role("button", name="Print this page").click()
    assert page.evaluate("window.__printed === true")


def test_a_sheet_over_one_page_or_that_cannot_fill_it_fails_the_build(project_copy, tmp_path, site_dir):
    """The one PDF build of a broken copy (PDF builds are slow): a sheet grown past one A4
    page even in the smallest type, and a sheet too short to fill its page even in the
    largest, both stop the build, each naming the sheet's source file and what to do."""
    from sitebuild.build_site import BuildFailed, build

    # The sheets left alone come from the cache that site_dir's build filled, as an
    # author's next build takes them: only the two broken ones are printed here. (The
    # copy is built with the same settings, so their pages are the same.)
    shutil.copytree(PROJECT_DIR / ".cache" / "sheet-pdfs", project_copy / ".cache" / "sheet-pdfs")
    sheet = project_copy / "docs" / "sheets" / "who-to-contact.md"
    with sheet.open("a") as text:
        for number in range(1, 41):
            text.write(f"\nA line added to make the sheet too long, number {number}.\n")
    short = project_copy / "docs" / "sheets" / "sextortion.md"
    _, front_matter, text = short.read_text().split("---\n", 2)
    title = re.search(r"^# .+$", text, flags=re.MULTILINE).group(0)
    short.write_text(f"---\n{front_matter}---\n\n{title}\n\nIf a child is in danger now, call "
                     f"[[phone:police-999]].\n")
    with pytest.raises(BuildFailed) as failure:
        build("mkdocs", tmp_path / "out", project_dir=project_copy, pdf=True, site_url="",
              repository_url=REPOSITORY)
    output = failure.value.output
    assert output.startswith("The site was not built. Fix"), output
    assert re.search(r"^docs/sheets/who-to-contact\.md: the printable sheet prints on [2-9] A4 "
                     r"pages, not one, even in the smallest type a sheet may have \(10\.5 pt\); "
                     r"shorten it .*or split it into two sheets\.$", output,
                     flags=re.MULTILINE), output
    assert re.search(r"^docs/sheets/sextortion\.md: the printable sheet does not fill its A4 "
                     r"page: (even )?in the largest type .*\(\d+\.\d pt\) its text ends "
                     r"[1-7]?\d% of the way down, and a sheet must reach 85%; .*add",
                     output, flags=re.MULTILINE), output


# -- Sheets that fill the page, in type that reads from across a room ------------------

def footer_top(runs):
    """Where the sheet's footer starts: its first line, the site's name (the lowest line
    that starts with it: the footer is the last thing on the page)."""
    return max(run.top for run in runs if run.text.startswith("Protecting Children"))


@pytest.mark.parametrize("build", ["site_dir", "published_site_dir"])
def test_each_sheet_fills_one_page_in_large_type(request, build):
    """Each sheet's PDF is one A4 page whose last line of text is at least 85% of the way
    down the printable area, with no sheet text under 10.5 pt. The footer (the site's
    name and address, the review date and the licence) is deliberately a little smaller,
    and is measured on its own: never under 8.5 pt."""
    site = request.getfixturevalue(build)
    for url in sheets(site):
        page = built_pdf(site, url).pages[0]
        runs = text_runs(page)
        filled = filled_share(page)
        assert filled >= FILLED, f"{url}: the text ends {filled:.0%} of the way down the page"
        footer = footer_top(runs)
        body = [run for run in runs if run.top < footer]
        smallest = min(body, key=lambda run: run.size)
        assert smallest.size >= SMALLEST_BODY_PT - 0.05, (
            f"{url}: {smallest.text!r} prints at {smallest.size} pt")
        footer_runs = [run for run in runs if run.top >= footer]
        assert len(footer_runs) >= 3, f"{url}: footer not found: {footer_runs}"
        assert min(run.size for run in footer_runs) >= SMALLEST_FOOTER_PT - 0.05, url


# The colour of every piece of text in the sheet and the weight of its headings, as the
# browser prints them: [text, colour's luma (0 black to 255 white), heading weight or 0].
PRINTED_INK = """() => [...document.querySelectorAll('.print-sheet *')]
  .filter(element => element.getClientRects().length
          && [...element.childNodes].some(node => node.nodeType === 3 && node.data.trim()))
  .map(element => {
    const [r, g, b] = getComputedStyle(element).color.match(/[\\d.]+/g).map(Number);
    const heading = element.closest('h1, h2, h3, summary');
    return [element.textContent.trim().slice(0, 40), 0.299 * r + 0.587 * g + 0.114 * b,
            heading ? Number(getComputedStyle(heading).fontWeight) : 0];
  })"""


def test_sheet_text_is_near_black_with_bold_headings(browser, published_site):
    """On paper, in greyscale: every piece of text dark (nothing light grey), headings
    bold and as dark as the body text (#0b0c0c)."""
    site, base = published_site
    context = browser.new_context()
    page = context.new_page()
    page.emulate_media(media="print")
    for url in sheets(site):
        page.goto(f"{base}/{url}")
        ink = page.evaluate(PRINTED_INK)
        headings = [(text, luma, weight) for text, luma, weight in ink if weight]
        assert len(headings) >= 3, f"{url}: {headings}"
        light = [(text, round(luma)) for text, luma, _ in ink if luma > 70]
        assert not light, f"{url} prints light text: {light}"
        faint = [(text, round(luma), weight) for text, luma, weight in headings
                 if luma > 20 or weight < 700]
        assert not faint, f"{url} has headings that are not bold near-black: {faint}"
    context.close()


def test_sheet_print_styles_change_nothing_on_screen(browser, site_url, site_dir):
    """The sheet's paper styles are for print only: a sheet looks the same on screen with
    them as without them."""
    url = sheets(site_dir)[0]
    shots = []
    for block in (False, True):
        context = browser.new_context(viewport=PHONE)
        if block:
            context.route("**/sheet-print.css", lambda route: route.abort())
        page = context.new_page()
        page.goto(f"{site_url}/{url}", wait_until="networkidle")
        shots.append(page.screenshot(full_page=True))
        context.close()
    assert shots[0] == shots[1], f"{url} looks different on screen with sheet-print.css"


def test_the_print_pack_holds_every_sheet_in_the_landing_page_order(site_dir):
    landing = (site_dir / "sheets" / "index.html").read_text()
    pack = PdfReader(site_dir / "sheets" / "all-sheets.pdf")
    names = [url.rstrip("/").split("/")[-1] for url in sheets(site_dir)]
    assert len(pack.pages) == len(names)
    in_landing_order = sorted(names, key=lambda name: landing.index(f'href="{name}/'))
    for page, name in zip(pack.pages, in_landing_order):
        title = plain(built_pdf(site_dir, f"sheets/{name}/").pages[0].extract_text())[:30]
        assert plain(page.extract_text()).startswith(title), f"pack page for {name}"
    # Bookmarked, each page with its sheet's title.
    assert [item.title for item in pack.outline] == [
        built_pdf(site_dir, f"sheets/{name}/").metadata.title for name in in_landing_order]
    assert pack.trailer["/Root"].get("/Lang") == "en"
    # The landing page links it, where its source says, and says how big it is.
    link = re.search(r'<p class="print-pack"><a href="all-sheets.pdf" download>(.*?)</p>', landing)
    assert link, "the Printable sheets page does not link all-sheets.pdf"
    assert f"({len(names)} pages, " in link.group(1), link.group(1)
    assert "print-pack:" not in landing, "the marker was left in the page"


def test_the_landing_page_shows_a_small_grey_picture_of_each_sheet(site_dir):
    landing = (site_dir / "sheets" / "index.html").read_text()
    for url in sheets(site_dir):
        name = url.rstrip("/").split("/")[-1]
        picture = thumbnail_path(site_dir / html_file_for(url))
        image = Image.open(picture)
        assert picture.stat().st_size <= 1024, f"{picture.name}: {picture.stat().st_size} bytes"
        pixels = list(image.convert("RGB").get_flattened_data())
        assert all(r == g == b for r, g, b in pixels), f"{picture.name} is not grey"
        # Ink on white: the page, not a blank.
        assert (255, 255, 255) in pixels, picture.name
        inked = sum(r < 255 for r, _, _ in pixels) / len(pixels)
        assert inked > 0.05, f"{picture.name}: only {inked:.0%} of it has ink"
        tags = re.findall(rf'<li><img class="sheet-thumbnail" src="{name}/{name}\.png"[^>]*>', landing)
        assert tags, f"the Printable sheets page shows no picture of {name}"
        title = re.search(r"<h1[^>]*>(.*?)</h1>", (site_dir / url / "index.html").read_text()).group(1)
        for tag in tags:
            assert f'width="{image.width}" height="{image.height}"' in tag, tag
            assert 'loading="lazy"' in tag and f'alt="The printed page: {title}"' in tag, tag


def test_the_sheets_page_with_its_pictures_stays_within_the_first_load_budget(browser, site_dir):
    """Everything a phone downloads on a first visit to the Printable sheets page, served
    gzipped as GitHub Pages serves it (as `make bench` measures), pictures included."""
    from sitebuild.devtools.benchmark import serve_gzipped

    with serve_gzipped(site_dir) as base:
        context = browser.new_context(viewport=PHONE)
        page = context.new_page()
        loads = []
        page.on("requestfinished", lambda request: loads.append((request.url, request.sizes())))
        page.goto(base + "sheets/", wait_until="networkidle")
        page.mouse.wheel(0, 20000)  # scrolled to the end: every lazy picture loaded
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
        context.close()
    pictures = [url for url, _ in loads if url.endswith(".png")]
    assert len(pictures) == len(sheets(site_dir)), pictures
    total = sum(size["responseBodySize"] + size["responseHeadersSize"] for _, size in loads)
    assert total <= FIRST_LOAD_BUDGET, f"the sheets page loads {total / 1024:.1f} KiB"


def make_pdf(path, text_pages):
    """A small PDF with one blank page for each item (its size is told by the item)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for width in text_pages:
        writer.add_blank_page(width=width, height=842)
    writer.add_metadata({"/Title": path.stem})
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        writer.write(file)


def test_forms_get_a_pack_of_their_own_when_there_are_forms(tmp_path):
    """The pack step works for any folder: forms/NAME/NAME.pdf becomes forms/all-forms.pdf,
    in the order the forms page links them, and the forms page links it where its source
    has the marker. A site without forms gets no forms pack."""
    site = tmp_path / "site"
    make_pdf(site / "forms" / "zebra-form" / "zebra-form.pdf", [595])
    make_pdf(site / "forms" / "apple-form" / "apple-form.pdf", [596, 597])
    (site / "forms" / "index.html").write_text(
        '<h1>Forms</h1>\n<!-- print-pack: the build links every form in one PDF here -->\n'
        '<ul><li><a href="zebra-form/">Zebra</a></li><li><a href="apple-form/">Apple</a></li></ul>')
    assert write_packs(site) == [site / "forms" / "all-forms.pdf"]
    pack = PdfReader(site / "forms" / "all-forms.pdf")
    assert [round(float(page.mediabox.width)) for page in pack.pages] == [595, 596, 597]
    assert [item.title for item in pack.outline] == ["zebra-form", "apple-form"]
    assert pack.metadata.title == "Forms"
    landing = (site / "forms" / "index.html").read_text()
    assert '<a href="all-forms.pdf" download>' in landing and "(3 pages, " in landing, landing
    assert "print-pack:" not in landing

    bare = tmp_path / "bare"
    (bare / "forms").mkdir(parents=True)
    (bare / "forms" / "index.html").write_text("<h1>Forms</h1>\n<!-- print-pack -->\n")
    assert write_packs(bare) == []
    assert not (bare / "forms" / "all-forms.pdf").exists()
    assert "all-forms.pdf" not in (bare / "forms" / "index.html").read_text()


def test_a_sheet_is_printed_again_only_when_it_changes(site_dir, tmp_path):
    """The build keeps each printed sheet (PDF, picture, scale) in a cache by everything
    the print depends on: a build that changed no sheet takes it from there without
    printing; a changed sheet is printed again. One sheet here, to keep it short."""
    from sitebuild.postbuild.sheet_pdfs import write_sheet_pdfs_apart

    built, project = tmp_path / "built", tmp_path / "project"
    shutil.copytree(site_dir, built)
    kept, *others = sheet_pages(built)
    for other in others:
        other.unlink()
    cache = project / ".cache" / "sheet-pdfs"

    def print_a_new_build(number: int) -> bytes:
        """The PDF printed in a new build of the site as it is in built/."""
        site = shutil.copytree(built, tmp_path / f"build-{number}")
        write_sheet_pdfs_apart(site, project)
        return pdf_path(site / kept.relative_to(built)).read_bytes()

    first = print_a_new_build(1)
    entries = sorted(path.name for path in cache.iterdir())
    assert [name.split(".", 1)[1] for name in entries] == ["pdf", "png", "scale"], entries
    assert (cache / entries[0]).read_bytes() == first

    # Mark the cached PDF: a build that prints the sheet again cannot produce the mark.
    mark = b"\n% taken from the cache\n"
    (cache / entries[0]).write_bytes(first + mark)
    assert print_a_new_build(2).endswith(mark), "the unchanged sheet was printed again"

    kept.write_text(kept.read_text("utf-8").replace("</h1>", "</h1><p>A line added.</p>", 1), encoding="utf-8")
    changed = print_a_new_build(3)
    assert not changed.endswith(mark), "the changed sheet was not printed again"
    assert "A line added." in plain(PdfReader(io.BytesIO(changed)).pages[0].extract_text())
    assert len(list(cache.iterdir())) == 6, "the changed sheet's print was not kept"
