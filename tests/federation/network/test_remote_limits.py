"""What followed nodes send has its own bounds: an over-long title or text is kept,
sanitised and visibly shortened ("…"), never refused with an error or cut unmarked."""

from __future__ import annotations

from node.community.neighbourhood import Neighbourhood
from node.community.network.nearby import MAX_REMOTE_HTML, MAX_REMOTE_TITLE
from node.federation.network.translate import remote_object

ORIGIN = "https://zuid.example.nl/ap/actor"


async def test_an_over_long_remote_title_and_text_are_kept_visibly_shortened(
    hood: Neighbourhood,
) -> None:
    doc = {
        "id": "https://zuid.example.nl/ap/objects/initiative/1",
        "type": "Page",
        "attributedTo": ORIGIN,
        "name": "Moestuin " * 400,  # 3,600 characters
        "content": "<p>" + "tomaat " * 30_000 + "</p><script>alert(1)</script>",
        "url": "https://zuid.example.nl/initiatieven/1",
    }
    item_id = await hood.nearby.store(remote_object(doc, origin=ORIGIN))
    item = await hood.nearby.get(item_id)
    assert len(item.name) <= MAX_REMOTE_TITLE and item.name.endswith("…")
    assert item.name.startswith("Moestuin Moestuin")
    assert len(item.content_html) <= MAX_REMOTE_HTML and item.content_html.endswith("<p>…</p>")
    assert "<script" not in item.content_html


async def test_a_short_remote_title_is_not_touched(hood: Neighbourhood) -> None:
    doc = {"id": "https://zuid.example.nl/ap/objects/n/2", "type": "Note", "content": "<p>Hoi</p>"}
    item = await hood.nearby.get(await hood.nearby.store(remote_object(doc, origin=ORIGIN)))
    assert item.name == "Hoi" and item.body_html == ""  # the title is said once
