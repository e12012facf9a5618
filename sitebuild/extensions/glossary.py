"""The glossary, as a Python-Markdown extension (MkDocs and Zensical): one file, two uses.

data/glossary.yml is the single source of every term and abbreviation on the site:

- Every abbreviation in it (an entry with `stands_for`) is given to the `abbr`
  extension as its glossary, so it renders as <abbr title="..."> and Material's
  `content.tooltips` shows the meaning on hover. The first use on a page that is not
  inside a link can also take keyboard focus, so the meaning shows on focus too.
- The Glossary page writes

      /// glossary
      ///

  and gets every entry as a definition list.

When it loads, the extension checks the file and stops the build naming the file and line
of any entry without a term or a definition. Abbreviations that no page uses are printed
as a note, not treated as errors.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from pathlib import Path

from markdown.extensions.abbr import AbbrExtension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block

from sitebuild.extensions.options import path_options
from sitebuild.extensions.contact_usage import check_entries_contacts
from sitebuild.sources.contacts_data import load_contacts
from sitebuild.errors import ContentError, check_or_raise, checked_elsewhere
from sitebuild.sources.glossary_data import abbreviations, check_glossary, load_glossary, unused_abbreviations
from sitebuild.sources.site_files import fingerprint, read_once

# Notes already printed, by the state of the files, so a build prints each note once.
_printed: set[tuple] = set()


def term_id(term: str) -> str:
    """The anchor of a term on the Glossary page: "Sarah's Law" -> "sarahs-law"."""
    return re.sub(r"[^a-z0-9]+", "-", term.casefold().replace("'", "")).strip("-")


class FocusFirstAbbreviation(Treeprocessor):
    """Lets keyboard users reach each abbreviation's meaning: the first <abbr> of each kind
    on a page takes focus (tabindex=0), unless it sits inside a link, which already does."""

    def run(self, root):
        seen: set[str] = set()

        def visit(element, in_link: bool):
            for child in element:
                if child.tag == "abbr" and not in_link and child.text not in seen:
                    seen.add(child.text)
                    child.set("tabindex", "0")
                visit(child, in_link or child.tag == "a")

        visit(root, False)


class GlossaryList(Block):
    """`/// glossary`: every entry of data/glossary.yml as a definition list."""

    NAME = "glossary"

    def on_create(self, parent):
        dl = etree.SubElement(parent, "dl", {"class": "glossary"})
        for term in self.config["terms"]:
            # The term itself is plain text: its meaning is right beside it.
            dt = etree.SubElement(dl, "dt", {"id": term_id(term.term)})
            dt.text = AtomicString(term.term)
            dd = etree.SubElement(dl, "dd")
            if term.stands_for:
                stands_for = etree.SubElement(dd, "p", {"class": "glossary__stands-for"})
                stands_for.text = f"Stands for: {term.stands_for}."
            definition = etree.SubElement(dd, "p")
            definition.text = term.definition
        return dl


class GlossaryExtension(BlocksExtension):
    def __init__(self, **kwargs):
        self.config = path_options("docs_dir", "contacts",
                                   data=("data/glossary.yml", "The glossary data file"))
        super().__init__(**kwargs)

    def extendMarkdownBlocks(self, md, block_mgr):  # noqa: N802 (pymdownx's name)
        data, docs_dir = Path(self.getConfig("data")), Path(self.getConfig("docs_dir"))
        abbr = next((ext for ext in md.registeredExtensions if isinstance(ext, AbbrExtension)), None)
        if abbr is None:
            raise ContentError("sitebuild.extensions.glossary needs the 'abbr' extension: list `- abbr` "
                               "before it under markdown_extensions in mkdocs.yml.")
        contacts = Path(self.getConfig("contacts"))
        check_or_raise("glossary", (data,), lambda: check_glossary(data))
        terms = read_once(load_glossary, data)
        definitions = [(term.definition, term.line) for term in terms]
        check_or_raise("glossary contacts", (data, contacts),
                       lambda: check_entries_contacts(definitions, data, contacts))
        self._note_unused(terms, data, docs_dir, contacts)

        # Straight into abbr's glossary, not as `*[CEOP]: ...` lines added to each page:
        # abbr's block processor takes those one line at a time and every block processor
        # tests the rest again, which cost about 2.5 s of each build (quadratic in lines).
        abbr.load_glossary(abbreviations(terms))
        abbr.abbrs.update(abbr.glossary)
        # Just after `abbr` (priority 7) has turned abbreviations into <abbr> elements.
        md.treeprocessors.register(FocusFirstAbbreviation(md), "glossary_focus", 6.9)
        block_mgr.register(GlossaryList, {"terms": terms})

    @staticmethod
    def _note_unused(terms, data: Path, docs_dir: Path, contacts: Path) -> None:
        if checked_elsewhere():
            return  # the content checks print it, and build_site passes it on
        state = fingerprint(data, docs_dir, contacts)
        if state in _printed:
            return
        _printed.add(state)
        services = read_once(load_contacts, contacts).services
        contact_text = {i: f"{s['name']} {s['run_by']}" for i, s in services.items()}
        unused = unused_abbreviations(terms, docs_dir, contact_text)
        if unused:
            print(f"Note (not an error): abbreviations in {data.as_posix()} that no page uses: "
                  f"{', '.join(unused)}. Remove them if they are no longer needed.")


def makeExtension(**kwargs):  # noqa: N802 (Python-Markdown's name)
    return GlossaryExtension(**kwargs)
