"""Participation processes across nodes over the fake network: the gemeente opens a process
for Noord and Zuid, their residents answer on their own node, the gemeente counts per wijk
and in total, and the report-back arrives on both. Refusals leave nothing counted."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from node.community.errors import Invalid, NotAllowed
from node.community.participation.model import Answer
from node.federation.ids import PUBLIC
from tests.conftest import login, post_form
from tests.federation.conftest import Network, Node, RemoteActor, fixture
from tests.federation.helpers import member
from tests.federation.participation.support import (
    AP,
    connect,
    copy_on,
    draft,
    open_for,
    option_ids,
    respond,
    signed_by_node,
    states,
)


async def test_a_process_reaches_both_wijken_answers_come_back_and_so_does_the_report(
    network: Network,
) -> None:
    gemeente, noord, zuid = network["gemeente"], network["noord"], network["zuid"]
    await connect(network, "noord", "zuid")
    process_id = await open_for(network, ("noord", "zuid"))

    # Both wijken show the process, started by the gemeente, with its options in order.
    for wijk in (noord, zuid):
        copy = await copy_on(wijk)
        assert (
            copy.title == "Herinrichting Wilhelminaplein"
            and copy.opener_name == "Gemeente Beekveld"
        )
        assert copy.ap_id == gemeente.fed.ids.object("process", process_id)
        assert list(await option_ids(wijk, copy.id)) == [
            "Meer groen",
            "Meer parkeerplaatsen",
            "Een speelplek",
        ]
        page = await wijk.fed.hood.processes.page(copy.id, None)
        assert "<strong>2027</strong>" in page.process.background_html
        assert page.node_names == ["Beekveld-Noord", "Beekveld-Zuid"]
        assert not page.can_manage

    # Residents answer on their own node: open, poll, an argument.
    noord_copy, zuid_copy = await copy_on(noord), await copy_on(zuid)
    anna = await member(noord, "anna")
    kees = await member(zuid, "kees")
    noord_ids = await option_ids(noord, noord_copy.id)
    zuid_ids = await option_ids(zuid, zuid_copy.id)
    await respond(noord, anna, noord_copy.id, "open", Answer(body="Bankjes in de schaduw"))
    await respond(noord, anna, noord_copy.id, "poll", Answer(choices=[noord_ids["Meer groen"]]))
    await respond(
        noord, anna, noord_copy.id, "arguments", Answer(body="Groen koelt de buurt af", side="for")
    )
    await respond(zuid, kees, zuid_copy.id, "poll", Answer(choices=[zuid_ids["Een speelplek"]]))
    await respond(
        zuid, kees, zuid_copy.id, "arguments", Answer(body="Parkeren is al krap", side="against")
    )
    await network.settle()

    # The gemeente counts them per wijk and in total; arguments from both are there.
    page = await gemeente.fed.hood.processes.page(process_id, None)
    poll = {c.option.label: c.count for c in page.results[0].counts}
    assert poll == {"Meer groen": 1, "Meer parkeerplaatsen": 0, "Een speelplek": 1}
    by_node = {n.name: [r.respondents for r in n.results] for n in page.by_node}
    assert by_node == {"Beekveld-Noord": [1, 1, 1], "Beekveld-Zuid": [1, 1, 0]}
    arguments = page.results[1].subjects[0]
    assert [a.body for a in arguments.pros] == ["Groen koelt de buurt af"]
    assert [a.body for a in arguments.cons] == ["Parkeren is al krap"]

    # The arguments travel on: Kees on Zuid reads Anna's argument and supports it.
    zuid_page = await zuid.fed.hood.processes.page(zuid_copy.id, kees)
    [pro] = zuid_page.results[1].subjects[0].pros
    assert pro.body == "Groen koelt de buurt af"
    assert await zuid.fed.hood.processes.input.toggle_support(kees, pro.id) is True
    await network.settle()
    page = await gemeente.fed.hood.processes.page(process_id, None)
    assert [a.supports for a in page.results[1].subjects[0].pros] == [1]
    # Noord linked its own resident's argument to the gemeente's copy (no duplicate).
    noord_page = await noord.fed.hood.processes.page(noord_copy.id, anna)
    assert [a.body for a in noord_page.results[1].subjects[0].pros] == ["Groen koelt de buurt af"]
    assert [a.body for a in noord_page.results[1].subjects[0].cons] == ["Parkeren is al krap"]
    async with noord.client() as http:
        html = (await http.get(f"/inspraak/{noord_copy.id}")).text
    assert "De argumenten uit alle deelnemende buurten, doorgegeven door Gemeente" in html

    # Taking the support back reaches the gemeente too.
    assert await zuid.fed.hood.processes.input.toggle_support(kees, pro.id) is False
    await network.settle()
    page = await gemeente.fed.hood.processes.page(process_id, None)
    assert [a.supports for a in page.results[1].subjects[0].pros] == [0]

    # After the input phase the gemeente reports back and closes; both wijken show it.
    network.clock.advance(timedelta(days=20))
    contact = await gemeente.fed.hood.members.by_username("contact")
    await gemeente.fed.hood.processes.publish_report_back(
        contact, process_id, "De raad kiest voor meer groen.", [("Meer groen", "Er komen bomen.")]
    )
    await gemeente.fed.hood.processes.close(contact, process_id)
    await network.settle()
    for wijk in (noord, zuid):
        copy = await copy_on(wijk)
        page = await wijk.fed.hood.processes.page(copy.id, None)
        assert page.report is not None and "meer groen" in page.report.decision_html
        assert [(t.you_said, t.we_did) for t in page.report.themes] == [
            ("Meer groen", "Er komen bomen.")
        ]
        assert copy.closed_at is not None


# -- refusals ---------------------------------------------------------------------


def response_from(node: Node, process_ap_id: str, respondent: str, **extra: Any) -> dict[str, Any]:
    """A response Note as a Buurtnode sends it (see translate_processes.response_note)."""
    ids = node.fed.ids
    note = {
        "id": f"{ids.url}/ap/objects/process_response/{abs(hash(respondent)) % 10_000}",
        "type": "Note",
        "attributedTo": ids.actor,
        "inReplyTo": process_ap_id,
        "content": "<p>Groen graag</p>",
        "to": [process_ap_id.split("/ap/")[0] + "/ap/actor"],
        "formKind": "poll",
        "optionKeys": [0],
        "respondent": respondent,
        "channel": "online",
        **extra,
    }
    return {
        "@context": ["https://www.w3.org/ns/activitystreams", {"buurtnode": f"{ids.url}/ns#"}],
        "id": f"{note['id']}/create",
        "type": "Create",
        "actor": ids.actor,
        "object": note,
        "to": note["to"],
    }


async def counted(gemeente: Node, process_id: int) -> list[int]:
    page = await gemeente.fed.hood.processes.page(process_id, None)
    return [r.respondents for r in page.results]


async def test_refused_responses_are_not_counted(network: Network) -> None:
    """A response after the input phase, from a node the process does not concern, a second
    one from the same resident, and one from an actor that is not a node: each ignored with
    its reason; only the first good one counts."""
    gemeente, noord, zuid = network["gemeente"], network["noord"], network["zuid"]
    await connect(network, "noord", "zuid")
    process_id = await open_for(network, ("noord",), forms=["poll"])
    ap_id = gemeente.fed.ids.object("process", process_id)
    respondent = f"{noord.fed.ids.url}/ap/respondents/abc"

    assert (
        await signed_by_node(network, noord, gemeente, response_from(noord, ap_id, respondent))
        == 202
    )
    second = response_from(
        noord, ap_id, respondent, id=f"{noord.fed.ids.url}/ap/objects/process_response/77"
    )
    second["object"]["id"] = f"{noord.fed.ids.url}/ap/objects/process_response/77"
    second["id"] = f"{noord.fed.ids.url}/ap/activities/second"
    assert await signed_by_node(network, noord, gemeente, second) == 202
    stranger = response_from(zuid, ap_id, f"{zuid.fed.ids.url}/ap/respondents/def")
    assert await signed_by_node(network, zuid, gemeente, stranger) == 202
    person = network.remote(fixture("mastodon/objects/person.json"))  # not a node
    other = response_from(noord, ap_id, f"{person.id}/respondent")
    other["actor"] = other["object"]["attributedTo"] = person.id
    other["object"]["id"] = f"{person.id}/statuses/1"
    other["id"] = f"{person.id}/statuses/1/activity"
    request = person.signed(gemeente.fed.ids.inbox, json.dumps(other).encode(), network.clock())
    assert (await network.deliver(request)).status_code == 202
    await network.settle()

    network.clock.advance(timedelta(days=14))  # 15 May: the input phase is over
    late = response_from(noord, ap_id, f"{noord.fed.ids.url}/ap/respondents/late")
    late["id"] += "-late"
    late["object"]["id"] += "1"
    assert await signed_by_node(network, noord, gemeente, late) == 202
    await network.settle()

    assert await counted(gemeente, process_id) == [1]
    reasons = [error for kind, state, error in await states(gemeente) if state == "ignored"]
    assert reasons == [
        "A second response from the same resident.",
        "A response from a node this process does not concern.",
        "a response from someone who is not a node",
        "A response after the input phase.",
    ]


async def test_a_forged_response_is_refused_at_the_door(network: Network) -> None:
    """Signed by a Mastodon account, claiming to come from Noord: 401, nothing stored."""
    gemeente, noord = network["gemeente"], network["noord"]
    await connect(network, "noord")
    process_id = await open_for(network, ("noord",), forms=["poll"])
    mastodon = network.remote(fixture("mastodon/objects/person.json"))
    forged = response_from(noord, gemeente.fed.ids.object("process", process_id), "x")
    request = mastodon.signed(gemeente.fed.ids.inbox, json.dumps(forged).encode(), network.clock())
    assert (await network.deliver(request)).status_code == 401
    await network.settle()
    assert await counted(gemeente, process_id) == [0]


async def test_a_wijk_answer_changed_late_and_the_wijk_and_gemeente_clock_decide(
    network: Network,
) -> None:
    """On the wijk a resident may change an answer in the input phase (the same response,
    sent on again as an Update); when the wijk's answer and its change arrive after the
    gemeente's input phase (the queue was down), neither is counted."""
    gemeente, noord = network["gemeente"], network["noord"]
    await connect(network, "noord")
    process_id = await open_for(network, ("noord",), forms=["open"])
    copy = await copy_on(noord)
    anna = await member(noord, "anna")
    network.transport.down.add(gemeente.settings.host)  # until the gemeente's input ended
    await respond(noord, anna, copy.id, "open", Answer(body="Meer bankjes"))
    await respond(noord, anna, copy.id, "open", Answer(body="Toch minder bankjes"))
    bram = await member(noord, "bram")
    await respond(noord, bram, copy.id, "open", Answer(body="Een fontein"))
    await network.settle()  # Noord cannot deliver yet
    network.transport.down.clear()
    network.clock.advance(timedelta(days=14))
    await network.settle()
    network.clock.advance(timedelta(hours=1))  # the retry is due
    await network.settle()
    assert await counted(gemeente, process_id) == [0]
    reasons = {error for _, state, error in await states(gemeente) if state == "ignored"}
    assert reasons == {
        "A response after the input phase.",
        "A change to a response after the input phase.",
    }


def changed(activity: dict[str, Any], suffix: str, **note: Any) -> dict[str, Any]:
    """The activity as an Update of its Note (with `note` changed), under a new id."""
    return {
        **activity,
        "id": f"{activity['id']}/{suffix}",
        "type": "Update",
        "object": {**activity["object"], **note},
    }


async def poll_counts(gemeente: Node, process_id: int) -> dict[str, int]:
    page = await gemeente.fed.hood.processes.page(process_id, None)
    return {c.option.label: c.count for c in page.results[0].counts}


async def test_a_wijk_resident_changes_a_vote_and_the_gemeente_counts_the_new_one(
    network: Network,
) -> None:
    """A changed vote reaches the gemeente as an Update of the same response: counted once,
    with the new choice. Arguments stay as sent. An Update from another node, or after the
    input phase, changes nothing; on the wijk a change after the input phase is refused."""
    gemeente, noord, zuid = network["gemeente"], network["noord"], network["zuid"]
    await connect(network, "noord", "zuid")
    process_id = await open_for(network, ("noord", "zuid"), forms=["poll", "arguments"])
    copy = await copy_on(noord)
    ids = await option_ids(noord, copy.id)
    anna = await member(noord, "anna")
    await respond(noord, anna, copy.id, "poll", Answer(choices=[ids["Meer groen"]]))
    await network.settle()
    assert (await poll_counts(gemeente, process_id))["Meer groen"] == 1

    await respond(noord, anna, copy.id, "poll", Answer(choices=[ids["Een speelplek"]]))
    await network.settle()
    new = {"Meer groen": 0, "Meer parkeerplaatsen": 0, "Een speelplek": 1}
    assert await poll_counts(gemeente, process_id) == new
    assert (await counted(gemeente, process_id))[0] == 1
    assert ("Update", "processed", None) in await states(gemeente)
    [row] = await gemeente.fed.db.fetch_all(
        "SELECT ap_id, remote_actor_uri FROM process_responses"
    )  # replaced in place: still one response, with the id Noord gave it
    [noord_row] = await noord.fed.db.fetch_all("SELECT id FROM process_responses")
    assert row["ap_id"] == noord.fed.ids.object("process_response", noord_row["id"])

    # An argument, once passed on to every node, stays as it was.
    argument = Answer(body="Groen koelt de buurt af", side="for")
    await respond(noord, anna, copy.id, "arguments", argument)
    with pytest.raises(Invalid, match="sent on"):
        await respond(noord, anna, copy.id, "arguments", Answer(body="Toch niet", side="against"))

    # Zuid cannot change Noord's resident's response.
    ap_id = gemeente.fed.ids.object("process", process_id)
    forged = changed(response_from(zuid, ap_id, row["remote_actor_uri"]), "zuid", optionKeys=[1])
    assert await signed_by_node(network, zuid, gemeente, forged) == 202
    await network.settle()
    assert await poll_counts(gemeente, process_id) == new

    # After the input phase: refused on the wijk, and ignored by the gemeente.
    network.clock.advance(timedelta(days=14))
    with pytest.raises(Invalid, match="input phase"):
        await respond(noord, anna, copy.id, "poll", Answer(choices=[ids["Meer groen"]]))
    late = response_from(noord, ap_id, row["remote_actor_uri"], id=row["ap_id"])
    late["object"]["id"] = row["ap_id"]
    assert await signed_by_node(network, noord, gemeente, changed(late, "late")) == 202
    await network.settle()
    assert await poll_counts(gemeente, process_id) == new
    reasons = [error for _, state, error in await states(gemeente) if state == "ignored"]
    assert reasons == [
        "A change to a response from another node.",
        "A change to a response after the input phase.",
    ]


async def test_a_change_that_overtakes_its_answer_is_the_one_counted(network: Network) -> None:
    """The first answer waits for a retry while the change goes out at once: the gemeente
    counts the change, and refuses the late first answer as a second response."""
    gemeente, noord = network["gemeente"], network["noord"]
    await connect(network, "noord")
    process_id = await open_for(network, ("noord",), forms=["poll"])
    copy = await copy_on(noord)
    ids = await option_ids(noord, copy.id)
    anna = await member(noord, "anna")
    network.transport.down.add(gemeente.settings.host)
    await respond(noord, anna, copy.id, "poll", Answer(choices=[ids["Meer groen"]]))
    await network.settle()  # the Create failed; its retry is a minute away
    network.transport.down.clear()
    await respond(noord, anna, copy.id, "poll", Answer(choices=[ids["Een speelplek"]]))
    await network.settle()
    network.clock.advance(timedelta(minutes=2))
    await network.settle()
    assert await poll_counts(gemeente, process_id) == {
        "Meer groen": 0,
        "Meer parkeerplaatsen": 0,
        "Een speelplek": 1,
    }
    assert [(kind, state) for kind, state, _ in await states(gemeente) if kind != "Follow"][
        -2:
    ] == [("Update", "processed"), ("Create", "ignored")]


async def test_closing_without_report_back_is_refused_and_overdue_days_count_on_the_wijk(
    network: Network,
) -> None:
    gemeente, noord = network["gemeente"], network["noord"]
    await connect(network, "noord")
    process_id = await open_for(network, ("noord",))
    contact = await gemeente.fed.hood.members.by_username("contact")
    try:
        await gemeente.fed.hood.processes.close(contact, process_id)
    except Invalid as error:
        assert "report-back" in str(error)
    else:
        raise AssertionError("closed without a report-back")
    network.clock.advance(timedelta(days=33))  # 3 June: three days after 31 May
    copy = await copy_on(noord)
    page = await noord.fed.hood.processes.page(copy.id, None)
    assert page.days_late == 3 and page.report is None
    async with noord.client() as http:
        listing = await http.get("/inspraak")
        detail = await http.get(f"/inspraak/{copy.id}")
    assert "Gestart door Gemeente Beekveld" in listing.text
    assert "3 dagen te laat" in listing.text and "Gestart door Gemeente Beekveld" in detail.text
    assert "/afsluiten" not in detail.text  # managed on the gemeente's node only
    buurtverbinder = await member(noord, "bea", "buurtverbinder")
    try:
        await noord.fed.hood.processes.close(buurtverbinder, copy.id)
    except NotAllowed:
        pass
    else:
        raise AssertionError("a wijk closed the gemeente's process")


async def test_a_process_is_removed_when_its_node_deletes_it(network: Network) -> None:
    gemeente, noord = network["gemeente"], network["noord"]
    await connect(network, "noord")
    process_id = await open_for(network, ("noord",))
    delete = {
        "id": f"{gemeente.fed.ids.url}/ap/activities/delete-1",
        "type": "Delete",
        "actor": gemeente.fed.ids.actor,
        "object": {"id": gemeente.fed.ids.object("process", process_id), "type": "Tombstone"},
        "to": [noord.fed.ids.actor],
    }
    assert await signed_by_node(network, gemeente, noord, delete) == 202
    await network.settle()
    assert await noord.fed.hood.processes.all() == []


# -- Mastodon ---------------------------------------------------------------------


def vote(voter: RemoteActor, question: str, label: str, n: int) -> dict[str, Any]:
    note = {
        "id": f"{voter.id}#votes/{n}",
        "type": "Note",
        "name": label,
        "attributedTo": voter.id,
        "inReplyTo": question,
        "to": [question.split("/ap/")[0] + "/ap/actor"],
    }
    return {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": f"{voter.id}#votes/{n}/activity",
        "type": "Create",
        "actor": voter.id,
        "object": note,
        "to": note["to"],
    }


async def test_mastodon_votes_are_counted_apart_once_and_only_during_input(
    network: Network, mastodon_user: RemoteActor
) -> None:
    gemeente = network["gemeente"]
    await connect(network, "noord")
    process_id = await open_for(network, ("noord",), forms=["poll"])
    question = gemeente.fed.ids.object("process", process_id)
    inbox = gemeente.fed.ids.inbox

    async def cast(label: str, n: int) -> None:
        body = json.dumps(vote(mastodon_user, question, label, n)).encode()
        assert (
            await network.deliver(mastodon_user.signed(inbox, body, network.clock()))
        ).status_code == 202
        await network.settle()

    await cast("Meer groen", 1)
    await cast("Meer groen", 2)  # the same account again
    await cast("Een speelplek", 3)  # a single-choice poll: one option per account
    network.clock.advance(timedelta(days=14))
    await cast("Een speelplek", 4)  # after the input phase

    page = await gemeente.fed.hood.processes.page(process_id, None)
    assert page.fediverse_voters == 1
    assert {c.option.label: c.count for c in page.fediverse_votes}["Meer groen"] == 1
    assert [r.respondents for r in page.results] == [0]  # residents' count untouched
    reasons = [error for _, state, error in await states(gemeente) if state == "ignored"]
    assert reasons == [
        "A second fediverse vote from the same account.",
        "A second fediverse vote from the same account.",
        "A fediverse vote outside the input phase.",
    ]
    async with gemeente.client() as http:
        served = (await http.get(f"/ap/objects/process/{process_id}", headers=AP)).json()
        html = (await http.get(f"/inspraak/{process_id}")).text
    assert served["oneOf"][0]["replies"]["totalItems"] == 1 and served["votersCount"] == 1
    assert "Stemmen via de fediverse (niet meegeteld bij bewoners)" in html


# -- the shape we send ------------------------------------------------------------


async def test_the_process_is_a_question_mastodon_can_show(network: Network) -> None:
    gemeente, noord, zuid = network["gemeente"], network["noord"], network["zuid"]
    await connect(network, "noord", "zuid")
    single = await open_for(network, ("noord", "zuid"))
    contact = await gemeente.fed.hood.members.by_username("contact")
    multiple = await gemeente.fed.hood.processes.open(
        contact, draft([noord.fed.ids.actor], multiple=True, title="Tweede vraag")
    )
    no_poll = await gemeente.fed.hood.processes.open(
        contact, draft([zuid.fed.ids.actor], forms=["open"], title="Derde vraag")
    )
    async with gemeente.client() as http:
        one, many, page = [
            (await http.get(f"/ap/objects/process/{i}", headers=AP)).json()
            for i in (single, multiple, no_poll)
        ]
    assert one["type"] == "Question" and "oneOf" in one and "anyOf" not in one
    assert [o["name"] for o in one["oneOf"]] == [
        "Meer groen",
        "Meer parkeerplaatsen",
        "Een speelplek",
    ]
    assert one["oneOf"][0] == {
        "type": "Note",
        "name": "Meer groen",
        "replies": {"type": "Collection", "totalItems": 0},
    }
    assert one["endTime"] == "2025-05-14T22:00:00Z"  # the end of 14 May in the Netherlands
    assert "summary" not in one and one["name"] == "Herinrichting Wilhelminaplein"
    assert "adviseren" in one["content"] and "14 mei 2025" in one["content"]
    assert f"{gemeente.settings.url}/inspraak/{single}" in one["content"]
    assert one["to"] == [noord.fed.ids.actor, zuid.fed.ids.actor]
    assert "https://www.w3.org/ns/activitystreams#Public" in one["cc"]
    assert one["processOptions"][2] == {"type": "ProcessOption", "key": 2, "name": "Een speelplek"}
    assert one["attachment"] == [
        {
            "type": "Link",
            "name": "Schetsontwerp",
            "href": "https://example.org/schets.pdf",
            "mediaType": "text/html",
        }
    ]
    assert many["type"] == "Question" and "anyOf" in many and "oneOf" not in many
    assert page["type"] == "Page" and "endTime" not in page
    assert not set(one) & {"respondent", "respondentName", "optionKeys", "answerText"}


async def test_the_gemeente_chooses_followed_nodes_in_the_form(network: Network) -> None:
    gemeente, noord = network["gemeente"], network["noord"]
    await connect(network, "noord")
    await member(gemeente, "contact", "contact")
    async with gemeente.client() as http:
        await login(http, "contact")
        form = await http.get("/inspraak/nieuw")
        assert "Welke wijken en kernen doen mee?" in form.text
        assert f'value="{noord.fed.ids.actor}"' in form.text
        refused = await post_form(
            http,
            "/inspraak/nieuw",
            {**FORM, "nodes": "https://elders.example/ap/actor"},
            form_page="/inspraak/nieuw",
        )
        assert refused.status_code == 400 and "volgt" in refused.text
        made = await post_form(
            http,
            "/inspraak/nieuw",
            {**FORM, "nodes": noord.fed.ids.actor},
            form_page="/inspraak/nieuw",
        )
        assert made.status_code == 303
    await network.settle()
    assert [p.title for p in await noord.fed.hood.processes.all()] == [FORM["title"]]


FORM = {
    "title": "Speeltuin Beekpark",
    "question": "Wat wilt u in de speeltuin?",
    "level": "consult",
    "level_meaning": "Wij vragen uw mening; de wethouder beslist op 20 mei.",
    "input_from": "2025-05-01",
    "input_until": "2025-05-14",
    "decision_on": "2025-05-20",
    "report_back_by": "2025-05-31",
    "forms": "open",
}


async def test_a_wijk_consultation_reaches_its_mastodon_followers_as_a_question(
    network: Network, mastodon_user: RemoteActor
) -> None:
    """A buurtverbinder's own consultation (level consult, with a poll) goes to the node's
    followers only: a public Question Mastodon shows, whose votes are counted apart."""
    noord, gemeente = network["noord"], network["gemeente"]
    await connect(network, "noord")  # the gemeente follows Noord too, and must ignore it
    follow = {
        **fixture("mastodon/activities/follow.json"),
        "actor": mastodon_user.id,
        "object": noord.fed.ids.actor,
    }
    body = json.dumps(follow).encode()
    await network.deliver(mastodon_user.signed(noord.fed.ids.inbox, body, network.clock()))
    await network.settle()
    buurtverbinder = await member(noord, "fatima", "buurtverbinder")
    process_id = await noord.fed.hood.processes.open(
        buurtverbinder, draft([], level="consult", forms=["poll"])
    )
    await network.settle()

    [create] = [p for p in mastodon_user.inbox_posts if p["type"] == "Create"]
    question = create["object"]
    assert question["type"] == "Question" and question["to"] == [PUBLIC]
    assert [o["name"] for o in question["oneOf"]][0] == "Meer groen"
    assert await gemeente.fed.hood.processes.all() == []  # not asked of the gemeente

    body = json.dumps(vote(mastodon_user, question["id"], "Meer groen", 1)).encode()
    await network.deliver(mastodon_user.signed(noord.fed.ids.inbox, body, network.clock()))
    await network.settle()
    page = await noord.fed.hood.processes.page(process_id, None)
    assert page.fediverse_voters == 1 and [r.respondents for r in page.results] == [0]
