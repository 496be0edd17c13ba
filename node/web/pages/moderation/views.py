"""Report content (any resident) and the moderation queue (buurtverbinders)."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from node.community.accounts.members import Member
from node.community.accounts.permissions import Action
from node.community.errors import DomainError
from node.web.forms import FormErrors, form_errors
from node.web.i18n import gettext as _
from node.web.rendering import flash, redirect, render
from node.web.security import checked_form, require_member, safe_next

CONTENT_LABELS = {
    "initiative": "initiative",
    "comment": "comment",
    "event": "activity",
    "announcement": "announcement",
    "directory_entry": "guide entry",
    "post": "neighbourhood message",
}


def _target(params: object) -> tuple[str, int]:
    try:
        return str(params.get("type", "")), int(params.get("id", ""))  # type: ignore[attr-defined]
    except ValueError:
        raise HTTPException(404) from None


async def report_form(request: Request) -> Response:
    await require_member(request)
    content_type, content_id = _target(request.query_params)
    kind, title = await request.app.state.hood.moderation.describe(content_type, content_id)
    return await render(
        request,
        "moderation/report.html",
        {
            "content_type": kind.value,
            "content_id": content_id,
            "title": title,
            "next": safe_next(request.query_params.get("volgende")),
            "reason": "",
            "error": None,
        },
    )


async def report(request: Request) -> Response:
    member = await require_member(request)
    form = await checked_form(request)
    content_type, content_id = _target(form)
    reason = str(form.get("reason", ""))
    target = safe_next(str(form.get("next", "/")))
    moderation = request.app.state.hood.moderation
    try:
        await moderation.report(member, content_type, content_id, reason)
    except DomainError as error:
        kind, title = await moderation.describe(content_type, content_id)
        return await render(
            request,
            "moderation/report.html",
            {
                "content_type": kind.value,
                "content_id": content_id,
                "title": title,
                "next": target,
                "reason": reason,
                "error": form_errors(error),
            },
            status_code=error.status,
        )
    flash(request, _("Thank you. A buurtverbinder will look at your report."))
    return redirect(target)


async def _moderator(request: Request) -> Member:
    member = await require_member(request)
    if not member.can(Action.MODERATE):
        raise HTTPException(403)
    return member


async def queue(request: Request) -> Response:
    return await _queue(request, await _moderator(request))


async def _queue(
    request: Request,
    member: Member,
    error: FormErrors | None = None,
    typed: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    """The reports; a refused decision shows its error and reason beside its report."""
    moderation = request.app.state.hood.moderation
    return await render(
        request,
        "moderation/queue.html",
        {
            "reports": await moderation.queue(member),
            "log": await moderation.log(member),
            "labels": CONTENT_LABELS,
            "error": error,
            "typed": typed or {},
        },
        status_code=status_code,
    )


async def decide(request: Request) -> Response:
    member = await _moderator(request)
    form = await checked_form(request)
    content_type, content_id = _target(form)
    reason = str(form.get("reason", ""))
    moderation = request.app.state.hood.moderation
    hide = form.get("decision") == "hide"
    try:
        if hide:
            await moderation.hide(member, content_type, content_id, reason)
        else:
            await moderation.restore(member, content_type, content_id, reason)
    except DomainError as error:
        field_id = f"reason-{str(form.get('report', ''))[:20]}"
        errors = form_errors(error, {"reason": field_id})
        return await _queue(request, member, errors, {field_id: reason}, error.status)
    flash(
        request,
        _("The content is hidden. The reason is kept.")
        if hide
        else _("The content is visible again."),
    )
    return redirect("/beheer/meldingen")


routes = [
    Route("/melden", report_form, methods=["GET"], name="report_form"),
    Route("/melden", report, methods=["POST"], name="report"),
    Route("/beheer/meldingen", queue, methods=["GET"], name="moderation"),
    Route("/beheer/meldingen", decide, methods=["POST"], name="moderate"),
]
