"""The "Who should I contact?" guide works without JavaScript, by keyboard, and on paper."""

from conftest import plain

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


def printed_text(pdf) -> str:
    return plain(" ".join(page.extract_text() for page in pdf.pages))


def test_guide_prints_every_situation_open_with_addresses(printer, site_url):
    """On paper every situation is open, the ones the screen shows last included: a
    printed guide leaves no one out. Links print where they go."""
    pdf = printer(site_url + GUIDE)
    width, height = float(pdf.pages[0].mediabox.width), float(pdf.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842), "not A4"
    text = printed_text(pdf)
    for heading, route in SITUATIONS.items():
        assert heading in text, heading
        assert route in text, route
    for heading in ("sexually assaulted in the last few days", "in the child's family or home",
                    "sexually harmed by another child", "You have already reported"):
        assert heading in text, f"the situation '{heading}' is missing on paper"
    assert "ceop.police.uk/Safety-Centre" in text, "printed links must show their address"


# The same routes on the one-page sheet, in the sheet's words.
SHEET = "/sheets/who-to-contact/"
SHEET_ROUTES = ("Make a report to CEOP", "do not pay", "Report to the IWF", "0808 800 5000",
                "0800 1111", "Local Authority Designated Officer", "Sarah's Law", "0800 555 111",
                "0808 1000 900", "999", "101")


def test_guide_leads_to_a_one_page_sheet_with_every_route(page, printer, site_url):
    """The guide grew past one page of readable type; for the wall or the fridge it points
    to the Who to contact sheet, which carries every route on one A4 page."""
    page.goto(site_url + GUIDE)
    page.get_by_role("link", name="who to contact sheet").click()
    assert page.url.endswith(SHEET)
    pdf = printer(site_url + SHEET)
    assert len(pdf.pages) == 1, f"the sheet prints on {len(pdf.pages)} pages"
    text = printed_text(pdf)
    for route in SHEET_ROUTES:
        assert route in text, f"the sheet does not name '{route}'"
