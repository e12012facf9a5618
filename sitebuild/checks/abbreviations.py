"""Every abbreviation a page uses is explained in the glossary (data/glossary.yml)."""

from __future__ import annotations

import re
from pathlib import Path

from sitebuild.checks.readability import main_text
from sitebuild.sources.glossary_data import load_glossary
from sitebuild.sources.site_files import source_line

# Words in capitals that are not abbreviations a reader needs explained, each with why.
# Add to this list only with a reason; anything else belongs in data/glossary.yml.
NOT_ABBREVIATIONS = {
    "UK": "the country's everyday name",
    "US": "the country's everyday name",
    "OK": "an everyday word",
    "ID": "an everyday word, as in photo ID",
    "GOV": "part of the name GOV.UK",
    "CC": "part of the licence's name, CC BY",
    "BY": "part of the licence's name, CC BY",
    "MIT": "the name of a licence",
    "AA": "a level of the accessibility guidelines, not an abbreviation",
    "PANTS": "the name of the NSPCC's Underwear Rule, which its page explains letter by letter",
}
# Two or more capitals, perhaps with digits, perhaps plural: CEOP, WCAG22, DSLs.
ACRONYM = re.compile(r"\b([A-Z]{2,}[A-Z0-9]*)s?\b")


def glossary_abbreviations(project_dir: Path) -> dict[str, str]:
    """Each abbreviation in the glossary and what it stands for."""
    terms = load_glossary(project_dir / "data" / "glossary.yml")
    return {t.term: t.stands_for for t in terms if t.is_abbreviation}


def abbreviation_problems(pages, known: dict[str, str]) -> list[str]:
    """A problem for each abbreviation a page (a CheckedPage) uses that is not in known."""
    problems = []
    for page in pages:
        for word in sorted(set(ACRONYM.findall(main_text(page.html)))):
            if word not in known and word not in NOT_ABBREVIATIONS:
                line = source_line(page.source_text, re.compile(rf"\b{word}"))
                problems.append(
                    f"{page.source}:{line}: the abbreviation {word} is not in data/glossary.yml; "
                    f"add it with 'stands_for' and a 'definition' (CONTRIBUTING.md, \"Add a word "
                    f"to the glossary\")")
    return problems
