"""An initiative as the Page followers read: its needs in plain Dutch, amounts to the cent."""

from __future__ import annotations

import io

from PIL import Image

from node.community.initiatives.model import InitiativeDraft
from node.community.initiatives.needs import NeedDraft
from node.community.neighbourhood import Neighbourhood
from node.federation.ids import Ids
from node.federation.initiatives.translate import initiative_page
from tests.conftest import add_member


async def test_a_money_need_keeps_its_cents_and_whole_euros_stay_whole(hood: Neighbourhood) -> None:
    anna = await add_member(hood, "anna")
    draft = InitiativeDraft(
        "Buurtfeest",
        "Een feest op het plein.",
        needs=[NeedDraft("money", "Tent en muziek", "350,50"), NeedDraft("money", "Eten", "1200")],
    )
    initiative_id = await hood.initiatives.start(anna, draft)
    page = initiative_page(Ids(hood.identity.url), await hood.initiatives.page(initiative_id))
    assert "Geld (€ 350,50): Tent en muziek" in page["content"]
    assert "Geld (€ 1.200): Eten" in page["content"]


async def test_an_initiatives_photo_is_an_attachment_mastodon_shows(hood: Neighbourhood) -> None:
    """Mastodon shows an object's photos from `attachment` only; `image` stays for others."""
    anna = await add_member(hood, "anna")
    photo = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 10)).save(photo, "PNG")
    initiative_id = await hood.initiatives.start(
        anna, InitiativeDraft("Moestuin", "Groente naast de speeltuin."), photo.getvalue()
    )
    page = initiative_page(Ids(hood.identity.url), await hood.initiatives.page(initiative_id))
    [attachment] = page["attachment"]
    assert attachment["url"] == page["image"]["url"] and attachment["mediaType"] == "image/jpeg"
    assert attachment["name"] == "Foto bij het initiatief Moestuin"
