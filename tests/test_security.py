"""Content-Security-Policy on every page, safe links to other sites, and security.txt."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from conftest import NEUTRAL, PUBLIC_ADDRESS, SECURITY_CONTACT, stand_in, watched_context
from sitebuild.build_site import BuildFailed, build
from sitebuild.errors import ContentError
from sitebuild.postbuild.external_link_rel import mark_page
from sitebuild.postbuild.security_txt import write_security_txt
from sitebuild.sources.site_files import built_pages
from site_pages import nav_page_urls

PAGES = nav_page_urls() + ["404.html"]
POLICY_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", re.S)


def _directives(policy: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_every_page_has_a_policy_before_any_script(built_site, builder):
    site = built_site
    pages = built_pages(site)
    assert len(pages) >= len(PAGES)
    for path in pages:
        page = path.relative_to(site).as_posix()
        html = path.read_text(encoding="utf-8")
        metas = POLICY_META.findall(html)
        assert len(metas) == 1, f"{page}: {len(metas)} policies"
        assert html.index("Content-Security-Policy") < html.index("<script"), page
        policy = _directives(metas[0])
        assert policy["default-src"] == ["'self'"], page
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"], page
        scripts = policy["script-src"]
        assert scripts[0] == "'self'" and "'unsafe-inline'" not in scripts, page
        assert "'unsafe-inline'" not in policy["style-src"], page
        # Exactly the hashes of the page's own inline scripts, worked out here again.
        inline = {"'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"
                  for text in INLINE_SCRIPT.findall(html)}
        assert inline, f"{page}: the theme's inline scripts are missing"
        assert set(scripts[1:]) == inline, page


def _search(page, base):
    # Search on a phone (the search index and worker load only now: search-on-demand.js).
    page.goto(base + "/parents/warning-signs/")
    # Zensical's search box drops what is typed before its index has arrived (once, on a
    # busy machine, this search found nothing in 30 s): let the page's requests finish.
    page.wait_for_load_state("networkidle")
    page.locator("label.md-header__button[for=__search]").click()
    page.keyboard.type("sextortion")


def test_no_page_breaks_the_policy_when_it_loads(light_walk):
    """Every page, loaded and used by the walk of tests/page_walk.py."""
    broken = {visit.where: visit.violations for visit in light_walk.visits if visit.violations}
    assert broken == {}


def test_no_policy_violations_while_the_site_is_used(site_url, browser):
    context = watched_context(browser, stand_ins=(NEUTRAL,))
    page = context.new_page()
    _search(page, site_url)
    page.locator(".md-search-result__list > li > a").first.wait_for()
    # The menu drawer on a phone, and a link in it.
    before = site_url + "/parents/warning-signs/"
    page.goto(before)
    page.locator("label.md-header__button[for=__drawer]").click()
    page.locator(".md-nav--primary a.md-nav__link:visible").nth(2).click()
    page.wait_for_load_state()
    assert page.url.startswith(site_url) and page.url != before
    # Abbreviations show a tooltip (the theme positions it with inline style properties).
    page.locator("article abbr").first.hover()
    # Quick exit.
    page.locator(".quick-exit__button").click()
    page.wait_for_url(NEUTRAL)
    assert context.violations == []
    # The watch works, and the policy holds: a script added to a page does not run.
    page.goto(site_url + "/")
    page.evaluate("document.body.append(Object.assign(document.createElement('script'),"
                  " {textContent: 'window.ran = true'}))")
    assert page.evaluate("window.ran") is None
    assert any("script-src" in text for text in context.violations), context.violations
    context.close()


def test_no_policy_violations_with_zensical(zensical_site_url, browser):
    base = zensical_site_url
    context = watched_context(browser)
    # Each page until it has loaded, as the MkDocs walk does. Zensical's pages then fetch
    # and index the whole search index, the same on every page (under a minute of the
    # suite's time in all); that is watched once, in the search below.
    page = context.new_page()
    for url in PAGES:
        page.goto(f"{base}/{url}")
    page.close()
    page = stand_in(context.new_page())  # quick exit's neutral site, in this tab only
    _search(page, base)
    # Zensical's search panel, in a shadow root (Playwright's locators look inside).
    page.locator("ol[role=listbox] > li").first.wait_for()
    page.keyboard.press("Escape")
    page.locator(".quick-exit__button").click()
    page.wait_for_url(NEUTRAL)
    assert context.violations == []
    context.close()


def test_an_inline_script_in_a_page_fails_the_build_naming_the_page(project_copy, tmp_path):
    page = project_copy / "docs" / "about" / "licence.md"
    page.write_text(page.read_text() + '\n<script>alert("pasted")</script>\n\n'
                    '<p><a href="#top" onclick="alert(1)">Top</a></p>\n')
    with pytest.raises(BuildFailed) as failure:
        build("mkdocs", tmp_path / "out", project_dir=project_copy)
    output = failure.value.output
    assert "about/licence/index.html" in output
    assert "an inline <script> that is not one of the theme's ('alert(\"pasted\")')" in output
    assert "an inline event handler (onclick=) on <a>" in output
    assert "about/privacy/index.html" not in output, "only the page at fault is named"


class _Anchors(HTMLParser):
    def __init__(self):
        super().__init__()
        self.anchors = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.anchors.append(dict(attrs))


def test_every_link_to_another_site_has_noopener_and_noreferrer(site_dir):
    checked = 0
    for path in built_pages(site_dir):
        parser = _Anchors()
        parser.feed(path.read_text(encoding="utf-8"))
        for anchor in parser.anchors:
            href = anchor.get("href") or ""
            if urlsplit(href).scheme in ("http", "https"):
                checked += 1
                rel = (anchor.get("rel") or "").split()
                assert "noopener" in rel and "noreferrer" in rel, f"{path}: {href}"
    # The help strip alone links to CEOP on every page.
    assert checked > len(PAGES)


def test_links_to_the_site_itself_are_left_alone():
    html = ('<a href="https://example.org/guide/about/">About</a>\n'
            '<a rel="nofollow" href="https://ceop.example/">CEOP</a>')
    marked = mark_page(html, "example.org")
    assert marked == ('<a href="https://example.org/guide/about/">About</a>\n'
                      '<a rel="nofollow noopener noreferrer" href="https://ceop.example/">CEOP</a>')


def test_no_security_txt_without_a_contact(tmp_path, monkeypatch):
    monkeypatch.delenv("SECURITY_CONTACT", raising=False)
    assert write_security_txt(tmp_path) is None
    assert not (tmp_path / ".well-known").exists()


def test_a_contact_must_be_a_web_email_or_phone_address(tmp_path, monkeypatch):
    monkeypatch.setenv("SECURITY_CONTACT", "security@example.org")
    with pytest.raises(ContentError, match="must each start with https://, mailto:, tel:"):
        write_security_txt(tmp_path)


def test_security_txt_with_a_contact_is_built_and_valid(published_site_dir):
    # The published build has SECURITY_CONTACT set (see conftest.py).
    site = published_site_dir
    text = (site / ".well-known" / "security.txt").read_text()
    fields = dict(line.split(": ", 1) for line in text.splitlines() if not line.startswith("#"))
    assert fields["Contact"] == SECURITY_CONTACT
    assert fields["Canonical"] == PUBLIC_ADDRESS + ".well-known/security.txt"
    expires = dt.datetime.strptime(fields["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)
    now = dt.datetime.now(dt.timezone.utc)
    # RFC 9116: in the future, and less than a year ahead.
    assert now + dt.timedelta(days=90) < expires < now + dt.timedelta(days=365)
    # The policy also fits the 404 page, whose theme script has an absolute path then.
    assert POLICY_META.search((site / "404.html").read_text())
