"""The node's public news as Atom entries: initiatives, activities and announcements.

Only what a visitor who is not logged in may see: the domain's public listings leave hidden
content out, and an activity's organiser (a name only members see) is not named.
"""

from __future__ import annotations

from html import escape
from typing import Any

from node.community.announcements.service import Announcement
from node.community.calendar.model import Event
from node.community.initiatives.service import InitiativeSummary
from node.community.text import sanitise_html
from node.web.atom import Entry
from node.web.i18n import gettext as _
from node.web.i18n import ngettext
from node.web.pages.calendar.format import when

LIMIT = 30  # entries in the feed, of all kinds together


def _html(*paragraphs: str) -> str:
    """Paragraphs of plain text as (sanitised) HTML."""
    return sanitise_html("".join(f"<p>{escape(p)}</p>" for p in paragraphs if p))


def initiative_entry(item: InitiativeSummary, base_url: str) -> Entry:
    facts = [_("Initiative"), _(item.status.label)]
    if item.area:
        facts.append(item.area)
    if item.open_needs:
        facts.append(ngettext("%(num)s need open", "%(num)s needs open", item.open_needs))
    line = " · ".join(facts)
    return Entry(
        url=f"{base_url}/initiatieven/{item.id}",
        title=item.title,
        updated=item.updated_at,
        published=item.created_at,
        summary=f"{item.summary} ({line})",
        content_html=_html(item.summary, line),
        author=item.initiator_name,
        category="initiative",
    )


def event_entry(event: Event, base_url: str) -> Entry:
    moment = when(event)
    title = _("Cancelled: %(title)s", title=event.title) if event.is_cancelled else event.title
    facts = " · ".join(part for part in (_("Activity"), moment, event.address) if part)
    return Entry(
        url=f"{base_url}/activiteiten/{event.id}",
        title=title,
        updated=event.updated_at,
        published=event.created_at,
        summary=facts,
        content_html=_html(facts) + event.description_html,
        category="activity",
    )


def announcement_entry(item: Announcement, base_url: str) -> Entry:
    return Entry(
        url=f"{base_url}/mededelingen/{item.id}",
        title=_("Urgent: %(title)s", title=item.title) if item.urgent else item.title,
        updated=item.updated_at,
        published=item.created_at,
        summary=item.summary,
        content_html=item.html,
        author=item.author_name or "",
        category="announcement",
    )


async def newest(hood: Any, base_url: str, limit: int = LIMIT) -> list[Entry]:
    """The `limit` most recently changed public items of every kind, newest first."""
    entries = [initiative_entry(i, base_url) for i in await hood.initiatives.public(limit)]
    entries += [event_entry(e, base_url) for e in (await hood.calendar.feed())]
    entries += [announcement_entry(a, base_url) for a in await hood.announcements.public(limit)]
    entries.sort(key=lambda e: (e.updated, e.published, e.url), reverse=True)
    return entries[:limit]
