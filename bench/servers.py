"""Server processes for the benchmark: a real node and bare endpoints, on 127.0.0.1 only."""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from node.app import init_node
from node.community.clock import system_clock
from node.community.initiatives.model import InitiativeDraft
from node.community.neighbourhood import Neighbourhood, NodeIdentity
from node.config import load
from node.storage import Database

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
PASSWORD = "bench password 2024"
LIST_ITEMS = 20

# Who lives on the benchmark node: the contacts show on the home page, so `/` reads them.
MEMBERS = [
    ("anna", "admin", "Anna de Vries", "", ""),
    ("fatima", "buurtverbinder", "Fatima Bakker", "06 1234 5678", "Doordeweeks na 18:00"),
    ("gemeente", "contact", "Joost Smit", "14 0123", "Ma-vr 9:00-17:00"),
    ("bert", "resident", "Bert Jansen", "", ""),
    ("carla", "resident", "Carla Peeters", "", ""),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """One server process; `url` is its base address."""

    name: str
    process: subprocess.Popen[bytes]
    port: int
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_ready(self, path: str, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited early:\n{self.log_path.read_text()}")
            try:
                if httpx.get(self.url + path, timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.05)
        raise RuntimeError(f"{self.name} did not answer within {timeout}s")

    def rss_kb(self) -> int:
        """Resident memory now, from the kernel's own account of the process."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise RuntimeError(f"no VmRSS for {self.name}")

    def implementations(self) -> dict[str, str]:
        """Which event loop and HTTP parser uvicorn picked, read from the mapped libraries."""
        maps = Path(f"/proc/{self.process.pid}/maps").read_text()
        return {
            "loop": "uvloop" if "/uvloop/" in maps else "asyncio",
            "http": "httptools" if "/httptools/" in maps else "h11",
        }

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _spawn(name: str, args: list[str], port: int, folder: Path) -> Server:
    log_path = folder / f"{name}.log"
    with log_path.open("ab") as log:  # the child keeps its own copy of the handle
        process = subprocess.Popen(
            [sys.executable, *args], stdout=log, stderr=subprocess.STDOUT, cwd=REPO
        )
    return Server(name, process, port, log_path)


def create_node(folder: Path, port: int) -> Path:
    """A fresh node folder with a few members, as `buurtnode init` and `user add` make it."""
    data = folder / "node"
    settings = init_node(
        data,
        url=f"http://127.0.0.1:{port}",
        name="Beekveld-Noord",
        kind="wijk",
        dev=True,
        registration="open",
    )

    async def seed() -> None:
        db = Database(settings.database_path)
        await db.open()
        try:
            hood = Neighbourhood(
                db, system_clock, NodeIdentity(settings.name, settings.kind, settings.url)
            )
            members = []
            for username, role, display_name, phone, availability in MEMBERS:
                member = await hood.members.add(username, PASSWORD, role, display_name=display_name)
                await hood.members.update_profile(
                    member,
                    display_name=display_name,
                    phone=phone,
                    availability=availability,
                    about="",
                )
                members.append(await hood.members.get(member.id))
            # Twenty of each, so /prikbord and /initiatieven show a full first page.
            for number in range(LIST_ITEMS):
                author = members[number % len(members)]
                await hood.posts.write(author, f"Bericht {number}: wie helpt zaterdag mee? #buurt")
                await hood.initiatives.start(
                    author,
                    InitiativeDraft(f"Initiatief {number}", f"Samenvatting van plan {number}."),
                )
        finally:
            await db.close()

    asyncio.run(seed())
    return data


def start_node(data: Path) -> Server:
    port = int(load(data).url.rsplit(":", 1)[1])
    server = _spawn(
        "node", ["-m", "node.cli", "serve", str(data), "--port", str(port)], port, data.parent
    )
    try:
        server.wait_ready("/healthz")
    except BaseException:
        server.stop()
        raise
    return server


def start_script(
    name: str, script: str, args: list[str], port: int, folder: Path, ready: str
) -> Server:
    """Another bench/ server script (bare_inbox.py, sink.py), started and waited for."""
    folder.mkdir(parents=True, exist_ok=True)
    server = _spawn(name, [str(BENCH_DIR / script), *args, "--port", str(port)], port, folder)
    try:
        server.wait_ready(ready)
    except BaseException:
        server.stop()
        raise
    return server


def start_bare(folder: Path, responses: dict[str, httpx.Response]) -> Server:
    """A bare endpoint answering exactly these recorded bodies, with the same content types."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest = []
    for number, (path, response) in enumerate(responses.items()):
        body_file = f"body-{number}"
        (folder / body_file).write_bytes(response.content)
        manifest.append(
            {"path": path, "file": body_file, "content_type": response.headers["content-type"]}
        )
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    port = free_port()
    server = _spawn(
        "bare", [str(BENCH_DIR / "bare.py"), str(folder), "--port", str(port)], port, folder
    )
    try:
        server.wait_ready(next(iter(responses)))
    except BaseException:
        server.stop()
        raise
    return server
