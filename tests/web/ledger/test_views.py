# ruff: noqa: F811  (pytest fixtures imported from tests/budget_support.py)
"""The wijkboekhouding through HTTP: entries with a receipt, the chart, open data, no edits;
and `buurtnode ledger verify` against the node's published books."""

from __future__ import annotations

import csv
import io

import httpx

from node.cli import main
from node.community.ledger.model import EntryDraft
from node.community.neighbourhood import Neighbourhood
from node.federation.ledger.verify import verify
from tests.budget_support import clock, open_round  # noqa: F401
from tests.conftest import add_member, csrf_from, login

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


async def round_with_books(hood: Neighbourhood) -> int:
    admin = await add_member(hood, "beheer", "admin")
    round_id = await open_round(hood, admin)
    rid = str(round_id)
    ledger = hood.budget.ledger
    await ledger.record(
        admin, EntryDraft("income", rid, "2026-03-01", "Subsidie gemeente", "1000", "municipality")
    )
    plan = await hood.budget.propose(admin, round_id, "Bankjes", "Drie bankjes in het park.", "400")
    await ledger.record(
        admin,
        EntryDraft(
            "allocation", rid, "2026-04-16", "Voor de bankjes", "400", proposal_id=str(plan)
        ),
    )
    await ledger.record(
        admin,
        EntryDraft("expense", rid, "2026-05-02", "Hout", "120", "business", proposal_id=str(plan)),
    )
    return round_id


async def test_given_an_admin_when_they_add_an_expense_with_a_receipt_then_the_books_show_it(
    moving_client: httpx.AsyncClient, moving_hood: Neighbourhood
) -> None:
    round_id = await round_with_books(moving_hood)
    await login(moving_client, "beheer")
    token = await csrf_from(moving_client, "/wijkboekhouding/nieuw")
    form = {
        "kind": "expense",
        "round_id": str(round_id),
        "date": "2026-05-03",
        "description": "Schroeven",
        "amount": "12,50",
        "counterparty": "business",
        "csrf_token": token,
    }

    response = await moving_client.post(
        "/wijkboekhouding/nieuw", data=form, files={"receipt": ("bon.pdf", PDF, "application/pdf")}
    )

    assert response.status_code == 303
    page = await moving_client.get(response.headers["location"])
    assert 'role="img"' in page.text and "<caption" in page.text
    assert "Waar het geld naartoe ging" in page.text and "Schroeven" in page.text
    assert "€\xa0867,50" in page.text  # still in hand: 1000 - 120 - 12,50
    receipt_link = page.text.split('href="/wijkboekhouding/bonnetjes/')[1].split('"')[0]
    assert (await moving_client.get(f"/wijkboekhouding/bonnetjes/{receipt_link}")).content == PDF
    async with httpx.AsyncClient(
        transport=moving_client._transport, base_url=str(moving_client.base_url)
    ) as anon:
        assert (await anon.get(f"/wijkboekhouding/bonnetjes/{receipt_link}")).status_code in (
            401,
            303,
        )


async def test_given_a_wrong_entry_form_when_sent_then_it_returns_with_the_input_and_an_error(
    moving_client: httpx.AsyncClient, moving_hood: Neighbourhood
) -> None:
    round_id = await round_with_books(moving_hood)
    await login(moving_client, "beheer")
    token = await csrf_from(moving_client, "/wijkboekhouding/nieuw")
    form = {
        "kind": "expense",
        "round_id": str(round_id),
        "date": "2026-05-03",
        "description": "Schroeven",
        "amount": "twaalf",
        "counterparty": "business",
        "csrf_token": token,
    }

    response = await moving_client.post("/wijkboekhouding/nieuw", data=form)

    assert response.status_code == 400
    assert 'value="Schroeven"' in response.text and 'role="alert"' in response.text


async def test_given_the_books_when_someone_tries_to_edit_an_entry_then_no_route_exists(
    moving_client: httpx.AsyncClient, moving_hood: Neighbourhood
) -> None:
    await round_with_books(moving_hood)
    await login(moving_client, "beheer")
    token = await csrf_from(moving_client, "/wijkboekhouding/nieuw")
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        for path in ("/wijkboekhouding/1", "/wijkboekhouding/1/bewerken", "/wijkboekhouding.json"):
            response = await moving_client.request(
                method, path, data={"csrf_token": token, "amount": "1"}
            )
            assert response.status_code in (404, 405), (method, path)
    assert [e.amount for e in await moving_hood.budget.ledger.entries()] == [100000, 40000, 12000]


async def test_given_the_books_when_downloaded_then_json_and_csv_carry_hashes_and_signatures(
    moving_client: httpx.AsyncClient, moving_hood: Neighbourhood
) -> None:
    await round_with_books(moving_hood)

    document = (await moving_client.get("/wijkboekhouding.json")).json()
    sheet = (await moving_client.get("/wijkboekhouding.csv")).text

    assert document["format"] == "buurtnode-ledger/1"
    assert "BEGIN PUBLIC KEY" in document["key"]["public_key_pem"]
    assert document["key"]["id"].endswith("/ap/actor#main-key")
    first = document["entries"][0]
    assert first["prev_hash"] == "0" * 64 and first["amount_cents"] == 100000
    assert document["entries"][1]["prev_hash"] == first["hash"]
    rows = list(csv.DictReader(io.StringIO(sheet)))
    assert [r["hash"] for r in rows] == [e["hash"] for e in document["entries"]]


async def test_given_published_books_when_verified_then_ok_and_a_forgery_is_named(
    moving_app,
    moving_hood: Neighbourhood,
    settings,  # type: ignore[no-untyped-def]
) -> None:
    await round_with_books(moving_hood)
    transport = httpx.ASGITransport(app=moving_app)

    good = await verify(settings.url, transport)
    await moving_hood.db.execute(
        "DROP TRIGGER ledger_entries_no_update"
    )  # someone with root access
    await moving_hood.db.execute("UPDATE ledger_entries SET amount = 1200 WHERE number = 3")
    bad = await verify(settings.url + "/wijkboekhouding.json", transport)

    assert (good.ok, good.message) == (True, "OK: 3 entries")
    assert not bad.ok and bad.message.startswith("BROKEN at entry 3:")


async def test_given_books_signed_with_another_key_when_verified_then_the_actor_key_differs(
    moving_app,
    moving_hood: Neighbourhood,
    settings,  # type: ignore[no-untyped-def]
) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    from node.community.signing import RsaSigner

    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = (
        other.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    moving_hood.budget.ledger.signer = RsaSigner(other, pem, "https://elders.example/key")
    await round_with_books(moving_hood)

    verdict = await verify(settings.url, httpx.ASGITransport(app=moving_app))

    assert not verdict.ok and "not the key of the node's actor" in verdict.message


def test_given_an_unreachable_node_when_verified_on_the_command_line_then_it_exits_1(
    capsys,  # type: ignore[no-untyped-def]
) -> None:
    from tests.conftest import free_port

    assert main(["ledger", "verify", f"http://127.0.0.1:{free_port()}"]) == 1
    assert "cannot fetch" in capsys.readouterr().out


async def test_books_without_entries_say_so_instead_of_showing_empty_figures(
    moving_hood: Neighbourhood, moving_client: httpx.AsyncClient
) -> None:
    await open_round(moving_hood, await add_member(moving_hood, "beheer", "admin"))
    html = (await moving_client.get("/wijkboekhouding")).text
    assert "Voor Wijkbudget 2026 is nog niets geboekt." in html
    assert 'class="figures"' not in html and 'role="img"' not in html
    assert "/wijkboekhouding.json" in html  # the open data stays on offer
