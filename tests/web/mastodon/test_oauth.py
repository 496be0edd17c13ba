"""OAuth 2: apps, the login and consent pages, codes with PKCE, tokens and scopes."""

from __future__ import annotations

import base64
import hashlib
import re
from urllib.parse import parse_qs, urlsplit

import httpx

from node.community.neighbourhood import Neighbourhood
from tests.conftest import add_member, login
from tests.web.mastodon.helpers import bearer, consent, register, s256, token_for


async def test_a_resident_allows_an_app_and_the_app_gets_a_token_with_pkce(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    """Given an app with a redirect address, when Anna logs in and allows it, then the code
    comes back to that address and only the right PKCE verifier trades it for a token."""
    await add_member(hood, "anna")
    response = await client.post(
        "/api/v1/apps",
        json={"client_name": "Test", "redirect_uris": "https://app.example/cb", "scopes": "read"},
    )
    app = response.json()
    query = {
        "client_id": app["client_id"],
        "redirect_uri": "https://app.example/cb",
        "response_type": "code",
        "scope": "read",
        "state": "xyz",
        "code_challenge": s256("v" * 50),
        "code_challenge_method": "S256",
    }
    first = await client.get("/oauth/authorize", params=query)
    assert first.status_code == 303 and first.headers["location"].startswith("/inloggen")
    await login(client, "anna")
    allowed = await consent(client, query)
    assert allowed.status_code == 303
    target = urlsplit(allowed.headers["location"])
    assert target.netloc == "app.example"
    answer = parse_qs(target.query)
    assert answer["state"] == ["xyz"]
    trade = {
        "grant_type": "authorization_code",
        "client_id": app["client_id"],
        "code": answer["code"][0],
        "redirect_uri": "https://app.example/cb",
    }
    wrong = await client.post("/oauth/token", json={**trade, "code_verifier": "w" * 50})
    assert wrong.status_code == 400 and wrong.json()["error"] == "invalid_grant"
    # the code is used up by the failed attempt too: a new one is needed
    spent = await client.post("/oauth/token", json={**trade, "code_verifier": "v" * 50})
    assert spent.status_code == 400
    allowed = await consent(client, query)
    trade["code"] = parse_qs(urlsplit(allowed.headers["location"]).query)["code"][0]
    good = await client.post("/oauth/token", json={**trade, "code_verifier": "v" * 50})
    assert good.status_code == 200, good.text
    assert good.json()["scope"] == "read"
    me = await client.get(
        "/api/v1/accounts/verify_credentials", headers=bearer(good.json()["access_token"])
    )
    assert me.json()["acct"] == "anna"


async def test_the_consent_page_shows_the_code_for_apps_without_a_redirect(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await add_member(hood, "anna")
    app = await register(client)
    await login(client, "anna")
    query = {
        "client_id": app["client_id"],
        "redirect_uri": "urn:ietf:wg:oauth:2.0:oob",
        "response_type": "code",
        "scope": "read write follow push",
    }
    shown = await consent(client, query)
    assert shown.status_code == 200
    assert re.search(r'id="login-code"[^>]*>([^<]+)<', shown.text)


async def test_tokens_are_stored_hashed_and_end_with_a_password_change(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await add_member(hood, "anna")
    token = await token_for(client, hood, "anna")
    stored = await hood.db.fetch_all("SELECT token_hash FROM oauth_tokens")
    assert [row[0] for row in stored] == [hashlib.sha256(token.encode()).hexdigest()]
    anna = await hood.members.by_username("anna")
    await hood.members.change_password(anna, "correct horse battery", "another long password")
    gone = await client.get("/api/v1/accounts/verify_credentials", headers=bearer(token))
    assert gone.status_code == 401 and gone.json() == {"error": "The access token is invalid"}


async def test_scopes_are_checked(client: httpx.AsyncClient, hood: Neighbourhood) -> None:
    await add_member(hood, "anna")
    token = await token_for(client, hood, "anna", scopes="read:accounts")
    ok = await client.get("/api/v1/accounts/verify_credentials", headers=bearer(token))
    assert ok.status_code == 200
    refused = await client.post("/api/v1/statuses", json={"status": "hoi"}, headers=bearer(token))
    assert refused.status_code == 403
    assert refused.json() == {"error": "This action is outside the authorized scopes"}


async def test_app_tokens_and_revoking(client: httpx.AsyncClient, hood: Neighbourhood) -> None:
    app = await register(client)
    basic = base64.b64encode(f"{app['client_id']}:{app['client_secret']}".encode()).decode()
    response = await client.post(
        "/oauth/token",
        data={"grant_type": "client_credentials", "scope": "read"},
        headers={"Authorization": f"Basic {basic}"},
    )
    token = response.json()["access_token"]
    checked = await client.get("/api/v1/apps/verify_credentials", headers=bearer(token))
    assert checked.json()["name"] == "Test"
    needs_user = await client.get("/api/v1/accounts/verify_credentials", headers=bearer(token))
    assert needs_user.status_code == 422
    await client.post(
        "/oauth/revoke",
        data={"client_id": app["client_id"], "client_secret": app["client_secret"], "token": token},
    )
    assert (
        await client.get("/api/v1/apps/verify_credentials", headers=bearer(token))
    ).status_code == 401


async def test_unknown_grants_and_apps_are_refused(client: httpx.AsyncClient) -> None:
    app = await register(client)
    password = await client.post(
        "/oauth/token",
        data={
            "grant_type": "password",
            "client_id": app["client_id"],
            "username": "a",
            "password": "b",
        },
    )
    assert password.status_code == 400 and password.json()["error"] == "unsupported_grant_type"
    unknown = await client.get("/oauth/authorize", params={"client_id": "nope"})
    assert unknown.status_code == 400 and "text/html" in unknown.headers["content-type"]


async def test_discovery_and_instance(client: httpx.AsyncClient) -> None:
    meta = (await client.get("/.well-known/oauth-authorization-server")).json()
    assert meta["authorization_endpoint"].endswith("/oauth/authorize")
    assert "authorization_code" in meta["grant_types_supported"]
    for path in ("/api/v1/instance", "/api/v1/instance/", "/api/v2/instance/"):
        found = (await client.get(path)).json()
        assert found["version"].startswith("4.2.0 (compatible; Buurtnode ")
    assert (await client.get("/api/v1/instance")).json()["uri"] == "127.0.0.1:8000"
    assert (await client.get("/api/v2/instance")).json()["api_versions"] == {"mastodon": 2}


def test_scope_rules() -> None:
    from node.community.accounts.oauth import covers, parse_scopes
    from node.community.posts.service import hashtags

    assert covers(("read",), "read:statuses") and not covers(("read",), "write:statuses")
    assert covers(("follow",), "write:follows") and not covers(("follow",), "write:statuses")
    assert parse_scopes("read+write") == ("read", "write")
    assert hashtags("#Tuin en #tuin, geen a#b of https://x.nl/#c") == ["tuin"]
