"""Reading grade (Flesch-Kincaid) of each built page's own text.

    python -m sitebuild.checks.readability [site/]    # prints every page's grade and limit

Only the page's own words count: not the help strip, menus, contact cards (which come
from the data file) or the review box. Each heading, list item, table cell and paragraph
counts as a sentence, because a list item without a full stop is still a sentence to a
reader, and would otherwise be glued to the next one.
"""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import textstat

# The highest grade allowed for each audience (from the content style guide).
GRADE_LIMITS = {"parents": 8, "organisations": 9, "schools": 10}
BLOCKS = {"p", "li", "td", "th", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "summary",
          "blockquote", "figcaption"}
# Parts of a page that are not the page's own prose.
SKIP_CLASSES = ("contact-card", "page-review", "headerlink", "print-only", "admonition-title")


class _MainText(HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth_in_article = 0
        self.skip_depth = 0
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.stack: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = attrs.get("class") or ""
        if tag == "article" and "md-content__inner" in classes:
            self.depth_in_article = 1
            self.stack = []
            return
        if not self.depth_in_article or tag in ("br", "img", "hr", "input", "meta", "link", "wbr"):
            return
        skip = any(name in classes.split() or name in classes for name in SKIP_CLASSES)
        self.stack.append((tag, skip))
        if skip:
            self.skip_depth += 1
        if tag in BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        if not self.depth_in_article:
            return
        if tag == "article":
            self._flush()
            self.depth_in_article = 0
            return
        while self.stack:
            open_tag, skip = self.stack.pop()
            if skip:
                self.skip_depth -= 1
            if open_tag == tag:
                break
        if tag in BLOCKS:
            self._flush()

    def handle_data(self, data):
        if self.depth_in_article and not self.skip_depth:
            self.current.append(data)

    def _flush(self):
        text = " ".join("".join(self.current).split())
        self.current = []
        if text:
            self.blocks.append(text if re.search(r"[.!?:]$", text) else text + ".")


def main_text(html: str) -> str:
    parser = _MainText()
    parser.feed(html)
    parser.close()
    return "\n".join(parser.blocks)


def grade(html: str) -> float:
    return grade_of_text(main_text(html))


def grade_of_text(text: str) -> float:
    return textstat.flesch_kincaid_grade(text)


def grade_limit(meta: dict) -> int | None:
    """The strictest limit of the page's audiences, or None (such as 'everyone')."""
    limits = [GRADE_LIMITS[a] for a in meta.get("audience") or [] if a in GRADE_LIMITS]
    return min(limits) if limits else None


def grade_problems(pages) -> list[str]:
    """A problem for each page (a CheckedPage) that reads above its audience's grade."""
    problems = []
    for page in pages:
        limit = grade_limit(page.meta)
        score = grade(page.html)
        if limit is not None and score > limit:
            problems.append(
                f"{page.source}:1: reads at grade {score:.1f}, above {limit} for "
                f"{', '.join(page.meta['audience'])}; use shorter sentences and everyday words "
                f"(docs/about/style-guide.md), and check with `make content-report`")
    return problems


def main() -> int:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    for path in sorted(site.rglob("index.html")):
        text = main_text(path.read_text(encoding="utf-8"))
        words = len(text.split())
        if words:
            print(f"{grade_of_text(text):5.1f}  {words:5d} words  "
                  f"{path.relative_to(site).parent.as_posix() or '/'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
