"""How the build reports a content author's mistakes: all of them at once, by file."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Callable, Iterator

from sitebuild.sources.site_files import fingerprint


class ContentError(Exception):
    """Bad input from a content author. The message names each file and what to fix.

    `problems` holds each problem on its own (`file:line: what is wrong; how to fix it`),
    so that a build can list the problems of every check together."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = list(problems) if problems else [message]


class ProblemsRecorded(ContentError):
    """A check failed while problems are being collected: its problems are recorded, and
    the extension that ran it stops (what follows assumes the data is valid)."""


# What each check found, by the state of the files it read, so that a build that
# creates one Markdown instance per page runs each check once.
_results: dict[tuple[str, tuple], list[str]] = {}
# Set for a builder while sitebuild.content_checks runs every check at the same time in
# another process (build_site.build): the builder skips them, and that process reports.
CHECKED_ELSEWHERE = "SITEBUILD_CHECKED_ELSEWHERE"
# While collecting (see `collecting`), every problem found, in order.
_collected: list[str] | None = None


def problem_list(name: str, problems: list[str]) -> ContentError:
    message = f"The {name} check found {len(problems)} problem(s):\n" + "\n".join(
        f"  - {problem}" for problem in problems)
    return ContentError(message, problems)


def checked_elsewhere() -> bool:
    """True in a builder that build_site runs: sitebuild.content_checks does the checks."""
    return bool(os.environ.get(CHECKED_ELSEWHERE))


def check_or_raise(name: str, paths: tuple[Path, ...], check: Callable[[], list[str]]) -> None:
    """Run `check` once for this state of the files under `paths`; raise if it found problems."""
    if not check_or_record(name, paths, check):
        raise ProblemsRecorded(name, [])


def check_or_record(name: str, paths: tuple[Path, ...], check: Callable[[], list[str]]) -> bool:
    """Like check_or_raise, but while collecting it records the problems and returns
    False, so that the caller can go on with checks that do not depend on this one."""
    if checked_elsewhere():
        return True  # before the fingerprint: a walk of docs/ for each page adds up
    key = (name, fingerprint(*paths))
    if key not in _results:
        _results[key] = check()
    problems = _results[key]
    if not problems:
        return True
    if _collected is None:
        raise problem_list(name, problems)
    _collected.extend(problems)
    return False


@contextlib.contextmanager
def collecting() -> Iterator[list[str]]:
    """Record the problems of every check run inside, instead of stopping at the first."""
    global _collected
    previous, _collected = _collected, []
    try:
        yield _collected
    finally:
        _collected = previous
