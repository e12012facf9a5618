"""The page contract: every page's front matter is complete and valid, or the build stops.

Loaded as a Python-Markdown extension so that it runs under both MkDocs and Zensical,
which both create a Markdown instance for each page. The check covers the whole docs
folder at once (a Markdown extension is not told which file it is converting), and its
result is remembered until a page changes, so a build checks the pages once.

Contract (see CONTRIBUTING.md):
  title          text, unique across the site
  description    text
  audience       a list drawn from AUDIENCES
  last_reviewed  a date (YYYY-MM-DD), not in the future
  review_due     a date after last_reviewed
  sources        a list of {title, url} with https addresses; an empty list needs
                 `sources_note` saying why the page has none
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sitebuild.extensions.docs_check import DocsCheckExtension
from sitebuild.sources.front_matter import FrontMatterError, read_page
from sitebuild.sources.site_files import markdown_pages

AUDIENCES = ("parents", "schools", "organisations", "everyone")
REQUIRED = ("title", "description", "audience", "last_reviewed", "review_due", "sources")
# Fields the theme understands, or that the page contract adds for special cases.
# `tags` are search synonyms: Material and Zensical index them but do not show them.
OPTIONAL = ("sources_note", "tags", "hide", "search", "template", "print_sheet", "print_pages")
# How many A4 pages a printable page may print on (`print_pages`, default 1). Only a form
# (docs/forms/) may take two: a sheet is one page.
PRINT_PAGES = (1, 2)


def check_page(meta: dict | None, where: str, today: dt.date) -> list[str]:
    """Return one message per problem in a page's front matter."""
    if meta is None:
        return [f"{where}: no front matter. Start the page with a '---' block holding "
                f"{', '.join(REQUIRED)} (see 'The page contract' in CONTRIBUTING.md)."]
    problems = []
    for field in REQUIRED:
        if field not in meta or meta[field] is None:
            problems.append(f"{where}: field '{field}' is missing.")
    for field in meta:
        if field not in REQUIRED and field not in OPTIONAL:
            problems.append(f"{where}: field '{field}' is not part of the page contract "
                            f"(check the spelling; allowed: {', '.join(REQUIRED + OPTIONAL)}).")

    for field in ("title", "description"):
        value = meta.get(field)
        if field in meta and (not isinstance(value, str) or not value.strip()):
            problems.append(f"{where}: field '{field}' must be some text.")
        elif field == "description" and field in meta and any(c in value for c in '"<>'):
            # The theme writes the description into a <meta> tag without escaping it.
            problems.append(f"{where}: field 'description' must not contain \" < or >; "
                            f"use single quotes.")

    audience = meta.get("audience")
    if "audience" in meta:
        if not isinstance(audience, list) or not audience:
            problems.append(f"{where}: field 'audience' must be a list such as [parents], "
                            f"drawn from {', '.join(AUDIENCES)}.")
        else:
            for item in audience:
                if item not in AUDIENCES:
                    problems.append(f"{where}: field 'audience' has '{item}'; use one or more of "
                                    f"{', '.join(AUDIENCES)}.")

    dates = {}
    for field in ("last_reviewed", "review_due"):
        value = meta.get(field)
        if field not in meta or value is None:
            continue
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            problems.append(f"{where}: field '{field}' must be a date written YYYY-MM-DD, "
                            f"not {value!r}.")
        else:
            dates[field] = value
    if "last_reviewed" in dates and dates["last_reviewed"] > today:
        problems.append(f"{where}: field 'last_reviewed' ({dates['last_reviewed']}) is in the "
                        f"future; use the date the page was actually reviewed.")
    if len(dates) == 2 and dates["review_due"] <= dates["last_reviewed"]:
        problems.append(f"{where}: field 'review_due' ({dates['review_due']}) must be after "
                        f"'last_reviewed' ({dates['last_reviewed']}).")

    problems += _check_sources(meta, where)
    problems += _check_print_pages(meta, where)
    return problems


def _check_print_pages(meta: dict, where: str) -> list[str]:
    if "print_pages" not in meta:
        return []
    pages = meta["print_pages"]
    if not meta.get("print_sheet"):
        return [f"{where}: field 'print_pages' is only for printable pages; add "
                f"'print_sheet: true', or remove 'print_pages'."]
    if isinstance(pages, bool) or pages not in PRINT_PAGES:
        return [f"{where}: field 'print_pages' is {pages!r}; write 1 or 2 (the most A4 pages "
                f"the page may print on)."]
    if pages > 1 and Path(where).parent.name != "forms":
        return [f"{where}: field 'print_pages: {pages}' is only for forms (docs/forms/); a "
                f"printable sheet is one A4 page: shorten it, or split it into two sheets."]
    return []


def _check_sources(meta: dict, where: str) -> list[str]:
    if "sources" not in meta or meta["sources"] is None:
        return []
    sources = meta["sources"]
    if not isinstance(sources, list):
        return [f"{where}: field 'sources' must be a list of entries with 'title' and 'url'."]
    problems = []
    if not sources and not str(meta.get("sources_note") or "").strip():
        problems.append(f"{where}: field 'sources' is empty. List the official sources this "
                        f"page relies on, or add 'sources_note' saying why it has none.")
    for number, source in enumerate(sources, start=1):
        label = f"{where}: field 'sources' entry {number}"
        if not isinstance(source, dict):
            problems.append(f"{label} must have 'title' and 'url'.")
            continue
        title, url = source.get("title"), source.get("url")
        if not isinstance(title, str) or not title.strip():
            problems.append(f"{label} has no 'title'.")
        if not isinstance(url, str) or not url.startswith("https://"):
            problems.append(f"{label} needs a 'url' starting with https://, not {url!r}.")
        extra = set(source) - {"title", "url"}
        if extra:
            problems.append(f"{label} has unknown keys: {', '.join(sorted(extra))}.")
    return problems


def check_docs(docs_dir: Path, today: dt.date | None = None) -> list[str]:
    """Check every page in docs_dir; return all problems found."""
    today = today or dt.date.today()
    problems: list[str] = []
    titles: dict[str, str] = {}
    for path in markdown_pages(docs_dir):
        where = path.as_posix()
        try:
            meta, _body, _line = read_page(path)
        except FrontMatterError as error:
            problems.append(f"{where}{f':{error.line}' if error.line else ''}: {error}")
            continue
        problems += check_page(meta, where, today)
        title = (meta or {}).get("title")
        if isinstance(title, str) and title.strip():
            key = title.strip().casefold()
            if key in titles:
                problems.append(f"{where}: field 'title' '{title}' is already used by "
                                f"{titles[key]}; every page needs its own title.")
            else:
                titles[key] = where
    return problems


class PageContractExtension(DocsCheckExtension):
    NAME = "page contract"
    check = staticmethod(check_docs)


def makeExtension(**kwargs):  # noqa: N802 (Python-Markdown's name)
    return PageContractExtension(**kwargs)
