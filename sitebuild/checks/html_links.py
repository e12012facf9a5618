"""Every link and address in the built site's HTML, with the page and line it is on."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from sitebuild.sources.site_files import LINK_ATTRIBUTES, built_pages


@dataclass(frozen=True)
class Link:
    page: str  # the HTML file, relative to the site folder, such as "parents/index.html"
    line: int
    value: str  # the address as written, with HTML character references decoded


class _LinkCollector(HTMLParser):
    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.links: list[Link] = []

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        for name, value in attrs:
            if not value:
                continue
            if name in LINK_ATTRIBUTES:
                self.links.append(Link(self.page, line, value.strip()))
            elif name == "srcset":
                # "image-1x.png 1x, image-2x.png 2x": the address is the first word of each.
                for candidate in value.split(","):
                    if candidate.split():
                        self.links.append(Link(self.page, line, candidate.split()[0]))


def page_links(path: Path, site_dir: Path) -> list[Link]:
    collector = _LinkCollector(path.relative_to(site_dir).as_posix())
    collector.feed(path.read_text(encoding="utf-8"))
    collector.close()
    return collector.links


def site_links(site_dir: Path) -> list[Link]:
    """Every link on every HTML page of the built site, page by page in a stable order."""
    links = []
    for path in built_pages(site_dir):
        links += page_links(path, site_dir)
    return links
