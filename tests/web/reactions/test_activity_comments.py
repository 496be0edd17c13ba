"""Reactions on an activity's page: the form for residents, refusals shown beside the field,
visitors asked to log in, hidden reactions gone, no official response on an activity."""

import httpx

from node.community.neighbourhood import Neighbourhood
from tests.conftest import add_member, login, post_form
from tests.web.calendar.support import planned


async def test_given_a_resident_when_reacting_then_the_reaction_is_under_the_activity(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    event = await planned(hood)
    await add_member(hood, "anna", display_name="Anna Bakker")
    await login(client, "anna")
    path = f"/activiteiten/{event.id}"
    before = (await client.get(path)).text
    assert "Nog geen reacties." in before and f'action="{path}/reacties"' in before
    placed = await post_form(client, f"{path}/reacties", {"body": "Ik neem **sla** mee."}, path)
    assert placed.status_code == 303 and placed.headers["location"] == f"{path}#reacties"
    page = (await client.get(path)).text
    assert "Uw reactie is geplaatst." in page
    assert "Anna Bakker" in page and "<strong>sla</strong>" in page
    assert "Nog geen reacties." not in page
    [comment] = await hood.comments.on("event", event.id)
    assert not comment.is_official
    # Apps link to the reaction itself; a reaction that is not right can be reported.
    assert f'id="reactie-{comment.id}"' in page
    assert f"/melden?type=comment&amp;id={comment.id}&amp;" in page


async def test_given_an_empty_reaction_then_the_error_is_beside_the_field(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    event = await planned(hood)
    await add_member(hood, "anna")
    await login(client, "anna")
    path = f"/activiteiten/{event.id}"
    refused = await post_form(client, f"{path}/reacties", {"body": "   "}, path)
    assert refused.status_code == 400
    field = refused.text.split('id="comment-body-error"', 1)[1].split("</textarea>", 1)[0]
    assert "Schrijf eerst uw reactie." in field
    assert 'aria-describedby="comment-body-error" aria-invalid="true"' in field
    assert await hood.comments.on("event", event.id) == []


async def test_given_a_visitor_then_there_is_no_form_and_posting_is_refused(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    event = await planned(hood)
    path = f"/activiteiten/{event.id}"
    page = (await client.get(path)).text
    assert "Log in om te reageren" in page and f'action="{path}/reacties"' not in page
    # A visitor has a session (and a CSRF token, here from the login page) but no account.
    refused = await post_form(client, f"{path}/reacties", {"body": "Hallo"}, "/inloggen")
    assert refused.status_code == 403
    assert "Log in om te reageren. Er is niets opgeslagen." in refused.text
    without_token = await client.post(f"{path}/reacties", data={"body": "Hallo"})
    assert without_token.status_code == 403
    assert await hood.comments.on("event", event.id) == []


async def test_given_a_hidden_reaction_then_the_page_does_not_show_it(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    event = await planned(hood)
    anna = await add_member(hood, "anna")
    mod = await add_member(hood, "mod", "buurtverbinder")
    spam = await hood.comments.add(anna, "event", event.id, "Koop goedkope horloges")
    await hood.comments.add(anna, "event", event.id, "Tot zaterdag!")
    await hood.moderation.hide(mod, "comment", spam, "Reclame")
    page = (await client.get(f"/activiteiten/{event.id}")).text
    assert "Tot zaterdag!" in page and "horloges" not in page


async def test_given_the_contact_person_then_an_activity_offers_no_official_response(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    event = await planned(hood)
    await add_member(hood, "gemma", "contact")
    await login(client, "gemma")
    path = f"/activiteiten/{event.id}"
    page = (await client.get(path)).text
    assert f'action="{path}/reacties"' in page and 'name="official"' not in page
    refused = await post_form(client, f"{path}/reacties", {"body": "Hoi", "official": "1"}, path)
    assert refused.status_code == 400
    assert "Een officiële reactie kan alleen bij een initiatief." in refused.text
