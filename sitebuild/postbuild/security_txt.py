"""Write /.well-known/security.txt (RFC 9116) when the site has a contact for reports.

RFC 9116 requires a Contact (an https:, mailto: or tel: address) and an Expires date
less than a year ahead. The project has no public contact yet, and inventing one would
send reports nowhere, so the file is written only when the SECURITY_CONTACT environment
variable (the deploy workflow passes the repository variable of that name) holds one or
more such addresses, separated by spaces. Without it, no file: no file is better than a
wrong one. Expires is the build date plus EXPIRES_AFTER, so each deploy renews it.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from sitebuild.errors import ContentError

EXPIRES_AFTER = dt.timedelta(days=180)
SCHEMES = ("https://", "mailto:", "tel:")


def security_txt(contacts: list[str], site_url: str, now: dt.datetime) -> str:
    bad = [contact for contact in contacts if not contact.startswith(SCHEMES)]
    if bad:
        raise ContentError(f"SECURITY_CONTACT: {', '.join(bad)} must each start with "
                           f"{', '.join(SCHEMES)} (RFC 9116).")
    expires = (now + EXPIRES_AFTER).astimezone(dt.timezone.utc).replace(microsecond=0)
    lines = [
        "# How to report a security problem with this website, or a safeguarding error",
        "# in its guidance (wrong or unsafe advice). If a child is in danger now, call 999.",
        *[f"Contact: {contact}" for contact in contacts],
        f"Expires: {expires.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: en",
    ]
    if site_url:
        lines.append(f"Canonical: {site_url.rstrip('/')}/.well-known/security.txt")
    return "\n".join(lines) + "\n"


def write_security_txt(site_dir: Path, site_url: str = "",
                       now: dt.datetime | None = None) -> Path | None:
    """Write the file if SECURITY_CONTACT is set; return its path, or None."""
    contacts = os.environ.get("SECURITY_CONTACT", "").split()
    if not contacts:
        return None
    target = site_dir / ".well-known" / "security.txt"
    target.parent.mkdir(exist_ok=True)
    now = now or dt.datetime.now(dt.timezone.utc)
    target.write_text(security_txt(contacts, site_url, now), encoding="utf-8")
    return target
