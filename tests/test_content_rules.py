"""Content rules from the December review that the built site can show are kept: the nation
box near the top of every school and club page, the LADO in Wales, the five UKCIS
immediate-referral situations, the KCSIE edition, the NSPCC Helpline's hours beside its
number in urgent boxes, and nude images between young people never called "not a crime".

Each failure names the page and what to change in it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from sitebuild.build_site import PROJECT_DIR
from sitebuild.sources.contacts_data import load_contacts
from sitebuild.extensions.contacts_render import first_phone, hours_text, short_hours
from sitebuild.checks.readability import main_text
from sitebuild.sources.site_files import built_pages
from site_pages import html_file_for, nav_pages

CONTACTS = load_contacts(PROJECT_DIR / "data" / "contacts.yml")
PAGES = nav_pages()
NATIONS = ("Wales", "Scotland", "Northern Ireland")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


# --- A small tree of the built HTML ---------------------------------------------------------

@dataclass
class Node:
    tag: str
    attrs: dict
    children: list = field(default_factory=list)  # Nodes and strings, in document order

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def walk(self):
        """This node and everything in it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.walk()
            else:
                yield child

    def text(self) -> str:
        return " ".join("".join(p for p in self.walk() if isinstance(p, str)).split())


class _Tree(HTMLParser):
    def __init__(self):
        super().__init__()
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, dict(attrs)))

    def handle_endtag(self, tag):
        if any(node.tag == tag for node in self.stack[1:]):
            while self.stack.pop().tag != tag:
                pass

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def tree(path) -> Node:
    parser = _Tree()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.root


def article(url: str, site) -> Node:
    root = tree(site / html_file_for(url))
    return next(n for n in root.walk() if isinstance(n, Node) and n.tag == "article"
                and "md-content__inner" in n.classes)


def first_screenful(page: Node) -> list:
    """The article up to its second h2 (the review box's heading counts): nodes and text."""
    found, h2s = [], 0
    for part in page.walk():
        if isinstance(part, Node) and part.tag == "h2":
            h2s += 1
            if h2s == 2:
                break
        found.append(part)
    return found


def sentences(url: str, site) -> list[str]:
    """The page's own prose (no contact cards or review box), sentence by sentence."""
    text = main_text((site / html_file_for(url)).read_text(encoding="utf-8"))
    return [s for block in text.splitlines() for s in re.split(r"(?<=[.!?])\s+", block) if s]


def pages_under(*folders: str) -> list[tuple[str, str]]:
    return [(url, source) for url, source in PAGES if source.startswith(folders)]


# --- (a) The nation box near the top of every school and club page -------------------------

def test_school_and_club_pages_say_what_differs_by_nation_near_the_top(site_dir):
    failures = []
    for url, source in pages_under("schools/", "organisations/"):
        top = first_screenful(article(url, site_dir))
        boxes = [n for n in top if isinstance(n, Node) and "nation-box" in n.classes]
        if not boxes:
            failures.append(f"docs/{source}: add a <div class=\"nation-box\" markdown> box right "
                            f"after the \"What to do now\" box (before the second heading), saying "
                            f"what differs in Wales, Scotland and Northern Ireland")
            continue
        missing = [nation for nation in NATIONS if nation not in boxes[0].text()]
        if missing:
            failures.append(f"docs/{source}: the nation box does not mention {', '.join(missing)}")
    assert not failures, "\n".join(failures)


# --- (b) The LADO is not England-only ------------------------------------------------------

ENGLAND_ONLY = re.compile(r"role in England|England[- ]only|only in England|only exists? in "
                          r"England|only for England", re.IGNORECASE)


def test_no_page_says_the_lado_is_england_only(site_dir):
    failures = [f"docs/{source}: says the LADO is England-only: \"{sentence}\". Wales has one too "
                f"(the Designated Officer for Safeguarding, Wales Safeguarding Procedures "
                f"section 5): say what happens in each nation instead"
                for url, source in PAGES for sentence in sentences(url, site_dir)
                if "LADO" in sentence and ENGLAND_ONLY.search(sentence)]
    assert not failures, "\n".join(failures)


def test_the_lado_contact_covers_wales():
    assert "wales" in CONTACTS["lado"]["nations"], (
        "data/contacts.yml (lado): add wales to 'nations': Wales has a Designated Officer "
        "for Safeguarding, often called the LADO")


# --- (c) The five UKCIS immediate-referral situations, in one list ------------------------

UKCIS_SITUATIONS = {
    "an adult involved": re.compile(r"\badults?\b", re.IGNORECASE),
    "coercion, blackmail or grooming, or concerns about capacity to consent":
        re.compile(r"coerc|blackmail|groom|consent", re.IGNORECASE),
    "sexual acts unusual for the child's development, or violent":
        re.compile(r"unusual|developmental|violen", re.IGNORECASE),
    "a child under 13 in the images": re.compile(r"\bunder[\s-]13", re.IGNORECASE),
    "a child at risk of self-harm or suicide": re.compile(r"self-harm|suicid", re.IGNORECASE),
}


def test_the_nudes_page_lists_all_five_immediate_referral_situations(site_dir):
    source = "schools/nudes-and-semi-nudes.md"
    page = article("schools/nudes-and-semi-nudes/", site_dir)
    best = []
    for node in page.walk():
        if isinstance(node, Node) and node.tag in ("ul", "ol"):
            items = [c.text() for c in node.children if isinstance(c, Node) and c.tag == "li"]
            named = [name for name, pattern in UKCIS_SITUATIONS.items()
                     if any(pattern.search(item) for item in items)]
            best = max(best, named, key=len)
    missing = [name for name in UKCIS_SITUATIONS if name not in best]
    assert not missing, (
        f"docs/{source}: list all five UKCIS situations that need an immediate referral to "
        f"the police or children's social care in one list, in the DSL section. The fullest "
        f"list lacks: {'; '.join(missing)}")


# --- (d) Each school page says which KCSIE edition it follows ------------------------------

KCSIE = r"(?:KCSIE|Keeping children safe in education)"
EDITION = re.compile(rf"\b{KCSIE}\b[^.]{{0,40}}?\b(?:19|20)\d\d\b|\b(?:19|20)\d\d\b[^.]{{0,25}}?"
                     rf"\b{KCSIE}\b", re.IGNORECASE)


def test_each_school_page_says_which_kcsie_edition_it_follows(site_dir):
    failures = []
    for url, source in pages_under("schools/"):
        top = " ".join(" ".join(p for p in first_screenful(article(url, site_dir))
                                if isinstance(p, str)).split())
        if not EDITION.search(top):
            failures.append(f"docs/{source}: say near the top (before the second heading) which "
                            f"edition of KCSIE the page follows, such as \"This page follows "
                            f"KCSIE 2025\"")
    assert not failures, "\n".join(failures)


# --- (e) The NSPCC Helpline's hours beside its number in every urgent box ------------------

# When the helpline is closed: police 101 (a tel: link) or the council's out-of-hours team.
FALLBACK = "tel:" + first_phone(CONTACTS["police-101"], "voice")["e164"]
OUT_OF_HOURS = re.compile(r"out[- ]of[- ]hours", re.IGNORECASE)


def test_urgent_boxes_give_the_nspcc_helplines_hours_and_what_to_do_when_it_is_closed(site_dir):
    nspcc = CONTACTS["nspcc-helpline"]
    number = "tel:" + first_phone(nspcc, "voice")["e164"]
    hours = {" ".join(hours_text(nspcc).split()), " ".join(short_hours(nspcc).split())}
    sources = {html_file_for(url): f"docs/{source}" for url, source in PAGES}
    sources["404.html"] = "the 404 page (urgent_help in sitebuild/extensions/contacts_render.py)"
    failures, boxes = [], 0
    for path in built_pages(site_dir):
        page = path.relative_to(site_dir).as_posix()
        for node in tree(path).walk():
            if not (isinstance(node, Node) and "urgent-box" in node.classes):
                continue
            if not any(isinstance(a, Node) and a.tag == "a" and a.attrs.get("href") == number
                       for a in node.walk()):
                continue
            boxes += 1
            if not any(text in node.text() for text in hours):
                failures.append(f"{sources.get(page, page)}: the urgent box gives the NSPCC "
                                f"Helpline's number without its hours; add "
                                f"[[hours:nspcc-helpline]] beside [[phone:nspcc-helpline]]")
            if not (any(isinstance(a, Node) and a.tag == "a" and a.attrs.get("href") == FALLBACK
                        for a in node.walk()) or OUT_OF_HOURS.search(node.text())):
                failures.append(f"{sources.get(page, page)}: the urgent box gives the NSPCC "
                                f"Helpline's number but not what to do when it is closed; add "
                                f"the police on [[phone:police-101]] or the council's "
                                f"out-of-hours children's services team")
    assert boxes, "no urgent box gives the NSPCC Helpline's number: is the test still right?"
    assert not failures, "\n".join(failures)


# --- (f) Sharing nudes between young people is never "not a crime" -------------------------

NOT_A_CRIME = re.compile(r"\b(?:not|n't) (?:a crime|illegal|a criminal offence)", re.IGNORECASE)
IMAGES = re.compile(r"nude|image|picture|photo|sexting|shar", re.IGNORECASE)


def test_no_page_says_sharing_nudes_between_young_people_is_not_a_crime(site_dir):
    failures = [f"docs/{source}: \"{sentence}\": it is still a crime; say instead that the "
                f"police may decide taking it further is not in the public interest, and that "
                f"schools often handle it through the safeguarding lead (UKCIS)"
                for url, source in PAGES for sentence in sentences(url, site_dir)
                if NOT_A_CRIME.search(sentence) and IMAGES.search(sentence)]
    assert not failures, "\n".join(failures)


# --- The nation box's style: calm, clear and readable in greyscale --------------------------

STYLES = """box => {
  const style = getComputedStyle(box);
  return {color: style.color, background: style.backgroundColor,
          left: [style.borderLeftStyle, parseFloat(style.borderLeftWidth), style.borderLeftColor],
          top: [style.borderTopStyle, parseFloat(style.borderTopWidth)]};
}"""


def _luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, two: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_nation_box_is_calm_clear_and_readable_in_greyscale(site_url, browser):
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(f"{site_url}/schools/")
        nation = page.locator(".nation-box").first.evaluate(STYLES)
        urgent = page.locator(".urgent-box").first.evaluate(STYLES)
        # Body text at least 7:1 (WCAG AAA), in both colour schemes.
        assert contrast(nation["color"], nation["background"]) >= 7, (scheme, nation)
        # A solid left rule, which paper in greyscale keeps, plus an outline that the urgent
        # box does not have: the two never rely on colour alone to look different.
        style, width, colour = nation["left"]
        assert style == "solid" and width >= 4, (scheme, nation)
        assert contrast(colour, "rgb(255, 255, 255)") >= 3, "the left rule is too faint on paper"
        assert nation["top"][0] == "solid" and urgent["top"][0] == "none", (nation, urgent)
        assert nation["background"] != urgent["background"]
        page.emulate_media(media="print")
        printed = page.locator(".nation-box").first.evaluate(STYLES)
        assert printed["left"][0] == "solid" and printed["left"][1] >= 4, printed
        context.close()
