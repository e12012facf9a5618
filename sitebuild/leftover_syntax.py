"""No page of the built site shows raw block or contact syntax. A post-build step.

sitebuild/page_syntax.py stops most mistakes in the pages before the build; this is the
net behind it, on the finished HTML, for whatever still got through (an include, a
theme partial, a syntax the page check does not know): a text line starting `///`, a
`[[` or `]]`, `[phone:ID]` with single brackets, or a link to an http:// address. Each
problem names the page's source file and, where the text can be found there, its line.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from sitebuild.contacts_render import INLINE_KINDS
from sitebuild.errors import ContentError

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


def source_of(page: Path, site_dir: Path, docs_dir: Path) -> Path | None:
    """The Markdown page that became this HTML page, if there is one."""
    relative = page.relative_to(site_dir).with_suffix("")
    stem = relative.parent if relative.name == "index" else relative
    for candidate in (docs_dir / stem / "index.md", docs_dir / f"{stem}.md"):
        if candidate.is_file():
            return candidate
    return None


def _where(source: Path | None, page: Path, site_dir: Path, snippet: str, project_dir: Path) -> str:
    if source is None:
        return page.relative_to(site_dir).as_posix() + " (built page)"
    name = source.relative_to(project_dir).as_posix() if source.is_relative_to(project_dir) \
        else source.as_posix()
    needle = snippet.strip()[:40]
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
        if needle and needle in line:
            return f"{name}:{number}"
    return name


def find_leftovers(site_dir: Path, docs_dir: Path, project_dir: Path | None = None) -> list[str]:
    project_dir = project_dir or docs_dir.parent
    problems = []
    for page in sorted(site_dir.rglob("*.html")):
        parser = _Text()
        parser.feed(page.read_text(encoding="utf-8"))
        source = source_of(page, site_dir, docs_dir)
        for match in LEFTOVERS.finditer("".join(parser.text)):
            snippet = match.group(0).strip()
            problems.append(f"{_where(source, page, site_dir, snippet, project_dir)}: "
                            f"'{snippet[:60]}' shows as raw text on the built page; write a block "
                            f"as '/// NAME | ARGUMENT' and a contact as [[KIND:ID]] (see "
                            f"CONTRIBUTING.md).")
        for href in parser.http_links:
            problems.append(f"{_where(source, page, site_dir, href, project_dir)}: the link "
                            f"'{href}' starts with http://; use its https:// address.")
    return problems


def check_built_pages(site_dir: Path, docs_dir: Path) -> None:
    problems = find_leftovers(site_dir, docs_dir)
    if problems:
        raise ContentError(f"The built pages check found {len(problems)} problem(s):\n"
                           + "\n".join(f"  - {problem}" for problem in problems))
