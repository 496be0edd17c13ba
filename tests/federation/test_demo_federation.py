"""`buurtnode demo` connects its four nodes through real federation (real processes)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import httpx
import pytest

from node.config import Settings
from node.demo import NODES, federate, prepare, start_nodes, stop_nodes
from node.demo.follows import FOLLOWS
from node.demo.people import DEMO_PASSWORD
from node.demo.posts import BROKEN_RACK
from tests.conftest import free_ports_in_a_row

pytestmark = pytest.mark.multinode


def test_the_demo_nodes_follow_each_other(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Given the demo's four prepared and started nodes, when the demo federates them,
    then every follow it prints is accepted on both sides."""
    all_settings = prepare(tmp_path / "demo", free_ports_in_a_row())
    nodes = {spec.slug: settings for spec, settings in zip(NODES, all_settings, strict=True)}
    processes = start_nodes(all_settings)
    try:
        federate(all_settings)
        # A kern the municipality asked shows both of its processes, the closed one with
        # its report-back; the municipality counts the responses per wijk and kern.
        wijk = nodes["lindewijk"].url
        listing = httpx.get(f"{wijk}/inspraak", timeout=30).text
        assert "Herinrichting Wilhelminaplein" in listing
        copies = _processes(nodes["lindewijk"].database_path)
        closed = httpx.get(f"{wijk}/inspraak/{copies['Bloemrijke bermen']}", timeout=30).text
        assert "twee keer per jaar" in closed and "Oosterbroek" in closed
        # With the closing came the totals of all wijken and kernen (processResults): the
        # municipality's 1 vote, Oosterbroek's 2 and Lindewijk's 2, not Lindewijk's alone.
        overall = closed.split('id="overall-title"')[1].split("</section>")[0]
        assert "Uitslag van alle buurten samen (van Gemeente Beekveld)" in overall
        assert '<th scope="row">Twee keer per jaar maaien</th><td>3</td>' in overall
        ours = _processes(nodes["gemeente"].database_path)["Bloemrijke bermen"]
        results = httpx.get(f"{nodes['gemeente'].url}/inspraak/{ours}", timeout=30).text
        assert 'id="per-node"' in results
        assert '<th scope="row">Lindewijk</th>' in results
        assert '<th scope="row">Oosterbroek</th>' in results
        # Noord's prikbord shows Kees's photo with its alt text, and that he edited it.
        prikbord = httpx.get(f"{nodes['noord'].url}/prikbord", timeout=30).text
        assert f'alt="{BROKEN_RACK}"' in prikbord and "bewerkt" in prikbord
        _marieke_works_from_the_gemeente(nodes)
        # Each wijk's and kern's bookings of the day are one item in the gemeente's
        # In de buurt, not one card per booking.
        nearby = httpx.get(f"{nodes['gemeente'].url}/in-de-buurt", timeout=30).text
        assert "nieuwe boekingen in de wijkboekhouding" in nearby
        assert "Nieuwe boeking in de wijkboekhouding (nr." not in nearby
    finally:
        stop_nodes(processes)

    out = capsys.readouterr().out
    assert out.rstrip().endswith("done") and "participation processes" in out
    for follower, followed in FOLLOWS:
        actor = f"{nodes[followed].url}/ap/actor"
        back = f"{nodes[follower].url}/ap/actor"
        assert _state(nodes[follower].database_path, "federation_following", actor) == "accepted"
        assert _state(nodes[followed].database_path, "federation_followers", back) == "accepted"
    # Backfill brought every followed node's sample initiatives to its followers.
    conn = sqlite3.connect(nodes["gemeente"].database_path)
    try:
        origins = conn.execute(
            "SELECT DISTINCT origin_uri FROM remote_objects WHERE kind = 'initiative'"
        ).fetchall()
    finally:
        conn.close()
    expected = {f"{nodes[b].url}/ap/actor" for a, b in FOLLOWS if a == "gemeente"}
    assert {row[0] for row in origins} == expected
    for settings in all_settings:
        log = settings.data_dir.parent / f"{settings.data_dir.name}.log"
        assert "Traceback" not in log.read_text()


def _marieke_works_from_the_gemeente(nodes: dict[str, Settings]) -> None:
    """Marieke Jansen, assigned by the gemeente, shows on every wijk and kern; her queue
    holds their questions, answered, waiting and overdue; Noord's response times count
    the answer that came back."""
    for slug in ("noord", "oosterbroek", "lindewijk"):
        assert "Marieke Jansen" in httpx.get(f"{nodes[slug].url}/contact", timeout=30).text
    with httpx.Client(base_url=nodes["gemeente"].url, timeout=30) as http:
        page = http.get("/inloggen").text
        token = page.split('name="csrf_token" value="')[1].split('"')[0]
        http.post(
            "/inloggen",
            data={"username": "contact", "password": DEMO_PASSWORD, "csrf_token": token},
        )
        queue = http.get("/gemeente/werk", params={"soort": "question"}).text
    for subject in ("Losse stoeptegels bij de bakker", "Hek van de speeltuin kapot"):
        assert subject in queue
    for state in ("Beantwoord", "Wacht", "Te laat"):
        assert f'<span class="tag">{state}</span>' in queue
    times = httpx.get(f"{nodes['gemeente'].url}/reactietijden", timeout=30).text
    assert '<th scope="row">Beekveld-Noord</th>' in times
    [answered] = _rows(
        nodes["noord"].database_path,
        "SELECT answer FROM questions WHERE subject = 'Losse stoeptegels bij de bakker'",
    )
    assert answered[0] and "donderdag" in answered[0]


def _rows(database: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(database)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _processes(database: Path) -> dict[str, int]:
    """Process ids by the start of their title."""
    conn = sqlite3.connect(database)
    try:
        rows = conn.execute("SELECT id, title FROM processes").fetchall()
    finally:
        conn.close()
    return {title: id for id, full in rows for title in [full.split(" in ")[0]]}


def _state(database: Path, table: str, actor: str) -> str | None:
    conn = sqlite3.connect(database)
    try:
        row = conn.execute(f"SELECT state FROM {table} WHERE actor_uri = ?", (actor,)).fetchone()
    finally:
        conn.close()
    return None if row is None else str(row[0])
