"""Pages that show another node's object (a process the gemeente asked, an initiative in In
de buurt) link that object's own id as alternate, and a process copy's address leads an
ActivityPub client to the original."""

from __future__ import annotations

import re

from tests.federation.conftest import Network
from tests.federation.helpers import follow, member, start_initiative
from tests.federation.participation.support import connect, open_for

ALTERNATE = re.compile(r'<link rel="alternate" type="application/activity\+json" href="([^"]+)">')
AP = {"accept": "application/activity+json"}


async def test_a_copied_process_points_at_the_gemeente_s_process(network: Network) -> None:
    """Given the gemeente asked Noord a question, then Noord's page of it links the
    gemeente's process as alternate, and an ActivityPub client asking Noord's page is sent
    to the gemeente's process, which answers it."""
    noord, gemeente = network["noord"], network["gemeente"]
    await connect(network, "noord")
    process_id = await open_for(network, ("noord",))
    original = gemeente.fed.ids.object("process", process_id)
    [copy] = [p for p in await noord.fed.hood.processes.all() if p.is_remote]
    async with noord.client() as http:
        page = await http.get(f"/inspraak/{copy.id}")
        assert ALTERNATE.findall(page.text) == [original]
        asked = await http.get(f"/inspraak/{copy.id}", headers=AP)
    assert asked.status_code == 302 and asked.headers["location"] == original
    async with gemeente.client() as http:
        found = await http.get(original, headers=AP)
    assert found.json()["id"] == original and found.json()["type"] == "Question"


async def test_an_initiative_in_de_buurt_points_at_its_home_node(network: Network) -> None:
    """Given Zuid follows Noord, then Zuid's In de buurt page of Noord's initiative links the
    initiative's id at Noord as alternate."""
    noord, zuid = network["noord"], network["zuid"]
    initiative_id = await start_initiative(noord, await member(noord, "anna"))
    await follow(network, "zuid", "noord")
    [item] = await zuid.fed.hood.nearby.latest()
    async with zuid.client() as http:
        page = await http.get(f"/in-de-buurt/{item.id}")
    assert ALTERNATE.findall(page.text) == [noord.fed.ids.object("initiative", initiative_id)]
