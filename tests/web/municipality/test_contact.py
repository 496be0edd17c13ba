"""Contact through HTTP: the contact list, asking, answering and privacy of questions."""

import httpx

from node.community.neighbourhood import Neighbourhood
from tests.conftest import add_member, csrf_from, login, post_form


async def test_anonymous_visitors_see_who_to_call_and_are_asked_to_log_in(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    gemma = await add_member(hood, "gemma", "contact", "Gemma de Vries")
    await hood.members.update_profile(
        gemma, display_name="Gemma de Vries", phone="0345 123 456", availability="ma-do", about=""
    )
    page = await client.get("/contact")
    assert page.status_code == 200
    assert "Gemma de Vries" in page.text and "0345 123 456" in page.text
    assert 'action="/contact"' not in page.text
    assert "/inloggen?volgende=/contact" in page.text


async def test_an_anonymous_question_is_refused(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    token = await csrf_from(client, "/inloggen")
    response = await client.post(
        "/contact", data={"subject": "Hoi", "body": "Vraag", "csrf_token": token}
    )
    assert response.status_code == 303
    assert response.headers["location"].startswith("/inloggen")
    gemma = await add_member(hood, "gemma", "contact")
    assert await hood.questions.queue(gemma) == []


async def test_a_question_goes_to_the_contact_person_and_the_answer_comes_back(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await add_member(hood, "anna")
    await add_member(hood, "gemma", "contact")
    await login(client, "anna")
    asked = await post_form(
        client,
        "/contact",
        {"subject": "Kapotte lantaarn", "body": "Bij nummer 12 is het donker."},
        form_page="/contact",
    )
    assert asked.status_code == 303
    assert "Kapotte lantaarn" in (await client.get("/account/vragen")).text
    assert (await client.get("/contact/vragen")).status_code == 403
    await post_form(client, "/uitloggen", {})

    await login(client, "gemma")
    queue = await client.get("/contact/vragen")
    assert "Kapotte lantaarn" in queue.text and "Bij nummer 12" in queue.text
    question = (await hood.questions.queue(await hood.members.by_username("gemma")))[0]
    empty = await post_form(
        client, f"/contact/vragen/{question.id}/antwoord", {"answer": " "}, "/contact/vragen"
    )
    assert empty.status_code == 400 and 'role="alert"' in empty.text
    answered = await post_form(
        client,
        f"/contact/vragen/{question.id}/antwoord",
        {"answer": "De gemeente komt dinsdag."},
        form_page="/contact/vragen",
    )
    assert answered.status_code == 303
    await post_form(client, "/uitloggen", {})

    await login(client, "anna")
    assert "De gemeente komt dinsdag." in (await client.get("/account/vragen")).text


async def test_nobody_else_reads_or_answers_someone_elses_question(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    anna = await add_member(hood, "anna")
    await add_member(hood, "kees")
    await add_member(hood, "bert", "buurtverbinder")
    question = await hood.questions.ask(anna, subject="Geheim", body="Over mijn buren")
    for username in ("kees", "bert"):
        await login(client, username)
        assert "Geheim" not in (await client.get("/account/vragen")).text
        assert (await client.get("/contact/vragen")).status_code == 403
        refused = await post_form(
            client, f"/contact/vragen/{question.id}/antwoord", {"answer": "Ha"}
        )
        assert refused.status_code == 403
        await post_form(client, "/uitloggen", {})
    assert (await hood.questions.mine(anna))[0].answer is None


async def test_a_refused_question_keeps_what_was_typed(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await add_member(hood, "anna")
    await login(client, "anna")
    response = await post_form(
        client, "/contact", {"subject": "", "body": "Mijn lange vraag"}, form_page="/contact"
    )
    assert response.status_code == 400
    assert "Mijn lange vraag" in response.text and 'role="alert"' in response.text
