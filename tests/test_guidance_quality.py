"""The guidance reads at the right level, never gives unsafe advice, and can be found."""

import pytest

from sitebuild.checks.built_pages import pages_with_sources
from sitebuild.checks.never_say import advice_problems, unsafe_advice
from sitebuild.checks.readability import grade, grade_problems
from sitebuild.checks.search_questions import PROMPT
from search_results import COUNT_SEARCHES, answered_results
from site_pages import nav_pages

from sitebuild.build_site import PROJECT_DIR

PAGES = nav_pages()


def test_every_page_reads_at_its_audiences_level(site_dir):
    # The same check as `make check` (grade_problems in sitebuild/checks/readability.py).
    pages = pages_with_sources(site_dir, PROJECT_DIR)
    print("\nFlesch-Kincaid grade per page:\n" + "\n".join(
        f"{grade(page.html):5.1f}  {page.source}" for page in pages))
    too_hard = grade_problems(pages)
    assert not too_hard, "\n".join(too_hard)


@pytest.mark.parametrize("unsafe", [
    "Take a screenshot of the messages as evidence.",
    "Forward the picture to the school so they can see it.",
    "Search for the images so you can report them.",
    "If they ask for money, pay them to make it stop.",
    "Delete the chat and the account straight away.",
    "Confront the adult and tell them to stay away.",
    "Promise to keep it a secret if they tell you.",
    "Wait until you are certain before you call anyone.",
])
def test_the_never_say_check_catches_clear_cases(unsafe):
    assert unsafe_advice(unsafe), unsafe


@pytest.mark.parametrize("safe", [
    "Do not take screenshots, or save or forward any picture.",
    "Never search for the images, even to report them.",
    "Do not pay, and stop all contact.",
    "Keep the messages. Do not delete them.",
])
def test_the_never_say_check_lets_safe_advice_through(safe):
    assert not unsafe_advice(safe), safe


def test_no_page_gives_never_say_advice(site_dir):
    # The same check as `make check` (advice_problems in sitebuild/checks/never_say.py).
    found = advice_problems(pages_with_sources(site_dir, PROJECT_DIR))
    assert not found, "\n".join(found)


@pytest.mark.parametrize("section", ["parents", "schools", "organisations"])
def test_guides_open_with_what_to_do_now(light_walk, section):
    """On a phone, each guide shows its "What to do now" box straight after the title,
    before any other section (seen in the light walk of every page: page_walk.py)."""
    guides = [(url, src) for url, src in PAGES
              if src.startswith(section + "/") and not src.endswith("index.md")]
    assert guides, f"no guide in {section}/: is the test still right?"
    for url, src in guides:
        box = light_walk.visit(url).urgent_box
        assert box and box["shown"], f"{src} has no 'What to do now' box"
        assert box["first"], f"{src}: the urgent box is not before the first section"


@pytest.mark.parametrize("section", ["parents", "schools", "organisations", "report"])
def test_landing_pages_link_every_guide_in_their_section(site_dir, section):
    html = (site_dir / section / "index.html").read_text()
    # The page's own text only: the side menu links every page of the section too, so a
    # landing page that forgot a guide would otherwise still pass.
    text = html[html.index('<article class="md-content__inner'):html.index("</article>")]
    for url, src in PAGES:
        if src.startswith(section + "/") and not src.endswith("index.md"):
            slug = url.removeprefix(section + "/")
            assert f'href="{slug}"' in text, (
                f"{section}/index.md does not link {src} in its text: add a link to it "
                f"(CONTRIBUTING.md, 'Add a new page', step 4)")


@pytest.fixture(scope="module")
def search_on_desktop(browser, site_url):
    """The home page on a desktop with search open, shared by the searches below: the
    index is downloaded and built in a web worker once, not once for each search."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(COUNT_SEARCHES)
    page = context.new_page()
    page.goto(site_url + "/")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    yield page
    context.close()


@pytest.mark.parametrize("typed, expected", [
    ("sextortion", "/parents/sextortion/"),
    ("blackmail", "/parents/sextortion/"),
    ("nudes", "/parents/nude-images/"),
    ("sexting", "/parents/nude-images/"),
    ("grooming signs", "/parents/warning-signs/"),
    ("stranger online", "/parents/warning-signs/"),
])
def test_search_finds_guides_by_the_words_parents_type(search_on_desktop, typed, expected):
    page = search_on_desktop
    box = page.locator("input.md-search__input")
    # Emptied first, and Material's prompt waited for, so that the results read below
    # are not the last search's.
    box.fill("")
    box.press("End")  # Material searches on keyup
    page.locator(".md-search-result__meta").filter(has_text=PROMPT).wait_for()
    # Typed key by key, as a person would: Material searches on each key press.
    box.press_sequentially(typed)
    # Material lists each matching page once, with its best sections under it.
    pages = answered_results(page)
    top = list(dict.fromkeys(pages))[:5]
    assert any(p.endswith(expected) for p in top), f"{typed!r} found {top}"
