"""The home page answers "I'm worried about a child right now" on the first screen of a phone."""

from conftest import PHONE


def test_999_guidance_is_above_the_fold_on_a_phone(page, site_url):
    page.goto(site_url + "/")
    urgent = page.locator(".urgent-box")
    assert "call 999" in urgent.inner_text()
    box = urgent.bounding_box()
    assert box is not None and box["y"] >= 0
    assert box["y"] + box["height"] <= PHONE["height"], f"urgent box ends at {box['y'] + box['height']}px"
    report_link = urgent.get_by_role("link", name="who should I contact?")
    assert report_link.is_visible()


def test_young_people_are_signposted(page, site_url):
    page.goto(site_url + "/")
    text = page.locator(".young-person-box").inner_text()
    for service in ("Childline", "Report Remove", "CEOP"):
        assert service in text


def test_every_page_carries_the_help_strip(page, site_url):
    page.goto(site_url + "/about/licence/")
    strip = page.locator(".help-strip")
    assert strip.is_visible()
    assert "999" in strip.inner_text()


def test_the_home_page_leads_by_reader(page, site_url):
    """Four cards, one for each kind of reader, each one link to its section with a
    sentence saying what is there."""
    page.goto(site_url + "/")
    cards = page.locator(".audience-cards li")
    expected = {"I'm a parent or carer": "/parents/", "I work in a school": "/schools/",
                "I run or help at a club or group": "/organisations/",
                "I need to report something now": "/report/"}
    assert cards.count() == len(expected)
    for card, (name, address) in zip(cards.all(), expected.items()):
        link = card.get_by_role("link")
        assert link.inner_text() == name
        assert link.evaluate("a => new URL(a.href).pathname") == address
        sentence = card.inner_text().removeprefix(name).strip()
        assert sentence.endswith(".") and len(sentence.split()) >= 6, (name, sentence)
    # The whole card is the link: a tap anywhere on it goes there.
    cards.first.scroll_into_view_if_needed()
    box = cards.first.bounding_box()
    page.mouse.click(box["x"] + box["width"] - 5, box["y"] + box["height"] - 5)
    page.wait_for_url("**/parents/")
