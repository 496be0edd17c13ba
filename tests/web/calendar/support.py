"""The calendar page tests' activity form, and an activity planned on the node."""

from __future__ import annotations

from datetime import datetime, timedelta

from node.community.calendar.draft import EventDraft
from node.community.calendar.model import TIMEZONE
from node.community.neighbourhood import Neighbourhood
from tests.conftest import add_member


def local_day(days_ahead: int) -> str:
    return (datetime.now(TIMEZONE) + timedelta(days=days_ahead)).date().isoformat()


def form(**change: str) -> dict[str, str]:
    values = {
        "title": "Buurtbarbecue",
        "description": "Iedereen welkom, neem een salade mee.",
        "start_date": local_day(3),
        "start_time": "17:00",
        "end_date": "",
        "end_time": "20:00",
        "place_id": "",
        "location": "Grasveld achter de school",
        "capacity": "",
        "initiative_id": "",
    }
    return {**values, **change}


async def planned(hood: Neighbourhood, username: str = "olga", **change: str):  # type: ignore[no-untyped-def]
    organiser = await hood.members.by_username(username) or await add_member(hood, username)
    return await hood.calendar.plan(organiser, EventDraft(**form(**change)))
