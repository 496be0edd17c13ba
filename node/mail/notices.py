"""What a notification says in a mail: a sentence and the page it is about.

Until the notification centre's own description (hood.notifications) lands, this holds one
line per kind; then it gives way to that one place.
"""

from __future__ import annotations

from typing import Any

from node.community.errors import N_

_NOTICES = {
    "signup": (N_("Someone signed up and waits for your approval."), "/beheer"),
    "offer": (N_("Someone offers help with your initiative."), "/initiatieven"),
    "comment": (N_("There is a new comment on what you started."), "/"),
    "answer": (N_("Your question has been answered."), "/account/vragen"),
    "official": (N_("The gemeente responded officially to your initiative."), "/initiatieven"),
    "proposal": (N_("Your budget proposal has been judged."), "/wijkbudget"),
    "report_back": (N_("There is a report-back on a process you answered."), "/inspraak"),
    "urgent": (N_("There is an urgent announcement."), "/"),
    "event_changed": (N_("An activity you said you'd attend changed."), "/activiteiten"),
}


def describe(row: dict[str, Any]) -> tuple[str, dict[str, object], str]:
    """(message id, params, link path) for a notification row."""
    message, path = _NOTICES.get(str(row.get("type")), (N_("Something happened."), "/"))
    return message, {}, path
