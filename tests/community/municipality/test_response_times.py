"""Response times on a wijk: the median days from a resident's question to its answer, per
month by the month of the answer; a withdrawn question counts nowhere, a waiting one is
counted beside the median; and the work queue's filters ignore what they do not know."""

from datetime import timedelta

from node.community.municipality.queue import WorkQueue
from node.community.neighbourhood import Neighbourhood
from tests.conftest import MovableClock, add_member


async def test_the_median_follows_the_answers_and_ignores_withdrawn_questions(
    moving_hood: Neighbourhood, clock: MovableClock
) -> None:
    hood = moving_hood
    anna = await add_member(hood, "anna")
    gemma = await add_member(hood, "gemma", "contact")
    for days in (1, 2, 6):
        question = await hood.questions.ask(anna, subject=f"Vraag {days}", body="Tekst.")
        clock.advance(timedelta(days=days))
        await hood.questions.answer(gemma, question.id, "Antwoord.")
    waiting = await hood.questions.ask(anna, subject="Wacht", body="Nog geen antwoord.")
    gone = await hood.questions.ask(anna, subject="Weg", body="Ingetrokken.")
    await hood.questions.withdraw(anna, gone.id)

    report = await hood.response_times.report()
    assert report.overall.questions.median_days == 2.0
    assert (report.overall.questions.answered, report.overall.questions.waiting) == (3, 1)
    assert sum(m.questions.answered for m in report.months) == 3
    assert report.nodes == {}  # per node only on a gemeente

    clock.advance(timedelta(days=4))
    await hood.questions.answer(gemma, waiting.id, "Eindelijk.")
    assert (await hood.response_times.report()).overall.questions.median_days == 3.0


def test_the_queue_ignores_filters_it_does_not_know_and_says_so() -> None:
    filters = WorkQueue.filters(
        kind="kat", state="answered", node="http://elders/ap/actor", mine="1", nodes=[]
    )
    assert (filters.kind, filters.state, filters.node, filters.mine) == ("", "answered", "", True)
    assert len(filters.ignored) == 2
