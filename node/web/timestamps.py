"""Stored UTC timestamps shown as Dutch local time, in the visitor's language."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime

from node.community.clock import parse_iso
from node.web.i18n import current_language

LOCAL_ZONE = ZoneInfo("Europe/Amsterdam")


def local_datetime(stored: str | None) -> str:
    """'3 maart 2026 14:05' for '2026-03-03T13:05:00Z'; empty for None."""
    if not stored:
        return ""
    moment = parse_iso(stored)
    return format_datetime(moment, "d MMMM y HH:mm", tzinfo=LOCAL_ZONE, locale=current_language())


def local_date(stored: str | None) -> str:
    if not stored:
        return ""
    moment = parse_iso(stored).astimezone(LOCAL_ZONE)
    return format_date(moment.date(), "long", locale=current_language())


def machine_datetime(stored: str | None) -> str:
    """For <time datetime="...">: ISO 8601 with the offset, as browsers expect."""
    return "" if not stored else parse_iso(stored).isoformat()


# Handed to templates in the context of the pages that show dates.
HELPERS = {
    "local_datetime": local_datetime,
    "local_date": local_date,
    "machine_datetime": machine_datetime,
}
