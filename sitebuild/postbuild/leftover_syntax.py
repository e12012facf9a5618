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

from lxml import html as lxml_html

from sitebuild.extensions.contacts_render import INLINE_KINDS

SKIP = {"script", "style", "pre", "code", "textarea"}
# Tags that start a new line of text, so that '///' at the start of a paragraph is seen.
BLOCK_TAGS = {"p", "li", "div", "td", "th", "dd", "dt", "br", "h1", "h2", "h3", "h4", "h5",
              "h6", "summary", "details", "blockquote", "section", "article", "nav", "tr"}
LEFTOVERS = re.compile(r"(?m)^[ \t]*/{3}.*$|\[\[[^\s]*|\]\]|(?<!\[)\[(?:"
                       + "|".join(INLINE_KINDS) + r"):[^\]\s]*\]")


def _visible_text(element, out: list[str]) -> None:
    """The text of element and what follows it, outside code and scripts, with a line
    break around each block (comments, whose tag is not a name, give only what follows)."""
    tag = element.tag if isinstance(element.tag, str) else None
    if tag in BLOCK_TAGS:
        out.append("\n")
    if tag is not None and tag not in SKIP:
        if element.text:
            out.append(element.text)
        for child in element:
            _visible_text(child, out)
    if tag in BLOCK_TAGS:
        out.append("\n")
    if element.tail:
        out.append(element.tail)


def leftovers(html: str) -> list[tuple[str, str]]:
    """(snippet, what is wrong and how to fix it) for each piece of raw syntax or http://
    link in the page; the snippet lets the pipeline find the source line."""
    # lxml's parser (libxml2, in C), as the Word copies use: about ten times quicker than
    # html.parser, and this runs on every page of every build.
    tree = lxml_html.document_fromstring(html)
    text: list[str] = []
    _visible_text(tree, text)
    http_links = [href for href in (a.get("href") or "" for a in tree.iter("a"))
                  if href.lower().startswith("http://")]
    found = []
    for match in LEFTOVERS.finditer("".join(text)):
        snippet = match.group(0).strip()
        found.append((snippet, f"'{snippet[:60]}' shows as raw text on the built page; write a "
                               f"block as '/// NAME | ARGUMENT' and a contact as [[KIND:ID]] "
                               f"(see CONTRIBUTING.md)."))
    for href in http_links:
        found.append((href, f"the link '{href}' starts with http://; use its https:// address."))
    return found
