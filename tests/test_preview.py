"""`make serve` previews the real site: an edit shows in the open page by itself, a broken
edit shows the build's problems in the browser, and fixing it brings the page back."""

from __future__ import annotations

import threading
import time

from playwright.sync_api import expect

from sitebuild.devtools.local_server import serve_handler
from sitebuild.devtools.preview import Preview

PAGE = "parents/if-you-are-worried/"
SOURCE = "docs/parents/if-you-are-worried.md"
RUN_BY = "The NSPCC (a children's charity)"
# Each step waits for a whole build of the copy: about 10 s here, more on a busy machine.
BUILD_WAIT_MS = 90_000


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_open_page_follows_each_edit_and_shows_a_failed_build(project_copy, browser):
    preview = Preview(project_copy)
    assert preview.rebuild(), preview.problems
    stop = threading.Event()
    watcher = threading.Thread(target=preview.watch, args=(stop,), daemon=True)
    context = browser.new_context()
    blocked = []  # anything the site's Content-Security-Policy refused, such as our script
    try:
        with serve_handler(preview.handler) as address:
            watcher.start()
            page = context.new_page()
            page.on("console", lambda message: blocked.append(message.text)
                    if "Content Security Policy" in message.text else None)
            page.goto(f"{address}/{PAGE}")
            run_by = page.locator(".contact-card__run-by", has_text="The NSPCC (")
            expect(run_by.first).to_have_text(RUN_BY)

            # A data value changes: the open page shows it without the test reloading it.
            edited = time.monotonic()
            edit(project_copy / "data" / "contacts.yml", RUN_BY, "The NSPCC (edited in the preview)")
            expect(run_by.first).to_have_text("The NSPCC (edited in the preview)", timeout=BUILD_WAIT_MS)
            print(f"\nA data edit showed in the open page after {time.monotonic() - edited:.1f} s")

            # A broken page: the browser shows the build's problems, naming the file.
            edit(project_copy / SOURCE, "[[phone:police-999]]", "[[phone:no-such-service]]")
            heading = page.get_by_role("heading", name="The site was not built")
            expect(heading).to_be_visible(timeout=BUILD_WAIT_MS)
            expect(page.locator("pre")).to_contain_text(SOURCE)
            expect(page.locator("pre")).to_contain_text("no-such-service")

            # Fixed: the page comes back by itself.
            edit(project_copy / SOURCE, "[[phone:no-such-service]]", "[[phone:police-999]]")
            expect(run_by.first).to_have_text("The NSPCC (edited in the preview)", timeout=BUILD_WAIT_MS)
            expect(heading).to_have_count(0)
    finally:
        stop.set()
        context.close()
    watcher.join(timeout=BUILD_WAIT_MS / 1000)
    preview.close()
    assert not blocked, blocked
    # The reload script is added as pages are served: the built files never have it.
    built = (preview.site_dir / PAGE / "index.html").read_text(encoding="utf-8")
    assert "__preview" not in built and "Content-Security-Policy" in built
