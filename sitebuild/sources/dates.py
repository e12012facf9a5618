"""Dates as the site writes them for readers."""

from __future__ import annotations

import datetime as dt

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def long_date(day: dt.date) -> str:
    """29 November 2026, as on the rest of the site."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
