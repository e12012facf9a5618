"""What the built site should contain, read from mkdocs.yml and docs/."""

from __future__ import annotations

import functools
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation

from sitebuild.build_site import PROJECT_DIR
from sitebuild.sources.site_files import built_pages


@functools.cache
def _nav() -> tuple[tuple[str, str], ...]:
    """Read once per test run: (address, source) of each page in the navigation."""
    config = load_config(str(PROJECT_DIR / "mkdocs.yml"))
    nav = get_navigation(get_files(config), config)
    return tuple((page.url, page.file.src_uri) for page in nav.pages)


def nav_page_urls() -> list[str]:
    """The address of every page in the navigation, such as 'parents/'."""
    return [url for url, _source in _nav()]


def html_file_for(url: str) -> str:
    return url + "index.html" if url == "" or url.endswith("/") else url


def built_page_names(site: Path) -> set[str]:
    """Every HTML page in a built site, as paths relative to the site's root."""
    return {path.relative_to(site).as_posix() for path in built_pages(site)}


def nav_pages() -> list[tuple[str, str]]:
    """(address, source file under docs/) for every page in the navigation."""
    return list(_nav())
