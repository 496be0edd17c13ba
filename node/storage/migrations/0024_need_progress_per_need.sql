-- need_progress without GROUP BY: SQLite materialised the grouped view over every need of
-- the node for each query that asked about a few initiatives (a list of 20 initiatives read
-- all 100,000 needs: about a second). With the offers counted per need in subqueries the
-- view is flattened into the query that uses it and reads only the needs it asks about.
-- Same columns, same meaning (see 0019_finished_needs_closed.sql).
DROP VIEW need_progress;
CREATE VIEW need_progress AS
SELECT
    n.id AS need_id,
    n.initiative_id,
    n.kind,
    n.amount,
    (SELECT COALESCE(SUM(o.amount), 0) FROM offers o
      WHERE o.need_id = n.id AND o.status = 'accepted') AS pledged,
    (SELECT COUNT(*) FROM offers o WHERE o.need_id = n.id AND o.status = 'accepted') AS accepted,
    (SELECT COUNT(*) FROM offers o WHERE o.need_id = n.id AND o.status = 'pending') AS pending,
    i.status IN ('idea', 'seeking', 'running') AND CASE
        WHEN n.amount IS NOT NULL
            THEN (SELECT COALESCE(SUM(o.amount), 0) FROM offers o
                   WHERE o.need_id = n.id AND o.status = 'accepted') < n.amount
        ELSE NOT EXISTS (SELECT 1 FROM offers o WHERE o.need_id = n.id AND o.status = 'accepted')
    END AS is_open
FROM needs n JOIN initiatives i ON i.id = n.initiative_id;
