"""From a Mastodon app to another node, with real processes and real clients: Mastodon.py
uploads a photo with alt text and posts it on Noord; the gemeente, which follows Noord,
receives the Note with the photo and its alt text as `attachment[].name`; an edit reaches
it as an Update; and a resident of the gemeente "follows" Noord's group from an app."""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from mastodon import Mastodon
from PIL import Image

from tests.conftest import RunningNode
from tests.federation.real_nodes import (
    ADMIN,
    Person,
    accepted,
    eventually,
    follow,
    handle,
    in_thread,
    logged_in,
    make_node,
    no_tracebacks,
    query,
)
from tests.web.mastodon.helpers import browser_login

pytestmark = pytest.mark.multinode
ALT = "Drie omgevallen fietsen bij het kapotte fietsenrek voor de bibliotheek"


@pytest.fixture
def nodes(tmp_path: Path) -> Iterator[tuple[RunningNode, RunningNode]]:
    noord = make_node(tmp_path / "noord", people=(ADMIN, Person("anna", "resident", "Anna")))
    gemeente = make_node(
        tmp_path / "gemeente",
        name="Gemeente Beekveld",
        kind="gemeente",
        people=(ADMIN, Person("carla", "resident", "Carla")),
    )
    try:
        yield noord, gemeente
    finally:
        noord.stop()
        gemeente.stop()


def _app(node: RunningNode, username: str) -> Mastodon:
    client_id, secret = Mastodon.create_app("Buurtnode test", api_base_url=node.url)
    api = Mastodon(client_id=client_id, client_secret=secret, api_base_url=node.url)
    api.log_in(code=browser_login(api.auth_request_url(allow_http=True), username), allow_http=True)
    return api


def _photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (800, 600), (90, 140, 60)).save(out, "JPEG")
    return out.getvalue()


def _received(gemeente: RunningNode, verb: str) -> list[dict]:
    rows = query(gemeente, "SELECT body FROM inbox_activities WHERE type = ?", verb)
    return [json.loads(body) for (body,) in rows]


async def _gemeente_follows(noord: RunningNode, gemeente: RunningNode) -> None:
    http = await logged_in(gemeente, "beheer")
    try:
        await follow(http, handle(noord))
    finally:
        await http.aclose()
    await eventually(lambda: accepted(gemeente, noord), "the gemeente follows Noord")


def test_a_photo_with_alt_text_and_an_edit_reach_the_following_node(
    nodes: tuple[RunningNode, RunningNode],
) -> None:
    noord, gemeente = nodes
    asyncio.run(_gemeente_follows(noord, gemeente))
    anna = in_thread(_app, noord, "anna")

    media = anna.media_post(io.BytesIO(_photo()), "image/jpeg", description=ALT, file_name="a.jpg")
    assert media.description == ALT
    status = anna.status_post("Fietsenrek bij de bieb is kapot", media_ids=[media])
    assert status.media_attachments[0].description == ALT
    page = httpx.get(status.url, timeout=30)
    assert f'alt="{ALT}"' in page.text
    assert httpx.get(media.url, timeout=30).headers["content-type"] == "image/jpeg"

    def note_arrived() -> bool:
        return any(a["object"].get("attachment") for a in _received(gemeente, "Create"))

    asyncio.run(eventually(note_arrived, "the gemeente receives the Note with its photo"))
    [create] = [a for a in _received(gemeente, "Create") if a["object"].get("attachment")]
    [attachment] = create["object"]["attachment"]
    assert attachment["name"] == ALT and attachment["url"] == media.url
    assert attachment["mediaType"] == "image/jpeg"

    edited = anna.status_update(status.id, "Fietsenrek bij de bieb is gerepareerd")
    assert edited.edited_at is not None and len(edited.media_attachments) == 1

    def update_arrived() -> bool:
        return any(
            "gerepareerd" in a["object"].get("content", "") for a in _received(gemeente, "Update")
        )

    asyncio.run(eventually(update_arrived, "the gemeente receives the edit as an Update"))
    [update] = [a for a in _received(gemeente, "Update") if "gerepareerd" in str(a)]
    assert update["object"]["id"] == create["object"]["id"]
    assert update["object"]["updated"] and update["object"]["attachment"][0]["name"] == ALT

    carla = in_thread(_app, gemeente, "carla")

    def on_carlas_home() -> bool:
        return any("gerepareerd" in s.content for s in carla.timeline_home())

    asyncio.run(eventually(on_carlas_home, "Noord's message is on Carla's home timeline"))
    group = next(s.account for s in carla.timeline_home() if "gerepareerd" in s.content)
    assert group.group is True
    assert carla.account_follow(group.id).following is True
    assert carla.account_relationships([group.id])[0].following is True
    no_tracebacks(noord, gemeente)
