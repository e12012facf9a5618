"""Every contact on the site comes from data/contacts.yml, and mistakes in it stop the build."""

import json
import re
from html.parser import HTMLParser

import phonenumbers
import pytest
import yaml
from phonenumbers import shortnumberinfo

from sitebuild.build_site import PROJECT_DIR, BuildFailed, build
from sitebuild.sources.contacts_data import check_contacts
from sitebuild.sources.site_files import built_pages

DATA = yaml.safe_load((PROJECT_DIR / "data" / "contacts.yml").read_text())
SERVICES = {s["id"]: s for s in DATA["services"]}
NUMBERS = {n["e164"]: n["display"] for s in DATA["services"] for n in s["phones"] + s["texts"]}
EMAILS = {s["email"] for s in DATA["services"] if s["email"]}


def build_fails(project, message, *names):
    with pytest.raises(BuildFailed) as failure:
        build("mkdocs", project / "out", project_dir=project)
    output = failure.value.output
    assert message in output, output
    assert output.startswith("The site was not built.") and "Traceback" not in output, output
    for name in names:
        assert name in output, output
    return output


def edit(path, old, new):
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


# --- Bad input from a content author -------------------------------------------------

def test_unknown_contact_id_names_the_page_and_line(project_copy):
    page = project_copy / "docs" / "about" / "licence.md"
    page.write_text(page.read_text() + "\nCall [[phone:nspcc-helpine]].\n")
    line = len(page.read_text().splitlines())
    build_fails(project_copy, "unknown contact id 'nspcc-helpine'", f"docs/about/licence.md:{line}")


def test_unknown_card_id_fails(project_copy):
    page = project_copy / "docs" / "about" / "licence.md"
    page.write_text(page.read_text() + "\n/// contact | childlines\n///\n")
    build_fails(project_copy, "contact card for unknown id 'childlines'", "docs/about/licence.md:")


def test_asking_for_a_detail_the_service_lacks_fails(project_copy):
    page = project_copy / "docs" / "about" / "licence.md"
    page.write_text(page.read_text() + "\nCall [[phone:ceop-safety-centre]].\n")
    build_fails(project_copy, "CEOP Safety Centre has no phone number", "docs/about/licence.md:")


@pytest.mark.parametrize("typed, message", [
    ("Call 0808 800 5000 for advice.", "the number 0808 800 5000 is typed by hand; write [[phone:nspcc-helpline]]"),
    ("Call 999.", "the number 999 is typed by hand; write [[phone:police-999]]"),
    ("Ring 020 7946 0000.", "the phone number 020 7946 0000 is typed by hand"),
    ("Email help@nspcc.org.uk.", "the email address help@nspcc.org.uk is typed by hand"),
    ("See [Childline](https://www.childline.org.uk/).", "the address childline.org.uk is typed by hand; write [[web:childline]]"),
])
def test_contact_details_typed_by_hand_fail(project_copy, typed, message):
    page = project_copy / "docs" / "about" / "licence.md"
    page.write_text(page.read_text() + f"\n{typed}\n")
    line = len(page.read_text().splitlines())
    build_fails(project_copy, message, f"docs/about/licence.md:{line}")


@pytest.mark.parametrize("old, new, message", [
    ("display: 0808 800 5000", "display: 0808 800 500", "'0808 800 500' is not a valid UK phone number"),
    ('e164: "+448088005000"', 'e164: "+448088005001"', "make them agree"),
    ("web: https://www.childline.org.uk/", "web: http://www.childline.org.uk/", "'web' must be a web address starting with https://"),
    ("email: help@nspcc.org.uk", "email: help-at-nspcc.org.uk", "is not a well-formed address"),
    ("    source: https://www.samaritans.org/\n", "", "field 'source' is missing"),
    ("    checked: 2026-11-29\n\n  - id: police-101", "\n  - id: police-101", "field 'checked' is missing"),
])
def test_bad_contacts_data_fails_naming_the_file_and_entry(project_copy, old, new, message):
    edit(project_copy / "data" / "contacts.yml", old, new)
    output = build_fails(project_copy, message)
    assert re.search(r"data/contacts\.yml:\d+ \([a-z0-9-]+\)", output), output


def test_a_list_item_read_as_a_field_is_named(tmp_path):
    # "- Receiving images: never send..." is read by YAML as a field, not a sentence.
    data = yaml.safe_load((PROJECT_DIR / "data" / "contacts.yml").read_text())
    data["services"][0]["not_for"] = [{"Receiving images": "never send an image"}]
    contacts = tmp_path / "contacts.yml"
    contacts.write_text(yaml.safe_dump(data))
    problems = check_contacts(contacts)
    assert any("field 'not_for' has an item that is not a sentence" in p and "quotes" in p
               for p in problems), problems


# --- What the built site shows -------------------------------------------------------

class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and dict(attrs).get("href"):
            self.hrefs.append(dict(attrs)["href"])


def test_every_phone_link_dials_a_number_from_the_data(site_dir):
    seen = set()
    for page in built_pages(site_dir):
        parser = _Links()
        parser.feed(page.read_text())
        for href in parser.hrefs:
            if href.startswith("tel:"):
                assert href[4:] in NUMBERS, f"{page}: {href} is not in data/contacts.yml"
                seen.add(href[4:])
            if href.startswith("mailto:"):
                assert href[7:] in EMAILS, f"{page}: {href} is not in data/contacts.yml"
    assert {"999", "+448088005000", "+448001111"} <= seen


def test_every_phone_number_shown_is_from_the_data(site_dir):
    for page in built_pages(site_dir):
        text = re.sub(r"<[^>]+>", " ", page.read_text())
        for match in phonenumbers.PhoneNumberMatcher(text, "GB"):
            assert phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164) \
                in NUMBERS, f"{page}: {match.raw_string} is not in data/contacts.yml"


def test_data_numbers_are_valid_uk_numbers():
    for e164 in NUMBERS:
        dialled = e164.removeprefix("18001")
        parsed = phonenumbers.parse(dialled, "GB")
        assert phonenumbers.is_valid_number(parsed) or shortnumberinfo.is_valid_short_number(parsed), e164


def test_unconfirmed_details_are_not_published(site_dir):
    everything = "".join(p.read_text() for p in built_pages(site_dir)) + (site_dir / "contacts.json").read_text()
    assert "88858" not in everything, "the NSPCC text line is marked discontinued in facts.md"
    assert "help@stopitnow.org.uk" not in everything, "Stop It Now's old email is unconfirmed"
    assert "9am to 9pm" not in everything and "9am–9pm" not in everything, "Stop It Now hours are unconfirmed"
    assert SERVICES["nspcc-whistleblowing"]["email"] is None
    assert SERVICES["nspcc-whistleblowing"]["hours"] is None


def test_open_data_matches_the_data_file(site_dir):
    published = json.loads((site_dir / "contacts.json").read_text())
    assert published["licence"] == "CC BY 4.0"
    assert [s["id"] for s in published["services"]] == list(SERVICES)
    nspcc = next(s for s in published["services"] if s["id"] == "nspcc-helpline")
    assert nspcc["phones"][0]["e164"] == "+448088005000"
    assert nspcc["checked"] == "2026-11-29"


def test_contact_card_says_who_it_is_for_when_open_and_what_happens(page, site_url):
    page.goto(site_url + "/report/nspcc-helpline/")
    card = page.locator(".contact-card").first
    text = card.inner_text()
    for label in ("For", "Open", "What happens next", "Can you stay anonymous?"):
        assert label in text
    assert card.locator('a[href="tel:+448088005000"]').inner_text() == "0808 800 5000"


# --- The "Get help now" strip -------------------------------------------------------

def test_help_strip_on_every_page_fits_a_small_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    for path in ("/", "/parents/", "/about/privacy/", "/report/who-should-i-contact/", "/404.html"):
        page.goto(site_url + path)
        strip = page.locator(".help-strip")
        assert strip.is_visible(), path
        assert strip.locator('a[href="tel:999"]').is_visible(), path
        assert strip.locator('a[href="tel:+448088005000"]').is_visible(), path
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, f"{path} scrolls sideways"
    context.close()


def test_cards_for_services_whose_ids_contain_numbers_are_allowed(project_copy):
    page = project_copy / "docs" / "about" / "licence.md"
    page.write_text(page.read_text() + "\n/// contact | police-999\n///\n\n/// contact | police-101\n///\n")
    build("mkdocs", project_copy / "out", project_dir=project_copy)
    html = (project_copy / "out" / "about" / "licence" / "index.html").read_text()
    assert 'href="tel:999"' in html and 'href="tel:18001101"' in html
