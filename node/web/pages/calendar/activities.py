"""Activities: the week-by-week calendar, planning, answering (RSVP), reactions and iCalendar
feeds."""

from __future__ import annotations

import re
from datetime import date, timedelta

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from node.community.calendar.draft import FIRST_YEAR, LAST_YEAR, EventDraft
from node.community.calendar.model import Answer, monday_of
from node.community.errors import N_, Invalid
from node.web.forms import FormErrors, form_errors
from node.web.i18n import gettext as _
from node.web.labels import Section
from node.web.pages.calendar import ical
from node.web.pages.calendar.format import HELPERS, answer_label, week_label
from node.web.pages.reactions import comments
from node.web.rendering import flash, redirect, render
from node.web.security import checked_form, current_member, require_member

section = Section(
    "/activiteiten",
    N_("Activities"),
    N_("What happens in the neighbourhood, week by week."),
    order=20,
    featured=True,
)

WEEKS_PER_PAGE = 4
_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})$")


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _first_monday(param: str | None, this_monday: date) -> date:
    """The week asked for as `?vanaf=2025-W48`; this week when absent or unreadable."""
    found = _ISO_WEEK.match(param or "")
    if found and FIRST_YEAR <= int(found[1]) <= LAST_YEAR:
        try:
            return date.fromisocalendar(int(found[1]), int(found[2]), 1)
        except ValueError:
            pass
    return this_monday


async def calendar_page(request: Request) -> Response:
    hood = request.app.state.hood
    now = hood.clock()
    this_monday = monday_of(now)
    first = _first_monday(request.query_params.get("vanaf"), this_monday)
    weeks = await hood.calendar.weeks(first, WEEKS_PER_PAGE)
    later = None
    if not any(week.events for week in weeks):
        later = next(
            (e for e in await hood.calendar.upcoming(limit=50) if e.local_start.date() > first),
            None,
        )
    return await render(
        request,
        "activities/list.html",
        {
            **HELPERS,
            "weeks": [(week_label(w, this_monday), w) for w in weeks],
            "now": now,
            "is_current": first == this_monday,
            "previous": iso_week(first - timedelta(weeks=WEEKS_PER_PAGE)),
            "next": iso_week(first + timedelta(weeks=WEEKS_PER_PAGE)),
            "later": later,
            "later_week": iso_week(later.local_start.date()) if later else "",
        },
    )


async def _detail(
    request: Request,
    event_id: int,
    error: FormErrors | None = None,
    status_code: int = 200,
    *,
    comment_error: FormErrors | None = None,
    values: dict[str, str] | None = None,
) -> Response:
    hood = request.app.state.hood
    event = await hood.calendar.get(event_id)
    member = await current_member(request)
    names: dict[str, list[str]] = {}
    if member is not None:
        names = {a.value: await hood.calendar.names(event.id, a) for a in Answer}
    return await render(
        request,
        "activities/show.html",
        {
            **HELPERS,
            "event": event,
            "week": iso_week(event.local_start.date()),
            "ended": event.has_ended(hood.clock()),
            "may_edit": hood.calendar.may_edit(member, event),
            "my_answer": await hood.calendar.answer_of(member, event.id) if member else None,
            "names": names,
            "answers": [a.value for a in Answer],
            "shares": await hood.shares.count("event", event.id),
            "comments": await hood.comments.on("event", event.id),
            "error": error,
            "comment_error": comment_error,
            "values": values or {},
        },
        status_code=status_code,
    )


async def show(request: Request) -> Response:
    return await _detail(request, request.path_params["event_id"])


async def _form(
    request: Request,
    draft: EventDraft,
    *,
    action: str,
    heading: str,
    error: FormErrors | None = None,
    status_code: int = 200,
) -> Response:
    hood = request.app.state.hood
    return await render(
        request,
        "activities/form.html",
        {
            "draft": draft,
            "action": action,
            "heading": heading,
            "places": await hood.places.all(),
            "initiatives": await hood.calendar.initiative_choices(),
            "error": error,
        },
        status_code=status_code,
    )


def _draft(form: FormData) -> EventDraft:
    return EventDraft(**{name: str(form.get(name, "")) for name in EventDraft.fields()})


async def new_form(request: Request) -> Response:
    await require_member(request)
    draft = EventDraft(place_id=request.query_params.get("plek", ""))
    return await _form(request, draft, action="/activiteiten/nieuw", heading=_("Plan an activity"))


async def create(request: Request) -> Response:
    member = await require_member(request)
    draft = _draft(await checked_form(request))
    try:
        event = await request.app.state.hood.calendar.plan(member, draft)
    except Invalid as error:
        return await _form(
            request,
            draft,
            action="/activiteiten/nieuw",
            heading=_("Plan an activity"),
            error=form_errors(error),
            status_code=error.status,
        )
    flash(request, _("Your activity is in the calendar."))
    return redirect(f"/activiteiten/{event.id}")


async def edit_form(request: Request) -> Response:
    member = await require_member(request)
    event = await request.app.state.hood.calendar.editable(member, request.path_params["event_id"])
    return await _form(
        request,
        EventDraft.from_event(event),
        action=f"/activiteiten/{event.id}/bewerken",
        heading=_("Change activity"),
    )


async def update(request: Request) -> Response:
    member = await require_member(request)
    draft = _draft(await checked_form(request))
    event_id = request.path_params["event_id"]
    try:
        await request.app.state.hood.calendar.update(member, event_id, draft)
    except Invalid as error:
        return await _form(
            request,
            draft,
            action=f"/activiteiten/{event_id}/bewerken",
            heading=_("Change activity"),
            error=form_errors(error),
            status_code=error.status,
        )
    flash(request, _("The activity is changed."))
    return redirect(f"/activiteiten/{event_id}")


async def cancel(request: Request) -> Response:
    member = await require_member(request)
    await checked_form(request)
    event_id = request.path_params["event_id"]
    try:
        await request.app.state.hood.calendar.cancel(member, event_id)
    except Invalid as error:
        return await _detail(request, event_id, form_errors(error), error.status)
    flash(request, _("The activity is cancelled. It stays in the calendar, marked as cancelled."))
    return redirect(f"/activiteiten/{event_id}")


async def answer(request: Request) -> Response:
    member = await require_member(request)
    form = await checked_form(request)
    event_id = request.path_params["event_id"]
    try:
        chosen = await request.app.state.hood.calendar.answer(
            member, event_id, str(form.get("answer", ""))
        )
    except Invalid as error:
        return await _detail(request, event_id, form_errors(error), error.status)
    flash(request, _("Your answer is saved: %(answer)s.", answer=answer_label(chosen)))
    return redirect(f"/activiteiten/{event_id}")


async def comment(request: Request) -> Response:
    event_id = request.path_params["event_id"]

    async def refused(error: FormErrors, values: dict[str, str], status_code: int) -> Response:
        return await _detail(
            request, event_id, status_code=status_code, comment_error=error, values=values
        )

    return await comments.place(request, "event", event_id, f"/activiteiten/{event_id}", refused)


async def feed(request: Request) -> Response:
    hood = request.app.state.hood
    body = ical.calendar_bytes(await hood.calendar.feed(), hood.identity.name, hood.identity.url)
    return Response(body, media_type=ical.CONTENT_TYPE)


async def event_feed(request: Request) -> Response:
    hood = request.app.state.hood
    event = await hood.calendar.get(request.path_params["event_id"])
    body = ical.calendar_bytes([event], hood.identity.name, hood.identity.url)
    return Response(
        body,
        media_type=ical.CONTENT_TYPE,
        headers={"content-disposition": f'attachment; filename="activiteit-{event.id}.ics"'},
    )


routes = [
    Route("/activiteiten", calendar_page, methods=["GET"], name="activities"),
    Route("/activiteiten.ics", feed, methods=["GET"], name="activities_feed"),
    Route("/activiteiten/nieuw", new_form, methods=["GET"], name="activity_new"),
    Route("/activiteiten/nieuw", create, methods=["POST"], name="activity_create"),
    Route("/activiteiten/{event_id:int}", show, methods=["GET"], name="activity"),
    Route("/activiteiten/{event_id:int}.ics", event_feed, methods=["GET"], name="activity_feed"),
    Route(
        "/activiteiten/{event_id:int}/bewerken", edit_form, methods=["GET"], name="activity_edit"
    ),
    Route(
        "/activiteiten/{event_id:int}/bewerken", update, methods=["POST"], name="activity_update"
    ),
    Route(
        "/activiteiten/{event_id:int}/annuleren", cancel, methods=["POST"], name="activity_cancel"
    ),
    Route(
        "/activiteiten/{event_id:int}/aanmelden", answer, methods=["POST"], name="activity_answer"
    ),
    Route(
        "/activiteiten/{event_id:int}/reacties", comment, methods=["POST"], name="activity_comment"
    ),
]
