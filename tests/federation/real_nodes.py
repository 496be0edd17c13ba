"""Helpers for stories across real `buurtnode serve` processes on loopback sockets: log in
and submit forms over HTTP as a person would, let nodes follow each other as their admins
do, wait for federation with a deadline, read a node's SQLite, and let time pass for a
process. Used by the multi-node federation tests and the browser stories."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from tests.conftest import PASSWORD, RunningNode, csrf_from

DEADLINE = 30.0
# Generous: the suite runs beside other heavy work; a slow answer is not what we test.
TIMEOUT = httpx.Timeout(30.0)


def query(node: RunningNode, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    """Read the node's own tables (a separate reader; the node keeps writing in WAL mode)."""
    conn = sqlite3.connect(node.settings.database_path, timeout=10)
    try:
        return list(conn.execute(sql, args))
    finally:
        conn.close()


async def eventually(check: Callable[[], Awaitable[bool]], what: str) -> None:
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        if await check():
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"not within {DEADLINE}s: {what}")


async def logged_in(node: RunningNode, username: str) -> httpx.AsyncClient:
    http = httpx.AsyncClient(base_url=node.url, timeout=TIMEOUT)
    token = await csrf_from(http, "/inloggen")
    login = await http.post(
        "/inloggen", data={"username": username, "password": PASSWORD, "csrf_token": token}
    )
    assert login.status_code == 303, login.text
    return http


async def submit(http: httpx.AsyncClient, path: str, form_page: str, data: dict[str, Any]) -> str:
    """Submit a form as a browser would (CSRF token from the page it is on); its redirect."""
    token = await csrf_from(http, form_page)
    response = await http.post(path, data={**data, "csrf_token": token})
    assert response.status_code == 303, response.text
    return str(response.headers["location"])


def actor(node: RunningNode) -> str:
    return f"{node.url}/ap/actor"


def handle(node: RunningNode) -> str:
    return f"{node.settings.handle}@{node.settings.host}"


async def follow(http: httpx.AsyncClient, address: str) -> None:
    """As an admin: Beheer → Federatie, follow by handle."""
    await submit(http, "/beheer/federatie/volgen", "/beheer/federatie", {"address": address})


async def accepted(follower: RunningNode, followed: RunningNode) -> bool:
    rows = query(
        follower,
        "SELECT state FROM federation_following WHERE actor_uri = ?",
        actor(followed),
    )
    return rows == [("accepted",)]


async def follow_each_other(
    gemeente: RunningNode, wijken: list[RunningNode], admin: str = "beheer"
) -> None:
    """The gemeente follows each wijk (to ask it) and each wijk the gemeente (to hear it),
    through each node's admin page; returns once every follow is accepted."""
    clients: list[httpx.AsyncClient] = []
    try:
        by_gemeente = await logged_in(gemeente, admin)
        clients.append(by_gemeente)
        for wijk in wijken:
            by_wijk = await logged_in(wijk, admin)
            clients.append(by_wijk)
            await follow(by_gemeente, handle(wijk))
            await follow(by_wijk, handle(gemeente))
        for wijk in wijken:
            name = wijk.settings.name
            await eventually(lambda w=wijk: accepted(gemeente, w), f"gemeente follows {name}")
            await eventually(lambda w=wijk: accepted(w, gemeente), f"{name} follows gemeente")
    finally:
        for http in clients:
            await http.aclose()


def today() -> date:
    """The municipality's calendar: phases follow the date in the Netherlands."""
    return datetime.now(ZoneInfo("Europe/Amsterdam")).date()


def two_weeks_later(gemeente: RunningNode, process_id: int) -> None:
    """Real nodes run on the real clock, and a report-back may only follow the input
    phase. So instead of waiting two weeks we move this process's timeline two weeks back
    in the gemeente's own database (keeping input_from <= input_until <= decision_on <=
    report_back_by): the input phase is over and the decision is taken today. The wijken
    learn the new dates from the process itself when the report-back is sent to them."""
    dates = [(today() + timedelta(days=d)).isoformat() for d in (-14, -7, 0, 7)]
    conn = sqlite3.connect(gemeente.settings.database_path, timeout=10)
    try:
        with conn:
            changed = conn.execute(
                "UPDATE processes SET input_from = ?, input_until = ?, decision_on = ?,"
                " report_back_by = ? WHERE id = ?",
                (*dates, process_id),
            ).rowcount
    finally:
        conn.close()
    assert changed == 1
