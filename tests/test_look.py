"""The look (README, "Look"), in Chromium on a phone (360 x 740) and a desktop (1280 x 800),
in the light and dark colour schemes, on the home page and one page of each section (the
pages `make screenshots` shows):

- headings bold (700 or more) and at least 7:1 against their background;
- every piece of text in the page at least 18 px and at least 7:1 against its background;
- about 70 characters a line, not the width of a desktop screen;
- on a phone, the page's title starts within 200 px of the top, with 999 and quick exit on
  the first screen;
- a focused link is yellow with black text and a black underline, as on GOV.UK;
- the help strip's "More help" opens without JavaScript;
- each kind of box looks the same on every page, and prints without its tint;
- `make screenshots` writes a PNG of each screen size and scheme.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from PIL import Image

from conftest import PHONE
from page_walk import BOX_STYLES, BOXES
from sitebuild.devtools.screenshots import PAGES, SCHEMES, SCREENS

MATERIAL_SCHEME = {"light": "default", "dark": "slate"}
TITLE_MOST = 200  # px from the top of a phone's screen to the page's title
LINE_MOST = 85  # characters in the longest line of a paragraph (about 70 on average)

# Every visible piece of text in the page (<article>): its size, its weight, and its
# contrast with the colour behind it (the backgrounds of its ancestors, blended, on the
# white canvas), with the WCAG formula. Text with a transparent colour blends too.
TEXTS = """() => {
  const rgba = value => {
    const [r, g, b, a = 1] = value.match(/[\\d.]+/g).map(Number);
    return {r, g, b, a};
  };
  const over = (top, under) => ({r: top.r * top.a + under.r * (1 - top.a),
    g: top.g * top.a + under.g * (1 - top.a), b: top.b * top.a + under.b * (1 - top.a), a: 1});
  const behind = el => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const colour = rgba(getComputedStyle(e).backgroundColor);
      if (colour.a > 0) layers.push(colour);
      if (colour.a === 1) break;
    }
    return layers.reverse().reduce((under, top) => over(top, under), {r: 255, g: 255, b: 255, a: 1});
  };
  const luminance = c => {
    const [r, g, b] = [c.r, c.g, c.b].map(v => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (fg, bg) => {
    const [one, two] = [luminance(over(fg, bg)), luminance(bg)];
    return (Math.max(one, two) + 0.05) / (Math.min(one, two) + 0.05);
  };
  const found = [];
  const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    const style = getComputedStyle(el);
    const background = behind(el);
    found.push({text: node.textContent.trim().slice(0, 40), tag: el.tagName.toLowerCase(),
                heading: Boolean(el.closest('h1, h2, h3, h4, h5, h6')),
                size: parseFloat(style.fontSize), weight: parseInt(style.fontWeight, 10),
                contrast: Math.round(contrast(rgba(style.color), background) * 100) / 100});
  }
  return found;
}"""

# The most characters on one line of the page's longest paragraph on screen.
LONGEST_LINE = """() => {
  const paragraphs = [...document.querySelectorAll('article p')].filter(p => p.checkVisibility());
  const p = paragraphs.reduce((a, b) => (b.textContent.length > a.textContent.length ? b : a));
  const lines = new Map();
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.length; i++) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const box = range.getClientRects()[0];
      if (box) lines.set(Math.round(box.top), (lines.get(Math.round(box.top)) || 0) + 1);
    }
  }
  return Math.max(...lines.values());
}"""


@pytest.fixture(scope="module")
def looks(browser, site_url):
    """What each page looks like, per (scheme, screen): measured once for the module."""
    measured = {}
    for scheme in SCHEMES:
        for screen, viewport in SCREENS.items():
            context = browser.new_context(viewport=viewport, color_scheme=scheme)
            page = context.new_page()
            for _name, address in PAGES:
                page.goto(f"{site_url}/{address}")
                assert page.evaluate("document.body.dataset.mdColorScheme") == MATERIAL_SCHEME[scheme]
                first_screen = page.evaluate("""() => {
                  const top = selector => {
                    const el = document.querySelector(selector);
                    const box = el.getBoundingClientRect();
                    return el.checkVisibility() && box.top >= 0 && box.bottom <= innerHeight ? box.top : null;
                  };
                  return {title: document.querySelector('article h1').getBoundingClientRect().top,
                          call999: top('.help-strip a[href="tel:999"]'),
                          quickExit: top('.quick-exit__button')};
                }""")
                measured[(scheme, screen, address)] = {
                    "texts": page.evaluate(TEXTS), "line": page.evaluate(LONGEST_LINE),
                    "first_screen": first_screen,
                }
            context.close()
    return measured


def _where(key) -> str:
    scheme, screen, address = key
    return f"/{address} ({scheme}, {screen})"


def test_headings_are_bold_and_at_least_7_to_1(looks):
    problems = [f"{_where(key)}: heading {text['text']!r} weight {text['weight']}, contrast {text['contrast']}"
                for key, look in looks.items() for text in look["texts"]
                if text["heading"] and (text["weight"] < 700 or text["contrast"] < 7)]
    checked = sum(text["heading"] for look in looks.values() for text in look["texts"])
    assert checked >= len(looks), "no headings measured: is the test still right?"
    assert not problems, "\n".join(problems)


def test_all_text_is_at_least_18px_and_7_to_1(looks):
    problems = [f"{_where(key)}: <{text['tag']}> {text['text']!r} {text['size']}px, contrast {text['contrast']}"
                for key, look in looks.items() for text in look["texts"]
                if text["size"] < 18 or text["contrast"] < 7]
    assert not problems, "\n".join(problems)


def test_lines_are_about_70_characters(looks):
    problems = [f"{_where(key)}: {look['line']} characters on one line"
                for key, look in looks.items() if look["line"] > LINE_MOST]
    assert not problems, "\n".join(problems)


def test_on_a_phone_the_title_999_and_quick_exit_are_on_the_first_screen(looks):
    problems = []
    for key, look in looks.items():
        if key[1] != "phone":
            continue
        first = look["first_screen"]
        if not 0 <= first["title"] <= TITLE_MOST:
            problems.append(f"{_where(key)}: the title starts {first['title']:.0f}px down")
        if first["call999"] is None:
            problems.append(f"{_where(key)}: 999 is not on the first screen")
        if first["quickExit"] is None:
            problems.append(f"{_where(key)}: quick exit is not on the first screen")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_focused_link_is_yellow_with_black_text_and_underline(browser, site_url, scheme):
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + "/parents/warning-signs/")
    # Links on each kind of background: a tinted box, the page, the help strip, and the
    # red quick exit button.
    links = [page.locator(".urgent-box a").first, page.locator("article > p a").first,
             page.locator(".help-strip a").first, page.locator(".quick-exit__button")]
    for link in links:
        link.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # so that the focus is the keyboard's (:focus-visible)
        # Material fades link colours in (125 ms): the colour when the fade has ended.
        page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
        style = link.evaluate("""el => {
          const style = getComputedStyle(el);
          return {focused: el === document.activeElement, background: style.backgroundColor,
                  color: style.color, shadow: style.boxShadow};
        }""")
        assert style["focused"], style
        assert style["background"] == "rgb(255, 221, 0)", style
        assert style["color"] == "rgb(11, 12, 12)", style
        assert "rgb(11, 12, 12) 0px 4px" in style["shadow"], style
    context.close()


def test_more_help_in_the_strip_opens_without_javascript(browser, site_url):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/about/licence/")
    strip = page.locator(".help-strip")
    childline = strip.get_by_role("link", name="0800 1111")
    assert not childline.is_visible()
    strip.get_by_text("More help").click()
    assert childline.is_visible()
    assert strip.get_by_text("Online sexual abuse or grooming").is_visible()
    assert strip.get_by_text("When it is closed").is_visible()  # the NSPCC Helpline's hours
    context.close()


NO_TINT = ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")
NEAR_BLACK = "rgb(11, 12, 12)"


def test_each_kind_of_box_looks_the_same_on_every_page_and_prints_plainly(light_walk, browser, site_url):
    """On a phone, as the light walk saw every page (BOX_STYLES in tests/page_walk.py)."""
    looks: dict[str, dict[str, list[str]]] = {box: {} for box in BOXES}
    for visit in light_walk.visits:
        for box in BOXES:
            for style in visit.boxes[box]:
                looks[box].setdefault(repr(sorted(style.items())), []).append(visit.where)
    for box in BOXES:
        assert looks[box], f"no page has a {box}: is the test still right?"
        assert len(looks[box]) == 1, f"{box} looks {len(looks[box])} ways: " + "; ".join(
            f"{style} on {', '.join(pages[:3])}" for style, pages in looks[box].items())

    # On paper (as the sheets are printed, without JavaScript): pages with every kind of
    # box between them.
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.emulate_media(media="print")
    printed = {box: [] for box in BOXES}
    for url in ("", "parents/if-you-are-worried/", "schools/dsl-next-steps/", "report/childline/"):
        page.goto(f"{site_url}/{url}")
        for box in BOXES:
            printed[box] += page.evaluate(BOX_STYLES, box)
    context.close()
    for box in BOXES:
        assert printed[box], f"no {box} on the pages printed: is the test still right?"
        for style in printed[box]:
            assert style["tint"] in NO_TINT, f"{box} keeps its tint on paper: {style}"
            assert style["text"] == NEAR_BLACK, f"{box} text is not near-black on paper: {style}"


def test_make_screenshots_writes_each_page_on_each_screen_and_scheme(site_dir, tmp_path):
    """`make screenshots` (for pull requests that change the look): one PNG per page,
    screen and scheme, the size of the screen. One page here (--only), to keep it short;
    in a process of its own, as make runs it (this one already drives a browser)."""
    out = tmp_path / "shots"
    result = subprocess.run([sys.executable, "-m", "sitebuild.devtools.screenshots", "--site-dir",
                             str(site_dir), "--out", str(out), "--only", "home"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    expected = sorted(f"home-{screen}-{scheme}.png" for screen in SCREENS for scheme in SCHEMES)
    assert sorted(path.name for path in out.iterdir()) == expected
    assert f"{len(expected)} screenshots in {out}/" in result.stdout
    for name in expected:
        screen = name.split("-")[1]
        with Image.open(out / name) as picture:
            assert picture.size == (SCREENS[screen]["width"], SCREENS[screen]["height"]), name
            # Not a blank page: the header, the text and the boxes give many colours.
            assert len(picture.convert("RGB").getcolors(maxcolors=1_000_000)) > 50, name
