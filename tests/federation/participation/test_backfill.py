"""A wijk that starts following the gemeente after a process was opened for it (or missed
the delivery) gets it from the gemeente's outbox when its Follow is accepted: through the
inbox's process path, so only what concerns it, and as the process is now."""

from __future__ import annotations

import json
from datetime import timedelta

from node.community.participation.model import Answer
from node.storage.federation import queues
from tests.federation.conftest import Network, Node
from tests.federation.helpers import member
from tests.federation.participation.support import copy_on, draft


async def gemeente_follows(network: Network, *wijken: str) -> None:
    admin = await member(network["gemeente"], "beheer", "admin")
    for wijk in wijken:
        await network["gemeente"].fed.service.follow(admin, network[wijk].handle)
    await network.settle()


async def follows_gemeente(network: Network, wijk: str) -> None:
    admin = await member(network[wijk], "beheer", "admin")
    await network[wijk].fed.service.follow(admin, network["gemeente"].handle)
    await network.settle()


async def open_for(network: Network, *wijken: str, title: str) -> int:
    gemeente = network["gemeente"]
    contact = await member(gemeente, "contact", "contact")
    actors = [network[w].fed.ids.actor for w in wijken]
    process_id = await gemeente.fed.hood.processes.open(contact, draft(actors, title=title))
    await network.settle()
    return process_id


async def outbox_types(node: Node, object_id: str) -> list[str]:
    """The types of the public activities about one object in the node's outbox, newest first."""
    rows = await queues.public_outgoing_page(node.fed.db, None, 100)
    bodies = [json.loads(r["body"]) for r in rows]
    return [
        b["type"]
        for b in bodies
        if isinstance(b["object"], dict) and b["object"]["id"] == object_id
    ]


async def test_a_wijk_that_follows_late_gets_the_open_process_that_concerns_it(
    network: Network,
) -> None:
    gemeente, noord, zuid = network["gemeente"], network["noord"], network["zuid"]
    await gemeente_follows(network, "noord", "zuid")
    process_id = await open_for(network, "noord", title="Herinrichting Wilhelminaplein")
    ap_id = gemeente.fed.ids.object("process", process_id)
    assert await outbox_types(gemeente, ap_id) == ["Create"]
    assert await noord.fed.hood.processes.all() == []  # delivered, but not from a followed node

    await follows_gemeente(network, "noord")
    await follows_gemeente(network, "zuid")

    copy = await copy_on(noord)
    assert (copy.title, copy.ap_id, copy.closed_at) == (
        "Herinrichting Wilhelminaplein",
        ap_id,
        None,
    )
    page = await noord.fed.hood.processes.page(copy.id, None)
    assert page.node_names == ["Beekveld-Noord"] and page.can_respond is False  # not logged in
    assert await zuid.fed.hood.processes.all() == []  # not addressed to Zuid: not kept there


async def test_arguments_given_before_a_wijk_followed_arrive_after_the_process(
    network: Network,
) -> None:
    gemeente, noord = network["gemeente"], network["noord"]
    await gemeente_follows(network, "noord")
    process_id = await open_for(network, "noord", title="Herinrichting Wilhelminaplein")
    jan = await member(gemeente, "jan", "resident")
    await gemeente.fed.hood.processes.input.respond(
        jan, process_id, "arguments", Answer(body="Parkeren is al krap", side="against")
    )
    await network.settle()

    await follows_gemeente(network, "noord")

    copy = await copy_on(noord)
    page = await noord.fed.hood.processes.page(copy.id, None)
    [arguments] = [r for r in page.results if r.form.kind.value == "arguments"]
    assert [a.body for a in arguments.subjects[0].cons] == ["Parkeren is al krap"]


async def test_a_closed_process_arrives_closed_with_its_report_back(network: Network) -> None:
    gemeente, noord = network["gemeente"], network["noord"]
    await gemeente_follows(network, "noord")
    process_id = await open_for(network, "noord", title="Bloemrijke bermen")
    network.clock.advance(timedelta(days=20))
    contact = await gemeente.fed.hood.members.by_username("contact")
    processes = gemeente.fed.hood.processes
    await processes.publish_report_back(
        contact, process_id, "We maaien de bermen twee keer per jaar.", [("Bloemen", "Komen er.")]
    )
    await processes.close(contact, process_id)
    await network.settle()
    ap_id = gemeente.fed.ids.object("process", process_id)
    assert await outbox_types(gemeente, ap_id) == ["Update", "Update", "Create"]

    await follows_gemeente(network, "noord")

    copy = await copy_on(noord)
    assert copy.title == "Bloemrijke bermen" and copy.closed_at is not None
    page = await noord.fed.hood.processes.page(copy.id, None)
    assert page.report is not None and "twee keer per jaar" in page.report.decision_html
    assert [(t.you_said, t.we_did) for t in page.report.themes] == [("Bloemen", "Komen er.")]

    # A second backfill (e.g. a Follow accepted again) changes nothing.
    assert await noord.fed.backfill.run(gemeente.fed.ids.actor) > 0
    assert [p.id for p in await noord.fed.hood.processes.all()] == [copy.id]


async def test_a_follower_not_concerned_keeps_no_argument_as_news(network: Network) -> None:
    gemeente, zuid = network["gemeente"], network["zuid"]
    await gemeente_follows(network, "noord", "zuid")
    await follows_gemeente(network, "zuid")
    process_id = await open_for(network, "noord", title="Herinrichting Wilhelminaplein")
    jan = await member(gemeente, "jan", "resident")
    await gemeente.fed.hood.processes.input.respond(
        jan, process_id, "arguments", Answer(body="Parkeren is al krap", side="against")
    )
    await network.settle()
    assert await zuid.fed.hood.processes.all() == []
    assert await zuid.fed.db.fetch_value("SELECT COUNT(*) FROM remote_objects") == 0
