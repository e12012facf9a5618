"""Every page of the MkDocs build visited once per colour scheme, gathering in that one
visit what several test files check on every page.

Loading a page costs Chromium far more than looking at it, so the accessibility, privacy,
security and quick exit tests do not each load every page: the walk does, once in the
light scheme and once in the dark, and each test asserts on what it gathered. The walks
are made once per test run and shared by the test processes (the light_walk and
dark_walk fixtures in conftest.py).

The light walk, for each page, in one tab, with the site's Content-Security-Policy on:
  on a phone (360 x 740): the quick exit bar and the "What to do now" box, then axe-core
  (every WCAG A and AA rule);
  at 320 x 256 and 640 x 400 CSS pixels (reflow, and text at 200%): text cut off or
  sideways scrolling; on a desktop (1280 x 800): axe-core again; back on the phone: the
  skip link, from the keyboard. Changing the window's size lays the page out again,
  as turning a tablet or zooming does, without loading it again.
The dark walk: on a phone and a desktop, axe-core's colour rules only (Material changes
colours only: the HTML is the same).
Both record every request each page made and every policy violation it caused. Both
ask for reduced motion, so each page is in its final state at once and nothing waits for
a transition (the motion itself is tested in test_accessibility.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from conftest import PHONE, watched_context
from sitebuild.build_site import PROJECT_DIR
from site_pages import nav_page_urls

AXE_JS = PROJECT_DIR / "node_modules" / "axe-core" / "axe.min.js"
# The WCAG 2.0, 2.1 and 2.2 rules at levels A and AA (axe tags no 2.2 rule at level A).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# The rules whose result depends on colours: all the dark scheme needs.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
DESKTOP = {"width": 1280, "height": 800}
SCREENS = {"phone": PHONE, "desktop": DESKTOP}
# Browser zoom at 200% on a 1280 x 800 window lays the page out as a 640 x 400 CSS-pixel
# window does: WCAG 1.4.4 (resize text). 320 CSS pixels wide is WCAG 1.4.10 (reflow:
# 1280 at 400%). Layout is in CSS pixels, so the pixel density does not change it.
LAYOUTS = {"zoom-200": {"width": 640, "height": 400}, "reflow-320": {"width": 320, "height": 256}}
# Material's palette follows prefers-color-scheme: these are the schemes it switches to.
MATERIAL_SCHEME = {"light": "default", "dark": "slate"}
PAGES = [*nav_page_urls(), "404.html"]

NO_RUNNING_ANIMATIONS = "() => document.getAnimations().every(a => a.playState !== 'running')"

# The quick exit bar on a phone: is its link shown, where is the bar, and what text a
# reader could see meets its box (the theme keeps closed menus and search in the page).
QUICK_EXIT_BAR = """() => {
  const bar = document.querySelector('.quick-exit');
  if (!bar) return null;
  const link = [...bar.querySelectorAll('a')].find(a => a.textContent.trim() === 'Leave this site');
  const box = bar.getBoundingClientRect();
  const under = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!node.textContent.trim() || parent.closest('.quick-exit, .quick-exit__link')) continue;
    if (!parent.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.width && r.height && r.left < box.right && r.right > box.left
          && r.top < box.bottom && r.bottom > box.top) {
        under.push(node.textContent.trim().slice(0, 40));
      }
    }
  }
  const shown = Boolean(link && link.checkVisibility({opacityProperty: true, visibilityProperty: true})
                        && link.getClientRects().length);
  return {link_shown: shown, top: box.top, bottom: box.bottom, text_under: under};
}"""

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

# The "What to do now" box a guide opens with: is it shown, and does it come before the
# page's first section (the first heading 2 outside it)? null if the page has none.
URGENT_BOX = """() => {
  const box = document.querySelector('article .urgent-box');
  if (!box) return null;
  const r = box.getBoundingClientRect();
  const h2 = [...document.querySelectorAll('article h2')].find(h => !box.contains(h));
  return {shown: r.width > 0 && r.height > 0 && getComputedStyle(box).visibility !== 'hidden',
          first: !h2 || (box.compareDocumentPosition(h2) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0};
}"""

# The kinds of box a reader learns to recognise, and how one looks (its band, outline,
# tint, spacing and text colour): each kind must look the same on every page, and on paper
# drop its tint (tests/test_look.py).
BOXES = (".urgent-box", ".young-person-box", ".nation-box", ".contact-card")
BOX_STYLES = """selector => [...document.querySelectorAll('article ' + selector)].map(el => {
  const s = getComputedStyle(el);
  return {band: `${s.borderLeftWidth} ${s.borderLeftStyle} ${s.borderLeftColor}`,
          outline: `${s.borderTopWidth} ${s.borderTopStyle} ${s.borderTopColor}`,
          tint: s.backgroundColor, padding: s.padding, text: s.color, corners: s.borderRadius};
})"""

# After the skip link and one more Tab: is focus in the page text, after the heading the
# skip link points to?
PAST_THE_MENUS = """() => {
  const target = document.querySelector(decodeURIComponent(location.hash));
  const el = document.activeElement;
  return Boolean(target && el.closest('.md-content') &&
                 target.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
}"""


@dataclass
class Visit:
    """What one page showed in one walk."""
    url: str  # such as 'parents/' or '404.html'
    scheme: str  # Material's scheme on <body> once loaded
    axe: dict[str, list[dict]] = field(default_factory=dict)  # screen: violations
    quick_exit: dict | None = None  # QUICK_EXIT_BAR's answer (light walk)
    urgent_box: dict | None = None  # URGENT_BOX's answer (light walk)
    boxes: dict[str, list[dict]] = field(default_factory=dict)  # box: BOX_STYLES (light walk)
    cut_off: dict[str, list[str]] = field(default_factory=dict)  # layout: CUT_OFF's answer
    skip_link_first: bool = False  # the first Tab stop is the skip link
    skip_link_lands: str = ""  # where one Tab after it went: "" if past the menus
    requests: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)  # policy violations

    @property
    def where(self) -> str:
        return f"/{self.url}"


@dataclass
class Walk:
    scheme: str
    site_url: str  # where the walk found the site (the worker that made it served it)
    visits: list[Visit]
    cookies: list[dict]

    @property
    def requests(self) -> list[str]:
        return [url for visit in self.visits for url in visit.requests]

    def visit(self, url: str) -> Visit:
        """The visit to url (such as 'parents/')."""
        return next(visit for visit in self.visits if visit.url == url)

    def axe_found(self, screen: str) -> list[tuple[str, dict]]:
        """(where, violation) for every axe violation on the screen."""
        return [(f"{visit.where} ({self.scheme}, {screen})", item)
                for visit in self.visits for item in visit.axe[screen]]

    def not_in_its_scheme(self) -> list[str]:
        """The pages that did not show the walk's colour scheme."""
        return [visit.where for visit in self.visits if visit.scheme != MATERIAL_SCHEME[self.scheme]]


def axe_source() -> str:
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS.relative_to(PROJECT_DIR)} is missing: install the pinned npm "
                    "packages with `make test` (it runs `npm ci`) or `npm ci`.")
    return str(AXE_JS)


def settle(page) -> None:
    """Wait until no transition or animation is running, so that colours are final."""
    page.wait_for_function(NO_RUNNING_ANIMATIONS, timeout=5_000)


def axe(page, rules: list[str] | None = None) -> list[dict]:
    """axe-core's violations on the page as it is now (every WCAG A and AA rule, or only
    `rules`), one entry per element. The page must have axe loaded (axe_source)."""
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_TAGS}
    result = page.evaluate(
        "runOnly => axe.run(document, {runOnly, resultTypes: ['violations']})", run_only)
    return [
        {"rule": violation["id"], "target": " ".join(map(str, node["target"])),
         "why": node["failureSummary"].replace("\n", " ")}
        for violation in result["violations"]
        for node in violation["nodes"]
    ]


def _skip_link(page, visit: Visit) -> None:
    page.keyboard.press("Tab")
    visit.skip_link_first = page.evaluate(
        "document.activeElement.matches('.md-skip') && "
        "document.activeElement.textContent.trim() === 'Skip to content'")
    if not visit.skip_link_first:
        return
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    if not page.evaluate(PAST_THE_MENUS):
        visit.skip_link_lands = page.evaluate("document.activeElement.outerHTML")[:120]


def _look_at(page, visit: Visit, scheme: str) -> None:
    if scheme == "dark":
        visit.axe["phone"] = axe(page, COLOUR_RULES)
        page.set_viewport_size(DESKTOP)
        settle(page)
        visit.axe["desktop"] = axe(page, COLOUR_RULES)
        return
    visit.quick_exit = page.evaluate(QUICK_EXIT_BAR)
    visit.urgent_box = page.evaluate(URGENT_BOX)
    visit.boxes = {box: page.evaluate(BOX_STYLES, box) for box in BOXES}
    visit.axe["phone"] = axe(page)
    for layout, size in LAYOUTS.items():
        page.set_viewport_size(size)
        settle(page)
        visit.cut_off[layout] = page.evaluate(CUT_OFF)
    page.set_viewport_size(DESKTOP)
    settle(page)
    visit.axe["desktop"] = axe(page)
    page.set_viewport_size(PHONE)
    settle(page)
    _skip_link(page, visit)


def walk(browser, site_url: str, scheme: str) -> Walk:
    """Visit every page in the scheme ("light" or "dark"), one after another in one tab
    (Chromium's work is the limit: tabs side by side are no quicker)."""
    context = watched_context(browser, color_scheme=scheme, reduced_motion="reduce")
    context.add_init_script(path=axe_source())
    page = context.new_page()
    visits: list[Visit] = []
    for url in PAGES:
        visit = Visit(url, scheme="")
        # The requests and policy violations that come while a page is visited are its own.
        requests_before, violations_before = len(context.requests), len(context.violations)
        page.set_viewport_size(PHONE)
        page.goto(f"{site_url}/{url}")
        settle(page)
        visit.scheme = page.evaluate("document.body.dataset.mdColorScheme")
        _look_at(page, visit, scheme)
        visit.requests = context.requests[requests_before:]
        visit.violations = context.violations[violations_before:]
        visits.append(visit)
    cookies = context.cookies()
    context.close()
    return Walk(scheme, site_url, visits, cookies)
