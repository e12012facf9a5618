"""Load data/glossary.yml and check every entry, so no term is published without a meaning."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


from sitebuild.sources.front_matter import readable_pages
from sitebuild.sources.yaml_list_file import read_list_file

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


def check_glossary(path: Path) -> list[str]:
    """One message per problem, each naming the file, the line and what to fix."""
    where = path.as_posix()
    listed, problems = read_list_file(path, "terms", "the glossary file")
    if listed is None:
        return problems
    seen = {}
    for number, entry in enumerate(listed.entries, start=1):
        line = listed.line(number)
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
    listed, _ = read_list_file(path, "terms", "the glossary file")
    terms = [Term(term=_text(e["term"]), definition=" ".join(e["definition"].split()),
                  stands_for=_text(e.get("stands_for")), line=line)
             for e, line in zip(listed.entries, listed.lines)]
    return sorted(terms, key=lambda t: t.term.casefold())


def abbreviations(terms: list[Term]) -> dict[str, str]:
    """What each abbreviation, and its plural (DSLs), shows when a reader points at it."""
    found = {}
    for term in terms:
        if term.is_abbreviation:
            found[term.term] = term.stands_for
            found[term.term + "s"] = term.stands_for
    return found


WORD = re.compile(r"\w+")
# A contact placeholder or card puts the service's name on the page: [[name:napac]] shows
# "NAPAC (National Association ...)", which the page then uses like any other abbreviation.
CONTACT_REFERENCE = re.compile(r"\[\[[a-z]+:([a-z0-9-]+)\]\]|^/// contact \| ([a-z0-9-]+)", re.MULTILINE)


def unused_abbreviations(terms: list[Term], docs_dir: Path,
                         contact_text: dict[str, str] | None = None) -> list[str]:
    """Abbreviations in the glossary that no page uses: worth tidying, never an error.

    `contact_text` maps a contact id to the words its placeholders and cards show."""
    pages = "\n".join(body for _path, _meta, body, _line in readable_pages(docs_dir))
    used_contacts = {a or b for a, b in CONTACT_REFERENCE.findall(pages)}
    pages += "\n".join((contact_text or {}).get(i, "") for i in used_contacts)
    words = set(WORD.findall(pages))
    return [t.term for t in terms if t.is_abbreviation and not _used(t.term, words, pages)]


def _used(term: str, words: set[str], pages: str) -> bool:
    """Whether the pages use the term or its plural as a whole word. For a term of word
    characters only, the same as searching for it, and much quicker than a search of
    every page for each term."""
    if WORD.fullmatch(term):
        return term in words or f"{term}s" in words
    return re.search(rf"\b{re.escape(term)}s?\b", pages) is not None
