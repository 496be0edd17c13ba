"""Fixtures for the process tests: a clock the test moves, and a node built on it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import pytest

from node.app import create_app
from node.community.neighbourhood import Neighbourhood
from node.community.participation.model import ProcessDraft
from node.config import Settings
from tests.conftest import MovableClock

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday, in the input phase below


def draft(**overrides: object) -> ProcessDraft:
    values: dict[str, object] = {
        "title": "Herinrichting Wilhelminaplein",
        "question": "Hoe wilt u dat het Wilhelminaplein eruitziet?",
        "background": "Het plein wordt in **2027** opnieuw ingericht.",
        "documents": "Schetsontwerp https://example.org/schets.pdf",
        "level": "advise",
        "level_meaning": "De gemeenteraad besluit op 25 maart; uw advies wordt meegewogen.",
        "input_from": "2026-03-02",
        "input_until": "2026-03-15",
        "decision_on": "2026-03-25",
        "report_back_by": "2026-04-01",
        "forms": ["open", "poll", "ranking", "arguments"],
        "options": "Meer groen\nMeer parkeerplaatsen\nEen speelplek",
    }
    values.update(overrides)
    return ProcessDraft(**values)  # type: ignore[arg-type]


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(START)


@pytest.fixture
async def moving_app(settings: Settings, clock: MovableClock):  # type: ignore[no-untyped-def]
    application = create_app(settings, clock=clock)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
def moving_hood(moving_app) -> Neighbourhood:  # type: ignore[no-untyped-def]
    return moving_app.state.hood  # type: ignore[no-any-return]


@pytest.fixture
async def moving_client(moving_app, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:  # type: ignore[no-untyped-def]
    transport = httpx.ASGITransport(app=moving_app)
    async with httpx.AsyncClient(transport=transport, base_url=settings.url) as http:
        yield http
