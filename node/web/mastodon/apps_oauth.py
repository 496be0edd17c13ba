"""Apps register themselves and trade a login code (or their own credentials) for a token.

The HTML part — a resident logging in and allowing the app — is in authorize.py.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any
from urllib.parse import unquote

from starlette.requests import Request
from starlette.responses import Response

from node.community.accounts.members import Member
from node.community.accounts.oauth import SCOPES, OAuthError
from node.community.errors import N_, DomainError
from node.web.mastodon import entities
from node.web.mastodon.api import api, both, domain_error, params, reply, site


async def create_app(request: Request) -> Response:
    try:
        data = await params(request)
        uris = data.get("redirect_uris") or ""
        app, secret = await request.app.state.hood.oauth.register_app(
            str(data.get("client_name") or ""),
            "\n".join(uris) if isinstance(uris, list) else str(uris),
            str(data.get("scopes") or "read"),
            str(data.get("website") or "") or None,
        )
    except DomainError as exc:
        return domain_error(exc)
    return reply(entities.application(app, secret))


@api(None, user=False)
async def verify_app(request: Request, me: Member | None) -> Response:
    grant = request.state.grant
    return reply({"name": grant.app_name, "website": grant.app_website, "scopes": []})


def _client(request: Request, data: dict[str, Any]) -> tuple[str, str | None]:
    """client_secret_post or client_secret_basic."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("basic "):
        try:
            decoded = base64.b64decode(header[6:].strip()).decode()
        except (binascii.Error, UnicodeDecodeError):
            raise OAuthError("invalid_client", N_("This app is not known here."), 401) from None
        client_id, _, secret = decoded.partition(":")
        return unquote(client_id), unquote(secret)
    secret = data.get("client_secret")
    return str(data.get("client_id") or ""), None if secret is None else str(secret)


async def token(request: Request) -> Response:
    oauth = request.app.state.hood.oauth
    try:
        data = await params(request)
        client_id, secret = _client(request, data)
        grant_type = data.get("grant_type")
        if grant_type == "authorization_code":
            issued = await oauth.token_for_code(
                client_id,
                secret,
                str(data.get("code") or ""),
                str(data.get("redirect_uri") or ""),
                data.get("code_verifier"),
            )
        elif grant_type == "client_credentials":
            issued = await oauth.token_for_app(client_id, secret or "", data.get("scope"))
        else:
            raise OAuthError(
                "unsupported_grant_type", N_("Use the authorization code: log in in your browser.")
            )
    except DomainError as exc:
        return domain_error(exc)
    return reply(entities.token(issued), headers={"Cache-Control": "no-store"})


async def revoke(request: Request) -> Response:
    try:
        data = await params(request)
        client_id, secret = _client(request, data)
        await request.app.state.hood.oauth.revoke(client_id, secret, str(data.get("token") or ""))
    except DomainError as exc:
        return domain_error(exc)
    return reply({})


async def server_metadata(request: Request) -> Response:
    """RFC 8414, as Mastodon 4.3 serves it; Mastodon.py reads its endpoints from here."""
    url = site(request).url
    return reply(
        {
            "issuer": f"{url}/",
            "service_documentation": "https://docs.joinmastodon.org/",
            "authorization_endpoint": f"{url}/oauth/authorize",
            "token_endpoint": f"{url}/oauth/token",
            "revocation_endpoint": f"{url}/oauth/revoke",
            "app_registration_endpoint": f"{url}/api/v1/apps",
            "scopes_supported": sorted(SCOPES),
            "response_types_supported": ["code"],
            "response_modes_supported": ["query", "fragment", "form_post"],
            "grant_types_supported": ["authorization_code", "client_credentials"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
        }
    )


routes = [
    *both("/api/v1/apps", create_app, ["POST"]),
    *both("/api/v1/apps/verify_credentials", verify_app, ["GET"]),
    *both("/oauth/token", token, ["POST"]),
    *both("/oauth/revoke", revoke, ["POST"]),
    *both("/.well-known/oauth-authorization-server", server_metadata, ["GET"]),
]
