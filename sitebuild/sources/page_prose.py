"""The prose of a page's Markdown, as the checks of its wording read it: without fenced
code, code spans or HTML comments, which show examples and notes rather than advice."""

from __future__ import annotations

import re

FENCE = re.compile(r"^\s*(```|~~~)")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+\1")
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def prose_lines(body: str) -> list[tuple[int, str]]:
    """(offset, line) of each line outside fenced code (the fences left out too), with code
    spans and HTML comments blanked out. Offsets count every line of the body, so a gap
    between two of them is code in between."""
    body = HTML_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), body)
    lines, in_fence = [], False
    for offset, line in enumerate(body.splitlines()):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence:
            lines.append((offset, CODE_SPAN.sub(" ", line)))
    return lines
