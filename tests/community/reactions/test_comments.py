"""Comments on activities, by the same rules as on initiatives: who may react, what is kept,
what a hidden subject or comment does, and that an official response belongs to initiatives."""

from datetime import datetime, timedelta

import pytest

from node.community.calendar.draft import EventDraft
from node.community.calendar.model import TIMEZONE, Event
from node.community.changes import unpublished
from node.community.errors import Invalid, NotAllowed, NotFound
from node.community.neighbourhood import Neighbourhood
from tests.conftest import add_member


async def _activity(hood: Neighbourhood) -> Event:
    olga = await hood.members.by_username("olga") or await add_member(hood, "olga")
    day = (datetime.now(TIMEZONE) + timedelta(days=3)).date().isoformat()
    return await hood.calendar.plan(
        olga,
        EventDraft(
            title="Buurtbarbecue",
            start_date=day,
            start_time="17:00",
            end_time="20:00",
            location="Grasveld",
        ),
    )


async def test_a_resident_reacts_on_an_activity(hood: Neighbourhood) -> None:
    """Given an activity, when a resident reacts, then the reaction is under it (markdown made
    safe HTML), oldest first, and a change is recorded for federation."""
    event = await _activity(hood)
    anna = await add_member(hood, "anna")
    bert = await add_member(hood, "bert")
    first = await hood.comments.add(anna, "event", event.id, "Ik neem **sla** mee.")
    await hood.comments.add(bert, "event", event.id, "Ik de <script>x</script> borden.")
    comments = await hood.comments.on("event", event.id)
    assert [c.author_name for c in comments] == ["Anna", "Bert"]
    assert comments[0].id == first and "<strong>sla</strong>" in comments[0].body_html
    assert "<script>" not in comments[1].body_html
    assert not any(c.is_official or c.is_remote for c in comments)
    assert await hood.comments.on("initiative", event.id) == []  # kept apart by subject
    changes = [(c.subject_type, c.subject_id) for c in await unpublished(hood.db, 100)]
    assert ("comment", first) in changes


async def test_visitors_empty_and_long_reactions_are_refused(hood: Neighbourhood) -> None:
    event = await _activity(hood)
    anna = await add_member(hood, "anna")
    with pytest.raises(NotAllowed):
        await hood.comments.add(None, "event", event.id, "Hallo")
    with pytest.raises(Invalid):
        await hood.comments.add(anna, "event", event.id, "   ")
    with pytest.raises(Invalid):
        await hood.comments.add(anna, "event", event.id, "x" * 5001)
    with pytest.raises(NotFound):
        await hood.comments.add(anna, "event", event.id + 99, "Hallo")
    with pytest.raises(NotFound):  # news takes no comments (yet)
        await hood.comments.add(anna, "announcement", 1, "Hallo")
    assert await hood.comments.on("event", event.id) == []


async def test_an_official_response_belongs_to_an_initiative_not_an_activity(
    hood: Neighbourhood,
) -> None:
    event = await _activity(hood)
    gemma = await add_member(hood, "gemma", "contact")
    with pytest.raises(Invalid):
        await hood.comments.add(gemma, "event", event.id, "Namens de gemeente", official=True)
    await hood.comments.add(gemma, "event", event.id, "Ik kom ook!")
    remote = await hood.comments.add_remote(
        "event",
        event.id,
        actor_uri="https://gemeente.example/ap/actor",
        actor_name="Gemeente",
        ap_id="https://gemeente.example/ap/objects/reply/1",
        html="<p>Officieel?</p>",
        official=True,
    )
    comments = await hood.comments.on("event", event.id)
    assert [c.is_official for c in comments] == [False, False]
    assert (
        comments[1].id == remote and comments[1].remote_link == "https://gemeente.example/ap/actor"
    )


async def test_hidden_activities_and_hidden_comments_are_not_shown(hood: Neighbourhood) -> None:
    event = await _activity(hood)
    anna = await add_member(hood, "anna")
    mod = await add_member(hood, "mod", "buurtverbinder")
    spam = await hood.comments.add(anna, "event", event.id, "Koop nu!")
    await hood.comments.add(anna, "event", event.id, "Tot zaterdag.")
    await hood.moderation.hide(mod, "comment", spam, "Reclame")
    [left] = await hood.comments.on("event", event.id)
    assert "Tot zaterdag." in left.body_html
    await hood.moderation.hide(mod, "event", event.id, "Nep")
    with pytest.raises(NotFound):
        await hood.comments.add(anna, "event", event.id, "Nog iemand?")
