"""Dates, times and labels of activities and places, in the visitor's language.

Dutch day and month names come from babel (CLDR), never from the system locale.
"""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date

from node.community.calendar.model import Event, Week
from node.community.errors import N_
from node.web.i18n import current_language, ngettext
from node.web.i18n import gettext as _
from node.web.timestamps import HELPERS as TIME_HELPERS

PLACE_KINDS = {
    "community_centre": N_("community centre"),
    "library": N_("library"),
    "meeting_point": N_("meeting point"),
    "sports": N_("sports facility"),
    "other": N_("other place"),
}
ANSWERS = {"going": N_("I am coming"), "maybe": N_("Maybe"), "not_going": N_("I am not coming")}


def place_kind_label(kind: str) -> str:
    return _(PLACE_KINDS.get(str(kind), str(kind)))


def answer_label(answer: str) -> str:
    return _(ANSWERS.get(str(answer), str(answer)))


def _date(day: date | datetime, pattern: str) -> str:
    return format_date(day, pattern, locale=current_language())


def day_label(day: date | datetime) -> str:
    """ "zaterdag 25 oktober"."""
    return _date(day, "EEEE d MMMM")


def week_label(week: Week, today: date) -> str:
    """ "week 48 · 23–29 november"; the year is added when it is not this year."""
    monday, sunday = week.monday, week.sunday
    with_year = monday.year != today.year or sunday.year != today.year
    end = _date(sunday, "d MMMM y" if with_year else "d MMMM")
    if monday.month == sunday.month:
        span = f"{monday.day}–{end}"
    else:
        span = f"{_date(monday, 'd MMMM y' if monday.year != sunday.year else 'd MMMM')} – {end}"
    return _("week %(number)s · %(days)s", number=week.number, days=span)


def time_span(event: Event) -> str:
    """ "14:00–16:30", or with the end day when it ends on another day."""
    start, end = event.local_start, event.local_end
    if start.date() == end.date():
        return f"{start:%H:%M}–{end:%H:%M}"
    return f"{start:%H:%M} – {day_label(end)} {end:%H:%M}"


def when(event: Event) -> str:
    """ "zaterdag 25 oktober 2025, 14:00–16:30"."""
    return f"{_date(event.local_start, 'EEEE d MMMM y')}, {time_span(event)}"


def counts_text(event: Event) -> str:
    counts = event.counts
    text = (
        ngettext("%(num)s coming", "%(num)s coming", counts.going)
        + ", "
        + ngettext("%(num)s maybe", "%(num)s maybe", counts.maybe)
    )
    if event.places_left is not None:
        text += ", " + ngettext("%(num)s place left", "%(num)s places left", event.places_left)
    return text


HELPERS = {
    **TIME_HELPERS,  # the reactions under an activity
    "place_kind_label": place_kind_label,
    "answer_label": answer_label,
    "day_label": day_label,
    "time_span": time_span,
    "when": when,
    "counts_text": counts_text,
}
