"""A service's opening hours and age limits come only from data/contacts.yml: prose that
types them by hand stops the build, suggesting [[hours:ID]] or [[ages:ID]] (issue 14,
item 2)."""

import pytest

from sitebuild.build_site import PROJECT_DIR, BuildFailed, build
from sitebuild.sources.contacts_data import load_contacts
from sitebuild.extensions.service_facts import _Service, check_docs_facts, check_page_facts, hours_patterns

CONTACTS = load_contacts(PROJECT_DIR / "data" / "contacts.yml")
SERVICES = [s for s in (_Service(i, d) for i, d in CONTACTS.services.items()) if s.facts]


def problems(text):
    return check_page_facts(text, 1, "page.md", SERVICES)


@pytest.mark.parametrize("text, placeholder", [
    ("Childline is open 24 hours a day.", "[[hours:childline]]"),
    ("You can call Childline any time, day or night.", "[[hours:childline]]"),
    ("Childline is there 24/7 for young people.", "[[hours:childline]]"),
    ("Childline is for under-19s.", "[[ages:childline]]"),
    ("Childline helps anyone under 19.", "[[ages:childline]]"),
    ("Childline helps young people aged 18 or under.", "[[ages:childline]]"),
    ("Report Remove is for young people under 18.", "[[ages:report-remove]]"),
    ("Report Harmful Content is for anyone aged 13 or over.", "[[ages:report-harmful-content]]"),
    ("Call the NSPCC, 8am to 10pm on weekdays.", "[[hours:nspcc-helpline]]"),
    ("The NSPCC Helpline is open 8am-10pm.", "[[hours:nspcc-helpline]]"),
    # No name, but next to the service's placeholder.
    ("Call [[phone:nspcc-helpline]]. The line is open 9am to 6pm at weekends.",
     "[[hours:nspcc-helpline]]"),
    # "It", straight after a sentence naming the service.
    ("Report Harmful Content is run by SWGfL. It is for anyone aged 13 or over.",
     "[[ages:report-harmful-content]]"),
])
def test_hours_and_ages_typed_by_hand_are_flagged(text, placeholder):
    found = problems(text)
    assert len(found) == 1 and f"write {placeholder} instead" in found[0], found


@pytest.mark.parametrize("text", [
    "The employer must tell the LADO within 24 hours.",  # a deadline, and no hours in the data
    "Tell the police within 24 hours.",
    "Sharing a nude image of anyone under 18 is a crime.",  # the law, not a service
    "It is open 24 hours a day.",  # names no service
    "Childline is open [[hours:childline]] for anyone [[ages:childline]].",
    "Children and young people [[ages:childline]] can talk to Childline, [[hours:childline]].",
    "Childline can help.\n\nThe school day runs 8am to 10pm on trips.",  # another paragraph
    "`Childline, 24 hours a day` is how not to write it.",  # code
])
def test_other_sentences_are_not_flagged(text):
    assert problems(text) == []


def test_phrases_come_from_the_data():
    service = {"hours": "Monday to Friday, 9.30am to 5pm", "ages": None}
    fact = _Service("example", dict(service, name="Example Line", hours_short=None))
    for text in ("Example Line is open 9.30am to 5pm.", "Example Line: 9:30am-5pm",
                 "Example Line is open Monday to Friday."):
        assert check_page_facts(text, 1, "page.md", [fact]), text
    assert hours_patterns({"hours": None, "hours_short": None}) == []


def test_no_page_types_a_service_fact_by_hand():
    assert check_docs_facts(PROJECT_DIR / "docs", CONTACTS) == []


def test_typed_hours_fail_the_build_naming_the_file_line_and_placeholder(project_copy):
    page = project_copy / "docs" / "about" / "licence.md"
    page.write_text(page.read_text() + "\nChildline is open 24 hours a day, for anyone under 19.\n")
    line = len(page.read_text().splitlines())
    with pytest.raises(BuildFailed) as failure:
        build("mkdocs", project_copy / "out", project_dir=project_copy)
    output = failure.value.output
    assert (f"docs/about/licence.md:{line}: '24 hours a day' states Childline's opening hours by "
            f"hand; write [[hours:childline]] instead") in output, output
    assert (f"docs/about/licence.md:{line}: 'under 19' states Childline's age limit by hand; "
            f"write [[ages:childline]] instead") in output, output


def test_the_phrases_follow_the_data(project_copy):
    """Change a service's hours in the data, and the old wording in a page is fine while the
    new one is flagged: the check reads the data, not a list of phrases."""
    data = project_copy / "data" / "contacts.yml"
    text = data.read_text()
    old = "    hours: Monday to Friday, 10am to 4pm, except bank holidays\n"
    assert old in text
    data.write_text(text.replace(old, "    hours: Monday to Friday, 11am to 3pm\n", 1))
    contacts = load_contacts(data)
    services = [s for s in (_Service(i, d) for i, d in contacts.services.items()) if s.facts]
    assert check_page_facts("The Revenge Porn Helpline is open 11am to 3pm.", 1, "p.md", services)
    assert not check_page_facts("The Revenge Porn Helpline is open 10am to 4pm.", 1, "p.md",
                                services)
