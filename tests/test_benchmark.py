"""`make bench` reads its Lighthouse scores against the project's budget: 100 in
accessibility, best practices and SEO. Performance is reported, not budgeted (it is
simulated from timings on a shared machine and moves between runs: README, "Performance")."""

from sitebuild.devtools.benchmark import score_lines

WEAK = ["performance: Reduce unused JavaScript", "seo: Document does not have a meta description"]


def scores(**low) -> dict:
    return {"performance": 100, "accessibility": 100, "best-practices": 100, "seo": 100,
            "weak": WEAK, **{name.replace("_", "-"): score for name, score in low.items()}}


def test_full_marks_print_nothing():
    assert score_lines("Home", scores()) == (False, [])


def test_performance_under_100_is_a_note_not_a_missed_target():
    missed, lines = score_lines("Home", scores(performance=97))
    assert not missed
    assert lines == ["  note    Home: below 100 in performance (not a budget); points lost to:",
                     "            performance: Reduce unused JavaScript"]


def test_a_budgeted_score_under_100_is_missed_with_what_cost_its_points():
    missed, lines = score_lines("Home", scores(seo=90, performance=97))
    assert missed
    assert lines == ["  MISSED  Home: below 100 in seo; points lost to:",
                     "            seo: Document does not have a meta description",
                     "  note    Home: below 100 in performance (not a budget); points lost to:",
                     "            performance: Reduce unused JavaScript"]
