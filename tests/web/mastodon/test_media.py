"""Photos from apps, polls refused, and edits: through the in-process app."""

from __future__ import annotations

import io

import httpx
from PIL import Image

from node.community.neighbourhood import Neighbourhood
from tests.conftest import add_member, csrf_from, login
from tests.web.mastodon.helpers import bearer, token_for

ALT = "Het kapotte fietsenrek bij de bieb, drie fietsen liggen om"


def photo_bytes(size: tuple[int, int] = (2400, 1200)) -> bytes:
    """A JPEG straight from a phone: large, with a GPS position in its EXIF."""
    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[0x8825] = {2: (52.0, 5.0, 0.0), 4: (5.0, 7.0, 0.0)}  # GPSInfo: latitude, longitude
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


async def _upload(
    client: httpx.AsyncClient, token: dict[str, str], data: bytes, path: str = "/api/v2/media"
) -> httpx.Response:
    files = {"file": ("IMG_0001.jpg", data, "image/jpeg")}
    return await client.post(path, files=files, data={"description": ALT}, headers=token)


async def test_a_photo_with_alt_text_is_posted_and_shown(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    """Given a resident uploads a phone photo with alt text, then it is kept without EXIF at
    most 1600 pixels wide, a message carries it, and the prikbord shows it with its alt."""
    await add_member(hood, "anna")
    anna = bearer(await token_for(client, hood, "anna"))
    uploaded = await _upload(client, anna, photo_bytes())
    assert uploaded.status_code == 200, uploaded.text
    media = uploaded.json()
    assert media["type"] == "image" and media["description"] == ALT
    assert media["meta"]["original"]["width"] == 1600
    kept = await client.get(media["url"])
    assert kept.status_code == 200
    assert not Image.open(io.BytesIO(kept.content)).getexif()  # no GPS, no camera
    v1 = await _upload(client, anna, photo_bytes((300, 200)), "/api/v1/media")
    assert v1.status_code == 200

    posted = await client.post(
        "/api/v1/statuses",
        data={"status": "Fietsenrek kapot", "media_ids[]": [media["id"], v1.json()["id"]]},
        headers=anna,
    )
    assert posted.status_code == 200, posted.text
    status = posted.json()
    assert [m["description"] for m in status["media_attachments"]] == [ALT, ALT]
    page = await client.get(status["url"].removeprefix(str(client.base_url)))
    assert f'alt="{ALT}"' in page.text and media["url"].split("/")[-1] in page.text
    again = await client.post(
        "/api/v1/statuses", json={"status": "Nog eens", "media_ids": [media["id"]]}, headers=anna
    )
    assert again.status_code == 422  # a photo belongs to one message


async def test_what_cannot_be_a_photo_is_refused_clearly(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await add_member(hood, "anna")
    await add_member(hood, "bert")
    anna = bearer(await token_for(client, hood, "anna"))
    bert = bearer(await token_for(client, hood, "bert"))
    not_image = await _upload(client, anna, b"%PDF-1.4 not a photo")
    assert not_image.status_code == 422 and "JPEG" in not_image.json()["error"]
    missing = await client.post("/api/v2/media", data={"description": ALT}, headers=anna)
    assert missing.status_code == 422
    files = {"file": ("a.jpg", photo_bytes((50, 50)), "image/jpeg")}
    long = await client.post(
        "/api/v2/media", files=files, data={"description": "x" * 1501}, headers=anna
    )
    assert long.status_code == 422 and "1500" in long.json()["error"]  # never cut off
    media = (await _upload(client, anna, photo_bytes((50, 50)))).json()
    theirs = await client.post(
        "/api/v1/statuses", data={"status": "Van mij", "media_ids[]": media["id"]}, headers=bert
    )
    assert theirs.status_code == 422
    assert (await client.get(f"/api/v1/media/{media['id']}", headers=bert)).status_code == 404
    described = await client.put(
        f"/api/v1/media/{media['id']}", data={"description": "Een vierkant"}, headers=anna
    )
    assert described.json()["description"] == "Een vierkant"
    five = [(await _upload(client, anna, photo_bytes((20, 20)))).json()["id"] for _ in range(5)]
    too_many = await client.post(
        "/api/v1/statuses", json={"status": "Vijf", "media_ids": five}, headers=anna
    )
    assert too_many.status_code == 422 and "4" in too_many.json()["error"]
    assert await hood.posts.recent(None) == []  # nothing was posted by any refusal


async def test_a_poll_is_refused_and_nothing_is_posted(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await add_member(hood, "anna")
    anna = bearer(await token_for(client, hood, "anna"))
    as_form = await client.post(
        "/api/v1/statuses",
        data={"status": "Waar komt het bankje?", "poll[options][]": ["Vijver", "Speeltuin"]}
        | {"poll[expires_in]": "86400"},
        headers=anna,
    )
    as_json = await client.post(
        "/api/v1/statuses",
        json={"status": "Waar?", "poll": {"options": ["A", "B"], "expires_in": 3600}},
        headers=anna,
    )
    for refused in (as_form, as_json):
        assert refused.status_code == 422 and "Peilingen" in refused.json()["error"]
    assert await hood.posts.recent(None) == []


async def test_an_edit_changes_text_and_photos_and_marks_it_edited(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await add_member(hood, "anna")
    await add_member(hood, "bert")
    anna = bearer(await token_for(client, hood, "anna"))
    bert = bearer(await token_for(client, hood, "bert"))
    media = (await _upload(client, anna, photo_bytes((64, 48)))).json()
    status = (
        await client.post(
            "/api/v1/statuses",
            data={"status": "Buurtsoep op zatedag #soep", "media_ids[]": media["id"]},
            headers=anna,
        )
    ).json()
    path = f"/api/v1/statuses/{status['id']}"
    kept = await client.put(path, json={"status": "Buurtsoep op zatedag #soep"}, headers=anna)
    assert len(kept.json()["media_attachments"]) == 1  # without media_ids the photo stays
    source = (await client.get(f"{path}/source", headers=anna)).json()
    assert source["text"] == "Buurtsoep op zatedag #soep"
    edited = await client.put(
        path, data={"status": "Buurtsoep op zaterdag #soep #horst", "media_ids[]": ""}, headers=anna
    )
    assert edited.status_code == 200, edited.text
    found = edited.json()
    assert found["content"].startswith("<p>Buurtsoep op zaterdag") and found["edited_at"]
    assert found["media_attachments"] == [] and {t["name"] for t in found["tags"]} == {
        "soep",
        "horst",
    }
    assert (await client.get(media["url"])).status_code == 404  # the photo left is gone
    assert (await client.put(path, data={"status": "Van Bert"}, headers=bert)).status_code == 403
    empty = await client.put(path, data={"status": "  "}, headers=anna)
    assert empty.status_code == 422
    page = await client.get(f"/prikbord/{status['id']}")
    assert "zaterdag" in page.text and "bewerkt" in page.text
    [version] = (await client.get(f"{path}/history", headers=anna)).json()
    assert version["content"] == found["content"] and version["created_at"] == found["edited_at"]


async def test_the_prikbord_form_takes_a_photo_with_its_description(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    """Without an app: the web form posts a photo with alt text; a refused message keeps
    no photo behind."""
    await add_member(hood, "anna")
    await login(client, "anna")
    token = await csrf_from(client, "/prikbord")
    photo = {"photo": ("tuin.jpg", photo_bytes((640, 480)), "image/jpeg")}
    posted = await client.post(
        "/prikbord",
        data={"csrf_token": token, "body": "De moestuin bloeit", "photo_description": ALT},
        files=photo,
    )
    assert posted.status_code == 303, posted.text
    page = await client.get(posted.headers["location"])
    assert f'alt="{ALT}"' in page.text
    refused = await client.post(
        "/prikbord",
        data={"csrf_token": token, "body": "x" * 1001, "photo_description": ALT},
        files=photo,
    )
    assert refused.status_code == 400 and "x" * 1001 in refused.text  # what was typed stays
    assert f">{ALT}</textarea>" in refused.text
    [post] = await hood.posts.recent(None)
    assert len(post.photos) == 1
    kept = list((hood.db.path.parent / "media").iterdir())
    assert [f.name for f in kept] == [post.photos[0].file_name]  # the refused one is gone
