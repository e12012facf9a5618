"""Shared fixtures: one strict build per test run, a loopback server, and Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

from sitebuild.build_site import PROJECT_DIR, build

CHROMIUM_FLAGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--no-first-run",
    # No connections of Chromium's own: the tests allow no network beyond loopback.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 740}


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The site, built strictly once per test run with MkDocs (and the post-build steps).

    Built into a folder of its own, so that test runs never share a half-built site."""
    site = tmp_path_factory.mktemp("mkdocs") / "site"
    build("mkdocs", site)
    return site


@pytest.fixture(scope="session")
def zensical_site_dir(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("zensical") / "site"
    build("zensical", site)
    return site


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throwaway copy of the project's sources, for tests that break things on purpose."""
    for name in ("mkdocs.yml", "docs", "overrides", "sitebuild", "data"):
        source = PROJECT_DIR / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, tmp_path / name)
    return tmp_path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_url(site_dir) -> str:
    """The built site served on loopback, as a static host would serve it."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def chromium_path() -> str:
    """Debian's Chromium. Missing Chromium fails the browser tests: it never skips them."""
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("Chromium not found. Install Debian's package: sudo apt-get install chromium "
                    "(or set CHROMIUM to its path).")
    return path


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    yield page
    context.close()
