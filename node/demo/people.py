"""Who lives in the demo municipality: its four nodes and the people with an account on each."""

from __future__ import annotations

from dataclasses import dataclass

DEMO_PASSWORD = "buurt-demo-2026"
MARKER = ".buurtnode-demo"


@dataclass(frozen=True)
class NodeSpec:
    slug: str
    name: str
    kind: str
    description: str
    registration: str = "approval"


@dataclass(frozen=True)
class Person:
    username: str
    display_name: str
    role: str
    phone: str = ""
    availability: str = ""
    about: str = ""
    public_profile: bool = False  # a page at /@username and a Person actor


NODES = [
    NodeSpec(
        "gemeente",
        "Gemeente Beekveld",
        "gemeente",
        "Hier volgt de gemeente Beekveld alle wijken en kernen: initiatieven, activiteiten "
        "en buurtbudgetten. Het aanspreekpunt reageert hier op vragen en plannen.",
        "invite",
    ),
    NodeSpec(
        "noord",
        "Beekveld-Noord",
        "wijk",
        "De wijk Beekveld-Noord: rond het Wilhelminaplein, de Beekstraat en het park "
        "De Horst. Bewoners maken hier samen plannen voor hun straat en buurt.",
    ),
    NodeSpec(
        "oosterbroek",
        "Oosterbroek",
        "kern",
        "Oosterbroek is een dorp van 2.400 inwoners aan de Linge. Dorpshuis De Kruisweg is "
        "het hart van het dorp; hier vindt u wat er speelt.",
    ),
    NodeSpec(
        "lindewijk",
        "Lindewijk",
        "kern",
        "Lindewijk ligt tussen de boomgaarden. Met de dorpsraad en de vrijwilligers van "
        "De Lindeboom houden we samen het dorp leefbaar.",
        "open",
    ),
]

PEOPLE: dict[str, list[Person]] = {
    "gemeente": [
        Person("beheer", "Gemeente Beekveld (beheer)", "admin"),
        Person(
            "contact",
            "Marieke Jansen",
            "contact",
            "0345 200 100",
            "ma-do 9.00-12.30",
            "Gebiedsregisseur voor alle wijken en kernen van Beekveld.",
        ),
        Person("verbinder", "Peter van Dijk", "buurtverbinder", "0345 200 155", "di en do"),
        Person("bewoner", "Sanne de Wit", "resident"),
        Person("raadslid", "Ingrid Vermeulen", "council"),  # reads processes, read-only
    ],
    "noord": [
        Person("beheer", "Stichting Wijkplatform Noord", "admin"),
        Person(
            "contact",
            "Yusuf Demir",
            "contact",
            "0345 200 121",
            "ma, wo, vr 9.00-17.00",
            "Wijkregisseur van de gemeente voor Beekveld-Noord.",
        ),
        Person(
            "verbinder",
            "Els Bakker",
            "buurtverbinder",
            "06 1234 5678",
            "wo-middag in het buurthuis",
        ),
        Person("bewoner", "Fatima El Amrani", "resident"),
        Person("kees", "Kees Visser", "resident"),
        Person(
            "lotte",
            "Lotte Smit",
            "resident",
            about="Woon sinds 2019 aan de Beekstraat. Ik tuinier graag en help mee in park "
            "De Horst.",
            public_profile=True,
        ),
    ],
    "oosterbroek": [
        Person("beheer", "Dorpsraad Oosterbroek", "admin"),
        Person(
            "contact",
            "Hanneke Mulder",
            "contact",
            "0345 200 133",
            "di en do 8.30-16.30",
            "Kernregisseur voor Oosterbroek en Lindewijk.",
        ),
        Person(
            "verbinder",
            "Gerrit de Boer",
            "buurtverbinder",
            "06 2345 6789",
            "za-ochtend in De Kruisweg",
        ),
        Person("bewoner", "Joke Hendriks", "resident"),
        Person("henk", "Henk van der Berg", "resident"),
    ],
    "lindewijk": [
        Person("beheer", "Vereniging Dorpsbelang Lindewijk", "admin"),
        Person(
            "contact",
            "Hanneke Mulder",
            "contact",
            "0345 200 133",
            "di en do 8.30-16.30",
            "Kernregisseur voor Oosterbroek en Lindewijk.",
        ),
        Person("verbinder", "Ria Kramer", "buurtverbinder", "06 3456 7890", "ma t/m vr na 17.00"),
        Person("bewoner", "Noah Peters", "resident"),
        Person("anouk", "Anouk Willems", "resident"),
    ],
}


def node_url(base_port: int, slug: str) -> str:
    """Where the demo runs a node: on 127.0.0.1, ports in a row in the order of NODES."""
    return f"http://127.0.0.1:{base_port + [n.slug for n in NODES].index(slug)}"
