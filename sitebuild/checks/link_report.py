"""Sort the external link check's results into groups and write them as a Markdown report.

Every address lands in exactly one group:

| Group        | What lychee saw                                          | Fails the check |
|--------------|----------------------------------------------------------|-----------------|
| broken       | 404, 410 and other 4xx not named below; a redirect that  | yes             |
|              | ends at a 404 or 410                                     |                 |
| unreachable  | a timeout, a network error, 5xx, or 401/403/407/408      | yes             |
|              | (the site refused or failed to answer: the page may be   |                 |
|              | fine, a person must look)                                |                 |
| redirected   | 3xx: the report names the final address to link to       | no              |
| rate limited | 429 even after lychee's retries: "too many requests,     | no              |
|              | try later"; the next run asks again                      |                 |
| accepted     | a status links-accepted.toml accepts for that address    | no              |
| excluded     | not checked (lychee.toml `exclude`)                      | no              |
| fine         | 2xx                                                      | no              |
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from sitebuild.errors import ContentError
from sitebuild.checks.redirects import Destination

GONE = (404, 410)
RATE_LIMITED = 429
# The site refused the request or took too long: not proof that the page is gone.
REFUSED = (401, 403, 407, 408)
GROUPS = ("broken", "unreachable", "redirected", "rate_limited", "accepted", "excluded", "fine")
FAILING = ("broken", "unreachable")
# How many places to list for one address; the rest are counted.
PLACES_SHOWN = 5


@dataclass(frozen=True)
class Outcome:
    """What lychee found for one address."""
    kind: str  # "success", "error", "timeout" or "excluded"
    status: int | None
    text: str


@dataclass(frozen=True)
class AcceptRule:
    pattern: re.Pattern
    statuses: tuple[int, ...]
    reason: str


@dataclass
class Entry:
    url: str
    places: list[str]
    status: int | None
    note: str  # what happened, in words
    final_url: str | None = None  # redirected links only


@dataclass
class LinkReport:
    groups: dict[str, list[Entry]] = field(default_factory=lambda: {g: [] for g in GROUPS})

    @property
    def failing(self) -> bool:
        return any(self.groups[group] for group in FAILING)

    def urls(self, group: str) -> list[str]:
        return [entry.url for entry in self.groups[group]]


def load_accepted(path: Path) -> list[AcceptRule]:
    """The per-address accepted statuses; a wrong entry stops the check, naming it."""
    if not path.exists():
        return []
    name = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ContentError(f"{name}: is not valid TOML ({error}).") from error
    rules, problems = [], []
    for number, entry in enumerate(data.get("accept", []), start=1):
        where = f"{name}: [[accept]] entry {number}"
        if not isinstance(entry, dict):
            problems.append(f"{where}: must have url, status and reason.")
            continue
        found = []
        statuses = entry.get("status")
        if not isinstance(entry.get("url"), str) or not entry["url"]:
            found.append(f"{where}: needs a 'url' (a regular expression).")
        else:
            try:
                pattern = re.compile(entry["url"])
            except re.error as error:
                found.append(f"{where}: 'url' is not a regular expression ({error}).")
        if not (isinstance(statuses, list) and statuses and all(isinstance(s, int) for s in statuses)):
            found.append(f"{where}: 'status' must be a list of status numbers, such as [403].")
        if not isinstance(entry.get("reason"), str) or not entry["reason"].strip():
            found.append(f"{where}: needs a 'reason' saying why, and when it was checked by hand.")
        if found:
            problems += found
        else:
            rules.append(AcceptRule(pattern, tuple(statuses), entry["reason"].strip()))
    if problems:
        raise ContentError("\n".join(problems))
    return rules


def _accepted_by(url: str, status: int | None, rules: list[AcceptRule]) -> AcceptRule | None:
    for rule in rules:
        if status in rule.statuses and rule.pattern.match(url):
            return rule
    return None


def _group_of_error(status: int | None) -> str:
    if status is None or status >= 500 or status in REFUSED:
        return "unreachable"
    if status == RATE_LIMITED:
        return "rate_limited"
    if 300 <= status < 400:
        return "redirected"
    return "broken" if status >= 400 else "unreachable"


def classify(outcomes: dict[str, Outcome], places: dict[str, list[str]], rules: list[AcceptRule],
             follow: Callable[[str], Destination]) -> LinkReport:
    """Put each address in its group. `follow` finds where a redirect ends."""
    report = LinkReport()
    for url in sorted(set(places) | set(outcomes)):
        outcome = outcomes.get(url, Outcome("excluded", None, "not checked by lychee"))
        entry = Entry(url, places.get(url, []), outcome.status, outcome.text)
        if outcome.kind == "success":
            group = "fine"
        elif outcome.kind == "excluded":
            group, entry.note = "excluded", "excluded in lychee.toml: check it by hand"
        elif outcome.kind == "timeout":
            group, entry.note = "unreachable", "no answer before the timeout"
        elif rule := _accepted_by(url, outcome.status, rules):
            group, entry.note = "accepted", rule.reason
        else:
            group = _group_of_error(outcome.status)
            entry.note = _note(outcome)
        if group == "redirected":
            group = _follow(entry, follow)
        report.groups[group].append(entry)
    return report


def _note(outcome: Outcome) -> str:
    if outcome.status == RATE_LIMITED:
        return "429 Too Many Requests: the site asked us to slow down; the next run asks again"
    if outcome.status in REFUSED:
        return f"{outcome.status}: the site refused the automated check; open it in a browser"
    # lychee's own words, such as "Rejected status code: 404 Not Found".
    return outcome.text.removeprefix("Rejected status code: ")


def _follow(entry: Entry, follow: Callable[[str], Destination]) -> str:
    """Fill in where a redirect ends; a redirect to a missing page is broken."""
    destination = follow(entry.url)
    entry.final_url = destination.url
    if destination.url is None:
        entry.note = f"{entry.status} redirect; the final address could not be reached " \
                     f"({destination.problem})"
        return "redirected"
    if destination.status in GONE:
        entry.note = f"redirects to {destination.url}, which answers {destination.status}"
        return "broken"
    entry.note = f"{entry.status} redirect" + (
        "" if destination.status and 200 <= destination.status < 300
        else f"; the final address answers {destination.status}")
    return "redirected"


# ---------------------------------------------------------------------------
# Markdown
# ---------------------------------------------------------------------------

SECTIONS = {
    "broken": ("Broken",
               "These pages are gone. Find the new address on the organisation's own site "
               "and update the link where it was found, or remove the link."),
    "unreachable": ("Unreachable",
                    "The site did not answer, failed (5xx) or refused the automated check. "
                    "Open each address in a browser: if the page works, and the site keeps "
                    "refusing the check, add it to links-accepted.toml with the reason; if "
                    "it does not work, treat it as broken."),
    "redirected": ("Redirected",
                   "These still work but now lead somewhere else. Update the link to the "
                   "final address if it is the same page (a 301 or 308 redirect is "
                   "permanent)."),
    "rate_limited": ("Rate limited",
                     "The site asked for fewer requests (429). Not counted as broken: the "
                     "next run asks again."),
    "accepted": ("Accepted", "Accepted with another status by links-accepted.toml."),
    "excluded": ("Not checked", "Excluded in lychee.toml: check these by hand now and then."),
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _places(entry: Entry) -> str:
    shown = entry.places[:PLACES_SHOWN]
    more = len(entry.places) - len(shown)
    text = ", ".join(f"`{place}`" for place in shown) or "(not found on the site)"
    return _cell(text + (f" and {more} more" if more > 0 else ""))


def render_markdown(report: LinkReport, checked_at: dt.datetime | None = None) -> str:
    checked_at = checked_at or dt.datetime.now(dt.timezone.utc)
    total = sum(len(entries) for entries in report.groups.values())
    # Each group as its section calls it ("fine" has no section).
    counts = ", ".join(f"{len(report.groups[group])} {SECTIONS.get(group, (group,))[0].lower()}"
                       for group in GROUPS)
    lines = [
        "# External link report",
        "",
        f"Checked {total} addresses on {checked_at:%Y-%m-%d %H:%M} UTC with `make links-external`: "
        f"{counts}.",
        "",
        "Addresses from `data/contacts.yml` are fixed there (every page that shows the "
        "contact follows); other addresses are in the pages' Markdown under `docs/`.",
    ]
    for group, (title, advice) in SECTIONS.items():
        entries = report.groups[group]
        lines += ["", f"## {title} ({len(entries)})", ""]
        if not entries:
            lines.append("None.")
            continue
        lines += [advice, ""]
        if group == "redirected":
            lines += ["| Address | Final address | What happened | Found on |", "|---|---|---|---|"]
            lines += [f"| {_cell(e.url)} | {_cell(e.final_url or '(unknown)')} | {_cell(e.note)} "
                      f"| {_places(e)} |" for e in entries]
        else:
            lines += ["| Address | What happened | Found on |", "|---|---|---|"]
            lines += [f"| {_cell(e.url)} | {_cell(e.note)} | {_places(e)} |" for e in entries]
    return "\n".join(lines) + "\n"
