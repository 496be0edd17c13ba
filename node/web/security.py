"""Sessions, CSRF tokens and login throttling for the HTML pages."""

from __future__ import annotations

import hmac
import math
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request

from node.community.accounts.members import Member
from node.community.accounts.sessions import Session

CSRF_FIELD = "csrf_token"
SESSION_ID = "sid"  # the only thing in the cookie that says who someone is


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


async def log_in(request: Request, member: Member) -> None:
    """Start a session on the server; the cookie gets only its random id.

    A fresh cookie on login, so a session planted before login is worthless.
    """
    old = request.session.get(SESSION_ID)
    if isinstance(old, str):
        await request.app.state.hood.sessions.end(old)
    request.session.clear()
    token = await request.app.state.hood.sessions.start(
        member, request.headers.get("user-agent", "")
    )
    request.session[SESSION_ID] = token
    request.state.member = member
    csrf_token(request)


async def log_out(request: Request) -> None:
    token = request.session.get(SESSION_ID)
    if isinstance(token, str):
        await request.app.state.hood.sessions.end(token)
    request.session.clear()


async def current_member(request: Request) -> Member | None:
    """The logged-in, active member, or None. Cached on the request."""
    if "member" in request.scope.get("state", {}):
        return request.state.member  # type: ignore[no-any-return]
    member, session = None, None
    token = request.session.get(SESSION_ID)
    if isinstance(token, str):
        found = await request.app.state.hood.sessions.member_for(token)
        if found is None:
            request.session.clear()  # ended elsewhere: logged out, disabled or a new password
        else:
            member, session = found
    elif SESSION_ID in request.session:
        request.session.clear()
    request.state.member = member
    request.state.session = session
    return member


async def current_session(request: Request) -> Session | None:
    await current_member(request)
    return getattr(request.state, "session", None)


async def require_member(request: Request) -> Member:
    member = await current_member(request)
    if member is None:
        raise HTTPException(401)
    return member


@dataclass(frozen=True)
class Throttled:
    address: str
    username: str | None  # None: every account from this address
    failures: int
    wait_seconds: int


class LoginThrottle:
    """Slows down password guessing without ever locking an account out.

    Failures count per (address, account) and per address, never per account alone: a
    stranger who guesses at the admin's account slows down only their own address, and the
    right password from another address still works. Past the free attempts each failure
    doubles the wait, up to `max_wait`, which in practice is a refusal. Argon2 makes every
    guess slow besides. In memory on purpose: a restart forgets, which only lets people in
    sooner.
    """

    MAX_ENTRIES = 10_000  # a stranger sending many names cannot fill the memory

    def __init__(
        self,
        free_per_account: int = 5,
        free_per_address: int = 20,
        first_wait: float = 30,
        max_wait: float = 60 * 60,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.free = {"account": free_per_account, "address": free_per_address}
        self.first_wait = first_wait
        self.max_wait = max_wait
        self.clock = clock
        # key -> (failures, time of the last one); key ("address", addr, "") or
        # ("account", addr, username)
        self._failures: dict[tuple[str, str, str], tuple[int, float]] = {}

    @staticmethod
    def _keys(username: str, address: str) -> list[tuple[str, str, str]]:
        return [("account", address, username.strip().lower()), ("address", address, "")]

    def _remaining(self, key: tuple[str, str, str]) -> float:
        failures, last = self._failures.get(key, (0, 0.0))
        over = failures - self.free[key[0]]
        if over < 0:
            return 0.0
        wait = min(self.first_wait * 2**over, self.max_wait)
        return max(0.0, last + wait - self.clock())

    def wait(self, username: str, address: str) -> int:
        """Seconds before this address may try this account again; 0 means now."""
        return math.ceil(max(self._remaining(key) for key in self._keys(username, address)))

    def failed(self, username: str, address: str) -> None:
        now = self.clock()
        self._forget_old(now)
        for key in self._keys(username, address):
            failures, _ = self._failures.get(key, (0, now))
            self._failures[key] = (failures + 1, now)

    def succeeded(self, username: str, address: str) -> None:
        self._failures.pop(self._keys(username, address)[0], None)

    def throttled(self) -> list[Throttled]:
        """Who has to wait right now, for the beheer page."""
        found = []
        for key, (failures, _) in self._failures.items():
            remaining = self._remaining(key)
            if remaining > 0:
                kind, address, username = key
                found.append(Throttled(address, username or None, failures, math.ceil(remaining)))
        return sorted(found, key=lambda t: -t.wait_seconds)

    def _forget_old(self, now: float) -> None:
        if len(self._failures) < self.MAX_ENTRIES:
            return
        # Whoever has not failed for `max_wait` starts afresh; then the oldest go.
        for key, (_, last) in list(self._failures.items()):
            if last < now - self.max_wait:
                del self._failures[key]
        while len(self._failures) >= self.MAX_ENTRIES:
            oldest = min(self._failures, key=lambda k: self._failures[k][1])
            del self._failures[oldest]
