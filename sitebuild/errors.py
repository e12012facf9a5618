"""How the build reports a content author's mistakes: all of them at once, by file."""

from __future__ import annotations

from typing import Callable, Hashable


class ContentError(Exception):
    """Bad input from a content author. The message names each file and what to fix."""


# What each check found, by the state of the files it read, so that a build that
# creates one Markdown instance per page runs each check once.
_results: dict[tuple[str, Hashable], list[str]] = {}


def check_or_raise(name: str, state: Hashable, check: Callable[[], list[str]]) -> None:
    """Run `check` once for this state of the files; raise if it found problems."""
    key = (name, state)
    if key not in _results:
        _results[key] = check()
    problems = _results[key]
    if problems:
        message = f"The {name} check found {len(problems)} problem(s):\n" + "\n".join(
            f"  - {problem}" for problem in problems)
        raise ContentError(message)
