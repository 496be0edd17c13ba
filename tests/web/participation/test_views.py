"""Participation processes through HTTP: open, respond, results, report-back, close, print."""

import re
from datetime import timedelta

import httpx

from node.community.neighbourhood import Neighbourhood
from tests.conftest import MovableClock, add_member, csrf_from, login, post_form
from tests.participation_support import FIELDS, draft


async def open_process(client: httpx.AsyncClient, hood: Neighbourhood) -> int:
    await add_member(hood, "els", "buurtverbinder")
    await login(client, "els")
    token = await csrf_from(client, "/inspraak/nieuw")
    response = await client.post(
        "/inspraak/nieuw",
        data={**FIELDS, "forms": ["open", "poll", "ranking", "arguments"], "csrf_token": token},
    )
    assert response.status_code == 303, response.text
    return int(response.headers["location"].rsplit("/", 1)[1])


async def options(hood: Neighbourhood, process_id: int) -> dict[str, str]:
    return {o.label: str(o.id) for o in await hood.processes.options(process_id)}


async def send(
    client: httpx.AsyncClient, process_id: int, kind: str, data: dict[str, str], paper: bool = False
) -> httpx.Response:
    where = "papier" if paper else "inbreng"
    return await post_form(client, f"/inspraak/{process_id}/{where}/{kind}", data)


async def test_given_a_process_when_residents_respond_in_every_way_then_results_and_report_back(
    moving_client: httpx.AsyncClient, moving_hood: Neighbourhood, clock: MovableClock
) -> None:
    # Given a process opened by the buurtverbinder
    process_id = await open_process(moving_client, moving_hood)
    ids = await options(moving_hood, process_id)
    page = await moving_client.get(f"/inspraak/{process_id}")
    assert "uw advies wordt meegewogen" in page.text
    assert 'aria-current="step"' in page.text and "Uw inbreng" in page.text
    # When residents respond online and one resident's answer is entered from paper
    for name, choice, ranks, side in [
        ("anna", "Meer groen", ("1", "3", "2"), "for"),
        ("bram", "Meer groen", ("2", "3", "1"), "for"),
        ("cor", "Meer parkeerplaatsen", ("3", "1", "2"), "against"),
    ]:
        await add_member(moving_hood, name)
        await login(moving_client, name)
        assert (
            await send(moving_client, process_id, "open", {"body": f"Idee van {name}"})
        ).status_code == 303
        assert (
            await send(moving_client, process_id, "poll", {"choice": ids[choice]})
        ).status_code == 303
        ranking = dict(zip([f"rank_{i}" for i in ids.values()], ranks, strict=True))
        assert (await send(moving_client, process_id, "ranking", ranking)).status_code == 303
        argument = {"side": side, "about": "", "body": f"Argument van {name}"}
        assert (await send(moving_client, process_id, "arguments", argument)).status_code == 303
    argument_id = re.search(
        r'id="argument-(\d+)"', (await moving_client.get(f"/inspraak/{process_id}")).text
    )
    assert argument_id
    supported = await post_form(
        moving_client, f"/inspraak/{process_id}/argumenten/{argument_id.group(1)}/steun", {}
    )
    assert supported.status_code == 303
    await login(moving_client, "els")
    paper = await send(
        moving_client, process_id, "open", {"body": "Meer bankjes, van mevrouw Jansen"}, paper=True
    )
    assert paper.status_code == 303

    # Then the results show counts, the Borda ranking and both sides of the arguments
    page = (await moving_client.get(f"/inspraak/{process_id}")).text
    assert "4 reacties, waarvan 1 op papier" in page
    assert "Meer bankjes, van mevrouw Jansen" in page and "op papier" in page
    assert re.search(r"Meer groen</th><td>2</td>", page)
    ranking = re.findall(r"<li><strong>([^<]+)</strong> — (\d+) punten?", page)
    assert ranking == [("Een speelplek", "4"), ("Meer groen", "3"), ("Meer parkeerplaatsen", "2")]
    assert "Borda" in page
    assert "Argument van cor" in page and "1 steunt dit" in page

    # When the input is over, the report-back is published, and the process is closed
    clock.advance(timedelta(days=20))
    refused = await post_form(moving_client, f"/inspraak/{process_id}/afsluiten", {})
    assert refused.status_code == 400
    assert "kan niet worden afgesloten zonder terugkoppeling" in refused.text
    report = await post_form(
        moving_client,
        f"/inspraak/{process_id}/terugkoppeling",
        {
            "decision": "Het plein krijgt **meer groen** en een speelplek.",
            "said_0": "Meer groen",
            "did_0": "Er komen twaalf bomen bij.",
            "said_1": "Meer parkeerplaatsen",
            "did_1": "Niet gedaan: er is geen ruimte. Wel een parkeervergunning.",
        },
        form_page=f"/inspraak/{process_id}/terugkoppeling",
    )
    assert report.status_code == 303
    closed = await post_form(moving_client, f"/inspraak/{process_id}/afsluiten", {})
    assert closed.status_code == 303
    page = (await moving_client.get(f"/inspraak/{process_id}")).text
    assert "Afgesloten" in page and "Er komen twaalf bomen bij." in page
    assert "<strong>meer groen</strong>" in page


async def test_given_the_input_phase_is_over_when_a_resident_responds_then_refused_with_input_kept(
    moving_client: httpx.AsyncClient, moving_hood: Neighbourhood, clock: MovableClock
) -> None:
    process_id = await open_process(moving_client, moving_hood)
    await add_member(moving_hood, "anna")
    await login(moving_client, "anna")
    clock.advance(timedelta(days=14))  # 16 March: the day after the input ended
    response = await send(moving_client, process_id, "open", {"body": "Te laat maar toch"})
    assert response.status_code == 400
    assert "alleen reageren zolang de inspraak loopt" in response.text


async def test_given_a_resident_answered_when_they_answer_again_then_the_new_answer_replaces_it(
    moving_client: httpx.AsyncClient, moving_hood: Neighbourhood
) -> None:
    process_id = await open_process(moving_client, moving_hood)
    ids = await options(moving_hood, process_id)
    await add_member(moving_hood, "anna")
    await login(moving_client, "anna")
    await send(moving_client, process_id, "poll", {"choice": ids["Meer groen"]})
    again = await send(moving_client, process_id, "poll", {"choice": ids["Een speelplek"]})
    assert again.status_code == 303
    page = (await moving_client.get(f"/inspraak/{process_id}")).text
    assert "Uw nieuwe antwoord vervangt uw eerdere." in page
    assert re.search(r"Meer groen</th><td>0</td>", page)
    assert re.search(r"Een speelplek</th><td>1</td>", page)


async def test_given_a_visitor_or_council_member_when_responding_then_refused_but_council_reads(
    moving_client: httpx.AsyncClient, moving_hood: Neighbourhood
) -> None:
    process_id = await open_process(moving_client, moving_hood)
    await add_member(moving_hood, "anna")
    await login(moving_client, "anna")
    await send(moving_client, process_id, "open", {"body": "Meer schaduw op het plein"})
    await post_form(moving_client, "/uitloggen", {})

    visitor = await post_form(
        moving_client,
        f"/inspraak/{process_id}/inbreng/open",
        {"body": "Ik woon hier niet"},
        form_page="/inloggen",  # the process page has no form for visitors
    )
    assert visitor.status_code == 403 and "Log in als bewoner" in visitor.text
    assert "Log in om te reageren" in visitor.text

    await add_member(moving_hood, "raad", "council")
    await login(moving_client, "raad")
    council = await send(moving_client, process_id, "open", {"body": "Namens de raad"})
    assert council.status_code == 403 and "Raadsleden kunnen meelezen" in council.text
    page = await moving_client.get(f"/inspraak/{process_id}")
    assert page.status_code == 200
    assert "Meer schaduw op het plein" in page.text and "U leest mee" in page.text
    assert "/inspraak/nieuw" not in page.text


async def test_given_a_resident_when_opening_a_process_then_403(
    moving_client: httpx.AsyncClient, moving_hood: Neighbourhood
) -> None:
    await add_member(moving_hood, "anna")
    await login(moving_client, "anna")
    assert (await moving_client.get("/inspraak/nieuw")).status_code == 403
    response = await post_form(moving_client, "/inspraak/nieuw", {**FIELDS, "forms": "open"})
    assert response.status_code == 403
    assert await moving_hood.processes.all() == []


async def test_given_a_missing_meaning_when_opening_then_the_form_returns_with_input_kept(
    moving_client: httpx.AsyncClient, moving_hood: Neighbourhood
) -> None:
    await add_member(moving_hood, "els", "buurtverbinder")
    await login(moving_client, "els")
    response = await post_form(
        moving_client, "/inspraak/nieuw", {**FIELDS, "level_meaning": "", "forms": "poll"}
    )
    assert response.status_code == 400
    assert "Herinrichting Wilhelminaplein" in response.text
    assert 'role="alert"' in response.text


async def test_given_no_report_back_when_the_date_has_passed_then_shown_overdue_with_days(
    moving_client: httpx.AsyncClient, moving_hood: Neighbourhood, clock: MovableClock
) -> None:
    els = await add_member(moving_hood, "els", "buurtverbinder")
    process_id = await moving_hood.processes.open(els, draft())
    clock.advance(timedelta(days=30))  # 1 April: the report-back date itself is not late yet
    assert "te laat" not in (await moving_client.get("/inspraak")).text
    clock.advance(timedelta(days=12))
    listing = (await moving_client.get("/inspraak")).text
    assert "Terugkoppeling te laat: 12 dagen te laat" in listing
    detail = (await moving_client.get(f"/inspraak/{process_id}")).text
    assert "12 dagen te laat" in detail


async def test_given_a_process_when_printing_then_a4_summary_with_qr_code(
    moving_client: httpx.AsyncClient, moving_hood: Neighbourhood
) -> None:
    els = await add_member(moving_hood, "els", "buurtverbinder")
    process_id = await moving_hood.processes.open(els, draft())
    page = await moving_client.get(f"/inspraak/{process_id}/afdrukken")
    assert page.status_code == 200
    assert '<svg role="img"' in page.text and "QR-code" in page.text
    assert "Hoe wilt u dat het Wilhelminaplein eruitziet?" in page.text
    assert "uw advies wordt meegewogen" in page.text
    assert f"http://127.0.0.1:8000/inspraak/{process_id}" in page.text


async def test_given_no_csrf_token_when_responding_then_403(
    moving_client: httpx.AsyncClient, moving_hood: Neighbourhood
) -> None:
    process_id = await open_process(moving_client, moving_hood)
    response = await moving_client.post(f"/inspraak/{process_id}/inbreng/open", data={"body": "x"})
    assert response.status_code == 403
