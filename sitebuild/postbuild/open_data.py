"""Publish the contacts data as open data: /contacts.json in the built site.

Schools and councils can reuse it under the content licence. Written after the build
by sitebuild.build_site, so it is the same under MkDocs and Zensical.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sitebuild.sources.contacts_data import check_contacts, load_contacts


def _plain(value):
    """YAML dates become ISO strings in JSON."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def contacts_json(data_file: Path) -> str:
    problems = check_contacts(data_file)
    if problems:
        raise ValueError("\n".join(problems))
    contacts = load_contacts(data_file)
    document = {
        "title": "UK helplines and reporting routes for worries about a child",
        "description": "Every service named on the site, with how to contact it, who it is "
                       "for and when each entry was last checked against the service's own page.",
        "licence": contacts.licence,
        "licence_url": contacts.licence_url,
        "warning": "Check details with the service before you publish them: numbers and "
                   "opening times change.",
        "services": _plain(list(contacts.services.values())),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write_open_data(site_dir: Path, data_file: Path) -> Path:
    target = site_dir / "contacts.json"
    target.write_text(contacts_json(data_file), encoding="utf-8")
    return target
