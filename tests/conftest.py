"""Shared fixtures: each build once per test run, one loopback server per built site,
one Chromium, and the helpers that several test files need."""

from __future__ import annotations

import fcntl
import io
import os
import unicodedata
from pathlib import Path
from types import SimpleNamespace
from typing import Callable
from urllib.parse import urlsplit

import pytest
from pypdf import PdfReader

from sitebuild.devtools import chromium
from sitebuild.build_site import PROJECT_DIR, build, copy_sources
from sitebuild.devtools.local_server import serve

PHONE = {"width": 360, "height": 740}
# The repository whose issue form each page's "Report a problem with this page" opens, as
# the deploy workflow sets REPOSITORY_URL. The Zensical build has none: no link.
REPOSITORY = "https://github.com/example/protecting-children"
# The published build's public address (SITE_URL) and security contact (SECURITY_CONTACT).
PUBLIC_ADDRESS = "https://example.org/protecting-children/"
SECURITY_CONTACT = "https://example.org/protecting-children/about/"
# Quick exit's neutral site: never loaded from the internet (see offline_context).
NEUTRAL = "https://www.bbc.co.uk/weather"
STAND_IN = "<!doctype html><title>Stand-in</title><p>Not this site.</p>"


def plain(text: str) -> str:
    """Printed text with its spacing evened out; NFKC turns printed ligatures (such as
    "ﬁ") back into letters."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def shared_build(tmp_path_factory, name: str, make: Callable[[Path], object]) -> Path:
    """The folder make(folder) built, once per test run even with several pytest-xdist
    workers: the first to ask builds it while the others wait for it (the builds are the
    suite's largest shared cost). Each run has a folder of its own, so test runs never
    share a half-built site; no test changes these folders."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        site = tmp_path_factory.mktemp(name) / "site"
        make(site)
        return site
    # The folder all of this run's workers share (each has its own below it).
    shared = tmp_path_factory.getbasetemp().parent / f"shared-{name}"
    shared.mkdir(exist_ok=True)
    with open(shared / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not (shared / "built").exists():
            make(shared / "site")
            (shared / "built").touch()
    return shared / "site"


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The site, built strictly once per test run with MkDocs (and the post-build steps).

    No public address, as in a local build; the sheet PDFs and a repository address, as
    in a deploy. The PDFs are printed in a process of their own (sheet_pdfs), so this
    fixture and the tests' browser may start in any order."""
    return shared_build(tmp_path_factory, "mkdocs", lambda site: build(
        "mkdocs", site, site_url="", pdf=True, repository_url=REPOSITORY))


@pytest.fixture(scope="session")
def zensical_site_dir(tmp_path_factory) -> Path:
    """The site built with Zensical, with no repository address (REPOSITORY_URL unset)."""
    return shared_build(tmp_path_factory, "zensical",
                        lambda site: build("zensical", site, repository_url=""))


def _build_published(site: Path) -> None:
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SECURITY_CONTACT", SECURITY_CONTACT)
        build("mkdocs", site, site_url=PUBLIC_ADDRESS, pdf=True, repository_url="")


@pytest.fixture(scope="session")
def published_site_dir(tmp_path_factory) -> Path:
    """The site as the deploy workflow builds it: a public address (SITE_URL), a security
    contact (SECURITY_CONTACT) and the sheet PDFs. Only for what needs an address: the
    printed sheets and security.txt."""
    return shared_build(tmp_path_factory, "published", _build_published)


@pytest.fixture
def built_site(request, builder) -> Path:
    """The session's build by `builder` ("mkdocs" or "zensical"), for tests parametrized
    over the builders."""
    return request.getfixturevalue({"mkdocs": "site_dir", "zensical": "zensical_site_dir"}[builder])


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throwaway copy of the project's sources, for tests that break things on purpose."""
    return copy_sources(PROJECT_DIR, tmp_path)


@pytest.fixture(scope="session")
def site_url(site_dir) -> str:
    """The built site served on loopback, as a static host would serve it."""
    with serve(site_dir) as base:
        yield base


@pytest.fixture(scope="session")
def zensical_site_url(zensical_site_dir) -> str:
    """The Zensical build served on loopback."""
    with serve(zensical_site_dir) as base:
        yield base


@pytest.fixture(scope="session")
def published_site_url(published_site_dir) -> str:
    """The published build served on loopback."""
    with serve(published_site_dir) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        try:
            browser = chromium.launch(playwright)
        except chromium.ChromiumMissing as missing:
            pytest.fail(str(missing))  # never a skip: CI must have Chromium
        yield browser
        browser.close()


@pytest.fixture
def printer(browser):
    """Print a page as a reader without JavaScript would, as the build prints the sheets:
    printer(url) is the PDF, read. One browser context for every page a test prints."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()

    def print_to_pdf(url):
        page.goto(url)
        return PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))

    yield print_to_pdf
    context.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    yield page
    context.close()


def offline_context(browser, stand_ins=(NEUTRAL,), **options):
    """A browser context that reaches nothing but 127.0.0.1: each address in stand_ins
    (quick exit's neutral site by default) gets a small stand-in page, and every other
    request to another host is refused. context.outside_requests lists the requests that
    got a stand-in."""
    context = browser.new_context(**options)
    context.outside_requests = []

    def answer(route):
        request = route.request
        if urlsplit(request.url).hostname == "127.0.0.1":
            route.continue_()
        elif request.url in stand_ins:
            context.outside_requests.append(request)
            route.fulfill(status=200, content_type="text/html", body=STAND_IN)
        else:
            route.abort()

    context.route("**/*", answer)
    return context


# Reports each Content-Security-Policy violation to the console, where watched_context
# collects them with Chromium's own "Refused to ..." messages.
CSP_WATCH = ("document.addEventListener('securitypolicyviolation', event => console.error("
             "'CSP violation: ' + event.violatedDirective + ' ' + event.blockedURI));")


def watched_context(browser, **options):
    """An offline_context (phone-sized unless told) that records every request the pages
    make in context.requests and every policy violation in context.violations."""
    context = offline_context(browser, **{"viewport": PHONE, **options})
    context.add_init_script(CSP_WATCH)
    context.requests, context.violations = [], []
    # Requests and console messages of every tab in the context (a refused request is
    # still recorded: the event comes before the route refuses it).
    context.on("request", lambda request: context.requests.append(request.url))
    context.on("console", lambda message: context.violations.append(message.text)
               if "Content Security Policy" in message.text or "CSP violation" in message.text
               else None)
    return context


@pytest.fixture(scope="session")
def every_page_visited(browser, site_url):
    """Every page of the MkDocs build opened once on a phone, offline, until its network
    is idle: the requests the pages made, the policy violations and the cookies. Shared by
    the privacy and security tests, so the site is walked once, not once for each."""
    from site_pages import nav_page_urls

    context = watched_context(browser)
    visit_all(context, [f"{site_url}/{url}" for url in [*nav_page_urls(), "404.html"]])
    visit = SimpleNamespace(requests=list(context.requests), violations=list(context.violations),
                            cookies=context.cookies())
    context.close()
    return visit


def in_tabs(context, urls, tabs=4):
    """The addresses in batches of (url, tab), a few tabs at a time, so that the caller
    can load each batch side by side. The tabs are reused from batch to batch (a new tab
    costs Chromium a new process) and closed at the end."""
    pages = [context.new_page() for _ in range(min(tabs, len(urls)))]
    try:
        for start in range(0, len(urls), tabs):
            yield list(zip(urls[start:start + tabs], pages))
    finally:
        for page in pages:
            page.close()


def visit_all(context, urls, wait_until="networkidle", tabs=4):
    """Open each address in the context, a few tabs at a time, and wait until each
    reaches wait_until: the same visits as one after another, with the waits overlapping."""
    for batch in in_tabs(context, urls, tabs):
        for url, page in batch:
            page.goto(url, wait_until="commit")
        for url, page in batch:
            page.wait_for_load_state(wait_until)
