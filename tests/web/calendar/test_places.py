"""Places through HTTP: everyone reads them, buurtverbinders and admins keep them."""

import httpx

from node.community.calendar.places import PlaceDraft
from node.community.neighbourhood import Neighbourhood
from tests.conftest import add_member, login, post_form

BUURTHUIS = {
    "name": "Buurthuis De Horst",
    "kind": "community_centre",
    "street_address": "Beekstraat 12",
    "postal_code": "1234ab",
    "locality": "Beekveld",
    "latitude": "51.9851",
    "longitude": "5.2043",
    "opening_hours": "ma t/m vr 9.00-17.00",
    "accessibility": "Rolstoeltoegankelijk, ringleiding in de grote zaal",
    "description": "Het **hart** van de wijk.",
}


async def test_given_a_buurtverbinder_when_adding_a_place_then_everyone_can_read_it(
    app, settings, client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await add_member(hood, "els", "buurtverbinder")
    await login(client, "els")
    assert 'href="/plekken/nieuw"' in (await client.get("/plekken")).text
    response = await post_form(client, "/plekken/nieuw", BUURTHUIS, "/plekken/nieuw")
    assert response.status_code == 303
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=settings.url) as visitor:
        listing = (await visitor.get("/plekken")).text
        assert "Buurthuis De Horst" in listing and "buurthuis" in listing
        page = (await visitor.get(response.headers["location"])).text
    assert "Beekstraat 12, 1234 AB Beekveld" in page
    assert "ringleiding" in page and "<strong>hart</strong>" in page
    assert "openstreetmap.org/?mlat=51.9851" in page
    assert "Hier is nog niets gepland." in page
    assert "Deze plek wijzigen" not in page


async def test_given_a_wrong_postal_code_then_the_form_returns_with_the_input_kept(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await add_member(hood, "els", "buurtverbinder")
    await login(client, "els")
    response = await post_form(
        client, "/plekken/nieuw", {**BUURTHUIS, "postal_code": "12345"}, "/plekken/nieuw"
    )
    assert response.status_code == 400
    assert "Schrijf de postcode als vier cijfers en twee letters" in response.text
    assert 'value="12345"' in response.text and 'value="Buurthuis De Horst"' in response.text
    assert await hood.places.all() == []


async def test_given_a_resident_then_adding_or_changing_places_is_refused(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    els = await add_member(hood, "els", "buurtverbinder")
    await add_member(hood, "anna")
    await login(client, "anna")
    assert (await client.get("/plekken/nieuw")).status_code == 403
    refused = await post_form(client, "/plekken/nieuw", BUURTHUIS, "/plekken")
    assert refused.status_code == 403
    assert await hood.places.all() == []
    place = await hood.places.create(els, PlaceDraft(name="Bibliotheek"))
    assert (await client.get(f"/plekken/{place.id}/bewerken")).status_code == 403
    changed = await post_form(client, f"/plekken/{place.id}/bewerken", BUURTHUIS, "/plekken")
    assert changed.status_code == 403
    assert (await hood.places.get(place.id)).name == "Bibliotheek"


async def test_given_an_admin_when_changing_a_place_then_the_form_is_prefilled(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await add_member(hood, "ad", "admin")
    await login(client, "ad")
    created = await post_form(client, "/plekken/nieuw", BUURTHUIS, "/plekken/nieuw")
    edit_path = created.headers["location"] + "/bewerken"
    form_page = (await client.get(edit_path)).text
    assert 'value="1234 AB"' in form_page and 'value="community_centre" checked' in form_page
    changed = await post_form(
        client, edit_path, {**BUURTHUIS, "opening_hours": "alleen op zaterdag"}, edit_path
    )
    assert changed.status_code == 303
    assert "alleen op zaterdag" in (await client.get(created.headers["location"])).text


async def test_given_an_unknown_place_then_404(client: httpx.AsyncClient) -> None:
    assert (await client.get("/plekken/4242")).status_code == 404
