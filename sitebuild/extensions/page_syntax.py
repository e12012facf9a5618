"""Page syntax that would publish broken or unfinished help: the build stops instead.

Python-Markdown leaves text it does not understand as it is, so a typo in a block or a
placeholder shows up on the page as raw text, and a contact card (perhaps the page's
only helpline) silently disappears. This check reads every page in the docs folder,
before anything is built, and names the file and line of:

- a `///` block line that is not a block: no `|` before the argument
  (`/// contact nspcc-helpline`), an unknown block name, an unknown block option or a
  wrong value (`style: shrot`);
- `[phone:ID]` with single brackets, or a `[[` or `]]` left over;
- the placeholder title, description or text of templates/page.md;
- a link or address starting with `http://`;
- a `# heading` that is not the page's `title`.

Loaded as a Python-Markdown extension, like the page contract, so MkDocs and Zensical
both run it. Contact ids and kinds inside `[[...]]` are checked by contact_usage.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from sitebuild.extensions.contacts_render import INLINE_KINDS
from sitebuild.extensions.docs_check import DocsCheckExtension
from sitebuild.extensions.form_fields import MAX_LINES, MAX_ROWS, WIDTHS
from sitebuild.sources.front_matter import FrontMatterError, split_page
from sitebuild.sources.page_prose import prose_lines
from sitebuild.sources.site_files import markdown_pages

# The blocks the site's extensions define (mkdocs.yml), with the options each takes and a
# check of each option's value (None: any value). `attrs` is pymdownx's, on every block.
ADMONITION_TYPES = ("note", "attention", "caution", "danger", "error", "tip", "hint",
                    "warning", "important")  # pymdownx.blocks.admonition's own
_BOOLEAN = ("true", "false", "yes", "no", "on", "off")
BLOCKS: dict[str, dict[str, tuple[str, ...] | None]] = {
    "contact": {"style": ("full", "short")},
    "admonition": {"type": None},
    "details": {"open": _BOOLEAN, "type": None},
    "html": {"markdown": ("auto", "inline", "block", "raw", "html")},
    "glossary": {},
    "changes": {},
    "platforms": {},
    # Space to write on a printed form (sitebuild/extensions/form_fields.py).
    "field": {"lines": tuple(str(n) for n in range(1, MAX_LINES + 1)), "width": WIDTHS},
    "signature": {"role": _BOOLEAN},
    "checklist": {},
    "log": {"rows": tuple(str(n) for n in range(1, MAX_ROWS + 1))},
    **{name: {"type": None} for name in ADMONITION_TYPES},
}
NEEDS_ARGUMENT = {"contact": "a contact id, such as '/// contact | nspcc-helpline'",
                  "html": "an HTML tag, such as '/// html | div'",
                  "field": "the label to write beside, such as '/// field | Child's name'",
                  "log": "the column headings separated by ';', such as '/// log | Date; What happened'"}

# The placeholders of templates/page.md (tests/test_page_syntax.py checks they are there).
TEMPLATE_TITLE = "The title of the page"
TEMPLATE_DESCRIPTION = "One or two plain sentences saying what this page helps with."
TEMPLATE_TAGS = ["search words", "other names for the topic"]
TEMPLATE_TEXT = (
    "Keep short steps here: three to six of them.",
    "A short introduction: who this page is for and what it helps with.",
    "A heading that says what this section is about",
    "Short paragraphs, in plain English. Spell out an abbreviation",
    "Never type a phone number, email address or a service's web address: write",
)

# Blocks may be indented, inside a list item or another block.
BLOCK_LINE = re.compile(r"^(?P<indent>[ ]*)/{3,}(?P<rest>.*)$")
BLOCK_START = re.compile(r"^[ ]*/{3,}[ ]*(?P<name>[\w-]+)[ ]*(?:\|[ ]*(?P<arg>.*?)[ ]*)?$")
OPTION = re.compile(r"^(?P<indent>[ ]*)(?P<key>[^\s:]+)\s*:\s*(?P<value>.*?)\s*$")
MARKER = re.compile(r"\[\[[^\[\]]*\]\]")
SINGLE = re.compile(r"(?<!\[)\[(?P<kind>" + "|".join(INLINE_KINDS) + r"):(?P<id>[^\]\s]*)\](?!\])")
HTTP = re.compile(r"http://[^\s)\]>\"']*")
HEADING = re.compile(r"^#[ \t]+(?P<text>.+?)[ \t]*#*[ \t]*$")


def _suggest(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f"did you mean '{close[0]}'? " if close else ""


def _block_problems(lines: list[tuple[int, str]], where) -> list[str]:
    problems = []
    for index, (offset, line) in enumerate(lines):
        match = BLOCK_LINE.match(line)
        if not match or not match["rest"].strip():
            continue  # not a block line, or a block's closing '///'
        start = BLOCK_START.match(line)
        if not start:
            words = match["rest"].split(None, 1)
            fix = (f"write '/// {words[0]} | {words[1].strip()}'" if len(words) == 2
                   else "write '/// NAME | ARGUMENT'")
            problems.append(f"{where(offset)}: '{line.strip()}' is not block syntax and would "
                            f"show as text; put a '|' between the block's name and what follows: "
                            f"{fix}.")
            continue
        name, argument = start["name"], (start["arg"] or "").strip()
        if name not in BLOCKS:
            problems.append(f"{where(offset)}: unknown block '/// {name}'; "
                            f"{_suggest(name, BLOCKS)}use one of {', '.join(sorted(BLOCKS))}.")
            continue
        if name in NEEDS_ARGUMENT and not argument and name != "contact":
            # An empty '/// contact' is reported by the contact check, with the ids.
            problems.append(f"{where(offset)}: '/// {name}' needs {NEEDS_ARGUMENT[name]}.")
        options = dict(BLOCKS[name], attrs=None)
        # Options are the indented 'key: value' lines straight after the block's first line.
        previous = offset
        for option_offset, option_line in lines[index + 1:]:
            option = OPTION.match(option_line)
            if not option or option_offset != previous + 1 \
                    or len(option["indent"]) < len(match["indent"]) + 4:
                break
            previous = option_offset
            key, value = option["key"], option["value"].strip("'\"")
            if key not in options:
                allowed = ", ".join(sorted(options))
                problems.append(f"{where(option_offset)}: '/// {name}' has no option '{key}'; "
                                f"{_suggest(key, options)}its options are {allowed}.")
            elif options[key] is not None and value.lower() not in options[key]:
                allowed = options[key]
                fix = (f"use a whole number from {allowed[0]} to {allowed[-1]}"
                       if all(choice.isdigit() for choice in allowed)
                       else f"{_suggest(value, allowed)}use one of {', '.join(allowed)}")
                problems.append(f"{where(option_offset)}: '/// {name}' option '{key}: {value}' "
                                f"is not allowed; {fix}.")
    return problems


def _text_problems(lines: list[tuple[int, str]], where) -> list[str]:
    problems = []
    for offset, line in lines:
        for single in SINGLE.finditer(line):
            problems.append(f"{where(offset)}: '{single.group(0)}' has single brackets and would "
                            f"show as text; write '[{single.group(0)}]'.")
        rest = SINGLE.sub(" ", MARKER.sub(" ", line))
        for stray in ("[[", "]]"):
            if stray in rest:
                problems.append(f"{where(offset)}: '{stray}' is left over and would show as text; "
                                f"write contact details as [[KIND:ID]], such as "
                                f"[[phone:nspcc-helpline]], with both pairs of brackets.")
        for address in HTTP.findall(line):
            problems.append(f"{where(offset)}: '{address}' starts with http://; use the "
                            f"https:// address (every link to another site must be secure).")
        for placeholder in TEMPLATE_TEXT:
            if placeholder in line:
                problems.append(f"{where(offset)}: '{placeholder}' is the template's placeholder "
                                f"text; write the page's own text here.")
    return problems


def _field_line(text: str, field: str) -> int:
    """The line of a front matter field (the front matter starts the file)."""
    match = re.search(rf"(?m)^{field}\s*:", text)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def _meta_problems(meta: dict, text: str, lines: list[tuple[int, str]], page: str, where,
                   is_home: bool) -> list[str]:
    problems = []
    if meta.get("title") == TEMPLATE_TITLE:
        problems.append(f"{page}:{_field_line(text, 'title')}: field 'title' is still the "
                        f"template's '{TEMPLATE_TITLE}'; give the page its own title.")
    if str(meta.get("description") or "").strip() == TEMPLATE_DESCRIPTION:
        problems.append(f"{page}:{_field_line(text, 'description')}: field 'description' is "
                        f"still the template's placeholder; say in one or two sentences what "
                        f"this page helps with.")
    if meta.get("tags") == TEMPLATE_TAGS:
        problems.append(f"{page}:{_field_line(text, 'tags')}: field 'tags' is still the "
                        f"template's example; list real search words, or delete the field.")
    title = meta.get("title")
    # The home page's title is the browser tab's short name; its heading is the call to act.
    if not isinstance(title, str) or is_home:
        return problems
    for offset, line in lines:
        heading = HEADING.match(line)
        if heading:
            if heading["text"].strip() != title.strip():
                problems.append(f"{where(offset)}: the heading '# {heading['text']}' is not the "
                                f"page's title '{title}'; make them the same (change the heading "
                                f"or the 'title' field).")
            break
    return problems


def check_page_syntax(path: Path, is_home: bool = False) -> list[str]:
    page = path.as_posix()
    text = path.read_text(encoding="utf-8")
    try:
        meta, body, first_line = split_page(text)
    except FrontMatterError:
        return []  # the page contract reports it
    lines = prose_lines(body)

    def where(offset: int) -> str:
        return f"{page}:{first_line + offset}"

    problems = _block_problems(lines, where) + _text_problems(lines, where)
    if meta is not None:
        problems += _meta_problems(meta, text, lines, page, where, is_home)
    return problems


def check_docs(docs_dir: Path) -> list[str]:
    return [problem for path in markdown_pages(docs_dir)
            for problem in check_page_syntax(path, is_home=path == docs_dir / "index.md")]


class PageSyntaxExtension(DocsCheckExtension):
    NAME = "page syntax"
    check = staticmethod(check_docs)


def makeExtension(**kwargs):  # noqa: N802 (Python-Markdown's name)
    return PageSyntaxExtension(**kwargs)
