"""`buurtnode demo`: a small municipality on 127.0.0.1 with realistic Dutch sample data.

Each module in this package may define `async def seed(hood, spec, people)`; they run in
name order on every node after its accounts exist, so each part of the node brings its own
sample data.
"""

from __future__ import annotations

import asyncio
import importlib
import pkgutil
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from node.community.accounts.members import Member
from node.community.clock import system_clock
from node.community.neighbourhood import Neighbourhood, NodeIdentity
from node.config import Settings
from node.demo import contacts, follows
from node.demo.people import DEMO_PASSWORD, MARKER, NODES, PEOPLE, NodeSpec, node_url
from node.storage import Database


def _seeders() -> list[object]:
    modules = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "seed"):
            modules.append(module)
    return modules


async def populate(settings: Settings, spec: NodeSpec) -> dict[str, Member]:
    """Accounts and sample data for one node; returns its members by username."""
    db = Database(settings.database_path)
    await db.open()
    try:
        hood = Neighbourhood(
            db, system_clock, NodeIdentity(settings.name, settings.kind, settings.url)
        )
        _configure_budget(hood, settings)
        await hood.settings.update(
            None, registration=spec.registration, description=spec.description
        )
        people: dict[str, Member] = {}
        for person in PEOPLE[spec.slug]:
            member = await hood.members.add(
                person.username, DEMO_PASSWORD, person.role, display_name=person.display_name
            )
            people[person.username] = await hood.members.update_profile(
                member,
                display_name=person.display_name,
                phone=person.phone,
                availability=person.availability,
                about=person.about,
            )
            if person.public_profile:
                people[person.username] = await hood.members.set_public_profile(
                    people[person.username], True
                )
        for module in _seeders():
            await module.seed(hood, spec, people)  # type: ignore[attr-defined]
        return people
    finally:
        await db.close()


def _configure_budget(hood: Neighbourhood, settings: Settings) -> None:
    """The sample books are signed with the node's own key, as node/app.py does."""
    from node.community.signing import RsaSigner, derive_secret
    from node.config import PRIVATE_KEY_FILE, PUBLIC_KEY_FILE
    from node.federation.ids import Ids

    folder = settings.data_dir
    hood.budget.configure(
        signer=RsaSigner.from_files(
            folder / PRIVATE_KEY_FILE, folder / PUBLIC_KEY_FILE, Ids(settings.url).key
        ),
        ballot_secret=derive_secret(settings.session_secret(), "ballots"),
    )


def prepare(folder: Path, base_port: int) -> list[Settings]:
    """Fresh node folders with accounts and sample data, one per NodeSpec."""
    from node.app import init_node

    if folder.exists():
        if not (folder / MARKER).exists():
            raise SystemExit(f"buurtnode: error: {folder} exists and is not a demo folder")
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / MARKER).write_text("made by buurtnode demo; removed on the next run\n")
    all_settings = []
    for spec in NODES:
        settings = init_node(
            folder / spec.slug,
            url=node_url(base_port, spec.slug),
            name=spec.name,
            kind=spec.kind,
            dev=True,
            registration=spec.registration,
        )
        asyncio.run(populate(settings, spec))
        all_settings.append(settings)
    return all_settings


def _wait_healthy(url: str, process: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"buurtnode: error: the node at {url} stopped; see its log")
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise SystemExit(f"buurtnode: error: the node at {url} did not start in {timeout:.0f}s")


def start_nodes(all_settings: list[Settings]) -> list[subprocess.Popen[bytes]]:
    """`buurtnode serve` for each node, logging to DATA.log; returns once all are healthy."""
    processes: list[subprocess.Popen[bytes]] = []
    try:
        for settings in all_settings:
            log = (settings.data_dir.parent / f"{settings.data_dir.name}.log").open("ab")
            processes.append(
                subprocess.Popen(
                    [sys.executable, "-m", "node.cli", "serve", str(settings.data_dir)],
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
            log.close()
        for settings, process in zip(all_settings, processes, strict=True):
            _wait_healthy(settings.url, process)
    except BaseException:
        stop_nodes(processes)
        raise
    return processes


def stop_nodes(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def federate(all_settings: list[Settings]) -> None:
    """Make the demo's follows through the real federation path and wait for the Accepts."""
    from node.demo.processes import across_nodes  # it imports this module

    nodes = {spec.slug: settings for spec, settings in zip(NODES, all_settings, strict=True)}
    print("Connecting the nodes (Follow, Accept) ", end="", flush=True)
    try:
        follows.connect(nodes, DEMO_PASSWORD)
        print(" done", flush=True)
        print("Fetching each other's initiatives and activities ", end="", flush=True)
        follows.wait_for_content(nodes)
        print(" done", flush=True)
        print("Bringing the municipality's participation processes ", end="", flush=True)
        follows.wait_for_processes(nodes, across_nodes())
        print(" done", flush=True)
        print("Assigning the contact person, residents asking her ", end="", flush=True)
        contacts.setup(nodes, DEMO_PASSWORD)
    except (RuntimeError, httpx.HTTPError) as error:
        print()
        raise SystemExit(f"buurtnode: error: the demo nodes did not connect: {error}") from None
    print(" done", flush=True)


def run_demo(folder: Path, base_port: int = 8701) -> int:
    print(f"Preparing four demo nodes in {folder}/ ...", flush=True)
    all_settings = prepare(folder, base_port)
    processes: list[subprocess.Popen[bytes]] = []
    try:
        processes = start_nodes(all_settings)
        federate(all_settings)
        _print_welcome(all_settings, folder)
        signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
        while all(p.poll() is None for p in processes):
            time.sleep(0.5)
        print("A node stopped unexpectedly; stopping the others. See the logs in", folder)
        return 1
    except KeyboardInterrupt:
        print("\nStopping the demo nodes ...")
        return 0
    finally:
        stop_nodes(processes)


def _print_welcome(all_settings: list[Settings], folder: Path) -> None:
    print("\nBuurtnode demo: the municipality of Beekveld with three neighbourhoods\n")
    for spec, settings in zip(NODES, all_settings, strict=True):
        print(f"  {settings.name} ({spec.kind})  {settings.url}/")
        logins = ", ".join(f"{p.username} ({p.role})" for p in PEOPLE[spec.slug])
        print(f"      log in as: {logins}")
    nodes = {spec.slug: settings for spec, settings in zip(NODES, all_settings, strict=True)}
    print("\n  Federation (ActivityPub; see Beheer → Federatie on each node):")
    for line in follows.describe(nodes):
        print(f"      {line}")
    gemeente = nodes["gemeente"].url
    print(f"\n  The municipality's dashboard: {gemeente}/gemeente (log in as contact to respond)")
    print(f"  Marieke Jansen's work queue: {gemeente}/gemeente/werk (contact), assigned to every")
    print("      wijk and kern (beheer: /gemeente/aanspreekpunten); questions answered, waiting")
    print("      and overdue; each node shows her on /contact and its response times on")
    print("      /reactietijden")
    print("  What followed neighbourhoods publish, on every node: /in-de-buurt")
    print("  Participation processes (Inspraak), on every node: /inspraak")
    noord_url = nodes["noord"].url
    print(f"  Buurtberichten, one with a photo and its alt text, edited: {noord_url}/prikbord")
    print("      (the same from a Mastodon app: log in as kees; see docs/mastodon.md)")
    noord_settings = nodes["noord"]
    handle = f"@{noord_settings.handle}@{noord_settings.host}"
    print(f"  Found from the fediverse: {handle}, in every page's footer with a form to")
    print(f"      follow from your own server; a public member page: {noord_settings.url}/@lotte")
    print("  Notifications of whoever is logged in: /meldingen (on Noord, verbinder finds a")
    print("      sign-up waiting for approval)")
    noord = nodes["noord"].data_dir
    print(f"  A backup of Noord in one file: buurtnode backup {noord} {folder} --keep 3")
    print(f"\n  Every demo account has the password: {DEMO_PASSWORD}")
    print(f"  Logs and data: {folder}/   Press Ctrl-C to stop all nodes.\n", flush=True)
