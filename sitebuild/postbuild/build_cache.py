"""Files a build keeps under .cache/ for the next one (printed sheets and forms, Word
copies), by a key of everything they were made from.

Builds with different pages may share a cache folder at the same time (the tests run
two), so an entry is written whole or not at all, a build never deletes what another may
be reading, and an entry goes only when no build has used it for KEEP_DAYS.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from pathlib import Path
from typing import Callable

KEEP_DAYS = 14

# What a printed page can load (it runs no scripts): its styles, fonts and pictures.
LOADED = {".css", ".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".woff", ".woff2",
          ".ttf", ".otf"}


def read_kept(path: Path) -> bytes | None:
    """The kept file's bytes, marked as used; None if it is not there."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    with contextlib.suppress(FileNotFoundError):  # forgotten since: the bytes are read
        os.utime(path)
    return data


def keep(path: Path, data: bytes) -> None:
    """Write the file whole: another build may be reading the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.part")
    partial.write_bytes(data)
    os.replace(partial, path)


def key(made_by: str, page_html: str) -> str:
    """An entry's name: a digest of what made it (tool versions, code, files) and the page."""
    return hashlib.sha256(f"{made_by}\n{page_html}".encode()).hexdigest()


def made_once(path: Path | None, make: Callable[[], bytes]) -> bytes:
    """The kept file at path, or make() kept there if it is not (no cache: path None)."""
    data = read_kept(path) if path else None
    if data is None:
        data = make()
        if path:
            keep(path, data)
    return data


def forget_unused(folder: Path) -> None:
    """Remove what no build has used for KEEP_DAYS."""
    if not folder.exists():
        return
    old = time.time() - KEEP_DAYS * 86400
    for path in folder.iterdir():
        with contextlib.suppress(FileNotFoundError):  # another build removed it first
            if path.stat().st_mtime < old:
                path.unlink()


def files_digest(site_dir: Path, skip: set[Path] = frozenset()) -> str:
    """One digest of every file of the site that a printed page could load (but skip):
    part of the key of a print."""
    digest = hashlib.sha256()
    for path in sorted(site_dir.rglob("*")):
        if path.suffix.lower() in LOADED and path not in skip and path.is_file():
            digest.update(path.relative_to(site_dir).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
