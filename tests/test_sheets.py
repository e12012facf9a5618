"""Printable sheets: one A4 page each, with the right contacts, address, QR code and date.

The sheets are read from the session's published build (conftest.py), built as the deploy
workflow does: with a public address (SITE_URL) and the sheet PDFs, which the build
prints once and these tests read.
"""

import io
import re
import unicodedata

import pytest
import yaml
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from conftest import PUBLIC_ADDRESS
from sitebuild.build_site import PROJECT_DIR
from sitebuild.postbuild.sheet_pdfs import pdf_path, sheet_pages
from site_pages import html_file_for, nav_page_urls

SERVICES = yaml.safe_load((PROJECT_DIR / "data" / "contacts.yml").read_text())["services"]
NUMBERS = {n["display"] for s in SERVICES for n in s["phones"]}
A4 = (595, 842)  # points
# Text that belongs to the screen (header, menus, help strip, tools), never to paper.
SCREEN_ONLY = ["Skip to content", "Child in danger now?", "Print this page", "Download as PDF",
               "Clubs and organisations", "About this page"]


@pytest.fixture(scope="module")
def published_site(published_site_dir, published_site_url):
    return published_site_dir, published_site_url


def sheets(site):
    return [page.parent.relative_to(site).as_posix() + "/" for page in sheet_pages(site)]


def plain(text):
    # NFKC turns printed ligatures (such as "ﬁ") back into letters.
    return " ".join(unicodedata.normalize("NFKC", text).split())


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


def test_a_sheet_that_prints_on_two_pages_fails_the_build(project_copy, tmp_path):
    """The one PDF build of a broken copy (PDF builds are slow): a sheet grown past one A4
    page stops the build, naming the sheet's source file and what to do."""
    from sitebuild.build_site import BuildFailed, build

    sheet = project_copy / "docs" / "sheets" / "who-to-contact.md"
    with sheet.open("a") as text:
        for number in range(1, 41):
            text.write(f"\nA line added to make the sheet too long, number {number}.\n")
    with pytest.raises(BuildFailed) as failure:
        build("mkdocs", tmp_path / "out", project_dir=project_copy, pdf=True)
    output = failure.value.output
    assert output.startswith("The site was not built. Fix this problem"), output
    assert re.search(r"^docs/sheets/who-to-contact\.md: the printable sheet prints on [2-9] A4 "
                     r"pages, not one; shorten it .*or split it into two sheets\.$", output,
                     flags=re.MULTILINE), output
