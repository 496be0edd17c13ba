"""Announcements in the domain: who may post, urgent expiry rules, ending early."""

from datetime import UTC, datetime, timedelta

import pytest

from node.community.announcements.service import Announcements, local_moment
from node.community.changes import unpublished
from node.community.errors import Invalid, NotAllowed
from node.community.neighbourhood import Neighbourhood
from tests.conftest import MovableClock, add_member

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(NOW)


@pytest.fixture
def news(hood: Neighbourhood, clock: MovableClock) -> Announcements:
    return Announcements(hood.db, clock)


async def test_given_a_resident_when_they_post_news_then_it_is_refused(
    hood: Neighbourhood, news: Announcements
) -> None:
    anna = await add_member(hood, "anna")
    with pytest.raises(NotAllowed):
        await news.post(anna, title="Hallo", body="Iets")
    assert await news.current() == []


async def test_given_the_contact_person_when_posting_then_it_is_current_and_recorded(
    hood: Neighbourhood, news: Announcements
) -> None:
    gemma = await add_member(hood, "gemma", "contact")
    posted = await news.post(gemma, title="  Nieuw   speelveld ", body="Het *speelveld* is open.")
    assert posted.title == "Nieuw speelveld"
    assert "<em>speelveld</em>" in posted.html
    assert [a.id for a in await news.current()] == [posted.id]
    changes = await unpublished(hood.db)
    assert [(c.subject_type, c.subject_id, c.kind.value) for c in changes] == [
        ("announcement", posted.id, "created")
    ]


async def test_given_an_urgent_announcement_without_end_then_it_ends_after_three_days(
    hood: Neighbourhood, news: Announcements, clock: MovableClock
) -> None:
    bert = await add_member(hood, "bert", "buurtverbinder")
    alarm = await news.post(bert, title="Waterleiding gesprongen", body="Kook water.", urgent=True)
    assert alarm.expires_at == "2026-03-05T09:00:00Z"
    assert [a.id for a in await news.urgent_now()] == [alarm.id]

    clock.now = NOW + timedelta(days=3, seconds=1)

    assert await news.urgent_now() == []
    assert [a.id for a in await news.past()] == [alarm.id]


async def test_urgent_announcements_last_at_most_fourteen_days_and_end_in_the_future(
    hood: Neighbourhood, news: Announcements
) -> None:
    bert = await add_member(hood, "bert", "buurtverbinder")
    with pytest.raises(Invalid):
        await news.post(
            bert, title="Lang", body="x", urgent=True, expires_at=NOW + timedelta(days=15)
        )
    with pytest.raises(Invalid):
        await news.post(bert, title="Voorbij", body="x", expires_at=NOW - timedelta(hours=1))
    with pytest.raises(Invalid):
        await news.post(bert, title="", body="x")


async def test_the_author_or_an_admin_may_end_an_announcement_early_but_nobody_else(
    hood: Neighbourhood, news: Announcements
) -> None:
    bert = await add_member(hood, "bert", "buurtverbinder")
    other = await add_member(hood, "olga", "buurtverbinder")
    admin = await add_member(hood, "ada", "admin")
    alarm = await news.post(bert, title="Gaslucht", body="Blijf binnen.", urgent=True)
    with pytest.raises(NotAllowed):
        await news.end(other, alarm.id)

    ended = await news.end(admin, alarm.id)

    assert ended.ended_at is not None
    assert await news.urgent_now() == []
    with pytest.raises(Invalid):
        await news.end(bert, alarm.id)


async def test_public_announcements_page_backwards_by_id(
    hood: Neighbourhood, news: Announcements
) -> None:
    bert = await add_member(hood, "bert", "buurtverbinder")
    ids = [(await news.post(bert, title=f"Nieuws {n}", body="x")).id for n in range(3)]
    newest_two = await news.public(limit=2)
    assert [a.id for a in newest_two] == ids[::-1][:2]
    assert [a.id for a in await news.public(before_id=newest_two[-1].id)] == [ids[0]]
    assert (await news.find(ids[0])).title == "Nieuws 0"
    assert await news.find(9999) is None


def test_dates_typed_in_the_netherlands_are_understood() -> None:
    assert local_moment("") is None
    summer = local_moment("2026-07-01", "18:00")
    assert summer.astimezone(UTC).hour == 16  # CEST is UTC+2
    assert local_moment("31-12-2026").hour == 23
    for wrong in (("31/31/2026", ""), ("morgen", ""), ("2026-02-30", ""), ("2026-01-01", "25u")):
        with pytest.raises(Invalid):
            local_moment(*wrong)
