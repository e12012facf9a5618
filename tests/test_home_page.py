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
