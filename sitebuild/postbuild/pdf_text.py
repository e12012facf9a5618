"""Where the text sits on a printed page, read from the PDF: how far down the page it
reaches, and how big it is. The sheet PDF step uses it to fit each sheet to its page,
and the tests to check the result."""

from __future__ import annotations

from dataclasses import dataclass

from pypdf import PageObject

MM = 72 / 25.4  # points in a millimetre
# The top and bottom page margin of a printed sheet: @page in sheet-print.css.
SHEET_MARGIN = 10 * MM


@dataclass(frozen=True)
class TextRun:
    """A piece of text as the PDF draws it: its baseline, measured down from the top of
    the page, and its size, both in points."""
    top: float
    size: float
    text: str


def _times(first: list[float], second: list[float]) -> list[float]:
    """The product of two PDF matrices [a b c d e f]."""
    a, b, c, d, e, f = first
    a2, b2, c2, d2, e2, f2 = second
    return [a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2]


def text_runs(page: PageObject) -> list[TextRun]:
    """Every run of visible text on the page (not blank ones)."""
    height = float(page.mediabox.top)
    runs = []

    def visit(text, cm, tm, font, font_size):
        if not text.strip():
            return
        matrix = _times(list(tm), list(cm))
        # The font size times how much the matrices stretch text upright.
        size = font_size * (matrix[1] ** 2 + matrix[3] ** 2) ** 0.5
        runs.append(TextRun(round(height - matrix[5], 2), round(size, 2), text.strip()))

    page.extract_text(visitor_text=visit)
    return runs


def filled_share(page: PageObject, margin: float = SHEET_MARGIN) -> float:
    """How far down the printable area the lowest line of text sits: 0 at the top
    margin, 1 at the bottom margin."""
    runs = text_runs(page)
    if not runs:
        return 0.0
    printable = float(page.mediabox.height) - 2 * margin
    return (max(run.top for run in runs) - margin) / printable
