"""Draw each printable sheet's QR code: its own published address, as inline SVG.

A page step of the post-build pipeline (sitebuild/postbuild/pipeline.py), so it is the same under MkDocs and Zensical.
The sheet footer template leaves <div class="sheet-qr" data-url="..."> only when the
site has a public address (site_url); segno draws the code offline.
"""

from __future__ import annotations

import html as html_module
import io
import re

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


def draw_qr_codes(html: str) -> str:
    """The page with every QR placeholder filled (a page step of the pipeline)."""
    if 'class="sheet-qr"' not in html:
        return html

    def draw(match: re.Match) -> str:
        url = html_module.unescape(match.group(1))
        return f'<div class="sheet-qr" data-url="{match.group(1)}">{qr_svg(url)}</div>'

    return PLACEHOLDER.sub(draw, html)
