"""Shared fixtures: one strict build per test run, a loopback server, and Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitebuild import chromium
from sitebuild.build_site import PROJECT_DIR, build, copy_sources
from sitebuild.local_server import serve

PHONE = {"width": 360, "height": 740}
# The repository whose issue form each page's "Report a problem with this page" opens, as
# the deploy workflow sets REPOSITORY_URL. The Zensical build has none: no link.
REPOSITORY = "https://github.com/example/protecting-children"


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The site, built strictly once per test run with MkDocs (and the post-build steps).

    Built into a folder of its own, so that test runs never share a half-built site."""
    site = tmp_path_factory.mktemp("mkdocs") / "site"
    # No public address, as in a local build; the sheet PDFs and a repository address, as
    # in a deploy.
    build("mkdocs", site, site_url="", pdf=True, repository_url=REPOSITORY)
    return site


@pytest.fixture(scope="session")
def zensical_site_dir(tmp_path_factory) -> Path:
    """The site built with Zensical, with no repository address (REPOSITORY_URL unset)."""
    site = tmp_path_factory.mktemp("zensical") / "site"
    build("zensical", site, repository_url="")
    return site


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
def page(browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    yield page
    context.close()
