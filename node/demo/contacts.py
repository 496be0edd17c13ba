"""The demo's contact person: Marieke Jansen of the gemeente, assigned to the three wijken
and kernen as an admin does it (Gemeente → Aanspreekpunten, over HTTP), and questions
residents asked her some days ago (answered, waiting, overdue), through the domain with
the clock set back, so each is sent as a real question to the gemeente; she answers over
HTTP. Run by `federate` once the nodes follow each other."""

from __future__ import annotations

import asyncio
import html
import re
from datetime import UTC, datetime, timedelta

import httpx

from node.community.neighbourhood import Neighbourhood, NodeIdentity
from node.config import Settings
from node.demo.follows import ADMIN, _csrf, _wait
from node.storage import Database

CONTACT = "contact"  # Marieke Jansen's username on the gemeente
ASSIGNMENTS = "/gemeente/aanspreekpunten"
WORK = "/gemeente/werk"
# Per wijk or kern: (asker, days ago, subject, question, Marieke's answer or None).
QUESTIONS: dict[str, list[tuple[str, int, str, str, str | None]]] = {
    "noord": [
        (
            "bewoner",
            4,
            "Losse stoeptegels bij de bakker",
            "Voor de bakker op de Dorpsstraat liggen drie tegels los. Mijn moeder struikelde "
            "er bijna over.",
            "Dank u wel. De buitendienst legt de tegels donderdag opnieuw.",
        ),
        (
            "kees",
            13,
            "Hek van de speeltuin kapot",
            "Het hek van de speeltuin aan de Beukenlaan sluit niet meer. Kleine kinderen lopen "
            "zo de straat op.",
            None,
        ),
        (
            "lotte",
            1,
            "Vergunning voor het buurtfeest",
            "We willen in juni de straat afsluiten voor een buurtfeest. Wat moeten we aanvragen?",
            None,
        ),
    ],
    "oosterbroek": [
        (
            "bewoner",
            6,
            "Ophalen snoeiafval",
            "Komt de gemeente dit voorjaar nog snoeiafval ophalen bij het dorpshuis?",
            "Ja, op zaterdag 14 maart van 9.00 tot 12.00 uur staat de container er weer.",
        ),
    ],
    "lindewijk": [
        (
            "anouk",
            16,
            "Lantaarnpaal in de Kerkstraat",
            "De lantaarnpaal bij de kerk is al weken uit. Wie kan daar naar kijken?",
            None,
        ),
    ],
}
_OPTION = re.compile(r'<option value="(\d+)"[^>]*>Marieke Jansen</option>')


async def _login(http: httpx.AsyncClient, username: str, password: str) -> None:
    token = await _csrf(http, "/inloggen")
    login = await http.post(
        "/inloggen", data={"username": username, "password": password, "csrf_token": token}
    )
    if login.status_code != 303:
        raise RuntimeError(f"cannot log in to {http.base_url} as {username}")


async def _assign(gemeente: Settings, wijken: list[Settings], password: str) -> None:
    async with httpx.AsyncClient(base_url=gemeente.url, timeout=30) as http:
        await _login(http, ADMIN, password)
        page = await http.get(ASSIGNMENTS)
        found = _OPTION.search(page.text)
        if found is None:
            raise RuntimeError("Marieke Jansen cannot be assigned on the gemeente")
        for wijk in wijken:
            token = await _csrf(http, ASSIGNMENTS)
            sent = await http.post(
                ASSIGNMENTS,
                data={
                    "node": f"{wijk.url}/ap/actor",
                    "contact": found.group(1),
                    "csrf_token": token,
                },
            )
            if sent.status_code != 303:
                raise RuntimeError(f"could not assign Marieke to {wijk.name} ({sent.status_code})")


def _shows_marieke(wijk: Settings) -> bool:
    return "Marieke Jansen" in httpx.get(f"{wijk.url}/contact", timeout=30).text


async def _ask(slug: str, wijk: Settings) -> None:
    """As the residents did, days ago: the running node sends each to the gemeente."""
    db = Database(wijk.database_path)
    await db.open()
    try:
        for asker, days, subject, body, _ in QUESTIONS[slug]:
            then = datetime.now(UTC) - timedelta(days=days)
            hood = Neighbourhood(
                db, lambda then=then: then, NodeIdentity(wijk.name, wijk.kind, wijk.url)
            )
            member = await hood.members.by_username(asker)
            assert member is not None, asker
            await hood.questions.ask(member, subject=subject, body=body)
    finally:
        await db.close()


async def _unanswered(slug: str, wijk: Settings) -> list[str]:
    """The questions Marieke answered whose answer has not reached the resident yet."""
    db = Database(wijk.database_path)
    await db.open()
    try:
        hood = Neighbourhood(
            db, lambda: datetime.now(UTC), NodeIdentity(wijk.name, wijk.kind, wijk.url)
        )
        missing = []
        for asker, _, subject, _, answer in QUESTIONS[slug]:
            member = await hood.members.by_username(asker)
            assert member is not None, asker
            mine = {q.subject: q.answer for q in await hood.questions.mine(member)}
            if answer and mine.get(subject) != answer:
                missing.append(subject)
        return missing
    finally:
        await db.close()


def _queue(gemeente: Settings, password: str) -> str:
    async def read() -> str:
        async with httpx.AsyncClient(base_url=gemeente.url, timeout=30) as http:
            await _login(http, CONTACT, password)
            return (await http.get(WORK, params={"soort": "question"})).text

    return asyncio.run(read())


async def _answer(gemeente: Settings, password: str) -> None:
    answers = {s: a for qs in QUESTIONS.values() for _, _, s, _, a in qs if a}
    async with httpx.AsyncClient(base_url=gemeente.url, timeout=30) as http:
        await _login(http, CONTACT, password)
        page = (await http.get(WORK, params={"soort": "question"})).text
        for subject, answer in answers.items():
            escaped = html.escape(subject, quote=False)
            found = re.search(rf'href="{WORK}/vragen/(\d+)">{re.escape(escaped)}<', page)
            if found is None:
                raise RuntimeError(f"the question {subject!r} is not in Marieke's queue")
            path = f"{WORK}/vragen/{found.group(1)}"
            token = await _csrf(http, path)
            sent = await http.post(f"{path}/antwoord", data={"answer": answer, "csrf_token": token})
            if sent.status_code != 303:
                raise RuntimeError(f"could not answer {subject!r} ({sent.status_code})")


def setup(nodes: dict[str, Settings], password: str, timeout: float = 60.0) -> None:
    """Assign Marieke, wait for each node to show her, let residents ask, and answer some."""
    gemeente = nodes["gemeente"]
    wijken = {slug: nodes[slug] for slug in QUESTIONS}
    asyncio.run(_assign(gemeente, list(wijken.values()), password))
    _wait(
        lambda: [w.name for w in wijken.values() if not _shows_marieke(w)],
        "the contact person did not show",
        timeout,
    )
    for slug, wijk in wijken.items():
        asyncio.run(_ask(slug, wijk))
    subjects = [html.escape(s, quote=False) for qs in QUESTIONS.values() for _, _, s, _, _ in qs]
    _wait(
        lambda: [s for s in subjects if s not in _queue(gemeente, password)],
        "the questions did not reach the gemeente",
        timeout,
    )
    asyncio.run(_answer(gemeente, password))
    _wait(
        lambda: [s for slug, w in wijken.items() for s in asyncio.run(_unanswered(slug, w))],
        "the answers did not reach the residents",
        timeout,
    )
