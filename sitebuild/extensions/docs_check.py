"""A Python-Markdown extension that checks every page in the docs folder and renders
nothing: the base of the page contract and the page syntax checks."""

from __future__ import annotations

from pathlib import Path

from markdown import Extension

from sitebuild.errors import check_or_raise
from sitebuild.extensions.options import path_options


class DocsCheckExtension(Extension):
    """Runs `check(docs_dir)` once per state of the docs folder and stops the build with
    what it found. A subclass gives the check's NAME (for the message) and `check`."""

    NAME = ""

    def __init__(self, **kwargs):
        self.config = path_options("docs_dir")
        super().__init__(**kwargs)

    @staticmethod
    def check(docs_dir: Path) -> list[str]:
        raise NotImplementedError

    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        docs_dir = Path(self.getConfig("docs_dir"))
        check_or_raise(self.NAME, (docs_dir,), lambda: self.check(docs_dir))
