"""The "Changes to this guidance" list, as a Python-Markdown extension (MkDocs and Zensical).

Meaningful changes to the guidance are recorded by hand in data/changes.yml. A page writes

    /// changes
    ///

and gets them, newest first, grouped by date. When it loads, the extension checks the file
and stops the build naming the file and line of any entry without a date or a description.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as etree
from itertools import groupby
from pathlib import Path

from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block

from sitebuild.extensions.options import path_options
from sitebuild.extensions.contact_usage import check_entries_contacts
from sitebuild.errors import check_or_raise
from sitebuild.sources.dates import long_date
from sitebuild.sources.site_files import read_once
from sitebuild.sources.yaml_list_file import read_list_file

FIELDS = ("date", "description")


def check_changes(path: Path, today: dt.date | None = None) -> list[str]:
    """One message per problem, each naming the file, the line and what to fix."""
    today = today or dt.date.today()
    where = path.as_posix()
    listed, problems = read_list_file(path, "changes", "the changes file")
    if listed is None:
        return problems
    for number, entry in enumerate(listed.entries, start=1):
        label = f"{where}:{listed.line(number)}: entry {number}"
        if not isinstance(entry, dict):
            problems.append(f"{label} must have a 'date' and a 'description'.")
            continue
        day = entry.get("date")
        if day is None:
            problems.append(f"{label} has no 'date'; write the day of the change as YYYY-MM-DD.")
        elif isinstance(day, dt.datetime) or not isinstance(day, dt.date):
            problems.append(f"{label}: 'date' must be written YYYY-MM-DD, not {day!r}.")
        elif day > today:
            problems.append(f"{label}: 'date' {day} is in the future; record a change once it "
                            f"is published.")
        description = entry.get("description")
        if not isinstance(description, str) or not description.strip():
            problems.append(f"{label} has no 'description'; say in plain words what changed "
                            f"and on which pages.")
        for field in set(entry) - set(FIELDS):
            problems.append(f"{label}: field '{field}' is not known (allowed: {', '.join(FIELDS)}).")
    return problems


def load_changes(path: Path) -> list[dict]:
    """The entries, newest first. Call check_changes first."""
    listed, _ = read_list_file(path, "changes", "the changes file")
    entries = [{"date": e["date"], "description": " ".join(e["description"].split()), "line": line}
               for e, line in zip(listed.entries, listed.lines)]
    return sorted(entries, key=lambda e: e["date"], reverse=True)


class ChangesList(Block):
    """`/// changes`: a heading for each date, with that day's changes as a list."""

    NAME = "changes"

    def on_create(self, parent):
        section = etree.SubElement(parent, "div", {"class": "changes"})
        for day, entries in groupby(self.config["changes"], key=lambda e: e["date"]):
            heading = etree.SubElement(section, "h2")
            time = etree.SubElement(heading, "time", {"datetime": day.isoformat()})
            time.text = long_date(day)
            items = etree.SubElement(section, "ul")
            for entry in entries:
                # Plain text, with Markdown links allowed (relative to the changes page).
                etree.SubElement(items, "li").text = entry["description"]
        return section


class ChangesExtension(BlocksExtension):
    def __init__(self, **kwargs):
        self.config = path_options("contacts", data=("data/changes.yml",
                                                     "The record of changes to the guidance"))
        super().__init__(**kwargs)

    def extendMarkdownBlocks(self, md, block_mgr):  # noqa: N802 (pymdownx's name)
        data = Path(self.getConfig("data"))
        contacts = Path(self.getConfig("contacts"))
        check_or_raise("changes record", (data,), lambda: check_changes(data))
        changes = read_once(load_changes, data)
        descriptions = [(entry["description"], entry["line"]) for entry in changes]
        check_or_raise("changes record contacts", (data, contacts),
                       lambda: check_entries_contacts(descriptions, data, contacts))
        block_mgr.register(ChangesList, {"changes": changes})


def makeExtension(**kwargs):  # noqa: N802 (Python-Markdown's name)
    return ChangesExtension(**kwargs)
