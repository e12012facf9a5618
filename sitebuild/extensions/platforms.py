"""Where to report and block on each app and game, as a Python-Markdown extension
(MkDocs and Zensical).

data/platforms.yml lists each platform's own safety or reporting help page. A page writes

    /// platforms
    ///

and gets the whole list, in the file's order: each platform's name as a link to its help
page, and what that page covers. When it loads, the extension checks the file
(sitebuild/sources/platforms_data.py) and stops the build naming the file, the line and what to
fix. The links are ordinary links on the built page, so the weekly external link check
finds them too.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from pathlib import Path

from markdown.util import AtomicString
from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block

from sitebuild.extensions.contacts_render import short_address
from sitebuild.errors import check_or_raise
from sitebuild.sources.platforms_data import check_platforms, load_platforms
from sitebuild.sources.site_files import read_once


def render_list(parent, platforms) -> etree.Element:
    """A plain list: a screen reader announces how many platforms there are, and each item
    reads "Snapchat, link: ..." then what the help page covers."""
    items = etree.SubElement(parent, "ul", {"class": "platform-list"})
    for platform in platforms:
        item = etree.SubElement(items, "li", {"id": f"platform-{platform.id}"})
        # data-address: printed after the link text by the print styles, as for contacts.
        link = etree.SubElement(item, "a", {"href": platform.link,
                                            "data-address": short_address(platform.link)})
        link.text = AtomicString(platform.name)
        link.tail = AtomicString(f": {platform.covers}")
    return items


class PlatformList(Block):
    """`/// platforms`: every entry of data/platforms.yml."""

    NAME = "platforms"

    def on_create(self, parent):
        return render_list(parent, self.config["platforms"])


class PlatformsExtension(BlocksExtension):
    def __init__(self, **kwargs):
        self.config = {"data": ["data/platforms.yml", "Where to report on each app and game"]}
        super().__init__(**kwargs)

    def extendMarkdownBlocks(self, md, block_mgr):  # noqa: N802 (pymdownx's name)
        data = Path(self.getConfig("data"))
        check_or_raise("platforms data", (data,), lambda: check_platforms(data))
        block_mgr.register(PlatformList, {"platforms": read_once(load_platforms, data)})


def makeExtension(**kwargs):  # noqa: N802 (Python-Markdown's name)
    return PlatformsExtension(**kwargs)
