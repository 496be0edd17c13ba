-- Past-tense domain changes (an initiative published, an event changed), written in the
-- same transaction as the change itself. The federation layer turns them into activities.
CREATE TABLE changes (
    id INTEGER PRIMARY KEY,
    subject_type TEXT NOT NULL,   -- initiative, event, announcement, comment, support, ...
    subject_id INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('created', 'updated', 'deleted')),
    member_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    published_at TEXT             -- set once the federation layer has queued it
);

CREATE INDEX changes_unpublished ON changes (id) WHERE published_at IS NULL;
