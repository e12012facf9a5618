"""Accessibility (WCAG 2.2 AA) of the built site, in real Chromium.

- axe-core (pinned in package.json) finds nothing on any page, in the light and dark
  colour schemes (in the dark one, the rules about colour: nothing else changes), on a
  phone and a desktop screen, and with the search dialog open.
- Keyboard: a skip link first, focus that can always be seen, the contact guide usable
  with the keyboard alone.
- Text at 200% (browser zoom) and reflow at 320 CSS pixels: nothing scrolls sideways and
  no text is cut off.
- Reduced motion: nothing slides or fades when the reader has asked for less motion.

What is checked on every page is gathered by the walks of tests/page_walk.py (each page
loaded once per colour scheme); the tests here judge it.
Exclusions, if ever needed, live in tests/a11y_exclusions.py with their reasons.
"""

from __future__ import annotations

import pytest

from a11y_exclusions import AXE_EXCLUSIONS
from conftest import PHONE
from page_walk import LAYOUTS, MATERIAL_SCHEME, SCREENS, axe, axe_source, settle

CONTACT_GUIDE = "report/who-should-i-contact/"
# Pages with the most to Tab through: the contact guide (open/close routes), a page with
# a wide table, a printable sheet (buttons) and the home page.
KEYBOARD_PAGES = ["", CONTACT_GUIDE, "schools/frameworks-by-nation/", "sheets/who-to-contact/"]


def _context(browser, **options):
    # bypass_csp: the site's Content-Security-Policy rightly refuses injected scripts such
    # as axe-core; the tests turn it off for themselves only.
    return browser.new_context(bypass_csp=True, **options)


def _not_excluded(found: list[tuple[str, dict]]) -> list[str]:
    return [f"{where}: {item['rule']} on {item['target']}: {item['why']}"
            for where, item in found
            if not any(exclusion.matches(item["rule"], item["target"]) for exclusion in AXE_EXCLUSIONS)]


def _axe_found(walk, screen: str) -> list[tuple[str, dict]]:
    return [(f"{visit.where} ({walk.scheme}, {screen})", item)
            for visit in walk.visits for item in visit.axe[screen]]


def _every_page_in(walk) -> None:
    """The walk saw each page in its colour scheme, with the quick exit control (part of
    every page, so axe checks it everywhere)."""
    for visit in walk.visits:
        assert visit.scheme == MATERIAL_SCHEME[walk.scheme], f"{visit.where}: {walk.scheme} scheme not applied"
    if walk.scheme == "light":
        missing = [visit.where for visit in walk.visits
                   if not (visit.quick_exit and visit.quick_exit["link_shown"])]
        assert not missing, f"no quick exit control on {missing}"


@pytest.mark.parametrize("screen", SCREENS)
def test_axe_finds_no_wcag_problem_on_any_page_light(light_walk, screen):
    _every_page_in(light_walk)
    problems = _not_excluded(_axe_found(light_walk, screen))
    assert not problems, f"{len(problems)} axe violations:\n" + "\n".join(problems)


@pytest.mark.parametrize("screen", SCREENS)
def test_axe_finds_no_wcag_problem_on_any_page_dark(dark_walk, screen):
    _every_page_in(dark_walk)
    problems = _not_excluded(_axe_found(dark_walk, screen))
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
    problems = _not_excluded(found)
    assert not problems, "\n".join(problems)


def _exclusions_still_match(walks) -> None:
    everything = [item for walk in walks for screen in SCREENS for _, item in _axe_found(walk, screen)]
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
# Keyboard
# ---------------------------------------------------------------------------------------

# The focused element: whether its focus style shows, and whether any of it can be seen
# (WCAG 2.4.7 focus visible, 2.4.11 focus not obscured): a grid of points over its first
# box, inside the window, must hit the element itself at least once. The first element of
# a pass is marked, so that the pass knows when Tab has come all the way round.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const first = !document.querySelector('[data-tab-pass]');
  if (first) el.setAttribute('data-tab-pass', '');
  const back = !first && el.hasAttribute('data-tab-pass');
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1;
  const shadow = style.boxShadow !== 'none';
  const box = el.getClientRects()[0];
  let seen = false;
  if (box) {
    const left = Math.max(box.left, 0), right = Math.min(box.right, innerWidth);
    const top = Math.max(box.top, 0), bottom = Math.min(box.bottom, innerHeight);
    for (const fx of [0.1, 0.5, 0.9]) for (const fy of [0.1, 0.5, 0.9]) {
      if (right <= left || bottom <= top) break;
      const hit = document.elementFromPoint(left + fx * (right - left), top + fy * (bottom - top));
      if (hit && (hit === el || el.contains(hit))) seen = true;
    }
  }
  const name = (el.getAttribute('aria-label') || el.textContent || '').trim().replace(/\\s+/g, ' ');
  return {what: `${el.tagName.toLowerCase()} "${name.slice(0, 50)}"`, indicator: outline || shadow,
          seen, back};
}"""


# FOCUSED once the page has answered the key press: Material's scripts answer focus a
# frame later (focusing search opens it), then any transition must end. One call to the
# page instead of three, for each of the hundreds of presses.
FOCUSED_WHEN_SETTLED = f"""async () => {{
  const frame = () => new Promise(done => requestAnimationFrame(done));
  await frame(); await frame();
  for (let waited = 0; waited < 300; waited++) {{
    if (document.getAnimations().every(a => a.playState !== 'running')) return ({FOCUSED})();
    await frame();
  }}
  throw new Error('an animation was still running after 300 frames');
}}"""


def _tab_through(page, key: str, presses: int, javascript: bool) -> list[str]:
    """Press key until focus comes back round to where it started; what went wrong."""
    page.evaluate("document.querySelectorAll('[data-tab-pass]')"
                  ".forEach(el => el.removeAttribute('data-tab-pass'))")
    problems, started, nowhere = [], False, 0
    for _ in range(presses):
        page.keyboard.press(key)
        focused = page.evaluate(FOCUSED_WHEN_SETTLED if javascript else FOCUSED)
        if focused is None:
            nowhere += started  # once per round, past the last stop, is expected
            continue
        started = True
        if focused["back"]:
            break
        if not focused["indicator"]:
            problems.append(f"{key} to {focused['what']}: no visible focus style")
        if not focused["seen"]:
            problems.append(f"{key} to {focused['what']}: off screen or hidden behind something")
    else:
        problems.append(f"{key} never came back round to the first stop: a keyboard trap?")
    if nowhere > 1:
        problems.append(f"{key} put focus on nothing {nowhere} times in one round (once is expected)")
    return problems


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("screen", SCREENS)
def test_focus_can_always_be_seen(site_url, browser, screen, javascript):
    # Reduced motion: every focus style, drawer and dialog is in its final state at once
    # (the motion itself is tested below), which keeps this test quick.
    context = _context(browser, viewport=SCREENS[screen], java_script_enabled=javascript,
                       reduced_motion="reduce")
    page = context.new_page()
    problems = []
    for url in KEYBOARD_PAGES:
        page.goto(f"{site_url}/{url}")
        stops = page.evaluate("document.querySelectorAll('a[href], summary, button, input, "
                              "[tabindex]').length")
        # Round every Tab stop forwards, then backwards (scrolling up reveals sticky headers).
        presses = stops + 10
        for key in ("Tab", "Shift+Tab"):
            problems += [f"/{url}: {problem}" for problem in _tab_through(page, key, presses, javascript)]
    context.close()
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_skip_link_comes_first_and_jumps_past_the_menus(light_walk):
    """On a phone, the first Tab stop is "Skip to content"; after it, the next Tab stop
    is in the page text, after the heading the skip link points to (the 404 page is not
    in the navigation and has no menus to skip)."""
    pages = [visit for visit in light_walk.visits if visit.url != "404.html"]
    not_first = [visit.where for visit in pages if not visit.skip_link_first]
    assert not not_first, f"the first Tab stop is not the skip link on {not_first}"
    astray = [f"{visit.where}: Tab went to {visit.skip_link_lands}" for visit in pages if visit.skip_link_lands]
    assert not astray, "after the skip link:\n" + "\n".join(astray)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_contact_guide_every_route_opens_closes_and_its_links_are_reached_by_keyboard(
        site_url, browser, javascript):
    context = _context(browser, viewport=PHONE, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(f"{site_url}/{CONTACT_GUIDE}")
    routes = page.locator("details.route")
    count = routes.count()
    assert count >= 9
    # Focus starts in the page text, before the first route.
    page.locator("h1").click()
    focused = "element => element === document.activeElement"
    for index in range(count):
        route = routes.nth(index)
        summary = route.locator("summary")
        for _ in range(40):
            if summary.evaluate(focused):
                break
            page.keyboard.press("Tab")
        else:
            raise AssertionError(f"Tab never reached route {index + 1}: {summary.inner_text()}")
        name = summary.inner_text()
        page.keyboard.press("Enter")
        assert route.evaluate("element => element.open"), f"Enter did not open {name!r}"
        page.keyboard.press("Space")
        assert not route.evaluate("element => element.open"), f"Space did not close {name!r}"
        page.keyboard.press("Space")
        assert route.evaluate("element => element.open"), f"Space did not open {name!r}"
        # Tab goes through the open route (its links, and any abbreviation that explains
        # itself on focus) before it leaves: every link in it is reached.
        links = route.locator("a[href]").all_inner_texts()
        reached = set()
        for _ in range(40):
            page.keyboard.press("Tab")
            # Which of the route's links has focus (-1: none), or None once it has left.
            number = route.evaluate("route => route.contains(document.activeElement) ? "
                                    "[...route.querySelectorAll('a[href]')].indexOf(document.activeElement) : null")
            if number is None:
                break
            reached.add(number)
        missed = [text for number, text in enumerate(links) if number not in reached]
        assert not missed, f"Tab skipped {missed} in {name!r}"
    context.close()


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
