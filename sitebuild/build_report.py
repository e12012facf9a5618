"""What a failed build tells the author: every problem, each as
`file:line: what is wrong; how to fix it`, and no Python traceback.

The builders' own messages (MkDocs' warnings about links and the nav) are put in the same
form where they name a page, so that every problem reads alike."""

from __future__ import annotations

import re
from pathlib import Path

HEADING = "The site was not built. Fix {count}, then build again:"
# A check's own heading before its list ("The contact syntax check found 2 problem(s):").
CHECK_HEADING = re.compile(r"^The .+ (check found|have) \d+ problem\(s\):$")
LOG_LINE = re.compile(r"^(WARNING|ERROR)\s+-\s+(?P<text>.*)$")
TRACEBACK_START = "Traceback (most recent call last):"
CONTENT_ERROR = re.compile(r"^(?:[\w.]+\.)?(?:ContentError|ProblemsRecorded): ?(?P<text>.*)$")

MISSING_PAGE = re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but the "
                          r"target '(?P<target>[^']+)' is not found among documentation files\.")
MISSING_ANCHOR = re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but "
                            r"(?:the doc '(?P<target>[^']+)' does not contain an anchor|there is no "
                            r"such anchor on this page)")
NOT_IN_NAV = "The following pages exist in the docs directory, but are not included in the \"nav\""
MISSING_NAV_ENTRY = re.compile(r"A reference to '(?P<page>[^']+)' is included in the 'nav' "
                               r"configuration, which is not found in the documentation files\.")


def report(problems: list[str]) -> str:
    count = "this problem" if len(problems) == 1 else f"these {len(problems)} problems"
    return HEADING.format(count=count) + "\n\n" + "\n".join(problems) + "\n"


def split_problems(message: str) -> list[str]:
    """A check's message ("The X check found 2 problem(s):" and a list) as its problems."""
    problems: list[str] = []
    for line in message.strip().splitlines():
        if CHECK_HEADING.match(line.strip()) or line.startswith("Aborted with"):
            continue
        if line.startswith("  - "):
            problems.append(line[4:])
        elif problems and line.startswith("    "):
            problems[-1] += "\n" + line  # a problem that runs over several lines
        elif line.strip():
            problems.append(line.strip())
    return problems


def without_tracebacks(output: str) -> str:
    """The output with each Python traceback replaced by its last line (the error)."""
    kept, in_traceback = [], False
    for line in output.splitlines():
        if line.startswith(TRACEBACK_START):
            in_traceback = True
            continue
        if in_traceback and (line.startswith(" ") or not line.strip()):
            continue
        in_traceback = False
        kept.append(line)
    return "\n".join(kept)


def builder_problems(output: str, project_dir: Path) -> list[str]:
    """The problems in a builder's output, our own extensions' messages and its warnings."""
    lines = output.splitlines()
    # An extension that stopped the builder: its message ends the traceback.
    for index in range(len(lines) - 1, -1, -1):
        match = CONTENT_ERROR.match(lines[index])
        if match:
            message = "\n".join([match["text"], *lines[index + 1:]])
            return split_problems(message)
    problems: list[str] = []
    logged = [(match["text"], index) for index, line in enumerate(lines)
              if (match := LOG_LINE.match(line))]
    for text, index in logged:
        continued = []
        for line in lines[index + 1:]:
            if not line.startswith("  "):
                break
            continued.append(line.strip())
        problems += translate(text, continued, project_dir)
    if problems:
        return problems
    return [without_tracebacks(output).strip() or "the builder stopped without saying why."]


def translate(text: str, continued: list[str], project_dir: Path) -> list[str]:
    """One builder message as problems naming the source file (and line where known)."""
    docs = project_dir / "docs"
    if match := MISSING_PAGE.match(text):
        where = _where(docs, match["page"], match["link"])
        return [f"{where}: the link '{match['link']}' goes to a page that does not exist "
                f"(docs/{match['target']}); correct the address, or create the page."]
    if match := MISSING_ANCHOR.match(text):
        where = _where(docs, match["page"], match["link"])
        target = f"docs/{match['target']}" if match["target"] else "this page"
        return [f"{where}: the link '{match['link']}' goes to a heading that {target} does not "
                f"have; use the heading's anchor as it is now (its words in lower case, joined "
                f"by hyphens)."]
    if text.startswith(NOT_IN_NAV):
        return [f"docs/{line.removeprefix('- ')}: the page is not in the menus; add it under "
                f"'nav:' in mkdocs.yml, indented like its neighbours." for line in continued]
    if match := MISSING_NAV_ENTRY.match(text):
        where = _where(project_dir, "mkdocs.yml", match["page"], shown="mkdocs.yml")
        return [f"{where}: 'nav:' names {match['page']}, which is not a page under docs/; "
                f"correct the name, or remove the line."]
    if text.startswith("Aborted with") or "Failed to load extension" in text:
        return []
    return [" ".join([text, *continued])]


def _where(folder: Path, name: str, needle: str, shown: str | None = None) -> str:
    """`docs/NAME:LINE` for the first line of the file that contains `needle`."""
    shown = shown or f"docs/{name}"
    try:
        text = (folder / name).read_text(encoding="utf-8")
    except OSError:
        return shown
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return f"{shown}:{number}"
    return shown
