"""Demo buurtberichten on the prikbord of Beekveld-Noord, one of them by Lotte, whose
member page /@lotte is public (people.py), so the demo shows both."""

from __future__ import annotations

from node.community.accounts.members import Member
from node.community.neighbourhood import Neighbourhood
from node.demo.people import NodeSpec

POSTS: dict[str, list[tuple[str, str]]] = {
    "noord": [
        (
            "lotte",
            "Wie heeft er een ladder te leen voor zaterdag? Ik wil de nestkastjes in het park "
            "De Horst ophangen. #DeHorst",
        ),
        (
            "kees",
            "Zaterdag is de repair café in het buurthuis weer open, van 10 tot 13 uur. "
            "Neem mee wat kapot is!",
        ),
    ],
}


async def seed(hood: Neighbourhood, spec: NodeSpec, people: dict[str, Member]) -> None:
    for username, body in POSTS.get(spec.slug, []):
        await hood.posts.write(people[username], body)
