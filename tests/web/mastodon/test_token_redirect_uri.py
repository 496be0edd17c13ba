"""RFC 6749 §4.1.3 at the token endpoint: a code is traded only with the redirect_uri of
the authorization request it came from."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from node.community.neighbourhood import Neighbourhood
from tests.conftest import add_member, login
from tests.web.mastodon.helpers import consent

CALLBACK = "https://app.example/cb"


@pytest.mark.parametrize("given", [None, "", "https://app.example/other", CALLBACK + "/"])
async def test_a_code_needs_the_same_redirect_uri(
    client: httpx.AsyncClient, hood: Neighbourhood, given: str | None
) -> None:
    """Given Anna allowed an app through the login and consent pages, when the app trades the
    code without the same redirect_uri, then invalid_grant; the right one gets a token."""
    await add_member(hood, "anna")
    await login(client, "anna")
    registered = await client.post(
        "/api/v1/apps",
        json={"client_name": "Test", "redirect_uris": f"{CALLBACK}\n{CALLBACK}/", "scopes": "read"},
    )
    app = registered.json()
    query = {
        "client_id": app["client_id"],
        "redirect_uri": CALLBACK,
        "response_type": "code",
        "scope": "read",
    }

    async def code() -> str:
        allowed = await consent(client, query)
        return parse_qs(urlsplit(allowed.headers["location"]).query)["code"][0]

    trade = {
        "grant_type": "authorization_code",
        **{k: app[k] for k in ("client_id", "client_secret")},
    }
    without = {"code": await code()} | ({} if given is None else {"redirect_uri": given})
    refused = await client.post("/oauth/token", data={**trade, **without})
    assert refused.status_code == 400 and refused.json()["error"] == "invalid_grant"
    good = await client.post(
        "/oauth/token", data={**trade, "code": await code(), "redirect_uri": CALLBACK}
    )
    assert good.status_code == 200 and good.json()["access_token"]
