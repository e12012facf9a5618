"""Readers' questions (data/search-questions.yml), put into the built site's search in
Chromium as a reader's typing would: does the page that answers each one come first, or
in the first three?

Used by tests/test_search_questions.py (every question must pass) and by
`make content-report` (prints the hit rate). The search is Material's own, run in the
browser, so what is measured is what readers get.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from sitebuild.errors import ContentError
from sitebuild.sources.yaml_list_file import read_list_file

FIELDS = {"ask", "page", "top"}
TOPS = (1, 3)
PROMPT = "Type to start searching"  # Material's text while the search box is empty


@dataclass(frozen=True)
class Question:
    ask: str
    pages: tuple[str, ...]  # paths under docs/; any one of them answers the question
    top: int
    line: int


@dataclass(frozen=True)
class Answer:
    question: Question
    results: tuple[str, ...]  # the first results, as addresses within the site ("parents/")

    @property
    def rank(self) -> int | None:
        """Where the best answering page came (from 1), or None if not in the results."""
        wanted = [address_of(page) for page in self.question.pages]
        ranks = [self.results.index(address) + 1 for address in wanted
                 if address in self.results]
        return min(ranks) if ranks else None

    @property
    def found(self) -> bool:
        return self.rank is not None and self.rank <= self.question.top


def load_questions(path: Path, docs_dir: Path) -> list[Question]:
    """Every question, or ContentError naming the file, the line and what to fix."""
    listed, problems = read_list_file(path, "questions", "the search questions file")
    if listed is None:
        raise ContentError(problems[0])
    questions = []
    for number, entry in enumerate(listed.entries, start=1):
        where = f"{path.as_posix()}:{listed.line(number)}: question {number}"
        if not isinstance(entry, dict):
            problems.append(f"{where} must have 'ask' and 'page'.")
            continue
        unknown = set(entry) - FIELDS
        if unknown:
            problems.append(f"{where} has unknown fields: {', '.join(sorted(unknown))}.")
        ask, pages, top = entry.get("ask"), entry.get("page"), entry.get("top", 3)
        if not isinstance(ask, str) or not ask.strip():
            problems.append(f"{where} has no 'ask': write the question as a reader types it.")
        pages = [pages] if isinstance(pages, str) else pages
        if not pages or not all(isinstance(page, str) for page in pages):
            problems.append(f"{where} has no 'page': name the page that answers it, such as "
                            "parents/sextortion.md.")
            continue
        for page in pages:
            if not (docs_dir / page).is_file():
                problems.append(f"{where}: no page docs/{page}; write a path under docs/.")
        if top not in TOPS:
            problems.append(f"{where}: 'top' must be 1 (first) or 3 (in the first three).")
        questions.append(Question(ask=str(ask), pages=tuple(pages), top=top,
                                  line=listed.line(number)))
    if problems:
        raise ContentError("\n".join(problems))
    return questions


def address_of(page: str) -> str:
    """A page's address within the site: "parents/sextortion.md" is "parents/sextortion/",
    "parents/index.md" is "parents/" and "index.md" is ""."""
    address = page.removesuffix(".md").removesuffix("index")
    return address if not address or address.endswith("/") else address + "/"


def result_address(url: str, site_url: str) -> str:
    """A result's link as an address within the site, without its #section."""
    return urlsplit(url).path.removeprefix(urlsplit(site_url).path).lstrip("/")


def open_search(page, site_url: str) -> None:
    """Open the home page and its search box, and wait until search is ready."""
    page.goto(site_url + "/")
    page.locator("label.md-header__button[for=__search]").click()
    page.locator(".md-search-result__meta").filter(has_text=PROMPT).wait_for()


# One question, in one call to the page (a few calls each took longer than the search):
# empty the box and wait for Material's prompt, so that the results read next are this
# question's, not the last one's; then put the question in the box and wait for its
# results. Material searches on keyup, so each change ends with one, as typing would.
ASK = """async ([question, prompt]) => {
  const box = document.querySelector('input.md-search__input');
  const meta = document.querySelector('.md-search-result__meta');
  const until = (ready, what) => new Promise((done, fail) => {
    if (ready()) return done();
    const observer = new MutationObserver(() => {
      if (ready()) { observer.disconnect(); clearTimeout(timer); done(); }
    });
    // The index loads and builds in a worker: slow on a busy machine.
    const timer = setTimeout(() => { observer.disconnect(); fail(new Error(what)); }, 30000);
    observer.observe(meta, {childList: true, characterData: true, subtree: true});
  });
  const type = text => {
    box.value = text;
    box.dispatchEvent(new KeyboardEvent('keyup', {key: 'End', bubbles: true}));
  };
  type('');
  await until(() => meta.textContent.includes(prompt), 'the emptied search box showed no prompt');
  type(question);
  await until(() => !meta.textContent.includes(prompt), 'no answer in 30 s to: ' + question);
  return [...document.querySelectorAll('.md-search-result__list > li > a')].map(link => link.href);
}"""


def ask(page, site_url: str, question: Question, count: int = 5) -> Answer:
    """Put the question in the open search box; the first `count` pages found.

    Each result is a page (Material groups a page's sections under it)."""
    results = []
    for href in page.evaluate(ASK, [question.ask, PROMPT]):
        address = result_address(href, site_url + "/")
        if address not in results:
            results.append(address)
    return Answer(question=question, results=tuple(results[:count]))


def ask_all(browser, site_url: str, questions: list[Question]) -> list[Answer]:
    """Every question, asked in one browser page on a phone's screen, one after another."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        open_search(page, site_url)
        return [ask(page, site_url, question) for question in questions]
    finally:
        context.close()


def describe(answer: Answer) -> str:
    """One line for a report or a failing test: the question, where its page came, the
    first results."""
    question = answer.question
    where = f"came {answer.rank}" if answer.rank else "not in the first results"
    wanted = " or ".join(f"docs/{page}" for page in question.pages)
    return (f"data/search-questions.yml:{question.line}: \"{question.ask}\": {wanted} "
            f"{where} (wanted in the first {question.top}); first results: "
            f"{', '.join(answer.results) or 'none'}")


def ask_on_site(site_dir: Path, questions: list[Question]) -> list[Answer]:
    """Serve a built site on loopback and ask every question in Debian's Chromium
    (raises chromium.ChromiumMissing if there is none)."""
    from playwright.sync_api import sync_playwright

    from sitebuild.devtools import chromium
    from sitebuild.devtools.local_server import serve

    with serve(site_dir) as site_url, sync_playwright() as playwright:
        browser = chromium.launch(playwright)
        try:
            return ask_all(browser, site_url, questions)
        finally:
            browser.close()
