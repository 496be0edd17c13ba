-- Boosts of our content from the fediverse, and status ids for content of followed nodes.

-- Someone elsewhere shared (Announce) one of our initiatives, activities, announcements or
-- posts. Once per actor and object; an Undo{Announce} deletes the row.
CREATE TABLE fediverse_shares (
    id INTEGER PRIMARY KEY,
    subject_type TEXT NOT NULL
        CHECK (subject_type IN ('initiative', 'event', 'announcement', 'post')),
    subject_id INTEGER NOT NULL,
    actor_uri TEXT NOT NULL,
    announce_id TEXT NOT NULL,            -- the Announce's id: an Undo may name only that
    created_at TEXT NOT NULL,
    UNIQUE (subject_type, subject_id, actor_uri)
);

CREATE INDEX fediverse_shares_announce ON fediverse_shares (announce_id);

-- A share of a resident's post notifies them as a reblog from elsewhere; `subject` names
-- who shared it (from_member_id stays NULL).
CREATE TRIGGER notify_fediverse_share AFTER INSERT ON fediverse_shares
WHEN NEW.subject_type = 'post'
BEGIN
    INSERT OR IGNORE INTO notifications (member_id, type, status_id, subject, created_at)
    SELECT s.member_id, 'reblog', s.id, 'share:' || NEW.actor_uri, NEW.created_at
    FROM statuses s WHERE s.subject_type = 'post' AND s.subject_id = NEW.subject_id
        AND s.member_id IS NOT NULL;
END;

-- Initiatives, activities and news of followed nodes in the status id space, so an app pages
-- through them and our own statuses alike. The id is drawn from the statuses table's
-- AUTOINCREMENT counter (sqlite_sequence): our next status gets a higher one.
CREATE TABLE remote_statuses (
    id INTEGER PRIMARY KEY,
    remote_object_id INTEGER NOT NULL UNIQUE REFERENCES remote_objects(id) ON DELETE CASCADE
);

INSERT INTO sqlite_sequence (name, seq)
SELECT 'statuses', COALESCE((SELECT MAX(id) FROM statuses), 0)
WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'statuses');

INSERT INTO remote_statuses (id, remote_object_id)
SELECT (SELECT seq FROM sqlite_sequence WHERE name = 'statuses')
    + ROW_NUMBER() OVER (ORDER BY received_at, id), id
FROM remote_objects WHERE kind IN ('initiative', 'event', 'announcement');

UPDATE sqlite_sequence SET seq = (SELECT MAX(id) FROM remote_statuses)
WHERE name = 'statuses' AND seq < (SELECT MAX(id) FROM remote_statuses);

CREATE TRIGGER remote_statuses_from_objects AFTER INSERT ON remote_objects
WHEN NEW.kind IN ('initiative', 'event', 'announcement')
BEGIN
    UPDATE sqlite_sequence SET seq = seq + 1 WHERE name = 'statuses';
    INSERT INTO remote_statuses (id, remote_object_id)
    SELECT seq, NEW.id FROM sqlite_sequence WHERE name = 'statuses';
END;
