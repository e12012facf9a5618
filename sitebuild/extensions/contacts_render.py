"""Turn contacts data into HTML: inline links, contact cards and the "Get help now" strip.

Every contact on the site is rendered here, so a number looks and dials the same
everywhere: on pages, in the strip, on the 404 page and on printed sheets.
"""

from __future__ import annotations

from html import escape

NATION_NAMES = {"england": "England", "wales": "Wales", "scotland": "Scotland",
                "northern-ireland": "Northern Ireland"}
ANONYMOUS_ANSWERS = {"yes": "Yes.", "no": "No.", "partly": "Partly."}
# What [[kind:id]] can show, and the phone kind each phone-like kind picks.
INLINE_KINDS = ("phone", "textphone", "email", "web", "report", "name", "hours", "ages")
PHONE_KIND = {"phone": "voice", "textphone": "textphone"}


def short_address(url: str) -> str:
    """https://www.example.org/page/ -> example.org/page: readable on screen and on paper."""
    address = url.split("://", 1)[-1]
    address = address[4:] if address.startswith("www.") else address
    return address.rstrip("/")


def first_phone(service: dict, kind: str) -> dict | None:
    return next((p for p in service["phones"] if p["kind"] == kind), None)


def missing_reason(service: dict, kind: str) -> str | None:
    """Why [[kind:id]] cannot be shown for this service, or None if it can."""
    if kind in PHONE_KIND and not first_phone(service, PHONE_KIND[kind]):
        return f"{service['name']} has no {kind} number"
    if kind in ("email", "web", "report") and not service.get(kind):
        return f"{service['name']} has no {kind} address"
    if kind == "ages" and not service.get("ages"):
        return f"{service['name']} has no age limit in data/contacts.yml"
    return None


def phone_link(number: dict) -> str:
    return (f'<a class="contact-tel" href="tel:{escape(number["e164"])}">'
            f'{escape(number["display"])}</a>')


def web_link(url: str, text: str | None = None) -> str:
    """A link to another site. When its text is not the address, data-address carries the
    short address, which the print styles write after the text."""
    address = short_address(url)
    if text is None or text == address:
        return f'<a class="is-address" href="{escape(url)}">{escape(address)}</a>'
    return f'<a href="{escape(url)}" data-address="{escape(address)}">{escape(text)}</a>'


def inline(service: dict, kind: str) -> str:
    """The HTML for [[kind:id]]."""
    if kind in PHONE_KIND:
        return phone_link(first_phone(service, PHONE_KIND[kind]))
    if kind == "email":
        return f'<a href="mailto:{escape(service["email"])}">{escape(service["email"])}</a>'
    if kind == "web":
        return web_link(service["web"])
    if kind == "report":
        return web_link(service["report"]["url"], service["report"]["label"])
    if kind == "name":
        return web_link(service["web"], service["name"]) if service.get("web") else escape(service["name"])
    if kind == "hours":
        return escape(hours_text(service))
    if kind == "ages":
        # Written to stand inside a sentence: "for anyone [[ages:childline]]" reads
        # "for anyone under 19".
        return escape(service["ages"][0].lower() + service["ages"][1:])
    raise ValueError(f"unknown contact kind {kind!r}")


def hours_text(service: dict) -> str:
    if service.get("hours"):
        return service["hours"]
    if service.get("web"):
        return f"Check opening times on {short_address(service['web'])}"
    return "Check opening times locally"


def short_hours(service: dict) -> str:
    """The hours in a few words, for the help strip: `hours_short` where the data has it."""
    return service.get("hours_short") or hours_text(service)


def nations_text(nations: list[str]) -> str:
    if len(nations) == len(NATION_NAMES):
        return "Anywhere in the UK"
    names = [NATION_NAMES[n] for n in nations]
    return names[0] + " only" if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def _row(term: str, detail_html: str) -> str:
    return f"<dt>{escape(term)}</dt><dd>{detail_html}</dd>"


def _ways_to_contact(service: dict) -> list[str]:
    rows = []
    for number in service["phones"] + service["texts"]:
        rows.append(_row(number["label"], phone_link(number)))
    if service.get("email"):
        rows.append(_row("Email", inline(service, "email")))
    if service.get("report"):
        rows.append(_row("Online", inline(service, "report")))
    if service.get("web") and not (service.get("report") and service["report"]["url"] == service["web"]):
        rows.append(_row("Website", inline(service, "web")))
    return rows


def card(service: dict, style: str = "full") -> str:
    """A contact card: who it is for, how to get in touch, when it is open, what happens next."""
    rows = [_row("For", escape(service["for_whom"]))]
    rows += _ways_to_contact(service)
    rows.append(_row("Open", escape(hours_text(service))))
    if service.get("access"):
        rows.append(_row("If you cannot speak or hear", _list(service["access"])))
    if style == "full":
        rows.append(_row("Contact them about", _list(service["contact_about"])))
        if service["not_for"]:
            rows.append(_row("Not for", _list(service["not_for"])))
        rows.append(_row("Cost", escape(service["cost"])))
        rows.append(_row("Where", escape(nations_text(service["nations"]))))
        anonymous = service["anonymous"]
        rows.append(_row("Can you stay anonymous?",
                         escape(f"{ANONYMOUS_ANSWERS[anonymous['answer']]} {anonymous['note']}")))
    rows.append(_row("What happens next", escape(service["what_happens_next"])))
    return (f'<p class="contact-card__name"><strong>{escape(service["name"])}</strong>'
            f'<span class="contact-card__run-by">{escape(service["run_by"])}</span></p>'
            f'<dl class="contact-card__details">{"".join(rows)}</dl>')


def help_strip(contacts) -> str:
    """The "Get help now" strip at the top of every page.

    Short enough for the first screen of a phone: 999, the NSPCC's number and the contact
    guide always show; the helpline's hours, CEOP and Childline open from "More help" (a
    <details>: it opens without JavaScript, and on paper the strip is left out)."""
    police, police_101, ceop, nspcc, childline = (contacts[i] for i in (
        "police-999", "police-101", "ceop-safety-centre", "nspcc-helpline", "childline"))
    return (
        '<nav class="help-strip" aria-label="Get help now">'
        '<p class="help-strip__urgent"><strong>Child in danger now?</strong> '
        f'Call {inline(police, "phone")}</p>'
        f'<p class="help-strip__advice">Need advice? NSPCC {inline(nspcc, "phone")}</p>'
        # The theme's url filter makes the address work from any page, the 404 page
        # included: this HTML is included as a theme template.
        '<p class="help-strip__guide"><a href="{{ "report/who-should-i-contact/" | url }}">'
        'Who should I contact?</a></p>'
        '<details class="help-strip__more"><summary>More help</summary>'
        '<ul class="help-strip__routes">'
        # The helpline is not open all night: its hours, and what to do when it is closed.
        f'<li>NSPCC Helpline: {escape(short_hours(nspcc))}. When it is closed, police '
        f'{inline(police_101, "phone")}</li>'
        # Narrow on purpose: CEOP is not for bullying, fake or hacked accounts.
        f'<li>Online sexual abuse or grooming: {inline(ceop, "report")}</li>'
        f'<li>{escape(childline["ages"])}: Childline {inline(childline, "phone")}</li>'
        '</ul></details></nav>'
    )


def urgent_help(contacts) -> str:
    """The first thing on the 404 page: how to get help at once."""
    police, police_101, nspcc = (contacts[i] for i in ("police-999", "police-101", "nspcc-helpline"))
    return (
        '<div class="urgent-box"><p><strong>If a child is in immediate danger, call '
        f'{inline(police, "phone")} now.</strong></p>'
        f'<p>For advice about a worry, call the NSPCC Helpline on {inline(nspcc, "phone")} '
        f'({escape(short_hours(nspcc))}). When it is closed, call the police on '
        f'{inline(police_101, "phone")}.</p></div>'
    )


def report_warning(contacts) -> str:
    """The line beside each page's "Report a problem with this page" link (partials/
    page-review.html): the issue form is public, so where a worry about a child goes."""
    police, nspcc = contacts["police-999"], contacts["nspcc-helpline"]
    return (
        '<p class="page-report__warning">The form is on GitHub and anyone can read it: do not '
        'include anything about a child, a family or yourself. If you are worried about a '
        f'child, contact the NSPCC Helpline on {inline(nspcc, "phone")}, or call '
        f'{inline(police, "phone")} if a child is in danger now.</p>'
    )
