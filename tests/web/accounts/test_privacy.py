"""A resident downloads all of their own data, and leaves with a choice for their posts."""

import httpx

from node.community.neighbourhood import Neighbourhood
from tests.conftest import PASSWORD, add_member, login, post_form


async def _announcement_by(hood: Neighbourhood, member_id: int) -> int:
    async with hood.db.transaction() as tx:
        return await tx.execute(
            "INSERT INTO announcements (author_id, title, body, urgent, created_at, updated_at)"
            " VALUES (?, 'Snoeiavond', 'Kom helpen', 0, '2026-11-01T10:00:00Z',"
            " '2026-11-01T10:00:00Z')",
            (member_id,),
        )


async def test_the_download_holds_my_rows_but_no_secrets_and_nobody_elses(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    anna = await add_member(hood, "anna", "buurtverbinder")
    bert = await add_member(hood, "bert", "buurtverbinder")
    await _announcement_by(hood, anna.id)
    await _announcement_by(hood, bert.id)
    await login(client, "anna")
    response = await client.get("/account/mijn-gegevens.json")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    data = response.json()
    assert [r["author_id"] for r in data["tables"]["announcements"]] == [anna.id]
    assert data["tables"]["members"][0]["username"] == "anna"
    assert "password_hash" not in response.text


async def test_leaving_and_keeping_posts_anonymises_them(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    anna = await add_member(hood, "anna", "buurtverbinder")
    post = await _announcement_by(hood, anna.id)
    await login(client, "anna")
    left = await post_form(
        client,
        "/account/verwijderen",
        {"mode": "anonymise", "password": PASSWORD},
        form_page="/account",
    )
    assert left.status_code == 303
    assert await hood.members.by_username("anna") is None
    row = await hood.db.fetch_one(
        "SELECT author_id, hidden_at FROM announcements WHERE id = ?", (post,)
    )
    assert row["author_id"] is None and row["hidden_at"] is None
    assert (await client.get("/account")).status_code == 303  # logged out


async def test_leaving_and_removing_posts_hides_them_and_tells_followers(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    anna = await add_member(hood, "anna", "buurtverbinder")
    post = await _announcement_by(hood, anna.id)
    await login(client, "anna")
    await post_form(
        client,
        "/account/verwijderen",
        {"mode": "remove", "password": PASSWORD},
        form_page="/account",
    )
    row = await hood.db.fetch_one("SELECT hidden_at FROM announcements WHERE id = ?", (post,))
    assert row["hidden_at"] is not None
    change = await hood.db.fetch_one(
        "SELECT kind FROM changes WHERE subject_type = 'announcement' AND subject_id = ?"
        " ORDER BY id DESC",
        (post,),
    )
    assert change["kind"] == "deleted"


async def test_a_wrong_password_or_the_last_admin_removes_nothing(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await add_member(hood, "ad", "admin")
    await login(client, "ad")
    wrong = await post_form(
        client,
        "/account/verwijderen",
        {"mode": "remove", "password": "not my password"},
        form_page="/account",
    )
    assert wrong.status_code == 400 and "klopt niet" in wrong.text
    last = await post_form(
        client,
        "/account/verwijderen",
        {"mode": "remove", "password": PASSWORD},
        form_page="/account",
    )
    assert last.status_code == 403 and "enige beheerder" in last.text
    assert await hood.members.by_username("ad") is not None
