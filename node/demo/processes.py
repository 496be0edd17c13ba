"""Sample participation processes. The municipality runs two for other nodes: an open one
for all three wijken and kernen, and a closed one with its report-back for the two kernen;
those nodes get their copies over federation once they follow it (the demo waits for that).
Beekveld-Noord has a closed process of its own with its report-back, Oosterbroek an
overdue one.

Dates are relative to today. Processes in the past are seeded with a clock set back in
time, so their responses arrive during their own input phase, as the rules demand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from urllib.parse import urlsplit

from node.community.accounts.members import Member
from node.community.clock import Clock, system_clock
from node.community.participation.exchange import RemoteAnswer
from node.community.participation.model import (
    LOCAL_ZONE,
    Answer,
    ProcessDraft,
    ProcessNode,
    local_today,
)
from node.community.participation.service import Processes
from node.demo.people import NODES, PEOPLE, node_url


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
    # On the municipality's node: the wijken and kernen it asks (NodeSpec slugs), and the
    # responses their residents sent back: (slug, username or "" for paper, kind, answer).
    nodes: tuple[str, ...] = ()
    remote: list[tuple[str, str, str, Any]] = field(default_factory=list)


SAMPLES: dict[str, list[Sample]] = {
    "gemeente": [
        Sample(
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
            # On the gemeente's own node only what was handed in at the gemeentehuis: the
            # wijken's residents answer on their own node, so their answers arrive from it
            # and count for that wijk (`remote`).
            [
                ("", "poll", 1),
                ("", "open", "Graag een bankje bij de bushalte. (ingeleverd in het gemeentehuis)"),
            ],
            nodes=("noord", "oosterbroek", "lindewijk"),
            remote=[
                ("noord", "bewoner", "poll", 0),
                ("noord", "bewoner", "ranking", [0, 2, 1]),
                (
                    "noord",
                    "bewoner",
                    "arguments",
                    ("for", None, "Bomen geven schaduw op warme marktdagen."),
                ),
                ("noord", "kees", "poll", 2),
                ("noord", "kees", "ranking", [2, 0, 1]),
                ("oosterbroek", "henk", "poll", 1),
                (
                    "oosterbroek",
                    "henk",
                    "arguments",
                    ("against", 0, "Minder parkeerplek is lastig voor de markt."),
                ),
                ("lindewijk", "anouk", "poll", 0),
                ("lindewijk", "anouk", "open", "Zorg voor bankjes met leuningen, voor ouderen."),
            ],
        ),
        Sample(
            "Bloemrijke bermen in Oosterbroek en Lindewijk",
            "Zullen we de bermen langs de dorpswegen minder vaak maaien, voor bloemen en bijen?",
            "Nu maaien we de bermen in de kernen zes keer per jaar. Twee keer per jaar maaien "
            "en het maaisel afvoeren is beter voor bloemen, bijen en vlinders, maar in de zomer "
            "ziet het er minder netjes uit.",
            "consult",
            "De gemeente vraagt uw mening en besluit zelf. Wij koppelen terug wat we met uw "
            "opmerkingen doen.",
            (-90, -70, -60, -45),
            [
                "Twee keer per jaar maaien",
                "Alleen buiten de bebouwde kom minder maaien",
                "Zo laten als het is",
            ],
            ["poll", "open"],
            [("bewoner", "poll", 0)],
            (
                "De bermen buiten de bebouwde kom maaien we voortaan **twee keer per jaar**; "
                "het maaisel voeren we af. Langs de Dorpsstraat en bij kruisingen blijft het "
                "gras kort.",
                [
                    (
                        "Meer bloemen en bijen (de meeste stemmen)",
                        "Twee keer per jaar maaien, vanaf dit voorjaar.",
                    ),
                    (
                        "Zicht op de weg langs de Dorpsstraat",
                        "Daar blijven we vaak maaien, voor de veiligheid.",
                    ),
                    (
                        "Paden naar de bankjes kort houden (op papier)",
                        "We maaien een pad naar elk bankje.",
                    ),
                ],
            ),
            closed=True,
            nodes=("oosterbroek", "lindewijk"),
            remote=[
                ("oosterbroek", "bewoner", "poll", 0),
                ("oosterbroek", "henk", "poll", 2),
                (
                    "oosterbroek",
                    "henk",
                    "open",
                    "Langs de Dorpsstraat wel kort houden, anders ziet u de fietsers niet.",
                ),
                ("lindewijk", "bewoner", "poll", 0),
                ("lindewijk", "anouk", "poll", 1),
                ("lindewijk", "anouk", "open", "Graag bloemen bij de boomgaarden, voor de bijen."),
                ("lindewijk", "", "open", "Maai wel een pad naar het bankje aan de Linge."),
            ],
        ),
    ],
    "noord": [
        Sample(
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
                    (
                        "Een hek vanwege de honden (op papier)",
                        "Er komt een laag hek met klaphekjes.",
                    ),
                ],
            ),
            closed=True,
        ),
    ],
    "oosterbroek": [
        Sample(
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
    ],
}


async def seed(hood: Any, spec: Any, people: dict[str, Member]) -> None:
    for sample in SAMPLES.get(spec.slug, []):
        await _seed_one(hood, spec, sample, people)


def across_nodes() -> dict[str, list[str]]:
    """The municipality's processes by the slug of each node they concern: the titles
    that node shows once it follows the municipality."""
    found: dict[str, list[str]] = {}
    for sample in SAMPLES["gemeente"]:
        for slug in sample.nodes:
            found.setdefault(slug, []).append(sample.title)
    return found


class _SeedingProcesses(Processes):
    """Processes with the clock of the moment being seeded. The demo seeds before its nodes
    start, so before the municipality follows the other nodes (federate() does that next):
    the nodes it will follow are given here instead of read from its accepted follows;
    everything else is Processes.open() and its rules."""

    def __init__(self, hood: Any, clock: Clock, peers: list[ProcessNode]) -> None:
        super().__init__(hood.db, clock, hood.identity)
        self.peers = peers

    async def nodes_to_choose(self) -> list[ProcessNode]:
        return self.peers if self.on_municipal_node else []


def _peer(hood: Any, own_slug: str, slug: str) -> ProcessNode:
    """Another demo node as the municipality sees it once it follows it."""
    port = urlsplit(hood.identity.url).port
    slugs = [n.slug for n in NODES]
    url = node_url(int(port or 0) - slugs.index(own_slug), slug)
    return ProcessNode(NODES[slugs.index(slug)].name, url, f"{url}/ap/actor")


def _when(today: date, offset: int) -> datetime:
    """Noon, Dutch time, `offset` days from today."""
    return datetime.combine(today + timedelta(days=offset), time(12), tzinfo=LOCAL_ZONE)


async def _seed_one(hood: Any, spec: Any, sample: Sample, people: dict[str, Member]) -> None:
    today = local_today(system_clock())
    moment = [_when(today, sample.days[0] - 14)]  # opened two weeks before input starts
    peers = [_peer(hood, spec.slug, slug) for slug in sample.nodes]
    processes = _SeedingProcesses(hood, lambda: moment[0], peers)
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
            nodes=[str(p.actor_uri) for p in peers],
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
    for number, (slug, username, kind, value) in enumerate(sample.remote):
        # As the municipality's inbox counts a response its node sent (process_inbox.py),
        # with ids in that node's namespace that no real object of it will have.
        await processes.exchange.accept(
            _remote(process_id, _peer(hood, spec.slug, slug), number, username, slug, kind, value)
        )
    if sample.report:
        moment[0] = _when(today, sample.days[2] + 2)
        decision, themes = sample.report
        await processes.publish_report_back(opener, process_id, decision, themes)
    if sample.closed:
        await processes.close(opener, process_id)


def _remote(
    process_id: int, node: ProcessNode, number: int, username: str, slug: str, kind: str, value: Any
) -> RemoteAnswer:
    keys = [value] if kind == "poll" else value if kind == "ranking" else []
    side, option, text = value if kind == "arguments" else ("", None, value)
    person = next((p for p in PEOPLE[slug] if p.username == username), None)
    who = username or f"paper-{number}"
    return RemoteAnswer(
        process_id=process_id,
        node_actor=str(node.actor_uri),
        respondent=f"{node.url}/ap/respondents/demo-{process_id}-{who}",
        ap_id=f"{node.url}/ap/objects/process_response/demo-{process_id}-{number}",
        kind=kind,
        name=person.display_name if person else "",
        body=text if kind in ("open", "arguments") else "",
        choices=keys,
        side=side,
        option=option,
        on_paper=person is None,
    )


def _answer(kind: str, value: Any, options: list[int]) -> Answer:
    if kind == "poll":
        return Answer(choices=[options[value]])
    if kind == "ranking":
        return Answer(choices=[options[i] for i in value])
    if kind == "arguments":
        side, option, text = value
        return Answer(text, side=side, option_id=None if option is None else options[option])
    return Answer(str(value))
