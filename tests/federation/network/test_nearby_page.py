"""The "In de buurt" pages: a resident reads what followed nodes publish, reacts, supports."""

from __future__ import annotations

import re

from tests.conftest import login, post_form
from tests.federation.conftest import Network
from tests.federation.helpers import follow, member, start_initiative


async def test_a_resident_reads_reacts_and_supports_from_in_de_buurt(network: Network) -> None:
    noord, zuid = network["noord"], network["zuid"]
    await follow(network, "zuid", "noord")
    initiative_id = await start_initiative(noord, await member(noord, "anna"))
    await network.settle()
    await member(zuid, "kees")
    async with zuid.client() as http:
        listing = await http.get("/in-de-buurt")
        assert listing.status_code == 200
        assert "Moestuin op het plein" in listing.text and "Beekveld-Noord" in listing.text
        assert f"{noord.settings.url}/initiatieven/{initiative_id}" in listing.text
        found = re.search(r'href="(/in-de-buurt/\d+)"', listing.text)
        assert found
        detail = found.group(1)
        anonymous = await http.get(detail)
        assert "Log in to react" in anonymous.text or "Log in om te reageren" in anonymous.text

        await login(http, "kees")
        page = await http.get(detail)
        assert page.status_code == 200 and "Helpen spitten" in page.text
        empty = await post_form(http, f"{detail}/reacties", {"body": "  "}, form_page=detail)
        assert empty.status_code == 400 and 'role="alert"' in empty.text
        placed = await post_form(http, f"{detail}/reacties", {"body": "Top!"}, form_page=detail)
        assert placed.status_code == 303
        supported = await post_form(http, f"{detail}/steun", {}, form_page=detail)
        assert supported.status_code == 303
        forged = await http.post(f"{detail}/steun", data={"csrf_token": "nope"})
        assert forged.status_code == 403
        after = await http.get(detail)
        assert "Top!" in after.text
        missing = await http.get("/in-de-buurt/999")
        assert missing.status_code == 404
    await network.settle()
    [comment] = await noord.fed.hood.comments.on("initiative", initiative_id)
    assert "Top!" in comment.body_html
    assert (await noord.fed.hood.initiatives.page(initiative_id)).supports == 1


async def test_the_page_says_when_nothing_is_followed(network: Network) -> None:
    async with network["zuid"].client() as http:
        response = await http.get("/in-de-buurt")
    assert response.status_code == 200 and "<h1>" in response.text
