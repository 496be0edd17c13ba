"""SQL for federation: remote actors, followers, following and blocked domains.

The queues (inbox, deliveries, outbox) are in federation_queues.py.
"""

from __future__ import annotations

from node.storage.database import Database, Row, Transaction

ACTOR_COLUMNS = (
    "uri, host, handle, name, type, inbox, shared_inbox, key_id, public_key_pem,"
    " fetched_at, last_seen_at, failures, node_kind, ledger_url"
)


async def upsert_actor(
    tx: Transaction,
    *,
    uri: str,
    host: str,
    handle: str,
    name: str,
    type: str,
    inbox: str,
    shared_inbox: str | None,
    key_id: str,
    public_key_pem: str,
    fetched_at: str,
    node_kind: str | None = None,
    ledger_url: str | None = None,
) -> None:
    await tx.execute(
        "INSERT INTO remote_actors (uri, host, handle, name, type, inbox, shared_inbox, key_id,"
        " public_key_pem, fetched_at, node_kind, ledger_url)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (uri) DO UPDATE SET host = excluded.host, handle = excluded.handle,"
        " name = excluded.name, type = excluded.type, inbox = excluded.inbox,"
        " shared_inbox = excluded.shared_inbox, key_id = excluded.key_id,"
        " public_key_pem = excluded.public_key_pem, fetched_at = excluded.fetched_at,"
        " node_kind = excluded.node_kind, ledger_url = excluded.ledger_url",
        (
            uri,
            host,
            handle,
            name,
            type,
            inbox,
            shared_inbox,
            key_id,
            public_key_pem,
            fetched_at,
            node_kind,
            ledger_url,
        ),
    )


async def actor(db: Database | Transaction, uri: str) -> Row | None:
    return await db.fetch_one(f"SELECT {ACTOR_COLUMNS} FROM remote_actors WHERE uri = ?", (uri,))


async def actor_by_key(db: Database, key_id: str) -> Row | None:
    return await db.fetch_one(
        f"SELECT {ACTOR_COLUMNS} FROM remote_actors WHERE key_id = ?", (key_id,)
    )


async def actor_seen(tx: Transaction, uris: list[str], now: str) -> None:
    await tx.execute_many(
        "UPDATE remote_actors SET last_seen_at = ? WHERE uri = ?", [(now, uri) for uri in uris]
    )


async def actor_failed(tx: Transaction, inbox: str) -> None:
    await tx.execute(
        "UPDATE remote_actors SET failures = failures + 1 WHERE inbox = ? OR shared_inbox = ?",
        (inbox, inbox),
    )


# Followers: remote actors following us.


async def put_follower(
    tx: Transaction, actor_uri: str, follow_id: str, state: str, now: str
) -> None:
    # A repeated Follow (e.g. after they lost our Accept) keeps an accepted follower accepted.
    await tx.execute(
        "INSERT INTO federation_followers (actor_uri, follow_id, state, created_at)"
        " VALUES (?, ?, ?, ?) ON CONFLICT (actor_uri) DO UPDATE SET follow_id = excluded.follow_id,"
        " state = CASE WHEN federation_followers.state = 'accepted' THEN 'accepted'"
        " ELSE excluded.state END",
        (actor_uri, follow_id, state, now),
    )


async def follower(db: Database | Transaction, actor_uri: str) -> Row | None:
    return await db.fetch_one(
        "SELECT actor_uri, follow_id, state, created_at FROM federation_followers"
        " WHERE actor_uri = ?",
        (actor_uri,),
    )


async def set_follower_state(tx: Transaction, actor_uri: str, state: str) -> int:
    return await tx.execute_count(
        "UPDATE federation_followers SET state = ? WHERE actor_uri = ?", (state, actor_uri)
    )


async def delete_follower(tx: Transaction, actor_uri: str) -> int:
    return await tx.execute_count(
        "DELETE FROM federation_followers WHERE actor_uri = ?", (actor_uri,)
    )


async def followers_with_actors(db: Database, state: str | None = None) -> list[Row]:
    return await db.fetch_all(
        "SELECT f.actor_uri, f.state, f.created_at, a.handle, a.name, a.last_seen_at,"
        " a.failures FROM federation_followers f LEFT JOIN remote_actors a ON a.uri = f.actor_uri"
        " WHERE ? IS NULL OR f.state = ? ORDER BY f.created_at, f.actor_uri",
        (state, state),
    )


async def count_followers(db: Database) -> int:
    return int(
        await db.fetch_value("SELECT COUNT(*) FROM federation_followers WHERE state = 'accepted'")
    )


async def follower_inboxes(db: Database | Transaction) -> list[str]:
    """One inbox per server: the shared inbox where an actor has one (fan-out costs signing)."""
    rows = await db.fetch_all(
        "SELECT DISTINCT COALESCE(a.shared_inbox, a.inbox) AS inbox FROM federation_followers f"
        " JOIN remote_actors a ON a.uri = f.actor_uri WHERE f.state = 'accepted'"
        " ORDER BY inbox"
    )
    return [r["inbox"] for r in rows]


# Following: remote actors we follow.


async def put_following(tx: Transaction, actor_uri: str, follow_id: str, now: str) -> None:
    await tx.execute(
        "INSERT INTO federation_following (actor_uri, follow_id, state, created_at, updated_at)"
        " VALUES (?, ?, 'pending', ?, ?) ON CONFLICT (actor_uri) DO UPDATE SET"
        " follow_id = excluded.follow_id, state = 'pending', updated_at = excluded.updated_at",
        (actor_uri, follow_id, now, now),
    )


async def following(db: Database | Transaction, actor_uri: str) -> Row | None:
    return await db.fetch_one(
        "SELECT actor_uri, follow_id, state FROM federation_following WHERE actor_uri = ?",
        (actor_uri,),
    )


async def set_following_state(
    tx: Transaction, actor_uri: str, state: str, now: str, follow_id: str | None = None
) -> int:
    """Change the state; with `follow_id`, only when it answers that very Follow."""
    return await tx.execute_count(
        "UPDATE federation_following SET state = ?, updated_at = ?"
        " WHERE actor_uri = ? AND (? IS NULL OR follow_id = ?)",
        (state, now, actor_uri, follow_id, follow_id),
    )


async def delete_following(tx: Transaction, actor_uri: str) -> int:
    return await tx.execute_count(
        "DELETE FROM federation_following WHERE actor_uri = ?", (actor_uri,)
    )


async def following_with_actors(db: Database) -> list[Row]:
    return await db.fetch_all(
        "SELECT f.actor_uri, f.state, f.created_at, a.handle, a.name, a.last_seen_at,"
        " a.failures FROM federation_following f LEFT JOIN remote_actors a ON a.uri = f.actor_uri"
        " ORDER BY f.created_at, f.actor_uri"
    )


async def count_following(db: Database) -> int:
    return int(
        await db.fetch_value("SELECT COUNT(*) FROM federation_following WHERE state = 'accepted'")
    )


# Blocked domains.


async def block_domain(tx: Transaction, domain: str, reason: str, now: str) -> None:
    await tx.execute(
        "INSERT INTO blocked_domains (domain, reason, created_at) VALUES (?, ?, ?)"
        " ON CONFLICT (domain) DO UPDATE SET reason = excluded.reason",
        (domain, reason, now),
    )


async def unblock_domain(tx: Transaction, domain: str) -> int:
    return await tx.execute_count("DELETE FROM blocked_domains WHERE domain = ?", (domain,))


async def blocked_domains(db: Database) -> list[Row]:
    return await db.fetch_all(
        "SELECT domain, reason, created_at FROM blocked_domains ORDER BY domain"
    )


async def forget_actors(tx: Transaction, actor_uris: list[str]) -> None:
    """These actors stop following and being followed (their domain was blocked)."""
    for uri in actor_uris:
        await tx.execute("DELETE FROM federation_followers WHERE actor_uri = ?", (uri,))
        await tx.execute("DELETE FROM federation_following WHERE actor_uri = ?", (uri,))


async def related_actor_uris(db: Database) -> list[str]:
    rows = await db.fetch_all(
        "SELECT actor_uri FROM federation_followers"
        " UNION SELECT actor_uri FROM federation_following"
    )
    return [r["actor_uri"] for r in rows]
