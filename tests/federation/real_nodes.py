"""Helpers for stories across real `buurtnode serve` processes on loopback sockets: make and
restart a node with its people, log in and submit forms over HTTP as a person would, let
nodes follow each other as their admins do, wait for federation with a deadline, read a
node's SQLite, and let time pass for a process. Used by the multi-node federation tests
and the browser stories."""

from __future__ import annotations

import asyncio
import inspect
import sqlite3
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from node.app import init_node
from node.community.clock import system_clock
from node.community.neighbourhood import Neighbourhood, NodeIdentity
from node.config import CONFIG_FILE, load
from node.storage import Database
from tests.conftest import PASSWORD, RunningNode, csrf_from, free_port, start_node

DEADLINE = 30.0
# Generous: the suite runs beside other heavy work; a slow answer is not what we test.
TIMEOUT = httpx.Timeout(30.0)


@dataclass(frozen=True)
class Person:
    username: str
    role: str
    display_name: str


ADMIN = Person("beheer", "admin", "Beheer")  # who follows other nodes in the stories


def in_thread(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run off the main thread, where Playwright's loop may count as running (browser
    stories) and where a test's own asyncio loop may run."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()


def make_node(
    folder: Path,
    *,
    name: str = "Beekveld-Noord",
    kind: str = "wijk",
    registration: str = "open",
    people: tuple[Person, ...] = (ADMIN,),
    config: str = "",
) -> RunningNode:
    """A new node in `folder` with these people, served on a free port; `config` is TOML
    added to its config file (e.g. shorter retries)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    in_thread(init_node, folder, url=url, name=name, kind=kind, dev=True, registration=registration)
    if config:
        with (folder / CONFIG_FILE).open("a", encoding="utf-8") as file:
            file.write(f"\n{config}\n")
    in_thread(asyncio.run, _add_people(folder, people))
    return start_node(folder, port)


async def _add_people(folder: Path, people: tuple[Person, ...]) -> None:
    settings = load(folder)
    db = Database(settings.database_path)
    await db.open()
    try:
        identity = NodeIdentity(settings.name, settings.kind, settings.url)
        members = Neighbourhood(db, system_clock, identity).members
        for person in people:
            await members.add(
                person.username, PASSWORD, person.role, display_name=person.display_name
            )
    finally:
        await db.close()


def restart(node: RunningNode) -> RunningNode:
    """Serve a stopped (or killed) node's folder again on its own port."""
    port = httpx.URL(node.url).port
    assert port is not None
    return start_node(node.settings.data_dir, port)


def query(node: RunningNode, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    """Read the node's own tables (a separate reader; the node keeps writing in WAL mode)."""
    conn = sqlite3.connect(node.settings.database_path, timeout=10)
    try:
        return list(conn.execute(sql, args))
    finally:
        conn.close()


async def eventually(
    check: Callable[[], bool | Awaitable[bool]], what: str, within: float = DEADLINE
) -> None:
    """Wait until `check` (a plain or an async function) is true, at most `within` s."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        result = check()
        if await result if inspect.isawaitable(result) else result:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"not within {within}s: {what}")


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


def no_tracebacks(*nodes: RunningNode) -> None:
    for node in nodes:
        assert "Traceback" not in node.log_path.read_text(), node.settings.name


def initiative_form(title: str) -> dict[str, str]:
    """The fields of /initiatieven/nieuw: an initiative that needs four volunteers."""
    return {
        "title": title,
        "summary": "Samen groente kweken naast de speeltuin.",
        "description": "",
        "area": "",
        "participation_level": "selfmanage",
        "need_0_kind": "volunteers",
        "need_0_text": "Helpen spitten",
        "need_0_amount": "4",
    }


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
