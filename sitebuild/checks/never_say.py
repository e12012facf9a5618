"""Find advice the site must never give, in the clearest wording it could take.

The rules come from "Things a site must NOT say" in the facts dossier. Each pattern is an
instruction verb near its object; a sentence only passes if it is negated ("do not",
"never", "avoid"...). It catches the clear cases, not every paraphrase: reviewers still
read every change against the style guide.
"""

from __future__ import annotations

import re

from sitebuild.checks.readability import main_text
from sitebuild.sources.site_files import source_line

NEGATION = re.compile(r"\b(not|never|don't|do not|avoid|no one|nobody|without|instead of|"
                      r"rather than|cannot|can't|won't|illegal|crime|offence|against the law)\b",
                      re.IGNORECASE)
RULES = {
    "copy or share a sexual image of a child":
        re.compile(r"\b(screenshot|screen-?grab|download|save|copy|forward|print)\b[^.]*"
                   r"\b(image|picture|photo|video|nude|message|chat)s?\b", re.IGNORECASE),
    "search for abuse images":
        re.compile(r"\b(search|look) (for|up)\b[^.]*\b(image|picture|video)s?\b", re.IGNORECASE),
    "pay or negotiate with a blackmailer":
        re.compile(r"\b(pay|negotiate|bargain)\b[^.]*\b(blackmailer|offender|demand|them)\b", re.IGNORECASE),
    "delete messages, chats or accounts":
        re.compile(r"\bdelete\b[^.]*\b(message|chat|account|evidence|conversation)s?\b", re.IGNORECASE),
    "confront, trap or expose a suspect":
        re.compile(r"\b(confront|trap|expose|message)\b[^.]*\b(adult|person|groomer|offender|suspect|them)\b",
                   re.IGNORECASE),
    "promise a child secrecy":
        re.compile(r"\bpromise\b[^.]*\b(secret|not to tell|confidential)", re.IGNORECASE),
    "wait until certain":
        re.compile(r"\bwait\b[^.]*\b(certain|sure|proof)\b", re.IGNORECASE),
}
SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


def unsafe_advice(text: str) -> list[tuple[str, str]]:
    """(rule broken, sentence) for every sentence that gives never-say advice."""
    found = []
    for sentence in SENTENCE.findall(text):
        sentence = sentence.strip()
        if not sentence or NEGATION.search(sentence):
            continue
        for rule, pattern in RULES.items():
            if pattern.search(sentence):
                found.append((rule, sentence))
    return found


def advice_problems(pages) -> list[str]:
    """A problem for each never-say sentence on each page (a CheckedPage), naming the
    source line where the sentence starts, when it can be found there."""
    problems = []
    for page in pages:
        for rule, sentence in unsafe_advice(main_text(page.html)):
            start = " ".join(sentence.split()[:4])
            problems.append(
                f"{page.source}:{source_line(page.source_text, start)}: {sentence!r} reads as "
                f"advice to {rule}, which the site never gives; reword it (\"Do not ...\"), "
                f"see \"What this site never advises\" in docs/about/style-guide.md")
    return problems
