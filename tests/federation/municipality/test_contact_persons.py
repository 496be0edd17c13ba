"""The contact person works from the gemeente's node, over the fake network: the gemeente
assigns Marieke to Noord, Noord shows her; a resident's question goes to the gemeente as
a Note addressed to it alone, lands in the queue, and the answer comes back to the
resident, who is notified. Withdrawn questions, questions from nodes the gemeente does not
follow and assignments of non-contacts are refused with the reason; nothing is lost."""

from __future__ import annotations

from datetime import timedelta

import pytest

from node.community.accounts.members import Member
from node.community.errors import Invalid
from node.community.municipality.contacts import ContactPerson
from node.community.municipality.queue import Filters
from node.federation.ids import PUBLIC
from node.storage.federation import queues
from tests.federation.conftest import Network
from tests.federation.helpers import follow, member, start_initiative


async def connected(network: Network) -> None:
    await follow(network, "gemeente", "noord")
    await follow(network, "noord", "gemeente")


async def assign_marieke(network: Network) -> tuple[Member, Member]:
    gemeente = network["gemeente"].fed.hood
    marieke = await member(network["gemeente"], "marieke", "contact")
    marieke = await gemeente.members.update_profile(
        marieke, display_name="Marieke Jansen", phone="0345 200 100", availability="ma-do", about=""
    )
    admin = await gemeente.members.by_username("beheergemeente")
    assert admin is not None
    await gemeente.contacts.assign(admin, network["noord"].fed.ids.actor, marieke.id, None)
    await network.settle()
    return admin, marieke


async def test_the_assignment_reaches_the_wijk_and_questions_go_back_and_forth(
    network: Network,
) -> None:
    await connected(network)
    _, marieke = await assign_marieke(network)
    noord, gemeente = network["noord"].fed.hood, network["gemeente"].fed.hood

    # Given the card arrived, Noord shows Marieke and knows where questions go.
    [person] = await noord.contacts.municipal()
    assert (person.name, person.phone, person.hours) == ("Marieke Jansen", "0345 200 100", "ma-do")
    assert await noord.contacts.gemeente() == network["gemeente"].fed.ids.actor

    # When a resident asks, the gemeente gets a Note addressed to it alone.
    fatima = await member(network["noord"], "fatima")
    asked = await noord.questions.ask(
        fatima, subject="Losse stoeptegel", body="Bij de bakker.\n\nGevaarlijk."
    )
    await network.settle()
    [sent] = [
        a
        for a in network.transport.posts_to(network["gemeente"].fed.ids.inbox)
        if a["type"] == "Create" and a["object"].get("askedBy")
    ]
    note = sent["object"]
    assert note["to"] == [network["gemeente"].fed.ids.actor] and PUBLIC not in str(sent)
    assert note["id"] == network["noord"].fed.ids.object("question", asked.id)
    assert note["source"]["content"] == "Bij de bakker.\n\nGevaarlijk."

    # Then it is in Marieke's queue, with Noord's name, waiting.
    work = await gemeente.work.overview(marieke, Filters(mine=True))
    [item] = work.items
    assert (item.kind, item.title, item.state, item.assignee_name) == (
        "question",
        "Losse stoeptegel",
        "waiting",
        "Marieke Jansen",
    )
    # When she answers, the resident sees the answer on Noord and is notified.
    await gemeente.inbound.answer(marieke, item.item_id, "We herstellen hem deze week.")
    await network.settle()
    answered = await noord.questions.get(fatima, asked.id)
    assert answered.answer == "We herstellen hem deze week."
    assert answered.answered_by_name == "Marieke Jansen"
    [notice] = await noord.notifications.centre(fatima)
    assert notice.kind == "answer" and notice.about_id == asked.id
    assert (await gemeente.work.overview(marieke, Filters())).items[0].state == "answered"
    assert (await noord.response_times.report()).overall.questions.answered == 1

    # A correction changes the answer there, once notified.
    await gemeente.inbound.answer(marieke, item.item_id, "We herstellen hem morgen.")
    await network.settle()
    assert (await noord.questions.get(fatima, asked.id)).answer == "We herstellen hem morgen."
    assert len(await noord.notifications.centre(fatima)) == 1


async def test_a_withdrawn_question_cannot_be_answered_and_the_typed_answer_is_refused_clearly(
    network: Network,
) -> None:
    await connected(network)
    _, marieke = await assign_marieke(network)
    noord, gemeente = network["noord"].fed.hood, network["gemeente"].fed.hood
    fatima = await member(network["noord"], "fatima")
    asked = await noord.questions.ask(fatima, subject="Bankje", body="Kan er een bankje bij?")
    await network.settle()
    await noord.questions.withdraw(fatima, asked.id)
    await network.settle()
    assert (await gemeente.work.overview(marieke, Filters())).items == []  # withdrawn
    [row] = await network["gemeente"].fed.db.fetch_all(
        "SELECT id, withdrawn_at FROM inbound_questions"
    )
    assert row["withdrawn_at"]
    with pytest.raises(Invalid, match="withdrew"):
        await gemeente.inbound.answer(marieke, row["id"], "Ja hoor.")


async def test_a_question_from_a_node_the_gemeente_does_not_follow_is_refused_with_a_reply(
    network: Network,
) -> None:
    """Noord still holds a card of the gemeente (its Undo{Follow} got lost, say), but the
    gemeente does not follow Noord: the question is refused, and Noord hears why."""
    await follow(network, "noord", "gemeente")
    noord, gemeente = network["noord"].fed.hood, network["gemeente"].fed.hood
    await noord.contacts.keep(
        network["gemeente"].fed.ids.actor, [ContactPerson("Marieke Jansen", "", "", "")]
    )
    fatima = await member(network["noord"], "fatima")
    asked = await noord.questions.ask(fatima, subject="Parkeren", body="Waar mag ik parkeren?")
    await network.settle()
    refused = await noord.questions.get(fatima, asked.id)
    assert refused.refused_at and not refused.is_open
    assert await network["gemeente"].fed.db.fetch_all("SELECT id FROM inbound_questions") == []
    states = await queues.incoming_states(network["gemeente"].fed.db)
    assert any("do not follow" in (s["error"] or "") for s in states)
    [reject] = [
        a
        for a in network.transport.posts_to(network["noord"].fed.ids.inbox)
        if a["type"] == "Reject"
    ]
    assert reject["object"] == network["noord"].fed.ids.object("question", asked.id)
    assert "volgt dit knooppunt niet" in reject["content"]
    assert await gemeente.inbound.known(str(reject["object"])) is False


async def test_a_gemeente_that_stops_following_takes_its_card_along(network: Network) -> None:
    await connected(network)
    admin, _ = await assign_marieke(network)
    noord = network["noord"].fed.hood
    assert await noord.contacts.municipal()
    await network["gemeente"].fed.service.unfollow(admin, network["noord"].fed.ids.actor)
    await network.settle()
    assert await noord.contacts.municipal() == []
    fatima = await member(network["noord"], "fatima")
    asked = await noord.questions.ask(fatima, subject="Vraag", body="Voor ons eigen aanspreekpunt.")
    assert asked.to_gemeente is None  # answered by Noord's own contact person again


async def test_only_contact_persons_can_be_assigned(network: Network) -> None:
    await connected(network)
    gemeente = network["gemeente"].fed.hood
    admin = await gemeente.members.by_username("beheergemeente")
    sanne = await member(network["gemeente"], "sanne")
    assert admin is not None
    with pytest.raises(Invalid, match="role contact person"):
        await gemeente.contacts.assign(admin, network["noord"].fed.ids.actor, sanne.id, None)
    with pytest.raises(Invalid, match="follows"):
        await gemeente.contacts.assign(admin, "http://elders.example/ap/actor", None, None)
    assert await gemeente.contacts.assignments() == {}


async def test_overdue_questions_and_the_median_on_both_sides(network: Network) -> None:
    await connected(network)
    _, marieke = await assign_marieke(network)
    noord, gemeente = network["noord"].fed.hood, network["gemeente"].fed.hood
    fatima = await member(network["noord"], "fatima")
    asked = await noord.questions.ask(fatima, subject="Afval", body="Wanneer komt de kliko?")
    await network.settle()
    network.clock.advance(timedelta(days=12))
    [item] = (await gemeente.work.overview(marieke, Filters())).items
    assert (item.state, item.waited_days) == ("overdue", 12)
    await gemeente.inbound.answer(marieke, item.item_id, "Dinsdag.")
    await network.settle()
    here = (await noord.response_times.report()).overall.questions
    there = (await gemeente.response_times.report()).nodes[network["noord"].fed.ids.actor][1]
    assert here.median_days == there.questions.median_days == 12.0
    assert (await noord.questions.get(fatima, asked.id)).answer == "Dinsdag."


async def test_an_initiative_waits_for_an_official_response_in_the_queue(network: Network) -> None:
    """Given Noord's initiative reached the gemeente, it waits in Marieke's queue until she
    responds officially; then both nodes count that response in their response times."""
    await connected(network)
    _, marieke = await assign_marieke(network)
    noord, gemeente = network["noord"].fed.hood, network["gemeente"].fed.hood
    await start_initiative(network["noord"], await member(network["noord"], "anna"))
    await network.settle()
    [item] = (await gemeente.work.overview(marieke, Filters(kind="initiative"))).items
    assert (item.state, item.assignee_name, item.origin_name) == (
        "waiting",
        "Marieke Jansen",
        "Beekveld-Noord",
    )
    network.clock.advance(timedelta(days=3))
    await gemeente.dashboard.respond(marieke, item.item_id, "Mooi plan, we helpen.", pledge=False)
    await network.settle()
    [item] = (await gemeente.work.overview(marieke, Filters(kind="initiative"))).items
    assert (item.state, item.waited_days) == ("answered", 3)
    assert (await gemeente.response_times.report()).overall.responses.median_days == 3.0
    assert (await noord.response_times.report()).overall.responses.median_days == 3.0


async def test_an_item_is_handed_to_a_colleague_who_is_a_contact_person(network: Network) -> None:
    await connected(network)
    _, marieke = await assign_marieke(network)
    gemeente = network["gemeente"].fed.hood
    peter = await member(network["gemeente"], "peter", "contact")
    sanne = await member(network["gemeente"], "sanne")
    fatima = await member(network["noord"], "fatima")
    await network["noord"].fed.hood.questions.ask(fatima, subject="Bomen", body="Wanneer?")
    await network.settle()
    [item] = (await gemeente.work.overview(marieke, Filters())).items
    with pytest.raises(Invalid, match="colleague"):
        await gemeente.work.assign(marieke, "question", item.item_id, sanne.id)
    with pytest.raises(Invalid, match="not in the work queue"):
        await gemeente.work.assign(marieke, "question", item.item_id + 99, peter.id)
    await gemeente.work.assign(marieke, "question", item.item_id, peter.id)
    assert (await gemeente.work.overview(marieke, Filters(mine=True))).items == []
    [mine] = (await gemeente.work.overview(peter, Filters(mine=True))).items
    assert mine.assignee_name == "Peter"


async def test_a_changed_phone_number_reaches_the_wijk(network: Network) -> None:
    await connected(network)
    _, marieke = await assign_marieke(network)
    marieke = await network["gemeente"].fed.hood.members.update_profile(
        marieke, display_name="Marieke Jansen", phone="0345 200 199", availability="ma-vr", about=""
    )
    await network["gemeente"].fed.hood.contacts.profile_changed(marieke)
    await network.settle()
    [person] = await network["noord"].fed.hood.contacts.municipal()
    assert (person.phone, person.hours) == ("0345 200 199", "ma-vr")
