"""Give every built page a Content-Security-Policy: the pipeline's last page step.

GitHub Pages cannot send response headers, so the policy is a
`<meta http-equiv="Content-Security-Policy">` in each page, put before any script. It
lets the page run only the site's own script files plus the inline scripts the theme
writes, each allowed by the sha256 hash of its exact text. The hashes are of the final
HTML, so sitebuild/postbuild/pipeline.py applies it after every other step.

The theme's inline scripts differ from page to page (their text holds the path to the
site's root), so they are recognised by the stable start of their text (THEME_SCRIPTS).
Any other inline script, inline event handler (onclick=...) or javascript: address
fails the build, naming the page: the policy would block it anyway, silently, so an
author who pasted one would never know it does nothing.

A meta policy cannot carry frame-ancestors, report-uri or sandbox (browsers ignore them
there), so the policy leaves them out.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

from sitebuild.sources.site_files import LINK_ATTRIBUTES

# The inline scripts Material for MkDocs 9 and Zensical write, by the start of their text.
THEME_SCRIPTS = {
    # In <head>: localStorage helpers, scoped to the site's root (a relative path that
    # varies with the page's depth; the 404 page has an absolute one).
    "the theme's storage helpers (__md_get, __md_set)":
        re.compile(r'__md_scope=new URL\("[^"\\<]*",location\),'),
    # At the start of <body>: restores the colour scheme saved in localStorage.
    "the theme's saved colour scheme":
        re.compile(r'var palette=__md_get\("__palette"\);'),
    # After the page text: opens the content tab named in the address (#tab-name).
    "the theme's content tab from the address":
        re.compile(r'var target=document\.getElementById\(location\.hash\.slice\(1\)\);'),
}
# Script elements of these types hold data and never run (Material's __config is JSON).
DATA_TYPES = {"application/json", "application/ld+json"}
EVENT_HANDLER = re.compile(r"on[a-z]+")

# The policy, except for script-src, which gets each page's hashes.
POLICY = {
    "default-src": ["'self'"],
    # Material's styles are files; it sets positions through element.style (CSSOM), which
    # a policy does not block, and writes no style attributes or <style> elements. So no
    # 'unsafe-inline'. Zensical's search panel puts its styles in one <style> element
    # (in a shadow root): allowed by its hash (Zensical 0.0.73). If a Zensical update
    # changes it, the Zensical test in tests/test_security.py fails, and Chromium's
    # message there names the new hash to put here.
    "style-src": ["'self'", "'sha256-NwSx/R2V/U4jnW0Tq5pQ53Y/rzPVJ4dqE7D6UTA/J1k='"],
    # Material's icons in its CSS are data: SVG images.
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    # The search worker is a file on this site, and fetches the search index from it.
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
META_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)
HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.IGNORECASE)
POLICY_META = re.compile(r"<meta\s+http-equiv=[\"']?content-security-policy", re.IGNORECASE)


class _Scripts(HTMLParser):
    """The inline scripts of one page, and anything else a script policy would block."""

    def __init__(self):
        super().__init__(convert_charrefs=False)  # script text exactly as written
        self.inline: list[tuple[int, str]] = []  # (line, text)
        self.problems: list[str] = []  # "line N: what"
        self._script: tuple[int, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        for name, value in attrs:
            if EVENT_HANDLER.fullmatch(name):
                self.problems.append(f"line {line}: an inline event handler ({name}=) on <{tag}>")
            elif name in LINK_ATTRIBUTES and (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"line {line}: a javascript: address in <{tag} {name}>")
        if tag == "script":
            attributes = dict(attrs)
            kind = (attributes.get("type") or "").strip().lower()
            if "src" not in attributes and kind not in DATA_TYPES:
                self._script = (line, [])

    def handle_data(self, data):
        if self._script is not None:
            self._script[1].append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            line, parts = self._script
            self.inline.append((line, "".join(parts)))
            self._script = None


def script_hash(text: str) -> str:
    """The CSP source for an inline script: what browsers hash is the text as parsed,
    in which line breaks are always \\n."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def theme_script(text: str) -> str | None:
    """Which known theme script this is, or None."""
    for name, start in THEME_SCRIPTS.items():
        if start.match(text.strip()):
            return name
    return None


def policy_for(hashes: list[str]) -> str:
    directives = dict(POLICY)
    directives["script-src"] = ["'self'", *dict.fromkeys(hashes)]
    order = ["default-src", "script-src", *[name for name in POLICY if name != "default-src"]]
    return "; ".join(f"{name} {' '.join(directives[name])}" for name in order)


FIX = ("pages may not carry their own scripts: use a script file in "
       "overrides/assets/javascripts/, listed in mkdocs.yml under extra_javascript (if the "
       "theme itself now writes a new inline script, add it to THEME_SCRIPTS in "
       "sitebuild/postbuild/csp.py)")


def _page_policy(html: str) -> tuple[str, list[str]]:
    parser = _Scripts()
    parser.feed(html)
    parser.close()
    problems = list(parser.problems)
    for line, text in parser.inline:
        if theme_script(text) is None:
            start = " ".join(text.split())[:60]
            problems.append(f"line {line}: an inline <script> that is not one of the "
                            f"theme's ({start!r})")
    return policy_for([script_hash(text) for _, text in parser.inline]), problems


def with_content_security_policy(html: str) -> tuple[str, list[str]]:
    """The page with its policy added, or the unchanged page and the problems ("line N:
    what; how to fix") that a policy would silently break. The LAST step of the pipeline:
    the hashes are of the final text."""
    policy, problems = _page_policy(html)
    if problems:
        return html, [f"{problem}; {FIX}." for problem in problems]
    if POLICY_META.search(html):
        return html, ["already has a Content-Security-Policy: the step ran twice?"]
    anchor = META_CHARSET.search(html) or HEAD.search(html)
    if anchor is None:
        return html, ["has no <head>, so it cannot carry a Content-Security-Policy."]
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return html[:anchor.end()] + meta + html[anchor.end():], []
