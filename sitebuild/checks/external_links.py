"""Every address on another site that the site links to or the contacts data names.

Each address comes with the places it was found, so the report can say what to edit:
data/contacts.yml entries first (most pages' contact details come from there), then
the built pages, as site paths such as /report/ceop/.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from sitebuild.checks.html_links import site_links
from sitebuild.sources.contacts_data import load_contacts

WEB_SCHEMES = ("http", "https")


def _is_web_address(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.netloc)


def _site_path(page: str) -> str:
    """parents/index.html -> /parents/, 404.html -> /404.html"""
    if page == "index.html":
        return "/"
    if page.endswith("/index.html"):
        return "/" + page[:-len("index.html")]
    return "/" + page


def _data_addresses(value, where: str):
    """(address, place) for every web address anywhere in a YAML value."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _data_addresses(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for item in value:
            yield from _data_addresses(item, where)
    elif isinstance(value, str) and _is_web_address(value):
        yield value, where


def contacts_addresses(contacts_file: Path, label: str = "data/contacts.yml") -> dict[str, list[str]]:
    contacts = load_contacts(contacts_file)
    found: dict[str, list[str]] = {}
    for key in ("licence", "licence_url"):
        for address, field in _data_addresses(getattr(contacts, key), key):
            found.setdefault(address, []).append(f"{label} ({field})")
    for service_id, service in contacts.services.items():
        for address, field in _data_addresses(service, ""):
            found.setdefault(address, []).append(f"{label} ({service_id}: {field})")
    return found


def site_addresses(site_dir: Path, own_site: str = "") -> dict[str, list[str]]:
    """Web addresses on the built pages, except the site's own (checked offline)."""
    found: dict[str, list[str]] = {}
    for link in site_links(site_dir):
        if _is_web_address(link.value) and not (own_site and link.value.startswith(own_site)):
            places = found.setdefault(link.value, [])
            if _site_path(link.page) not in places:
                places.append(_site_path(link.page))
    return found


def external_addresses(site_dir: Path, contacts_file: Path, own_site: str = "") -> dict[str, list[str]]:
    """Every external address, sorted, each with where it was found."""
    found = contacts_addresses(contacts_file)
    for address, places in site_addresses(site_dir, own_site).items():
        found.setdefault(address, []).extend(places)
    return {address: found[address] for address in sorted(found)}
