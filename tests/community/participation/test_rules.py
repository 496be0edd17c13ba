"""Participation processes in the domain: phases, input rules, results, report-back."""

from datetime import timedelta

import pytest

from node.community.changes import unpublished
from node.community.errors import Invalid, NotAllowed
from node.community.neighbourhood import Neighbourhood
from node.community.participation.model import Answer, Option, Phase
from node.community.participation.results import borda
from tests.conftest import MovableClock, add_member
from tests.participation_support import draft


async def opened(hood: Neighbourhood) -> int:
    els = await hood.members.by_username("els") or await add_member(hood, "els", "buurtverbinder")
    return await hood.processes.open(els, draft())


async def option_ids(hood: Neighbourhood, process_id: int) -> list[int]:
    return [o.id for o in await hood.processes.options(process_id)]


async def test_given_dates_when_the_clock_moves_then_the_phase_follows_the_timeline(
    moving_hood: Neighbourhood, clock: MovableClock
) -> None:
    process_id = await moving_hood.processes.open(
        await add_member(moving_hood, "els", "buurtverbinder"),
        draft(input_from="2026-03-05"),
    )
    phases = []
    for days in (0, 3, 11, 10, 20):
        clock.advance(timedelta(days=days))
        page = await moving_hood.processes.page(process_id, None)
        phases.append((page.phase, page.days_late))
    assert phases == [
        (Phase.INFORMING, 0),
        (Phase.INPUT, 0),  # 5 March
        (Phase.WEIGHING, 0),  # 16 March
        (Phase.DECISION, 0),  # 26 March
        (Phase.DECISION, 14),  # 15 April: two weeks past the report-back date
    ]
    assert [step.state for step in page.steps] == ["done", "done", "done", "current", "todo"]


async def test_given_a_process_when_opened_then_a_public_change_and_this_node_are_recorded(
    moving_hood: Neighbourhood,
) -> None:
    process_id = await opened(moving_hood)
    page = await moving_hood.processes.page(process_id, None)
    assert page.node_names == ["Beekveld-Noord"]
    assert len(page.process.uid) == 32
    assert [d.url for d in page.documents] == ["https://example.org/schets.pdf"]
    changes = await unpublished(moving_hood.db)
    assert [(c.subject_type, c.kind.value) for c in changes] == [("process", "created")]


@pytest.mark.parametrize("role", ["resident", "council"])
async def test_given_a_resident_or_council_member_when_opening_a_process_then_refused(
    moving_hood: Neighbourhood, role: str
) -> None:
    someone = await add_member(moving_hood, "someone", role)
    with pytest.raises(NotAllowed):
        await moving_hood.processes.open(someone, draft())


async def test_given_a_neighbourhood_node_when_its_contact_opens_a_process_then_refused(
    moving_hood: Neighbourhood,
) -> None:
    contact = await add_member(moving_hood, "yusuf", "contact")
    with pytest.raises(NotAllowed):
        await moving_hood.processes.open(contact, draft())


async def test_given_no_concrete_meaning_of_the_level_when_opening_then_refused(
    moving_hood: Neighbourhood,
) -> None:
    els = await add_member(moving_hood, "els", "buurtverbinder")
    with pytest.raises(Invalid, match="concretely"):
        await moving_hood.processes.open(els, draft(level_meaning=" "))
    with pytest.raises(Invalid, match="order"):
        await moving_hood.processes.open(els, draft(decision_on="2026-03-01"))


async def test_given_a_second_poll_answer_when_sent_then_it_replaces_the_first(
    moving_hood: Neighbourhood,
) -> None:
    process_id = await opened(moving_hood)
    green, parking, _play = await option_ids(moving_hood, process_id)
    anna = await add_member(moving_hood, "anna")
    first = await moving_hood.processes.input.respond(
        anna, process_id, "poll", Answer(choices=[green])
    )
    second = await moving_hood.processes.input.respond(
        anna, process_id, "poll", Answer(choices=[parking])
    )
    assert (first.replaced, second.replaced) == (False, True)
    page = await moving_hood.processes.page(process_id, anna)
    poll = next(r for r in page.results if r.form.kind.value == "poll")
    assert poll.respondents == 1
    assert [(c.option.label, c.count) for c in poll.counts][:2] == [
        ("Meer groen", 0),
        ("Meer parkeerplaatsen", 1),
    ]


async def test_given_rankings_when_counted_then_borda_rewards_broad_support() -> None:
    a, b, c = Option(1, "A"), Option(2, "B"), Option(3, "C")
    # A is loved by two and hated by two; B is everyone's second or first choice.
    counted = borda([a, b, c], [[1, 2, 3], [1, 2, 3], [2, 3, 1], [3, 2, 1], [2, 1, 3]])
    assert [(x.option.label, x.count) for x in counted] == [("B", 7), ("A", 5), ("C", 3)]


async def test_given_arguments_when_supported_then_each_side_is_sorted_and_both_shown(
    moving_hood: Neighbourhood,
) -> None:
    process_id = await opened(moving_hood)
    people = [await add_member(moving_hood, name) for name in ("anna", "bram", "cor", "dirk")]
    respond = moving_hood.processes.input.respond
    weak = await respond(
        people[0], process_id, "arguments", Answer("Meer groen is fijn", side="for")
    )
    strong = await respond(
        people[1], process_id, "arguments", Answer("Kinderen spelen er", side="for")
    )
    con = await respond(
        people[2], process_id, "arguments", Answer("Het kost parkeerplek", side="against")
    )
    for supporter in people[2:]:
        await moving_hood.processes.input.toggle_support(supporter, strong.response_id)
    with pytest.raises(Invalid, match="own argument"):
        await moving_hood.processes.input.toggle_support(people[0], weak.response_id)

    page = await moving_hood.processes.page(process_id, people[3])
    subject = next(r for r in page.results if r.form.kind.value == "arguments").subjects[0]
    assert [(r.body, r.supports) for r in subject.pros] == [
        ("Kinderen spelen er", 2),
        ("Meer groen is fijn", 0),
    ]
    assert [r.id for r in subject.cons] == [con.response_id]
    assert page.supported == [strong.response_id]


async def test_given_paper_responses_when_entered_then_counted_and_marked_without_names(
    moving_hood: Neighbourhood,
) -> None:
    process_id = await opened(moving_hood)
    els = await moving_hood.members.by_username("els")
    assert els is not None
    for text in ("Op papier: meer bankjes graag", "Meer licht in de avond"):
        await moving_hood.processes.input.enter_paper(els, process_id, "open", Answer(text))
    page = await moving_hood.processes.page(process_id, els)
    open_result = next(r for r in page.results if r.form.kind.value == "open")
    assert (open_result.respondents, open_result.on_paper) == (2, 2)
    assert all(r.on_paper and r.name == "" for r in open_result.texts)


async def test_given_an_anonymous_process_when_a_resident_reads_responses_then_no_names(
    moving_hood: Neighbourhood,
) -> None:
    els = await add_member(moving_hood, "els", "buurtverbinder")
    process_id = await moving_hood.processes.open(els, draft(anonymous=True))
    anna = await add_member(moving_hood, "anna", display_name="Anna de Vries")
    await moving_hood.processes.input.respond(anna, process_id, "open", Answer("Meer bomen"))
    page = await moving_hood.processes.page(process_id, els)
    texts = next(r for r in page.results if r.form.kind.value == "open").texts
    assert [(t.body, t.name) for t in texts] == [("Meer bomen", "")]


async def test_given_no_report_back_when_closing_then_refused_and_after_it_closed(
    moving_hood: Neighbourhood, clock: MovableClock
) -> None:
    process_id = await opened(moving_hood)
    els = await moving_hood.members.by_username("els")
    assert els is not None
    with pytest.raises(Invalid, match="without its report-back"):
        await moving_hood.processes.close(els, process_id)
    with pytest.raises(Invalid, match="still respond"):
        await moving_hood.processes.publish_report_back(
            els, process_id, "Het plein krijgt meer groen.", [("Meer groen", "Tien bomen erbij")]
        )
    clock.advance(timedelta(days=30))
    with pytest.raises(Invalid, match="both"):
        await moving_hood.processes.publish_report_back(
            els, process_id, "Het plein krijgt meer groen.", [("Meer groen", "")]
        )
    await moving_hood.processes.publish_report_back(
        els, process_id, "Het plein krijgt meer groen.", [("Meer groen", "Tien bomen erbij")]
    )
    await moving_hood.processes.close(els, process_id)
    page = await moving_hood.processes.page(process_id, None)
    assert page.phase is Phase.CLOSED
    assert page.report is not None and page.report.themes[0].we_did == "Tien bomen erbij"
    changes = [(c.subject_type, c.kind.value) for c in await unpublished(moving_hood.db)]
    assert changes[-2:] == [("process_report_back", "created"), ("process", "updated")]
