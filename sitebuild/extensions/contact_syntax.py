"""Contact syntax for content authors, as a Python-Markdown extension (MkDocs and Zensical).

In a page:

    Call [[phone:nspcc-helpline]] or email [[email:nspcc-helpline]].

    /// contact | nspcc-helpline
    ///

    /// contact | childline
        style: short
    ///

Kinds for [[KIND:ID]]: phone, textphone, email, web, report, name, hours, ages.

When it loads, the extension checks data/contacts.yml and every page's use of it, and
stops the build naming the file and line of any mistake, including a service's opening
hours or age limit typed into a page instead of [[hours:ID]] or [[ages:ID]]
(sitebuild/extensions/service_facts.py). It also writes the theme
partials that show contacts outside page text (the "Get help now" strip, the 404 page's
urgent help and the line beside "Report a problem with this page") into
overrides/partials/generated/, which git ignores.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from pathlib import Path

from markdown.inlinepatterns import InlineProcessor
from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block, type_string_in

from sitebuild.extensions.options import SHARED, path_options
from sitebuild.extensions.contact_usage import check_docs_contacts
from sitebuild.sources.contacts_data import Contacts, check_contacts, load_contacts
from sitebuild.extensions.contacts_render import (INLINE_KINDS, card, help_strip, inline, report_warning,
                                       urgent_help)
from sitebuild.errors import ContentError, ProblemsRecorded, check_or_record
from sitebuild.extensions.service_facts import check_docs_facts
from sitebuild.sources.site_files import fingerprint, read_once, write_if_changed

INLINE_PATTERN = r"\[\[(?P<kind>[a-z]+):(?P<id>[a-z0-9-]+)\]\]"


class ContactInline(InlineProcessor):
    def __init__(self, pattern, md, contacts):
        super().__init__(pattern, md)
        self.contacts = contacts

    def handleMatch(self, m, data):  # noqa: N802 (Python-Markdown's name)
        kind, service_id = m.group("kind"), m.group("id")
        if kind not in INLINE_KINDS or service_id not in self.contacts.services:
            # Only reachable from text the page check cannot see (such as snippets).
            raise ContentError(f"unknown contact '{m.group(0)}': use an id from data/contacts.yml")
        html = inline(self.contacts[service_id], kind)
        return self.md.htmlStash.store(html), m.start(0), m.end(0)


class ContactCard(Block):
    NAME = "contact"
    ARGUMENT = True
    OPTIONS = {"style": ("full", type_string_in(["full", "short"]))}

    def on_create(self, parent):
        service_id = self.argument.strip()
        contacts = self.config["contacts"]
        if service_id not in contacts.services:
            raise ContentError(f"contact card for unknown id '{service_id}'")
        self.service = contacts[service_id]
        return etree.SubElement(parent, "div", {
            "class": f"contact-card contact-card--{self.options['style']}",
            "role": "group", "aria-label": self.service["name"]})

    def on_end(self, block):
        block.text = self.md.htmlStash.store(card(self.service, self.options["style"]))


# The theme partials made from the contacts data, by file name.
PARTIALS = {"help-strip.html": help_strip, "urgent-help.html": urgent_help,
            "report-warning.html": report_warning}
# (contacts state, partials folder) already written: a build creates one Markdown
# instance per page, and the partials depend on the contacts data alone.
_written: set[tuple[tuple, Path]] = set()


def _write_partials(contacts: Contacts, state: tuple, partials: Path) -> None:
    key = (state, partials.resolve())
    if key in _written and all((partials / name).exists() for name in PARTIALS):
        return
    for name, render in PARTIALS.items():
        write_if_changed(partials / name, render(contacts) + "\n")
    _written.add(key)


class ContactsExtension(BlocksExtension):
    def __init__(self, **kwargs):
        # Its data file is the contacts file.
        self.config = path_options("docs_dir", "partials_dir", data=SHARED["contacts"])
        super().__init__(**kwargs)

    def extendMarkdownBlocks(self, md, block_mgr):  # noqa: N802 (pymdownx's name)
        data, docs_dir = Path(self.getConfig("data")), Path(self.getConfig("docs_dir"))
        # While a build collects every problem, the pages are checked even when the data
        # has a problem, as long as it can be read.
        valid = [check_or_record("contacts data", (data,), lambda: check_contacts(data))]
        contacts = read_once(load_contacts, data)
        valid.append(check_or_record("contact syntax", (data, docs_dir),
                                     lambda: check_docs_contacts(docs_dir, contacts)))
        # Opening hours and age limits come from the data too, never typed in prose.
        valid.append(check_or_record("service facts", (data, docs_dir),
                                     lambda: check_docs_facts(docs_dir, contacts)))
        if not all(valid):
            raise ProblemsRecorded("contacts", [])

        _write_partials(contacts, fingerprint(data), Path(self.getConfig("partials_dir")))

        block_mgr.register(ContactCard, {"contacts": contacts})
        # Before Python-Markdown's link patterns, so [[...]] is never read as a link.
        md.inlinePatterns.register(ContactInline(INLINE_PATTERN, md, contacts), "contact", 175)


def makeExtension(**kwargs):  # noqa: N802 (Python-Markdown's name)
    return ContactsExtension(**kwargs)
