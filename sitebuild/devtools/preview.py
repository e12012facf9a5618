"""Preview the real site while you edit it (`make serve`).

    python -m sitebuild.devtools.preview            # http://127.0.0.1:8000
    python -m sitebuild.devtools.preview --pdf      # also print the sheet PDFs at each build

Each build is `sitebuild.build_site.build()`, the one build path, post-build steps
included (Content-Security-Policy, contacts.json, QR codes), so the preview is the site
that gets published. It watches docs/, data/, overrides/, mkdocs.yml and sitebuild/,
builds again after a change, and the open page reloads itself. After a failed build every
page shows the build's problems instead, and comes back by itself once a build succeeds.

The reload script is served by this server and added to each page as it is sent: the
built files never contain it, and it is a `<script src>` from the site's own address,
which the site's Content-Security-Policy allows.
"""

from __future__ import annotations

import argparse
import atexit
import html
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
from pathlib import Path
from urllib.parse import urlsplit

from sitebuild.devtools.local_server import QuietHandler, serve_handler

PROJECT_DIR = Path(__file__).resolve().parent.parent.parent
WATCHED = ("docs", "data", "overrides", "mkdocs.yml", "sitebuild")
# Written by the build itself (a change there must not start another build), or caches.
NOT_WATCHED_DIRS = {"__pycache__", "generated"}
RELOAD_SCRIPT = Path(__file__).with_name("preview_reload.js")
VERSION_PATH = "/__preview/version"
SCRIPT_PATH = "/__preview/reload.js"
# How often the sources are looked at, and how long they must stay unchanged before a
# build starts (an editor saving several files at once gives one build).
POLL_SECONDS = 0.05
SETTLE_SECONDS = 0.05


def snapshot(project_dir: Path) -> dict[str, tuple[int, int]]:
    """(modified time, size) of every watched file: any edit, new file or removal changes it."""
    state = {}
    for name in WATCHED:
        root = project_dir / name
        if root.is_file():
            stat = root.stat()
            state[name] = (stat.st_mtime_ns, stat.st_size)
            continue
        for folder, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if d not in NOT_WATCHED_DIRS and not d.startswith(".")]
            for file in files:
                if file.startswith((".", "#")) or file.endswith("~"):
                    continue  # editors' swap and backup files
                path = Path(folder, file)
                try:
                    stat = path.stat()
                except FileNotFoundError:
                    continue  # removed while we looked
                state[path.relative_to(project_dir).as_posix()] = (stat.st_mtime_ns, stat.st_size)
    return state


def changed_files(before: dict, after: dict) -> list[str]:
    return sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))


def _build_in_child(connection) -> None:
    """A build process: imports the build first, then waits for its order (project,
    folder, pdf) and sends back (ok, problems). A fresh Python, so that a change to
    sitebuild/ is used by the next build."""
    # Ctrl-C is the preview server's to handle: it stops this process with SIGTERM, and
    # SystemExit makes subprocess.run stop the builder too. (SIGINT is not ignored, which
    # the builder would inherit, but handled: the builder, once started, gets the default.)
    signal.signal(signal.SIGINT, lambda *_: None)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    from sitebuild.build_site import BuildFailed, build
    from sitebuild.builder_process import preload_mkdocs

    preload_mkdocs()  # while waiting: the build forks MkDocs with it loaded

    try:
        project_dir, site_dir, pdf = connection.recv()
    except EOFError:
        return  # not needed after all (the code changed, or the preview stopped)
    try:
        build("mkdocs", Path(site_dir), project_dir=Path(project_dir), pdf=pdf)
        connection.send((True, ""))
    except BuildFailed as failure:
        connection.send((False, failure.output))
    except BaseException:  # a mistake in sitebuild/ itself: show it like a build problem
        connection.send((False, traceback.format_exc()))


class Builder:
    """One build process, started before it is needed: Python's start and the build's
    imports (about half a second) happen while the author is still typing."""

    def __init__(self, code: dict):
        self.code = code  # the state of sitebuild/ when it started
        context = multiprocessing.get_context("spawn")
        self.connection, theirs = context.Pipe()
        # Not a daemon, so that the build may start helper processes (pipeline.helpers);
        # close() stops it if the preview stops while it builds.
        self.process = context.Process(target=_build_in_child, args=(theirs,))
        self.process.start()
        theirs.close()
        # Before multiprocessing, at exit, waits for its children: a waiting one never ends.
        atexit.register(self.close)

    def build(self, project_dir: Path, site_dir: Path, pdf: bool) -> tuple[bool, str]:
        """(True, "") if the site was built into site_dir, or (False, the build's problems).
        The process is then ending: close() waits for it."""
        try:
            self.connection.send((str(project_dir), str(site_dir), pdf))
            return self.connection.recv()
        except (EOFError, BrokenPipeError):
            self.process.join()
            return False, f"The build stopped without a result (exit code {self.process.exitcode})."

    def close(self) -> None:
        atexit.unregister(self.close)
        self.connection.close()  # an unused builder reads EOF and ends
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join()


def code_state(sources: dict) -> dict:
    """The part of a snapshot that is the build's own code."""
    return {name: state for name, state in sources.items() if name.startswith("sitebuild/")}


class Preview:
    """The last build (its folder, or its problems) and a number that changes with each
    build, which open pages watch."""

    def __init__(self, project_dir: Path = PROJECT_DIR, work_dir: Path | None = None,
                 pdf: bool = False):
        self.project_dir = Path(project_dir)
        self.work_dir = Path(work_dir or self.project_dir / ".cache" / "preview")
        self.pdf = pdf
        self.version = 0
        self.site_dir: Path | None = None  # the last good build
        self.problems: str | None = None  # the last build's problems, if it failed
        self.sources = snapshot(self.project_dir)
        self.builder: Builder | None = None  # the next build's process, waiting

    def rebuild(self) -> bool:
        """Build, then serve the result. Two folders take turns, so the folder being
        served is never the one being built."""
        self.sources = snapshot(self.project_dir)
        target = self.work_dir / ("site-a" if self.site_dir != self.work_dir / "site-a" else "site-b")
        started = time.monotonic()
        code = code_state(self.sources)
        if self.builder is not None and self.builder.code != code:
            self.builder.close()  # it imported the old sitebuild/
            self.builder = None
        builder, self.builder = self.builder or Builder(code), None
        try:
            ok, problems = builder.build(self.project_dir, target, self.pdf)
            seconds = time.monotonic() - started
            if ok:
                self.site_dir, self.problems = target, None
                print(f"Built in {seconds:.1f} s.", flush=True)
            else:
                self.problems = problems
                print(f"The site was not built ({seconds:.1f} s). Every page in the browser "
                      f"shows why, until a build succeeds:\n{problems}", file=sys.stderr, flush=True)
            self.version += 1  # once the pages to show are in place: open pages reload now
        finally:
            builder.close()  # after the pages reload: its process is still ending
        self.builder = Builder(code)  # ready for the next change
        return ok

    def close(self) -> None:
        """Stop the waiting build process."""
        if self.builder is not None:
            self.builder.close()
            self.builder = None

    def watch(self, stop: threading.Event) -> None:
        """Build again after each change to the sources, until stop is set."""
        while not stop.wait(POLL_SECONDS):
            now = snapshot(self.project_dir)
            if now == self.sources:
                continue
            time.sleep(SETTLE_SECONDS)
            names = changed_files(self.sources, snapshot(self.project_dir))
            shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
            print(f"Changed: {shown or 'files'}. Building...", flush=True)
            self.rebuild()

    def handler(self, *args, **kwargs):
        """A request handler for the server, reading the build current at that moment."""
        site = self.site_dir or self.work_dir  # before a first good build: nothing to serve
        return _PreviewHandler(*args, preview=self, directory=str(site), **kwargs)


def error_page(problems: str, version: int) -> str:
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The site was not built</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem; max-width: 60rem; line-height: 1.5; }}
pre {{ white-space: pre-wrap; background: #f4f4f4; border-left: 4px solid #b00020; padding: 1rem; }}
</style>
<script src="{SCRIPT_PATH}?version={version}" defer></script>
</head>
<body>
<h1>The site was not built</h1>
<p>The last change stopped the build. Fix what is listed below and save the file: this
page reloads by itself as soon as the site builds again.</p>
<pre>{html.escape(problems)}</pre>
</body>
</html>
"""


NO_PDF_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>No PDF in this preview</title></head>
<body><h1>No PDF in this preview</h1>
<p>The preview prints the sheet PDFs only when started with <code>make serve PDF=1</code>.
<code>make build</code> prints them too, into <code>site/</code>.</p></body></html>
"""


class _PreviewHandler(QuietHandler):
    def __init__(self, *args, preview: Preview, **kwargs):
        self.preview = preview
        super().__init__(*args, **kwargs)

    def end_headers(self):
        # Always the newest build: never a cached page or style sheet from an older one.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self):
        path = urlsplit(self.path).path
        if path == VERSION_PATH:
            return self._send(200, "text/plain", str(self.preview.version))
        if path == SCRIPT_PATH:
            return self._send(200, "text/javascript", RELOAD_SCRIPT.read_text(encoding="utf-8"))
        file = Path(self.translate_path(self.path))
        if file.is_dir():
            if not path.endswith("/"):
                return super().do_GET()  # redirects to the address with a slash
            file = file / "index.html"
        is_page = file.suffix in (".html", "")
        if self.preview.problems is not None and is_page:
            return self._send(500, "text/html", error_page(self.preview.problems, self.preview.version))
        if is_page and file.is_file():
            return self._send(200, "text/html", self._with_reload(file.read_text(encoding="utf-8")))
        if file.suffix == ".pdf" and not file.exists() and not self.preview.pdf:
            return self._send(404, "text/html", NO_PDF_PAGE)
        if is_page:
            not_found = Path(self.directory) / "404.html"
            if not_found.is_file():
                return self._send(404, "text/html", self._with_reload(not_found.read_text(encoding="utf-8")))
        return super().do_GET()

    def _with_reload(self, page: str) -> str:
        tag = f'<script src="{SCRIPT_PATH}?version={self.preview.version}" defer></script>'
        head_end = page.find("</head>")
        return page[:head_end] + tag + page[head_end:] if head_end >= 0 else page + tag

    def _send(self, status: int, content_type: str, text: str) -> None:
        body = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", f"{content_type}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--pdf", action="store_true",
                        help="also print the sheet PDFs at every build (slower; needs Chromium)")
    args = parser.parse_args(argv)
    # Ctrl-C, and `kill` too, stop the server cleanly, even when started in the background.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    preview = Preview(pdf=args.pdf)
    try:
        print("Building the site...", flush=True)
        preview.rebuild()
        with serve_handler(preview.handler, port=args.port) as address:
            print(f"Serving {address}/ : it rebuilds when you save a file in "
                  f"{', '.join(WATCHED)}. Press Ctrl-C to stop.", flush=True)
            preview.watch(threading.Event())
    except KeyboardInterrupt:
        print("\nStopped.")
    except OSError as error:
        print(f"Cannot serve on 127.0.0.1:{args.port} ({error.strerror}). Is another "
              f"`make serve` running? Stop it, or use `make serve PORT=8001`.", file=sys.stderr)
        return 1
    finally:
        preview.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
