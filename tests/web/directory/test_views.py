"""The guide through HTTP: adding, searching, visibility and who may edit."""

import httpx

from node.community.directory.service import EntryDraft
from node.community.neighbourhood import Neighbourhood
from tests.conftest import add_member, login, post_form

FORM = "/gids/nieuw"


def entry(**changes: str) -> dict[str, str]:
    return {
        "kind": "skill_offer",
        "title": "Ik repareer fietsen",
        "description": "Lekke band? Kom langs.",
        "phone": "06 1234 5678",
        "email": "",
        "website": "",
        "address": "",
        "visibility": "public",
        "show_contact": "1",
        **changes,
    }


async def test_given_a_resident_when_offering_a_skill_then_visitors_find_it_without_phone(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await add_member(hood, "anna")
    await login(client, "anna")
    response = await post_form(client, FORM, entry(), form_page=FORM)
    assert response.status_code == 303
    location = response.headers["location"]
    assert "06 1234 5678" in (await client.get(location)).text

    await post_form(client, "/uitloggen", {})
    listing = await client.get("/gids", params={"q": "fiets"})
    assert "Ik repareer fietsen" in listing.text
    detail = await client.get(location)
    assert detail.status_code == 200 and "06 1234 5678" not in detail.text


async def test_a_members_only_entry_is_not_shown_to_anonymous_visitors(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    anna = await add_member(hood, "anna")
    private = await hood.directory.add(
        anna, EntryDraft(kind="skill_request", title="Wie kan oppassen?", visibility="members")
    )
    assert "Wie kan oppassen?" not in (await client.get("/gids")).text
    assert (await client.get(f"/gids/{private.id}")).status_code == 404
    await add_member(hood, "kees")
    await login(client, "kees")
    assert "Wie kan oppassen?" in (await client.get("/gids")).text


async def test_given_a_resident_when_editing_someone_elses_entry_then_it_is_refused(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    anna = await add_member(hood, "anna")
    offer = await hood.directory.add(anna, EntryDraft(kind="skill_offer", title="Breien"))
    await add_member(hood, "kees")
    await login(client, "kees")
    path = f"/gids/{offer.id}/bewerken"
    assert (await client.get(path)).status_code == 403
    assert (await post_form(client, path, entry(title="Van Kees"))).status_code == 403
    assert (await post_form(client, f"/gids/{offer.id}/verwijderen", {})).status_code == 403
    assert (await hood.directory.get(None, offer.id)).title == "Breien"


async def test_a_resident_cannot_add_a_service_and_is_not_offered_the_choice(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await add_member(hood, "anna")
    await login(client, "anna")
    form = (await client.get(FORM)).text
    assert 'value="service"' not in form and 'value="skill_offer"' in form
    refused = await post_form(client, FORM, entry(kind="service", title="Huisarts"))
    assert refused.status_code == 403


async def test_a_buurtverbinder_adds_a_service_and_a_refusal_keeps_the_input(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await add_member(hood, "bert", "buurtverbinder")
    await login(client, "bert")
    refused = await post_form(
        client, FORM, entry(kind="service", title="Huisarts", email="geen-adres"), form_page=FORM
    )
    assert refused.status_code == 400
    assert 'value="Huisarts"' in refused.text and 'role="alert"' in refused.text
    added = await post_form(
        client, FORM, entry(kind="service", title="Huisartsenpraktijk De Linde"), form_page=FORM
    )
    assert added.status_code == 303
    listing = await client.get("/gids", params={"soort": "service"})
    assert "Huisartsenpraktijk De Linde" in listing.text
    assert "Ik repareer" not in listing.text


async def test_the_owner_changes_and_removes_their_entry(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    anna = await add_member(hood, "anna")
    offer = await hood.directory.add(anna, EntryDraft(kind="skill_offer", title="Breien"))
    await login(client, "anna")
    path = f"/gids/{offer.id}/bewerken"
    changed = await post_form(client, path, entry(title="Breien en haken"), form_page=path)
    assert changed.status_code == 303
    assert "Breien en haken" in (await client.get(f"/gids/{offer.id}")).text
    removed = await post_form(client, f"/gids/{offer.id}/verwijderen", {})
    assert removed.status_code == 303
    assert (await client.get(f"/gids/{offer.id}")).status_code == 404


async def test_odd_search_input_is_a_normal_page(client: httpx.AsyncClient) -> None:
    for query in ('"', "NEAR(", "*", "a OR", "%' --"):
        response = await client.get("/gids", params={"q": query, "soort": "nonsense"})
        assert response.status_code == 200, query
