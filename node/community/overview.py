"""What is happening now, for a node's home page: on a wijk or kern, the initiatives that
need help, this week's activities, open inspraak with its deadline, the budget round and
the latest report-back; on a gemeente, its open processes, its report-backs and what goes
on in each neighbourhood it follows.

A composer: it reads initiatives, the calendar, participation, the budget and the network.
Every query is bounded (a LIMIT over an index, or one row per followed node), so the home
page stays cheap however much a node has stored; node/web/cache.py keeps it for visitors.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from node.community.budget.model import BudgetRound
from node.community.budget.model import Phase as BudgetPhase
from node.community.calendar.model import Event, local_midnight
from node.community.clock import Clock, iso, parse_iso
from node.community.initiatives.model import InitiativeSummary
from node.community.initiatives.needs import NeedKind
from node.community.network.nearby import RemoteItem
from node.community.participation.model import Phase as ProcessPhase
from node.community.participation.model import Process, local_today
from node.storage import Database
from node.storage.budget import queries as budget_store
from node.storage.calendar import activities as calendar_store
from node.storage.initiatives import queries as initiative_store
from node.storage.network import nearby as nearby_store
from node.storage.participation import queries as process_store

SHOWN = 4  # items per section: a glance, with a link to the full list
WEEK = timedelta(days=7)


@dataclass(frozen=True)
class NeedingHelp:
    initiative: InitiativeSummary
    needs: list[NeedKind]  # the kinds of its open needs, each once


@dataclass(frozen=True)
class OpenProcess:
    process: Process
    days_left: int  # 0 on the last day


@dataclass(frozen=True)
class BudgetNow:
    round: BudgetRound
    phase: BudgetPhase
    next_phase_at: str | None  # UTC timestamp the next phase starts, if any


@dataclass(frozen=True)
class ReportedBack:
    process_id: int
    title: str
    published_at: str


@dataclass(frozen=True)
class FollowedNode:
    """A neighbourhood the gemeente follows, with what is going on there."""

    actor_uri: str
    name: str
    needs_help: RemoteItem | None  # its newest initiative with open needs
    next_activity: RemoteItem | None


@dataclass(frozen=True)
class NeighbourhoodNow:
    needs_help: list[NeedingHelp]
    this_week: list[Event]
    inspraak: list[OpenProcess]
    budget: BudgetNow | None
    report_back: ReportedBack | None


@dataclass(frozen=True)
class MunicipalityNow:
    inspraak: list[OpenProcess]
    report_backs: list[ReportedBack]
    neighbourhoods: list[FollowedNode]


class Overview:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    async def neighbourhood(self) -> NeighbourhoodNow:
        now = self.clock()
        reported = await self._report_backs(1)
        return NeighbourhoodNow(
            needs_help=await self._needs_help(),
            this_week=await self._this_week(now),
            inspraak=await self._inspraak(local_today(now)),
            budget=await self._budget(now),
            report_back=reported[0] if reported else None,
        )

    async def municipality(self) -> MunicipalityNow:
        now = self.clock()
        return MunicipalityNow(
            inspraak=await self._inspraak(local_today(now)),
            report_backs=await self._report_backs(3),
            neighbourhoods=await self._neighbourhoods(now),
        )

    async def _needs_help(self) -> list[NeedingHelp]:
        rows = await initiative_store.list_initiatives(self.db, open_needs_only=True, limit=SHOWN)
        initiatives = [InitiativeSummary.from_row(r) for r in rows]
        kinds: dict[int, list[NeedKind]] = {i.id: [] for i in initiatives}
        for row in await initiative_store.open_need_kinds(self.db, list(kinds)):
            kind = NeedKind(row["kind"])
            if kind not in kinds[row["initiative_id"]]:
                kinds[row["initiative_id"]].append(kind)
        return [NeedingHelp(i, kinds[i.id]) for i in initiatives]

    async def _this_week(self, now: datetime) -> list[Event]:
        """From the start of today (what runs now still counts) to a week ahead."""
        start = local_midnight(local_today(now))
        rows = await calendar_store.events_starting_between(
            self.db, iso(start), iso(now + WEEK), SHOWN * 2
        )
        events = [Event.from_row(r) for r in rows]
        return [e for e in events if e.ends_at > now and not e.is_cancelled][:SHOWN]

    async def _inspraak(self, today: date) -> list[OpenProcess]:
        rows = await process_store.open_for_input(self.db, today.isoformat(), SHOWN)
        processes = [Process.from_row(r) for r in rows]
        return [
            OpenProcess(p, (p.input_until - today).days)
            for p in processes
            if p.phase(today) is ProcessPhase.INPUT
        ]

    async def _budget(self, now: datetime) -> BudgetNow | None:
        """The newest round; one that is only being spent is news no longer."""
        rows = await budget_store.all_rounds(self.db, limit=1)
        if not rows:
            return None
        budget_round = BudgetRound.from_row(rows[0])
        phase = budget_round.phase(now)
        if phase is BudgetPhase.SPENDING:
            return None
        later = sorted(s for s in budget_round.starts.values() if parse_iso(s) > now)
        return BudgetNow(budget_round, phase, later[0] if later else None)

    async def _report_backs(self, limit: int) -> list[ReportedBack]:
        rows = await process_store.latest_report_backs(self.db, limit)
        return [ReportedBack(r["id"], r["title"], r["published_at"]) for r in rows]

    async def _neighbourhoods(self, now: datetime) -> list[FollowedNode]:
        nodes = await nearby_store.followed_nodes_now(self.db, iso(now))
        wanted = [i for n in nodes for i in (n["initiative_id"], n["event_id"]) if i]
        items = {
            row["id"]: RemoteItem.from_row(row)
            for row in await nearby_store.objects_by_ids(self.db, wanted)
        }
        return [
            FollowedNode(
                n["actor_uri"],
                n["name"],
                items.get(n["initiative_id"]),
                items.get(n["event_id"]),
            )
            for n in nodes
        ]
