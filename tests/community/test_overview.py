"""What the home page shows now (node/community/overview.py), from a node's own data."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from node.community.budget.model import Phase as BudgetPhase
from node.community.calendar.draft import EventDraft
from node.community.initiatives.needs import NeedDraft, NeedKind
from node.community.initiatives.service import InitiativeDraft
from node.community.neighbourhood import Neighbourhood
from node.community.network.nearby import RemoteNeed, RemoteObject
from node.storage.federation import actors
from tests.budget_support import open_round
from tests.conftest import MovableClock, add_member
from tests.participation_support import draft as process_draft

START = datetime(2026, 3, 5, 12, tzinfo=UTC)  # a Thursday: proposals open, input open


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(START)


def initiative(title: str, *needs: NeedDraft) -> InitiativeDraft:
    return InitiativeDraft(
        title=title,
        summary="Samen iets moois maken in de buurt.",
        description="Meer uitleg volgt.",
        area="Noord",
        participation_level="selfmanage",
        needs=list(needs),
    )


def activity(title: str, day: str) -> EventDraft:
    return EventDraft(
        title=title,
        description="",
        start_date=day,
        start_time="14:00",
        end_time="16:00",
        location="Buurthuis",
    )


async def test_a_neighbourhood_sees_help_wanted_this_week_open_inspraak_and_its_budget_round(
    moving_hood: Neighbourhood, clock: MovableClock
) -> None:
    """Given initiatives with and without open needs, activities this week and later, a
    process taking input and a budget round taking proposals, when the home page asks what
    is happening now, then it gets only what is current, each with what it needs."""
    hood = moving_hood
    anna = await add_member(hood, "anna")
    admin = await add_member(hood, "beheer", "admin")
    verbinder = await add_member(hood, "els", "buurtverbinder")
    garden = await hood.initiatives.start(
        anna,
        initiative(
            "Moestuin",
            NeedDraft("money", "Zaden", "800"),
            NeedDraft("volunteers", "Handen", "6"),
            NeedDraft("money", "Een schuurtje", "300"),
        ),
    )
    await hood.initiatives.start(anna, initiative("Bankje"))  # asks for nothing
    await hood.calendar.plan(anna, activity("Repair Café", "2026-03-07"))
    await hood.calendar.plan(anna, activity("Buurtfeest", "2026-03-21"))  # two weeks on
    dropped = await hood.calendar.plan(anna, activity("Kienen", "2026-03-06"))
    await hood.calendar.cancel(anna, dropped.id)
    process = await hood.processes.open(verbinder, process_draft())  # input until 15 March
    round_id = await open_round(hood, admin)

    now = await hood.overview.neighbourhood()

    assert [(h.initiative.id, h.needs) for h in now.needs_help] == [
        (garden, [NeedKind.MONEY, NeedKind.VOLUNTEERS])
    ]
    assert [e.title for e in now.this_week] == ["Repair Café"]
    assert [(o.process.id, o.days_left) for o in now.inspraak] == [(process, 10)]
    assert now.budget is not None and now.budget.round.id == round_id
    assert now.budget.phase is BudgetPhase.PROPOSALS
    assert now.budget.next_phase_at == now.budget.round.starts[BudgetPhase.REVIEW]
    assert now.report_back is None


async def test_after_the_input_phase_the_report_back_shows_and_the_process_leaves_inspraak(
    moving_hood: Neighbourhood, clock: MovableClock
) -> None:
    hood = moving_hood
    verbinder = await add_member(hood, "els", "buurtverbinder")
    process = await hood.processes.open(verbinder, process_draft())
    clock.advance(timedelta(days=12))  # 17 March: input closed on the 15th
    await hood.processes.publish_report_back(
        verbinder, process, "Het plein krijgt meer groen.", [("Meer groen", "Vier bomen erbij")]
    )

    now = await hood.overview.neighbourhood()

    assert now.inspraak == []
    assert now.report_back is not None and now.report_back.process_id == process
    assert now.needs_help == [] and now.this_week == [] and now.budget is None


async def test_the_municipality_sees_each_followed_neighbourhood_with_its_news(
    moving_hood: Neighbourhood, clock: MovableClock
) -> None:
    """Given a followed node with an initiative that needs help, one that needs nothing and
    a coming activity, and a node followed but not yet accepted, then the municipality's view
    lists the followed node once, with the initiative that needs help and the activity."""
    hood = moving_hood
    noord = "https://noord.example/ap/actor"
    now = clock()
    async with hood.db.transaction() as tx:
        for uri, name in ((noord, "Beekveld-Noord"), ("https://zuid.example/ap/actor", "Zuid")):
            await actors.upsert_actor(
                tx,
                uri=uri,
                host=uri.split("/")[2],
                handle="",
                name=name,
                type="Group",
                inbox=f"{uri}/inbox",
                shared_inbox=None,
                key_id="",
                public_key_pem="",
                fetched_at=now.isoformat(),
            )
            await actors.put_following(tx, uri, f"{uri}#follow", now.isoformat())
        await actors.set_following_state(tx, noord, "accepted", now.isoformat())

    def remote(n: int, kind: str, **fields: object) -> RemoteObject:
        typ = {"initiative": "Page", "event": "Event"}[kind]
        return RemoteObject(f"{noord}/o/{n}", typ, kind, noord, noord, **fields)  # type: ignore[arg-type]

    wanted = await hood.nearby.store(
        remote(
            1,
            "initiative",
            name="Moestuin",
            published="2026-03-01T10:00:00Z",
            open_needs=[RemoteNeed("volunteers", "Handen")],
        )
    )
    await hood.nearby.store(
        remote(2, "initiative", name="Bankje", published="2026-03-04T10:00:00Z")
    )
    coming = await hood.nearby.store(
        remote(3, "event", name="Repair Café", starts_at="2026-03-07T13:00:00Z")
    )

    view = await hood.overview.municipality()

    assert [(n.name, n.needs_help.id if n.needs_help else None) for n in view.neighbourhoods] == [
        ("Beekveld-Noord", wanted)
    ]
    assert view.neighbourhoods[0].next_activity is not None
    assert view.neighbourhoods[0].next_activity.id == coming
