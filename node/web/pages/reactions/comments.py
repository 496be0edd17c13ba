"""Placing a reaction under an initiative or an activity: one handler for both pages."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response

from node.community.errors import DomainError
from node.web.forms import FormErrors, form_errors
from node.web.i18n import gettext as _
from node.web.rendering import flash, redirect
from node.web.security import checked_form, current_member

# Re-shows the page after a refusal: (the errors, the input, status code) -> the page.
Refused = Callable[[FormErrors, dict[str, str], int], Awaitable[Response]]
IDS = {"body": "comment-body"}  # the field's id in _comments.html


async def place(
    request: Request, subject_type: str, subject_id: int, page: str, refused: Refused
) -> Response:
    """The reaction in the form goes under the subject; back to its page (`page`), or the
    page again with the error beside the field and the text kept."""
    member = await current_member(request)  # visitors get a clear refusal, not a 401
    form = await checked_form(request)
    values = {"comment_body": str(form.get("body", ""))}
    try:
        await request.app.state.hood.comments.add(
            member,
            subject_type,
            subject_id,
            values["comment_body"],
            official=form.get("official") == "1",
        )
    except DomainError as error:
        return await refused(form_errors(error, IDS), values, error.status)
    flash(request, _("Your reaction is placed."))
    return redirect(f"{page}#reacties")
