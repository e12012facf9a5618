"""Start a builder (`mkdocs build ...`, `zensical build ...`) in a process of its own.

Normally a new Python (`python -m mkdocs`). For MkDocs, when it is safe, a fork of this
process instead, with MkDocs, the theme's plugins and our extensions already imported
(`preload_mkdocs`): the preview's waiting build process (sitebuild/devtools/preview.py)
does that import while the author types, which takes about 0.4 s off each rebuild.
Either way the builder is a process apart, so the build is the same: same command line,
same environment, its output in the same file. Forking a process that runs threads is
unsafe (a lock another thread held stays held in the copy), so a process with threads,
such as the test runner's workers, always starts a new Python.
"""

from __future__ import annotations

import importlib
import os
import signal
import subprocess
import sys
import threading
import time
import traceback
from pathlib import Path
from typing import IO

# What `mkdocs build` imports for this site: its CLI, the theme's plugins, the Markdown
# extensions in mkdocs.yml (ours included).
MKDOCS_MODULES = (
    "mkdocs.__main__", "mkdocs.commands.build", "material.plugins.search.plugin",
    "material.plugins.privacy.plugin", "markdown.extensions.toc", "pymdownx.blocks",
    "pymdownx.blocks.admonition", "pymdownx.blocks.details", "pymdownx.blocks.html",
    "pymdownx.superfences", "sitebuild.extensions.page_contract",
    "sitebuild.extensions.page_syntax", "sitebuild.extensions.contact_syntax",
    "sitebuild.extensions.glossary", "sitebuild.extensions.changes",
    "sitebuild.extensions.platforms", "sitebuild.extensions.form_fields",
    "sitebuild.extensions.live_checks", "sitebuild.extensions.review_dates",
)


def preload_mkdocs() -> None:
    """Import what an MkDocs build needs, so that a forked builder starts with it."""
    for name in MKDOCS_MODULES:
        importlib.import_module(name)


def can_fork() -> bool:
    """Whether this process may fork: it runs no other thread (also the rule of
    sitebuild/postbuild/pipeline.py's helper processes)."""
    return hasattr(os, "fork") and threading.active_count() == 1


class ForkedMkDocs:
    """`mkdocs ARGS` run in a fork of this process, with Popen's poll, wait and kill."""

    def __init__(self, args: list[str], cwd: Path, env: dict[str, str], output: IO[str]):
        preload_mkdocs()
        sys.stdout.flush()
        sys.stderr.flush()  # or the child would print what is waiting here again
        self.returncode: int | None = None
        self.pid = os.fork()
        if self.pid == 0:
            os._exit(self._child(args, cwd, env, output))

    @staticmethod
    def _child(args: list[str], cwd: Path, env: dict[str, str], output: IO[str]) -> int:
        code = 1
        try:
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.chdir(cwd)
            os.environ.clear()
            os.environ.update(env)
            os.dup2(output.fileno(), 1)
            os.dup2(output.fileno(), 2)
            # New streams on those: this process's may be someone else's (pytest's capture).
            sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
            sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
            sys.argv = ["mkdocs", *args]  # as `mkdocs ...` would see it
            from mkdocs.__main__ import cli

            cli.main(args=args, prog_name="mkdocs")
            code = 0
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        except BaseException:  # noqa: BLE001 (printed into the build's output, like Python would)
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
        return code

    def poll(self) -> int | None:
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() >= deadline:
                raise subprocess.TimeoutExpired(f"mkdocs (pid {self.pid})", timeout)
            time.sleep(0.02)
        return self.returncode

    def kill(self) -> None:
        if self.poll() is None:
            os.kill(self.pid, signal.SIGKILL)


def start_builder(command: list[str], cwd: Path, env: dict[str, str], output: IO[str]):
    """command is [python, "-m", "mkdocs" or "zensical", ...]: a Popen, or for MkDocs where
    it is safe, a ForkedMkDocs."""
    if command[1:3] == ["-m", "mkdocs"] and can_fork():
        return ForkedMkDocs(command[3:], cwd, env, output)
    return subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT, text=True)
