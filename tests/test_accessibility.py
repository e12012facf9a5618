"""Accessibility (WCAG 2.2 AA) of the built site, in real Chromium.

- axe-core (pinned in package.json) finds nothing on any page, in the light colour
  scheme (the dark one: test_accessibility_dark.py), on a phone and a desktop screen,
  and with the search dialog open in both schemes.
- Keyboard: test_keyboard.py.
- Text at 200% (browser zoom) and reflow at 320 CSS pixels: nothing scrolls sideways and
  no text is cut off.
- Reduced motion: nothing slides or fades when the reader has asked for less motion.

What is checked on every page is gathered by the walks of tests/page_walk.py (each page
loaded once per colour scheme); the tests here judge it.
Exclusions, if ever needed, live in tests/a11y_exclusions.py with their reasons.
"""

from __future__ import annotations

import pytest

from a11y_exclusions import AXE_EXCLUSIONS, not_excluded
from conftest import PHONE
from page_walk import LAYOUTS, SCREENS, axe, axe_source, settle

CONTACT_GUIDE = "report/who-should-i-contact/"


def _context(browser, **options):
    # bypass_csp: the site's Content-Security-Policy rightly refuses injected scripts such
    # as axe-core; the tests turn it off for themselves only.
    return browser.new_context(bypass_csp=True, **options)


@pytest.mark.parametrize("screen", SCREENS)
def test_axe_finds_no_wcag_problem_on_any_page_light(light_walk, screen):
    """(The dark scheme: tests/test_accessibility_dark.py.)"""
    assert light_walk.not_in_its_scheme() == [], "the light scheme was not applied"
    # The quick exit control is part of every page, so axe checks it everywhere.
    missing = [visit.where for visit in light_walk.visits
               if not (visit.quick_exit and visit.quick_exit["link_shown"])]
    assert not missing, f"no quick exit control on {missing}"
    problems = not_excluded(light_walk.axe_found(screen))
    assert not problems, f"{len(problems)} axe violations:\n" + "\n".join(problems)


def _open_search(page, query: str) -> None:
    """Open the search dialog from the keyboard, as its shortcut "/" does, and search."""
    page.keyboard.press("/")
    page.keyboard.type(query)
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    settle(page)


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("scheme", ("light", "dark"))
def test_axe_finds_no_wcag_problem_with_search_open(site_url, browser, scheme, screen):
    context = _context(browser, color_scheme=scheme, viewport=SCREENS[screen])
    context.add_init_script(path=axe_source())
    page = context.new_page()
    page.goto(site_url + "/parents/")
    _open_search(page, "nudes")
    # Material's dialog has no name; the override in partials/search.html gives it one.
    assert page.get_by_role("dialog", name="Search").locator(".md-search__input").is_visible()
    found = [(f"/parents/ with search open ({scheme}, {screen})", item) for item in axe(page)]
    context.close()
    problems = not_excluded(found)
    assert not problems, "\n".join(problems)


def _exclusions_still_match(walks) -> None:
    everything = [item for walk in walks for screen in SCREENS for _, item in walk.axe_found(screen)]
    for exclusion in AXE_EXCLUSIONS:
        assert len(exclusion.reason.split()) >= 5, f"{exclusion}: give a real reason"
        assert any(exclusion.matches(item["rule"], item["target"]) for item in everything), \
            f"{exclusion} matches nothing any more: remove it from tests/a11y_exclusions.py"


def test_every_axe_exclusion_still_matches_something(light_walk, request):
    """An exclusion for a problem that has been fixed must go, so the list stays honest.
    (The dark walk is asked for only when there are exclusions: it runs elsewhere.)"""
    walks = [light_walk, request.getfixturevalue("dark_walk")] if AXE_EXCLUSIONS else [light_walk]
    _exclusions_still_match(walks)


# ---------------------------------------------------------------------------------------
# Text size, reflow and motion
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("layout", LAYOUTS)
def test_text_at_200_percent_and_reflow_lose_nothing(light_walk, layout):
    problems = [f"{visit.where}: {problem}"
                for visit in light_walk.visits for problem in visit.cut_off[layout]]
    assert not problems, "\n".join(problems)


# The longest transition or animation on any element or ::before/::after, in seconds.
LONGEST_MOTION = """() => {
  const seconds = value => value.split(',').map(v => parseFloat(v) * (v.trim().endsWith('ms') ? 0.001 : 1));
  let longest = {seconds: 0, what: ''};
  for (const el of document.querySelectorAll('*')) {
    for (const pseudo of [null, '::before', '::after']) {
      const style = getComputedStyle(el, pseudo);
      const total = [];
      const durations = seconds(style.transitionDuration), delays = seconds(style.transitionDelay);
      durations.forEach((d, i) => total.push(d + delays[i % delays.length]));
      if (style.animationName !== 'none') total.push(...seconds(style.animationDuration));
      const most = Math.max(...total);
      if (most > longest.seconds)
        longest = {seconds: most, what: `<${el.tagName.toLowerCase()} class="${el.className}">${pseudo || ''}`};
    }
  }
  return {...longest, smooth: getComputedStyle(document.documentElement).scrollBehavior};
}"""


def test_reduced_motion_stops_every_transition_and_animation(site_url, browser):
    motion = {}
    for preference in ("no-preference", "reduce"):
        context = _context(browser, viewport=PHONE, reduced_motion=preference)
        page = context.new_page()
        page.goto(f"{site_url}/{CONTACT_GUIDE}")
        motion[preference] = page.evaluate(LONGEST_MOTION)
        context.close()
    # Material moves its drawer, search and tabs: without the preference there is motion,
    # which shows that the check sees it.
    assert motion["no-preference"]["seconds"] >= 0.1, motion
    reduced = motion["reduce"]
    assert reduced["seconds"] <= 0.001, f"still moves for {reduced['seconds']}s: {reduced['what']}"
    assert reduced["smooth"] != "smooth"
