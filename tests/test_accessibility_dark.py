"""axe-core's colour rules on every page in the dark colour scheme, on a phone and a
desktop screen (Material changes colours only: the light scheme's walk checks the rest).
A file of its own so that the dark walk (tests/page_walk.py) can be made by one test
process while the other makes the light one."""

from __future__ import annotations

import pytest

from a11y_exclusions import not_excluded
from page_walk import SCREENS


@pytest.mark.parametrize("screen", SCREENS)
def test_axe_finds_no_colour_problem_on_any_page_dark(dark_walk, screen):
    assert dark_walk.not_in_its_scheme() == [], "the dark scheme was not applied"
    problems = not_excluded(dark_walk.axe_found(screen))
    assert not problems, f"{len(problems)} axe violations:\n" + "\n".join(problems)
