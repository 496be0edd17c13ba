"""Inspraak, walked in a real browser: the buurtverbinder opens a participation process and
enters an argument given on paper, a resident reads how much say she has, answers in every
way, argues against and supports the paper argument, and takes the A4 summary for the
buurthuis; then the buurtverbinder reports back on an earlier process ("u zei — wij
deden") and closes it, and the resident reads what was done. An overdue report-back shows
its days late. Every page is audited (axe) and photographed; a few on a phone's width.

Phases follow the real calendar and the node runs on the real clock, so the earlier
processes are seeded through the domain with a clock set back to their own dates, as the
demo does, before the browser opens.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pytest
from babel.dates import format_date
from playwright.sync_api import Locator, expect

from node.community.clock import system_clock
from node.community.neighbourhood import Neighbourhood, NodeIdentity
from node.community.participation.model import LOCAL_ZONE, Answer, ProcessDraft, local_today
from node.config import Settings
from node.storage import Database
from tests.browser.conftest import REPO, Visitor, _in_thread
from tests.conftest import PASSWORD, RunningNode

pytestmark = pytest.mark.browser

TITLE = "Groen op het Marktplein"
QUESTION = "Hoe maken we het Marktplein groener?"
OPTIONS = ["Bomen", "Plantenbakken", "Een geveltuinen-actie"]
PAPER_ARGUMENT = "Bomen geven schaduw op warme marktdagen. (ingeleverd in het buurthuis)"
ARGUMENT_AGAINST = "Bomen nemen plaatsen voor de marktkramen in."
PAST_TITLE = "Bankjes in het Lindepark"
OVERDUE_TITLE = "Veilig oversteken bij de Beekschool"
OVERDUE_DAYS = 5
PDF = REPO / "test-output" / "process-summary.pdf"


@dataclass(frozen=True)
class Earlier:
    past: int  # input phase over, report-back not yet due
    overdue: int  # report-back date passed without one


def form_block(visitor: Visitor, title: str) -> Locator:
    """One form of input on the process page, found by its heading."""
    page = visitor.page
    return page.locator("article.process-form").filter(
        has=page.get_by_role("heading", level=3, name=title, exact=True)
    )


def long_date(day: date) -> str:
    return format_date(day, "long", locale="nl")


def _at_noon(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=LOCAL_ZONE)


async def _seed(settings: Settings) -> Earlier:
    """Two processes from weeks ago, opened and answered on their own dates."""
    today = local_today(system_clock())
    moment = [_at_noon(today)]
    db = Database(settings.database_path)
    await db.open()
    try:
        hood = Neighbourhood(
            db, lambda: moment[0], NodeIdentity(settings.name, settings.kind, settings.url)
        )
        fatima = await hood.members.by_username("fatima")
        assert fatima is not None
        kees = await hood.members.add("kees", PASSWORD, "resident", display_name="Kees Visser")
        lotte = await hood.members.add("lotte", PASSWORD, "resident", display_name="Lotte Mol")

        async def open_earlier(title: str, question: str, days: tuple[int, ...]) -> int:
            dates = [today + timedelta(days=d) for d in days]
            moment[0] = _at_noon(dates[0] - timedelta(days=14))
            process_id = await hood.processes.open(
                fatima,
                ProcessDraft(
                    title=title,
                    question=question,
                    level="consult",
                    level_meaning="De gemeente vraagt uw mening en besluit zelf. Wij koppelen "
                    "terug wat we met uw opmerkingen doen.",
                    input_from=dates[0].isoformat(),
                    input_until=dates[1].isoformat(),
                    decision_on=dates[2].isoformat(),
                    report_back_by=dates[3].isoformat(),
                    forms=["open", "poll"],
                    options="Ja\nNee",
                ),
            )
            moment[0] = _at_noon(dates[0] + timedelta(days=1))  # during its input phase
            return process_id

        past = await open_earlier(
            PAST_TITLE, "Waar wilt u nieuwe bankjes in het Lindepark?", (-40, -20, -10, 10)
        )
        ja = (await hood.processes.options(past))[0].id
        await hood.processes.input.respond(kees, past, "open", Answer("Bij de vijver, in de zon."))
        await hood.processes.input.respond(lotte, past, "open", Answer("Bankjes met leuningen."))
        await hood.processes.input.respond(kees, past, "poll", Answer(choices=[ja]))
        await hood.processes.input.enter_paper(
            fatima, past, "open", Answer("Een bankje bij de speeltuin.")
        )
        overdue = await open_earlier(
            OVERDUE_TITLE,
            "Waar steekt uw kind de Beekstraat over?",
            (-50, -35, -21, -OVERDUE_DAYS),
        )
        await hood.processes.input.respond(lotte, overdue, "open", Answer("Bij de bakker."))
        return Earlier(past, overdue)
    finally:
        await db.close()


@pytest.fixture(scope="module")
def earlier(node: RunningNode) -> Earlier:
    # Seeded before the story's browser page opens; off the main thread (see conftest).
    seeded: Earlier = _in_thread(asyncio.run, _seed(node.settings))
    return seeded


def test_a_resident_has_her_say_and_reads_what_was_done_with_it(
    visitor: Visitor, earlier: Earlier
) -> None:
    visitor.story = "inspraak"
    page = visitor.page
    today = local_today(system_clock())
    until, decision, report_by = (today + timedelta(days=d) for d in (7, 21, 35))

    # Given Fatima, the buurtverbinder, looks at the participation processes
    visitor.log_in("fatima")
    visitor.click_link("Inspraak", within="Hoofdmenu")
    expect(visitor.heading("Inspraak")).to_be_visible()
    # And the process whose report-back is late says so, with the days counting
    late = page.locator("li.card").filter(has_text=OVERDUE_TITLE)
    expect(late).to_contain_text(f"Terugkoppeling te laat: {OVERDUE_DAYS} dagen te laat")
    visitor.check("list-with-overdue")

    # When she opens a process with every form of input, for input from today on
    visitor.click_link("Inspraak openen")
    expect(visitor.heading("Inspraak openen")).to_be_visible()
    visitor.check("form")
    with visitor.on_phone():
        visitor.check("form-phone")
    visitor.fill(
        {
            "Titel": TITLE,
            "De vraag aan bewoners": QUESTION,
            "Achtergrond": "Het Marktplein is nu **helemaal verhard**. Er is € 25.000 voor groen.",
            "Wat betekent dit hier, concreet?": (
                f"De gemeenteraad besluit op {long_date(decision)}; uw advies wordt "
                f"meegewogen en wij koppelen uiterlijk {long_date(report_by)} terug."
            ),
            "Inspraak begint op": today.isoformat(),
            "Inspraak eindigt op (deze dag telt mee)": until.isoformat(),
            "Besluit op": decision.isoformat(),
            "Terugkoppeling uiterlijk op": report_by.isoformat(),
            "Keuzes, elk op een eigen regel": "\n".join(OPTIONS),
        }
    )
    page.get_by_label("Adviseren", exact=True).check()
    for kind in ("Uw reactie", "Peiling", "Zet de keuzes op volgorde", "Argumenten voor en tegen"):
        page.get_by_label(kind, exact=True).check()
    visitor.press("Inspraak openen")

    # Then it is open for input now
    expect(visitor.status()).to_contain_text("De inspraak is geopend.")
    expect(visitor.heading(TITLE)).to_be_visible()
    process_path = page.url.removeprefix(visitor.base_url)
    visitor.check("opened")

    # And she types in an argument for that a neighbour handed in at the buurthuis
    paper = page.locator("details").filter(has_text="Argumenten voor en tegen — op papier")
    paper.get_by_text("Argumenten voor en tegen — op papier").click()
    paper.get_by_role("radio", name="Voor", exact=True).check()
    paper.get_by_label("Uw argument", exact=True).fill(PAPER_ARGUMENT)
    paper.get_by_role("button", name="Deze reactie op papier invoeren").click()
    expect(visitor.status()).to_contain_text("De reactie op papier telt mee.")
    visitor.check("paper-argument")
    visitor.log_out()

    # When Eva signs up and finds the question among the processes
    visitor.sign_up("Eva Jansen", "eva")
    visitor.click_link("Inspraak", within="Hoofdmenu")
    card = page.locator("li.card").filter(has_text=TITLE)
    expect(card).to_contain_text("Uw inbreng")
    expect(card).to_contain_text(f"reageren tot en met {long_date(until)}")
    visitor.check("list-as-resident")
    visitor.click_link(TITLE)

    # Then she reads how much say she has, what that means here, and the timeline
    expect(page.get_by_text(QUESTION, exact=True).first).to_be_visible()
    say = page.get_by_role("region", name="Hoeveel inspraak hebben bewoners?")
    expect(say).to_contain_text("Adviseren (trede 3 van 6)")
    expect(say.locator("[aria-current=step]")).to_have_text("Adviseren")
    expect(page.locator(".level-meaning")).to_contain_text(
        f"De gemeenteraad besluit op {long_date(decision)}"
    )
    timeline = page.get_by_role("region", name="Planning")
    expect(timeline.locator("[aria-current=step]")).to_contain_text("Uw inbreng")
    expect(timeline.locator("[aria-current=step]")).to_contain_text("nu")
    expect(timeline).to_contain_text(f"{long_date(today)} tot en met {long_date(until)}")
    expect(timeline).to_contain_text(f"uiterlijk op {long_date(report_by)}")
    expect(timeline).to_contain_text("Nu kunt u reageren.")
    visitor.check("process-as-resident")
    with visitor.on_phone():
        visitor.check("process-phone")

    # When she answers the open question
    block = form_block(visitor, "Uw reactie")
    block.get_by_label(QUESTION, exact=True).fill("Bomen langs de rand, dan blijft er ruimte.")
    block.get_by_role("button", name="Versturen").click()
    expect(visitor.status()).to_contain_text("Dank u wel! Uw reactie telt mee.")
    expect(form_block(visitor, "Uw reactie")).to_contain_text("U heeft dit beantwoord.")
    visitor.check("answered-open")

    # And votes in the poll with the keyboard only
    poll = form_block(visitor, "Peiling")
    poll.get_by_label("Bomen", exact=True).focus()
    page.keyboard.press("Space")
    expect(poll.get_by_label("Bomen", exact=True)).to_be_checked()
    page.keyboard.press("Tab")
    expect(poll.get_by_role("button", name="Versturen")).to_be_focused()
    page.keyboard.press("Enter")
    expect(visitor.status()).to_contain_text("Dank u wel! Uw reactie telt mee.")
    poll = form_block(visitor, "Peiling")
    expect(poll).to_contain_text("U heeft dit beantwoord.")
    expect(poll.get_by_role("row", name="Bomen")).to_contain_text("100%")
    visitor.check("answered-poll")

    # And puts the options in order
    ranking = form_block(visitor, "Zet de keuzes op volgorde")
    for option, place in zip(OPTIONS, ("1", "3", "2"), strict=True):
        ranking.get_by_label(option, exact=True).select_option(place)
    ranking.get_by_role("button", name="Versturen").click()
    expect(visitor.status()).to_contain_text("Dank u wel!")
    ranking = form_block(visitor, "Zet de keuzes op volgorde")
    expect(ranking.locator("ol.results-ranking li").first).to_contain_text("Bomen — 2 punten")
    visitor.check("answered-ranking")

    # And gives an argument against, then supports the neighbour's argument for
    arguments = form_block(visitor, "Argumenten voor en tegen")
    arguments.get_by_role("radio", name="Tegen", exact=True).check()
    arguments.get_by_label("Over", exact=True).select_option(label="Bomen")
    arguments.get_by_label("Uw argument", exact=True).fill(ARGUMENT_AGAINST)
    arguments.get_by_role("button", name="Versturen").click()
    expect(visitor.status()).to_contain_text("Dank u wel!")
    against = page.get_by_role("region", name="Tegen").filter(has_text=ARGUMENT_AGAINST)
    expect(against).to_contain_text("0 steunen dit")
    expect(against.get_by_role("button", name="Ik steun dit argument")).to_have_count(0)
    neighbour = page.locator("li.argument").filter(has_text=PAPER_ARGUMENT)
    expect(neighbour).to_contain_text("op papier")
    neighbour.get_by_role("button", name="Ik steun dit argument").click()
    expect(visitor.status()).to_contain_text("U steunt dit argument.")
    neighbour = page.locator("li.argument").filter(has_text=PAPER_ARGUMENT)
    expect(neighbour).to_contain_text("1 steunt dit")
    expect(neighbour.get_by_role("button", name="Mijn steun intrekken")).to_be_visible()
    visitor.check("answered-arguments")

    # Then every form says she answered, and the results count her in
    for title in ("Uw reactie", "Peiling", "Zet de keuzes op volgorde"):
        expect(form_block(visitor, title)).to_contain_text("U heeft dit beantwoord.")
        expect(form_block(visitor, title)).to_contain_text("1 reactie")
    expect(form_block(visitor, "Argumenten voor en tegen")).to_contain_text("2 reacties")
    with visitor.on_phone():
        visitor.check("answered-phone")

    # When she takes the A4 summary for the buurthuis
    visitor.click_link("Samenvatting om af te drukken (A4) met QR-code")
    expect(visitor.heading(TITLE)).to_be_visible()
    visitor.check("summary")
    page.emulate_media(media="print")
    summary = page.locator("article.print-summary")
    expect(summary.get_by_text(QUESTION, exact=True)).to_be_visible()
    expect(summary).to_contain_text("Adviseren (trede 3 van 6)")
    expect(summary).to_contain_text(f"Reageren: {long_date(today)} tot en met {long_date(until)}")
    expect(summary).to_contain_text(f"Besluit: {long_date(decision)}")
    expect(summary).to_contain_text(f"Terugkoppeling, uiterlijk: {long_date(report_by)}")
    expect(summary.locator(".print-url")).to_have_text(visitor.base_url + process_path)
    expect(summary).to_contain_text("Fatima Bakker")  # who takes answers on paper
    qr = summary.get_by_role("img", name="QR-code naar de pagina van deze inspraak")
    expect(qr).to_be_visible()
    expect(page.get_by_role("link", name="Terug naar de inspraak")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_hidden()
    visitor.check("summary-print")

    # Then it prints on one or two A4 pages
    PDF.parent.mkdir(parents=True, exist_ok=True)
    pdf = page.pdf(path=str(PDF), format="A4")
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 1 <= pages <= 2, f"the A4 summary takes {pages} pages"
    # Its text is glyph codes, but the document title (UTF-16, hex) names the process
    title = re.search(rb"/Title\s*<FEFF([0-9A-Fa-f]+)>", pdf)
    assert title and TITLE in bytes.fromhex(title.group(1).decode()).decode("utf-16-be")
    page.emulate_media(media="screen")
    visitor.log_out()

    # When Fatima reports back on the earlier process, whose input phase is over
    visitor.log_in("fatima")
    visitor.open(f"/inspraak/{earlier.past}")
    expect(visitor.heading(PAST_TITLE)).to_be_visible()
    expect(page.get_by_text("Besluit", exact=True).first).to_be_visible()
    visitor.check("past-process")
    visitor.click_link("Terugkoppeling schrijven")
    expect(visitor.heading("Terugkoppeling: u zei — wij deden")).to_be_visible()
    visitor.check("report-form")
    with visitor.on_phone():
        visitor.check("report-form-phone")
    visitor.fill({"Wat is er besloten?": "Er komen **vier bankjes** met leuningen."})
    themes = [
        ("Bankjes bij de vijver, in de zon", "Twee bankjes komen aan de zonkant van de vijver."),
        ("Een bankje bij de speeltuin (op papier)", "Niet gedaan: daar staat er al een."),
    ]
    for number, (said, did) in enumerate(themes, start=1):
        row = page.get_by_role("group", name=f"Onderwerp {number}")
        row.get_by_label("U zei", exact=True).fill(said)
        row.get_by_label("Wij deden", exact=True).fill(did)
    visitor.press("Terugkoppeling plaatsen")
    expect(visitor.status()).to_contain_text("De terugkoppeling staat online")
    visitor.check("reported")

    # And closes it
    visitor.press("Inspraak afsluiten")
    expect(visitor.status()).to_contain_text("De inspraak is afgesloten.")
    visitor.check("closed")

    # But the overdue process cannot be closed without its report-back
    visitor.open(f"/inspraak/{earlier.overdue}")
    expect(page.locator(".process-overdue-notice")).to_contain_text(
        f"Terugkoppeling te laat: {OVERDUE_DAYS} dagen te laat."
    )
    visitor.check("overdue")
    visitor.press("Inspraak afsluiten")
    expect(page.get_by_text("kan niet worden afgesloten zonder terugkoppeling")).to_be_visible()
    visitor.check("overdue-refused")
    visitor.log_out()

    # When Eva comes back, the earlier process shows what was done with the input
    visitor.log_in("eva")
    visitor.click_link("Inspraak", within="Hoofdmenu")
    expect(page.locator("li.card").filter(has_text=PAST_TITLE)).to_contain_text("Afgesloten")
    visitor.click_link(PAST_TITLE)
    report = page.get_by_role("region", name="Terugkoppeling: u zei — wij deden")
    expect(report).to_contain_text("Er komen vier bankjes met leuningen.")
    table = report.get_by_role("table", name="Wat er met uw inbreng is gedaan")
    for said, did in themes:
        expect(table.get_by_role("row").filter(has_text=said)).to_contain_text(did)
    expect(page.get_by_text("Deze inspraak is afgerond.")).to_be_visible()
    expect(form_block(visitor, "Uw reactie")).to_contain_text("3 reacties, waarvan 1 op papier")
    expect(page.get_by_role("button", name="Versturen")).to_have_count(0)
    visitor.check("report-back")
    with visitor.on_phone():
        visitor.check("report-back-phone")
