"""The neighbourhood guide in the domain: who keeps what, visibility and safe search."""

import pytest

from node.community.changes import unpublished
from node.community.directory.service import EntryDraft, search_expression
from node.community.errors import Invalid, NotAllowed, NotFound
from node.community.neighbourhood import Neighbourhood
from tests.conftest import add_member


async def test_given_a_resident_when_adding_a_service_then_it_is_refused(
    hood: Neighbourhood,
) -> None:
    anna = await add_member(hood, "anna")
    with pytest.raises(NotAllowed):
        await hood.directory.add(anna, EntryDraft(kind="service", title="Huisarts"))


async def test_a_resident_keeps_their_own_skill_and_nobody_elses(hood: Neighbourhood) -> None:
    anna = await add_member(hood, "anna")
    kees = await add_member(hood, "kees")
    offer = await hood.directory.add(
        anna, EntryDraft(kind="skill_offer", title="Ik repareer fietsen")
    )
    assert offer.owner_id == anna.id
    with pytest.raises(NotAllowed):
        await hood.directory.update(kees, offer.id, EntryDraft(kind="skill_offer", title="Van mij"))
    with pytest.raises(NotAllowed):
        await hood.directory.remove(kees, offer.id)
    changed = await hood.directory.update(
        anna, offer.id, EntryDraft(kind="skill_request", title="Wie kan mijn fiets maken?")
    )
    assert changed.kind == "skill_request"


async def test_a_buurtverbinder_keeps_services_and_may_remove_stale_skills(
    hood: Neighbourhood,
) -> None:
    bert = await add_member(hood, "bert", "buurtverbinder")
    anna = await add_member(hood, "anna")
    service = await hood.directory.add(
        bert, EntryDraft(kind="service", title="Repair café", website="repaircafe.nl")
    )
    assert service.website == "https://repaircafe.nl"
    offer = await hood.directory.add(anna, EntryDraft(kind="skill_offer", title="Oppassen"))
    with pytest.raises(NotAllowed):
        await hood.directory.update(bert, offer.id, EntryDraft(kind="skill_offer", title="X"))
    await hood.directory.remove(bert, offer.id)
    with pytest.raises(NotFound):
        await hood.directory.get(bert, offer.id)
    with pytest.raises(Invalid):
        await hood.directory.update(bert, service.id, EntryDraft(kind="skill_offer", title="X"))


async def test_members_only_entries_are_hidden_from_visitors_and_their_changes_unrecorded(
    hood: Neighbourhood,
) -> None:
    anna = await add_member(hood, "anna")
    private = await hood.directory.add(
        anna, EntryDraft(kind="skill_offer", title="Bijles wiskunde", visibility="members")
    )
    public = await hood.directory.add(anna, EntryDraft(kind="skill_offer", title="Bijles Frans"))
    assert [e.id for e in await hood.directory.search(None)] == [public.id]
    assert {e.id for e in await hood.directory.search(anna)} == {public.id, private.id}
    with pytest.raises(NotFound):
        await hood.directory.get(None, private.id)
    # Only public entries may federate: the members-only one left no change behind.
    assert [c.subject_id for c in await unpublished(hood.db)] == [public.id]

    await hood.directory.update(
        anna, public.id, EntryDraft(kind="skill_offer", title="Bijles Frans", visibility="members")
    )
    kinds = [(c.subject_id, c.kind.value) for c in await unpublished(hood.db)]
    assert kinds[-1] == (public.id, "deleted")


async def test_contact_details_of_residents_are_for_logged_in_residents_only(
    hood: Neighbourhood,
) -> None:
    anna = await add_member(hood, "anna")
    kees = await add_member(hood, "kees")
    offer = await hood.directory.add(
        anna, EntryDraft(kind="skill_offer", title="Tuinieren", phone="06 1111 2222")
    )
    assert not offer.contact_visible_to(None)
    assert offer.contact_visible_to(kees)
    hidden = await hood.directory.update(
        anna,
        offer.id,
        EntryDraft(kind="skill_offer", title="Tuinieren", phone="06", show_contact=False),
    )
    assert not hidden.contact_visible_to(kees)
    assert hidden.contact_visible_to(anna)


@pytest.mark.parametrize(
    "query",
    ['"', "fiets OR", "NEAR(a b)", "*", "a:b", "'); DROP TABLE x;--", "^^^", "AND", "ünï cödé"],
)
async def test_odd_search_input_never_errors(hood: Neighbourhood, query: str) -> None:
    await hood.directory.search(None, query)


async def test_search_finds_words_and_prefixes_without_accents(hood: Neighbourhood) -> None:
    bert = await add_member(hood, "bert", "buurtverbinder")
    cafe = await hood.directory.add(
        bert,
        EntryDraft(kind="service", title="Repair Café", description="Fietsreparatie en meer"),
    )
    await hood.directory.add(bert, EntryDraft(kind="organisation", title="Voetbalclub"))
    assert [e.id for e in await hood.directory.search(None, "fiets")] == [cafe.id]
    assert [e.id for e in await hood.directory.search(None, "cafe")] == [cafe.id]
    assert await hood.directory.search(None, "cafe", kind="organisation") == []
    assert search_expression("  ") is None
    assert search_expression('fiets "OR') == '"fiets" "OR"*'
