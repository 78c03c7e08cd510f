"""Local calendar dates for the web layer (timestamps stay UTC; 'today' is Norwegian)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

OSLO = ZoneInfo("Europe/Oslo")


def today_local() -> dt.date:
    """Today's date in Norway (a class day starts at midnight in Oslo, not in UTC)."""
    return dt.datetime.now(OSLO).date()
