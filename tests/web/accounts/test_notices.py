"""The notification centre (/meldingen): whoever must act, or would want to know, reads it
there, with a count in the header of every page; read one by one or all at once."""

from __future__ import annotations

from datetime import timedelta

import httpx

from node.community.accounts.members import RegistrationMode
from node.community.calendar.draft import EventDraft
from node.community.initiatives.model import InitiativeDraft
from node.community.initiatives.needs import NeedDraft
from node.community.neighbourhood import Neighbourhood
from node.community.participation.input import Answer
from node.community.participation.model import ProcessDraft
from tests.budget_support import open_round
from tests.conftest import PASSWORD, MovableClock, add_member, login, post_form


async def centre(client: httpx.AsyncClient) -> str:
    page = await client.get("/meldingen")
    assert page.status_code == 200
    return page.text


async def start_initiative(hood: Neighbourhood, username: str = "anna") -> int:
    anna = await hood.members.by_username(username) or await add_member(hood, username)
    draft = InitiativeDraft(
        "Moestuin Beekstraat",
        "Samen groente kweken.",
        needs=[NeedDraft("volunteers", "Handen op zaterdag", "4")],
    )
    return await hood.initiatives.start(anna, draft)


async def test_given_a_sign_up_waiting_then_the_buurtverbinder_sees_it_counted_and_opens_it(
    moving_hood: Neighbourhood, moving_client: httpx.AsyncClient
) -> None:
    """Given approval is needed, when someone signs up, then every buurtverbinder and admin
    is notified (the header counts it on every page) and opening it leads to /beheer and
    marks it read; the resident who signed up and other residents hear nothing."""
    await add_member(moving_hood, "els", "buurtverbinder")
    await add_member(moving_hood, "bert")
    await moving_hood.members.register(RegistrationMode.APPROVAL, "carla", "Carla", PASSWORD)

    await login(moving_client, "els")
    home = (await moving_client.get("/")).text
    assert 'href="/meldingen"' in home and '<span class="count">1' in home
    listing = await centre(moving_client)
    assert "Carla heeft zich aangemeld en wacht op uw goedkeuring." in listing
    [notification_id] = [
        n.id
        for n in await moving_hood.notifications.centre(
            await moving_hood.members.by_username("els")  # type: ignore[arg-type]
        )
    ]
    opened = await moving_client.get(f"/meldingen/{notification_id}")
    assert opened.status_code == 303 and opened.headers["location"] == "/beheer"
    assert '<span class="count">' not in (await moving_client.get("/")).text

    bert = await moving_hood.members.by_username("bert")
    assert bert and await moving_hood.notifications.unread_count(bert) == 0


async def test_offers_comments_and_the_official_response_reach_the_initiator(
    moving_hood: Neighbourhood, moving_client: httpx.AsyncClient
) -> None:
    initiative_id = await start_initiative(moving_hood)
    page = await moving_hood.initiatives.page(initiative_id)
    bert = await add_member(moving_hood, "bert")
    yusuf = await add_member(moving_hood, "yusuf", "contact")
    await moving_hood.initiatives.offers.make(bert, page.needs[0].id, "2", "Ik kom helpen")
    await moving_hood.comments.add(bert, "initiative", initiative_id, "Mooi plan!")
    await moving_hood.comments.add(
        yusuf, "initiative", initiative_id, "De gemeente denkt mee.", official=True
    )

    await login(moving_client, "anna")
    listing = await centre(moving_client)
    assert "Bert biedt hulp aan bij uw initiatief “Moestuin Beekstraat”." in listing
    assert "Bert heeft gereageerd op “Moestuin Beekstraat”." in listing
    assert "De gemeente heeft officieel gereageerd op “Moestuin Beekstraat”." in listing
    anna = await moving_hood.members.by_username("anna")
    assert anna is not None
    official = next(n for n in await moving_hood.notifications.centre(anna) if n.kind == "official")
    opened = await moving_client.get(f"/meldingen/{official.id}")
    assert opened.headers["location"] == f"/initiatieven/{initiative_id}#reacties"


async def test_given_questions_proposals_and_urgent_news_then_each_reaches_who_it_concerns(
    moving_hood: Neighbourhood, moving_client: httpx.AsyncClient
) -> None:
    anna = await add_member(moving_hood, "anna")
    bert = await add_member(moving_hood, "bert")
    admin = await add_member(moving_hood, "beheer", "admin")
    contact = await add_member(moving_hood, "yusuf", "contact")
    question = await moving_hood.questions.ask(anna, subject="Lantaarnpaal", body="Hij is stuk.")
    await moving_hood.questions.answer(contact, question.id, "Wordt deze week gemaakt.")
    round_id = await open_round(moving_hood, admin)
    proposal = await moving_hood.budget.propose(
        anna, round_id, "Bankjes", "Drie bankjes in het park.", "400"
    )
    moving_hood.clock.now += timedelta(days=14)  # type: ignore[attr-defined]  # review phase
    await moving_hood.budget.review(contact, proposal, False, "Het park is van de provincie.")
    await moving_hood.announcements.post(
        admin, title="Water afgesloten", body="Vanaf 14.00 uur geen water.", urgent=True
    )

    await login(moving_client, "anna")
    listing = await centre(moving_client)
    assert "Uw vraag “Lantaarnpaal” is beantwoord." in listing
    assert "Uw voorstel “Bankjes” voor het wijkbudget is niet haalbaar bevonden." in listing
    assert "Dringend: Water afgesloten" in listing
    assert await moving_hood.notifications.unread_count(bert) == 1  # the urgent news only
    assert await moving_hood.notifications.unread_count(admin) == 0  # its own news


async def test_given_an_rsvp_when_the_activity_moves_or_is_cancelled_then_the_resident_hears(
    moving_hood: Neighbourhood, moving_client: httpx.AsyncClient
) -> None:
    organiser = await add_member(moving_hood, "els", "buurtverbinder")
    anna, bert = await add_member(moving_hood, "anna"), await add_member(moving_hood, "bert")
    values = {
        "title": "Repair Café",
        "description": "Neem uw spullen mee.",
        "start_date": "2026-03-21",
        "start_time": "14:00",
        "end_time": "16:30",
        "location": "Wilhelminaplein",
    }
    event = await moving_hood.calendar.plan(organiser, EventDraft(**values))
    await moving_hood.calendar.answer(anna, event.id, "going")
    await moving_hood.calendar.answer(bert, event.id, "not_going")
    later = {**values, "start_time": "15:00"}
    renamed = {**later, "title": "Repair Café!"}
    await moving_hood.calendar.update(organiser, event.id, EventDraft(**later))
    await moving_hood.calendar.update(organiser, event.id, EventDraft(**renamed))
    await moving_hood.calendar.cancel(organiser, event.id)

    kinds = [(n.kind, n.outcome) for n in await moving_hood.notifications.centre(anna)]
    assert kinds == [("event_changed", "cancelled"), ("event_changed", "")]  # a title is no news
    assert await moving_hood.notifications.unread_count(bert) == 0
    await login(moving_client, "anna")
    listing = await centre(moving_client)
    assert "De activiteit “Repair Café!” gaat niet door." in listing


async def test_given_a_report_back_then_the_residents_who_answered_hear_of_it(
    moving_hood: Neighbourhood, clock: MovableClock
) -> None:
    els = await add_member(moving_hood, "els", "buurtverbinder")
    anna, bert = await add_member(moving_hood, "anna"), await add_member(moving_hood, "bert")
    draft = ProcessDraft(
        title="Herinrichting Wilhelminaplein",
        question="Hoe wilt u dat het plein eruitziet?",
        background="",
        documents="",
        level="advise",
        level_meaning="De raad besluit op 25 maart.",
        input_from="2026-03-02",
        input_until="2026-03-15",
        decision_on="2026-03-25",
        report_back_by="2026-04-01",
        forms=["open"],
        options="",
    )
    process_id = await moving_hood.processes.open(els, draft)
    await moving_hood.processes.input.respond(anna, process_id, "open", Answer(body="Meer groen"))
    clock.now += timedelta(days=20)
    await moving_hood.processes.publish_report_back(
        els, process_id, "Er komt meer groen.", [("Meer groen", "Tien bomen erbij")]
    )
    [notice] = await moving_hood.notifications.centre(anna)
    assert (notice.kind, notice.title) == ("report_back", "Herinrichting Wilhelminaplein")
    assert await moving_hood.notifications.unread_count(bert) == 0


async def test_read_one_by_one_or_all_at_once_and_only_ones_own(
    moving_hood: Neighbourhood, moving_client: httpx.AsyncClient
) -> None:
    admin = await add_member(moving_hood, "beheer", "admin")
    anna, bert = await add_member(moving_hood, "anna"), await add_member(moving_hood, "bert")
    for title in ("Eerste", "Tweede", "Derde"):
        await moving_hood.announcements.post(admin, title=title, body="Let op.", urgent=True)
    [third, second, first] = await moving_hood.notifications.centre(anna)
    [bert_first, *_] = await moving_hood.notifications.centre(bert)

    await login(moving_client, "anna")
    read = await post_form(moving_client, f"/meldingen/{first.id}/gelezen", {}, "/meldingen")
    assert read.status_code == 303
    assert await moving_hood.notifications.unread_count(anna) == 2
    foreign = await moving_client.get(f"/meldingen/{bert_first.id}")
    assert foreign.headers["location"] == "/meldingen"  # not hers: nothing opens or changes
    await post_form(moving_client, f"/meldingen/{bert_first.id}/gelezen", {}, "/meldingen")
    assert await moving_hood.notifications.unread_count(bert) == 3
    await post_form(moving_client, "/meldingen/gelezen", {}, "/meldingen")
    assert await moving_hood.notifications.unread_count(anna) == 0
    assert "Alles als gelezen markeren" not in await centre(moving_client)


async def test_a_visitor_is_asked_to_log_in(client: httpx.AsyncClient) -> None:
    response = await client.get("/meldingen")
    assert response.status_code in (303, 401)
    assert "/meldingen" not in (await client.get("/")).text
