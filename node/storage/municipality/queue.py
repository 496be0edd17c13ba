"""SQL for the contact person's work queue on a gemeente node: the questions of followed
nodes, their initiatives that wait for an official response, and our processes that wait
for their report-back, in one list; and who handles each item."""

from __future__ import annotations

from node.storage.database import Database, Row, Transaction

# One row per item: kind, item_id, origin_uri, title, since, done_at, due_on, assignee_id.
_ITEMS = """
SELECT 'question' AS kind, q.id AS item_id, q.origin_actor_uri AS origin_uri,
       q.subject AS title, q.asked_at AS since, q.answered_at AS done_at, NULL AS due_on,
       NULL AS opener_id
FROM inbound_questions q WHERE q.withdrawn_at IS NULL
UNION ALL
SELECT 'initiative', o.id, o.origin_uri, o.name, COALESCE(o.published, o.received_at),
       (SELECT MIN(i.created_at) FROM remote_interactions i
        WHERE i.remote_object_id = o.id AND i.kind = 'comment' AND i.official IS NOT NULL),
       NULL, NULL
FROM remote_objects o
JOIN federation_following f ON f.actor_uri = o.origin_uri AND f.state = 'accepted'
WHERE o.kind = 'initiative' AND o.deleted_at IS NULL
UNION ALL
SELECT 'report_back', p.id, '', p.title, p.input_until || 'T23:59:59Z', r.published_at,
       p.report_back_by, p.member_id
FROM processes p LEFT JOIN process_report_backs r ON r.process_id = p.id
WHERE p.origin_actor_uri IS NULL AND p.input_until < ?
"""


async def items(db: Database, today: str) -> list[Row]:
    """Every item with its node's name and who handles it: assigned in the queue, else the
    contact person of its node, else (a report-back) whoever opened the process."""
    return await db.fetch_all(
        "SELECT w.kind, w.item_id, w.origin_uri, COALESCE(a.name, '') AS origin_name,"
        " w.title, w.since, w.done_at, w.due_on,"
        " COALESCE(wa.member_id, c.contact_id, w.opener_id) AS assignee_id,"
        " m.display_name AS assignee_name"
        f" FROM ({_ITEMS}) w"
        " LEFT JOIN remote_actors a ON a.uri = w.origin_uri"
        " LEFT JOIN work_assignments wa ON wa.kind = w.kind AND wa.item_id = w.item_id"
        " LEFT JOIN contact_nodes c ON c.node_actor_uri = w.origin_uri"
        " LEFT JOIN members m ON m.id = COALESCE(wa.member_id, c.contact_id, w.opener_id)"
        " ORDER BY w.done_at IS NOT NULL, w.since, w.kind, w.item_id",
        (today,),
    )


async def item_exists(db: Database, kind: str, item_id: int, today: str) -> bool:
    row = await db.fetch_one(
        f"SELECT 1 FROM ({_ITEMS}) w WHERE w.kind = ? AND w.item_id = ?", (today, kind, item_id)
    )
    return row is not None


async def assign(
    tx: Transaction, kind: str, item_id: int, member_id: int, by: int, now: str
) -> None:
    await tx.execute(
        "INSERT INTO work_assignments (kind, item_id, member_id, assigned_by, assigned_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, item_id) DO UPDATE SET"
        " member_id = excluded.member_id, assigned_by = excluded.assigned_by,"
        " assigned_at = excluded.assigned_at",
        (kind, item_id, member_id, by, now),
    )
