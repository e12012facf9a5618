"""Files a build keeps under .cache/ for the next one (printed sheets, Word copies), by a
key of everything they were made from.

Builds with different pages may share a cache folder at the same time (the tests run
two), so an entry is written whole or not at all, a build never deletes what another may
be reading, and an entry goes only when no build has used it for KEEP_DAYS.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

KEEP_DAYS = 14


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


def forget_unused(folder: Path) -> None:
    """Remove what no build has used for KEEP_DAYS."""
    if not folder.exists():
        return
    old = time.time() - KEEP_DAYS * 86400
    for path in folder.iterdir():
        with contextlib.suppress(FileNotFoundError):  # another build removed it first
            if path.stat().st_mtime < old:
                path.unlink()
