""""Report a problem with this page": every page links to the repository's public issue
form, prefilled with the page's address and title and nothing else, beside a line that
keeps worries about a child off GitHub. Left out without a repository address, and on
paper."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from conftest import REPOSITORY
from sitebuild.build_site import PROJECT_DIR, BuildFailed, build
from sitebuild.sources.contacts_data import load_contacts
from sitebuild.extensions.contacts_render import first_phone
from sitebuild.sources.front_matter import read_page
from sitebuild.sources.site_files import built_pages
from site_pages import html_file_for, nav_pages

FORM = PROJECT_DIR / ".github" / "ISSUE_TEMPLATE" / "report-an-error.yml"
LINK_TEXT = "Report a problem with this page"
BLOCK = re.compile(r'<div class="page-report[^"]*">(.*?)</div>', re.S)
LINK = re.compile(rf'<a href="([^"]*)"[^>]*>{LINK_TEXT}</a>')
WARNING = "do not include anything about a child, a family or yourself"
CONTACTS = load_contacts(PROJECT_DIR / "data" / "contacts.yml")


def tel(service_id: str) -> str:
    return f'href="tel:{first_phone(CONTACTS[service_id], "voice")["e164"]}"'


def report_block(site, url) -> str | None:
    blocks = BLOCK.findall((site / html_file_for(url)).read_text(encoding="utf-8"))
    assert len(blocks) <= 1, f"{url}: {len(blocks)} report blocks"
    return blocks[0] if blocks else None


def test_every_page_links_to_the_issue_form_with_its_address_and_title_only(site_dir):
    form_fields = {item.get("id") for item in yaml.safe_load(FORM.read_text())["body"]}
    assert "page" in form_fields, "report-an-error.yml has no field with the id 'page'"
    for url, source in nav_pages():
        block = report_block(site_dir, url)
        assert block, f"docs/{source}: no '{LINK_TEXT}' link at the end of the page"
        links = LINK.findall(block)
        assert len(links) == 1, f"docs/{source}: {len(links)} report links"
        href = html.unescape(links[0])
        assert " " not in href and '"' not in href, f"docs/{source}: not encoded: {href}"
        address = urlsplit(href)
        assert f"{address.scheme}://{address.netloc}{address.path}" == f"{REPOSITORY}/issues/new"
        assert not address.fragment, href
        query = parse_qs(address.query, keep_blank_values=True)
        # The page's address and title, the form to use, and nothing else.
        assert set(query) == {"template", "title", "page"}, f"docs/{source}: {sorted(query)}"
        assert all(len(values) == 1 for values in query.values()), href
        title = read_page(PROJECT_DIR / "docs" / source)[0]["title"]
        assert query["template"] == [FORM.name]
        assert query["title"] == [f"Error: {title}"], f"docs/{source}: {query['title']}"
        assert query["page"] == ["/" + url], f"docs/{source}: {query['page']}"


def test_beside_the_link_a_warning_that_the_form_is_public(site_dir):
    for url, source in nav_pages():
        block = report_block(site_dir, url)
        text = " ".join(re.sub(r"<[^>]+>", " ", block).split())
        assert WARNING in text, f"docs/{source}: the warning line is missing"
        assert "NSPCC Helpline" in text, f"docs/{source}: the warning does not name the NSPCC"
        # The numbers come from the contacts data, as links that dial them.
        assert tel("nspcc-helpline") in block and tel("police-999") in block, \
            f"docs/{source}: the warning's numbers are not those in data/contacts.yml"


def test_the_link_sits_in_the_about_this_page_box(site_dir):
    page = (site_dir / "parents" / "sextortion" / "index.html").read_text(encoding="utf-8")
    review = page[page.index('<aside class="page-review"'):]
    review = review[:review.index("</aside>")]
    assert LINK_TEXT in review and WARNING in review


def test_left_out_without_a_repository_address(zensical_site_dir):
    # The shared Zensical build has no REPOSITORY_URL (and shows the template works there).
    pages = built_pages(zensical_site_dir)
    assert pages
    for path in pages:
        text = path.read_text(encoding="utf-8")
        # No link, and no line about it (pages may still mention the link in their text).
        assert 'class="page-report' not in text and not LINK.search(text), path
        assert "/issues/new" not in text and WARNING not in text, path
    # The rest of the review box is still there.
    assert "About this page" in (zensical_site_dir / "parents" / "sextortion" / "index.html").read_text()


def test_no_material_repo_url_which_calls_the_github_api(site_dir):
    config = yaml.load((PROJECT_DIR / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    assert "repo_url" not in config and "repo_name" not in config
    assert 'class="md-source"' not in (site_dir / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("address", ["http://github.com/example/site", "https://github.com/example/",
                                     "https://github.com/example/site?x=1", "github.com/example"])
def test_a_wrong_repository_address_stops_the_build(address, tmp_path):
    # Refused before anything is built.
    with pytest.raises(BuildFailed) as failure:
        build("mkdocs", tmp_path / "out", repository_url=address)
    assert "REPOSITORY_URL" in failure.value.output and "https://github.com/OWNER/NAME" in \
        failure.value.output
    assert not (tmp_path / "out").exists()


def _text(pdf) -> str:
    return " ".join(" ".join(p.extract_text() for p in pdf.pages).split())


def test_shown_on_screen_but_not_on_paper(browser, printer, site_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}/parents/sextortion/")
    link = page.get_by_role("link", name=LINK_TEXT)
    assert link.is_visible()
    page.emulate_media(media="print")
    assert not link.is_visible()
    context.close()
    # An ordinary page prints its review box without the link or its line...
    text = _text(printer(f"{site_url}/parents/sextortion/"))
    assert "About this page" in text and "Last reviewed" in text
    assert "Report a problem" not in text and "anyone can read it" not in text
    # ...and a printable sheet without either.
    text = _text(printer(f"{site_url}/sheets/who-to-contact/"))
    assert "Last reviewed" in text
    assert "Report a problem" not in text and "anyone can read it" not in text
