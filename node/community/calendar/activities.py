"""Activities ("Event" in code): planned by residents, held at a place, answered with RSVPs.

Times are stored in UTC; people enter and read them in Europe/Amsterdam, so converting
happens here, once, and a week is an ISO week of the local calendar.
"""

from __future__ import annotations

from datetime import date, timedelta

from node.community.accounts.members import Member
from node.community.accounts.permissions import Action
from node.community.calendar.draft import EventDraft
from node.community.calendar.model import (
    Answer,
    Event,
    Week,
    local_midnight,
)
from node.community.changes import ChangeKind, record
from node.community.clock import Clock, iso
from node.community.errors import N_, Invalid, NotAllowed, NotFound
from node.community.text import shorten
from node.storage import Database, Transaction
from node.storage.calendar import activities as store
from node.storage.calendar import places as place_store

SUBJECT = "event"
# The ics feed also shows recent activities, so a calendar app keeps what it showed.
FEED_HISTORY = timedelta(days=60)


class Calendar:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    # -- reading (also what the federation layer uses) -------------------------------

    async def get(self, event_id: int) -> Event:
        """An activity with its place and answer counts; hidden ones are not found."""
        row = await store.event_by_id(self.db, event_id)
        if row is None:
            raise NotFound(N_("This activity is not known here."))
        return Event.from_row(row)

    async def upcoming(self, limit: int = 100) -> list[Event]:
        """Public activities that have not ended yet, soonest first."""
        rows = await store.events_ending_after(self.db, iso(self.clock()), limit)
        return [Event.from_row(row) for row in rows]

    async def at_place(self, place_id: int) -> list[Event]:
        rows = await store.events_at_place_ending_after(self.db, place_id, iso(self.clock()))
        return [Event.from_row(row) for row in rows]

    async def feed(self) -> list[Event]:
        """Activities for the iCalendar feed: recent and coming ones."""
        since = iso(self.clock() - FEED_HISTORY)
        return [Event.from_row(row) for row in await store.events_ending_after(self.db, since)]

    async def weeks(self, first_monday: date, count: int) -> list[Week]:
        """`count` ISO weeks from `first_monday`, each with the activities starting in it."""
        start = local_midnight(first_monday)
        end = local_midnight(first_monday + timedelta(weeks=count))
        rows = await store.events_starting_between(self.db, iso(start), iso(end))
        weeks = []
        for offset in range(count):
            monday = first_monday + timedelta(weeks=offset)
            year, number, _ = monday.isocalendar()
            weeks.append(Week(year, number, monday, []))
        for row in rows:
            event = Event.from_row(row)
            index = (event.local_start.date() - first_monday).days // 7
            weeks[index].events.append(event)
        return weeks

    async def initiative_choices(self) -> list[tuple[int, str]]:
        return [(row["id"], row["title"]) for row in await store.initiative_choices(self.db)]

    async def editable(self, by: Member, event_id: int) -> Event:
        """The activity, when `by` may change it; NotAllowed otherwise."""
        event = await self.get(event_id)
        self._check_may_edit(by, event)
        return event

    def may_edit(self, member: Member | None, event: Event) -> bool:
        if member is None or not member.is_active:
            return False
        return member.id == event.organiser_id or member.can(Action.MANAGE_EVENTS)

    # -- planning --------------------------------------------------------------------

    async def plan(self, by: Member, draft: EventDraft) -> Event:
        if not by.can(Action.PLAN_EVENTS):
            raise NotAllowed(N_("Log in as a resident to plan an activity."))
        values = draft.checked()
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            await _check_links(tx, values)
            event_id = await store.insert_event(tx, values, by.id, now)
            await record(tx, SUBJECT, event_id, ChangeKind.CREATED, by.id, now)
        return await self.get(event_id)

    async def update(self, by: Member, event_id: int, draft: EventDraft) -> Event:
        await self.editable(by, event_id)
        values = draft.checked()
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            await _check_links(tx, values)
            await store.update_event(tx, event_id, values, now)
            await record(tx, SUBJECT, event_id, ChangeKind.UPDATED, by.id, now)
        return await self.get(event_id)

    async def cancel(self, by: Member, event_id: int) -> Event:
        """Cancelled activities stay visible, marked, so nobody turns up in vain."""
        event = await self.editable(by, event_id)
        if event.is_cancelled:
            raise Invalid(N_("This activity is already cancelled."))
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            await store.cancel_event(tx, event_id, now)
            await record(tx, SUBJECT, event_id, ChangeKind.UPDATED, by.id, now)
        return await self.get(event_id)

    def _check_may_edit(self, by: Member, event: Event) -> None:
        if not self.may_edit(by, event):
            raise NotAllowed(
                N_("Only the organiser, a buurtverbinder or an admin can change this activity.")
            )

    # -- answers (RSVP) --------------------------------------------------------------

    async def answer(self, by: Member, event_id: int, answer: Answer | str) -> Answer:
        if not by.can(Action.RSVP_EVENTS):
            raise NotAllowed(N_("Log in to say whether you are coming."))
        chosen = _answer(answer)
        event = await self._answerable(event_id)
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            if chosen is Answer.GOING:
                await _check_room(tx, event, member_id=by.id)
            await store.put_member_rsvp(tx, event_id, by.id, chosen.value, now)
        return chosen

    async def answer_remote(
        self, event_id: int, actor_uri: str, actor_name: str, answer: Answer | str
    ) -> Answer:
        """An answer from another server (a Join, or a Mobilizon participation)."""
        chosen = _answer(answer)
        event = await self._answerable(event_id)
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            if chosen is Answer.GOING:
                await _check_room(tx, event, remote_uri=actor_uri)
            await store.put_remote_rsvp(
                tx, event_id, actor_uri, shorten(actor_name.strip(), 120), chosen.value, now
            )
        return chosen

    async def withdraw_remote(self, event_id: int, actor_uri: str) -> bool:
        """A remote Leave: forget that actor's answer. True when there was one."""
        async with self.db.transaction() as tx:
            return await store.delete_remote_rsvp(tx, event_id, actor_uri) > 0

    async def answer_of(self, member: Member, event_id: int) -> Answer | None:
        found = await store.member_answer(self.db, event_id, member.id)
        return None if found is None else Answer(found)

    async def names(self, event_id: int, answer: Answer) -> list[str]:
        """Who answered so; show only to members (residents' names stay in the node)."""
        return await store.names_with_answer(self.db, event_id, answer.value)

    async def _answerable(self, event_id: int) -> Event:
        event = await self.get(event_id)
        if event.is_cancelled:
            raise Invalid(N_("This activity is cancelled, so you cannot sign up for it."))
        if event.has_ended(self.clock()):
            raise Invalid(N_("This activity is over."))
        return event


def _answer(answer: Answer | str) -> Answer:
    try:
        return Answer(answer)
    except ValueError:
        raise Invalid(N_("Choose whether you are coming: yes, maybe or no.")) from None


async def _check_room(
    tx: Transaction, event: Event, *, member_id: int | None = None, remote_uri: str | None = None
) -> None:
    if event.capacity is None:
        return
    going = await store.going_count(tx, event.id, member_id=member_id, remote_uri=remote_uri)
    if going >= event.capacity:
        raise Invalid(
            N_(
                "This activity is full: all %(capacity)s places are taken. You can still "
                "answer 'maybe'; the organiser may find room."
            ),
            capacity=event.capacity,
        )


async def _check_links(tx: Transaction, values: dict[str, object]) -> None:
    place_id = values["place_id"]
    if isinstance(place_id, int) and await place_store.place_by_id(tx, place_id) is None:
        raise Invalid(N_("That place is not known here. Choose another one from the list."))
    initiative_id = values["initiative_id"]
    if isinstance(initiative_id, int) and not await store.initiative_exists(tx, initiative_id):
        raise Invalid(N_("That initiative is not known here. Choose another one from the list."))
