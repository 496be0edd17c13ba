"""Getting an app and a token for the in-process tests."""

from __future__ import annotations

import base64
import hashlib
import html
import re

import httpx

from node.community.neighbourhood import Neighbourhood
from tests.conftest import CSRF_RE, PASSWORD

SCOPES = "read write follow push"


async def register(client: httpx.AsyncClient, scopes: str = SCOPES) -> dict:
    response = await client.post(
        "/api/v1/apps",
        data={
            "client_name": "Test",
            "redirect_uris": "urn:ietf:wg:oauth:2.0:oob",
            "scopes": scopes,
        },
    )
    assert response.status_code == 200, response.text
    return response.json()


async def token_for(
    client: httpx.AsyncClient, hood: Neighbourhood, username: str, scopes: str = SCOPES
) -> str:
    """An access token for a member: the app registers, the member allows it, the code is
    traded at /oauth/token (the consent page itself is tested in test_oauth.py)."""
    app = await register(client, scopes)
    member = await hood.members.by_username(username)
    assert member is not None
    code = await hood.oauth.authorize(member, app["client_id"], "urn:ietf:wg:oauth:2.0:oob", scopes)
    response = await client.post(
        "/oauth/token",
        data={
            "grant_type": "authorization_code",
            "client_id": app["client_id"],
            "client_secret": app["client_secret"],
            "code": code,
            "redirect_uri": "urn:ietf:wg:oauth:2.0:oob",
        },
    )
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


def s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


async def consent(client: httpx.AsyncClient, query: dict[str, str]) -> httpx.Response:
    """Allow the app named "Test" on the consent page the authorization query opens."""
    page = await client.get("/oauth/authorize/", params=query)
    assert page.status_code == 200, page.text
    assert "Test" in page.text
    fields = {k: html.unescape(v) for k, v in HIDDEN.findall(page.text)}
    return await client.post("/oauth/authorize", data={**fields, "decision": "allow"})


CODE = re.compile(r'id="login-code"[^>]*>([^<]+)<')


def browser_login(authorize_url: str, username: str) -> str:
    """Open the app's login link as a browser would: log in, allow, read the code."""
    with httpx.Client(follow_redirects=True, timeout=10) as browser:
        login_page = browser.get(authorize_url)
        assert login_page.url.path == "/inloggen", login_page.text
        form = {k: html.unescape(v) for k, v in HIDDEN.findall(login_page.text)}
        consent = browser.post(
            str(login_page.url.copy_with(query=None)),
            data={**form, "username": username, "password": PASSWORD},
        )
        assert consent.url.path.rstrip("/") == "/oauth/authorize", consent.text
        fields = {k: html.unescape(v) for k, v in HIDDEN.findall(consent.text)}
        assert CSRF_RE.search(consent.text)
        shown = browser.post(
            str(consent.url.copy_with(query=None)), data={**fields, "decision": "allow"}
        )
        found = CODE.search(shown.text)
        assert found, shown.text
        return found.group(1)
