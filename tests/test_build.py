"""The strict build works, with both builders, and nothing in the navigation is missing."""

from sitebuild.build_site import PROJECT_DIR
from sitebuild.sources.dates import long_date
from sitebuild.sources.front_matter import read_page
from site_pages import built_page_names, html_file_for, nav_page_urls


def test_every_nav_page_is_built(site_dir):
    missing = [url for url in nav_page_urls() if not (site_dir / html_file_for(url)).is_file()]
    assert not missing, f"pages in the nav but not in site/: {missing}"


def test_nav_has_a_landing_page_for_each_audience():
    urls = nav_page_urls()
    for section in ("parents/", "schools/", "organisations/", "report/", "sheets/", "forms/", "about/"):
        assert section in urls, f"no landing page {section} in the nav"


def test_custom_404_page_shows_urgent_help(site_dir):
    html = (site_dir / "404.html").read_text()
    assert "Page not found" in html
    assert 'href="tel:999"' in html


def test_zensical_builds_the_same_pages(site_dir, zensical_site_dir):
    mkdocs_pages = built_page_names(site_dir)
    zensical_pages = built_page_names(zensical_site_dir)
    assert mkdocs_pages - zensical_pages == set(), "pages that Zensical did not build"
    assert zensical_pages - mkdocs_pages == set(), "pages that only Zensical built"


def test_zensical_shows_review_dates_like_mkdocs(site_dir, zensical_site_dir):
    reviewed = long_date(read_page(PROJECT_DIR / "docs" / "about" / "privacy.md")[0]["last_reviewed"])
    for built in (site_dir, zensical_site_dir):
        html = (built / "about" / "privacy" / "index.html").read_text()
        assert "Last reviewed" in html and reviewed in html, built


def test_zensical_renders_contacts_from_the_data(zensical_site_dir):
    html = (zensical_site_dir / "report" / "nspcc-helpline" / "index.html").read_text()
    assert 'class="help-strip"' in html
    assert 'href="tel:+448088005000"' in html
    assert 'class="contact-card' in html
    assert (zensical_site_dir / "contacts.json").is_file()


def test_own_scripts_and_style_sheets_ship_without_their_comments(site_dir, zensical_site_dir):
    """The sources explain every step in comments; a phone should not download them
    (every page's first load must stay within 80 KiB)."""
    sources = PROJECT_DIR / "overrides" / "assets"
    own = [*sources.glob("javascripts/*.js"), *sources.glob("stylesheets/*.css")]
    assert len(own) >= 5
    for built in (site_dir, zensical_site_dir):
        for source in own:
            shipped = (built / "assets" / source.relative_to(sources)).read_text("utf-8")
            assert "/*" not in shipped and "\n//" not in shipped, f"{built.name}: {source.name} keeps its comments"
            assert len(shipped) < 0.8 * len(source.read_text("utf-8")), f"{built.name}: {source.name} not minified"
