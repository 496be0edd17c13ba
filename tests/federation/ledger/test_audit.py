"""The municipality checks the books of the nodes it follows: over the fake network, an
intact ledger with its totals, a forged entry and a swapped key (docs/budget.md)."""

from __future__ import annotations

from datetime import timedelta

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from node.community.initiatives.service import InitiativeDraft
from node.community.ledger.chain import entry_hash
from node.community.ledger.model import EntryDraft
from node.community.neighbourhood import Neighbourhood
from node.storage.ledger import checks as ledger_checks
from node.storage.ledger import queries as ledger_store
from tests.budget_support import open_round
from tests.conftest import login
from tests.federation.conftest import Network
from tests.federation.helpers import follow, member

DRAFT = InitiativeDraft(title="Bankjes", summary="Drie bankjes.", description="In het park.")


async def round_with_books(hood: Neighbourhood) -> None:
    admin = await hood.members.add("beheer", "een-lang-wachtwoord-1", "admin")
    rid = str(await open_round(hood, admin))
    plan = str(await hood.initiatives.start(admin, DRAFT))
    for kind, amount, counterparty in (
        ("income", "1000", "municipality"),
        ("allocation", "400", ""),
        ("expense", "120", "business"),
    ):
        draft = EntryDraft(kind, rid, "2025-04-20", f"Boeking {kind}", amount, counterparty, plan)
        await hood.budget.ledger.record(admin, draft)


async def test_the_gemeente_sees_intact_books_with_their_totals(network: Network) -> None:
    """Given Noord has books (1000 in, 400 allocated, 120 spent), when the gemeente follows
    Noord, then its dashboard shows Noord's books intact with these totals."""
    noord, gemeente = network["noord"], network["gemeente"]
    await round_with_books(noord.fed.hood)
    actor = (await noord.client().get("/ap/actor")).json()
    assert actor["ledger"] == f"{noord.settings.url}/wijkboekhouding.json"
    await follow(network, "gemeente", "noord")

    [book] = await gemeente.fed.hood.dashboard.ledger_checks()
    assert book.intact and book.problem == "" and book.entries == 3
    assert (book.income, book.allocated, book.spent, book.balance) == (
        100000,
        40000,
        12000,
        88000,
    )
    await member(gemeente, "contact", "admin")
    async with gemeente.client() as http:
        await login(http, "contact")
        page = (await http.get("/gemeente")).text
    assert "Wijkboekhouding per buurt" in page and "✓" in page
    assert "€\xa01.000,00" in page and "€\xa0880,00" in page
    # A wijk node does not check books.
    await follow(network, "zuid", "noord")
    assert await network["zuid"].fed.hood.dashboard.ledger_checks() == []


async def test_a_forged_entry_shows_as_broken_at_that_entry(network: Network) -> None:
    """Given the gemeente checked Noord's books, when someone adds an entry straight into
    Noord's database (hashed right, but without Noord's key), then the next check shows the
    books broken at that entry."""
    noord, gemeente = network["noord"], network["gemeente"]
    await round_with_books(noord.fed.hood)
    await follow(network, "gemeente", "noord")
    async with noord.fed.db.transaction() as tx:
        last = dict(await tx.fetch_one("SELECT * FROM ledger_entries WHERE number = 3"))
        public = (await noord.client().get("/wijkboekhouding.json")).json()["entries"][2]
        forged = {**public, "number": 4, "amount_cents": 1, "prev_hash": last["hash"]}
        row = {k: v for k, v in last.items() if k in ledger_store.COLUMNS}
        row.update(number=4, amount=1, prev_hash=last["hash"], hash=entry_hash(forged))
        await ledger_store.insert_entry(tx, row)

    network.clock.advance(timedelta(hours=7))
    await network.settle()

    [book] = await gemeente.fed.hood.dashboard.ledger_checks()
    assert not book.intact and book.entries == 4
    assert book.problem.startswith("entry 4:") and "signature" in book.problem


async def test_books_signed_with_another_key_show_as_broken(network: Network) -> None:
    """Given the gemeente knows Noord's actor key, when Noord's books are signed with some
    other key, then the check says the key is not the node's."""
    noord, gemeente = network["noord"], network["gemeente"]
    await round_with_books(noord.fed.hood)
    await follow(network, "gemeente", "noord")
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key()
    pem = other.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()
    async with gemeente.fed.db.transaction() as tx:
        await tx.execute(
            "UPDATE remote_actors SET public_key_pem = ? WHERE uri = ?", (pem, noord.fed.ids.actor)
        )

    # Noord is heard from (a new follow request) after the throttle: checked again.
    network.clock.advance(timedelta(minutes=11))
    await follow(network, "noord", "gemeente")

    [book] = await gemeente.fed.hood.dashboard.ledger_checks()
    assert not book.intact and "key" in book.problem
    assert await ledger_checks.due(gemeente.fed.db, "0", 5) == []


async def test_a_new_entry_is_announced_to_followers_as_a_note(network: Network) -> None:
    """Given the gemeente follows Noord, when Noord books an expense, then the gemeente
    receives a Note naming the entry and the amount, and the Note's id dereferences."""
    noord, gemeente = network["noord"], network["gemeente"]
    await round_with_books(noord.fed.hood)
    await follow(network, "gemeente", "noord")
    hood = noord.fed.hood
    admin = await hood.members.by_username("beheer")
    [round_] = await hood.budget.rounds()
    draft = EntryDraft(
        "expense", str(round_.id), "2025-05-02", "Verf voor bankjes", "1250,5", "business"
    )
    entry = await hood.budget.ledger.record(admin, draft)
    await network.settle()

    notes = [
        item
        for item in await gemeente.fed.hood.nearby.latest()
        if "Verf voor bankjes" in item.content_html
    ]
    assert len(notes) == 1
    assert "€ 1.250,50" in notes[0].content_html and "Uitgave" in notes[0].content_html
    served = await noord.client().get(
        f"/ap/objects/ledger_entry/{entry.number}", headers={"accept": "application/activity+json"}
    )
    assert served.status_code == 200 and served.json()["type"] == "Note"
