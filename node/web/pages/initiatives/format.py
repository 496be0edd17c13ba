"""Words and numbers for initiatives, needs and offers, in the visitor's language."""

from __future__ import annotations

from node.community.initiatives.needs import Need, NeedKind, Offer
from node.community.initiatives.service import Status
from node.community.ladder import ParticipationLevel
from node.web.i18n import current_language, ngettext
from node.web.i18n import gettext as _
from node.web.timestamps import HELPERS as TIME_HELPERS


def euros(cents: int | None) -> str:
    """'€ 1.250' or '€ 12,50' in Dutch; '€ 1,250' or '€ 12.50' in English."""
    whole, rest = divmod(cents or 0, 100)
    dutch = current_language() == "nl"
    text = f"{whole:,}".replace(",", "." if dutch else ",")
    if rest:
        text += f"{',' if dutch else '.'}{rest:02d}"
    return f"€ {text}"


def amount_text(kind: NeedKind, amount: int | None) -> str:
    if amount is None:
        return ""
    if kind is NeedKind.MONEY:
        return euros(amount)
    return ngettext("%(num)s person", "%(num)s people", amount)


def need_progress(need: Need) -> str:
    """How far a need is met: '€ 350 of € 800 pledged', '3 of 6 volunteers', 'arranged'."""
    if need.kind is NeedKind.MONEY:
        return _(
            "%(pledged)s of %(wanted)s pledged",
            pledged=euros(need.pledged),
            wanted=euros(need.amount),
        )
    if need.kind is NeedKind.VOLUNTEERS and need.amount:
        return ngettext(
            "%(pledged)s of %(num)s volunteer",
            "%(pledged)s of %(num)s volunteers",
            need.amount,
            pledged=need.pledged,
        )
    return _("open") if need.is_open else _("arranged")


def offer_source(offer: Offer) -> str:
    if offer.source.value == "municipality":
        return _("from the municipality")
    if offer.source.value == "node":
        return _("from another neighbourhood")
    return ""


HELPERS = {
    **TIME_HELPERS,
    "euros": euros,
    "amount_text": amount_text,
    "need_progress": need_progress,
    "offer_source": offer_source,
    "statuses": list(Status),
    "need_kinds": list(NeedKind),
    "participation_levels": ParticipationLevel.ladder(),
}
