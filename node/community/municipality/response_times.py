"""How quickly the municipality answers residents, in public: the median number of days to
a question's answer and to the first official response on an initiative, over the last 12
months, and the same per month (by the month of the answer).

A wijk measures it from its own records (what its residents asked, when the answer came
back), so the figure is the neighbourhood's, not the municipality's own claim; a gemeente
node measures it from what reached it, for every node it follows. Questions and initiatives
still waiting are counted beside the median, which only answered ones can have.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo

from node.community.clock import Clock, iso, parse_iso
from node.storage import Database, Row
from node.storage.municipality import contacts as contacts_store
from node.storage.municipality import response_times as store

PERIOD = timedelta(days=365)
LOCAL = ZoneInfo("Europe/Amsterdam")


@dataclass(frozen=True)
class Figure:
    median_days: float | None  # None: nothing answered in the period
    answered: int
    waiting: int


@dataclass(frozen=True)
class Figures:
    questions: Figure
    responses: Figure  # official responses to initiatives


@dataclass(frozen=True)
class Month:
    month: str  # YYYY-MM, in the Netherlands
    questions: Figure
    responses: Figure


@dataclass(frozen=True)
class Report:
    overall: Figures
    months: list[Month]  # oldest first, only months with an answer
    nodes: dict[str, tuple[str, Figures]]  # on a gemeente node: by actor URI, (name, figures)


def _days(row: Row) -> float:
    return (parse_iso(row["answered"]) - parse_iso(row["asked"])).total_seconds() / 86400


def figure(rows: list[Row]) -> Figure:
    answered = [_days(r) for r in rows if r["answered"]]
    median = round(statistics.median(answered), 1) if answered else None
    return Figure(median, len(answered), sum(1 for r in rows if not r["answered"]))


def _month(moment: str) -> str:
    return parse_iso(moment).astimezone(LOCAL).strftime("%Y-%m")


class ResponseTimes:
    def __init__(self, db: Database, clock: Clock, node_kind: str) -> None:
        self.db = db
        self.clock = clock
        self.node_kind = node_kind

    async def report(self) -> Report:
        since = iso(self.clock() - PERIOD)
        if self.node_kind == "gemeente":
            questions = await store.questions_received(self.db, since)
            responses = await store.responses_given(self.db, since)
        else:
            questions = await store.questions_here(self.db, since)
            responses = await store.responses_here(self.db, since)
        return Report(
            Figures(figure(questions), figure(responses)),
            _months(questions, responses),
            await self._by_node(questions, responses),
        )

    async def _by_node(
        self, questions: list[Row], responses: list[Row]
    ) -> dict[str, tuple[str, Figures]]:
        if self.node_kind != "gemeente":
            return {}
        names = await contacts_store.followed_names(self.db)
        return {
            uri: (
                name,
                Figures(
                    figure([r for r in questions if r["origin"] == uri]),
                    figure([r for r in responses if r["origin"] == uri]),
                ),
            )
            for uri, name in sorted(names.items(), key=lambda item: item[1])
        }


def _months(questions: list[Row], responses: list[Row]) -> list[Month]:
    keys = sorted({_month(r["answered"]) for r in questions + responses if r["answered"]})
    return [
        Month(
            key,
            _answered_in(questions, key),
            _answered_in(responses, key),
        )
        for key in keys
    ]


def _answered_in(rows: list[Row], month: str) -> Figure:
    chosen = [r for r in rows if r["answered"] and _month(r["answered"]) == month]
    answered = figure(chosen)
    return Figure(answered.median_days, answered.answered, 0)
