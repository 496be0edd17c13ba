"""A day's bookings of a followed node's wijkboekhouding are one item, not a flood: in
In de buurt and in app timelines (issue #14)."""

from __future__ import annotations

from node.community.initiatives.service import InitiativeDraft
from node.community.ledger.model import EntryDraft
from node.community.neighbourhood import Neighbourhood
from tests.budget_support import open_round
from tests.conftest import login
from tests.federation.conftest import Network
from tests.federation.helpers import follow, member


async def _book(hood: Neighbourhood, times: int) -> None:
    admin = await hood.members.add("beheer", "een-lang-wachtwoord-1", "admin")
    round_id = str(await open_round(hood, admin))
    draft = InitiativeDraft(title="Bankjes", summary="Drie bankjes.", description="In het park.")
    plan = str(await hood.initiatives.start(admin, draft))
    for n in range(times):
        entry = EntryDraft("income", round_id, "2025-04-20", f"Gift {n}", "10", "business", plan)
        await hood.budget.ledger.record(admin, entry)


async def test_a_days_bookings_of_a_node_are_one_item(network: Network) -> None:
    """Given the gemeente follows Noord, when Noord books three entries on one day,
    then In de buurt and the app timeline show one item saying 3 new bookings."""
    noord, gemeente = network["noord"], network["gemeente"]
    await follow(network, "gemeente", "noord")
    await _book(noord.fed.hood, 3)
    await network.settle()
    hood = gemeente.fed.hood

    items = await hood.nearby.latest()
    assert [i.bookings for i in items if i.bookings] == [3]
    assert any(i.name == "Bankjes" for i in items)  # other news is still there

    statuses = await hood.timeline.page(None, "public", remote_only=True)
    remote = [s.remote for s in statuses if s.remote is not None]
    assert [r.bookings for r in remote if r.bookings] == [3]

    await member(gemeente, "contact", "contact")
    async with gemeente.client() as http:
        await login(http, "contact")
        page = (await http.get("/in-de-buurt", headers={"accept-language": "nl"})).text
        assert page.count("3 nieuwe boekingen in de wijkboekhouding") == 1
        assert "Nieuwe boeking in de wijkboekhouding (nr." not in page
        public = (await http.get("/api/v1/timelines/public?remote=true")).json()
    bookings = [s for s in public if "wijkboekhouding" in s["content"]]
    assert len(bookings) == 1 and "3" in bookings[0]["content"]
