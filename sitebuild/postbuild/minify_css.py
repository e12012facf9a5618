"""Minify the site's own style sheets in the built site (Material's come minified).

site.css is written for its readers, with a comment on every rule; on a phone those
comments would be downloaded on every first visit (about half of the file, gzipped).
The sources in overrides/ keep them."""

from __future__ import annotations

from pathlib import Path

import rcssmin


def minify_own_stylesheets(site_dir: Path) -> None:
    """Every style sheet under assets/stylesheets/ that is not minified already."""
    for path in sorted((site_dir / "assets" / "stylesheets").glob("*.css")):
        if not path.name.endswith(".min.css"):
            path.write_text(rcssmin.cssmin(path.read_text(encoding="utf-8")), encoding="utf-8")
