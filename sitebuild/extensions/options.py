"""The options of the site's extensions that name files and folders, with the defaults
that mkdocs.yml relies on (both builders run from the project's root)."""

from __future__ import annotations

# Options several extensions take: (default, description).
SHARED = {
    "docs_dir": ("docs", "Folder of the site's Markdown pages"),
    "contacts": ("data/contacts.yml", "The contacts data file"),
    "partials_dir": ("overrides/partials/generated", "Where to write theme partials"),
}


def path_options(*shared: str, **own: tuple[str, str]) -> dict[str, list[str]]:
    """An extension's `config`: the SHARED options it names, and its own as
    name=(default, description). New lists each time: Python-Markdown's setConfig
    writes the configured value into them."""
    options = {name: list(SHARED[name]) for name in shared}
    options.update((name, list(value)) for name, value in own.items())
    return options
