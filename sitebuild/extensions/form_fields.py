"""Space to write by hand on a printed form, as a Python-Markdown extension (MkDocs and
Zensical). The forms under docs/forms/ are written in Markdown with four blocks:

    /// field | The child's own words
        lines: 6
    Write exactly what they said, even if the words are rude or unclear.
    ///

    /// signature | Signed by the person who made this record
        role: true
    ///

    /// checklist
    - A written safeguarding policy.
    ///

    /// log | Date and time; Reported by; What happened; Action taken
        rows: 8
    ///

`field` is a label, an optional hint (the block's text) and a box with ruled lines
(`lines`, 1 to 20; `width: half` puts two fields side by side). `signature` is a row of
boxes for a signature, a name in capitals and the date (`role: true` adds the role).
`checklist` gives each item of the list inside it a box to tick. `log` is a table with
the given column headings and `rows` empty rows to fill in.

The page check (sitebuild/extensions/page_syntax.py, BLOCKS) names the file and line of a
wrong option before anything is built; the option types below only guard the render.
The print styles are overrides/assets/stylesheets/forms.css; the Word copies are made
from the rendered classes (sitebuild/postbuild/form_docx.py), so change them together.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.util import AtomicString
from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block, type_boolean, type_ranged_integer, type_string_in

MAX_LINES = 20
MAX_ROWS = 30
WIDTHS = ("full", "half")
# What a signature row asks for, in order; "Role" only with `role: true`.
SIGNATURE_PARTS = ("Signature", "Name in capitals", "Role", "Date")


def ruled_lines(parent: etree.Element, count: int) -> etree.Element:
    """The box to write in: `count` ruled lines. Hidden from screen readers, which would
    otherwise announce nothing but empty space."""
    box = etree.SubElement(parent, "div", {"class": "form-field__lines", "aria-hidden": "true"})
    for _ in range(count):
        etree.SubElement(box, "span", {"class": "form-line"})
    return box


def label(parent: etree.Element, text: str) -> etree.Element:
    element = etree.SubElement(parent, "p", {"class": "form-field__label"})
    strong = etree.SubElement(element, "strong")
    strong.text = AtomicString(text)
    return element


class Field(Block):
    """`/// field | LABEL`: a labelled box with ruled lines to write in."""

    NAME = "field"
    ARGUMENT = True
    OPTIONS = {"lines": (1, type_ranged_integer(1, MAX_LINES)),
               "width": ("full", type_string_in(WIDTHS))}

    def on_create(self, parent):
        field = etree.SubElement(parent, "div", {
            "class": f"form-field form-field--{self.options['width']}",
            "data-lines": str(self.options["lines"])})
        label(field, self.argument.strip())
        return field

    def on_end(self, block):
        # After any hint, so the hint sits under the label and above the lines.
        ruled_lines(block, self.options["lines"])


class Signature(Block):
    """`/// signature | LABEL`: signature, name and date (and role) boxes in a row."""

    NAME = "signature"
    ARGUMENT = None
    OPTIONS = {"role": (False, type_boolean)}

    def on_create(self, parent):
        signature = etree.SubElement(parent, "div", {"class": "form-signature"})
        label(signature, (self.argument or "Signed").strip())
        row = etree.SubElement(signature, "div", {"class": "form-signature__row"})
        for part in SIGNATURE_PARTS:
            if part == "Role" and not self.options["role"]:
                continue
            cell = etree.SubElement(row, "div", {"class": "form-signature__part"})
            name = etree.SubElement(cell, "span", {"class": "form-signature__name"})
            name.text = AtomicString(part)
            ruled_lines(cell, 1)
        return signature


class Checklist(Block):
    """`/// checklist`: every item of the list inside gets a box to tick."""

    NAME = "checklist"
    ARGUMENT = False

    def on_create(self, parent):
        return etree.SubElement(parent, "div", {"class": "form-checklist"})


class Log(Block):
    """`/// log | COLUMN; COLUMN; ...`: a table with empty rows to fill in."""

    NAME = "log"
    ARGUMENT = True
    OPTIONS = {"rows": (8, type_ranged_integer(1, MAX_ROWS))}

    def on_create(self, parent):
        log = etree.SubElement(parent, "div", {"class": "form-log"})
        # A bare <table>: the theme wraps it in its keyboard-scrollable box (content.html).
        table = etree.SubElement(log, "table")
        head = etree.SubElement(etree.SubElement(table, "thead"), "tr")
        columns = [column.strip() for column in self.argument.split(";") if column.strip()]
        for column in columns:
            cell = etree.SubElement(head, "th", {"scope": "col"})
            cell.text = AtomicString(column)
        body = etree.SubElement(table, "tbody")
        for _ in range(self.options["rows"]):
            row = etree.SubElement(body, "tr")
            for _ in columns:
                etree.SubElement(row, "td")
        return log


class FormFieldsExtension(BlocksExtension):
    def extendMarkdownBlocks(self, md, block_mgr):  # noqa: N802 (pymdownx's name)
        for block in (Field, Signature, Checklist, Log):
            block_mgr.register(block, {})


def makeExtension(**kwargs):  # noqa: N802 (Python-Markdown's name)
    return FormFieldsExtension(**kwargs)
