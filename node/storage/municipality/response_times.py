"""SQL for how quickly the municipality answers: pairs of (asked, answered) moments.

On a wijk or kern, from its own records: its residents' questions and the first official
response to each of its initiatives. On a gemeente node, from what reached it: the
questions of the nodes it follows and the official responses it gave to their initiatives.
"""

from __future__ import annotations

from node.storage.database import Database, Row


async def questions_here(db: Database, since: str) -> list[Row]:
    return await db.fetch_all(
        "SELECT '' AS origin, created_at AS asked, answered_at AS answered FROM questions"
        " WHERE withdrawn_at IS NULL AND refused_at IS NULL"
        " AND (answered_at >= ? OR answered_at IS NULL)",
        (since,),
    )


async def responses_here(db: Database, since: str) -> list[Row]:
    return await db.fetch_all(
        "SELECT '' AS origin, i.created_at AS asked,"
        " (SELECT MIN(c.created_at) FROM comments c WHERE c.subject_type = 'initiative'"
        "  AND c.subject_id = i.id AND c.is_official = 1 AND c.hidden_at IS NULL) AS answered"
        " FROM initiatives i WHERE i.hidden_at IS NULL"
        " AND (answered >= ? OR answered IS NULL)",
        (since,),
    )


async def questions_received(db: Database, since: str) -> list[Row]:
    return await db.fetch_all(
        "SELECT origin_actor_uri AS origin, asked_at AS asked, answered_at AS answered"
        " FROM inbound_questions WHERE withdrawn_at IS NULL"
        " AND (answered_at >= ? OR answered_at IS NULL)",
        (since,),
    )


async def responses_given(db: Database, since: str) -> list[Row]:
    return await db.fetch_all(
        "SELECT o.origin_uri AS origin, COALESCE(o.published, o.received_at) AS asked,"
        " (SELECT MIN(i.created_at) FROM remote_interactions i WHERE i.remote_object_id = o.id"
        "  AND i.kind = 'comment' AND i.official IS NOT NULL) AS answered"
        " FROM remote_objects o"
        " JOIN federation_following f ON f.actor_uri = o.origin_uri AND f.state = 'accepted'"
        " WHERE o.kind = 'initiative' AND o.deleted_at IS NULL"
        " AND (answered >= ? OR answered IS NULL)",
        (since,),
    )
