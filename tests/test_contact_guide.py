"""The "Who should I contact?" guide works without JavaScript, by keyboard, and on paper."""

import io
import unicodedata

from pypdf import PdfReader

GUIDE = "/report/who-should-i-contact/"
# Each situation the guide must cover, by words in its heading, and a route it must name.
SITUATIONS = {
    "talking to a child online in a sexual way": "Make a report to CEOP",
    "blackmailed over a nude or sexual image": "Do not pay",
    "nude or sexual image of someone under 18": "Report to the IWF",
    "worried about a child but not sure": "0808 800 5000",
    "child wants to talk": "0800 1111",
    "teacher, coach, volunteer": "Local Authority Designated Officer",
    "has a record": "Sarah's Law",
    "stay anonymous": "0800 555 111",
    "your own thoughts": "0808 1000 900",
}


def test_guide_is_linked_from_the_header_strip_and_home_page(page, site_url):
    page.goto(site_url + "/")
    assert page.locator(".help-strip").get_by_role("link", name="Who should I contact?").is_visible()
    page.locator(".urgent-box").get_by_role("link", name="who should I contact?").click()
    assert page.url.endswith(GUIDE)


def test_guide_works_with_javascript_off(browser, site_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(site_url + GUIDE)
    routes = page.locator("details.route")
    assert routes.count() >= len(SITUATIONS)
    for heading, route in SITUATIONS.items():
        situation = routes.filter(has=page.locator("summary", has_text=heading))
        assert situation.count() == 1, heading
        assert not situation.get_by_text(route).first.is_visible(), f"{heading} should start closed"
        situation.locator("summary").click()
        assert situation.get_by_text(route).first.is_visible(), f"{heading} does not show {route}"
    context.close()


def test_guide_works_by_keyboard_alone(page, site_url):
    page.goto(site_url + GUIDE)
    # The first Tab reaches the skip link, which jumps past the menus to the page text.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to content"
    page.keyboard.press("Enter")
    first = page.locator("details.route summary").first
    for _ in range(10):
        page.keyboard.press("Tab")
        if first.evaluate("element => element === document.activeElement"):
            break
    else:
        raise AssertionError("Tab never reached the first situation after the skip link")
    page.keyboard.press("Enter")
    assert page.locator("details.route").first.evaluate("element => element.open")
    # The report link comes next, after any abbreviation (which takes focus to show its
    # meaning). It is not followed: tests stay on loopback.
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "A":
            break
    assert page.evaluate("document.activeElement.textContent") == "Make a report to CEOP"


def test_guide_prints_on_one_a4_page_with_every_route(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + GUIDE)
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
    context.close()
    assert len(pdf.pages) == 1, f"the guide prints on {len(pdf.pages)} pages"
    width, height = float(pdf.pages[0].mediabox.width), float(pdf.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842), "not A4"
    # NFKC turns the printed ligatures (such as "ﬃ") back into letters.
    text = " ".join(unicodedata.normalize("NFKC", pdf.pages[0].extract_text()).split())
    for heading, route in SITUATIONS.items():
        assert heading in text, heading
        assert route in text, route
    assert "ceop.police.uk/Safety-Centre" in text, "printed links must show their address"
