"""Check how pages use contacts: known ids only, and nothing typed in by hand.

Pages write [[phone:nspcc-helpline]] or a `/// contact | nspcc-helpline` card; a number,
email or service address typed straight into a page could go stale unseen, so it fails.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import NamedTuple

import phonenumbers

from sitebuild.sources.contacts_data import Contacts, dialled_digits, load_contacts
from sitebuild.extensions.contacts_render import INLINE_KINDS, missing_reason, short_address
from sitebuild.sources.front_matter import readable_pages
from sitebuild.sources.page_prose import FENCE
from sitebuild.sources.site_files import read_once

MARKER = re.compile(r"\[\[([^\[\]]*)\]\]")
INLINE = re.compile(r"^(?P<kind>[a-z]+):(?P<id>[a-z0-9-]+)$")
CARD = re.compile(r"^///\s*contact\s*(?:\|\s*(?P<id>.*?))?\s*$")
DIGIT = re.compile(r"\d")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def _number_pattern(digits: str) -> re.Pattern:
    """Matches a number however it is spaced, but not inside a longer number."""
    return re.compile(r"(?<![\d+])" + r"[\s-]?".join(map(re.escape, digits)) + r"(?!\d)")


class Typed(NamedTuple):
    """A contact detail as it would look typed into a page, and what to write instead."""
    pattern: re.Pattern
    what: str  # "the number 0808 800 5000"
    instead: str  # "[[phone:nspcc-helpline]]"
    number: bool  # a phone number: only a line with a digit can hold it
    # Text a line must contain for the pattern to match (an address itself): a substring
    # test first is far quicker than some 200 regular expressions on each of 15,000 lines.
    clue: str = ""


# The patterns for the Contacts last asked about. read_once gives one Contacts object per
# state of data/contacts.yml, so they are built once per state, not again for every page.
_typed_for: tuple[Contacts, list[Typed], re.Pattern] | None = None


def _typed_by_hand(contacts: Contacts) -> tuple[list[Typed], re.Pattern]:
    """Every contact detail in the data as it would be typed (see Typed), and a pattern
    that finds any of their clues: a line without one holds no address."""
    global _typed_for
    if _typed_for is None or _typed_for[0] is not contacts:
        typed = _typed_patterns(contacts)
        clues = sorted({detail.clue for detail in typed if detail.clue}, key=len, reverse=True)
        _typed_for = (contacts, typed, re.compile("|".join(map(re.escape, clues)) or "(?!)"))
    return _typed_for[1], _typed_for[2]


def _typed_patterns(contacts: Contacts):
    found, numbers_seen = [], set()
    for service_id, service in contacts.services.items():
        for number in service["phones"] + service["texts"]:
            digits = dialled_digits(number["display"])
            if digits in numbers_seen:  # such as 101, shared by several routes
                continue
            numbers_seen.add(digits)
            kind = "textphone" if number["kind"] == "textphone" else "phone"
            found.append(Typed(_number_pattern(digits), f"the number {number['display']}",
                               f"[[{kind}:{service_id}]]", number=True))
        for field in ("web", "report"):
            value = service.get(field)
            url = value["url"] if isinstance(value, dict) else value
            if url:
                address = re.escape(short_address(url))
                found.append(Typed(re.compile(rf"(?<![\w/.-])(?:https?://)?(?:www\.)?{address}/?(?![\w/-])"),
                                   f"the address {short_address(url)}", f"[[{field}:{service_id}]]",
                                   number=False, clue=short_address(url)))
    return found


def _marker_problems(text: str, where: str, contacts: Contacts) -> list[str]:
    problems = []
    for marker in MARKER.finditer(text):
        match = INLINE.match(marker.group(1).strip())
        if not match:
            problems.append(f"{where}: '{marker.group(0)}' is not contact syntax; write "
                            f"[[KIND:ID]] with KIND one of {', '.join(INLINE_KINDS)}.")
            continue
        kind, service_id = match["kind"], match["id"]
        if kind not in INLINE_KINDS:
            problems.append(f"{where}: '{marker.group(0)}': unknown kind '{kind}'; use one of "
                            f"{', '.join(INLINE_KINDS)}.")
        elif service_id not in contacts.services:
            problems.append(f"{where}: '{marker.group(0)}': unknown contact id '{service_id}'; "
                            f"{did_you_mean(service_id, contacts)}use an id from data/contacts.yml.")
        elif reason := missing_reason(contacts[service_id], kind):
            problems.append(f"{where}: '{marker.group(0)}': {reason} in data/contacts.yml.")
    return problems


def did_you_mean(service_id: str, contacts: Contacts) -> str:
    """"did you mean 'childline'? " for the closest known id, or nothing."""
    close = difflib.get_close_matches(service_id, list(contacts.services), n=1, cutoff=0.75)
    return f"did you mean '{close[0]}'? " if close else ""


def check_entries_contacts(entries: list[tuple[str, int]], data: Path, contacts_file: Path) -> list[str]:
    """The entries (text, first line) of a data file whose text ends up on a page, such as
    the glossary's definitions: the page rule holds there too, no contact typed by hand."""
    known = read_once(load_contacts, contacts_file)
    return [problem for text, line in entries
            for problem in check_page_contacts(text, line, data.as_posix(), known)]


def check_page_contacts(text: str, first_line: int, page: str, contacts: Contacts) -> list[str]:
    problems = []
    typed, any_clue = _typed_by_hand(contacts)
    in_fence = False
    for offset, line in enumerate(text.splitlines()):
        where = f"{page}:{first_line + offset}"
        if FENCE.match(line):
            in_fence = not in_fence
        if in_fence:
            continue
        card = CARD.match(line)
        if card:
            service_id = (card["id"] or "").strip()
            if service_id not in contacts.services:
                problems.append(f"{where}: contact card for unknown id '{service_id}'; "
                                f"{did_you_mean(service_id, contacts)}use an id from "
                                f"data/contacts.yml.")
            continue  # an id such as police-999 is not a number typed by hand
        problems += _marker_problems(line, where, contacts)
        prose = MARKER.sub(" ", line)
        # Most lines hold no digit, and so no phone number: the number tests are skipped.
        digits = DIGIT.search(prose) is not None
        if digits or any_clue.search(prose):
            for detail in typed:
                if (digits or not detail.number) and detail.clue in prose and detail.pattern.search(prose):
                    problems.append(f"{where}: {detail.what} is typed by hand; write {detail.instead} instead.")
        if "@" in prose:
            for email in EMAIL.findall(prose):
                problems.append(f"{where}: the email address {email} is typed by hand; add it to "
                                f"data/contacts.yml and write [[email:ID]].")
        if not digits:
            continue
        for match in phonenumbers.PhoneNumberMatcher(prose, "GB"):
            if not any(detail.pattern.search(match.raw_string) for detail in typed):
                problems.append(f"{where}: the phone number {match.raw_string} is typed by hand; "
                                f"add the service to data/contacts.yml and write [[phone:ID]].")
    return problems


def check_docs_contacts(docs_dir: Path, contacts: Contacts) -> list[str]:
    return [problem for path, _meta, body, first_line in readable_pages(docs_dir)
            for problem in check_page_contacts(body, first_line, path.as_posix(), contacts)]
