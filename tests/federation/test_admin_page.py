"""Beheer → Federatie in a browser's shoes: forms with CSRF, admins only."""

from __future__ import annotations

from tests.conftest import PASSWORD, csrf_from
from tests.federation.conftest import Network

PAGE = "/beheer/federatie"


async def login(http, username: str) -> None:  # type: ignore[no-untyped-def]
    token = await csrf_from(http, "/inloggen")
    response = await http.post(
        "/inloggen", data={"username": username, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 303


async def test_an_admin_follows_a_node_by_handle_from_the_page(network: Network) -> None:
    zuid, noord = network["zuid"], network["noord"]
    await zuid.fed.hood.members.add("beheer", PASSWORD, "admin")
    async with zuid.client() as http:
        await login(http, "beheer")
        assert 'href="/beheer/federatie"' in (await http.get("/beheer")).text
        token = await csrf_from(http, PAGE)
        response = await http.post(
            f"{PAGE}/volgen", data={"address": noord.handle, "csrf_token": token}
        )
        assert response.status_code == 303
        await network.settle()
        page = (await http.get(PAGE)).text
    assert "Beekveld-Noord" in page and noord.handle in page
    assert "<td>gevolgd</td>" in page  # Noord's Accept arrived


async def test_an_unknown_address_gives_a_clear_error_and_keeps_the_input(
    network: Network,
) -> None:
    zuid = network["zuid"]
    await zuid.fed.hood.members.add("beheer", PASSWORD, "admin")
    async with zuid.client() as http:
        await login(http, "beheer")
        token = await csrf_from(http, PAGE)
        response = await http.post(
            f"{PAGE}/volgen", data={"address": "niemand@nergens.example", "csrf_token": token}
        )
    assert response.status_code == 404
    assert 'role="alert"' in response.text and 'value="niemand@nergens.example"' in response.text


async def test_blocking_and_unblocking_a_domain(network: Network) -> None:
    zuid = network["zuid"]
    await zuid.fed.hood.members.add("beheer", PASSWORD, "admin")
    async with zuid.client() as http:
        await login(http, "beheer")
        token = await csrf_from(http, PAGE)
        data = {"domain": "https://Spam.Example/x", "reason": "spam", "csrf_token": token}
        assert (await http.post(f"{PAGE}/blokkeren", data=data)).status_code == 303
        assert zuid.fed.blocks.blocks("https://sub.spam.example/users/a")
        bad = await http.post(
            f"{PAGE}/blokkeren", data={"domain": "not a domain!", "csrf_token": token}
        )
        assert bad.status_code == 400 and 'role="alert"' in bad.text
        await http.post(f"{PAGE}/deblokkeren", data={"domain": "spam.example", "csrf_token": token})
    assert not zuid.fed.blocks.blocks("spam.example")


async def test_only_admins_may_manage_federation(network: Network) -> None:
    zuid = network["zuid"]
    await zuid.fed.hood.members.add("bert", PASSWORD, "buurtverbinder")
    async with zuid.client() as http:
        assert (await http.get(PAGE)).status_code == 303  # to the login page
        await login(http, "bert")
        assert (await http.get(PAGE)).status_code == 403
        token = await csrf_from(http, "/beheer")
        response = await http.post(
            f"{PAGE}/blokkeren", data={"domain": "x.example", "csrf_token": token}
        )
        assert response.status_code == 403
        assert 'href="/beheer/federatie"' not in (await http.get("/beheer")).text


async def test_forms_without_csrf_are_refused(network: Network) -> None:
    zuid = network["zuid"]
    await zuid.fed.hood.members.add("beheer", PASSWORD, "admin")
    async with zuid.client() as http:
        await login(http, "beheer")
        response = await http.post(f"{PAGE}/blokkeren", data={"domain": "x.example"})
    assert response.status_code == 403
    assert await zuid.fed.service.blocked_domains() == []
