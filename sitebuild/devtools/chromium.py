"""Debian's Chromium, driven by Playwright: used for sheet PDFs and by the tests.

No browser is ever downloaded: Playwright runs the system Chromium via executable_path.
"""

from __future__ import annotations

import os
import shutil

FLAGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--no-first-run",
    # No connections of Chromium's own: nothing leaves the machine but what a page asks for.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Nothing here needs the internet (sheets, tests, benchmark, screenshots all use the
    # site on 127.0.0.1): every other host fails to resolve, so no request can leave.
    # Cheaper than intercepting each request, which doubles the cost of loading a page.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


class ChromiumMissing(RuntimeError):
    pass


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise ChromiumMissing("Chromium not found. Install Debian's package: sudo apt-get install "
                              "chromium (or set CHROMIUM to its path).")
    return path


# A frame as soon as one is needed, not at a screen's 60 a second: for tests that wait
# on hundreds of frames (tests/test_keyboard.py), in a browser of their own, as it makes
# loading pages slower. Never for the benchmark, whose figures must be a real screen's.
UNTHROTTLED_FRAMES = ["--disable-frame-rate-limit", "--disable-gpu-vsync"]


def launch(playwright, *extra_flags: str):
    return playwright.chromium.launch(executable_path=chromium_path(), args=[*FLAGS, *extra_flags])
