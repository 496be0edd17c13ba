"""Money, phases and the 'where did the money go' chart for the budget and ledger pages."""

from __future__ import annotations

from dataclasses import dataclass

from babel.numbers import format_currency

from node.community.budget.model import Phase, Review, VotingMethod, local_day
from node.community.ladder import ParticipationLevel
from node.community.ledger.model import Books, Counterparty, EntryKind
from node.web.i18n import current_language
from node.web.i18n import gettext as _
from node.web.timestamps import HELPERS as TIME_HELPERS

_LOCALES = {"nl": "nl_NL", "en": "en_GB"}
CHART_WIDTH = 640
BAR_HEIGHT = 28
LABEL_WIDTH = 230


def money(cents: int | None) -> str:
    """'€ 1.250,00' in Dutch, '€1,250.00' in English."""
    locale = _LOCALES.get(current_language(), "nl_NL")
    return format_currency((cents or 0) / 100, "EUR", locale=locale)


def percent(part: int, whole: int) -> str:
    return "0" if not whole else f"{round(100 * part / whole)}"


@dataclass(frozen=True)
class Bar:
    label: str
    amount: int
    width: int  # pixels
    y: int
    css: str  # spent | available


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    height: int
    width: int = CHART_WIDTH
    label_width: int = LABEL_WIDTH


def spending_chart(books: Books) -> Chart:
    """One bar per initiative or proposal the money was paid for, then what is left."""
    rows = [
        (book.project or _("Other costs"), book.spent, "spent")
        for book in books.projects.values()
        if book.spent
    ]
    rows.append((_("Not spent yet"), max(books.balance, 0), "available"))
    largest = max((amount for _label, amount, _css in rows), default=0) or 1
    room = CHART_WIDTH - LABEL_WIDTH - 120  # space for the amount after the bar
    bars = [
        Bar(
            _short(label),
            amount,
            max(2, round(room * amount / largest)),
            8 + i * (BAR_HEIGHT + 12),
            css,
        )
        for i, (label, amount, css) in enumerate(rows)
    ]
    return Chart(bars, 16 + len(bars) * (BAR_HEIGHT + 12))


def _short(label: str, room: int = 30) -> str:
    """Fits the chart's label column; the table under the chart has the full name."""
    return label if len(label) <= room else label[: room - 1].rstrip() + "…"


HELPERS = {
    **TIME_HELPERS,
    "money": money,
    "percent": percent,
    "local_day": local_day,
    "phases": [p for p in Phase if p is not Phase.UPCOMING],
    "voting_methods": list(VotingMethod),
    "participation_levels": ParticipationLevel.ladder(),
    "review_states": Review,
    "entry_kinds": list(EntryKind),
    "counterparties": list(Counterparty),
    "bar_height": BAR_HEIGHT,
}
