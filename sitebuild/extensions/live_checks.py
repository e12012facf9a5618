"""Claims waiting for a live check: data/live-checks.yml, as a Python-Markdown extension.

Some things the site says rest on archived or secondary copies of official pages (opening
hours, form addresses, the newest edition of a guidance document). Each is an entry in
data/live-checks.yml: the claim, the pages that make it, the official page to look at and
why. `make content-report` and the monthly content health issue list them, so an editor
with internet access can check each one and close it.

The extension renders nothing. When it loads, it checks the file and stops the build
naming the file, the line and the field of any mistake, and any page or contact that
does not exist.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml
from markdown import Extension

from sitebuild.extensions.options import path_options
from sitebuild.errors import check_or_raise
from sitebuild.sources.yaml_list_file import read_list_file
from sitebuild.sources.yaml_load import safe_load

FIELDS = ("claim", "pages", "official_page", "why", "raised")
REQUIRED = ("claim", "pages", "official_page", "why")
CONTACTS_PREFIX = "data/contacts.yml#"
WHAT = {
    "claim": "what the site says, in a sentence",
    "why": "why it needs a look at the live page",
}


@dataclass(frozen=True)
class LiveCheck:
    claim: str
    pages: tuple[str, ...]
    official_page: str
    why: str
    raised: dt.date | None
    line: int


def _text(value) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def _contact_ids(contacts_file: Path) -> set[str] | None:
    """The ids in the contacts file, or None if it cannot be read (its own check says why)."""
    try:
        data = safe_load(contacts_file.read_text(encoding="utf-8"))
        return {s["id"] for s in data["services"] if isinstance(s, dict) and "id" in s}
    except (OSError, yaml.YAMLError, ValueError, TypeError, KeyError):
        return None


def _page_problems(pages, label: str, docs_dir: Path, contact_ids: set[str] | None) -> list[str]:
    if not isinstance(pages, list) or not pages:
        return [f"{label}: 'pages' must be a list of the pages that make the claim, such as "
                f"docs/parents/sextortion.md or {CONTACTS_PREFIX}nspcc-helpline."]
    problems = []
    for page in pages:
        if not isinstance(page, str):
            problems.append(f"{label}: 'pages' entry {page!r} must be a path such as "
                            f"docs/parents/sextortion.md.")
        elif page.startswith(CONTACTS_PREFIX):
            service_id = page[len(CONTACTS_PREFIX):]
            if contact_ids is not None and service_id not in contact_ids:
                problems.append(f"{label}: 'pages' names {page}, but data/contacts.yml has no "
                                f"id '{service_id}'.")
        elif page.startswith("docs/") and page.endswith(".md"):
            if not (docs_dir / page[len("docs/"):]).is_file():
                problems.append(f"{label}: 'pages' names {page}, which does not exist; fix the "
                                f"path, or remove it if the page no longer makes the claim.")
        else:
            problems.append(f"{label}: 'pages' entry {page!r} must be a page under docs/ (such "
                            f"as docs/parents/sextortion.md) or {CONTACTS_PREFIX}ID.")
    return problems


def check_live_checks(path: Path, docs_dir: Path, contacts_file: Path,
                      today: dt.date | None = None) -> list[str]:
    """One message per problem, each naming the file, the line, the field and the fix."""
    today = today or dt.date.today()
    where = path.as_posix()
    listed, problems = read_list_file(path, "checks", "the live checks file")
    if listed is None:
        return problems
    contact_ids = _contact_ids(contacts_file)
    for number, entry in enumerate(listed.entries, start=1):
        label = f"{where}:{listed.line(number)}: entry {number}"
        if not isinstance(entry, dict):
            problems.append(f"{label} must have {', '.join(REQUIRED)}.")
            continue
        for field, what in WHAT.items():
            if not _text(entry.get(field)):
                problems.append(f"{label} has no '{field}'; write {what}.")
        problems += _page_problems(entry.get("pages"), label, docs_dir, contact_ids)
        address = entry.get("official_page")
        if not isinstance(address, str) or not address.startswith("https://") or " " in address:
            problems.append(f"{label}: 'official_page' must be the https address of the official "
                            f"page to look at, not {address!r}.")
        raised = entry.get("raised")
        if "raised" in entry and (isinstance(raised, dt.datetime)
                                  or not isinstance(raised, dt.date)):
            problems.append(f"{label}: 'raised' must be a date written YYYY-MM-DD, not {raised!r}.")
        elif isinstance(raised, dt.date) and raised > today:
            problems.append(f"{label}: 'raised' ({raised}) is in the future.")
        for field in sorted(set(entry) - set(FIELDS)):
            problems.append(f"{label}: field '{field}' is not known (allowed: {', '.join(FIELDS)}).")
    return problems


def load_live_checks(path: Path) -> list[LiveCheck]:
    """The entries, in file order. Call check_live_checks first."""
    listed, _ = read_list_file(path, "checks", "the live checks file")
    return [LiveCheck(claim=_text(e["claim"]), pages=tuple(e["pages"]),
                      official_page=e["official_page"], why=_text(e["why"]),
                      raised=e.get("raised"), line=line)
            for e, line in zip(listed.entries, listed.lines)]


class LiveChecksExtension(Extension):
    def __init__(self, **kwargs):
        self.config = path_options("docs_dir", "contacts",
                                   data=("data/live-checks.yml", "Claims waiting for a live check"))
        super().__init__(**kwargs)

    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        data = Path(self.getConfig("data"))
        docs_dir, contacts = Path(self.getConfig("docs_dir")), Path(self.getConfig("contacts"))
        check_or_raise("live checks", (data, docs_dir, contacts),
                       lambda: check_live_checks(data, docs_dir, contacts))


def makeExtension(**kwargs):  # noqa: N802 (Python-Markdown's name)
    return LiveChecksExtension(**kwargs)
