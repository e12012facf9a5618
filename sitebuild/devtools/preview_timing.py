"""How long an edit to one page takes to show in the preview (`make serve`), in Chromium.

    python -m sitebuild.devtools.preview_timing            # 3 edits
    python -m sitebuild.devtools.preview_timing --runs 5

Previews a scratch copy of the project, opens a page in Chromium and edits that page's
source as an author would, a few times. Prints the seconds from each save to the new
text showing in the open page (the watcher seeing the change, the whole build, the
page reloading itself), and the median. The aim is 5 s or less on the project's 2-core
machine (see README, "Build time"). `make bench` prints it too.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from sitebuild.build_site import PROJECT_DIR, copy_sources
from sitebuild.devtools import chromium
from sitebuild.devtools.local_server import serve_handler
from sitebuild.devtools.preview import Preview

PAGE = "parents/if-you-are-worried/"
SOURCE = "docs/parents/if-you-are-worried.md"
SENTENCE = "Do not confront the person you are worried about."
# Generous: a build on a busy machine; the figure printed is what matters.
WAIT_MS = 90_000


def edit_and_time(page, source: Path, old: str, new: str) -> float:
    """Replace old with new in source (a page's Markdown, open in page) and return the
    seconds until new shows in the open page, which reloads by itself."""
    text = source.read_text(encoding="utf-8")
    if old not in text:
        raise ValueError(f"{old!r} is not in {source}")
    saved = time.monotonic()
    source.write_text(text.replace(old, new, 1), encoding="utf-8")
    page.get_by_text(new).first.wait_for(state="visible", timeout=WAIT_MS)
    return time.monotonic() - saved


def time_edits(runs: int) -> list[float]:
    """The seconds each of `runs` edits of one page took to show, in a scratch preview."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="preview-timing-") as scratch:
        project = copy_sources(PROJECT_DIR, Path(scratch))
        preview = Preview(project, work_dir=Path(scratch) / ".cache" / "preview")
        if not preview.rebuild():
            raise RuntimeError(f"The project does not build:\n{preview.problems}")
        stop = threading.Event()
        watcher = threading.Thread(target=preview.watch, args=(stop,), daemon=True)
        seconds = []
        try:
            with serve_handler(preview.handler) as address, sync_playwright() as playwright:
                watcher.start()
                browser = chromium.launch(playwright)
                page = browser.new_page()
                page.goto(f"{address}/{PAGE}")
                old = SENTENCE
                for run in range(1, runs + 1):
                    new = f"{SENTENCE[:-1]}, timed edit {run}."
                    seconds.append(edit_and_time(page, project / SOURCE, old, new))
                    old = new
                browser.close()
        finally:
            stop.set()
            watcher.join(timeout=WAIT_MS / 1000)
            preview.close()
    return seconds


def report(seconds: list[float]) -> str:
    each = ", ".join(f"{s:.1f}" for s in seconds)
    return (f"An edit to one page showed in the open preview after {statistics.median(seconds):.1f} s "
            f"(median of {len(seconds)}: {each} s; aim: 5 s or less).")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="how many edits to time (default 3)")
    args = parser.parse_args()
    print("Previewing a copy of the project and timing edits to " + SOURCE + "...", flush=True)
    try:
        print(report(time_edits(args.runs)))
    except chromium.ChromiumMissing as missing:
        print(missing, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
