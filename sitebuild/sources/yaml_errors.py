"""A YAML mistake in an author's words: the line it is on, and the usual fix.

PyYAML's own message ("mapping values are not allowed here", "expected <block end>")
means little to an author, so it comes last, in brackets, after what to do."""

from __future__ import annotations

import datetime as dt
import re

import yaml

# (words in PyYAML's message, what is usually wrong and how to fix it), first match wins.
USUAL_FIXES = (
    ("mapping values are not allowed",
     "a value with a colon in it needs quotes: write field: \"text: more text\""),
    ("'\\t'",
     "indent with spaces, not tabs"),
    ("found character '\\t'",
     "indent with spaces, not tabs"),
    ("expected '-' indicator",
     "each entry of a list starts with '- ', indented like the entries around it"),
    ("but found '?'",
     "each entry of a list starts with '- ', indented like the entries around it"),
    ("but found '-'",
     "each entry starts with '- ', indented like the entries around it (a line starting "
     "with '-' inside an entry needs quotes around its text)"),
    ("but found '<block mapping start>'",
     "this line is indented differently from the lines around it: line it up with the other "
     "fields of its entry, using spaces"),
    ("could not find expected ':'",
     "each line of an entry is 'field: value'; a long value that goes on over several lines "
     "needs '>-' after its colon, or quotes around it"),
    ("did not find expected key",
     "this line is indented differently from the lines around it: line it up with the other "
     "fields of its entry, using spaces"),
    ("while scanning a quoted scalar",
     "a quote is not closed: end the text with the same quote mark it starts with"),
    ("found undefined alias",
     "a value that starts with * or & needs quotes around it"),
    ("while scanning an alias",
     "a value that starts with * or & needs quotes around it"),
    ("expected ',' or ']'",
     "a list in square brackets needs a ']' at its end, and quotes around any value with a "
     "comma or colon in it"),
    ("expected ',' or '}'",
     "a value that starts with '{' needs quotes around it"),
    ("while parsing a flow",
     "a list in square brackets needs a ']' at its end, and quotes around any value with a "
     "comma or colon in it"),
    ("found character '@' that cannot start any token",
     "a value that starts with @ or ` needs quotes around it"),
    ("found character '`' that cannot start any token",
     "a value that starts with @ or ` needs quotes around it"),
)
DEFAULT_FIX = "compare this line and the one above it with the entries around them"
DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")


def yaml_problem(where: str, text: str, error: Exception, first_line: int = 1) -> str:
    """`where:LINE: ...` for a YAMLError or an impossible date (PyYAML's ValueError) in
    text, which starts on line `first_line` of the file."""
    line, fix, said = _explain(text, error)
    place = f"{where}:{line + first_line - 1}" if line else where
    return f"{place}: this line cannot be read; {fix}. (The YAML reader said: {said})"


def _explain(text: str, error: Exception) -> tuple[int | None, str, str]:
    if not isinstance(error, yaml.YAMLError):
        # PyYAML raises ValueError for a date that does not exist, and gives no line.
        return (_impossible_date_line(text),
                "a date must be a real day, written YYYY-MM-DD", str(error))
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None) or ""
    said = " ".join(part for part in (context, problem) if part)
    fix = next((fix for words, fix in USUAL_FIXES if words in said), DEFAULT_FIX)
    mark = getattr(error, "problem_mark", None)
    if mark and "mapping values are not allowed" in said and _starts_with_field(text, mark):
        # "field: value" read as the end of the value above: the line is indented too far.
        fix = ("this line is indented further than the line above it: line it up with the "
               "other fields of its entry, using spaces")
    # Where the reader noticed the problem; for a line without its colon it notices only
    # on the next line, so the line it was reading is the one to fix.
    if "could not find expected ':'" in said and getattr(error, "context_mark", None):
        mark = error.context_mark
    return (mark.line + 1 if mark else None), fix, said


def _starts_with_field(text: str, mark) -> bool:
    """Whether the colon PyYAML stopped at ends the first word of its line ("field:")."""
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    return re.match(r"[ \t]*(- )?[\w-]+:", line) is not None and line.index(":") == mark.column


def _impossible_date_line(text: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        for match in DATE.finditer(line):
            try:
                dt.date(*(int(part) for part in match.groups()))
            except ValueError:
                return number
    return None
