"""A stopped or finished initiative asks for nothing any more (issue 13): no need of it is
open on its own pages, in the list's "needs help now", in the Page it federates, on the
In de buurt copy of a follower and on the gemeente's dashboard."""

from __future__ import annotations

import copy

from node.federation.initiatives.translate import extension_terms, initiative_page
from node.federation.network.translate import remote_object
from tests.conftest import login
from tests.federation.conftest import Network
from tests.federation.helpers import follow, member, start_initiative

STOPPED = "Er meldde zich niemand, dus we stoppen ermee."


async def test_a_stopped_initiative_shows_no_open_needs_anywhere(network: Network) -> None:
    noord, zuid, gemeente = network["noord"], network["zuid"], network["gemeente"]
    await follow(network, "zuid", "noord")
    await follow(network, "gemeente", "noord")
    anna = await member(noord, "anna")
    initiative_id = await start_initiative(noord, anna)
    await network.settle()
    [before] = await zuid.fed.hood.nearby.latest()
    assert before.open_needs  # the need is open while the initiative seeks help

    await noord.fed.hood.initiatives.change_status(anna, initiative_id, "stopped", STOPPED)
    await network.settle()

    initiatives = noord.fed.hood.initiatives
    assert [i.open_needs for i in await initiatives.search()] == [0]
    assert await initiatives.search(open_needs_only=True) == []
    page = await initiatives.page(initiative_id)
    assert [n.is_open for n in page.needs] == [False]
    document = initiative_page(noord.fed.ids, page)
    assert [n["open"] for n in document["needs"]] == [False]
    assert "Wat nog nodig is" not in document["content"]
    async with noord.client() as http:
        html = (await http.get(f"/initiatieven/{initiative_id}")).text
        assert "niet meer gevraagd" in html and "need-open" not in html
        listing = (await http.get("/initiatieven", params={"hulp": "1"})).text
        assert "Moestuin op het plein" not in listing

    [item] = await zuid.fed.hood.nearby.latest()
    assert item.status == "stopped" and item.open_needs == []
    assert await gemeente.fed.hood.dashboard.initiatives("volunteers") == []
    await member(gemeente, "contact", "contact")
    async with gemeente.client() as http:
        await login(http, "contact")
        dashboard = (await http.get("/gemeente")).text
    row = dashboard.split("Moestuin op het plein", 1)[1].split("</tr>", 1)[0]
    assert "Helpen spitten" not in row


async def test_a_copy_keeps_no_open_need_of_a_stopped_initiative_whatever_its_node_says(
    network: Network,
) -> None:
    noord, zuid = network["noord"], network["zuid"]
    await follow(network, "zuid", "noord")
    anna = await member(noord, "anna")
    initiative_id = await start_initiative(noord, anna)
    await network.settle()
    document = copy.deepcopy(
        initiative_page(noord.fed.ids, await noord.fed.hood.initiatives.page(initiative_id))
    )
    document["@context"] = ["https://www.w3.org/ns/activitystreams", extension_terms(noord.fed.ids)]
    document["status"] = "done"  # an older node still says its need is open
    assert [n["open"] for n in document["needs"]] == [True]
    await zuid.fed.hood.nearby.store(remote_object(document, origin=noord.fed.ids.actor))
    [item] = await zuid.fed.hood.nearby.latest()
    assert item.status == "done" and item.open_needs == []
