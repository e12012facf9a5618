"""Read a YAML data file that holds one named list of entries (data/changes.yml,
data/glossary.yml, data/live-checks.yml), with the line each entry starts on, for
messages that name it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from sitebuild.sources.yaml_errors import yaml_problem
from sitebuild.sources.yaml_load import safe_load

# An entry starts with "- field:" (indented or not), as in every file this reads. Spaces
# only before the "-": a blank line before an entry is not part of it.
ENTRY_START = re.compile(r"^[ \t]*- \w+:", re.MULTILINE)


@dataclass(frozen=True)
class ListFile:
    text: str
    entries: list
    lines: list[int]  # the line each entry starts on, in file order

    def line(self, number: int) -> int | str:
        """The line of entry `number` (from 1), or "?" if it could not be found."""
        return self.lines[number - 1] if number <= len(self.lines) else "?"


def entry_lines(text: str) -> list[int]:
    return [text.count("\n", 0, match.start()) + 1 for match in ENTRY_START.finditer(text)]


def read_list_file(path: Path, key: str, what: str) -> tuple[ListFile | None, list[str]]:
    """The file's list called `key`, or None and one message naming the file and the fix.

    `what` names the file in the message when it is missing ("the glossary file")."""
    where = path.as_posix()
    if not path.is_file():
        return None, [f"{where}: {what} is missing."]
    text = path.read_text(encoding="utf-8")
    try:
        data = safe_load(text)
    except (yaml.YAMLError, ValueError) as error:  # ValueError: an impossible date
        return None, [yaml_problem(where, text, error)]
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        return None, [f"{where}: must hold a list called '{key}' (see the comments at its top)."]
    return ListFile(text=text, entries=data[key], lines=entry_lines(text)), []
