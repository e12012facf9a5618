"""Load data/glossary.yml and check every entry, so no term is published without a meaning."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from sitebuild.front_matter import FrontMatterError, read_page
from sitebuild.site_files import markdown_pages

FIELDS = ("term", "stands_for", "definition")
REQUIRED = ("term", "definition")


@dataclass(frozen=True)
class Term:
    term: str
    definition: str
    stands_for: str | None = None
    line: int = 0  # where the entry starts in the file, for error messages

    @property
    def is_abbreviation(self) -> bool:
        return self.stands_for is not None


def _text(value) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _entry_lines(text: str) -> list[int]:
    """The line on which each `- term: ...` entry starts, for error messages."""
    return [text.count("\n", 0, m.start()) + 1
            for m in re.finditer(r"^\s*- term:", text, re.MULTILINE)]


def check_glossary(path: Path) -> list[str]:
    """One message per problem, each naming the file, the line and what to fix."""
    where = path.as_posix()
    if not path.is_file():
        return [f"{where}: the glossary file is missing."]
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        return [f"{where}: not valid YAML: {error}"]
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        return [f"{where}: must hold a list called 'terms' (see the comments at its top)."]

    problems, seen = [], {}
    lines = _entry_lines(text)
    for number, entry in enumerate(data["terms"], start=1):
        line = lines[number - 1] if number <= len(lines) else "?"
        if not isinstance(entry, dict):
            problems.append(f"{where}:{line}: entry {number} must have 'term' and 'definition'.")
            continue
        name = _text(entry.get("term"))
        label = f"{where}:{line}: entry {number}" + (f" ({name})" if name else "")
        for field in REQUIRED:
            if not _text(entry.get(field)):
                problems.append(f"{label} has no '{field}'; write it in plain English.")
        if "stands_for" in entry and not _text(entry["stands_for"]):
            problems.append(f"{label}: 'stands_for' is empty; write what the letters stand for, "
                            f"or remove the line if it is not an abbreviation.")
        for field in set(entry) - set(FIELDS):
            problems.append(f"{label}: field '{field}' is not known (allowed: {', '.join(FIELDS)}).")
        if name:
            key = name.casefold()
            if key in seen:
                problems.append(f"{label}: '{name}' is already defined at line {seen[key]}; "
                                f"keep one entry.")
            seen.setdefault(key, line)
    return problems


def load_glossary(path: Path) -> list[Term]:
    """The entries, sorted as a reader looks them up. Call check_glossary first."""
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    terms = [Term(term=_text(e["term"]), definition=" ".join(e["definition"].split()),
                  stands_for=_text(e.get("stands_for")), line=line)
             for e, line in zip(data["terms"], _entry_lines(text))]
    return sorted(terms, key=lambda t: t.term.casefold())


def abbreviations(terms: list[Term]) -> dict[str, str]:
    """What each abbreviation, and its plural (DSLs), shows when a reader points at it."""
    found = {}
    for term in terms:
        if term.is_abbreviation:
            found[term.term] = term.stands_for
            found[term.term + "s"] = term.stands_for
    return found


def unused_abbreviations(terms: list[Term], docs_dir: Path) -> list[str]:
    """Abbreviations in the glossary that no page uses: worth tidying, never an error."""
    text = []
    for path in markdown_pages(docs_dir):
        try:
            text.append(read_page(path)[1])
        except FrontMatterError:
            continue  # the page contract reports it
    pages = "\n".join(text)
    return [t.term for t in terms if t.is_abbreviation
            and not re.search(rf"\b{re.escape(t.term)}s?\b", pages)]
