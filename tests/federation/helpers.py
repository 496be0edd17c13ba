"""Steps the fake-network tests share: people on a node, one node following another, an
initiative and an event to talk about, and activities from elsewhere for Noord's inbox."""

from __future__ import annotations

import json
from typing import Any

from node.community.accounts.members import Member
from node.community.calendar.draft import EventDraft
from node.community.calendar.model import Event
from node.community.initiatives.needs import NeedDraft
from node.community.initiatives.service import InitiativeDraft
from node.storage.federation import queues
from tests.conftest import PASSWORD
from tests.federation.conftest import Network, Node, RemoteActor, fixture


async def member(node: Node, username: str, role: str = "resident") -> Member:
    return await node.fed.hood.members.add(username, PASSWORD, role, display_name=username.title())


async def admin(network: Network, name: str) -> Member:
    return await network[name].fed.hood.members.add("beheer", PASSWORD, "admin")


async def follow(network: Network, follower: str, followed: str) -> None:
    admin = await member(network[follower], f"beheer{follower}", "admin")
    await network[follower].fed.service.follow(admin, network[followed].handle)
    await network.settle()


async def start_initiative(node: Node, by: Member, title: str = "Moestuin op het plein") -> int:
    draft = InitiativeDraft(
        title=title,
        summary="Samen groente kweken naast de speeltuin.",
        description="We zoeken **handen** en zaad.",
        needs=[NeedDraft("volunteers", "Helpen spitten", "4")],
    )
    return await node.fed.hood.initiatives.start(by, draft)


async def plan_event(node: Node, by: Member) -> Event:
    return await node.fed.hood.calendar.plan(
        by,
        EventDraft(
            title="Buurtborrel",
            start_date="2025-05-10",
            start_time="16:00",
            end_time="18:00",
            location="Het pleintje",
        ),
    )


# -- from a remote actor to Noord's inbox ----------------------------------------------

INBOX = "http://127.0.0.1:8101/ap/inbox"


def follow_from(actor: RemoteActor, node_actor: str, suffix: str = "1") -> dict[str, object]:
    activity = fixture("mastodon/activities/follow.json")
    activity.update(id=f"{actor.id}#follows/{suffix}", actor=actor.id, object=node_actor)
    return activity


def body_of(activity: object) -> bytes:
    return json.dumps(activity).encode()


async def stored(network: Network) -> list[str]:
    return [r["activity_id"] for r in await queues.incoming_states(network["noord"].fed.db)]


async def deliver(network: Network, actor: RemoteActor, activity: dict[str, Any]) -> None:
    """Signed by `actor` to Noord's inbox, accepted there, and every queue run."""
    inbox = network["noord"].fed.ids.inbox
    response = await network.deliver(
        actor.signed(inbox, json.dumps(activity).encode(), network.clock())
    )
    assert response.status_code == 202
    await network.settle()
