"""Printing PDFs in a process of their own.

Playwright's sync API cannot start inside a program that is already driving a browser
with it (such as the test run), so the sheet and form PDFs are printed by running their
module as a program."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def print_apart(module: str, site_dir: Path, what: str, *more: str) -> None:
    """Run `python -m module site_dir [more...]`; RuntimeError saying why if it failed."""
    result = subprocess.run([sys.executable, "-m", module, str(site_dir), *more],
                            capture_output=True, text=True)
    if result.returncode != 0:
        output = result.stdout + result.stderr
        # Chromium missing is a setup step, not a bug: its own sentence says what to install.
        missing = [line for line in output.splitlines() if "ChromiumMissing: " in line]
        message = missing[-1].split("ChromiumMissing: ", 1)[1] if missing else output
        raise RuntimeError(f"printing the {what} failed: {message}")
