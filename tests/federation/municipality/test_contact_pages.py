"""The gemeente's pages for its contact persons, through HTTP on the fake network: assign
contact persons per node, the work queue with its filters, answering a question; and on
Noord the contact card, "Ask the municipality", withdrawing, and the response times."""

from __future__ import annotations

import httpx

from tests.conftest import login, post_form
from tests.federation.conftest import Network
from tests.federation.helpers import follow, member


async def setup(network: Network) -> None:
    await follow(network, "gemeente", "noord")
    await follow(network, "noord", "gemeente")
    marieke = await member(network["gemeente"], "marieke", "contact")
    await network["gemeente"].fed.hood.members.update_profile(
        marieke, display_name="Marieke Jansen", phone="0345 200 100", availability="ma-do", about=""
    )
    await member(network["gemeente"], "sanne")


async def test_an_admin_assigns_marieke_and_noord_shows_her(network: Network) -> None:
    await setup(network)
    noord_actor = network["noord"].fed.ids.actor
    marieke = await network["gemeente"].fed.hood.members.by_username("marieke")
    sanne = await network["gemeente"].fed.hood.members.by_username("sanne")
    assert marieke and sanne
    async with network["gemeente"].client() as http:
        await login(http, "beheergemeente")
        page = await http.get("/gemeente/aanspreekpunten")
        assert page.status_code == 200 and "Beekveld-Noord" in page.text
        wrong = await post_form(
            http,
            "/gemeente/aanspreekpunten",
            {"node": noord_actor, "contact": str(sanne.id), "standin": ""},
            "/gemeente/aanspreekpunten",
        )
        assert wrong.status_code == 400 and "rol aanspreekpunt" in wrong.text
        nonsense = await post_form(
            http,
            "/gemeente/aanspreekpunten",
            {"node": noord_actor, "contact": "x", "standin": ""},
            "/gemeente/aanspreekpunten",
        )
        assert nonsense.status_code == 400
        saved = await post_form(
            http,
            "/gemeente/aanspreekpunten",
            {"node": noord_actor, "contact": str(marieke.id), "standin": ""},
            "/gemeente/aanspreekpunten",
        )
        assert saved.status_code == 303
    await network.settle()
    async with network["noord"].client() as http:
        page = await http.get("/contact")
        assert "Marieke Jansen" in page.text and "0345 200 100" in page.text
        assert "Vraag het de gemeente" in page.text or "Ask the municipality" in page.text
        assert page.text.count('id="times-title"') == 1
        assert "<title>Contact · Beekveld-Noord</title>" in page.text


async def test_a_question_through_the_pages_of_both_nodes(network: Network) -> None:
    await setup(network)
    gemeente = network["gemeente"].fed.hood
    admin = await gemeente.members.by_username("beheergemeente")
    marieke = await gemeente.members.by_username("marieke")
    assert admin and marieke
    await gemeente.contacts.assign(admin, network["noord"].fed.ids.actor, marieke.id, None)
    await network.settle()
    await member(network["noord"], "fatima")
    async with network["noord"].client() as http:
        await login(http, "fatima")
        asked = await post_form(
            http, "/contact", {"subject": "Lantaarn", "body": "Hij is kapot."}, "/contact"
        )
        assert asked.status_code == 303
        await post_form(
            http, "/contact", {"subject": "Bankje", "body": "Graag een bankje."}, "/contact"
        )
        mine = await http.get("/account/vragen")
        assert "/intrekken" in mine.text
        [bench] = [
            q
            for q in await network["noord"].fed.hood.questions.mine(
                await network["noord"].fed.hood.members.by_username("fatima")  # type: ignore[arg-type]
            )
            if q.subject == "Bankje"
        ]
    await network.settle()
    [lamp_row] = await network["gemeente"].fed.db.fetch_all(
        "SELECT id FROM inbound_questions WHERE subject = 'Lantaarn'"
    )
    async with network["noord"].client() as http:
        await login(http, "fatima")
        withdrawn = await post_form(
            http, f"/account/vragen/{bench.id}/intrekken", {}, "/account/vragen"
        )
        assert withdrawn.status_code == 303
    await network.settle()
    [bench_row] = await network["gemeente"].fed.db.fetch_all(
        "SELECT id FROM inbound_questions WHERE subject = 'Bankje'"
    )

    async with network["gemeente"].client() as http:
        await login(http, "marieke")
        queue = await http.get("/gemeente/werk")
        assert queue.status_code == 200 and "Lantaarn" in queue.text and "Bankje" not in queue.text
        nonsense = await http.get("/gemeente/werk?soort=kat&status=%00&buurt=elders")
        assert nonsense.status_code == 200 and nonsense.text.count("notice-warning") == 3
        assert "Lantaarn" in nonsense.text
        late = await post_form(
            http,
            f"/gemeente/werk/vragen/{bench_row['id']}/antwoord",
            {"answer": "Komt eraan."},
            f"/gemeente/werk/vragen/{bench_row['id']}",
        )
        assert late.status_code == 400 and "Komt eraan." in late.text
        answered = await post_form(
            http,
            f"/gemeente/werk/vragen/{lamp_row['id']}/antwoord",
            {"answer": "Wordt maandag gemaakt."},
            f"/gemeente/werk/vragen/{lamp_row['id']}",
        )
        assert answered.status_code == 303
        done = await http.get("/gemeente/werk?status=answered")
        assert "Lantaarn" in done.text
        assert (await http.get("/reactietijden")).status_code == 200
    await network.settle()
    async with network["noord"].client() as http:
        await login(http, "fatima")
        assert "Wordt maandag gemaakt." in (await http.get("/account/vragen")).text
        times = await http.get("/reactietijden")
        assert times.status_code == 200


async def test_residents_cannot_see_the_work_queue(network: Network) -> None:
    await setup(network)
    async with network["gemeente"].client() as http:
        await login(http, "sanne")
        assert (await http.get("/gemeente/werk")).status_code == 403
        assert (await http.get("/gemeente/aanspreekpunten")).status_code == 403
    async with network["gemeente"].client() as http:
        assert (await http.get("/gemeente/werk")).status_code in (303, 401)
    assert isinstance(http, httpx.AsyncClient)
