"""Sample initiatives for the demo nodes: needs, offers, support, updates and reactions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from node.community.accounts.members import Member
from node.community.initiatives.needs import NeedDraft
from node.community.initiatives.service import InitiativeDraft


@dataclass(frozen=True)
class Sample:
    by: str
    title: str
    summary: str
    description: str
    area: str
    level: str
    needs: list[tuple[str, str, str]]
    # (username, need index, amount, text, accepted?)
    offers: list[tuple[str, int, str, str, bool]] = field(default_factory=list)
    supporters: list[str] = field(default_factory=list)
    updates: list[str] = field(default_factory=list)
    comments: list[tuple[str, str]] = field(default_factory=list)  # username "contact" = official
    status: list[tuple[str, str]] = field(default_factory=list)  # steps after starting


SAMPLES: dict[str, list[Sample]] = {
    "gemeente": [
        Sample(
            "bewoner",
            "Beekveld Schoon: één opruimdag voor alle wijken",
            "Op zaterdag 12 april ruimen bewoners in alle wijken en kernen tegelijk zwerfafval op.",
            "Vorig jaar deden **vier straten** mee. Dit jaar willen we het hele dorp en alle "
            "wijken erbij.\n\n- grijpers en vuilniszakken bij elk buurthuis\n"
            "- koffie en soep na afloop",
            "Heel Beekveld",
            "coproduce",
            [
                ("materials", "60 grijpers, handschoenen en vuilniszakken", ""),
                ("volunteers", "Een coördinator per wijk of kern", "5"),
                ("support", "Afvalinzameling die de zakken dezelfde middag ophaalt", ""),
            ],
            offers=[
                ("contact", 2, "", "De gemeente haalt de zakken om 15.00 uur op.", True),
                ("verbinder", 1, "1", "Ik neem Oosterbroek voor mijn rekening.", True),
            ],
            supporters=["contact", "verbinder"],
            comments=[("contact", "Mooi plan. De gemeente zorgt voor de grijpers.")],
        ),
    ],
    "noord": [
        Sample(
            "bewoner",
            "Moestuin op het Wilhelminaplein",
            "Samen groente kweken op het braakliggende stuk naast de speeltuin.",
            "Het grasveld naast de speeltuin ligt er al jaren ongebruikt bij. We willen er "
            "**zes moestuinbakken** neerzetten die buren samen onderhouden.\n\n"
            "Kinderen van basisschool De Horst komen één middag per week helpen.",
            "Wilhelminaplein",
            "selfmanage",
            [
                ("money", "Hout, aarde en zaden voor zes bakken", "800"),
                ("volunteers", "Handen bij het bouwen op zaterdagochtend", "6"),
                ("location", "Een schuur of hok voor gereedschap", ""),
                ("support", "Toestemming om het grasveld te gebruiken", ""),
            ],
            offers=[
                ("kees", 0, "150", "Uit de straatpot van de Beekstraat.", True),
                ("contact", 0, "200", "Uit het wijkbudget voor groen.", True),
                ("lotte", 1, "2", "Mijn man en ik helpen zaterdag mee.", True),
                ("kees", 2, "", "Mijn garage heeft ruimte voor de kruiwagens.", False),
            ],
            supporters=["kees", "lotte", "verbinder", "contact"],
            updates=["De bakken zijn besteld. Bouwdag is zaterdag 5 april om 10.00 uur."],
            comments=[
                ("lotte", "Leuk! Mijn dochter wil graag helpen met zaaien."),
                (
                    "contact",
                    "De gemeente geeft toestemming voor twee jaar. Ik kom de plek met u bekijken.",
                ),
            ],
        ),
        Sample(
            "lotte",
            "Buurtbieb bij bakkerij Van Dam",
            "Een kastje met boeken om te ruilen, voor jong en oud.",
            "Bakker Van Dam stelt zijn gevel beschikbaar. We zoeken een stevig kastje.",
            "Beekstraat 14",
            "selfmanage",
            [("materials", "Een waterdicht kastje met een deurtje", "")],
            offers=[("kees", 0, "", "Ik timmer er een van steigerhout.", True)],
            supporters=["bewoner", "kees"],
            updates=["Het kastje hangt! Er staan al veertig boeken in."],
            status=[("running", ""), ("done", "Het kastje hangt sinds maart.")],
        ),
        Sample(
            "kees",
            "Verkeersdrempel in de Lindelaan",
            "Auto's rijden te hard langs de school; we vroegen om een drempel.",
            "We hebben handtekeningen verzameld en met de wijkagent gesproken.",
            "Lindelaan",
            "advise",
            [("support", "Een verkeerskundige die meekijkt", "")],
            supporters=["lotte"],
            status=[
                (
                    "stopped",
                    "De gemeente legt in 2027 de hele straat opnieuw aan, met een 30 km-zone. "
                    "We denken mee in die inspraak.",
                )
            ],
        ),
    ],
    "oosterbroek": [
        Sample(
            "henk",
            "AED bij dorpshuis De Kruisweg",
            "Een AED die dag en nacht bereikbaar is, met buren die hem kunnen gebruiken.",
            "Bij een hartstilstand telt elke minuut. De dichtstbijzijnde AED hangt nu in "
            "Beekveld. We willen er een aan de gevel van De Kruisweg.",
            "Kerkstraat, De Kruisweg",
            "selfmanage",
            [
                ("money", "AED met verwarmde buitenkast", "2.400"),
                ("volunteers", "Buren die de reanimatiecursus volgen", "12"),
            ],
            offers=[
                ("bewoner", 0, "250", "Opbrengst van de rommelmarkt.", True),
                ("verbinder", 1, "1", "Ik geef me op voor de cursus.", True),
                ("contact", 0, "1.000", "Bijdrage uit het fonds leefbaarheid kernen.", False),
            ],
            supporters=["bewoner", "verbinder"],
            comments=[("bewoner", "Goed idee, ik doe mee met de cursus.")],
        ),
    ],
    "lindewijk": [
        Sample(
            "anouk",
            "Bloesemwandeling langs de boomgaarden",
            "Een bewegwijzerde wandelroute van vijf kilometer, met bankjes onderweg.",
            "Fruittelers langs de Dijkweg willen hun erf openstellen in het bloesemseizoen.",
            "Dijkweg en Boomgaardpad",
            "coproduce",
            [
                ("network", "Contact met de fruittelers aan de Dijkweg", ""),
                ("money", "Paaltjes en bordjes voor de route", "450"),
            ],
            offers=[("bewoner", 0, "", "Ik ken de families Verhoef en Van Rijn.", True)],
            supporters=["bewoner", "verbinder"],
            updates=["Drie telers doen mee. De route loopt nu over hun erven."],
        ),
        Sample(
            "bewoner",
            "Jeu-de-boulesbaan achter De Lindeboom",
            "Een baan waar ouderen en jongeren elkaar treffen.",
            "Het idee komt uit de dorpsavond van januari.",
            "Achter De Lindeboom",
            "selfmanage",
            [],
        ),
    ],
}


async def seed(hood: Any, spec: Any, people: dict[str, Member]) -> None:
    for sample in SAMPLES.get(spec.slug, []):
        await _seed_one(hood, sample, people)


async def _seed_one(hood: Any, sample: Sample, people: dict[str, Member]) -> None:
    initiatives = hood.initiatives
    initiator = people[sample.by]
    initiative_id = await initiatives.start(
        initiator,
        InitiativeDraft(
            title=sample.title,
            summary=sample.summary,
            description=sample.description,
            area=sample.area,
            participation_level=sample.level,
            needs=[NeedDraft(kind, text, amount) for kind, text, amount in sample.needs],
        ),
    )
    needs = (await initiatives.page(initiative_id)).needs
    for username, index, amount, text, accepted in sample.offers:
        offer = await initiatives.offers.make(people[username], needs[index].id, amount, text)
        if accepted:
            await initiatives.offers.decide(initiator, offer.id, accept=True)
    for username in sample.supporters:
        await initiatives.toggle_support(people[username], initiative_id)
    for text in sample.updates:
        await initiatives.add_update(initiator, initiative_id, text)
    for username, text in sample.comments:
        await hood.comments.add(
            people[username], "initiative", initiative_id, text, official=username == "contact"
        )
    for status, reason in sample.status:
        await initiatives.change_status(initiator, initiative_id, status, reason)
