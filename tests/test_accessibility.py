"""Accessibility (WCAG 2.2 AA) of the built site, in real Chromium.

- axe-core (pinned in package.json) finds nothing on any page, in the light and dark
  colour schemes (in the dark one, the rules about colour: nothing else changes), on a
  phone and a desktop screen, and with the search dialog open.
- Keyboard: a skip link first, focus that can always be seen, the contact guide usable
  with the keyboard alone.
- Text at 200% (browser zoom) and reflow at 320 CSS pixels: nothing scrolls sideways and
  no text is cut off.
- Reduced motion: nothing slides or fades when the reader has asked for less motion.

Exclusions, if ever needed, live in tests/a11y_exclusions.py with their reasons.
"""

from __future__ import annotations

import pytest

from a11y_exclusions import AXE_EXCLUSIONS
from conftest import PHONE, in_tabs
from site_pages import nav_page_urls
from sitebuild.build_site import PROJECT_DIR

AXE_JS = PROJECT_DIR / "node_modules" / "axe-core" / "axe.min.js"
# The WCAG 2.0, 2.1 and 2.2 rules at levels A and AA (axe tags no 2.2 rule at level A).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DESKTOP = {"width": 1280, "height": 800}
SCREENS = {"phone": PHONE, "desktop": DESKTOP}
SCHEMES = ("light", "dark")
# Material's palette follows prefers-color-scheme: these are the schemes it switches to.
MATERIAL_SCHEME = {"light": "default", "dark": "slate"}
PAGES = [*nav_page_urls(), "404.html"]
CONTACT_GUIDE = "report/who-should-i-contact/"
# Pages with the most to Tab through: the contact guide (open/close routes), a page with
# a wide table, a printable sheet (buttons) and the home page.
KEYBOARD_PAGES = ["", CONTACT_GUIDE, "schools/frameworks-by-nation/", "sheets/who-to-contact/"]

# The rules whose result depends on colours. The dark scheme changes colours only (Material
# switches a data attribute on <body>; the HTML is the same), so in the dark scheme axe
# runs these alone: every other rule would repeat the light scheme's result.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]

# How many pages axe checks at once, each in a tab of its own.
AXE_TABS = 4

NO_RUNNING_ANIMATIONS = "() => document.getAnimations().every(a => a.playState !== 'running')"


def _axe_source() -> str:
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS.relative_to(PROJECT_DIR)} is missing: install the pinned npm "
                    "packages with `make test` (it runs `npm ci`) or `npm ci`.")
    return str(AXE_JS)


def _context(browser, **options):
    # bypass_csp: the site's Content-Security-Policy rightly refuses injected scripts such
    # as axe-core; the tests turn it off for themselves only.
    return browser.new_context(bypass_csp=True, **options)


def _settle(page) -> None:
    """Wait until no transition or animation is running, so that colours are final."""
    page.wait_for_function(NO_RUNNING_ANIMATIONS, timeout=5_000)


def _axe_context(browser, **options):
    """A _context whose every page has axe-core loaded: given to the context once, which is
    quicker than adding it to each page (it is half a megabyte)."""
    context = _context(browser, **options)
    context.add_init_script(path=_axe_source())
    return context


def _start_axe(page, rules: list[str] | None = None) -> None:
    """Start axe-core (in a page of an _axe_context) on the page as it is now, without
    waiting for it (see _axe): every WCAG A and AA rule, or only `rules`."""
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_TAGS}
    page.evaluate(
        """runOnly => { window.__axeResult = axe.run(document, {runOnly,
                                                               resultTypes: ['violations']}); }""",
        run_only,
    )


def _axe_result(page) -> list[dict]:
    """The violations found by the axe run _start_axe started, one entry per element."""
    result = page.evaluate("window.__axeResult")
    return [
        {"rule": violation["id"], "target": " ".join(map(str, node["target"])),
         "why": node["failureSummary"].replace("\n", " ")}
        for violation in result["violations"]
        for node in violation["nodes"]
    ]


def _axe(page) -> list[dict]:
    """axe-core's violations on the page as it is now, one entry per element."""
    _start_axe(page)
    return _axe_result(page)


def _not_excluded(found: list[tuple[str, dict]]) -> list[str]:
    return [f"{where}: {item['rule']} on {item['target']}: {item['why']}"
            for where, item in found
            if not any(exclusion.matches(item["rule"], item["target"]) for exclusion in AXE_EXCLUSIONS)]


@pytest.fixture(scope="module")
def axe_runs(site_url, browser):
    """axe on every page for a (colour scheme, screen), run once per module and kept."""
    runs: dict[tuple[str, str], list[tuple[str, dict]]] = {}

    def run(scheme: str, screen: str) -> list[tuple[str, dict]]:
        if (scheme, screen) not in runs:
            context = _axe_context(browser, color_scheme=scheme, viewport=SCREENS[screen])
            found = []
            # A few pages at a time, each in its own tab: axe runs in them side by side.
            for batch in in_tabs(context, PAGES, AXE_TABS):
                for url, page in batch:
                    page.goto(f"{site_url}/{url}")
                for url, page in batch:
                    _settle(page)
                    applied = page.evaluate("document.body.dataset.mdColorScheme")
                    assert applied == MATERIAL_SCHEME[scheme], f"/{url}: {scheme} scheme not applied"
                    # The quick exit control is part of every page, so axe checks it everywhere.
                    assert page.get_by_role("link", name="Leave this site").count() >= 1, \
                        f"/{url} has no quick exit control"
                    _start_axe(page, COLOUR_RULES if scheme == "dark" else None)
                for url, page in batch:
                    found += [(f"/{url} ({scheme}, {screen})", item) for item in _axe_result(page)]
            context.close()
            runs[(scheme, screen)] = found
        return runs[(scheme, screen)]

    return run


def _open_search(page, query: str) -> None:
    """Open the search dialog from the keyboard, as its shortcut "/" does, and search."""
    page.keyboard.press("/")
    page.keyboard.type(query)
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    _settle(page)


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_wcag_problem_on_any_page(axe_runs, scheme, screen):
    problems = _not_excluded(axe_runs(scheme, screen))
    assert not problems, f"{len(problems)} axe violations:\n" + "\n".join(problems)


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_wcag_problem_with_search_open(site_url, browser, scheme, screen):
    context = _axe_context(browser, color_scheme=scheme, viewport=SCREENS[screen])
    page = context.new_page()
    page.goto(site_url + "/parents/")
    _open_search(page, "nudes")
    # Material's dialog has no name; the override in partials/search.html gives it one.
    assert page.get_by_role("dialog", name="Search").locator(".md-search__input").is_visible()
    found = [(f"/parents/ with search open ({scheme}, {screen})", item) for item in _axe(page)]
    context.close()
    problems = _not_excluded(found)
    assert not problems, "\n".join(problems)


def test_every_axe_exclusion_still_matches_something(axe_runs):
    """An exclusion for a problem that has been fixed must go, so the list stays honest."""
    everything = [item for scheme in SCHEMES for screen in SCREENS
                  for _, item in axe_runs(scheme, screen)]
    for exclusion in AXE_EXCLUSIONS:
        assert len(exclusion.reason.split()) >= 5, f"{exclusion}: give a real reason"
        assert any(exclusion.matches(item["rule"], item["target"]) for item in everything), \
            f"{exclusion} matches nothing any more: remove it from tests/a11y_exclusions.py"


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


def _tab_through(page, key: str, presses: int, javascript: bool) -> list[str]:
    """Press key until focus comes back round to where it started; what went wrong."""
    page.evaluate("document.querySelectorAll('[data-tab-pass]')"
                  ".forEach(el => el.removeAttribute('data-tab-pass'))")
    problems, started, nowhere = [], False, 0
    for _ in range(presses):
        page.keyboard.press(key)
        if javascript:
            # Material's scripts answer focus a frame later (focusing search opens it).
            page.evaluate("() => new Promise(done => requestAnimationFrame("
                          "() => requestAnimationFrame(done)))")
            _settle(page)
        focused = page.evaluate(FOCUSED)
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


def test_skip_link_comes_first_and_jumps_past_the_menus(site_url, page):
    for url in nav_page_urls():
        page.goto(f"{site_url}/{url}")
        page.keyboard.press("Tab")
        skip = page.evaluate("document.activeElement.matches('.md-skip') && "
                             "document.activeElement.textContent.trim()")
        assert skip == "Skip to content", f"/{url}: the first Tab stop is not the skip link"
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        # The next stop is in the page text, after the heading the skip link points to.
        landed = page.evaluate("""() => {
          const target = document.querySelector(decodeURIComponent(location.hash));
          const el = document.activeElement;
          return Boolean(target && el.closest('.md-content') &&
                         target.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
        }""")
        assert landed, f"/{url}: after the skip link, Tab went to {page.evaluate('document.activeElement.outerHTML')[:120]}"


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
        links = route.locator("a[href]").all()
        reached = set()
        for _ in range(40):
            page.keyboard.press("Tab")
            if not route.evaluate("element => element.contains(document.activeElement)"):
                break
            reached |= {number for number, link in enumerate(links) if link.evaluate(focused)}
        missed = [links[number].inner_text() for number in range(len(links)) if number not in reached]
        assert not missed, f"Tab skipped {missed} in {name!r}"
    context.close()


# ---------------------------------------------------------------------------------------
# Text size, reflow and motion
# ---------------------------------------------------------------------------------------

# Browser zoom at 200% on a 1280 x 800 window lays the page out exactly as a 640 x 400
# CSS-pixel window with two device pixels per CSS pixel: that is what WCAG 1.4.4 (resize
# text) asks for. 320 CSS pixels wide is WCAG 1.4.10 (reflow: 1280 at 400%).
ZOOM_200 = {"viewport": {"width": 640, "height": 400}, "device_scale_factor": 2}
REFLOW_320 = {"viewport": {"width": 320, "height": 256}, "device_scale_factor": 4}

# Sideways scrolling of the whole page, and text cut off by a box that hides overflow.
# Boxes of 1px or less are text for screen readers only, hidden on purpose.
CUT_OFF = """() => {
  const problems = [];
  const root = document.scrollingElement;
  if (root.scrollWidth > root.clientWidth + 1)
    problems.push(`the page scrolls sideways (${root.scrollWidth}px in ${root.clientWidth}px)`);
  for (const el of document.body.querySelectorAll('*')) {
    if (!(el instanceof HTMLElement)) continue;  // icons (SVG) hold no text
    const style = getComputedStyle(el);
    const clipsX = ['hidden', 'clip'].includes(style.overflowX);
    const clipsY = ['hidden', 'clip'].includes(style.overflowY);
    if (!(clipsX || clipsY) || !el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
    if (el.clientWidth <= 1 || el.clientHeight <= 1 || !el.innerText.trim()) continue;
    if ((clipsX && el.scrollWidth > el.clientWidth + 1) ||
        (clipsY && el.scrollHeight > el.clientHeight + 1))
      problems.push(`text cut off in <${el.tagName.toLowerCase()} class="${el.className}">: ` +
                    el.innerText.trim().replace(/\\s+/g, ' ').slice(0, 60));
  }
  return problems;
}"""


@pytest.mark.parametrize("layout", [ZOOM_200, REFLOW_320], ids=["zoom-200", "reflow-320"])
def test_text_at_200_percent_and_reflow_lose_nothing(site_url, browser, layout):
    context = _context(browser, **layout)
    page = context.new_page()
    problems = []
    for url in PAGES:
        page.goto(f"{site_url}/{url}")
        _settle(page)
        problems += [f"/{url}: {problem}" for problem in page.evaluate(CUT_OFF)]
    context.close()
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
