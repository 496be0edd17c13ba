"""The totals of a process over all wijken travel back to every wijk once the input phase is
over (docs/FEDERATION.md, "processResults"): residents on Noord and Zuid see what everyone
said next to the report-back. Never during the input phase; counts only; garbage ignored."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from node.community.participation.model import Answer
from node.community.participation.results import OverallResult
from tests.federation.conftest import Network, Node
from tests.federation.helpers import member
from tests.federation.participation.support import (
    AP,
    connect,
    copy_on,
    open_for,
    option_ids,
    respond,
    signed_by_node,
    states,
)

FORMS = ["open", "poll", "ranking", "arguments"]


async def served(gemeente: Node, process_id: int) -> dict[str, Any]:
    async with gemeente.client() as http:
        response = await http.get(f"/ap/objects/process/{process_id}", headers=AP)
    assert response.status_code == 200
    return dict(response.json())


async def overall_on(wijk: Node) -> dict[str, OverallResult]:
    copy = await copy_on(wijk)
    page = await wijk.fed.hood.processes.page(copy.id, None)
    return {r.kind.value: r for r in page.overall}


async def html_on(wijk: Node) -> str:
    copy = await copy_on(wijk)
    async with wijk.client() as http:
        response = await http.get(f"/inspraak/{copy.id}")
    assert response.status_code == 200
    return response.text


async def answer_on_both(network: Network) -> None:
    """Anna on Noord and Kees on Zuid answer every form; only Anna writes an open answer."""
    noord, zuid = network["noord"], network["zuid"]
    for wijk, name, poll, order, argument in (
        (
            noord,
            "anna",
            "Meer groen",
            ["Meer groen", "Een speelplek", "Meer parkeerplaatsen"],
            None,
        ),
        (zuid, "kees", "Een speelplek", ["Een speelplek", "Meer groen", "Meer parkeerplaatsen"], 1),
    ):
        copy = await copy_on(wijk)
        ids = await option_ids(wijk, copy.id)
        resident = await member(wijk, name)
        if name == "anna":
            await respond(wijk, resident, copy.id, "open", Answer(body="Bankjes in de schaduw"))
        await respond(wijk, resident, copy.id, "poll", Answer(choices=[ids[poll]]))
        await respond(wijk, resident, copy.id, "ranking", Answer(choices=[ids[o] for o in order]))
        if argument is None:
            answer = Answer(body="Groen koelt de buurt af", side="for")
        else:
            option = ids["Meer parkeerplaatsen"]
            answer = Answer(body="Parkeren is al krap", side="against", option_id=option)
        await respond(wijk, resident, copy.id, "arguments", answer)
    await network.settle()


async def report_back(network: Network, process_id: int) -> None:
    gemeente = network["gemeente"]
    network.clock.advance(timedelta(days=20))  # 21 May: the input phase is over
    contact = await gemeente.fed.hood.members.by_username("contact")
    await gemeente.fed.hood.processes.publish_report_back(
        contact, process_id, "De raad kiest voor meer groen.", [("Meer groen", "Er komen bomen.")]
    )
    await network.settle()


async def test_both_wijken_show_the_totals_after_the_input_phase(network: Network) -> None:
    gemeente, noord, zuid = network["gemeente"], network["noord"], network["zuid"]
    await connect(network, "noord", "zuid")
    process_id = await open_for(network, ("noord", "zuid"), forms=FORMS)
    await answer_on_both(network)

    # During the input phase no results travel, and no wijk shows totals.
    assert "processResults" not in await served(gemeente, process_id)
    for wijk in (noord, zuid):
        assert await overall_on(wijk) == {}
        assert "Uitslag van alle buurten samen" not in await html_on(wijk)

    await report_back(network, process_id)

    # The Update of the report-back carries the totals: counts by key, nothing else.
    document = await served(gemeente, process_id)
    results = {r["formKind"]: r for r in document["processResults"]}
    assert sorted(results) == sorted(FORMS)
    assert results["poll"]["respondents"] == 2 and results["poll"]["onPaper"] == 0
    assert results["poll"]["optionCounts"] == [
        {"key": 0, "count": 1},
        {"key": 1, "count": 0},
        {"key": 2, "count": 1},
    ]
    # Borda with three options: 2, 1, 0 points. Groen 2 + 1, speelplek 1 + 2, parkeren 0.
    assert results["ranking"]["optionCounts"] == [
        {"key": 0, "count": 3},
        {"key": 1, "count": 0},
        {"key": 2, "count": 3},
    ]
    assert results["arguments"]["argumentCounts"] == [
        {"forCount": 1, "againstCount": 0},
        {"forCount": 0, "againstCount": 1, "aboutOption": 1},
    ]
    assert results["open"] == {
        "type": "ProcessResult",
        "formKind": "open",
        "respondents": 1,
        "onPaper": 0,
        "perNode": [
            {"name": "Beekveld-Noord", "respondents": 1},
            {"name": "Beekveld-Zuid", "respondents": 0},
        ],
    }
    assert results["poll"]["perNode"] == [
        {"name": "Beekveld-Noord", "respondents": 1},
        {"name": "Beekveld-Zuid", "respondents": 1},
    ]
    sent = json.dumps(document["processResults"])
    assert "Bankjes" not in sent and "anna" not in sent.lower() and 'respondent"' not in sent
    terms = document["@context"][1]
    assert terms["processResults"]["@id"] == "buurtnode:processResults"

    # Both wijken show the totals, their own residents' answers among them.
    for wijk in (noord, zuid):
        overall = await overall_on(wijk)
        assert [(c.option.label, c.count, c.share) for c in overall["poll"].counts] == [
            ("Meer groen", 1, 50),
            ("Meer parkeerplaatsen", 0, 0),
            ("Een speelplek", 1, 50),
        ]
        assert [(c.option.label, c.count) for c in overall["ranking"].counts] == [
            ("Meer groen", 3),
            ("Een speelplek", 3),
            ("Meer parkeerplaatsen", 0),
        ]
        assert [
            (a.option.label if a.option else None, a.pros, a.cons)
            for a in overall["arguments"].arguments
        ] == [(None, 1, 0), ("Meer parkeerplaatsen", 0, 1)]
        assert overall["open"].respondents == 1
        assert overall["poll"].per_node == [("Beekveld-Noord", 1), ("Beekveld-Zuid", 1)]

        html = await html_on(wijk)
        section = html.split('id="overall-title"')[1].split("</section>")[0]
        assert "Uitslag van alle buurten samen (van Gemeente Beekveld)" in section
        assert "zijn hierin meegeteld" in section
        assert '<th scope="row">Meer groen</th><td>1</td>' in section
        assert '<th scope="row">Een speelplek</th><td>1</td>' in section
        assert '<th scope="row">Meer parkeerplaatsen</th><td>0</td>' in section
        assert 'id="overall-poll-caption">Uitslag van de peiling, alle buurten samen<' in section
        assert '<th scope="row">Beekveld-Zuid</th>' in section  # respondents per wijk
        assert "Bankjes" not in section  # open texts stay with the gemeente
        assert "Uitslag in deze buurt" in html
        # The report-back comes first, the totals next to it.
        assert html.index('id="terugkoppeling"') < html.index('id="overall-title"')

    # Noord's own results still count Noord's residents only.
    noord_copy = await copy_on(noord)
    page = await noord.fed.hood.processes.page(noord_copy.id, None)
    poll = next(r for r in page.results if r.form.kind.value == "poll")
    assert [c.count for c in poll.counts] == [1, 0, 0]

    # The gemeente's own page is unchanged: totals and per wijk, no copy section.
    async with gemeente.client() as http:
        html = (await http.get(f"/inspraak/{process_id}")).text
    assert 'id="overall-title"' not in html and 'id="per-node"' in html


def crafted_update(gemeente: Node, document: dict[str, Any], results: Any, n: int) -> dict:
    """The gemeente's Update of the process, with `processResults` replaced."""
    obj = {k: v for k, v in document.items() if k != "@context"}
    obj["processResults"] = results
    return {
        "@context": document["@context"],
        "id": f"{gemeente.fed.ids.url}/ap/activities/crafted-{n}",
        "type": "Update",
        "actor": gemeente.fed.ids.actor,
        "object": obj,
        "to": document["to"],
    }


GARBAGE: list[Any] = [
    "alles",
    {"formKind": "poll"},
    [
        "x",
        None,
        {"formKind": "survey", "respondents": 3},
        {"formKind": "poll", "respondents": -1, "optionCounts": []},
        {"formKind": "poll", "respondents": 2, "optionCounts": [{"key": 7, "count": 1}]},
        {"formKind": "poll", "respondents": 2, "optionCounts": [{"key": 0, "count": -5}]},
        {"formKind": "ranking", "respondents": "2", "optionCounts": []},
        {"formKind": "ranking", "respondents": 2, "optionCounts": [{"key": True, "count": 1}]},
        {"formKind": "ranking", "respondents": 2, "optionCounts": "veel"},
        {"formKind": "arguments", "respondents": 1, "argumentCounts": [{"forCount": 1.5}]},
        {"formKind": "open", "respondents": 1, "perNode": [{"name": 3, "respondents": 1}]},
    ],
]


async def test_malformed_totals_are_ignored_and_the_page_still_works(network: Network) -> None:
    gemeente, noord = network["gemeente"], network["noord"]
    await connect(network, "noord")
    process_id = await open_for(network, ("noord",), forms=FORMS)
    await report_back(network, process_id)
    document = await served(gemeente, process_id)
    assert await overall_on(noord) != {}

    for n, garbage in enumerate(GARBAGE):
        update = crafted_update(gemeente, document, garbage, n)
        assert await signed_by_node(network, gemeente, noord, update) == 202
        await network.settle()
        assert await overall_on(noord) == {}, garbage
        html = await html_on(noord)
        assert 'id="overall-title"' not in html and "De raad kiest" in html

    # What is good is kept, what is not is left out: a poll with a key out of range goes,
    # the arguments stay.
    mixed = [
        {"formKind": "poll", "respondents": 2, "optionCounts": [{"key": 9, "count": 2}]},
        {
            "formKind": "arguments",
            "respondents": 4,
            "onPaper": 1,
            "argumentCounts": [{"forCount": 3, "againstCount": 1}],
        },
    ]
    update = crafted_update(gemeente, document, mixed, 99)
    assert await signed_by_node(network, gemeente, noord, update) == 202
    await network.settle()
    overall = await overall_on(noord)
    assert list(overall) == ["arguments"] and overall["arguments"].respondents == 4
    html = await html_on(noord)
    assert 'id="overall-arguments-caption"' in html and 'id="overall-poll-caption"' not in html
    # Every crafted Update was processed (the rest of the process kept), none failed.
    assert {state for _, state, _ in await states(noord)} == {"processed"}
