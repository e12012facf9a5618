"""Every link in the built site works, offline: what MkDocs' own validation cannot see.

The broken-link tests put a bad link straight into a copy of the built HTML, where
MkDocs cannot see it (like a link in raw HTML or in a template), and check that the
link check names the page and the link.
"""

from __future__ import annotations

import shutil

import pytest

from sitebuild.checks.link_check import check_site_links, main

PAGE = "parents/index.html"  # the Parents and carers section page


@pytest.fixture(scope="module")
def known_problems(site_dir) -> list[str]:
    return check_site_links(site_dir)


def new_problems(site, known: list[str]) -> list[str]:
    """Problems in a changed copy of the site, apart from any the built site has (those
    fail test_every_link_in_the_built_site_works, once)."""
    return [problem for problem in check_site_links(site) if problem not in known]


@pytest.fixture
def site_copy(site_dir, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    return copy


def add_to_page(site, page: str, html: str) -> None:
    """Put some HTML at the start of the page's main content."""
    path = site / page
    text = path.read_text(encoding="utf-8")
    marker = '<article class="md-content__inner md-typeset">'
    assert marker in text, f"{page} has no main content to add to"
    path.write_text(text.replace(marker, marker + f"<p>{html}</p>", 1), encoding="utf-8")


def test_every_link_in_the_built_site_works(known_problems):
    assert known_problems == [], "\n".join(known_problems)


@pytest.mark.parametrize("link, html", [
    ("warning-signs-page/", '<a href="warning-signs-page/">a page that does not exist</a>'),
    ("warning-signs/#no-such-heading", '<a href="warning-signs/#no-such-heading">a missing anchor</a>'),
    ("#not-on-this-page", '<a href="#not-on-this-page">a missing anchor on the same page</a>'),
    ("../assets/images/missing.png", '<img src="../assets/images/missing.png" alt="">'),
    ("/report/no-such-route/", '<a href="/report/no-such-route/">a missing page, from the root</a>'),
])
def test_a_broken_internal_link_names_the_page_and_the_link(site_copy, known_problems, link, html):
    add_to_page(site_copy, PAGE, html)
    problems = new_problems(site_copy, known_problems)
    assert len(problems) == 1, "\n".join(problems)
    assert problems[0].startswith(f"{PAGE} line ") and repr(link) in problems[0], problems[0]


def test_links_that_work_are_not_reported(site_copy, known_problems):
    add_to_page(site_copy, PAGE,
                '<a href="warning-signs/#who-can-help">an anchor on another page</a> '
                '<a href="/report/">a page, from the root</a> '
                '<a href="../contacts.json">the open data</a> '
                '<a href="tel:999">999</a> <a href="tel:+448088005000">0808 800 5000</a> '
                '<a href="tel:18001101">Relay UK, 18001 101</a> '
                '<a href="tel:18001+448088005000">Relay UK, 18001 0808 800 5000</a> '
                '<a href="mailto:help@nspcc.org.uk?subject=A%20worry">email</a> '
                '<a href="https://www.nspcc.org.uk/">NSPCC</a>')
    assert new_problems(site_copy, known_problems) == []


@pytest.mark.parametrize("link, why", [
    ("tel:0808 800 5000", "must dial a UK number in E.164 form"),  # spaces, not E.164
    ("tel:08088005000", "must dial a UK number in E.164 form"),  # national form, not E.164
    ("tel:+12125550123", "must dial a UK number in E.164 form"),  # not a UK number
    ("tel:+4480880050", "must dial a UK number in E.164 form"),  # too short
    ("tel:18001", "must dial a UK number in E.164 form"),  # Relay UK prefix alone
    ("mailto:help@nspcc", "is not a well-formed email address"),
    ("mailto:", "is not a well-formed email address"),
    ("http://www.nspcc.org.uk/", "links to another site without https://"),
    ("//www.nspcc.org.uk/", "links to another site without https://"),
])
def test_a_bad_phone_email_or_insecure_link_names_the_page_and_the_link(
        site_copy, known_problems, link, why):
    add_to_page(site_copy, PAGE, f'<a href="{link}">a link</a>')
    found = new_problems(site_copy, known_problems)
    assert any(p.startswith(f"{PAGE} line ") and repr(link) in p and why in p for p in found), \
        "\n".join(found)


def test_the_command_fails_and_lists_the_problem(site_copy, capsys):
    add_to_page(site_copy, PAGE, '<a href="no-such-page/">a page that does not exist</a>')
    assert main(["--site-dir", str(site_copy)]) == 1
    assert f"{PAGE} line" in capsys.readouterr().err
