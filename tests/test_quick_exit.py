"""Quick exit ("Leave this site") leaves at once, leaves nothing behind, and is easy to reach.

The neutral site is never loaded from the internet: it, and the page a visitor came from,
are answered by small stand-in pages, and the tests' browser resolves no host but
127.0.0.1 (chromium.FLAGS); the tests check the address the browser went to.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from conftest import NEUTRAL, PHONE, offline_context

# A page the visitor was on before this site (say, a search engine), also a stand-in.
BEFORE = "https://search.example/results"
PAGE = "/parents/warning-signs/"


@pytest.fixture
def context(browser):
    """A phone-sized browser in which nothing reaches the internet."""
    context = offline_context(browser, stand_ins=(NEUTRAL, BEFORE), viewport=PHONE)
    yield context
    context.close()


def _storage(site_url, page) -> dict:
    """What the site's origin keeps in this tab's localStorage and sessionStorage.

    Read from contacts.json, a file of the site that runs no script of its own."""
    page.goto(site_url + "/contacts.json")
    return page.evaluate("({local: Object.keys(localStorage), session: Object.keys(sessionStorage)})")


def _use_the_site(site_url, page):
    """Open a page from another site first, then this site, and let the theme keep its
    settings, as a visitor would."""
    page.goto(BEFORE)
    page.goto(site_url + PAGE)
    # The theme saves the colour scheme in localStorage on every page ("/.__palette").
    # Its sessionStorage keys only appear with features this site does not use, so one
    # is added here with the theme's own helper, as the version banner would.
    page.evaluate("__md_set('__outdated', true, sessionStorage)")
    kept = page.evaluate("({local: Object.keys(localStorage), session: Object.keys(sessionStorage)})")
    assert kept == {"local": ["/.__palette"], "session": ["/.__outdated"]}, kept


def _still_here(site_url, page) -> bool:
    page.wait_for_timeout(300)
    return page.url.startswith(site_url)


def test_the_button_leaves_for_the_neutral_site_and_leaves_nothing(site_url, context):
    page = context.new_page()
    _use_the_site(site_url, page)
    page.locator(".quick-exit").get_by_role("link", name="Leave this site").click()
    page.wait_for_url(NEUTRAL)
    # The next site is not told where the visitor came from.
    assert "referer" not in context.outside_requests[-1].headers
    # Back goes to the page before this site, not to this site.
    page.go_back()
    assert page.url == BEFORE
    page.go_forward()
    assert page.url == NEUTRAL
    assert _storage(site_url, page) == {"local": [], "session": []}


@pytest.mark.parametrize("keys", [
    ["Shift", "Shift", "Shift"],
    ["ShiftLeft", "ShiftRight", "ShiftLeft"],  # mixed left and right Shift still count
])
def test_shift_pressed_three_times_leaves(site_url, context, keys):
    page = context.new_page()
    _use_the_site(site_url, page)
    for key in keys:
        page.keyboard.press(key)
    page.wait_for_url(NEUTRAL)
    page.go_back()
    assert page.url == BEFORE
    page.go_forward()
    assert _storage(site_url, page) == {"local": [], "session": []}


def test_shift_counts_only_three_presses_in_a_row_within_five_seconds(site_url, context):
    page = context.new_page()
    page.clock.install()
    page.goto(site_url + PAGE)
    # Another key in between starts the count again (as on GOV.UK).
    for key in ["Shift", "Shift", "a", "Shift"]:
        page.keyboard.press(key)
    assert _still_here(site_url, page)
    # Shift held to type capital letters is not a press of its own.
    page.keyboard.press("Escape")  # start again
    for key in ["Shift+A", "Shift+B", "Shift+C"]:
        page.keyboard.press(key)
    assert _still_here(site_url, page)
    # More than five seconds between two presses starts the count again.
    page.keyboard.press("Escape")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.clock.fast_forward(5500)
    page.keyboard.press("Shift")
    assert _still_here(site_url, page)
    # Screen readers hear how many presses are left.
    status = page.locator("[data-quick-exit-status]")
    page.keyboard.press("Shift")
    assert status.text_content() == "Shift: press 1 more time to leave this site."
    page.keyboard.press("Shift")
    page.wait_for_url(NEUTRAL)


def test_the_second_tab_stop_is_leave_this_site(site_url, context):
    page = context.new_page()
    page.goto(site_url + PAGE)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to content"
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    assert focused.text_content() == "Leave this site"
    assert focused.is_visible()
    box = focused.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], "shown when focused"
    page.keyboard.press("Enter")
    page.wait_for_url(NEUTRAL)


def test_without_javascript_it_is_a_plain_link_to_the_neutral_site(site_url, browser):
    context = offline_context(browser, viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + PAGE)
    button = page.locator(".quick-exit").get_by_role("link", name="Leave this site")
    assert button.is_visible()
    assert button.get_attribute("href") == NEUTRAL
    assert {"noopener", "noreferrer"} <= set(button.get_attribute("rel").split())
    button.click()
    page.wait_for_url(NEUTRAL)
    context.close()


def test_on_a_phone_the_bar_is_on_the_first_screen_and_covers_no_text(light_walk, site_url, page):
    for visit in light_walk.visits:
        bar = visit.quick_exit
        assert bar and bar["link_shown"], f"{visit.where}: no quick exit link shown"
        assert bar["top"] >= 0 and bar["bottom"] <= PHONE["height"], f"{visit.where}: {bar}"
        assert bar["text_under"] == [], f"{visit.where}: the bar covers {bar['text_under']}"
    # Scrolled down a long page, it stays at the top, just above the header: it takes
    # its own space instead of floating over the text.
    page.goto(site_url + PAGE)
    page.mouse.wheel(0, 2000)
    page.wait_for_timeout(300)
    assert page.evaluate("window.scrollY") > 1000
    bar = page.locator(".quick-exit").bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert bar["y"] == 0
    assert header["y"] == pytest.approx(bar["y"] + bar["height"], abs=1)
    assert page.locator(".quick-exit").get_by_role("link", name="Leave this site").is_visible()


def test_how_quick_exit_works_is_linked_near_the_button_and_from_the_privacy_notice(site_url, page):
    page.goto(site_url + PAGE)
    page.locator(".quick-exit").get_by_role("link", name="How quick exit works").click()
    assert page.url == site_url + "/about/browsing-safely/"
    assert page.locator("h1").inner_text() == "Browsing safely"
    page.goto(site_url + "/about/privacy/")
    page.locator("article").get_by_role("link", name="browsing safely").first.click()
    assert page.url == site_url + "/about/browsing-safely/"


def test_no_search_words_are_left_in_the_browser_after_quick_exit(site_url, context):
    words = "blackmail"
    page = context.new_page()
    page.goto(site_url + PAGE)
    page.locator("label.md-header__button[for=__search]").click()  # search, on a phone
    page.keyboard.type(words)  # typed, as a visitor does: the theme searches on each key
    results = page.locator(".md-search-result__list > li > a")
    results.first.wait_for()
    # The results link to plain page addresses, with no query (such as ?h=blackmail):
    # the words never enter an address, so never the browser's history.
    for href in results.evaluate_all("links => links.map(link => link.href)"):
        assert urlsplit(href).query == "", href
    results.first.click()
    page.wait_for_load_state()
    assert page.url.startswith(site_url) and urlsplit(page.url).query == ""
    page.locator(".quick-exit").get_by_role("link", name="Leave this site").click()
    page.wait_for_url(NEUTRAL)
    assert _storage(site_url, page) == {"local": [], "session": []}
    # Back through the tab's history: the neutral site, then the page the search was
    # made on. The result page, and with it any search words, is gone.
    page.go_back()
    assert page.url == NEUTRAL
    page.go_back()
    assert page.url == site_url + PAGE
