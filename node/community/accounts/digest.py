"""The weekly digest: what happened in the neighbourhood this week, the same for everyone
(new initiatives and what they need, next week's activities, open inspraak with its
deadline, the budget round's phase, report-backs), and what waits for one member.

Plain, JSON-ready data: the mail layer stores it with each queued digest and composes it in
the member's language; the printable notice-board version on /beheer renders the same data.
A composer: it reads initiatives, the calendar, participation and the budget.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from node.community.accounts.addresses import Addresses
from node.community.accounts.mailbox import DIGEST, Mailbox
from node.community.accounts.members import Member
from node.community.budget.model import Phase as BudgetPhase
from node.community.budget.service import Budget
from node.community.calendar.activities import Calendar
from node.community.calendar.model import TIMEZONE
from node.community.clock import Clock, iso, parse_iso
from node.community.errors import N_, Invalid
from node.community.initiatives.service import Initiatives
from node.community.participation.model import Phase as ProcessPhase
from node.community.participation.service import Processes
from node.storage import Database
from node.storage.mail import notifications as notifications_store

WEEK = timedelta(days=7)


class Digests:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        *,
        addresses: Addresses,
        mailbox: Mailbox,
        initiatives: Initiatives,
        calendar: Calendar,
        processes: Processes,
        budget: Budget,
    ) -> None:
        self.db = db
        self.clock = clock
        self.addresses = addresses
        self.mailbox = mailbox
        self.initiatives = initiatives
        self.calendar = calendar
        self.processes = processes
        self.budget = budget

    async def neighbourhood(self) -> dict[str, Any]:
        """This week in the neighbourhood, for every member alike."""
        now = self.clock()
        today = now.astimezone(TIMEZONE).date()
        since, until = now - WEEK, now + WEEK
        initiatives = [
            {"id": i.id, "title": i.title, "summary": i.summary, "open_needs": i.open_needs}
            for i in await self.initiatives.public(limit=200)
            if parse_iso(i.created_at) >= since
        ]
        activities = [
            {
                "id": e.id,
                "title": e.title,
                "starts_at": iso(e.starts_at),
                "place": e.place.name if e.place else e.location,
            }
            for e in await self.calendar.upcoming(limit=200)
            if e.starts_at <= until and not e.is_cancelled
        ]
        processes = await self.processes.all()
        inspraak = [
            {"id": p.id, "title": p.title, "until": p.input_until.isoformat()}
            for p in processes
            if p.phase(today) is ProcessPhase.INPUT
        ]
        reported = []
        for p in processes:
            report = await self.processes.report_back(p.id) if p.reported else None
            if report is not None and parse_iso(report.published_at) >= since:
                reported.append({"id": p.id, "title": p.title})
        rounds = [
            {"id": r.id, "name": r.name, "phase": r.phase(now).value, "label": r.phase(now).label}
            for r in await self.budget.rounds()
            if r.phase(now) not in (BudgetPhase.UPCOMING, BudgetPhase.SPENDING)
        ]
        return {
            "week_of": today.isoformat(),
            "initiatives": initiatives,
            "activities": activities,
            "inspraak": inspraak,
            "budget": rounds,
            "report_backs": reported,
        }

    async def waiting(self, member_id: int, kinds: list[str]) -> list[dict[str, Any]]:
        """This week's notifications of the kinds the member wants weekly, newest first."""
        if not kinds:
            return []
        since = iso(self.clock() - WEEK)
        rows = await notifications_store.recent_notifications(self.db, member_id, kinds, since)
        return [dict(row) for row in rows]

    async def queue(self, only: Member | None = None) -> int:
        """Queue this week's digest for every member who gets it (or for `only`); the count."""
        if only is None:
            recipients = await self.addresses.digest_recipients()
        else:
            recipient = await self.addresses.recipient(only.id, DIGEST, "weekly")
            if recipient is None:
                raise Invalid(
                    N_(
                        "%(name)s gets no digest: no verified e-mail address, or the digest "
                        "is turned off."
                    ),
                    name=only.username,
                )
            recipients = [recipient]
        shared = await self.neighbourhood()
        mails = []
        for r in recipients:
            waiting = await self.waiting(
                r.member_id, await self.addresses.weekly_kinds(r.member_id)
            )
            mails.append((r, {"hood": shared, "waiting": waiting}))
        async with self.db.transaction() as tx:
            for r, params in mails:
                await self.mailbox.queue(tx, r.member_id, r.address, DIGEST, params, r.language)
        return len(mails)
