-- A done or stopped initiative asks for nothing any more: none of its needs is open, in
-- every view that counts them (issue 13: a stopped initiative still showed "open").
DROP VIEW need_progress;

CREATE VIEW need_progress AS
SELECT
    n.id AS need_id,
    n.initiative_id,
    n.kind,
    n.amount,
    COALESCE(SUM(CASE WHEN o.status = 'accepted' THEN o.amount END), 0) AS pledged,
    COUNT(CASE WHEN o.status = 'accepted' THEN 1 END) AS accepted,
    COUNT(CASE WHEN o.status = 'pending' THEN 1 END) AS pending,
    i.status IN ('idea', 'seeking', 'running') AND CASE
        WHEN n.amount IS NOT NULL
            THEN COALESCE(SUM(CASE WHEN o.status = 'accepted' THEN o.amount END), 0) < n.amount
        ELSE COUNT(CASE WHEN o.status = 'accepted' THEN 1 END) = 0
    END AS is_open
FROM needs n JOIN initiatives i ON i.id = n.initiative_id LEFT JOIN offers o ON o.need_id = n.id
GROUP BY n.id;
