"""Places: who may keep them, and what a valid address looks like."""

import pytest

from node.community.calendar.places import PlaceDraft, PlaceKind
from node.community.changes import unpublished
from node.community.errors import Invalid, NotAllowed
from node.community.neighbourhood import Neighbourhood
from tests.conftest import add_member

BUURTHUIS = PlaceDraft(
    kind="community_centre",
    name="Buurthuis De Horst",
    street_address="Beekstraat 12",
    postal_code="1234ab",
    locality="Beekveld",
    latitude="51,9851",
    longitude="5.2",
    accessibility="Rolstoeltoegankelijk, ringleiding in de grote zaal",
)


async def test_given_a_buurtverbinder_when_adding_a_place_then_it_is_listed_with_its_address(
    hood: Neighbourhood,
) -> None:
    els = await add_member(hood, "els", "buurtverbinder")
    place = await hood.places.create(els, BUURTHUIS)
    assert place.kind is PlaceKind.COMMUNITY_CENTRE
    assert place.postal_code == "1234 AB"
    assert place.address == "Beekstraat 12, 1234 AB Beekveld"
    assert (place.latitude, place.longitude) == (51.9851, 5.2)
    assert [p.name for p in await hood.places.all()] == ["Buurthuis De Horst"]
    changes = await unpublished(hood.db)
    assert [(c.subject_type, c.subject_id, c.kind) for c in changes] == [
        ("place", place.id, "created")
    ]


async def test_given_a_resident_when_adding_a_place_then_it_is_refused(
    hood: Neighbourhood,
) -> None:
    anna = await add_member(hood, "anna")
    with pytest.raises(NotAllowed):
        await hood.places.create(anna, BUURTHUIS)
    assert await hood.places.all() == []


@pytest.mark.parametrize(
    "change",
    [
        {"name": "  "},
        {"kind": "castle"},
        {"postal_code": "12345"},
        {"latitude": "north", "longitude": "5"},
        {"latitude": "91", "longitude": "5"},
        {"latitude": "52", "longitude": ""},
    ],
)
async def test_given_bad_input_when_adding_a_place_then_it_says_what_to_fix(
    hood: Neighbourhood, change: dict[str, str]
) -> None:
    els = await add_member(hood, "els", "buurtverbinder")
    draft = PlaceDraft(**{**BUURTHUIS.__dict__, **change})
    with pytest.raises(Invalid):
        await hood.places.create(els, draft)


async def test_given_a_place_when_updated_then_the_form_round_trips(hood: Neighbourhood) -> None:
    els = await add_member(hood, "els", "buurtverbinder")
    place = await hood.places.create(els, BUURTHUIS)
    draft = PlaceDraft.from_place(place)
    assert draft.latitude == "51.9851"
    changed = await hood.places.update(
        els, place.id, PlaceDraft(**{**draft.__dict__, "opening_hours": "ma-vr 9-17"})
    )
    assert changed.opening_hours == "ma-vr 9-17"
    assert changed.name == place.name
