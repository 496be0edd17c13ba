"""Shared fixtures: a real node folder and SQLite file per test, an in-process HTTP client,
and real `buurtnode serve` processes for the socket suites."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from node.app import create_app, init_node
from node.community.neighbourhood import Neighbourhood
from node.config import Settings, load

PASSWORD = "correct horse battery"
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def free_ports_in_a_row() -> int:
    """A base port with the three after it free too (the demo numbers its nodes in a row)."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            base = int(probe.getsockname()[1])
        if base + 3 > 65535:
            continue
        sockets = []
        try:
            for port in range(base, base + 4):
                sock = socket.socket()
                sockets.append(sock)
                sock.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue
        finally:
            for sock in sockets:
                sock.close()
    raise RuntimeError("no four free ports in a row")


@pytest.fixture(scope="session")
def node_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One freshly initialised node, copied for each test (key generation is slow)."""
    folder = tmp_path_factory.mktemp("template") / "node"
    init_node(
        folder,
        url="http://127.0.0.1:8000",
        name="Beekveld-Noord",
        kind="wijk",
        dev=True,
        registration="open",
    )
    return folder


@pytest.fixture
def settings(tmp_path: Path, node_template: Path) -> Settings:
    folder = tmp_path / "node"
    shutil.copytree(node_template, folder)
    return load(folder)


@pytest.fixture
async def app(settings: Settings):  # type: ignore[no-untyped-def]
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
def hood(app) -> Neighbourhood:  # type: ignore[no-untyped-def]
    return app.state.hood  # type: ignore[no-any-return]


@pytest.fixture
async def client(app, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:  # type: ignore[no-untyped-def]
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=settings.url) as http:
        yield http


async def csrf_from(client: httpx.AsyncClient, path: str) -> str:
    page = await client.get(path)
    found = CSRF_RE.search(page.text)
    assert found, f"no CSRF token on {path} ({page.status_code})"
    return found.group(1)


async def post_form(
    client: httpx.AsyncClient, path: str, data: dict[str, str], form_page: str = "/"
) -> httpx.Response:
    """Submit a form as a browser would: take the CSRF token from a page first."""
    token = await csrf_from(client, form_page)
    return await client.post(path, data={**data, "csrf_token": token})


async def login(client: httpx.AsyncClient, username: str, password: str = PASSWORD) -> None:
    response = await post_form(
        client, "/inloggen", {"username": username, "password": password}, form_page="/inloggen"
    )
    assert response.status_code == 303, response.text


async def add_member(
    hood: Neighbourhood, username: str, role: str = "resident", display_name: str | None = None
):  # type: ignore[no-untyped-def]
    return await hood.members.add(
        username, PASSWORD, role, display_name=display_name or username.title()
    )


class MovableClock:
    """A node's clock that the test sets (`clock.now = ...`) or moves forward."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


@pytest.fixture
def clock() -> MovableClock:
    """Where a test's movable clock starts; a test folder that needs another day overrides it."""
    return MovableClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))


@pytest.fixture
async def moving_app(settings: Settings, clock: MovableClock):  # type: ignore[no-untyped-def]
    """A node on `clock`, which the test moves."""
    application = create_app(settings, clock=clock)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
def moving_hood(moving_app) -> Neighbourhood:  # type: ignore[no-untyped-def]
    return moving_app.state.hood  # type: ignore[no-any-return]


@pytest.fixture
async def moving_client(moving_app, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:  # type: ignore[no-untyped-def]
    transport = httpx.ASGITransport(app=moving_app)
    async with httpx.AsyncClient(transport=transport, base_url=settings.url) as http:
        yield http


@dataclass
class RunningNode:
    settings: Settings
    process: subprocess.Popen[bytes]
    log_path: Path

    @property
    def url(self) -> str:
        return self.settings.url

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_node(
    data_dir: Path,
    port: int,
    timeout: float = 20.0,
    *,
    wrapper: Sequence[str] = (),
    code: Path | None = None,
) -> RunningNode:
    """Run `buurtnode serve` as its own process and wait until /healthz answers; `wrapper`
    goes before the command (e.g. unshare), `code` runs another checkout of node/."""
    log_path = data_dir.parent / f"{data_dir.name}.log"
    with log_path.open("ab") as log:  # the child keeps its own copy of the handle
        process = subprocess.Popen(
            [
                *wrapper,
                sys.executable,
                "-m",
                "node.cli",
                "serve",
                str(data_dir),
                "--port",
                str(port),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=code,  # `python -m` looks in the working folder first
            env={**os.environ},
        )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"node exited early:\n{log_path.read_text()}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return RunningNode(load(data_dir), process, log_path)
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"node did not answer within {timeout}s:\n{log_path.read_text()}")


@pytest.fixture
def running_node(tmp_path: Path) -> Iterator[RunningNode]:
    port = free_port()
    data = tmp_path / "served"
    init_node(
        data,
        url=f"http://127.0.0.1:{port}",
        name="Oosterbroek",
        kind="kern",
        dev=True,
        registration="open",
    )
    node = start_node(data, port)
    yield node
    node.stop()
