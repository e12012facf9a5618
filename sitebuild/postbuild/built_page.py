"""One page of the built site as the post-build pipeline holds it: read once, changed
by each page step, written once."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Site:
    """The built site and what its steps need to know about it."""
    site_dir: Path
    project_dir: Path
    site_url: str = ""  # the public address, such as https://example.org/ ('' if unknown)

    @property
    def docs_dir(self) -> Path:
        return self.project_dir / "docs"

    @property
    def own_host(self) -> str:
        """The host of the site's own address, so that links to it are not external."""
        return urlsplit(self.site_url).hostname or ""


@dataclass
class BuiltPage:
    path: Path
    site: Site
    html: str
    problems: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, path: Path, site: Site) -> BuiltPage:
        return cls(path, site, path.read_text(encoding="utf-8"))

    @property
    def name(self) -> str:
        """The HTML file relative to the site folder, such as 'parents/index.html'."""
        return self.path.relative_to(self.site.site_dir).as_posix()

    @property
    def source(self) -> Path | None:
        """The Markdown page that became this HTML page, if there is one."""
        relative = self.path.relative_to(self.site.site_dir).with_suffix("")
        stem = relative.parent if relative.name == "index" else relative
        for candidate in (self.site.docs_dir / stem / "index.md", self.site.docs_dir / f"{stem}.md"):
            if candidate.is_file():
                return candidate
        return None

    def where(self, snippet: str) -> str:
        """'docs/FILE.md:LINE' for the source line holding the snippet; the source file
        alone if no line holds it; the built page if it has no source."""
        source = self.source
        if source is None:
            return f"{self.name} (built page)"
        name = source.relative_to(self.site.project_dir).as_posix() \
            if source.is_relative_to(self.site.project_dir) else source.as_posix()
        needle = snippet.strip()[:40]
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
            if needle and needle in line:
                return f"{name}:{number}"
        return name
