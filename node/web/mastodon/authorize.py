"""The page where a resident logs in and allows an app (OAuth 2 authorization code).

The node's own login form first, then a consent page naming the app and what it may do,
CSRF-protected. The code goes to the app's redirect address, or is shown on a page for
apps without one (urn:ietf:wg:oauth:2.0:oob, as toot and Mastodon.py use by default).
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from node.community.accounts.oauth import OOB
from node.community.errors import N_, DomainError
from node.web.i18n import gettext as _
from node.web.mastodon.api import both
from node.web.middleware import SECURITY_HEADERS
from node.web.rendering import error_text, render
from node.web.security import checked_form, current_member, require_member

_FIELDS = ("client_id", "redirect_uri", "scope", "state", "code_challenge")
_SCOPES = {
    "read": N_("read what you can read here: messages, timelines, notifications"),
    "write": N_("post, favourite and remove messages in your name"),
    "follow": N_("follow residents and see who follows you"),
    "push": N_("send you push notifications"),
    "profile": N_("see your name and user name"),
}


def _described(scopes: tuple[str, ...]) -> list[str]:
    return [
        _(_SCOPES[scope.split(":")[0]]) + ("" if ":" not in scope else f" ({scope})")
        for scope in scopes
    ]


def _csp_for(redirect_uri: str) -> dict[str, str]:
    """Let the consent form's redirect reach the app (form-action also covers redirects)."""
    csp = dict(SECURITY_HEADERS)[b"content-security-policy"].decode()
    parts = urlsplit(redirect_uri)
    if redirect_uri == OOB or not parts.scheme:
        return {}
    target = f"{parts.scheme}://{parts.netloc}" if parts.netloc else f"{parts.scheme}:"
    widened = csp.replace("form-action 'self'", f"form-action 'self' {target}")
    return {"content-security-policy": widened}


async def _refused(request: Request, exc: DomainError) -> Response:
    return await render(
        request,
        "error.html",
        {"title": _("This app cannot log in here"), "text": error_text(exc)},
        status_code=400,
    )


async def authorize_form(request: Request) -> Response:
    query = request.query_params
    values = {name: query.get(name, "") for name in _FIELDS}
    values["redirect_uri"] = values["redirect_uri"] or OOB
    try:
        app, scopes = await request.app.state.hood.oauth.check_request(
            values["client_id"],
            values["redirect_uri"],
            values["scope"] or None,
            query.get("code_challenge_method"),
        )
    except DomainError as exc:
        return await _refused(request, exc)
    if query.get("response_type", "code") != "code":
        unknown = DomainError(N_("This app asks for something we do not know."))
        return await _refused(request, unknown)
    member = await current_member(request)
    if member is None or query.get("force_login", "").lower() in ("1", "true"):
        kept = [(k, v) for k, v in query.multi_items() if k != "force_login"]
        back = f"/oauth/authorize?{urlencode(kept)}"
        return RedirectResponse(f"/inloggen?{urlencode({'volgende': back})}", status_code=303)
    values["scope"] = " ".join(scopes)
    page = await render(
        request, "oauth/consent.html", {"app": app, "scopes": _described(scopes), "values": values}
    )
    page.headers.update(_csp_for(values["redirect_uri"]))
    return page


async def authorize(request: Request) -> Response:
    member = await require_member(request)
    form = await checked_form(request)
    values = {name: str(form.get(name, "")) for name in _FIELDS}
    oauth = request.app.state.hood.oauth
    try:
        app, _scopes = await oauth.check_request(values["client_id"], values["redirect_uri"], None)
        if form.get("decision") != "allow":
            return await _answer(request, values, {"error": "access_denied"}, app.name)
        code = await oauth.authorize(
            member,
            values["client_id"],
            values["redirect_uri"],
            values["scope"] or None,
            values["code_challenge"] or None,
            "S256" if values["code_challenge"] else None,
        )
    except DomainError as exc:
        return await _refused(request, exc)
    return await _answer(request, values, {"code": code}, app.name)


async def _answer(
    request: Request, values: dict[str, str], result: dict[str, str], app_name: str
) -> Response:
    if values["redirect_uri"] == OOB:
        return await render(
            request, "oauth/code.html", {"code": result.get("code"), "app_name": app_name}
        )
    if values["state"]:
        result["state"] = values["state"]
    joiner = "&" if "?" in values["redirect_uri"] else "?"
    return RedirectResponse(values["redirect_uri"] + joiner + urlencode(result), status_code=303)


routes = [
    *both("/oauth/authorize", authorize_form, ["GET"]),
    *both("/oauth/authorize", authorize, ["POST"]),
]
