"""Read the YAML front matter of a Markdown page, the way MkDocs and Zensical do."""

from __future__ import annotations

import copy
import functools
import re
from pathlib import Path
from typing import Iterator

import yaml
from sitebuild.sources.yaml_errors import yaml_problem

from sitebuild.sources.site_files import markdown_pages
from sitebuild.sources.yaml_load import safe_load

# Front matter is a YAML block between two '---' lines at the very top of the file.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.DOTALL)


class FrontMatterError(ValueError):
    """The front matter is missing or is not valid YAML; `line` is where, if known."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


def split_page(text: str) -> tuple[dict | None, str, int]:
    """Return (front matter or None, body, the line number where the body starts)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return None, text, 1
    try:
        # A copy: a caller may change what it gets.
        meta = copy.deepcopy(_parse(match.group(1) or "")) or {}
    except (yaml.YAMLError, ValueError) as error:
        # PyYAML raises ValueError for impossible dates such as 2026-13-01.
        # The front matter starts on line 2, after the first '---'.
        problem = yaml_problem("", match.group(1) or "", error, first_line=2)
        line, _, words = problem.partition(": ")
        raise FrontMatterError(f"front matter is not valid YAML: {words}",
                               int(line[1:]) if line[1:].isdigit() else None) from error
    if not isinstance(meta, dict):
        raise FrontMatterError("front matter must be a set of 'field: value' lines")
    body_start_line = match.group(0).count("\n") + 1
    return meta, text[match.end():], body_start_line


@functools.lru_cache(maxsize=1024)
def _parse(block: str):
    """Parsed once per build: several checks read each page's front matter."""
    return safe_load(block)


def read_page(path: Path) -> tuple[dict | None, str, int]:
    return split_page(path.read_text(encoding="utf-8"))


def readable_pages(docs_dir: Path) -> Iterator[tuple[Path, dict | None, str, int]]:
    """(path, front matter, body, the body's first line) of every page under docs_dir
    whose front matter can be read: the page contract check reports the others."""
    for path in markdown_pages(docs_dir):
        try:
            meta, body, first_line = read_page(path)
        except FrontMatterError:
            continue
        yield path, meta, body, first_line
