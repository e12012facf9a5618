"""Draw each printable sheet's QR code: its own published address, as inline SVG.

A post-build step (sitebuild.build_site), so it is the same under MkDocs and Zensical.
The sheet footer template leaves <div class="sheet-qr" data-url="..."> only when the
site has a public address (site_url); segno draws the code offline.
"""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import segno

PLACEHOLDER = re.compile(r'<div class="sheet-qr" data-url="([^"]+)"></div>')


def qr_svg(url: str) -> str:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=3, border=2, xmldecl=False,
                                    svgns=True, nl=False, title=None, dark="#000", light="#fff")
    svg = buffer.getvalue().decode("utf-8")
    # A viewBox lets CSS size the code; a name tells screen readers what it is (the
    # address itself is printed beside it).
    size = re.search(r'width="(\d+)"', svg).group(1)
    return svg.replace("<svg ", f'<svg role="img" aria-label="QR code for this sheet\'s web address" '
                               f'viewBox="0 0 {size} {size}" ', 1)


def draw_qr_codes(site_dir: Path) -> int:
    """Fill every QR placeholder in the built site; return how many were drawn."""
    drawn = 0
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if 'class="sheet-qr"' not in text:
            continue

        def draw(match: re.Match) -> str:
            url = html.unescape(match.group(1))
            return (f'<div class="sheet-qr" data-url="{match.group(1)}">{qr_svg(url)}</div>')

        page.write_text(PLACEHOLDER.sub(draw, text), encoding="utf-8")
        drawn += 1
    return drawn
