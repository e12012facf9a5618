"""Search on demand: a first visit does not download the search index or start the
search worker (overrides/assets/javascripts/search-on-demand.js), and search still finds
pages as soon as a reader opens it, on a phone and by keyboard; Zensical's search, which
the script leaves alone, still works.
Also: every script is deferred, so a page shows before its scripts have downloaded."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import PHONE
from search_results import COUNT_SEARCHES, answered_results
from site_pages import html_file_for, nav_page_urls

DESKTOP = {"width": 1280, "height": 900}
SEARCH_FILES = re.compile(r"/search/search_index\.json|/workers/search\.[^/]*\.js|/search\.json")


def search_requests(requests: list[str]) -> list[str]:
    return [url for url in requests if SEARCH_FILES.search(url)]


def open_page(browser, url: str, viewport: dict):
    context = browser.new_context(viewport=viewport)
    context.add_init_script(COUNT_SEARCHES)
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return context, page, requests, errors


def first_results(page) -> list[str]:
    return answered_results(page)[:5]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_first_visit_downloads_no_search_index_and_starts_no_search_worker(browser, site_url, viewport):
    context, page, requests, errors = open_page(browser, site_url + "/parents/", viewport)
    page.wait_for_timeout(1500)  # time enough for Material to have asked, had it been let
    assert search_requests(requests) == []
    assert errors == []
    context.close()


def test_search_opened_on_a_phone_loads_the_index_once_and_finds_pages(browser, site_url):
    context, page, requests, errors = open_page(browser, site_url + "/", PHONE)
    # A slow connection: the index arrives a second and a half after it is asked for.
    page.route("**/search/search_index.json",
               lambda route: (page.wait_for_timeout(1500), route.continue_()))
    page.locator("label.md-header__button[for=__search]").click()
    # Typed at once, before the index has arrived: Material keeps it and waits.
    page.locator("input.md-search__input").press_sequentially("sextortion")
    assert page.locator("input.md-search__input").input_value() == "sextortion"
    assert any(href.endswith("/parents/sextortion/") for href in first_results(page))
    index_requests = [url for url in requests if url.endswith("/search/search_index.json")]
    assert len(index_requests) == 1
    assert errors == []
    context.close()


def test_search_opened_by_keyboard_shortcut_finds_pages(browser, site_url):
    context, page, requests, errors = open_page(browser, site_url + "/schools/", DESKTOP)
    page.keyboard.press("/")
    page.keyboard.type("nudes")
    assert any("/parents/nude-images/" in href for href in first_results(page))
    assert errors == []
    context.close()


@pytest.mark.parametrize("how", ["button", "keyboard"])
def test_zensical_build_search_still_finds_pages(browser, zensical_site_url, how):
    # Zensical's search box drops what is typed before its index arrives, so the script
    # leaves Zensical's search alone: here the index still loads with the page.
    base = zensical_site_url
    context, page, requests, errors = open_page(browser, base + "/parents/", DESKTOP)
    assert any(url.endswith("/search.json") for url in requests)
    if how == "button":
        page.locator(".md-search__button").click()
    else:
        page.keyboard.press("/")
    page.keyboard.type("sextortion")
    # Zensical's results list, in a shadow root (Playwright's locators look inside).
    # The list shows results for the first letters before the whole word is in: wait for
    # the results of the whole word (the assertion is the same, made once they arrive).
    results = page.locator("ol[role=listbox] > li")
    expect(results.first).to_contain_text("Sextortion", timeout=30000)
    assert errors == []
    context.close()


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_every_script_is_deferred_and_search_on_demand_runs_before_the_theme(built_site, builder):
    site = built_site
    for url in nav_page_urls():
        html = (site / html_file_for(url)).read_text(encoding="utf-8")
        scripts = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", html)
        not_deferred = [tag for tag in scripts if not re.search(r"\sdefer[\s>]", tag)]
        assert not_deferred == [], f"{builder} /{url}: scripts that hold up the page: {not_deferred}"
        names = [re.search(r'src="([^"]+)"', tag).group(1).rsplit("/", 1)[-1] for tag in scripts]
        assert names[0] == "search-on-demand.js" and names[1].startswith("bundle."), \
            f"{builder} /{url}: search-on-demand.js must run just before the theme's bundle: {names}"
