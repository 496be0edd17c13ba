"""Het prikbord: residents read and write buurtberichten — the same posts apps see."""

from __future__ import annotations

from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from node.community.accounts.permissions import Action
from node.community.errors import N_, DomainError, NotFound
from node.community.media import MAX_IMAGE_BYTES
from node.community.posts.service import Visibility
from node.web.forms import FormErrors, form_errors
from node.web.i18n import gettext as _
from node.web.labels import Section
from node.web.rendering import flash, redirect, render
from node.web.security import checked_form, current_member, require_member
from node.web.timestamps import HELPERS

section = Section(
    "/prikbord",
    N_("Buurtberichten"),
    N_("Short messages from residents to the neighbourhood."),
    order=14,
)


def _id(request: Request) -> int:
    return int(request.path_params["post_id"])


async def index(
    request: Request,
    error: FormErrors | None = None,
    values: dict[str, str] | None = None,
    status_code: int = 400,
) -> Response:
    hood = request.app.state.hood
    member = await current_member(request)
    tag = request.query_params.get("tag", "").strip()
    return await render(
        request,
        "posts/index.html",
        {
            "posts": await hood.posts.recent(member, tag=tag or None),
            "tag": tag,
            "can_post": member is not None and member.can(Action.WRITE_POSTS),
            "error": error,
            "values": values or {},
            **HELPERS,
        },
        status_code=status_code if error else 200,
    )


async def show(request: Request) -> Response:
    return await _show(request, _id(request))


async def _show(
    request: Request,
    post_id: int,
    error: FormErrors | None = None,
    values: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    """A message and its replies; a refused reply shows its errors and text again."""
    hood = request.app.state.hood
    member = await current_member(request)
    post = await hood.posts.get(post_id, member)
    status_id = await hood.timeline.status_of("post", post.id)
    ancestors, replies = await hood.timeline.context(member, status_id)
    return await render(
        request,
        "posts/show.html",
        {
            "post": post,
            "parent": ancestors[-1].post if ancestors else None,
            "replies": [item.post for item in replies if item.post is not None],
            "can_post": member is not None and member.can(Action.WRITE_POSTS),
            "can_delete": post.may_delete(member),
            "shares": await hood.shares.count("post", post.id),
            "error": error,
            "values": values or {},
            **HELPERS,
        },
        status_code=status_code,
    )


async def _photo(form: FormData) -> bytes | None:
    upload = form.get("photo")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return None
    try:
        # One byte over the limit is enough for the domain to refuse it clearly.
        return await upload.read(MAX_IMAGE_BYTES + 1)
    finally:
        await upload.close()


async def create(request: Request) -> Response:
    member = await require_member(request)
    form = await checked_form(request)
    fields = ("body", "spoiler_text", "visibility", "photo_description")
    values = {k: str(form.get(k, "")) for k in fields}
    reply_to = str(form.get("in_reply_to", ""))
    try:
        _kind, post_id = await request.app.state.hood.posts.write_with_photo(
            member,
            values["body"],
            photo=await _photo(form),
            photo_description=values["photo_description"],
            visibility=values["visibility"] or Visibility.PUBLIC.value,
            spoiler_text=values["spoiler_text"],
            in_reply_to=("post", int(reply_to)) if reply_to.isdigit() else None,
        )
    except DomainError as exc:
        if isinstance(exc, NotFound) or not reply_to.isdigit():
            return await index(request, form_errors(exc), values, exc.status)
        return await _show(request, int(reply_to), form_errors(exc), values, exc.status)
    flash(request, _("Your message is on the prikbord."))
    return redirect(f"/prikbord/{reply_to}" if reply_to.isdigit() else f"/prikbord/{post_id}")


async def delete(request: Request) -> Response:
    member = await require_member(request)
    await checked_form(request)
    await request.app.state.hood.posts.delete(member, _id(request))
    flash(request, _("The message is removed."))
    return redirect("/prikbord")


async def photo(request: Request) -> Response:
    """A photo of a message, by its random name (as Mastodon serves media: whoever has the
    link); gone with a deleted or hidden message."""
    photos = request.app.state.hood.posts.photos
    name = request.path_params["name"]
    path = photos.media.path_for(name)
    if path is None or not await photos.may_show(name):
        raise HTTPException(404)
    # Names are random and files never change, so browsers may keep them.
    return FileResponse(path, headers={"cache-control": "public, max-age=31536000, immutable"})


routes = [
    Route("/prikbord/media/{name}", photo, methods=["GET"], name="post_photo"),
    Route("/prikbord", index, methods=["GET"], name="posts"),
    Route("/prikbord", create, methods=["POST"], name="post_create"),
    Route("/prikbord/{post_id:int}", show, methods=["GET"], name="post"),
    Route("/prikbord/{post_id:int}/verwijderen", delete, methods=["POST"], name="post_delete"),
]
