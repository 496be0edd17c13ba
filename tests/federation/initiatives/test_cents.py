"""Money keeps its cents on every path (issue 13): a need of € 350,50 reads € 350,50 on
its own page, in the Page it federates and on a follower's In de buurt copy."""

from __future__ import annotations

from node.community.initiatives.model import InitiativeDraft
from node.community.initiatives.needs import NeedDraft
from tests.federation.conftest import Network
from tests.federation.helpers import follow, member


async def test_a_money_need_with_cents_keeps_them_everywhere(network: Network) -> None:
    noord, zuid = network["noord"], network["zuid"]
    await follow(network, "zuid", "noord")
    anna = await member(noord, "anna")
    draft = InitiativeDraft(
        title="Bankjes aan de Beek",
        summary="Twee bankjes.",
        needs=[NeedDraft("money", "Hout en schroeven", "350,50")],
    )
    initiative_id = await noord.fed.hood.initiatives.start(anna, draft)
    await network.settle()
    [need] = (await noord.fed.hood.initiatives.page(initiative_id)).needs
    assert need.amount == 35050
    async with noord.client() as http:
        page = (await http.get(f"/initiatieven/{initiative_id}")).text
    assert "€ 350,50" in page
    [item] = await zuid.fed.hood.nearby.latest()
    assert "€ 350,50" in item.content_html
    async with zuid.client() as http:
        copy = (await http.get(f"/in-de-buurt/{item.id}")).text
    assert "€ 350,50" in copy and "€ 350<" not in copy
