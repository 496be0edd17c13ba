"""Human words for the domain's codes, in the visitor's language."""

from __future__ import annotations

from dataclasses import dataclass

from node.community.errors import N_
from node.web.i18n import gettext as _

_KINDS = {"wijk": N_("neighbourhood"), "kern": N_("village"), "gemeente": N_("municipality")}
_KIND_INTROS = {
    "wijk": N_(
        "The neighbourhood node of %(name)s: residents' initiatives, activities and "
        "meeting places, kept by and for the neighbourhood."
    ),
    "kern": N_(
        "The village node of %(name)s: residents' initiatives, activities and "
        "meeting places, kept by and for the village."
    ),
    "gemeente": N_(
        "The municipality's node: here %(name)s follows the initiatives and "
        "activities of every neighbourhood and village, and answers them."
    ),
}
_ROLES = {
    "resident": N_("resident"),
    "buurtverbinder": N_("buurtverbinder (neighbourhood connector)"),
    "contact": N_("contact person of the municipality"),
    "admin": N_("administrator"),
    "council": N_("council member"),
}
_STATUSES = {
    "pending": N_("waiting for approval"),
    "active": N_("active"),
    "disabled": N_("disabled"),
}

_MAIL_KINDS = {
    "signup": N_("a sign-up waits for approval"),
    "offer": N_("an offer of help on your initiative"),
    "answer": N_("an answer to your question"),
    "urgent": N_("urgent announcements"),
    "comment": N_("comments on your initiative or activity"),
    "official": N_("the gemeente's response to your initiative"),
    "proposal": N_("your budget proposal judged"),
    "report_back": N_("a report-back on a process you answered"),
    "event_changed": N_("an activity you attend changed or was cancelled"),
    "digest": N_("the weekly digest"),
}
MAIL_CHOICE_LABELS = {
    "immediately": N_("immediately"),
    "weekly": N_("in the weekly digest"),
    "never": N_("never"),
}


def mail_kind_label(kind: str) -> str:
    return _(_MAIL_KINDS.get(kind, kind))


def kind_label(kind: str) -> str:
    return _(_KINDS.get(kind, kind))


def kind_intro(kind: str, name: str) -> str:
    return _(_KIND_INTROS.get(kind, _KIND_INTROS["wijk"]), name=name)


def role_label(role: str) -> str:
    return _(_ROLES.get(str(role), str(role)))


def status_label(status: str) -> str:
    return _(_STATUSES.get(status, status))


@dataclass(frozen=True)
class Section:
    """A part of the node shown in the main menu and on the home page.

    A page module declares `section = Section(...)`; the menu lists them by `order`.
    A `featured` section stays visible in the header on a phone; the rest sit behind "More".
    """

    href: str
    label: str  # msgid, marked with N_
    description: str  # msgid, marked with N_
    order: int = 50
    featured: bool = False
