"""Steps the participation tests over the fake network share: a process `draft` for the
wijken, the gemeente and wijken following each other, opening, answering and delivering
as a node would."""

from __future__ import annotations

import json
from typing import Any

from node.community.accounts.members import Member
from node.community.participation.model import Answer, Process, ProcessDraft
from node.storage.federation import queues
from tests.federation.conftest import Network, Node
from tests.federation.helpers import member
from tests.signed_requests import signed

AP = {"Accept": "application/activity+json"}


def draft(nodes: list[str], **overrides: Any) -> ProcessDraft:
    """The fake network's clock starts on 1 May 2025: the input phase runs."""
    values: dict[str, Any] = {
        "title": "Herinrichting Wilhelminaplein",
        "question": "Hoe wilt u dat het Wilhelminaplein eruitziet?",
        "background": "Het plein wordt in **2027** opnieuw ingericht.",
        "documents": "Schetsontwerp https://example.org/schets.pdf",
        "level": "advise",
        "level_meaning": "De gemeenteraad besluit op 20 mei; uw advies wordt meegewogen.",
        "input_from": "2025-05-01",
        "input_until": "2025-05-14",
        "decision_on": "2025-05-20",
        "report_back_by": "2025-05-31",
        "forms": ["open", "poll", "arguments"],
        "options": "Meer groen\nMeer parkeerplaatsen\nEen speelplek",
        "nodes": nodes,
    }
    values.update(overrides)
    return ProcessDraft(**values)


async def connect(network: Network, *wijken: str) -> None:
    """The gemeente follows the wijken (to ask them) and they follow it (to hear it)."""
    gemeente = network["gemeente"]
    admin = await member(gemeente, "beheer", "admin")
    for wijk in wijken:
        await gemeente.fed.service.follow(admin, network[wijk].handle)
        wijk_admin = await member(network[wijk], "beheer", "admin")
        await network[wijk].fed.service.follow(wijk_admin, gemeente.handle)
    await network.settle()


async def open_for(network: Network, wijken: tuple[str, ...], **overrides: Any) -> int:
    gemeente = network["gemeente"]
    contact = await member(gemeente, "contact", "contact")
    actors = [network[w].fed.ids.actor for w in wijken]
    process_id = await gemeente.fed.hood.processes.open(contact, draft(actors, **overrides))
    await network.settle()
    return process_id


async def copy_on(node: Node) -> Process:
    [process] = await node.fed.hood.processes.all()
    assert process.is_remote
    return process


async def option_ids(node: Node, process_id: int) -> dict[str, int]:
    return {o.label: o.id for o in await node.fed.hood.processes.options(process_id)}


async def states(node: Node) -> list[tuple[str, str, str | None]]:
    return [(r["type"], r["state"], r["error"]) for r in await queues.incoming_states(node.fed.db)]


async def respond(node: Node, who: Member, process_id: int, kind: str, answer: Answer) -> None:
    await node.fed.hood.processes.input.respond(who, process_id, kind, answer)


async def signed_by_node(
    network: Network, sender: Node, receiver: Node, activity: dict[str, Any]
) -> int:
    """Deliver as `sender` would: signed with its own key, straight to the inbox."""
    key = sender.fed.key
    body = json.dumps(activity).encode()
    request = signed(receiver.fed.ids.inbox, body, key.key_id, key.private_key, network.clock())
    return (await network.deliver(request)).status_code
