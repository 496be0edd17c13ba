"""Golden files for the contact card, a question, its answer and a refusal, as really
delivered over the fake network (see tests/federation/test_golden.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.federation.conftest import Network
from tests.federation.golden_files import check_golden
from tests.federation.helpers import follow, member


def _sent(network: Network, to: str, kind: Callable[[Any], bool]) -> dict[str, Any]:
    found = [a for a in network.transport.posts_to(network[to].fed.ids.inbox) if kind(a)]
    assert len(found) == 1, [a["type"] for a in found]
    return found[0]


async def test_what_the_contact_person_and_the_questions_look_like(network: Network) -> None:
    await follow(network, "gemeente", "noord")
    await follow(network, "noord", "gemeente")
    gemeente, noord = network["gemeente"].fed.hood, network["noord"].fed.hood
    marieke = await member(network["gemeente"], "marieke", "contact")
    marieke = await gemeente.members.update_profile(
        marieke,
        display_name="Marieke Jansen",
        phone="0345 200 100",
        availability="ma-do",
        about="Gebiedsregisseur",
    )
    admin = await gemeente.members.by_username("beheergemeente")
    assert admin is not None
    await gemeente.contacts.assign(admin, network["noord"].fed.ids.actor, marieke.id, None)
    await network.settle()
    marieke_card = await noord.contacts.municipal()
    fatima = await member(network["noord"], "fatima")
    await noord.questions.ask(fatima, subject="Losse stoeptegel", body="Bij de bakker.")
    await network.settle()
    [row] = await network["gemeente"].fed.db.fetch_all("SELECT id FROM inbound_questions")
    await gemeente.inbound.answer(marieke, row["id"], "We leggen hem donderdag.")
    await network.settle()

    check_golden(
        "contact_card",
        _sent(
            network, "noord", lambda a: a["type"] == "Update" and a["object"]["type"] == "Profile"
        ),
    )
    check_golden("question", _sent(network, "gemeente", lambda a: "askedBy" in a.get("object", {})))
    check_golden(
        "question_answer", _sent(network, "noord", lambda a: "answeredBy" in a.get("object", {}))
    )

    # A node the gemeente does not follow (its card is stale) hears why it was not taken.
    await network["gemeente"].fed.service.unfollow(admin, network["noord"].fed.ids.actor)
    await network.settle()
    await noord.contacts.keep(network["gemeente"].fed.ids.actor, marieke_card)
    await noord.questions.ask(fatima, subject="Parkeren", body="Waar mag ik parkeren?")
    await network.settle()
    check_golden("question_refused", _sent(network, "noord", lambda a: a["type"] == "Reject"))
