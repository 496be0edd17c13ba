"""Words and numbers for the contact person's pages, in the visitor's language."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date
from babel.numbers import format_decimal

from node.community.errors import N_
from node.web.i18n import current_language, ngettext

KIND_LABELS = {
    "question": N_("Question"),
    "initiative": N_("Initiative"),
    "report_back": N_("Report-back"),
}
STATE_LABELS = {"waiting": N_("Waiting"), "overdue": N_("Overdue"), "answered": N_("Answered")}


def decimal(value: float | None) -> str:
    """'2,5' in Dutch for 2.5 days; '' for nothing."""
    return "" if value is None else format_decimal(value, "#,##0.#", locale=current_language())


def median_days(value: float) -> str:
    """'2,5 dagen (mediaan)'; plural unless exactly one."""
    return ngettext(
        "%(num)s day (median)", "%(num)s days (median)", 1 if value == 1 else 2, num=decimal(value)
    )


def month_name(month: str) -> str:
    """'maart 2026' for '2026-03'."""
    year, number = (int(part) for part in month.split("-"))
    return format_date(date(year, number, 1), "MMMM y", locale=current_language())


HELPERS = {
    "decimal": decimal,
    "median_days": median_days,
    "month_name": month_name,
    "kind_labels": KIND_LABELS,
    "state_labels": STATE_LABELS,
}
