"""Tell the theme today's date, so a page whose review is overdue says so when it is built.

The template context has no date under Zensical, and Zensical runs no MkDocs hooks, so
this Python-Markdown extension (which both builders run before they render any page)
writes the date into a tiny generated partial that git ignores:

    {%- set build_date = "2026-11-29" -%}

overrides/partials/page-review.html imports it. Pages read for months after a build get
the same notice from overrides/assets/javascripts/review-notice.js, which compares each
page's review date with the reader's own date.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from markdown import Extension

from sitebuild.extensions.options import path_options
from sitebuild.sources.site_files import write_if_changed

PARTIAL = "build-date.html"


def build_date_partial(today: dt.date) -> str:
    return f'{{%- set build_date = "{today.isoformat()}" -%}}\n'


class ReviewDatesExtension(Extension):
    def __init__(self, **kwargs):
        self.config = path_options("partials_dir")
        super().__init__(**kwargs)

    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        partial = Path(self.getConfig("partials_dir")) / PARTIAL
        # Written only when the date changes, so `mkdocs serve` does not rebuild in a loop.
        write_if_changed(partial, build_date_partial(dt.date.today()))


def makeExtension(**kwargs):  # noqa: N802 (Python-Markdown's name)
    return ReviewDatesExtension(**kwargs)
