"""Each page of a built site beside its Markdown source, for the checks that read what a
reader sees (reading grade, never-say advice, abbreviations) and name the source file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sitebuild.sources.front_matter import read_page
from sitebuild.sources.site_files import built_file_for, markdown_pages


@dataclass(frozen=True)
class CheckedPage:
    source: str  # relative to the project, such as "docs/parents/sextortion.md"
    meta: dict
    source_text: str
    html: str


def pages_with_sources(site_dir: Path, project_dir: Path) -> list[CheckedPage]:
    """Every page under docs/ that the build turned into HTML in site_dir."""
    docs = project_dir / "docs"
    pages = []
    for path in markdown_pages(docs):
        built = site_dir / built_file_for(path.relative_to(docs).as_posix())
        if not built.is_file():
            continue  # the build refuses a page missing from the navigation
        meta = read_page(path)[0] or {}
        pages.append(CheckedPage(path.relative_to(project_dir).as_posix(), meta,
                                 path.read_text(encoding="utf-8"), built.read_text(encoding="utf-8")))
    return pages
