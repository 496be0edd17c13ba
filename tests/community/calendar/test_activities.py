"""Activities in the domain: local times, who may change them, answers and capacity."""

from datetime import UTC, date, datetime

import pytest

from node.community.calendar.activities import Calendar
from node.community.calendar.draft import EventDraft
from node.community.calendar.model import TIMEZONE, Answer
from node.community.changes import unpublished
from node.community.errors import Invalid, NotAllowed, NotFound
from node.community.neighbourhood import Neighbourhood
from tests.conftest import add_member

NOW = datetime(2025, 10, 20, 12, 0, tzinfo=UTC)  # a Monday, before the clocks go back


@pytest.fixture
def calendar(hood: Neighbourhood) -> Calendar:
    return Calendar(hood.db, lambda: NOW)


def draft(**change: str) -> EventDraft:
    values = {
        "title": "Repair Café",
        "description": "Neem uw **kapotte** spullen mee.",
        "start_date": "2025-10-25",
        "start_time": "14:00",
        "end_time": "16:30",
        "location": "Wilhelminaplein",
    }
    return EventDraft(**{**values, **change})


async def test_given_local_times_when_planning_then_they_are_stored_in_utc(
    calendar: Calendar, hood: Neighbourhood
) -> None:
    anna = await add_member(hood, "anna")
    summer = await calendar.plan(anna, draft())
    winter = await calendar.plan(anna, draft(start_date="01-11-2025", start_time="14.00"))
    assert summer.starts_at == datetime(2025, 10, 25, 12, 0, tzinfo=UTC)  # CEST, UTC+2
    assert winter.starts_at == datetime(2025, 11, 1, 13, 0, tzinfo=UTC)  # CET, UTC+1
    assert winter.local_start.hour == 14 and winter.local_start.tzinfo == TIMEZONE
    assert summer.organiser_name == "Anna"
    assert "<strong>kapotte</strong>" in summer.description_html
    kinds = [(c.subject_type, c.kind) for c in await unpublished(hood.db)]
    assert kinds == [("event", "created"), ("event", "created")]


async def test_given_an_end_across_midnight_when_planning_then_the_end_date_counts(
    calendar: Calendar, hood: Neighbourhood
) -> None:
    anna = await add_member(hood, "anna")
    event = await calendar.plan(
        anna, draft(start_time="22:00", end_date="2025-10-26", end_time="01:00")
    )
    assert event.ends_at - event.starts_at == (datetime(2, 1, 1, 4) - datetime(2, 1, 1, 1))


@pytest.mark.parametrize(
    "change, words",
    [
        ({"end_time": "13:00"}, "end must be after"),
        ({"start_date": "31-02-2025"}, "is not a date"),
        ({"start_date": "morgen"}, "is not a date"),
        ({"start_date": "01-01-20255"}, "is not a date"),
        ({"end_date": "2999-01-01"}, "between 2000 and 2100"),
        ({"start_time": "25:00"}, "is not a time"),
        ({"title": " "}, "title"),
        ({"location": ""}, "where the activity is"),
        ({"capacity": "-3"}, "whole number"),
        ({"place_id": "999"}, "place is not known"),
        ({"initiative_id": "999"}, "initiative is not known"),
    ],
)
async def test_given_bad_input_when_planning_then_it_is_refused_with_a_clear_message(
    calendar: Calendar, hood: Neighbourhood, change: dict[str, str], words: str
) -> None:
    anna = await add_member(hood, "anna")
    with pytest.raises(Invalid) as refused:
        await calendar.plan(anna, draft(**change))
    assert words in str(refused.value)
    assert await calendar.upcoming() == []


async def test_given_someone_elses_activity_when_a_resident_edits_then_it_is_refused(
    calendar: Calendar, hood: Neighbourhood
) -> None:
    anna = await add_member(hood, "anna")
    bert = await add_member(hood, "bert")
    els = await add_member(hood, "els", "buurtverbinder")
    event = await calendar.plan(anna, draft())
    with pytest.raises(NotAllowed):
        await calendar.update(bert, event.id, draft(title="Mine now"))
    with pytest.raises(NotAllowed):
        await calendar.cancel(bert, event.id)
    edited = await calendar.update(els, event.id, draft(title="Repair Café (extra)"))
    assert edited.title == "Repair Café (extra)"
    assert edited.organiser_id == anna.id


async def test_given_a_cancelled_activity_then_it_stays_listed_and_takes_no_answers(
    calendar: Calendar, hood: Neighbourhood
) -> None:
    anna = await add_member(hood, "anna")
    event = await calendar.plan(anna, draft())
    await calendar.cancel(anna, event.id)
    [listed] = await calendar.upcoming()
    assert listed.is_cancelled
    with pytest.raises(Invalid):
        await calendar.answer(anna, event.id, Answer.GOING)
    with pytest.raises(Invalid):
        await calendar.cancel(anna, event.id)


async def test_given_a_capacity_when_full_then_going_is_refused_but_maybe_is_not(
    calendar: Calendar, hood: Neighbourhood
) -> None:
    anna = await add_member(hood, "anna")
    bert = await add_member(hood, "bert")
    cor = await add_member(hood, "cor")
    event = await calendar.plan(anna, draft(capacity="2"))
    await calendar.answer(anna, event.id, "going")
    await calendar.answer_remote(event.id, "https://elders.example/u/dirk", "Dirk", "going")
    with pytest.raises(Invalid) as refused:
        await calendar.answer(bert, event.id, "going")
    assert "full" in str(refused.value)
    assert await calendar.answer(bert, event.id, "maybe") is Answer.MAYBE
    # changing one's own answer does not count oneself twice
    assert await calendar.answer(anna, event.id, "going") is Answer.GOING
    assert await calendar.withdraw_remote(event.id, "https://elders.example/u/dirk")
    assert await calendar.answer(cor, event.id, "going") is Answer.GOING
    counts = (await calendar.get(event.id)).counts
    assert (counts.going, counts.maybe, counts.not_going) == (2, 1, 0)
    assert await calendar.names(event.id, Answer.GOING) == ["Anna", "Cor"]


async def test_given_one_answer_per_person_when_changed_then_only_the_last_counts(
    calendar: Calendar, hood: Neighbourhood
) -> None:
    anna = await add_member(hood, "anna")
    event = await calendar.plan(anna, draft())
    await calendar.answer(anna, event.id, "going")
    await calendar.answer(anna, event.id, "not_going")
    await calendar.answer_remote(event.id, "https://x.example/a", "A", "maybe")
    await calendar.answer_remote(event.id, "https://x.example/a", "A", "going")
    counts = (await calendar.get(event.id)).counts
    assert (counts.going, counts.maybe, counts.not_going) == (1, 0, 1)
    assert await calendar.answer_of(anna, event.id) is Answer.NOT_GOING
    with pytest.raises(Invalid):
        await calendar.answer(anna, event.id, "perhaps")


async def test_given_activities_when_listing_weeks_then_they_group_by_local_iso_week(
    calendar: Calendar, hood: Neighbourhood
) -> None:
    anna = await add_member(hood, "anna")
    # Sunday 23:30 local is still week 43, though it is 21:30 UTC
    await calendar.plan(anna, draft(start_date="2025-10-26", start_time="23:30", end_time="23:45"))
    await calendar.plan(anna, draft(start_date="2025-10-27", start_time="00:30", end_time="01:00"))
    weeks = await calendar.weeks(date(2025, 10, 20), 2)
    assert [(w.number, len(w.events)) for w in weeks] == [(43, 1), (44, 1)]
    assert weeks[0].sunday == date(2025, 10, 26)


async def test_given_an_unknown_or_past_activity_then_upcoming_and_get_say_so(
    calendar: Calendar, hood: Neighbourhood
) -> None:
    anna = await add_member(hood, "anna")
    await calendar.plan(anna, draft(start_date="2025-10-01"))
    assert await calendar.upcoming() == []
    assert len(await calendar.feed()) == 1
    with pytest.raises(NotFound):
        await calendar.get(12345)
