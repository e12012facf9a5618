"""Which files make up the site's content, and a cheap fingerprint of their state."""

from __future__ import annotations

from pathlib import Path


def markdown_pages(docs_dir: Path) -> list[Path]:
    """Every Markdown page under docs_dir, in a stable order."""
    return sorted(docs_dir.rglob("*.md"))


def fingerprint(*paths: Path) -> tuple:
    """Changes whenever a file under these paths is added, removed or edited."""
    state = []
    for root in paths:
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in files:
            stat = path.stat()
            state.append((path.as_posix(), stat.st_mtime_ns, stat.st_size))
    return tuple(state)
