"""Reporting and moderation: any resident reports, a buurtverbinder hides or restores with a
reason that is kept, and hidden content disappears without being deleted."""

import httpx

from node.community.neighbourhood import Neighbourhood
from tests.conftest import add_member, login, post_form


async def _content(hood: Neighbourhood) -> int:
    """A piece of content to moderate: a plain row in a moderatable table."""
    author = await add_member(hood, "auteur", "buurtverbinder")
    async with hood.db.transaction() as tx:
        return await tx.execute(
            "INSERT INTO announcements (author_id, title, body, urgent, created_at, updated_at)"
            " VALUES (?, 'Gratis fietsen!!!', 'x', 0, '2026-11-01T10:00:00Z',"
            " '2026-11-01T10:00:00Z')",
            (author.id,),
        )


async def test_a_resident_reports_and_a_buurtverbinder_hides_with_a_reason(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    content_id = await _content(hood)
    await add_member(hood, "anna")
    await login(client, "anna")
    form = await client.get(f"/melden?type=announcement&id={content_id}&volgende=/mededelingen")
    assert "Gratis fietsen" in form.text
    reported = await post_form(
        client,
        "/melden",
        {
            "type": "announcement",
            "id": str(content_id),
            "reason": "Reclame",
            "next": "/mededelingen",
        },
    )
    assert reported.status_code == 303 and reported.headers["location"] == "/mededelingen"
    again = await post_form(
        client,
        "/melden",
        {"type": "announcement", "id": str(content_id), "reason": "Nog eens", "next": "/"},
    )
    assert again.status_code == 400 and "al gemeld" in again.text

    await post_form(client, "/uitloggen", {})
    await add_member(hood, "bert", "buurtverbinder")
    await login(client, "bert")
    queue = await client.get("/beheer/meldingen")
    assert "Reclame" in queue.text and "Gratis fietsen" in queue.text
    hidden = await post_form(
        client,
        "/beheer/meldingen",
        {
            "type": "announcement",
            "id": str(content_id),
            "decision": "hide",
            "reason": "Reclame hoort hier niet",
        },
    )
    assert hidden.status_code == 303

    row = await hood.db.fetch_one(
        "SELECT hidden_at, hidden_reason FROM announcements WHERE id = ?", (content_id,)
    )
    assert row["hidden_at"] and row["hidden_reason"] == "Reclame hoort hier niet"
    page = await client.get("/beheer/meldingen")
    assert "Er zijn geen open meldingen." in page.text and "Reclame hoort hier niet" in page.text

    await post_form(
        client,
        "/beheer/meldingen",
        {
            "type": "announcement",
            "id": str(content_id),
            "decision": "restore",
            "reason": "Toch een buurtactie",
        },
    )
    row = await hood.db.fetch_one("SELECT hidden_at FROM announcements WHERE id = ?", (content_id,))
    assert row["hidden_at"] is None
    log = await hood.db.fetch_all("SELECT action, reason FROM moderation_log ORDER BY id")
    assert [tuple(r) for r in log] == [
        ("hide", "Reclame hoort hier niet"),
        ("restore", "Toch een buurtactie"),
    ]


async def test_a_resident_cannot_moderate_and_a_visitor_cannot_report(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    content_id = await _content(hood)
    anonymous = await client.get(f"/melden?type=announcement&id={content_id}")
    assert anonymous.status_code == 303 and "/inloggen" in anonymous.headers["location"]
    await add_member(hood, "anna")
    await login(client, "anna")
    assert (await client.get("/beheer/meldingen")).status_code == 403
    refused = await post_form(
        client,
        "/beheer/meldingen",
        {"type": "announcement", "id": str(content_id), "decision": "hide", "reason": "weg"},
    )
    assert refused.status_code == 403
    row = await hood.db.fetch_one("SELECT hidden_at FROM announcements WHERE id = ?", (content_id,))
    assert row["hidden_at"] is None


async def test_reporting_an_unknown_kind_or_item_is_a_404(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await add_member(hood, "anna")
    await login(client, "anna")
    assert (await client.get("/melden?type=members&id=1")).status_code == 404
    assert (await client.get("/melden?type=announcement&id=999")).status_code == 404
    assert (await client.get("/melden?type=announcement&id=abc")).status_code == 404


async def test_an_empty_reason_is_refused_and_nothing_is_hidden(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    content_id = await _content(hood)
    await add_member(hood, "bert", "buurtverbinder")
    await login(client, "bert")
    refused = await post_form(
        client,
        "/beheer/meldingen",
        {"type": "announcement", "id": str(content_id), "decision": "hide", "reason": "  "},
    )
    assert refused.status_code == 400 and "reden" in refused.text
    row = await hood.db.fetch_one("SELECT hidden_at FROM announcements WHERE id = ?", (content_id,))
    assert row["hidden_at"] is None
