"""Sessions, CSRF tokens and login throttling for the HTML pages."""

from __future__ import annotations

import hmac
import secrets
import time
from collections import defaultdict, deque
from collections.abc import Callable

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request

from node.community.accounts.members import Member

CSRF_FIELD = "csrf_token"
SESSION_MEMBER = "member"
SESSION_EPOCH = "epoch"


def safe_next(target: str | None) -> str:
    """A local path to return to; anything pointing elsewhere becomes the home page."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def csrf_token(request: Request) -> str:
    token = request.session.get(CSRF_FIELD)
    if not token:
        token = secrets.token_urlsafe(32)
        request.session[CSRF_FIELD] = token
    return str(token)


async def checked_form(request: Request) -> FormData:
    """The submitted form, after checking its CSRF token; 403 when it is missing or wrong."""
    form = await request.form()
    sent = form.get(CSRF_FIELD)
    expected = request.session.get(CSRF_FIELD)
    if not isinstance(sent, str) or not expected or not hmac.compare_digest(sent, expected):
        raise HTTPException(403, "csrf")
    return form


def log_in(request: Request, member: Member) -> None:
    # A fresh session on login, so a session id planted before login is worthless.
    request.session.clear()
    request.session[SESSION_MEMBER] = member.id
    request.session[SESSION_EPOCH] = member.session_epoch
    csrf_token(request)


def log_out(request: Request) -> None:
    request.session.clear()


async def current_member(request: Request) -> Member | None:
    """The logged-in, active member, or None. Cached on the request."""
    if "member" in request.scope.get("state", {}):
        return request.state.member  # type: ignore[no-any-return]
    member = None
    member_id = request.session.get(SESSION_MEMBER)
    if isinstance(member_id, int):
        found = await request.app.state.hood.members.find(member_id)
        if found and found.is_active and found.session_epoch == request.session.get(SESSION_EPOCH):
            member = found
        else:
            log_out(request)
    request.state.member = member
    return member


async def require_member(request: Request) -> Member:
    member = await current_member(request)
    if member is None:
        raise HTTPException(401)
    return member


class LoginThrottle:
    """At most `per_account` failed logins per account and `per_address` per address in a window.

    In memory on purpose: a restart forgets, which only ever lets a resident in sooner.
    """

    def __init__(
        self,
        per_account: int = 5,
        per_address: int = 20,
        window_seconds: float = 15 * 60,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limits = {"account": per_account, "address": per_address}
        self.window = window_seconds
        self.clock = clock
        self._failures: dict[tuple[str, str], deque[float]] = defaultdict(deque)

    def _recent(self, key: tuple[str, str]) -> deque[float]:
        failures = self._failures[key]
        cutoff = self.clock() - self.window
        while failures and failures[0] < cutoff:
            failures.popleft()
        return failures

    def blocked(self, username: str, address: str) -> bool:
        return (
            len(self._recent(("account", username.lower()))) >= self.limits["account"]
            or len(self._recent(("address", address))) >= self.limits["address"]
        )

    def failed(self, username: str, address: str) -> None:
        now = self.clock()
        self._recent(("account", username.lower())).append(now)
        self._recent(("address", address)).append(now)

    def succeeded(self, username: str) -> None:
        self._failures.pop(("account", username.lower()), None)
