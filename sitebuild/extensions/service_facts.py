"""A service's opening hours and age limits come from data/contacts.yml, never typed in prose.

"Childline is open 24 hours a day" typed into a page goes on saying so after the data
changes. Pages write [[hours:ID]] and [[ages:ID]] instead. This check flags a sentence
that states one of a service's own hours or ages (the phrases are derived from that
service's `hours`, `hours_short` and `ages` in the data, with their usual variants) and
also names that service (its name, short name or abbreviation, or a [[KIND:ID]] or card
for it), or sits next to a sentence with a [[KIND:ID]] for it. So "within 24 hours" about
the LADO, or "under 18" in a sentence about the law, is not flagged.
"""

from __future__ import annotations

import re
from pathlib import Path

from sitebuild.sources.contacts_data import Contacts
from sitebuild.sources.front_matter import readable_pages
from sitebuild.sources.page_prose import prose_lines

# A line that starts a new unit of text: a list item, a table row, a heading, a block.
UNIT_START = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|\||#|/{3}|!!!|\?\?\?|<)")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z*_\[\"(])")
MARKER = re.compile(r"\[\[(?P<kind>[a-z]+):(?P<id>[a-z0-9-]+)\]\]")
CARD = re.compile(r"^\s*/{3}\s*contact\s*\|\s*(?P<id>[a-z0-9-]+)")
PRONOUN = re.compile(r"^(?:It|It's|They|They're)\b")
TIME = r"\d{1,2}(?:[.:]\d{2})?\s?(?:am|pm)"
TIME_RANGE = re.compile(rf"({TIME})\s*(?:to|-|–|until)\s*({TIME})", re.IGNORECASE)

# Variants of "open all the time". A deadline ("within 24 hours") is not an opening time.
ALWAYS = [r"(?<!within )(?<!in )24 hours(?: a day)?", r"24/7", r"24-7", r"day (?:and|or) night",
          r"(?:a)?round the clock", r"any ?time", r"always open", r"open all the time"]


def _time_pattern(time: str) -> str:
    digits, suffix = re.match(r"(\d{1,2}(?:[.:]\d{2})?)\s?(am|pm)", time, re.IGNORECASE).groups()
    digits = r"[.:]".join(re.split(r"[.:]", digits))
    return rf"{digits}\s?{suffix}"


def hours_patterns(service: dict) -> list[str]:
    """Regular expressions for the ways a page could state this service's hours."""
    patterns = []
    for value in (service.get("hours"), service.get("hours_short")):
        if not value:
            continue
        for start, end in TIME_RANGE.findall(value):
            patterns.append(rf"{_time_pattern(start)}\s*(?:to|-|–|until)\s*{_time_pattern(end)}")
        if re.search(r"24 hours|any ?time|always open", value, re.IGNORECASE):
            patterns += ALWAYS
        if "Monday to Friday" in value:
            patterns.append(r"Monday to Friday|Mondays? to Fridays?")
    return list(dict.fromkeys(patterns))


def ages_patterns(service: dict) -> list[str]:
    """Regular expressions for the ways a page could state this service's age limit."""
    value = service.get("ages") or ""
    patterns = []
    under = re.search(r"\bunder (\d+)", value, re.IGNORECASE)
    if under:
        age, below = int(under[1]), int(under[1]) - 1
        patterns += [rf"under[- ]{age}s?", rf"{below} (?:or|and) (?:under|younger)",
                     rf"up to (?:the age of )?{below}\b(?! ?(?:am|pm))",
                     rf"before (?:the age of|they were|you were|your child was|turning) {age}"]
    over = re.search(r"(\d+) (?:or|and) over", value, re.IGNORECASE)
    if over:
        age = int(over[1])
        patterns += [rf"{age} (?:or|and) (?:over|older|above)", rf"over[- ]{age - 1}s",
                     rf"{age}\+", rf"{age} plus"]
    return [rf"(?<![\w£-]){pattern}(?![\w-]*\d)" for pattern in patterns]


def service_names(service_id: str, service: dict) -> list[str]:
    """How a page names a service: its name, the name before any brackets, the
    abbreviation in its brackets, and a leading abbreviation such as NSPCC or CEOP."""
    name = service["name"]
    names = {name, name.split(" (")[0]}
    names.update(re.findall(r"\(([A-Z][A-Za-z]*[A-Z]s?)\)", name))
    first = name.split()[0]
    if len(first) >= 3 and first.isupper():
        names.add(first)
    return sorted(names, key=len, reverse=True)


class _Service:
    def __init__(self, service_id: str, service: dict):
        self.id, self.name = service_id, service["name"]
        self.hours = service.get("hours")
        self.ages = service.get("ages")
        self.name_list = service_names(service_id, service)
        self.names = re.compile(r"(?<![\w-])(?:" + "|".join(
            re.escape(n) for n in self.name_list) + r")(?![\w-])")
        self.facts = [(re.compile(p, re.IGNORECASE), "hours") for p in hours_patterns(service)]
        self.facts += [(re.compile(p, re.IGNORECASE), "ages") for p in ages_patterns(service)]


def any_name(services: list[_Service]) -> re.Pattern:
    """Matches wherever any of the services' names appears, even inside a word: a quick
    first test, since most sentences name no service at all."""
    names = sorted({n for service in services for n in service.name_list}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)) or "(?!)")


class _Sentence:
    """What a sentence says about services, worked out once for all of them: the ids of
    its placeholders and contact card, and of the services it names."""

    def __init__(self, text: str, services: list[_Service], named_somewhere: re.Pattern):
        self.marked = {m["id"] for m in MARKER.finditer(text)}
        if card := CARD.match(text):
            self.marked.add(card["id"])
        unmarked = MARKER.sub(" ", text)
        self.named = set(self.marked)
        if named_somewhere.search(unmarked):
            self.named.update(s.id for s in services if s.names.search(unmarked))


def _units(body: str) -> list[list[tuple[int, str]]]:
    """The page's text as units (paragraphs, list items, table rows), each a list of
    (line offset, line), leaving out fenced code, code spans and HTML comments."""
    units, current, previous = [], [], None
    for offset, line in prose_lines(body):
        after_code = previous is not None and offset != previous + 1
        if after_code or not line.strip() or UNIT_START.match(line):
            if current:
                units.append(current)
            current = []
        if line.strip():
            current.append((offset, line))
        previous = offset
    if current:
        units.append(current)
    return units


def _sentences(unit: list[tuple[int, str]]):
    """The sentences of a unit as (position, text), and a function giving the line
    offset of a position in the unit's text."""
    text, starts = "", []
    for offset, line in unit:
        starts.append((len(text), offset))
        text += line.strip() + " "

    def line_at(position: int) -> int:
        return max(offset for start, offset in starts if start <= position)

    sentences, position = [], 0
    for part in SENTENCE_END.split(text):
        position = text.index(part, position)
        sentences.append((position, part))
        position += len(part)
    return sentences, line_at


def check_page_facts(body: str, first_line: int, page: str, services: list[_Service]) -> list[str]:
    problems = []
    named_somewhere = any_name(services)
    for unit in _units(body):
        sentences, line_at = _sentences(unit)
        about = [_Sentence(sentence, services, named_somewhere) for _, sentence in sentences]
        for index, (position, sentence) in enumerate(sentences):
            # Placeholders blanked out, keeping positions: [[hours:ID]] is the right way.
            prose = MARKER.sub(lambda m: " " * len(m.group(0)), sentence)
            marked_nearby = set().union(*(a.marked for a in about[max(index - 1, 0):index + 2]))
            # Only the services the sentence is about: named in it, marked nearby, or
            # "It is for anyone aged 13 or over" after its name.
            about_these = about[index].named | marked_nearby
            if index > 0 and PRONOUN.match(sentence):
                about_these |= about[index - 1].named
            for service in services:
                if service.id not in about_these:
                    continue
                reported = set()  # one problem per kind of fact, per service and sentence
                for pattern, kind in service.facts:
                    found = pattern.search(prose)
                    if not found or kind in reported:
                        continue
                    value = service.hours if kind == "hours" else service.ages
                    what = "opening hours" if kind == "hours" else "age limit"
                    line = first_line + line_at(position + found.start())
                    problems.append(
                        f"{page}:{line}: '{found.group(0)}' states {service.name}'s {what} by "
                        f"hand; write [[{kind}:{service.id}]] instead (it shows '{value}' from "
                        f"data/contacts.yml), so the page follows the data.")
                    reported.add(kind)
    return problems


def check_docs_facts(docs_dir: Path, contacts: Contacts) -> list[str]:
    services = [_Service(i, s) for i, s in contacts.services.items()]
    services = [s for s in services if s.facts]
    return [problem for path, _meta, body, first_line in readable_pages(docs_dir)
            for problem in check_page_facts(body, first_line, path.as_posix(), services)]
