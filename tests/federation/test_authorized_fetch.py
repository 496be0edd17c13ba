"""Fetching from a server in secure mode (Mastodon's AUTHORIZED_FETCH): it answers a GET only
when it is signed over `(request-target) host date` by a key it can fetch and check."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from node.federation.http import FetchError
from node.federation.signatures import SignatureError, check_request, parse_signature, verify
from tests.federation.conftest import Network, fixture

SECURE_HOST = "secure.example"


def secure_server(network: Network) -> Starlette:
    """A stand-in for a Mastodon server in secure mode; it checks keys the way we do."""
    checker = network["zuid"].fed.remote  # fetches the signer's actor, as Mastodon would
    note = fixture("mastodon/objects/note_1.json")

    async def status(request: Request) -> Response:
        headers = {k.lower(): v for k, v in request.headers.items()}
        try:
            params = parse_signature(headers.get("signature", ""))
            check_request(params, method="GET", headers=headers, body=None, now=network.clock())
            key = await checker.key(params.key_id)
            if not verify(params, key, method="GET", target=request.url.path, headers=headers):
                raise SignatureError("bad signature")
        except SignatureError as error:
            return JSONResponse({"error": str(error)}, status_code=401)
        return JSONResponse({**note, "signedBy": params.key_id, "covered": params.headers})

    return Starlette(routes=[Route("/users/alice/statuses/1", status)])


@pytest.fixture
def secure_url(network: Network) -> str:
    network.transport.apps[SECURE_HOST] = secure_server(network)
    return f"http://{SECURE_HOST}/users/alice/statuses/1"


async def test_our_signed_get_is_answered_by_a_server_in_secure_mode(
    network: Network, secure_url: str
) -> None:
    noord = network["noord"]
    document = await noord.fed.client.get_json(secure_url)
    assert document["signedBy"] == noord.fed.ids.actor + "#main-key"
    assert document["covered"] == ["(request-target)", "host", "date"]


async def test_an_unsigned_get_is_refused_there(network: Network, secure_url: str) -> None:
    with pytest.raises(FetchError, match="401"):
        await network["noord"].fed.client.get_json(secure_url, signed=False)
