"""Which files make up the site's content, a cheap fingerprint of their state, and
writing the files the build generates."""

from __future__ import annotations

import functools
import os
import re
import tempfile
from pathlib import Path
from typing import Callable, TypeVar

Loaded = TypeVar("Loaded")


def markdown_pages(docs_dir: Path) -> list[Path]:
    """Every Markdown page under docs_dir, in a stable order."""
    return sorted(docs_dir.rglob("*.md"))


def built_pages(site_dir: Path) -> list[Path]:
    """Every HTML page of a built site, in a stable order."""
    return sorted(site_dir.rglob("*.html"))


# The HTML attributes that hold an address a browser follows or loads (srcset, a list, is
# read apart): where the link checks look for links and the policy step for javascript:.
LINK_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "cite", "data", "xlink:href")


def fingerprint(*paths: Path) -> tuple:
    """Changes whenever a file under these paths is added, removed or edited.

    With os.walk and os.stat, not pathlib: the extensions ask for it for every page they
    convert (about 1,300 times a build), so its speed shows in every build."""
    state = []
    for root in map(str, paths):
        if os.path.isfile(root):
            stat = os.stat(root)
            state.append((root, stat.st_mtime_ns, stat.st_size))
            continue
        for folder, subfolders, files in os.walk(root):
            subfolders.sort()
            for name in sorted(files):
                path = os.path.join(folder, name)
                stat = os.stat(path)
                state.append((path, stat.st_mtime_ns, stat.st_size))
    return tuple(state)


def read_once(load: Callable[[Path], Loaded], path: Path) -> Loaded:
    """load(path), run once per state of the file: a build converts many pages, each with
    its own Markdown instance, and every extension would otherwise read its data again."""
    return _read_once(load, path, fingerprint(path))


@functools.lru_cache(maxsize=16)
def _read_once(load, path: Path, state: tuple):
    return load(path)


def write_if_changed(path: Path, text: str) -> None:
    """Write only on change, so that `mkdocs serve` does not rebuild in a loop, and
    atomically, so that a build running at the same time never reads half a file."""
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False,
                                     suffix=".tmp") as scratch:
        scratch.write(text)
    os.replace(scratch.name, path)


def built_file_for(source: str) -> str:
    """The built HTML file of a page, from its file under docs/ (MkDocs' directory URLs):
    'parents/sextortion.md' is 'parents/sextortion/index.html'; an index.md is its folder's."""
    stem = source.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return stem + "/index.html"


def source_line(source_text: str, phrase: "str | re.Pattern", default: int = 1) -> int:
    """The first line of a source file holding phrase (any case) or matching a pattern,
    or default."""
    for number, line in enumerate(source_text.splitlines(), start=1):
        if phrase.search(line) if isinstance(phrase, re.Pattern) else phrase.casefold() in line.casefold():
            return number
    return default
