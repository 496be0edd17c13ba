"""Accounts through HTTP, as a browser sends them: forms with CSRF tokens."""

import re

import httpx
import pytest

from node.community.neighbourhood import Neighbourhood
from tests.conftest import PASSWORD, add_member, csrf_from, login, post_form


async def register(client: httpx.AsyncClient, username: str, invite: str = "") -> httpx.Response:
    return await post_form(
        client,
        "/registreren",
        {
            "username": username,
            "display_name": username.title(),
            "password": PASSWORD,
            "password_again": PASSWORD,
            "invite": invite,
        },
        form_page="/inloggen",
    )


async def test_open_registration_logs_the_new_resident_in(client: httpx.AsyncClient) -> None:
    response = await register(client, "anna")
    assert response.status_code == 303
    account = await client.get("/account")
    assert account.status_code == 200
    assert "Anna" in account.text


async def test_registration_with_approval_waits_for_a_buurtverbinder(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await hood.settings.update(None, registration="approval", description="")
    assert (await register(client, "anna")).status_code == 303
    refused = await post_form(
        client, "/inloggen", {"username": "anna", "password": PASSWORD}, form_page="/inloggen"
    )
    assert refused.status_code == 403
    assert "goedkeuring" in refused.text

    await add_member(hood, "bert", "buurtverbinder")
    await login(client, "bert")
    pending = await hood.members.pending()
    assert [m.username for m in pending] == ["anna"]
    approved = await post_form(
        client, f"/beheer/leden/{pending[0].id}/goedkeuren", {}, form_page="/beheer"
    )
    assert approved.status_code == 303
    assert (await hood.members.by_username("anna")).is_active


async def test_invite_only_registration_needs_a_link(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await hood.settings.update(None, registration="invite", description="")
    refused = await register(client, "anna")
    assert refused.status_code == 403
    assert await hood.members.by_username("anna") is None

    await add_member(hood, "bert", "buurtverbinder")
    await login(client, "bert")
    await post_form(client, "/beheer/uitnodigingen", {}, form_page="/beheer")
    page = (await client.get("/beheer")).text
    link = page.split("uitnodiging=")[1].split("<")[0]
    assert (await client.get("/beheer")).text.count("uitnodiging=") == 0  # shown once
    await post_form(client, "/uitloggen", {})
    assert (await register(client, "anna", invite=link)).status_code == 303
    assert (await hood.members.by_username("anna")).is_active


async def test_login_and_logout(client: httpx.AsyncClient, hood: Neighbourhood) -> None:
    await add_member(hood, "anna")
    await login(client, "anna")
    assert (await client.get("/account")).status_code == 200
    await post_form(client, "/uitloggen", {})
    response = await client.get("/account")
    assert response.status_code == 303
    assert response.headers["location"].startswith("/inloggen")


async def test_wrong_password_is_a_clear_error(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await add_member(hood, "anna")
    response = await post_form(
        client, "/inloggen", {"username": "anna", "password": "nope nope"}, form_page="/inloggen"
    )
    assert response.status_code == 400
    assert "klopt niet" in response.text
    assert 'value="anna"' in response.text  # what was typed is kept


async def test_login_attempts_are_rate_limited_per_account(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await add_member(hood, "anna")
    for _ in range(5):
        await post_form(
            client,
            "/inloggen",
            {"username": "anna", "password": "wrong wrong"},
            form_page="/inloggen",
        )
    blocked = await post_form(
        client, "/inloggen", {"username": "anna", "password": PASSWORD}, form_page="/inloggen"
    )
    assert blocked.status_code == 429
    assert (await client.get("/account")).status_code == 303  # still not logged in


async def test_session_cookie_is_http_only_and_same_site(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await add_member(hood, "anna")
    token = await csrf_from(client, "/inloggen")
    response = await client.post(
        "/inloggen", data={"username": "anna", "password": PASSWORD, "csrf_token": token}
    )
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie


async def test_changing_the_password_logs_out_other_devices(
    app, settings, hood: Neighbourhood
) -> None:
    await add_member(hood, "anna")
    transport = httpx.ASGITransport(app=app)
    async with (
        httpx.AsyncClient(transport=transport, base_url=settings.url) as phone,
        httpx.AsyncClient(transport=transport, base_url=settings.url) as laptop,
    ):
        await login(phone, "anna")
        await login(laptop, "anna")
        new = "a brand new password"
        changed = await post_form(
            laptop,
            "/account/wachtwoord",
            {"current_password": PASSWORD, "new_password": new, "new_password_again": new},
            form_page="/account",
        )
        assert changed.status_code == 303
        assert (await laptop.get("/account")).status_code == 200
        assert (await phone.get("/account")).status_code == 303


async def test_a_buurtverbinder_gives_a_resident_a_reset_link(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    anna = await add_member(hood, "anna")
    await add_member(hood, "bert", "buurtverbinder")
    await login(client, "bert")
    await post_form(client, f"/beheer/leden/{anna.id}/wachtwoord", {}, form_page="/beheer")
    page = (await client.get("/beheer")).text
    link = page.split('class="secret">')[1].split("<")[0]
    await post_form(client, "/uitloggen", {})
    path = link.removeprefix(str(client.base_url).rstrip("/"))
    new = {"new_password": "my own new password", "new_password_again": "my own new password"}
    assert (await post_form(client, path, new, form_page=path)).status_code == 303
    await login(client, "anna", "my own new password")


async def test_a_resident_cannot_reach_the_management_pages(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    other = await add_member(hood, "bert")
    await add_member(hood, "anna")
    await login(client, "anna")
    assert (await client.get("/beheer")).status_code == 403
    response = await post_form(client, f"/beheer/leden/{other.id}/wachtwoord", {})
    assert response.status_code == 403
    assert "Niet toegestaan" in response.text


async def test_only_an_admin_changes_settings(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await add_member(hood, "bert", "buurtverbinder")
    await login(client, "bert")
    response = await post_form(
        client,
        "/beheer/instellingen",
        {"registration": "invite", "description": "x"},
        form_page="/beheer",
    )
    assert response.status_code == 403
    assert (await hood.settings.get()).registration == "open"


def _post_routes(app) -> list[str]:  # type: ignore[no-untyped-def]
    found = []
    for route in app.routes:
        if "POST" in (getattr(route, "methods", None) or set()):
            path = re.sub(r"\{[^}]+\}", "1", route.path)  # any path parameter
            found.append(path)
    return found


async def test_every_form_refuses_a_missing_or_wrong_csrf_token(
    app, client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await add_member(hood, "ad", "admin")
    await login(client, "ad")
    # The one-click unsubscribe (RFC 8058) is posted by mail programs without a form: the
    # signed token in its address is what protects it (tests/mail checks a forged one).
    skipped = ("/api/", "/oauth/", "/ap/", "/afmelden/")
    html_posts = [p for p in _post_routes(app) if not p.startswith(skipped)]
    assert html_posts
    for path in html_posts:
        for data in ({}, {"csrf_token": "forged"}):
            response = await client.post(path, data=data)
            assert response.status_code == 403, path
            assert "Formulier verlopen" in response.text


@pytest.mark.parametrize(
    "header, expected", [("en-GB,en;q=0.9", "Log in"), ("nl-NL", "Inloggen"), ("de", "Inloggen")]
)
async def test_language_follows_accept_language(
    client: httpx.AsyncClient, header: str, expected: str
) -> None:
    page = await client.get("/inloggen", headers={"accept-language": header})
    assert f"<h1>{expected}</h1>" in page.text


async def test_the_language_cookie_overrides_the_browser(client: httpx.AsyncClient) -> None:
    switched = await client.get("/taal", params={"lang": "en", "volgende": "/inloggen"})
    assert switched.status_code == 303 and switched.headers["location"] == "/inloggen"
    page = await client.get("/inloggen", headers={"accept-language": "nl"})
    assert '<html lang="en">' in page.text
    assert (
        await client.get("/taal", params={"lang": "en", "volgende": "https://evil.example"})
    ).headers["location"] == "/"
