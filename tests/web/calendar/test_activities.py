"""Activities through HTTP: planning with forms, the week calendar, answers and refusals."""

from datetime import UTC

import httpx
import icalendar
import pytest

from node.community.calendar.model import TIMEZONE
from node.community.calendar.places import PlaceDraft
from node.community.neighbourhood import Neighbourhood
from tests.conftest import add_member, login, post_form
from tests.web.calendar.support import form, local_day, planned


async def plan(client: httpx.AsyncClient, **change: str) -> httpx.Response:
    return await post_form(client, "/activiteiten/nieuw", form(**change), "/activiteiten/nieuw")


async def test_given_a_resident_when_planning_then_the_activity_shows_in_the_calendar(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await add_member(hood, "anna")
    await login(client, "anna")
    response = await plan(client)
    assert response.status_code == 303
    detail = await client.get(response.headers["location"])
    assert "Buurtbarbecue" in detail.text and "17:00–20:00" in detail.text
    listing = (await client.get("/activiteiten")).text
    assert "Buurtbarbecue" in listing
    assert "Grasveld achter de school" in listing
    assert "0 komen" in listing
    assert 'href="/activiteiten/nieuw"' in listing


async def test_given_the_calendar_then_weeks_are_headed_in_dutch(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await planned(hood, start_date="2030-11-27")
    page = (await client.get("/activiteiten", params={"vanaf": "2030-W48"})).text
    assert "week 48 · 25 november – 1 december 2030" in page
    assert "woensdag 27 november" in page
    assert "week 49 · 2–8 december 2030" in page


async def test_given_an_activity_weeks_ahead_then_next_weeks_links_to_it(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await planned(hood, title="Lampionnenoptocht", start_date=local_day(7 * 5))
    first = (await client.get("/activiteiten")).text
    assert "Nog niets gepland deze week." in first
    assert "De eerstvolgende activiteit na deze weken:" in first
    assert first.count("Lampionnenoptocht") == 1
    next_link = first.split('rel="next"')[0].rsplit('href="', 1)[1].split('"')[0]
    following = (await client.get(next_link.replace("&amp;", "&"))).text
    assert following.count("Lampionnenoptocht") == 1
    assert 'rel="prev"' in following and 'href="/activiteiten"' in following


@pytest.mark.parametrize(
    "change, message",
    [
        ({"start_date": "31-02-2030"}, "is geen datum"),
        ({"start_time": "half acht"}, "is geen tijd"),
        ({"end_time": "16:00"}, "Het einde moet na het begin liggen"),
    ],
)
async def test_given_a_wrong_date_or_time_then_the_form_returns_with_the_input_kept(
    client: httpx.AsyncClient, hood: Neighbourhood, change: dict[str, str], message: str
) -> None:
    await add_member(hood, "anna")
    await login(client, "anna")
    response = await plan(client, title="Snertwandeling", **change)
    assert response.status_code == 400
    assert message in response.text
    assert 'value="Snertwandeling"' in response.text
    assert f'value="{list(change.values())[0]}"' in response.text
    assert await hood.calendar.upcoming() == []


async def test_given_no_login_then_planning_and_answering_lead_to_the_login_page(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    event = await planned(hood)
    assert (await client.get("/activiteiten/nieuw")).headers["location"].startswith("/inloggen")
    refused = await post_form(
        client, f"/activiteiten/{event.id}/aanmelden", {"answer": "going"}, "/inloggen"
    )
    assert refused.status_code == 303
    assert refused.headers["location"].startswith("/inloggen")
    assert (await hood.calendar.get(event.id)).counts.going == 0
    page = (await client.get(f"/activiteiten/{event.id}")).text
    assert "Log in om te laten weten of u komt" in page


async def test_given_someone_elses_activity_when_a_resident_edits_then_403(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    event = await planned(hood)
    await add_member(hood, "anna")
    await login(client, "anna")
    assert (await client.get(f"/activiteiten/{event.id}/bewerken")).status_code == 403
    response = await post_form(
        client, f"/activiteiten/{event.id}/bewerken", form(title="Gekaapt"), "/activiteiten"
    )
    assert response.status_code == 403
    cancel = await post_form(client, f"/activiteiten/{event.id}/annuleren", {}, "/activiteiten")
    assert cancel.status_code == 403
    assert (await hood.calendar.get(event.id)).title == "Buurtbarbecue"
    assert "Deze activiteit wijzigen" not in (await client.get(f"/activiteiten/{event.id}")).text


async def test_given_the_organiser_when_editing_and_cancelling_then_it_stays_listed_marked(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    event = await planned(hood)
    await login(client, "olga")
    edit_page = await client.get(f"/activiteiten/{event.id}/bewerken")
    assert 'value="Buurtbarbecue"' in edit_page.text
    changed = await post_form(
        client,
        f"/activiteiten/{event.id}/bewerken",
        form(title="Buurtbarbecue (verplaatst)", start_time="18:00", end_time="21:00"),
        f"/activiteiten/{event.id}/bewerken",
    )
    assert changed.status_code == 303
    cancelled = await post_form(
        client, f"/activiteiten/{event.id}/annuleren", {}, f"/activiteiten/{event.id}"
    )
    assert cancelled.status_code == 303
    page = (await client.get(f"/activiteiten/{event.id}")).text
    assert "Deze activiteit gaat niet door" in page
    assert "18:00–21:00" in page
    listing = (await client.get("/activiteiten")).text
    assert "Buurtbarbecue (verplaatst)" in listing and "Gaat niet door" in listing


async def test_given_a_full_activity_then_going_is_refused_clearly_and_maybe_is_kept(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    event = await planned(hood, capacity="1")
    olga = await hood.members.by_username("olga")
    await hood.calendar.answer(olga, event.id, "going")
    await add_member(hood, "anna")
    await login(client, "anna")
    path = f"/activiteiten/{event.id}"
    full = await post_form(client, f"{path}/aanmelden", {"answer": "going"}, path)
    assert full.status_code == 400
    assert "Deze activiteit is vol" in full.text
    maybe = await post_form(client, f"{path}/aanmelden", {"answer": "maybe"}, path)
    assert maybe.status_code == 303
    counts = (await hood.calendar.get(event.id)).counts
    assert (counts.going, counts.maybe) == (1, 1)
    page = (await client.get(path)).text
    assert "Uw antwoord is opgeslagen" in page
    assert 'value="maybe" checked' in page


async def test_given_answers_then_counts_are_public_and_names_only_for_members(
    app, settings, client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    event = await planned(hood)
    await add_member(hood, "anna", display_name="Anna de Vries")
    await login(client, "anna")
    path = f"/activiteiten/{event.id}"
    assert (await post_form(client, f"{path}/aanmelden", {"answer": "going"}, path)).status_code
    assert "Anna de Vries" in (await client.get(path)).text
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=settings.url) as stranger:
        page = (await stranger.get(path)).text
    assert "1 komt" in page
    assert "Anna de Vries" not in page


async def test_given_places_then_an_activity_can_be_planned_at_one(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    els = await add_member(hood, "els", "buurtverbinder")
    place = await hood.places.create(
        els,
        PlaceDraft(
            name="Buurthuis De Horst",
            street_address="Beekstraat 12",
            postal_code="1234 AB",
            locality="Beekveld",
        ),
    )
    await login(client, "els")
    new = (await client.get(f"/activiteiten/nieuw?plek={place.id}")).text
    assert f'<option value="{place.id}" selected>' in new
    response = await plan(client, place_id=str(place.id), location="")
    detail = (await client.get(response.headers["location"])).text
    assert "Beekstraat 12, 1234 AB Beekveld" in detail
    assert "Buurtbarbecue" in (await client.get(f"/plekken/{place.id}")).text


async def test_given_activities_across_the_dst_change_then_the_feed_keeps_local_times(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    els = await add_member(hood, "els", "buurtverbinder")
    place = await hood.places.create(
        els,
        PlaceDraft(
            name="Bibliotheek Beekveld",
            street_address="Markt 3",
            postal_code="1234 CD",
            locality="Beekveld",
            latitude="51.98",
            longitude="5.21",
        ),
    )
    # Summer time starts on Sunday 31 March 2030 at 02:00.
    before = await planned(
        hood,
        title="Voorleesochtend",
        start_date="2030-03-30",
        start_time="10:00",
        end_time="11:30",
        place_id=str(place.id),
    )
    after = await planned(
        hood,
        title="Voorleesochtend",
        start_date="2030-04-06",
        start_time="10:00",
        end_time="11:30",
        place_id=str(place.id),
    )
    await hood.calendar.cancel(await hood.members.by_username("olga"), after.id)

    response = await client.get("/activiteiten.ics")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    parsed = icalendar.Calendar.from_ical(response.content)
    assert parsed["VERSION"] == "2.0" and "Buurtnode" in str(parsed["PRODID"])
    assert [tz["TZID"] for tz in parsed.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    items = {str(item["UID"]): item for item in parsed.walk("VEVENT")}
    assert set(items) == {f"event-{before.id}@127.0.0.1:8000", f"event-{after.id}@127.0.0.1:8000"}
    for event, utc_hour in ((before, 9), (after, 8)):
        item = items[f"event-{event.id}@127.0.0.1:8000"]
        start = item.decoded("DTSTART")
        assert str(start.tzinfo) == "Europe/Amsterdam"
        assert (start.hour, start.minute) == (10, 0)
        assert start.astimezone(UTC).hour == utc_hour
        assert item.decoded("DTEND").astimezone(TIMEZONE).strftime("%H:%M") == "11:30"
        assert "DTSTAMP" in item
        assert str(item["SUMMARY"]) == "Voorleesochtend"
        assert str(item["LOCATION"]) == "Bibliotheek Beekveld, Markt 3, 1234 CD Beekveld"
        assert str(item["URL"]) == f"http://127.0.0.1:8000/activiteiten/{event.id}"
        assert "salade" in str(item["DESCRIPTION"]) and "<" not in str(item["DESCRIPTION"])
    assert str(items[f"event-{before.id}@127.0.0.1:8000"]["STATUS"]) == "CONFIRMED"
    assert str(items[f"event-{after.id}@127.0.0.1:8000"]["STATUS"]) == "CANCELLED"
    assert b"TZID=Europe/Amsterdam:20300330T100000" in response.content


async def test_given_one_activity_then_its_own_ics_holds_just_that_one(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    event = await planned(hood, description="Met **muziek**")
    response = await client.get(f"/activiteiten/{event.id}.ics")
    assert response.headers["content-type"].startswith("text/calendar")
    [item] = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(item["UID"]) == f"event-{event.id}@127.0.0.1:8000"
    assert str(item["DESCRIPTION"]).startswith("Met muziek")
    assert (await client.get("/activiteiten/999.ics")).status_code == 404


async def test_given_the_menu_then_activities_and_places_are_sections(
    client: httpx.AsyncClient,
) -> None:
    home = (await client.get("/")).text
    assert 'href="/activiteiten"' in home and "Activiteiten" in home
    assert 'href="/plekken"' in home and "Plekken" in home


@pytest.mark.parametrize("week", ["2025-W60", "0001-W01", "9999-W52", "volgende", ""])
async def test_given_an_odd_week_parameter_then_the_calendar_shows_this_week(
    client: httpx.AsyncClient, week: str
) -> None:
    page = await client.get("/activiteiten", params={"vanaf": week})
    assert page.status_code == 200
    assert "Vorige weken" in page.text and "Deze week" not in page.text
