"""Follow a redirecting address to its final address, for the external link report.

lychee is told not to follow redirects (see lychee.toml), so it reports a 3xx answer
and this finds where the link should point now. Only redirected links come here, one
request at a time, so it adds little load on anyone's site.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass


@dataclass(frozen=True)
class Destination:
    url: str | None  # the final address, or None if it could not be reached
    status: int | None  # the final address's status
    problem: str = ""  # why the final address could not be reached


def follow_redirects(url: str, timeout: float, user_agent: str) -> Destination:
    """Where url ends up after every redirect (urllib follows up to 10)."""
    request = urllib.request.Request(url, headers={"User-Agent": user_agent})
    try:
        # GET, as lychee asks: some servers answer HEAD differently. The body is not read.
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Destination(response.geturl(), response.status)
    except urllib.error.HTTPError as error:
        # The final address answered, with an error status.
        return Destination(error.geturl(), error.code)
    except (urllib.error.URLError, OSError, ValueError) as error:
        return Destination(None, None, str(getattr(error, "reason", error)))
