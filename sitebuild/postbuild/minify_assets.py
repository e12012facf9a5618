"""Minify the site's own style sheets and scripts in the built site (Material's come
minified).

site.css and the scripts are written for their readers, with a comment on every rule
and step; on a phone those comments would be downloaded on every first visit (about
half of each file, gzipped), and every page's first load must stay within 80 KiB. The
sources in overrides/ keep them."""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

MINIFIERS = {
    "stylesheets/*.css": rcssmin.cssmin,
    "javascripts/*.js": rjsmin.jsmin,
}


def minify_own_assets(site_dir: Path) -> None:
    """Every style sheet and script under assets/ that is not minified already."""
    for pattern, minify in MINIFIERS.items():
        for path in sorted((site_dir / "assets").glob(pattern)):
            if ".min." not in path.name:
                path.write_text(minify(path.read_text(encoding="utf-8")), encoding="utf-8")
