"""Words and links for the notification centre, in the visitor's language: the one place
that says what each kind of notification means (the centre's page and e-mail use it)."""

from __future__ import annotations

from node.community.accounts.notifications import Notice
from node.web.i18n import gettext as _

_PAGES = {
    "initiative": "/initiatieven/{id}",
    "event": "/activiteiten/{id}",
    "announcement": "/mededelingen/{id}",
    "process": "/inspraak/{id}",
    "post": "/prikbord/{id}",
}


def notice_link(notice: Notice) -> str | None:
    """Where the notification takes its reader: the thing it is about."""
    if notice.kind == "signup":
        return "/beheer"
    if notice.kind == "answer":
        return "/account/vragen"
    if notice.kind == "proposal":
        return f"/wijkbudget/{notice.round_id}" if notice.round_id else "/wijkbudget"
    page = _PAGES.get(notice.about_type or "")
    if page is None or notice.about_id is None:
        return None
    link = page.format(id=notice.about_id)
    return link + "#reacties" if notice.kind in ("comment", "official") else link


def notice_text(notice: Notice) -> str:
    who = notice.actor_name or _("Someone")
    title = notice.title
    match notice.kind:
        case "signup":
            return _("%(name)s signed up and waits for your approval.", name=title or who)
        case "offer":
            return _("%(who)s offers help with your initiative “%(title)s”.", who=who, title=title)
        case "comment":
            return _("%(who)s responded to “%(title)s”.", who=who, title=title)
        case "official":
            return _("The municipality responded officially to “%(title)s”.", title=title)
        case "answer":
            return _("Your question “%(title)s” has been answered.", title=title)
        case "proposal" if notice.outcome == "feasible":
            return _("Your budget proposal “%(title)s” was judged feasible.", title=title)
        case "proposal":
            return _("Your budget proposal “%(title)s” was judged not feasible.", title=title)
        case "report_back":
            return _(
                "The report-back on “%(title)s” is out: what was done with what residents said.",
                title=title,
            )
        case "urgent":
            return _("Urgent: %(title)s", title=title)
        case "event_changed" if notice.outcome == "cancelled":
            return _("The activity “%(title)s” is cancelled.", title=title)
        case "event_changed":
            return _("The activity “%(title)s” has changed: check its time and place.", title=title)
        case "reply":
            return _("%(who)s replied to you or mentioned you.", who=who)
        case "support":
            return _("%(who)s supports your initiative “%(title)s”.", who=who, title=title)
        case "favourite":
            return _("%(who)s liked your message.", who=who)
        case "reblog":
            return _("%(who)s shared your message.", who=who)
        case "share":
            return _("Someone elsewhere in the fediverse shared your message.")
        case "follow":
            return _("%(who)s follows you now.", who=who)
    return _("Something happened that concerns you.")
