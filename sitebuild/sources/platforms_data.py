"""Load data/platforms.yml and check every entry: where to report and block on the apps
and games children use, one official help page per platform.

Each entry names the platform, the https address of the platform's own safety or
reporting help page, what that page covers in one short sentence, and the day someone
checked it. Every mistake is reported with the file, the line and what to fix, so the
build stops before a page can show a broken or missing link.

Self-contained on purpose: the extension that renders the list is
sitebuild/extensions/platforms.py, and the weekly external link check reads the same file
(platform_addresses, below).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from sitebuild.errors import ContentError
from sitebuild.sources.yaml_list_file import ListFile, entry_lines
from sitebuild.sources.yaml_errors import yaml_problem

FIELDS = ("id", "name", "link", "covers", "checked")
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# "One short plain sentence": longer text belongs on the page, not in the list.
MAX_COVERS_WORDS = 25
FIX = {
    "id": "a short name in lower-case words joined by hyphens, such as 'facebook-messenger'",
    "name": "the platform's name as children know it, such as 'Snapchat'",
    "link": "the https:// address of the platform's own safety or reporting help page",
    "covers": "one short plain sentence saying what that help page covers",
    "checked": "the day you checked the help page, written YYYY-MM-DD",
}


@dataclass(frozen=True)
class Platform:
    id: str
    name: str
    link: str
    covers: str
    checked: dt.date
    line: int


def _field_lines(text: str, starts: list[int]) -> list[dict[str, int]]:
    """For each entry (by the line it starts on), the line of each of its fields."""
    lines = text.splitlines()
    found = []
    for number, start in enumerate(starts):
        end = starts[number + 1] - 1 if number + 1 < len(starts) else len(lines)
        fields = {}
        for index in range(start - 1, end):
            match = re.match(r"^[ \t]*(?:- )?([A-Za-z_]+)\s*:", lines[index])
            if match and match.group(1) not in fields:
                fields[match.group(1)] = index + 1
        found.append(fields)
    return found


def _link_problem(link) -> str | None:
    """Why this is not a usable https address, or None."""
    if not isinstance(link, str) or not link.strip():
        return "is empty"
    if link.startswith("http://"):
        return "starts with http://; use the https:// address of the same page"
    parts = urlsplit(link)
    if parts.scheme != "https" or not parts.netloc or any(c.isspace() for c in link):
        return "is not a web address starting with https://"
    return None


class _Loader(yaml.SafeLoader):
    """YAML as usual, except that an impossible date (2026-13-02) stays text, so that the
    check can name its line instead of failing on the whole file."""


def _date_or_text(loader, node):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _date_or_text)


def read_platforms_file(path: Path) -> tuple[ListFile | None, list[str]]:
    """The file's 'platforms' list, or None and one message naming the file and the fix."""
    where = path.as_posix()
    if not path.is_file():
        return None, [f"{where}: the platforms file is missing."]
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 (a SafeLoader)
    except (yaml.YAMLError, ValueError) as error:
        return None, [yaml_problem(where, text, error)]
    if not isinstance(data, dict) or not isinstance(data.get("platforms"), list):
        return None, [f"{where}: must hold a list called 'platforms' (see the comments at its top)."]
    return ListFile(text=text, entries=data["platforms"], lines=entry_lines(text)), []


def check_platforms(path: Path, today: dt.date | None = None) -> list[str]:
    """One message per problem, each naming the file, the line and what to fix."""
    today = today or dt.date.today()
    name = path.as_posix()
    listed, problems = read_platforms_file(path)
    if listed is None:
        return problems
    if not listed.entries:
        return [f"{name}: the 'platforms' list is empty; list at least one platform."]
    field_lines = _field_lines(listed.text, listed.lines)
    seen_ids: dict[str, int | str] = {}
    for number, entry in enumerate(listed.entries, start=1):
        start = listed.line(number)
        lines = field_lines[number - 1] if number <= len(field_lines) else {}
        label = entry.get("id") if isinstance(entry, dict) and entry.get("id") else f"entry {number}"

        def where(field: str | None = None) -> str:
            return f"{name}:{lines.get(field, start) if field else start} ({label})"

        if not isinstance(entry, dict):
            problems.append(f"{where()}: must be a set of fields: {', '.join(FIELDS)}.")
            continue
        for field in FIELDS:
            if field not in entry or entry[field] is None:
                problems.append(f"{where(field if field in entry else None)}: field '{field}' is "
                                f"missing; add {FIX[field]}.")
        for field in sorted(set(entry) - set(FIELDS)):
            problems.append(f"{where(field)}: field '{field}' is not known "
                            f"(allowed: {', '.join(FIELDS)}).")

        platform_id = entry.get("id")
        if platform_id is not None:
            if not isinstance(platform_id, str) or not ID.match(platform_id):
                problems.append(f"{where('id')}: 'id' {platform_id!r} must be {FIX['id']}.")
            elif platform_id in seen_ids:
                problems.append(f"{where('id')}: id '{platform_id}' is used twice (first on line "
                                f"{seen_ids[platform_id]}); give each platform its own id.")
            else:
                seen_ids[platform_id] = lines.get("id", start)
        for field in ("name", "covers"):
            value = entry.get(field)
            if value is not None and not (isinstance(value, str) and value.strip()):
                problems.append(f"{where(field)}: '{field}' must be {FIX[field]}.")
        covers = entry.get("covers")
        if isinstance(covers, str) and len(covers.split()) > MAX_COVERS_WORDS:
            problems.append(f"{where('covers')}: 'covers' has {len(covers.split())} words; keep it to "
                            f"one short sentence of at most {MAX_COVERS_WORDS} words.")
        if "link" in entry and entry["link"] is not None:
            problem = _link_problem(entry["link"])
            if problem:
                problems.append(f"{where('link')}: 'link' {entry['link']!r} {problem}. It must be "
                                f"{FIX['link']}.")
        checked = entry.get("checked")
        if checked is not None:
            if isinstance(checked, dt.datetime) or not isinstance(checked, dt.date):
                problems.append(f"{where('checked')}: 'checked' {checked!r} is not a date; write "
                                f"{FIX['checked']}.")
            elif checked > today:
                problems.append(f"{where('checked')}: 'checked' ({checked}) is in the future; write "
                                f"the day you actually checked the page.")
    return problems


def load_platforms(path: Path) -> list[Platform]:
    """The platforms, in the file's order. Call check_platforms first: this assumes the
    file is valid."""
    listed, _ = read_platforms_file(path)
    return [Platform(id=e["id"], name=e["name"].strip(), link=e["link"],
                     covers=" ".join(e["covers"].split()), checked=e["checked"], line=line)
            for e, line in zip(listed.entries, listed.lines)]


def platform_addresses(path: Path, label: str = "data/platforms.yml") -> dict[str, list[str]]:
    """Each platform's link, with where it is in the data, for the external link check."""
    problems = check_platforms(path)
    if problems:
        raise ContentError("\n".join(problems))
    return {platform.link: [f"{label} ({platform.id}: link)"] for platform in load_platforms(path)}


def add_platform_addresses(places: dict[str, list[str]], path: Path,
                           label: str = "data/platforms.yml") -> dict[str, list[str]]:
    """The external link check's addresses, with each platform link's place in the data
    file first (that is the file to edit), sorted by address as before."""
    merged = {address: list(found) for address, found in places.items()}
    for address, found in platform_addresses(path, label).items():
        merged[address] = found + [p for p in merged.get(address, []) if p not in found]
    return {address: merged[address] for address in sorted(merged)}
