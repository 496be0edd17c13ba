-- Reports by residents and what buurtverbinders decided; the hidden flag itself lives on
-- each content table (hidden_at, hidden_reason), this keeps who did what and why.
CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    content_type TEXT NOT NULL,
    content_id INTEGER NOT NULL,
    reporter_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL,
    resolved_at TEXT,
    resolved_by INTEGER REFERENCES members(id) ON DELETE SET NULL,
    decision TEXT CHECK (decision IN ('hidden', 'kept'))
);

CREATE INDEX reports_open ON reports (created_at) WHERE resolved_at IS NULL;

CREATE TABLE moderation_log (
    id INTEGER PRIMARY KEY,
    content_type TEXT NOT NULL,
    content_id INTEGER NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('hide', 'restore')),
    reason TEXT NOT NULL,
    member_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
);
