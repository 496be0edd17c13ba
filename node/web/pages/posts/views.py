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
from node.community.posts.photos import MAX_DESCRIPTION
from node.community.posts.service import MAX_LENGTH, Visibility
from node.web.i18n import gettext as _
from node.web.labels import Section
from node.web.rendering import error_text, flash, redirect, render
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
    error: str | None = None,
    body: str = "",
    status_code: int = 400,
    photo_description: str = "",
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
            "body": body,
            "photo_description": photo_description,
            "max_length": MAX_LENGTH,
            "max_description": MAX_DESCRIPTION,
            **HELPERS,
        },
        status_code=status_code if error else 200,
    )


async def show(request: Request) -> Response:
    hood = request.app.state.hood
    member = await current_member(request)
    post = await hood.posts.get(_id(request), member)
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
            "max_length": MAX_LENGTH,
            "max_description": MAX_DESCRIPTION,
            **HELPERS,
        },
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
    body = str(form.get("body", ""))
    reply_to = str(form.get("in_reply_to", ""))
    visibility = str(form.get("visibility", Visibility.PUBLIC.value))
    posts = request.app.state.hood.posts
    photo = None
    try:
        if (data := await _photo(form)) is not None:
            photo = await posts.photos.upload(member, data, str(form.get("photo_description", "")))
        _kind, post_id = await posts.write(
            member,
            body,
            visibility=visibility,
            spoiler_text=str(form.get("spoiler_text", "")),
            in_reply_to=("post", int(reply_to)) if reply_to.isdigit() else None,
            photo_ids=[photo.id] if photo else None,
        )
    except DomainError as exc:
        if photo is not None:  # the message was refused: its photo goes too
            await posts.photos.discard(member, photo.id)
        if isinstance(exc, NotFound) or not reply_to.isdigit():
            description = str(form.get("photo_description", ""))
            return await index(request, error_text(exc), body, exc.status, description)
        flash(request, error_text(exc), "error")
        return redirect(f"/prikbord/{reply_to}")
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
