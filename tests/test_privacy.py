"""No page asks any other website for anything, and the site sets no cookies."""

from urllib.parse import urlsplit

import pytest

from sitebuild.build_site import BuildFailed, build
from site_pages import html_file_for, nav_page_urls


def test_no_page_requests_another_origin(light_walk):
    """Every page, loaded and used by the walk of tests/page_walk.py."""
    ours = urlsplit(light_walk.site_url).netloc
    assert any(url.endswith(".css") for url in light_walk.requests), "the browser recorded no page's files"
    for visit in light_walk.visits:
        elsewhere = [url for url in visit.requests if urlsplit(url).scheme not in ("data", "blob")
                     and urlsplit(url).netloc != ours]
        assert elsewhere == [], f"{visit.where} asked another website for {elsewhere}"
    assert light_walk.cookies == []


def test_pages_name_no_google_fonts_or_cdn(site_dir):
    for url in nav_page_urls():
        html = (site_dir / html_file_for(url)).read_text()
        for host in ("fonts.googleapis.com", "fonts.gstatic.com", "cdn.jsdelivr.net", "unpkg.com"):
            assert host not in html, f"{url} names {host}"


def test_an_external_asset_fails_the_strict_build(project_copy, tmp_path):
    page = project_copy / "docs" / "about" / "privacy.md"
    page.write_text(page.read_text() + '\n<img src="https://example.com/tracker.png" alt="">\n')
    with pytest.raises(BuildFailed) as failure:
        build("mkdocs", tmp_path / "out", project_dir=project_copy)
    assert "External file: https://example.com/tracker.png" in failure.value.output
