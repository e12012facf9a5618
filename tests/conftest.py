"""Shared fixtures: each build and each walk of every page once per test run, one
loopback server per built site, one Chromium, and the helpers that several test files
need."""

from __future__ import annotations

import contextlib
import fcntl
import io
import os
import pickle
import unicodedata
from pathlib import Path
from types import SimpleNamespace
from typing import Callable

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


def _once_per_run(tmp_path_factory, name: str, leaf: str, make: Callable[[Path], object],
                  meanwhile: Callable[[], object] = lambda: None) -> Path:
    """The path (a folder or a file, named leaf) that make(path) wrote, once per test run
    even with several pytest-xdist workers: the first to ask makes it while the others
    wait for it, doing meanwhile() first. Each run has a folder of its own, so test runs
    never share a half-made one; no test changes it."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        path = tmp_path_factory.mktemp(name) / leaf
        make(path)
        return path
    with _claimed(tmp_path_factory, name) as (shared, claimed):
        if not claimed:
            meanwhile()
            fcntl.flock(shared.lock, fcntl.LOCK_EX)  # wait for the worker making it
        _make_if_missing(shared.folder, leaf, make)
    return shared.folder / leaf


def _make_if_missing(folder: Path, leaf: str, make: Callable[[Path], object]) -> bool:
    """make(folder / leaf) unless a worker has made it (the caller holds the lock);
    whether this did."""
    if (folder / "made").exists():
        return False
    make(folder / leaf)
    (folder / "made").touch()
    return True


@contextlib.contextmanager
def _claimed(tmp_path_factory, name: str):
    """This run's shared folder for name, and whether this worker holds its lock (the
    lock is released when the file closes)."""
    # The folder all of this run's workers share (each has its own below it).
    folder = tmp_path_factory.getbasetemp().parent / f"shared-{name}"
    folder.mkdir(exist_ok=True)
    with open(folder / "lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            claimed = True
        except BlockingIOError:
            claimed = False
        yield SimpleNamespace(folder=folder, lock=lock), claimed


def _make_unless_started(tmp_path_factory, name: str, leaf: str, make: Callable[[Path], object]) -> bool:
    """Make name's path now if no worker has made or started it; whether this did."""
    with _claimed(tmp_path_factory, name) as (shared, claimed):
        return claimed and _make_if_missing(shared.folder, leaf, make)


def _build_site(name: str, site: Path) -> None:
    if name == "published":
        # The site as the deploy workflow builds it.
        with pytest.MonkeyPatch.context() as env:
            env.setenv("SECURITY_CONTACT", SECURITY_CONTACT)
            build("mkdocs", site, site_url=PUBLIC_ADDRESS, pdf=True, repository_url="")
    elif name == "zensical":
        build("zensical", site, repository_url="")
    else:
        build("mkdocs", site, site_url="", pdf=True, repository_url=REPOSITORY)


# The builds the tests share (site_dir, zensical_site_dir, published_site_dir), cheapest first.
SHARED_BUILDS = ("zensical", "mkdocs", "published")


def shared_build(tmp_path_factory, name: str) -> Path:
    """The site built by _build_site(name), once per test run (the builds are the suite's
    largest shared cost). A worker that finds another already building it builds the
    next one nobody has started, instead of waiting idle: the run needs them all."""
    def build_another() -> None:
        for other in SHARED_BUILDS:
            if other != name and _make_unless_started(
                    tmp_path_factory, other, "site", lambda site, other=other: _build_site(other, site)):
                return

    return _once_per_run(tmp_path_factory, name, "site", lambda site: _build_site(name, site),
                         build_another)


def _keeper(make: Callable[[], object]) -> Callable[[Path], None]:
    """make() for _once_per_run: what it returns, pickled into the path."""
    return lambda path: path.write_bytes(pickle.dumps(make()))


def shared_result(tmp_path_factory, name: str, make: Callable[[], object],
                  meanwhile: Callable[[], object] = lambda: None):
    """What make() returned, made once per test run and shared by the workers (pickled):
    for work on the built site that several test files read, such as a walk of every page.
    A worker that finds another making it does meanwhile() before it waits."""
    return pickle.loads(_once_per_run(tmp_path_factory, name, "result.pickle", _keeper(make),
                                      meanwhile).read_bytes())


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The site, built strictly once per test run with MkDocs (and the post-build steps).

    No public address, as in a local build; the sheet PDFs and a repository address, as
    in a deploy. The PDFs are printed in a process of their own (sheet_pdfs), so this
    fixture and the tests' browser may start in any order."""
    return shared_build(tmp_path_factory, "mkdocs")


@pytest.fixture(scope="session")
def zensical_site_dir(tmp_path_factory) -> Path:
    """The site built with Zensical, with no repository address (REPOSITORY_URL unset)."""
    return shared_build(tmp_path_factory, "zensical")


@pytest.fixture(scope="session")
def published_site_dir(tmp_path_factory) -> Path:
    """The site as the deploy workflow builds it: a public address (SITE_URL), a security
    contact (SECURITY_CONTACT) and the sheet PDFs. Only for what needs an address: the
    printed sheets and security.txt."""
    return shared_build(tmp_path_factory, "published")


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
def playwright_driver():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


def _launch(playwright_driver, *extra_flags: str):
    try:
        return chromium.launch(playwright_driver, *extra_flags)
    except chromium.ChromiumMissing as missing:
        pytest.fail(str(missing))  # never a skip: CI must have Chromium


@pytest.fixture(scope="session")
def browser(playwright_driver):
    browser = _launch(playwright_driver)
    yield browser
    browser.close()


@pytest.fixture(scope="module")
def unthrottled_browser(playwright_driver):
    """A second Chromium, drawing a frame as soon as one is needed (chromium.
    UNTHROTTLED_FRAMES): a test that waits two frames after each of hundreds of key
    presses takes about a quarter less. Pages load a little slower in it, so it is not the
    shared browser."""
    other = _launch(playwright_driver, *chromium.UNTHROTTLED_FRAMES)
    yield other
    other.close()


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


def stand_in(target, addresses=(NEUTRAL,)):
    """Answer each address (quick exit's neutral site by default) with a small stand-in
    page, in a browser context or a single tab (target): nothing is loaded from the
    internet, which the tests' browser cannot reach anyway (chromium.FLAGS). A route
    makes Chromium stop every request of the target for Playwright to look at, which
    doubles the cost of loading a page: give one only to tabs that need the stand-in.
    target.outside_requests lists the requests that got a stand-in."""
    target.outside_requests = []

    def answer(route):
        target.outside_requests.append(route.request)
        route.fulfill(status=200, content_type="text/html", body=STAND_IN)

    for address in addresses:
        target.route(address, answer)
    return target


def offline_context(browser, stand_ins=(NEUTRAL,), **options):
    """A browser context whose addresses in stand_ins get a stand-in page (stand_in);
    every other host but 127.0.0.1 fails to resolve (chromium.FLAGS)."""
    return stand_in(browser.new_context(**options), stand_ins)


# Reports each Content-Security-Policy violation to the console, where watched_context
# collects them with Chromium's own "Refused to ..." messages.
CSP_WATCH = ("document.addEventListener('securitypolicyviolation', event => console.error("
             "'CSP violation: ' + event.violatedDirective + ' ' + event.blockedURI));")


def watched_context(browser, stand_ins=(), **options):
    """An offline_context (phone-sized unless told) that records every request the pages
    make in context.requests and every policy violation in context.violations."""
    context = offline_context(browser, stand_ins, **{"viewport": PHONE, **options})
    context.add_init_script(CSP_WATCH)
    context.requests, context.violations = [], []
    # Requests and console messages of every tab in the context (a refused request is
    # still recorded: the event comes before the request fails).
    context.on("request", lambda request: context.requests.append(request.url))
    context.on("console", lambda message: context.violations.append(message.text)
               if "Content Security Policy" in message.text or "CSP violation" in message.text
               else None)
    return context


@pytest.fixture(scope="session")
def light_walk(tmp_path_factory, browser, site_url):
    """Every page in the light colour scheme (tests/page_walk.py), once per test run."""
    return _shared_walk(tmp_path_factory, browser, site_url, "light")


@pytest.fixture(scope="session")
def dark_walk(tmp_path_factory, browser, site_url):
    """Every page in the dark colour scheme (tests/page_walk.py), once per test run."""
    return _shared_walk(tmp_path_factory, browser, site_url, "dark")


def _shared_walk(tmp_path_factory, browser, site_url, scheme: str):
    """A worker that finds another already on this walk makes the other walk, if nobody
    has started it (the run needs both), instead of waiting idle."""
    from page_walk import walk

    def walk_another() -> None:
        other = "dark" if scheme == "light" else "light"
        _make_unless_started(tmp_path_factory, f"{other}-walk", "result.pickle",
                             _keeper(lambda: walk(browser, site_url, other)))

    return shared_result(tmp_path_factory, f"{scheme}-walk", lambda: walk(browser, site_url, scheme),
                         walk_another)
