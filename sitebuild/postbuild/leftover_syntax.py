"""No page of the built site shows raw block or contact syntax. A page step of the
post-build pipeline (sitebuild/postbuild/pipeline.py).

sitebuild/extensions/page_syntax.py stops most mistakes in the pages before the build; this is the
net behind it, on the finished HTML, for whatever still got through (an include, a
theme partial, a syntax the page check does not know): a text line starting `///`, a
`[[` or `]]`, `[phone:ID]` with single brackets, or a link to an http:// address. Each
problem names the page's source file and, where the text can be found there, its line.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from sitebuild.extensions.contacts_render import INLINE_KINDS

SKIP = {"script", "style", "pre", "code", "textarea"}
# Tags that start a new line of text, so that '///' at the start of a paragraph is seen.
BLOCK_TAGS = {"p", "li", "div", "td", "th", "dd", "dt", "br", "h1", "h2", "h3", "h4", "h5",
              "h6", "summary", "details", "blockquote", "section", "article", "nav", "tr"}
LEFTOVERS = re.compile(r"(?m)^[ \t]*/{3}.*$|\[\[[^\s]*|\]\]|(?<!\[)\[(?:"
                       + "|".join(INLINE_KINDS) + r"):[^\]\s]*\]")


class _Text(HTMLParser):
    """The page's visible text, outside code and scripts, and its http:// links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.http_links: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self.text.append("\n")
        if tag in SKIP:
            self.skipping += 1
        href = dict(attrs).get("href") or ""
        if tag == "a" and href.lower().startswith("http://"):
            self.http_links.append(href)

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS:
            self.text.append("\n")
        if tag in SKIP and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.text.append(data)


def leftovers(html: str) -> list[tuple[str, str]]:
    """(snippet, what is wrong and how to fix it) for each piece of raw syntax or http://
    link in the page; the snippet lets the pipeline find the source line."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    found = []
    for match in LEFTOVERS.finditer("".join(parser.text)):
        snippet = match.group(0).strip()
        found.append((snippet, f"'{snippet[:60]}' shows as raw text on the built page; write a "
                               f"block as '/// NAME | ARGUMENT' and a contact as [[KIND:ID]] "
                               f"(see CONTRIBUTING.md)."))
    for href in parser.http_links:
        found.append((href, f"the link '{href}' starts with http://; use its https:// address."))
    return found
