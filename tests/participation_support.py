"""Helpers for the participation tests of the domain and the web pages: a process `draft`,
and `clock`, set in its input phase (the node on it: `moving_app` in tests/conftest.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from node.community.participation.model import ProcessDraft
from tests.conftest import MovableClock

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday, in the input phase below


# The fields of a process as /inspraak/nieuw takes them, besides which `forms` it asks.
FIELDS = {
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
    "options": "Meer groen\nMeer parkeerplaatsen\nEen speelplek",
}


def draft(**overrides: object) -> ProcessDraft:
    values: dict[str, object] = {**FIELDS, "forms": ["open", "poll", "ranking", "arguments"]}
    values.update(overrides)
    return ProcessDraft(**values)  # type: ignore[arg-type]


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(START)
