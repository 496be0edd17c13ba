"""Golden files for what we send: any change of shape shows in review.

The activities are the ones really delivered over the fake network (to a follower's
inbox), with random activity ids replaced by `ID`. After a deliberate change, rewrite the
files with `BUURTNODE_GOLDEN=write pytest tests/federation/test_golden.py` and review
the diff.
"""

from __future__ import annotations

from typing import Any

import pytest

from node.community.calendar.draft import EventDraft
from node.community.calendar.places import PlaceDraft
from node.community.initiatives.needs import NeedDraft
from node.community.initiatives.service import InitiativeDraft
from tests.federation.conftest import Network
from tests.federation.golden_files import check_golden
from tests.federation.helpers import follow, member


@pytest.fixture
async def delivered(network: Network) -> list[dict[str, Any]]:
    """Everything Noord delivers to its follower Zuid while content is made and changed."""
    noord, zuid = network["noord"], network["zuid"]
    await follow(network, "zuid", "noord")
    hood = noord.fed.hood
    anna = await member(noord, "anna")
    bea = await member(noord, "bea", "buurtverbinder")
    initiative_id = await hood.initiatives.start(
        anna,
        InitiativeDraft(
            title="Moestuin op het plein",
            summary="Samen groente kweken naast de speeltuin.",
            description="We zoeken **handen** en zaad.",
            area="Pleinbuurt",
            participation_level="coproduce",
            needs=[
                NeedDraft("volunteers", "Helpen spitten", "4"),
                NeedDraft("money", "Zaad en gereedschap", "250"),
            ],
        ),
    )
    await network.settle()
    place = await hood.places.create(
        bea,
        PlaceDraft(
            name="Buurthuis De Beek",
            street_address="Beekstraat 12",
            postal_code="1234 AB",
            locality="Beekveld",
        ),
    )
    await hood.calendar.plan(
        anna,
        EventDraft(
            title="Plantdag",
            description="Neem een schep mee.",
            start_date="2025-05-10",
            start_time="10:00",
            end_time="13:00",
            place_id=str(place.id),
            capacity="20",
        ),
    )
    await hood.announcements.post(bea, title="Straat dicht", body="Dinsdag wordt er gewerkt.")
    await hood.comments.add(bea, "initiative", initiative_id, "Goed plan!")
    await network.settle()
    await hood.initiatives.change_status(anna, initiative_id, "running")
    await network.settle()
    await hood.moderation.hide(bea, "announcement", 1, "Was een vergissing")
    await network.settle()
    inbox = zuid.fed.ids.inbox
    return [a for a in network.transport.posts_to(inbox) if a["type"] not in ("Accept",)]


def _find(activities: list[dict[str, Any]], verb: str, kind: str, wrapped: bool = False):  # type: ignore[no-untyped-def]
    for activity in activities:
        inner = activity["object"]
        if wrapped:
            if activity["type"] != "Announce" or inner.get("type") != verb:
                continue
            inner = inner["object"]
        elif activity["type"] != verb:
            continue
        if isinstance(inner, dict) and inner.get("type") == kind:
            return activity
    raise AssertionError(f"no {verb} of a {kind} among {[a['type'] for a in activities]}")


async def test_what_we_send_keeps_its_shape(delivered: list[dict[str, Any]]) -> None:
    create_page = _find(delivered, "Create", "Page")
    check_golden("create_page", create_page)
    check_golden("page", {"@context": create_page["@context"], **create_page["object"]})
    create_event = _find(delivered, "Create", "Event")
    check_golden("event", {"@context": create_event["@context"], **create_event["object"]})
    create_note = _find(delivered, "Create", "Note")
    note = {"@context": create_note["@context"], **create_note["object"]}
    check_golden("note_announcement", note)
    comment = next(a for a in delivered if a["type"] == "Create" and "inReplyTo" in a["object"])
    check_golden("note_comment", comment["object"])
    check_golden("announce_create", _find(delivered, "Create", "Page", wrapped=True))
    check_golden("announce_page", _find(delivered, "Announce", "Page"))
    check_golden("update_page", _find(delivered, "Update", "Page"))
    check_golden("delete", _find(delivered, "Delete", "Tombstone"))


async def test_a_resident_s_like_and_reply_keep_their_shape(network: Network) -> None:
    noord, zuid = network["noord"], network["zuid"]
    await follow(network, "zuid", "noord")
    await noord.fed.hood.initiatives.start(
        await member(noord, "anna"),
        InitiativeDraft(title="Moestuin op het plein", summary="Samen groente kweken."),
    )
    await network.settle()
    [item] = await zuid.fed.hood.nearby.latest()
    kees = await member(zuid, "kees")
    await zuid.fed.hood.nearby.comment(kees, item.id, "Ik help mee.")
    await zuid.fed.hood.nearby.toggle_support(kees, item.id)
    await zuid.fed.hood.nearby.toggle_support(kees, item.id)
    await network.settle()
    sent = network.transport.posts_to(noord.fed.ids.inbox)
    check_golden("create_reply", next(a for a in sent if a["type"] == "Create"))
    check_golden("like", next(a for a in sent if a["type"] == "Like"))
    check_golden("undo_like", next(a for a in sent if a["type"] == "Undo"))


async def test_a_resident_s_post_keeps_its_shape(network: Network) -> None:
    noord, zuid = network["noord"], network["zuid"]
    await follow(network, "zuid", "noord")
    anna = await member(noord, "anna")
    await noord.fed.hood.posts.write(
        anna, "Wie heeft mijn **kat** gezien? #kat", spoiler_text="Dieren", language="nl"
    )
    await network.settle()
    sent = network.transport.posts_to(zuid.fed.ids.inbox)
    create = next(a for a in sent if a["type"] == "Create")
    check_golden("create_post", create)
    check_golden("note_post", {"@context": create["@context"], **create["object"]})
