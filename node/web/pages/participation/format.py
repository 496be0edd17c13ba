"""Words, dates and the QR code for participation processes, in the visitor's language."""

from __future__ import annotations

from datetime import date
from typing import Any

from babel.dates import format_date

from node.community.ladder import ParticipationLevel
from node.community.participation.model import FormKind, Phase
from node.web.i18n import current_language, ngettext
from node.web.timestamps import HELPERS as TIME_HELPERS

REPORT_ROWS = 5  # fixed theme rows, so the report-back form works without JavaScript


def day(value: date | None) -> str:
    """'12 maart 2026'."""
    return "" if value is None else format_date(value, "long", locale=current_language())


def days_late_text(days: int) -> str:
    return ngettext("%(num)s day late", "%(num)s days late", days)


def qr_svg(url: str, title: str) -> str:
    """The address as a QR code, inline SVG (no image request, prints sharply)."""
    import segno  # only for printed summaries: an idle node need not hold it

    svg = segno.make(url, error="m").svg_inline(scale=4, title=title, svgclass="qr", omitsize=True)
    return svg.replace("<svg ", '<svg role="img" ', 1)


def ranking_places(values: dict[str, Any], option_id: int) -> str:
    return str(values.get("ranks", {}).get(str(option_id), ""))


HELPERS = {
    **TIME_HELPERS,
    "day": day,
    "days_late_text": days_late_text,
    "ranking_places": ranking_places,
    "participation_levels": ParticipationLevel.ladder(),
    "form_kinds": list(FormKind),
    "Phase": Phase,
    "report_rows": REPORT_ROWS,
}
