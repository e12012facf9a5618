"""A page whose review is overdue tells readers so: in the HTML when it was already overdue at
build time (no JavaScript needed), and through a small script once it becomes overdue later,
because a static site is built once and read for months."""

import contextlib
import datetime as dt
import re

import pytest

from sitebuild.build_site import PROJECT_DIR, build, copy_sources
from sitebuild.sources.front_matter import read_page
from sitebuild.devtools.local_server import serve
from site_pages import html_file_for, nav_pages

TODAY = dt.date.today()
OVERDUE = "about/licence.md"  # due before today
NOT_YET_DUE = "about/privacy.md"  # due in 30 days
NOTICE = re.compile(r'<div class="review-notice" role="note" data-review-due="([\d-]+)"( hidden)?>')


def set_dates(page, last_reviewed, review_due):
    text = page.read_text()
    text = re.sub(r"^last_reviewed: .*$", f"last_reviewed: {last_reviewed}", text, count=1, flags=re.M)
    text = re.sub(r"^review_due: .*$", f"review_due: {review_due}", text, count=1, flags=re.M)
    page.write_text(text)


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """A copy of the project with one overdue page and one due soon, built by each builder.

    (These builds change a page's dates, which the session's builds cannot show.)"""
    project = copy_sources(PROJECT_DIR, tmp_path_factory.mktemp("review-project"))
    set_dates(project / "docs" / OVERDUE, "2024-01-01", "2025-01-01")
    set_dates(project / "docs" / NOT_YET_DUE, TODAY - dt.timedelta(days=30),
              TODAY + dt.timedelta(days=30))
    built = {}
    for builder in ("mkdocs", "zensical"):
        built[builder] = tmp_path_factory.mktemp(f"review-{builder}") / "site"
        build(builder, built[builder], project_dir=project)
    return built


@pytest.fixture(scope="module")
def site_urls(sites):
    """Each of those sites served on loopback, one server per site for the module."""
    with contextlib.ExitStack() as stack:
        yield {builder: stack.enter_context(serve(site)) for builder, site in sites.items()}


def notice(site, page):
    html = (site / page.removesuffix(".md") / "index.html").read_text()
    match = NOTICE.search(html)
    assert match, f"{page} has no review notice"
    return match, html


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_an_overdue_page_shows_the_notice_in_its_html(sites, builder):
    match, html = notice(sites[builder], OVERDUE)
    assert match.group(1) == "2025-01-01"
    assert match.group(2) is None, "the notice is hidden on an overdue page"
    assert "This page is due for review." in html
    assert "check with the service before you rely on them" in html


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_a_page_not_yet_due_has_the_notice_hidden(sites, builder):
    match, _html = notice(sites[builder], NOT_YET_DUE)
    assert match.group(1) == (TODAY + dt.timedelta(days=30)).isoformat()
    assert match.group(2) == " hidden"


def test_every_page_shows_the_notice_only_if_overdue(site_dir):
    for url, source in nav_pages():
        due = read_page(PROJECT_DIR / "docs" / source)[0]["review_due"]
        match = NOTICE.search((site_dir / html_file_for(url)).read_text())
        assert match, f"docs/{source} has no review notice"
        assert match.group(1) == due.isoformat()
        assert (match.group(2) is None) == (due < TODAY), f"docs/{source}: due {due}"


def visible_notice(browser, base, page, clock=None, javascript=True):
    context = browser.new_context(java_script_enabled=javascript)
    tab = context.new_page()
    if clock:
        tab.clock.set_fixed_time(dt.datetime.combine(clock, dt.time(12)))
    tab.goto(f"{base}/{page.removesuffix('.md')}/")
    tab.wait_for_load_state("load")
    shown = tab.locator(".review-notice").is_visible()
    context.close()
    return shown


def test_without_javascript_the_build_time_notice_still_shows(browser, site_urls):
    assert visible_notice(browser, site_urls["mkdocs"], OVERDUE, javascript=False)
    assert not visible_notice(browser, site_urls["mkdocs"], NOT_YET_DUE, javascript=False)


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_the_notice_appears_once_the_due_date_has_passed(browser, site_urls, builder):
    site = site_urls[builder]
    assert not visible_notice(browser, site, NOT_YET_DUE, clock=TODAY)
    # On the due day itself the page is not yet overdue; the day after, it is.
    assert not visible_notice(browser, site, NOT_YET_DUE, clock=TODAY + dt.timedelta(days=30))
    assert visible_notice(browser, site, NOT_YET_DUE, clock=TODAY + dt.timedelta(days=31))
    assert visible_notice(browser, site, OVERDUE, clock=TODAY)
