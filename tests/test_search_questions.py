"""Search answers readers' questions: each question in data/search-questions.yml, typed
into the built site's search in Chromium, finds the page that answers it first or in the
first three; the glossary never comes before the guidance. A bad question fails with
the file, the line and what to fix; `make content-report` prints the hit rate."""

from __future__ import annotations

import pytest

from sitebuild.build_site import PROJECT_DIR
from sitebuild.checks.content_report import search_lines
from sitebuild.checks.search_questions import Answer, Question, ask_all, describe, load_questions
from sitebuild.errors import ContentError

QUESTIONS_FILE = PROJECT_DIR / "data" / "search-questions.yml"
DOCS = PROJECT_DIR / "docs"
GLOSSARY = "about/glossary/"


@pytest.fixture(scope="module")
def answers(browser, site_url) -> list[Answer]:
    return ask_all(browser, site_url, load_questions(QUESTIONS_FILE, DOCS))


def test_there_are_at_least_40_questions_for_every_audience():
    questions = load_questions(QUESTIONS_FILE, DOCS)
    assert len(questions) >= 40
    sections = {page.split("/")[0] for question in questions for page in question.pages}
    assert {"parents", "schools", "organisations", "report"} <= sections


def test_every_question_finds_the_page_that_answers_it(answers):
    missed = [describe(answer) for answer in answers if not answer.found]
    assert not missed, "\n".join(missed)


def test_the_glossary_never_comes_first(answers):
    first_glossary = [describe(answer) for answer in answers if answer.results[:1] == (GLOSSARY,)]
    assert not first_glossary, "\n".join(first_glossary)


def test_a_question_whose_page_is_lower_is_reported_as_missed():
    question = Question(ask="age of consent", pages=("parents/what-the-law-says.md",), top=1,
                        line=7)
    answer = Answer(question, ("about/glossary/", "parents/what-the-law-says/"))
    assert answer.rank == 2 and not answer.found
    assert describe(answer).startswith('data/search-questions.yml:7: "age of consent": '
                                       "docs/parents/what-the-law-says.md came 2 (wanted in the "
                                       "first 1)")
    assert search_lines([answer])[1:] == [
        "Search questions (data/search-questions.yml): 0 of 1 find their page (0%).",
        f"  MISSED  {describe(answer)}"]


@pytest.mark.parametrize("entry, message", [
    ("  - ask: how do I report\n    page: parents/no-such-page.md\n",
     "question 1: no page docs/parents/no-such-page.md; write a path under docs/."),
    ("  - ask: how do I report\n", "question 1 has no 'page'"),
    ("  - page: report/index.md\n", "question 1 has no 'ask'"),
    ("  - ask: how do I report\n    page: report/index.md\n    top: 2\n",
     "question 1: 'top' must be 1 (first) or 3 (in the first three)."),
])
def test_a_bad_question_names_the_file_line_and_fix(tmp_path, entry, message):
    questions = tmp_path / "search-questions.yml"
    questions.write_text("# Questions\n\nquestions:\n" + entry)
    with pytest.raises(ContentError) as error:
        load_questions(questions, DOCS)
    assert f"{questions.as_posix()}:4: {message}" in str(error.value)
