"""Sample participation processes: one open on the municipality's node, a closed one with
its report-back in Beekveld-Noord, and an overdue one in Oosterbroek.

Dates are relative to today. Processes in the past are seeded with a clock set back in
time, so their responses arrive during their own input phase, as the rules demand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from node.community.clock import system_clock
from node.community.members import Member
from node.community.process_model import LOCAL_ZONE, Answer, ProcessDraft, local_today
from node.community.processes import Processes


@dataclass(frozen=True)
class Sample:
    title: str
    question: str
    background: str
    level: str
    meaning: str
    days: tuple[int, int, int, int]  # input from, input until, decision, report-back (vs today)
    options: list[str]
    forms: list[str]
    # (username or "" for paper, form kind, answer: text | option index | ranking | argument)
    responses: list[tuple[str, str, Any]] = field(default_factory=list)
    report: tuple[str, list[tuple[str, str]]] | None = None
    closed: bool = False


SAMPLES: dict[str, Sample] = {
    "gemeente": Sample(
        "Herinrichting Wilhelminaplein",
        "Hoe wilt u dat het Wilhelminaplein er straks uitziet?",
        "Het riool onder het Wilhelminaplein wordt in 2027 vervangen. Daarna richten we het "
        "plein opnieuw in. Vast staat: de markt blijft op zaterdag.\n\n"
        "- [Schetsontwerp (pdf)](https://example.org/wilhelminaplein-schets.pdf)\n"
        "- [Verkeerstellingen 2025](https://example.org/tellingen-2025)",
        "advise",
        "De gemeenteraad besluit over het ontwerp; uw advies wordt meegewogen. Volgen we "
        "het niet, dan leggen we uit waarom. Wij koppelen uiterlijk op de laatste datum terug.",
        (-7, 14, 35, 49),
        ["Meer groen en bomen", "Meer parkeerplaatsen", "Een speelplek voor kinderen"],
        ["open", "poll", "ranking", "arguments"],
        [
            ("bewoner", "poll", 0),
            ("bewoner", "ranking", [0, 2, 1]),
            ("bewoner", "arguments", ("for", None, "Bomen geven schaduw op warme marktdagen.")),
            ("verbinder", "poll", 2),
            ("verbinder", "ranking", [2, 0, 1]),
            ("verbinder", "open", "Zorg voor bankjes met leuningen, voor ouderen."),
            ("beheer", "arguments", ("against", 0, "Minder parkeerplek is lastig voor de markt.")),
            ("", "poll", 1),
            ("", "poll", 0),
            ("", "open", "Graag een bankje bij de bushalte. (ingeleverd in het gemeentehuis)"),
        ],
    ),
    "noord": Sample(
        "Speeltuin De Horst: wat komt erin?",
        "Welke speeltoestellen wilt u in de vernieuwde speeltuin in park De Horst?",
        "De oude toestellen zijn afgekeurd. Er is € 40.000 voor nieuwe.",
        "codecide",
        "Bewoners kiezen samen met de gemeente; de uitkomst van de volgorde is bindend "
        "binnen het budget van € 40.000.",
        (-70, -50, -40, -30),
        ["Klimrek", "Schommels", "Waterpomp met zandbak", "Kabelbaan"],
        ["ranking", "arguments", "open"],
        [
            ("bewoner", "ranking", [2, 1, 0, 3]),
            ("kees", "ranking", [2, 3, 0, 1]),
            ("lotte", "ranking", [2, 1, 3, 0]),
            ("verbinder", "ranking", [1, 2, 0, 3]),
            ("kees", "arguments", ("for", 3, "Een kabelbaan trekt ook oudere kinderen.")),
            ("lotte", "arguments", ("against", 3, "Een kabelbaan neemt veel ruimte in.")),
            ("bewoner", "open", "Graag schaduw bij de zandbak."),
            ("", "open", "Een hek rond de speeltuin, vanwege de honden."),
        ],
        (
            "De speeltuin krijgt een **waterpomp met zandbak**, **schommels** en een "
            "**klimrek**. De kabelbaan paste niet in het budget.",
            [
                (
                    "Waterpomp met zandbak het liefst (hoogste punten)",
                    "Komt er, met een zonnedoek.",
                ),
                (
                    "Kabelbaan: leuk voor oudere kinderen, maar neemt ruimte in",
                    "Niet gedaan: te "
                    "duur en te groot. We vragen de jongerenwerker naar een plek in het park.",
                ),
                ("Een hek vanwege de honden (op papier)", "Er komt een laag hek met klaphekjes."),
            ],
        ),
        closed=True,
    ),
    "oosterbroek": Sample(
        "Veilig over de Dorpsstraat",
        "Waar voelt u zich onveilig op de Dorpsstraat, en wat zou helpen?",
        "Na klachten over te hard rijden kijkt de gemeente naar de Dorpsstraat.",
        "consult",
        "De gemeente vraagt uw mening en besluit zelf. Wij koppelen terug wat we met uw "
        "opmerkingen doen.",
        (-60, -40, -26, -12),
        ["Drempels", "Een zebrapad bij De Kruisweg", "30 km-borden"],
        ["poll", "open"],
        [
            ("bewoner", "poll", 1),
            ("henk", "poll", 0),
            ("henk", "open", "Bij de bakker wordt veel te hard gereden."),
        ],
    ),
}


async def seed(hood: Any, spec: Any, people: dict[str, Member]) -> None:
    sample = SAMPLES.get(spec.slug)
    if sample is not None:
        await _seed_one(hood, sample, people)


def _when(today: date, offset: int) -> datetime:
    """Noon, Dutch time, `offset` days from today."""
    return datetime.combine(today + timedelta(days=offset), time(12), tzinfo=LOCAL_ZONE)


async def _seed_one(hood: Any, sample: Sample, people: dict[str, Member]) -> None:
    today = local_today(system_clock())
    moment = [_when(today, sample.days[0] - 14)]  # opened two weeks before input starts
    processes = Processes(hood.db, lambda: moment[0], hood.identity)
    opener = people["contact"] if processes.on_municipal_node else people["verbinder"]
    dates = [(today + timedelta(days=d)).isoformat() for d in sample.days]
    process_id = await processes.open(
        opener,
        ProcessDraft(
            title=sample.title,
            question=sample.question,
            background=sample.background,
            level=sample.level,
            level_meaning=sample.meaning,
            input_from=dates[0],
            input_until=dates[1],
            decision_on=dates[2],
            report_back_by=dates[3],
            forms=sample.forms,
            options="\n".join(sample.options),
        ),
    )
    options = [o.id for o in await processes.options(process_id)]
    moment[0] = _when(today, max(sample.days[0], min(0, sample.days[1])))
    for username, kind, value in sample.responses:
        answer = _answer(kind, value, options)
        if username:
            await processes.input.respond(people[username], process_id, kind, answer)
        else:
            await processes.input.enter_paper(people["verbinder"], process_id, kind, answer)
    if sample.report:
        moment[0] = _when(today, sample.days[2] + 2)
        decision, themes = sample.report
        await processes.publish_report_back(people["verbinder"], process_id, decision, themes)
    if sample.closed:
        await processes.close(people["verbinder"], process_id)


def _answer(kind: str, value: Any, options: list[int]) -> Answer:
    if kind == "poll":
        return Answer(choices=[options[value]])
    if kind == "ranking":
        return Answer(choices=[options[i] for i in value])
    if kind == "arguments":
        side, option, text = value
        return Answer(text, side=side, option_id=None if option is None else options[option])
    return Answer(str(value))
