"""Photos from apps: upload (v1 and v2, with `description` as alt text), look at one and
change its description before it is posted. `POST /api/v1/statuses` attaches them with
`media_ids`; only images are taken (re-encoded, EXIF and GPS gone: community/media.py)."""

from __future__ import annotations

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response

from node.community.accounts.members import Member
from node.community.errors import N_, Invalid, NotFound
from node.community.media import MAX_IMAGE_BYTES
from node.web.mastodon import entities
from node.web.mastodon.api import api, as_int, both, params, reply, site


def _id(request: Request) -> int:
    found = as_int(request.path_params["media_id"])
    if found is None:
        raise NotFound(N_("This photo does not exist (any more)."))
    return found


@api("write:media")
async def upload(request: Request, me: Member | None) -> Response:
    assert me is not None
    form = await request.form()
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise Invalid(N_("Choose a photo to add."))
    try:
        # One byte over the limit is enough for the domain to refuse it clearly.
        data = await upload.read(MAX_IMAGE_BYTES + 1)
    finally:
        await upload.close()
    description = form.get("description")
    photos = request.app.state.hood.posts.photos
    photo = await photos.upload(me, data, description if isinstance(description, str) else "")
    return reply(entities.media_attachment(site(request), photo))


@api("write:media")
async def show(request: Request, me: Member | None) -> Response:
    assert me is not None
    photo = await request.app.state.hood.posts.photos.get(me, _id(request))
    return reply(entities.media_attachment(site(request), photo))


@api("write:media")
async def describe(request: Request, me: Member | None) -> Response:
    assert me is not None
    description = str((await params(request)).get("description") or "")
    photo = await request.app.state.hood.posts.photos.describe(me, _id(request), description)
    return reply(entities.media_attachment(site(request), photo))


routes = [
    *both("/api/v1/media", upload, ["POST"]),
    *both("/api/v2/media", upload, ["POST"]),
    *both("/api/v1/media/{media_id}", show, ["GET"]),
    *both("/api/v1/media/{media_id}", describe, ["PUT"]),
]
