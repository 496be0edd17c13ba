"""Questions to the contact person stay between the asker and the contact person."""

import pytest

from node.community.errors import Invalid, NotAllowed, NotFound
from node.community.neighbourhood import Neighbourhood
from tests.conftest import add_member


async def test_a_question_is_seen_by_its_asker_and_the_contact_person_only(
    hood: Neighbourhood,
) -> None:
    anna = await add_member(hood, "anna")
    kees = await add_member(hood, "kees")
    bert = await add_member(hood, "bert", "buurtverbinder")
    gemma = await add_member(hood, "gemma", "contact")
    question = await hood.questions.ask(anna, subject="Lantaarnpaal", body="Hij is kapot.")

    for outsider in (kees, bert, None):
        with pytest.raises(NotFound):
            await hood.questions.get(outsider, question.id)
    assert (await hood.questions.get(gemma, question.id)).subject == "Lantaarnpaal"
    with pytest.raises(NotAllowed):
        await hood.questions.queue(bert)


async def test_the_contact_person_answers_and_open_questions_come_first(
    hood: Neighbourhood,
) -> None:
    anna = await add_member(hood, "anna")
    gemma = await add_member(hood, "gemma", "contact")
    first = await hood.questions.ask(anna, subject="Eerste", body="?")
    second = await hood.questions.ask(anna, subject="Tweede", body="?")
    assert await hood.questions.count_open(gemma) == 2

    await hood.questions.answer(gemma, first.id, "Wordt morgen gemaakt.")

    queue = await hood.questions.queue(gemma)
    assert [q.id for q in queue] == [second.id, first.id]
    mine = {q.id: q for q in await hood.questions.mine(anna)}
    assert mine[first.id].answer == "Wordt morgen gemaakt."
    assert mine[first.id].answered_by_name == "Gemma"
    assert mine[second.id].is_open


async def test_empty_questions_and_answers_are_refused_and_residents_cannot_answer(
    hood: Neighbourhood,
) -> None:
    anna = await add_member(hood, "anna")
    gemma = await add_member(hood, "gemma", "contact")
    with pytest.raises(Invalid):
        await hood.questions.ask(anna, subject=" ", body="x")
    question = await hood.questions.ask(anna, subject="Vraag", body="x")
    with pytest.raises(NotAllowed):
        await hood.questions.answer(anna, question.id, "Zelf gedaan")
    with pytest.raises(Invalid):
        await hood.questions.answer(gemma, question.id, "   ")
