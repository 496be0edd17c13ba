"""A participation process across three real `buurtnode serve` processes on loopback
sockets (issue 7): the gemeente opens a process for Beekveld-Noord and Beekveld-Zuid, their
residents respond on their own node, the gemeente counts per wijk and in total, and the
report-back reaches both wijken; a process without its report-back shows as overdue.

Everything a person does goes through the web forms over HTTP; the nodes' SQLite files are
only read, except once to let two weeks pass (see `two_weeks_later` in real_nodes.py)."""

from __future__ import annotations

import asyncio
import html
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import RunningNode
from tests.federation.real_nodes import (
    ADMIN,
    Person,
    actor,
    eventually,
    follow_each_other,
    logged_in,
    make_node,
    no_tracebacks,
    query,
    submit,
    today,
    two_weeks_later,
)

pytestmark = pytest.mark.multinode
GEMEENTE, NOORD, ZUID = "Gemeente Beekveld", "Beekveld-Noord", "Beekveld-Zuid"
# Who logs in where, besides each node's admin "beheer".
PEOPLE = {
    GEMEENTE: Person("contact", "contact", "Carla Contact"),
    NOORD: Person("anna", "resident", "Anna de Vries"),
    ZUID: Person("kees", "resident", "Kees Bakker"),
}
KINDS = {GEMEENTE: "gemeente", NOORD: "wijk", ZUID: "wijk"}
TITLE = "Herinrichting Wilhelminaplein"
LATE_TITLE = "Speeltuin Beekpark"
OPTIONS = ["Meer groen", "Meer parkeerplaatsen", "Een speelplek"]
ARGUMENT = "Groen koelt de buurt af"


@pytest.fixture
def three_nodes(tmp_path: Path) -> Iterator[dict[str, RunningNode]]:
    nodes: dict[str, RunningNode] = {}
    try:
        for name, kind in KINDS.items():
            folder = tmp_path / name.replace(" ", "")
            nodes[name] = make_node(folder, name=name, kind=kind, people=(ADMIN, PEOPLE[name]))
        yield nodes
    finally:
        for node in nodes.values():
            node.stop()


# -- helpers ----------------------------------------------------------------------


async def _page(http: httpx.AsyncClient, path: str) -> str:
    response = await http.get(path)
    assert response.status_code == 200, response.text
    return html.unescape(response.text)


def _text(markup: str) -> str:
    """What a person reads: the text without tags, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def _section(page: str, start: str, end: str) -> str:
    assert start in page, f"{start!r} not on the page"
    return page.split(start, 1)[1].split(end, 1)[0]


def _process_form(title: str, nodes: list[str], days: tuple[int, int, int, int]) -> dict[str, Any]:
    """The fields of /inspraak/nieuw; `days` are the four timeline dates relative to today."""
    input_from, input_until, decision_on, report_back_by = (
        (today() + timedelta(days=d)).isoformat() for d in days
    )
    return {
        "title": title,
        "question": "Hoe wilt u dat het Wilhelminaplein eruitziet?",
        "background": "Het plein wordt in **2027** opnieuw ingericht.",
        "documents": "",
        "level": "advise",
        "level_meaning": "De gemeenteraad besluit; uw advies wordt meegewogen.",
        "input_from": input_from,
        "input_until": input_until,
        "decision_on": decision_on,
        "report_back_by": report_back_by,
        "forms": ["open", "poll", "arguments"],
        "options": "\n".join(OPTIONS),
        "nodes": nodes,  # the checkboxes of the wijken the gemeente follows
    }


def _copy_path(listing: str, title: str) -> str:
    """The link to a process on a node's /inspraak list, found by its title."""
    found = re.search(rf'<a href="(/inspraak/\d+)">{re.escape(title)}</a>', listing)
    assert found, f"{title!r} not listed"
    return found.group(1)


def _poll_options(page: str) -> dict[str, str]:
    """The poll's radio buttons on a process page: label → value (the option id there)."""
    found = re.findall(
        r'name="choice" value="(\d+)"[^>]*>\s*<label for="inbreng-poll-choice-\d+">([^<]+)</label>',
        page,
    )
    return {label: value for value, label in found}


def _per_node(page: str) -> dict[str, dict[str, str]]:
    """The "Uitslag per buurt" table as read: wijk → column heading → the cell's text."""
    table = _section(page, 'class="results results-per-node"', "</table>")
    headings = [_text(h) for h in re.findall(r'<th scope="col">(.*?)</th>', table)]
    assert headings[0] == "Buurt", headings
    rows = re.findall(r'<th scope="row">([^<]+)</th>(.*?)</tr>', table, re.S)
    columns = {
        name: [_text(c) for c in re.findall(r"<td>(.*?)</td>", cells, re.S)] for name, cells in rows
    }
    return {name: dict(zip(headings[1:], cells, strict=True)) for name, cells in columns.items()}


def _totals(page: str, kind: str) -> str:
    """The text of one form's results (all wijken together) on the gemeente's page."""
    return _text(_section(page, f'id="inbreng-{kind}">', "</article>"))


# -- the story --------------------------------------------------------------------


async def _story(nodes: dict[str, RunningNode]) -> None:
    gemeente, noord, zuid = nodes[GEMEENTE], nodes[NOORD], nodes[ZUID]
    wijken = {NOORD: noord, ZUID: zuid}
    clients: list[httpx.AsyncClient] = []

    async def login(node: RunningNode, username: str) -> httpx.AsyncClient:
        clients.append(await logged_in(node, username))
        return clients[-1]

    try:
        # The gemeente follows both wijken (to ask them); both follow it (to hear it).
        await follow_each_other(gemeente, list(wijken.values()))

        # The contact person opens the process for both wijken through the form.
        contact = await login(gemeente, "contact")
        form = await _page(contact, "/inspraak/nieuw")
        for wijk in wijken.values():
            assert f'name="nodes" value="{actor(wijk)}"' in form
        fields = _process_form(TITLE, [actor(noord), actor(zuid)], (0, 7, 10, 14))
        process_path = await submit(contact, "/inspraak/nieuw", "/inspraak/nieuw", fields)
        process_id = int(process_path.rsplit("/", 1)[1])
        assert "De inspraak is geopend." in await _page(contact, process_path)

        # Both wijken list it, started by the gemeente.
        anna, kees = await login(noord, "anna"), await login(zuid, "kees")
        residents = {NOORD: anna, ZUID: kees}
        for name, http in residents.items():

            async def listed(http: httpx.AsyncClient = http) -> bool:
                return TITLE in await _page(http, "/inspraak")

            await eventually(listed, f"{name} lists the gemeente's process")
            listing = await _page(http, "/inspraak")
            assert f"Gestart door {GEMEENTE}" in listing
        copies = {n: _copy_path(await _page(h, "/inspraak"), TITLE) for n, h in residents.items()}
        for name, http in residents.items():
            page = await _page(http, copies[name])
            assert f"Gestart door {GEMEENTE}." in page
            assert "<strong>2027</strong>" in page
            assert "Wie mag meedoen: bewoners van Beekveld-Noord, Beekveld-Zuid." in _text(page)
            assert list(_poll_options(page)) == OPTIONS

        # Residents respond on their own node: Anna on Noord (open, poll, an argument for
        # more green), Kees on Zuid (open, poll).
        noord_page = await _page(anna, copies[NOORD])
        noord_options = _poll_options(noord_page)
        answers = [
            (anna, copies[NOORD], "open", {"body": "Bankjes in de schaduw"}),
            (anna, copies[NOORD], "poll", {"choice": noord_options["Meer groen"]}),
            (
                anna,
                copies[NOORD],
                "arguments",
                {"side": "for", "about": noord_options["Meer groen"], "body": ARGUMENT},
            ),
            (kees, copies[ZUID], "open", {"body": "Een waterspeelplaats voor de kinderen"}),
        ]
        zuid_options = _poll_options(await _page(kees, copies[ZUID]))
        answers.append((kees, copies[ZUID], "poll", {"choice": zuid_options["Een speelplek"]}))
        for http, path, kind, data in answers:
            back = await submit(http, f"{path}/inbreng/{kind}", path, data)
            assert back == f"{path}#inbreng-{kind}"
            assert "Dank u wel! Uw reactie telt mee." in await _page(http, path)

        # They arrive at the gemeente, counted per wijk.
        def counted() -> list[tuple[Any, ...]]:
            return query(
                gemeente,
                "SELECT n.name, f.kind, count(*) FROM process_responses r"
                " JOIN process_forms f ON f.id = r.form_id"
                " JOIN process_nodes n ON n.process_id = f.process_id"
                " AND n.actor_uri = r.remote_node"
                " WHERE f.process_id = ? GROUP BY n.name, f.kind ORDER BY n.name, f.kind",
                process_id,
            )

        expected = [
            (NOORD, "arguments", 1),
            (NOORD, "open", 1),
            (NOORD, "poll", 1),
            (ZUID, "open", 1),
            (ZUID, "poll", 1),
        ]

        async def all_counted() -> bool:
            return counted() == expected

        await eventually(all_counted, "the five responses are counted at the gemeente")

        # The gemeente passes Anna's argument on; Kees on Zuid reads it and supports it.
        async def argument_on_zuid() -> bool:
            return ARGUMENT in await _page(kees, copies[ZUID])

        await eventually(argument_on_zuid, "Anna's argument reaches Zuid")
        zuid_page = await _page(kees, copies[ZUID])
        found = re.search(rf'action="{copies[ZUID]}/argumenten/(\d+)/steun"', zuid_page)
        assert found, "no support button on Zuid's copy"
        argument_id = found.group(1)
        assert "Ik steun dit argument" in zuid_page
        back = await submit(
            kees, f"{copies[ZUID]}/argumenten/{argument_id}/steun", copies[ZUID], {}
        )
        assert back == f"{copies[ZUID]}#argument-{argument_id}"
        assert "U steunt dit argument." in await _page(kees, copies[ZUID])

        async def supported_at_gemeente() -> bool:
            return "1 steunt dit" in _totals(await _page(contact, process_path), "arguments")

        await eventually(supported_at_gemeente, "Kees's support is counted at the gemeente")

        # Noord linked its own resident's argument to the gemeente's copy: shown once.
        async def linked_on_noord() -> bool:
            rows = query(
                noord,
                "SELECT r.ap_id FROM process_responses r JOIN process_forms f"
                " ON f.id = r.form_id WHERE f.kind = 'arguments'",
            )
            return len(rows) == 1 and bool(rows[0][0])

        await eventually(linked_on_noord, "Noord links Anna's argument to the gemeente's")
        assert (await _page(anna, copies[NOORD])).count(ARGUMENT) == 1

        # The gemeente's page: results per wijk, and in total.
        page = await _page(contact, process_path)
        assert "Uitslag per buurt" in page
        per_node = _per_node(page)
        assert list(per_node) == [NOORD, ZUID]
        assert per_node == {
            NOORD: {
                "Uw reactie": "1 reactie",
                "Peiling": "1 reactie Meer groen: 1 Meer parkeerplaatsen: 0 Een speelplek: 0",
                "Argumenten voor en tegen": "1 reactie",
            },
            ZUID: {
                "Uw reactie": "1 reactie",
                "Peiling": "1 reactie Meer groen: 0 Meer parkeerplaatsen: 0 Een speelplek: 1",
                "Argumenten voor en tegen": "0 reacties",
            },
        }
        assert _totals(page, "open").startswith("Uw reactie Uitslag 2 reacties")
        assert "Bankjes in de schaduw" in _totals(page, "open")
        poll = _section(page, 'id="inbreng-poll">', "</article>")
        assert _totals(page, "poll").startswith("Peiling Uitslag 2 reacties")
        votes = re.findall(r'<th scope="row">([^<]+)</th><td>(\d+)</td>', poll)
        assert votes == [("Meer groen", "1"), ("Meer parkeerplaatsen", "0"), ("Een speelplek", "1")]
        arguments = _totals(page, "arguments")
        assert arguments.startswith("Argumenten voor en tegen Uitslag 1 reactie")
        assert f"{ARGUMENT} Anna de Vries ({NOORD}) · 1 steunt dit" in arguments
        supports = query(
            gemeente,
            "SELECT count(*) FROM argument_supports s JOIN process_responses r"
            " ON r.id = s.response_id JOIN process_forms f ON f.id = r.form_id"
            " WHERE f.process_id = ?",
            process_id,
        )
        assert supports == [(1,)]

        # Two weeks later the input phase is over; the contact person reports back, closes.
        two_weeks_later(gemeente, process_id)
        page = await _page(contact, process_path)
        assert f'href="{process_path}/terugkoppeling"' in page
        report = f"{process_path}/terugkoppeling"
        decision = "De raad kiest voor **meer groen** en een speelplek."
        themes = {"said_0": "Meer groen", "did_0": "Er komen zes bomen op het plein."}
        back = await submit(contact, report, report, {"decision": decision, **themes})
        assert back == f"{process_path}#terugkoppeling"
        await submit(contact, f"{process_path}/afsluiten", process_path, {})
        assert "De inspraak is afgesloten." in await _page(contact, process_path)

        for name, http in residents.items():

            async def reported(http: httpx.AsyncClient = http, path: str = copies[name]) -> bool:
                text = _text(await _page(http, path))
                return "Er komen zes bomen op het plein." in text and "Afgesloten" in text

            await eventually(reported, f"the report-back and the closing reach {name}")
            page = await _page(http, copies[name])
            assert "<strong>meer groen</strong>" in page
            assert "Meer groen Er komen zes bomen op het plein." in _text(
                _section(page, 'class="you-said"', "</table>")
            )
            assert '<span class="tag phase-closed">Afgesloten</span>' in page
        for wijk in wijken.values():
            [(closed_at, input_until)] = query(
                wijk, "SELECT closed_at, input_until FROM processes WHERE title = ?", TITLE
            )
            assert closed_at and input_until == (today() - timedelta(days=7)).isoformat()

        # A second process whose report-back date has passed without a report-back.
        late = _process_form(LATE_TITLE, [actor(noord), actor(zuid)], (-30, -20, -15, -3))
        late_path = await submit(contact, "/inspraak/nieuw", "/inspraak/nieuw", late)
        overdue = "Terugkoppeling te laat: 3 dagen te laat"
        assert overdue in _text(await _page(contact, late_path))
        for name, http in residents.items():

            async def late_listed(http: httpx.AsyncClient = http) -> bool:
                return LATE_TITLE in await _page(http, "/inspraak")

            await eventually(late_listed, f"{name} lists the overdue process")
            listing = await _page(http, "/inspraak")
            assert listing.count("tag-overdue") == 1  # the closed one is not overdue
            card = _section(listing, _copy_path(listing, LATE_TITLE), "</li>")
            assert overdue in _text(card)
            detail = await _page(http, _copy_path(listing, LATE_TITLE))
            assert f"{overdue}." in _text(detail)
            assert "process-overdue-notice" in detail
    finally:
        for http in clients:
            await http.aclose()


def test_a_process_runs_across_the_gemeente_and_two_wijken(
    three_nodes: dict[str, RunningNode],
) -> None:
    asyncio.run(_story(three_nodes))

    async def all_done() -> bool:
        """Every delivery arrived (2xx) and every activity received was processed."""
        for node in three_nodes.values():
            if query(node, "SELECT DISTINCT state FROM deliveries") != [("delivered",)]:
                return False
            if query(node, "SELECT DISTINCT state FROM inbox_activities") != [("processed",)]:
                return False
        return True

    asyncio.run(eventually(all_done, "every node delivered and processed everything"))
    no_tracebacks(*three_nodes.values())
