# ruff: noqa: F811  (pytest fixtures imported from tests/budget_support.py)
"""The wijkbudget through HTTP: open a round, propose, review, vote in secret, see the result."""

from __future__ import annotations

import httpx

from node.community.neighbourhood import Neighbourhood
from tests.budget_support import (  # noqa: F401  (fixtures)
    DATES,
    IN_RESULTS,
    IN_REVIEW,
    IN_VOTING,
    clock,
    open_round,
)
from tests.conftest import MovableClock, add_member, csrf_from, login, post_form


async def round_with_plans(hood: Neighbourhood, clock: MovableClock) -> tuple[int, list[int]]:
    admin = await add_member(hood, "beheer", "admin")
    anna = await add_member(hood, "anna")
    round_id = await open_round(hood, admin)
    plans = [
        await hood.budget.propose(anna, round_id, title, "Een plan voor de hele buurt.", euros)
        for title, euros in (("Bankjes", "400"), ("Moestuin", "300"))
    ]
    return round_id, plans


async def test_given_an_admin_when_they_open_a_round_then_its_page_shows_timeline_and_ladder(
    moving_client: httpx.AsyncClient, moving_hood: Neighbourhood
) -> None:
    await add_member(moving_hood, "beheer", "admin")
    await login(moving_client, "beheer")
    form = {
        "name": "Wijkbudget 2026",
        "total": "5.000",
        "method": "knapsack",
        "participation_level": "codecide",
        "description": "",
        **DATES,
    }

    response = await post_form(moving_client, "/wijkbudget/nieuw", form, "/wijkbudget/nieuw")

    assert response.status_code == 303
    page = await moving_client.get(response.headers["location"])
    assert "<h1>Wijkbudget 2026</h1>" in page.text
    assert "€\xa05.000,00" in page.text
    assert 'aria-current="step"' in page.text and "Voorstellen" in page.text
    assert "Samen beslissen" in page.text  # the participation ladder, in Dutch


async def test_given_a_round_form_without_dates_when_sent_then_it_is_shown_again_with_input(
    moving_client: httpx.AsyncClient, moving_hood: Neighbourhood
) -> None:
    await add_member(moving_hood, "beheer", "admin")
    await login(moving_client, "beheer")
    form = {
        "name": "Wijkbudget 2026",
        "total": "5000",
        "method": "approval",
        "participation_level": "codecide",
        **{k: "" for k in DATES},
    }

    response = await post_form(moving_client, "/wijkbudget/nieuw", form, "/wijkbudget/nieuw")

    assert response.status_code == 400
    assert 'value="Wijkbudget 2026"' in response.text
    assert 'role="alert"' in response.text


async def test_given_a_resident_when_they_try_to_open_a_round_then_it_is_refused(
    moving_client: httpx.AsyncClient, moving_hood: Neighbourhood
) -> None:
    await add_member(moving_hood, "anna")
    await login(moving_client, "anna")
    assert (await moving_client.get("/wijkbudget/nieuw")).status_code == 403


async def test_given_a_proposal_when_refused_without_reason_then_the_reviewer_sees_why(
    moving_client: httpx.AsyncClient, moving_hood: Neighbourhood, clock: MovableClock
) -> None:
    round_id, (plan, _) = await round_with_plans(moving_hood, clock)
    await add_member(moving_hood, "els", "buurtverbinder")
    await login(moving_client, "els")
    path = f"/wijkbudget/voorstellen/{plan}/beoordeling"
    page = f"/wijkbudget/{round_id}"

    refused = await post_form(moving_client, path, {"verdict": "not_feasible", "reason": ""}, page)
    accepted = await post_form(
        moving_client,
        path,
        {"verdict": "not_feasible", "reason": "Dit kan niet op openbare grond."},
        page,
    )

    assert refused.status_code == 400 and "waarom" in refused.text
    assert accepted.status_code == 303
    assert "Dit kan niet op openbare grond." in (await moving_client.get(page)).text


async def test_given_voting_when_residents_vote_then_only_their_last_ballot_counts_in_secret(
    moving_client: httpx.AsyncClient, moving_hood: Neighbourhood, clock: MovableClock
) -> None:
    round_id, (bank, garden) = await round_with_plans(moving_hood, clock)
    els = await add_member(moving_hood, "els", "buurtverbinder")
    clock.now = IN_REVIEW
    for plan in (bank, garden):
        await moving_hood.budget.review(els, plan, True, "")
    clock.now = IN_VOTING
    await login(moving_client, "anna")
    ballot = f"/wijkbudget/{round_id}/stemmen"

    first = await post_form(moving_client, ballot, {"proposal": str(bank)}, ballot)
    second = await post_form(moving_client, ballot, {"proposal": str(garden)}, ballot)
    page = await moving_client.get(ballot)

    assert first.status_code == second.status_code == 303
    assert f'value="{garden}" aria-describedby="proposal-{garden}-hint" checked' in page.text
    assert (await moving_client.get("/wijkbudget/1.json")).status_code == 404
    assert (
        await moving_client.get(f"/wijkbudget/{round_id}/stembiljetten.json")
    ).status_code == 404
    clock.now = IN_RESULTS
    late = await post_form(
        moving_client, ballot, {"proposal": str(bank)}, f"/wijkbudget/{round_id}"
    )
    assert late.status_code == 400
    result = await moving_client.get(f"/wijkbudget/{round_id}")
    assert "1 bewoner stemde" in result.text and "van de 2 die mogen stemmen (50%)" in result.text
    ballots = (await moving_client.get(f"/wijkbudget/{round_id}/stembiljetten.json")).json()
    assert [b["choices"] for b in ballots["ballots"]] == [[garden]]
    assert set(ballots["ballots"][0]) == {"id", "choices"}
    assert "anna" not in str(ballots).lower()


async def test_given_people_who_may_not_vote_when_they_vote_then_they_are_refused(
    moving_client: httpx.AsyncClient, moving_hood: Neighbourhood, clock: MovableClock
) -> None:
    round_id, (bank, _) = await round_with_plans(moving_hood, clock)
    contact = await add_member(moving_hood, "contact", "contact")
    clock.now = IN_REVIEW
    await moving_hood.budget.review(contact, bank, True, "")
    clock.now = IN_VOTING
    ballot = f"/wijkbudget/{round_id}/stemmen"
    token = await csrf_from(moving_client, "/inloggen")

    anonymous = await moving_client.post(ballot, data={"proposal": str(bank), "csrf_token": token})
    await login(moving_client, "contact")
    official = await post_form(moving_client, ballot, {"proposal": str(bank)}, "/")

    assert anonymous.status_code in (401, 303)  # the login page, never a counted vote
    assert official.status_code == 403
    assert "Alleen bewoners" in official.text
    clock.now = IN_RESULTS
    assert (await moving_hood.budget.results(round_id)).tally.ballots == 0
