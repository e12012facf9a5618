"""Where to report on each app and game: data/platforms.yml, the `/// platforms` list on
the parents page, and the weekly external link check, which must check every link."""

import datetime as dt
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from sitebuild.checks import external_link_check
from sitebuild.build_site import PROJECT_DIR
from sitebuild.checks.external_links import site_addresses
from sitebuild.sources.platforms_data import check_platforms, load_platforms

DATA = PROJECT_DIR / "data" / "platforms.yml"
PAGE = "parents/reporting-on-apps-and-games/index.html"
PAGE_PATH = "/parents/reporting-on-apps-and-games/"
# Issue 16, item 7: the apps and games the page must cover, at least.
REQUIRED = ("snapchat", "instagram", "tiktok", "whatsapp", "roblox", "discord", "youtube",
            "fortnite", "xbox", "playstation", "facebook-messenger")
TODAY = dt.date(2026, 12, 2)

GOOD = """\
# A comment, as at the top of the real file.
platforms:
  - id: snapchat
    name: Snapchat
    link: https://values.snap.com/safety/safety-reporting
    covers: How to report a Snap, a chat or an account.
    checked: 2026-12-02

  - id: roblox
    name: Roblox
    link: https://en.help.roblox.com/hc/en-us/articles/203312410
    covers: How to report a chat and block a user.
    checked: 2026-12-02
"""


class PlatformItems(HTMLParser):
    """Each <li id="platform-ID"> of the list: its links and its text."""

    def __init__(self):
        super().__init__()
        self.items, self.current, self.in_list = {}, None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "ul" and "platform-list" in (attrs.get("class") or ""):
            self.in_list = True
        elif self.in_list and tag == "li" and (attrs.get("id") or "").startswith("platform-"):
            self.current = {"links": [], "text": ""}
            self.items[attrs["id"].removeprefix("platform-")] = self.current
        elif self.current is not None and tag == "a":
            self.current["links"].append([attrs.get("href"), ""])

    def handle_endtag(self, tag):
        if tag == "li":
            self.current = None
        elif tag == "ul":
            self.in_list = False

    def handle_data(self, data):
        if self.current is not None:
            self.current["text"] += data


def platform_items(html: str) -> dict:
    parser = PlatformItems()
    parser.feed(html)
    return parser.items


def problems_for(tmp_path, monkeypatch, text):
    """Check a platforms file at data/platforms.yml in a scratch folder, as the build does
    (it names the file relative to the project)."""
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data" / "platforms.yml").write_text(text)
    monkeypatch.chdir(tmp_path)
    return check_platforms(Path("data/platforms.yml"), today=TODAY)


def line_of(text: str, snippet: str, occurrence: int = 1) -> int:
    index = -1
    for _ in range(occurrence):
        index = text.index(snippet, index + 1)
    return text.count("\n", 0, index) + 1


# --- The real data -------------------------------------------------------------------

def test_the_data_file_is_valid_and_covers_the_apps_children_use():
    assert check_platforms(DATA) == []
    ids = [platform.id for platform in load_platforms(DATA)]
    assert not set(REQUIRED) - set(ids), f"missing from {DATA.name}: {set(REQUIRED) - set(ids)}"


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_the_page_lists_every_platform_with_its_link(builder, built_site):
    items = platform_items((built_site / PAGE).read_text())
    platforms = load_platforms(DATA)
    assert list(items) == [platform.id for platform in platforms], "not every platform, or not in order"
    for platform in platforms:
        item = items[platform.id]
        # One link, to the platform's own help page, named by the platform.
        assert [link[0] for link in item["links"]] == [platform.link], platform.id
        assert item["text"].startswith(platform.name), item["text"]
        assert platform.covers in " ".join(item["text"].split()), item["text"]


def test_the_external_link_check_checks_every_platform_link(site_dir, tmp_path, monkeypatch):
    """The links are on the built page, so the weekly check finds them; it also names
    data/platforms.yml, the file to edit. lychee is replaced: no network in tests."""
    on_the_site = site_addresses(site_dir)
    for platform in load_platforms(DATA):
        assert PAGE_PATH in on_the_site.get(platform.link, []), platform.link

    checked = {}

    def fake_check(places, report_path, cache_dir, **options):
        checked.update(places)
        report_path.write_text("")
        return SimpleNamespace(groups={}, failing=False)

    monkeypatch.setattr(external_link_check, "check_external_links", fake_check)
    status = external_link_check.main(["--site-dir", str(site_dir),
                                       "--report", str(tmp_path / "report.md"),
                                       "--cache-dir", str(tmp_path / "cache")])
    assert status == 0
    for platform in load_platforms(DATA):
        assert checked[platform.link][0] == f"data/platforms.yml ({platform.id}: link)"
        assert PAGE_PATH in checked[platform.link]


# --- A bad data file fails, naming data/platforms.yml, the line and the fix -----------

def test_a_good_file_passes(tmp_path, monkeypatch):
    assert problems_for(tmp_path, monkeypatch, GOOD) == []


@pytest.mark.parametrize("old, new, where, message", [
    ("    link: https://values.snap.com/safety/safety-reporting\n", "", "  - id: snapchat",
     "(snapchat): field 'link' is missing; add the https:// address of the platform's own"),
    ("link: https://values.snap.com/", "link: http://values.snap.com/", "link: http://values",
     "starts with http://; use the https:// address of the same page"),
    ("link: https://values.snap.com/safety/safety-reporting", "link: values.snap.com/safety",
     "link: values", "is not a web address starting with https://"),
    ("  - id: roblox", "  - id: snapchat", ("  - id: snapchat", 2),
     "id 'snapchat' is used twice (first on line 3); give each platform its own id"),
    ("checked: 2026-12-02\n\n", "checked: 02/12/2026\n\n", "checked: 02/12",
     "'checked' '02/12/2026' is not a date; write the day you checked the help page, written YYYY-MM-DD"),
    ("checked: 2026-12-02\n\n", "checked: 2026-13-02\n\n", "checked: 2026-13",
     "'checked' '2026-13-02' is not a date"),
    ("checked: 2026-12-02\n\n", "checked: 2027-01-05\n\n", "checked: 2027",
     "'checked' (2027-01-05) is in the future"),
    ("    covers: How to report a Snap, a chat or an account.\n", "    covers:\n", "    covers:",
     "field 'covers' is missing; add one short plain sentence"),
    ("    name: Roblox\n", "    name: Roblox\n    url: https://example.org/\n", "    url:",
     "field 'url' is not known (allowed: id, name, link, covers, checked)"),
], ids=["missing link", "http link", "not a web address", "duplicate id", "date not YYYY-MM-DD",
        "impossible date", "future date", "empty covers", "unknown field"])
def test_a_bad_entry_names_the_file_the_line_and_the_fix(tmp_path, monkeypatch, old, new,
                                                         where, message):
    """`where`: the text on the line the message must name (and which time it occurs)."""
    assert old in GOOD
    text = GOOD.replace(old, new, 1)
    snippet, occurrence = where if isinstance(where, tuple) else (where, 1)
    line = line_of(text, snippet, occurrence)
    problems = problems_for(tmp_path, monkeypatch, text)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"data/platforms.yml:{line} "), problems
    assert message in problems[0], problems


def test_every_problem_is_reported_at_once(tmp_path, monkeypatch):
    text = GOOD.replace("link: https://values", "link: http://values").replace(
        "  - id: roblox", "  - id: snapchat")
    problems = problems_for(tmp_path, monkeypatch, text)
    assert len(problems) == 2, problems
    assert all(p.startswith("data/platforms.yml:") for p in problems)


@pytest.mark.parametrize("text, message", [
    ("platforms: []\n", "the 'platforms' list is empty"),
    ("services: []\n", "must hold a list called 'platforms'"),
    ("platforms: [\n", "this line cannot be read; a list in square brackets needs a ']'"),
], ids=["empty list", "no platforms list", "not YAML"])
def test_a_broken_file_names_the_file(tmp_path, monkeypatch, text, message):
    problems = problems_for(tmp_path, monkeypatch, text)
    assert len(problems) == 1 and problems[0].startswith("data/platforms.yml:"), problems
    assert message in problems[0], problems


def test_the_build_refuses_a_bad_file(tmp_path, monkeypatch):
    """The extension raises the same messages (no full build: the check is the same)."""
    import markdown

    from sitebuild.errors import ContentError
    data = yaml.safe_load(GOOD)
    data["platforms"][1]["link"] = "http://en.help.roblox.com/"
    (tmp_path / "bad.yml").write_text(yaml.safe_dump(data, sort_keys=False))
    with pytest.raises(ContentError, match=r"bad\.yml:\d+ \(roblox\): 'link'"):
        markdown.Markdown(extensions=["sitebuild.extensions.platforms"],
                          extension_configs={"sitebuild.extensions.platforms": {"data": str(tmp_path / "bad.yml")}})
