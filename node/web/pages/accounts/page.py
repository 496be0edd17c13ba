"""The account page itself: what it shows, and how its forms show what was refused."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from node.community.accounts.mailbox import DIGEST, KINDS
from node.community.accounts.members import Member
from node.web import labels
from node.web.rendering import render
from node.web.security import current_session

PROFILE = ("display_name", "phone", "availability", "about")


async def mail_context(request: Request, member_id: int) -> dict[str, object]:
    """What the e-mail part of /account shows."""
    hood = request.app.state.hood
    member = await hood.members.get(member_id)
    return {
        "email": await hood.addresses.of(member),
        "mail_choices": await hood.addresses.choices(member_id),
        "mail_kinds": [(k, labels.mail_kind_label(k)) for k in (*KINDS, DIGEST)],
        "choice_labels": labels.MAIL_CHOICE_LABELS,
        "mail_enabled": request.app.state.settings.mail is not None,
    }


async def account_page(
    request: Request,
    member: Member,
    error: object = None,
    status_code: int = 200,
    values: dict[str, str] | None = None,
    email: str | None = None,
) -> Response:
    """The account page; a refused form shows its errors here, with what was typed
    (`values` of the profile, the `email` address)."""
    mail = await mail_context(request, member.id)
    return await render(
        request,
        "account.html",
        {
            "profile": member,
            "values": values or {k: getattr(member, k) for k in PROFILE},
            "error": error,
            "sessions": await request.app.state.hood.sessions.of(member),
            "this_session": await current_session(request),
            **mail,
            "typed_email": email if email is not None else getattr(mail["email"], "address", ""),
        },
        status_code=status_code,
    )
