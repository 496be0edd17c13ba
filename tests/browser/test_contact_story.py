"""The contact person works from the gemeente's node, in a real browser on two real nodes:
the gemeente's admin assigns Marieke Jansen to Beekveld-Noord, a resident there asks the
municipality, Marieke finds it in her work queue and answers, and the resident reads the
answer and the response times on her own wijk. Every new page is audited (axe) at desktop
and phone width; the queue's filter and the answer also work without JavaScript."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from tests.browser.conftest import Person, Visitor, _in_thread, make_node
from tests.conftest import RunningNode
from tests.federation.real_nodes import DEADLINE, follow_each_other

pytestmark = pytest.mark.browser

GEMEENTE, NOORD = "Gemeente Beekveld", "Beekveld-Noord"
SUBJECT = "Hek van de speeltuin kapot"


@pytest.fixture(scope="module")
def nodes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, RunningNode]]:
    folder = tmp_path_factory.mktemp("contact")
    started: dict[str, RunningNode] = {}
    try:
        started[GEMEENTE] = make_node(
            folder / "gemeente",
            name=GEMEENTE,
            kind="gemeente",
            people=(
                Person("beheer", "admin", "Bert Beheer"),
                Person("marieke", "contact", "Marieke Jansen"),
            ),
        )
        started[NOORD] = make_node(
            folder / "noord",
            name=NOORD,
            people=(
                Person("beheer", "admin", "Wim Beheer"),
                Person("eva", "resident", "Eva Jansen"),
            ),
        )
        _in_thread(asyncio.run, follow_each_other(started[GEMEENTE], [started[NOORD]]))
        yield started
    finally:
        for running in started.values():
            running.stop()


@pytest.fixture
def visitor_on(browser: Browser) -> Iterator[Callable[..., Visitor]]:
    contexts: list[BrowserContext] = []

    def open_on(node: RunningNode, story: str, *, javascript: bool = True) -> Visitor:
        context = browser.new_context(
            locale="nl-NL", bypass_csp=javascript, java_script_enabled=javascript
        )
        contexts.append(context)
        return Visitor(context.new_page(), node.url, story, audits=javascript)

    yield open_on
    for context in contexts:
        context.close()


def _check_both(visitor: Visitor, step: str) -> None:
    visitor.check(step)
    with visitor.on_phone():
        visitor.check(f"{step}-phone")


def test_a_question_to_the_municipality_and_its_answer(
    nodes: dict[str, RunningNode], visitor_on: Callable[..., Visitor]
) -> None:
    gemeente, noord = nodes[GEMEENTE], nodes[NOORD]

    admin = visitor_on(gemeente, "contact-assign")
    admin.log_in("beheer")
    admin.open("/gemeente/aanspreekpunten")
    expect(admin.heading("Aanspreekpunten per buurt")).to_be_visible()
    _check_both(admin, "assignments")
    admin.page.get_by_label("Aanspreekpunt", exact=True).select_option(label="Marieke Jansen")
    admin.press("Opslaan")
    expect(admin.status()).to_contain_text("hoort het meteen")

    eva = visitor_on(noord, "contact-ask")
    eva.log_in("eva")
    eva.open("/contact")
    expect(eva.page.get_by_text("Marieke Jansen")).to_be_visible(timeout=DEADLINE * 1000)
    expect(eva.page.get_by_role("heading", name="Vraag het de gemeente")).to_be_visible()
    _check_both(eva, "contact")
    eva.fill({"Waar gaat het over?": SUBJECT, "Uw vraag": "Het hek sluit niet meer."})
    eva.press("Vraag versturen")
    expect(eva.status()).to_contain_text("naar de gemeente gestuurd")
    _check_both(eva, "mine")

    marieke = visitor_on(gemeente, "contact-queue")
    marieke.log_in("marieke")
    marieke.open("/gemeente/werk")
    link = marieke.page.get_by_role("link", name=SUBJECT)
    for _ in range(int(DEADLINE * 2)):  # the question travels to the gemeente
        if link.count():
            break
        marieke.page.wait_for_timeout(500)
        marieke.page.reload()
    expect(link).to_be_visible()
    _check_both(marieke, "queue")
    link.click()
    _check_both(marieke, "question")
    marieke.fill({"Uw antwoord aan Eva Jansen": "We maken het deze week."})
    marieke.press("Antwoord versturen")
    expect(marieke.status()).to_contain_text("is naar Beekveld-Noord gestuurd")
    marieke.open("/reactietijden")
    _check_both(marieke, "response-times-gemeente")

    eva.open("/account/vragen")
    answer = eva.page.get_by_text("We maken het deze week.")
    for _ in range(int(DEADLINE * 2)):  # the answer travels back
        if answer.count():
            break
        eva.page.wait_for_timeout(500)
        eva.page.reload()
    expect(answer).to_be_visible()
    eva.open("/reactietijden")
    expect(eva.page.get_by_text("1 vraag beantwoord")).to_be_visible()
    _check_both(eva, "response-times")


def test_the_work_queue_filters_without_javascript(
    nodes: dict[str, RunningNode], visitor_on: Callable[..., Visitor]
) -> None:
    marieke = visitor_on(nodes[GEMEENTE], "nojs-contact-queue", javascript=False)
    marieke.log_in("marieke")
    marieke.open("/gemeente/werk?soort=kat")
    expect(marieke.page.get_by_text("kent de werkvoorraad niet")).to_be_visible()
    marieke.page.get_by_label("Soort", exact=True).select_option(label="Vraag")
    marieke.press("Tonen")
    expect(marieke.page).to_have_url(
        f"{nodes[GEMEENTE].url}/gemeente/werk?soort=question&status=&buurt="
    )
    marieke.check("filtered")
