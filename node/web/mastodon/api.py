"""What every Mastodon API view shares: the token and scope check, parameters from query,
form or JSON, paging with Link headers, and errors shaped as Mastodon sends them."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from node.community.accounts.members import Member
from node.community.accounts.oauth import Grant, OAuthError
from node.community.errors import N_, DomainError, Invalid
from node.web.rendering import error_text

View = Callable[[Request, Member | None], Awaitable[Response]]


@dataclass(frozen=True)
class Site:
    """The node as the API describes it."""

    url: str
    host: str
    handle: str
    name: str
    kind: str


def site(request: Request) -> Site:
    settings = request.app.state.settings
    return Site(settings.url, settings.host, settings.handle, settings.name, settings.kind)


def error(status: int, message: str, **extra: str) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status)


def reply(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(data, status_code=status, headers=headers)


def domain_error(exc: DomainError) -> JSONResponse:
    if isinstance(exc, OAuthError):
        return error(exc.status, exc.code, error_description=error_text(exc))
    # Mastodon answers a refused value with 422 Unprocessable Entity.
    status = 422 if isinstance(exc, Invalid) else exc.status
    response = error(status, error_text(exc))
    if status == 429:  # apps (Mastodon.py's ratelimit handling) wait as long as we say
        response.headers["Retry-After"] = str(getattr(exc, "retry_after", 60))
    return response


async def authenticate(request: Request) -> Grant | None | bool:
    """The token's grant; None without a token; False with a token that is not valid."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if not header:
        return None
    if scheme.lower() != "bearer" or not token.strip():
        return False
    grant = await request.app.state.hood.oauth.authenticate(token.strip())
    return grant if grant is not None else False


def api(scope: str | None = None, *, user: bool = True) -> Callable[[View], Any]:
    """Guard a view: a valid token with `scope`, a resident behind it when `user`.

    Without `user`, the view also answers anonymous callers (me is None then).
    """

    def decorate(view: View) -> Callable[[Request], Awaitable[Response]]:
        @wraps(view)
        async def guarded(request: Request) -> Response:
            grant = await authenticate(request)
            if grant is False:
                return error(401, "The access token is invalid")
            if grant is None and user:
                return error(401, "The access token is invalid")
            if isinstance(grant, Grant) and scope and not grant.allows(scope):
                return error(403, "This action is outside the authorized scopes")
            me = grant.member if isinstance(grant, Grant) else None
            request.state.grant = grant
            if user and me is None:
                return error(422, "This method requires an authenticated user")
            try:
                return await view(request, me)
            except DomainError as exc:
                return domain_error(exc)

        return guarded

    return decorate


async def params(request: Request) -> dict[str, Any]:
    """Query parameters plus the body (form or JSON); `name[]` keys become lists."""
    found: dict[str, Any] = {}
    for key in request.query_params:
        values = request.query_params.getlist(key)
        found[key.removesuffix("[]")] = values if key.endswith("[]") else values[-1]
    if request.method in ("GET", "HEAD", "DELETE"):
        return found
    kind = request.headers.get("content-type", "")
    if "json" in kind:
        try:
            body = json.loads(await request.body() or b"{}")
        except ValueError:
            raise Invalid(N_("Request not understood")) from None
        if isinstance(body, dict):
            found.update(body)
    elif "form" in kind:
        form = await request.form()
        for key in form:
            values = [v for v in form.getlist(key) if isinstance(v, str)]
            found[key.removesuffix("[]")] = values if key.endswith("[]") else values[-1]
    return found


def nested(data: dict[str, Any], name: str) -> dict[str, Any]:
    """`home[last_read_id]=5` (form) or `{"home": {"last_read_id": 5}}` (JSON) alike."""
    value = data.get(name)
    if isinstance(value, dict):
        return value
    prefix = f"{name}["
    return {k[len(prefix) : -1]: v for k, v in data.items() if k.startswith(prefix)}


def as_int(value: Any) -> int | None:
    text = str(value).strip() if value is not None else ""
    return int(text) if text.isdigit() and len(text) < 19 else None


def truthy(value: Any) -> bool:
    return str(value).lower() in ("1", "true", "on", "yes")


def paging(request: Request) -> dict[str, int | None]:
    query = request.query_params
    limit = as_int(query.get("limit"))
    return {
        "max_id": as_int(query.get("max_id")),
        "since_id": as_int(query.get("since_id")),
        "min_id": as_int(query.get("min_id")),
        "limit": limit if limit else 20,
    }


def link_header(request: Request, ids: Sequence[int]) -> dict[str, str]:
    """Link: <...max_id=oldest>; rel="next", <...min_id=newest>; rel="prev" (next first:
    toot reads only a leading rel="next")."""
    if not ids:
        return {}
    kept = [
        (k, v)
        for k, v in request.query_params.multi_items()
        if k not in ("max_id", "since_id", "min_id")
    ]
    base = site(request).url + request.url.path
    older = f"{base}?{urlencode([*kept, ('max_id', str(min(ids)))])}"
    newer = f"{base}?{urlencode([*kept, ('min_id', str(max(ids)))])}"
    return {"Link": f'<{older}>; rel="next", <{newer}>; rel="prev"'}


def both(path: str, endpoint: Callable[..., Any], methods: list[str]) -> list[Route]:
    """Clients call some paths with a trailing slash (toot: /oauth/authorize/): serve both."""
    return [
        Route(path, endpoint, methods=methods),
        Route(path.rstrip("/") + "/", endpoint, methods=methods),
    ]
