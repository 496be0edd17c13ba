"""Initiatives in the domain: starting, needs and offers, status, support, search."""

import pytest

from node.community.changes import unpublished
from node.community.errors import Invalid, NotAllowed, NotFound
from node.community.initiatives.needs import NeedDraft, parse_euros
from node.community.initiatives.service import InitiativeDraft, Status, fts_query
from node.community.neighbourhood import Neighbourhood
from tests.conftest import add_member


def draft(**overrides) -> InitiativeDraft:  # type: ignore[no-untyped-def]
    values = {
        "title": "Moestuin op het Wilhelminaplein",
        "summary": "Samen groente kweken op het braakliggende stuk naast de speeltuin.",
        "description": "We zoeken **handen** en een plek voor de gereedschapskist.",
        "area": "Wilhelminaplein",
        "participation_level": "selfmanage",
        "needs": [
            NeedDraft("money", "Zaden, aarde en een schuurtje", "800"),
            NeedDraft("volunteers", "Handen op zaterdag", "6"),
            NeedDraft("location", "Een plek voor de gereedschapskist"),
            NeedDraft("", "", ""),  # an empty form row
        ],
    }
    values.update(overrides)
    return InitiativeDraft(**values)


async def test_given_a_resident_when_they_start_an_initiative_then_it_seeks_help_with_its_needs(
    hood: Neighbourhood,
) -> None:
    anna = await add_member(hood, "anna")
    initiative_id = await hood.initiatives.start(anna, draft())

    page = await hood.initiatives.page(initiative_id)
    assert page.initiative.status is Status.SEEKING
    assert page.initiative.initiator_name == "Anna"
    assert "<strong>handen</strong>" in page.initiative.description_html
    assert [(n.kind.value, n.amount) for n in page.needs] == [
        ("money", 80000),
        ("volunteers", 6),
        ("location", None),
    ]
    assert all(n.is_open for n in page.needs)
    changes = await unpublished(hood.db)
    assert [(c.subject_type, c.kind.value) for c in changes] == [("initiative", "created")]


async def test_an_initiative_without_needs_starts_as_an_idea(hood: Neighbourhood) -> None:
    anna = await add_member(hood, "anna")
    initiative_id = await hood.initiatives.start(anna, draft(needs=[]))
    assert (await hood.initiatives.get(initiative_id)).status is Status.IDEA


@pytest.mark.parametrize("amount", ["twaalf", "12.5", "-3", "€€", "0"])
async def test_a_malformed_amount_is_refused_and_nothing_is_stored(
    hood: Neighbourhood, amount: str
) -> None:
    anna = await add_member(hood, "anna")
    with pytest.raises(Invalid):
        await hood.initiatives.start(anna, draft(needs=[NeedDraft("money", "Verf", amount)]))
    assert await hood.initiatives.public() == []


@pytest.mark.parametrize(
    "text, cents", [("350", 35000), ("350,50", 35050), ("1.250", 125000), ("€ 12,5", 1250)]
)
def test_euros_are_read_the_dutch_way(text: str, cents: int) -> None:
    assert parse_euros(text) == cents


async def test_offers_count_towards_a_need_only_once_the_initiator_accepts(
    hood: Neighbourhood,
) -> None:
    anna = await add_member(hood, "anna")
    bert = await add_member(hood, "bert")
    initiative_id = await hood.initiatives.start(anna, draft())
    money = (await hood.initiatives.page(initiative_id)).needs[0]

    first = await hood.initiatives.offers.make(bert, money.id, "350", "Van de straatkas")
    second = await hood.initiatives.offers.make(bert, money.id, "100", "Nog wat")
    await hood.initiatives.offers.decide(anna, first.id, accept=True)
    await hood.initiatives.offers.decide(anna, second.id, accept=False)

    need = (await hood.initiatives.page(initiative_id)).needs[0]
    assert (need.pledged, need.amount, need.is_open) == (35000, 80000, True)
    big = await hood.initiatives.offers.make(bert, money.id, "450", "De rest")
    await hood.initiatives.offers.decide(anna, big.id, accept=True)
    assert not (await hood.initiatives.page(initiative_id)).needs[0].is_open


async def test_only_the_initiator_decides_on_offers(hood: Neighbourhood) -> None:
    anna = await add_member(hood, "anna")
    bert = await add_member(hood, "bert")
    initiative_id = await hood.initiatives.start(anna, draft())
    need = (await hood.initiatives.page(initiative_id)).needs[2]
    offer = await hood.initiatives.offers.make(bert, need.id, "", "Mijn schuur")
    with pytest.raises(NotAllowed):
        await hood.initiatives.offers.decide(bert, offer.id, accept=True)
    assert (await hood.initiatives.offers.get(offer.id)).status.value == "pending"


async def test_an_anonymous_visitor_cannot_offer(hood: Neighbourhood) -> None:
    anna = await add_member(hood, "anna")
    initiative_id = await hood.initiatives.start(anna, draft())
    need = (await hood.initiatives.page(initiative_id)).needs[0]
    with pytest.raises(NotAllowed):
        await hood.initiatives.offers.make(None, need.id, "10", "")
    assert (await hood.initiatives.page(initiative_id)).offers == {}


async def test_the_contact_persons_offer_comes_from_the_municipality(hood: Neighbourhood) -> None:
    anna = await add_member(hood, "anna")
    gemma = await add_member(hood, "gemma", "contact")
    initiative_id = await hood.initiatives.start(anna, draft())
    need = (await hood.initiatives.page(initiative_id)).needs[0]
    offer = await hood.initiatives.offers.make(gemma, need.id, "500", "Uit het wijkbudget")
    assert offer.source.value == "municipality"


async def test_status_follows_the_lifecycle_and_stopping_needs_a_reason(
    hood: Neighbourhood,
) -> None:
    anna = await add_member(hood, "anna")
    initiative_id = await hood.initiatives.start(anna, draft())
    with pytest.raises(Invalid):
        await hood.initiatives.change_status(anna, initiative_id, "done")
    with pytest.raises(Invalid):
        await hood.initiatives.change_status(anna, initiative_id, "stopped", "")
    await hood.initiatives.change_status(anna, initiative_id, "running")
    reason = "De grond bleek vervuild; de gemeente zoekt een andere plek."
    await hood.initiatives.change_status(anna, initiative_id, "stopped", reason)
    stopped = await hood.initiatives.get(initiative_id)
    assert stopped.status is Status.STOPPED and stopped.status_reason == reason
    with pytest.raises(Invalid):
        await hood.initiatives.change_status(anna, initiative_id, "running")


async def test_a_buurtverbinder_may_change_anyones_status_but_another_resident_may_not(
    hood: Neighbourhood,
) -> None:
    anna = await add_member(hood, "anna")
    bert = await add_member(hood, "bert")
    els = await add_member(hood, "els", "buurtverbinder")
    initiative_id = await hood.initiatives.start(anna, draft())
    with pytest.raises(NotAllowed):
        await hood.initiatives.change_status(bert, initiative_id, "running")
    await hood.initiatives.change_status(els, initiative_id, "running")
    assert (await hood.initiatives.get(initiative_id)).status is Status.RUNNING


async def test_support_is_one_per_resident_and_toggles(hood: Neighbourhood) -> None:
    anna = await add_member(hood, "anna")
    bert = await add_member(hood, "bert")
    initiative_id = await hood.initiatives.start(anna, draft())
    assert await hood.initiatives.toggle_support(bert, initiative_id) is True
    assert (await hood.initiatives.summary(initiative_id)).supports == 1
    assert await hood.initiatives.toggle_support(bert, initiative_id) is False
    assert (await hood.initiatives.summary(initiative_id)).supports == 0


async def test_remote_supports_and_comments_arrive_once(hood: Neighbourhood) -> None:
    anna = await add_member(hood, "anna")
    initiative_id = await hood.initiatives.start(anna, draft())
    actor = "https://mastodon.example/users/jan"
    assert await hood.initiatives.add_remote_support(initiative_id, actor, f"{actor}#likes/1")
    assert not await hood.initiatives.add_remote_support(initiative_id, actor)
    assert (await hood.initiatives.summary(initiative_id)).supports == 1
    assert await hood.initiatives.remove_remote_support(initiative_id, actor)

    note = "https://mastodon.example/users/jan/statuses/1"
    html = "<p>Goed plan!<script>alert(1)</script></p>"
    first = await hood.comments.add_remote(
        "initiative", initiative_id, actor_uri=actor, actor_name="Jan", ap_id=note, html=html
    )
    again = await hood.comments.add_remote(
        "initiative", initiative_id, actor_uri=actor, actor_name="Jan", ap_id=note, html=html
    )
    assert first == again
    [comment] = await hood.comments.on("initiative", initiative_id)
    assert comment.is_remote and comment.author_name == "Jan"
    assert "<script>" not in comment.body_html


async def test_only_the_contact_person_responds_officially(hood: Neighbourhood) -> None:
    anna = await add_member(hood, "anna")
    gemma = await add_member(hood, "gemma", "contact")
    initiative_id = await hood.initiatives.start(anna, draft())
    with pytest.raises(NotAllowed):
        await hood.comments.add(
            anna, "initiative", initiative_id, "Ik ben de gemeente", official=True
        )
    await hood.comments.add(gemma, "initiative", initiative_id, "We helpen graag.", official=True)
    [comment] = await hood.comments.on("initiative", initiative_id)
    assert comment.is_official
    with pytest.raises(NotFound):
        await hood.comments.add(anna, "initiative", 999, "Hallo")


async def test_search_filters_and_odd_queries_never_error(hood: Neighbourhood) -> None:
    anna = await add_member(hood, "anna")
    garden = await hood.initiatives.start(anna, draft())
    await hood.initiatives.start(
        anna,
        draft(title="Buurtbieb bij de bakker", summary="Een kastje met boeken.", needs=[]),
    )
    found = await hood.initiatives.search(query="moestuin")
    assert [i.id for i in found] == [garden]
    assert [i.id for i in await hood.initiatives.search(query="groent")] == [garden]  # prefix
    assert [i.id for i in await hood.initiatives.search(need_kind="money")] == [garden]
    assert [i.id for i in await hood.initiatives.search(open_needs_only=True)] == [garden]
    assert len(await hood.initiatives.search(status="idea")) == 1
    for odd in ['"', "AND(", "moestuin OR", "*", "NEAR(a b", "'; DROP TABLE initiatives;--", ""]:
        await hood.initiatives.search(query=odd)
    assert fts_query('a "b" AND(') == '"a"* "b"* "and"*'


async def test_a_summary_counts_open_needs_for_the_federation_layer(hood: Neighbourhood) -> None:
    anna = await add_member(hood, "anna")
    initiative_id = await hood.initiatives.start(anna, draft())
    summary = await hood.initiatives.summary(initiative_id)
    assert (summary.needs, summary.open_needs, summary.supports) == (3, 3, 0)
    assert [i.id for i in await hood.initiatives.public()] == [initiative_id]
