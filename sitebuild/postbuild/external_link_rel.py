"""Mark every link to another site rel="noopener noreferrer". A page step of the
post-build pipeline (sitebuild/postbuild/pipeline.py).

noreferrer: the other site is not told which page of this site the visitor came from
(a visit to a page about abuse is itself sensitive). noopener: the other site gets no
handle on this page. Done on the built HTML, so it covers every link whatever wrote it:
Markdown, the theme, contact cards, the help strip.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

REL = ("noopener", "noreferrer")
REL_ATTRIBUTE = re.compile(r"""\brel\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)


def is_external(href: str, own_host: str) -> bool:
    """An http(s) or protocol-relative address on another host than the site's own."""
    parts = urlsplit(href.strip())
    if parts.scheme.lower() not in ("http", "https", "") or not parts.netloc:
        return False
    return (parts.hostname or "").lower() != own_host.lower()


class _ExternalAnchors(HTMLParser):
    """The start tags of <a> elements that link to another site, by position."""

    def __init__(self, own_host: str):
        super().__init__(convert_charrefs=True)
        self.own_host = own_host
        self.found: list[tuple[tuple[int, int], str, str | None]] = []  # (pos, tag, rel)

    def handle_starttag(self, tag, attrs):
        if tag != "a":
            return
        attributes = dict(attrs)
        href = attributes.get("href")
        if href and is_external(href, self.own_host):
            self.found.append((self.getpos(), self.get_starttag_text(), attributes.get("rel")))


def _offsets(html: str) -> list[int]:
    """Where each line starts, to turn the parser's (line, column) into an offset.
    The parser counts lines by \\n only."""
    return [0] + [match.end() for match in re.finditer("\n", html)]


def _with_rel(tag: str, rel: str | None) -> str:
    tokens = (rel or "").split()
    missing = [token for token in REL if token not in (t.lower() for t in tokens)]
    if not missing:
        return tag
    value = " ".join(tokens + missing)
    if rel is None:
        end = -2 if tag.endswith("/>") else -1
        return f'{tag[:end]} rel="{value}"{tag[end:]}'
    # Replace the existing rel attribute, however it is quoted.
    return REL_ATTRIBUTE.sub(lambda _: f'rel="{value}"', tag, count=1)


def mark_page(html: str, own_host: str) -> str:
    parser = _ExternalAnchors(own_host)
    parser.feed(html)
    parser.close()
    if not parser.found:
        return html
    starts = _offsets(html)
    pieces, cursor = [], 0
    for (line, column), tag, rel in parser.found:
        offset = starts[line - 1] + column
        assert html.startswith(tag, offset), "the parser and the page disagree"
        pieces += [html[cursor:offset], _with_rel(tag, rel)]
        cursor = offset + len(tag)
    pieces.append(html[cursor:])
    return "".join(pieces)
