-- Resident initiatives with their needs, the offers that meet them, dated updates and
-- supports; and comments, kept generic so events and announcements can use them later.
-- Rows from other nodes carry remote_actor_uri (and ap_id) instead of member_id.
CREATE TABLE initiatives (
    id INTEGER PRIMARY KEY,
    member_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    description_md TEXT NOT NULL DEFAULT '',
    -- rendered and sanitised once on write, so pages never render markdown per view
    description_html TEXT NOT NULL DEFAULT '',
    area TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'idea'
        CHECK (status IN ('idea', 'seeking', 'running', 'done', 'stopped')),
    participation_level TEXT NOT NULL DEFAULT 'selfmanage'
        CHECK (participation_level IN
               ('inform', 'consult', 'advise', 'coproduce', 'codecide', 'selfmanage')),
    image_path TEXT,
    status_reason TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    hidden_at TEXT,
    hidden_reason TEXT
);

CREATE INDEX initiatives_listing ON initiatives (updated_at) WHERE hidden_at IS NULL;

CREATE TABLE needs (
    id INTEGER PRIMARY KEY,
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    kind TEXT NOT NULL
        CHECK (kind IN ('support', 'location', 'network', 'money', 'materials', 'volunteers')),
    description TEXT NOT NULL DEFAULT '',
    -- cents for money, people for volunteers, NULL for the other kinds
    amount INTEGER CHECK (amount IS NULL OR amount > 0),
    position INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX needs_initiative ON needs (initiative_id, position);

CREATE TABLE offers (
    id INTEGER PRIMARY KEY,
    need_id INTEGER NOT NULL REFERENCES needs(id) ON DELETE CASCADE,
    member_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
    remote_actor_uri TEXT,
    remote_actor_name TEXT,
    ap_id TEXT UNIQUE,
    source TEXT NOT NULL DEFAULT 'resident'
        CHECK (source IN ('resident', 'municipality', 'node')),
    amount INTEGER CHECK (amount IS NULL OR amount > 0),
    body TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined')),
    created_at TEXT NOT NULL,
    decided_at TEXT
);

CREATE INDEX offers_need ON offers (need_id, status);

-- How far each need is met: only accepted offers count. Needs without an amount are met
-- by one accepted offer.
CREATE VIEW need_progress AS
SELECT
    n.id AS need_id,
    n.initiative_id,
    n.kind,
    n.amount,
    COALESCE(SUM(CASE WHEN o.status = 'accepted' THEN o.amount END), 0) AS pledged,
    COUNT(CASE WHEN o.status = 'accepted' THEN 1 END) AS accepted,
    COUNT(CASE WHEN o.status = 'pending' THEN 1 END) AS pending,
    CASE
        WHEN n.amount IS NOT NULL
            THEN COALESCE(SUM(CASE WHEN o.status = 'accepted' THEN o.amount END), 0) < n.amount
        ELSE COUNT(CASE WHEN o.status = 'accepted' THEN 1 END) = 0
    END AS is_open
FROM needs n LEFT JOIN offers o ON o.need_id = n.id
GROUP BY n.id;

CREATE TABLE initiative_updates (
    id INTEGER PRIMARY KEY,
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    member_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
    body_html TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE INDEX initiative_updates_initiative ON initiative_updates (initiative_id, created_at);

CREATE TABLE supports (
    id INTEGER PRIMARY KEY,
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    member_id INTEGER REFERENCES members(id) ON DELETE CASCADE,
    remote_actor_uri TEXT,
    ap_id TEXT UNIQUE,
    created_at TEXT NOT NULL,
    CHECK (member_id IS NOT NULL OR remote_actor_uri IS NOT NULL),
    UNIQUE (initiative_id, member_id),
    UNIQUE (initiative_id, remote_actor_uri)
);

CREATE TABLE comments (
    id INTEGER PRIMARY KEY,
    subject_type TEXT NOT NULL,  -- 'initiative' now; 'event', 'announcement' later
    subject_id INTEGER NOT NULL,
    member_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
    remote_actor_uri TEXT,
    remote_actor_name TEXT,
    ap_id TEXT UNIQUE,
    body_html TEXT NOT NULL,
    is_official INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    hidden_at TEXT,
    hidden_reason TEXT
);

CREATE INDEX comments_subject ON comments (subject_type, subject_id, created_at);

-- Full-text search over the initiatives' own text, kept in sync by triggers.
CREATE VIRTUAL TABLE initiatives_fts USING fts5(
    title, summary, description_md, area,
    content = 'initiatives', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER initiatives_fts_insert AFTER INSERT ON initiatives BEGIN
    INSERT INTO initiatives_fts (rowid, title, summary, description_md, area)
    VALUES (new.id, new.title, new.summary, new.description_md, new.area);
END;

CREATE TRIGGER initiatives_fts_delete AFTER DELETE ON initiatives BEGIN
    INSERT INTO initiatives_fts (initiatives_fts, rowid, title, summary, description_md, area)
    VALUES ('delete', old.id, old.title, old.summary, old.description_md, old.area);
END;

CREATE TRIGGER initiatives_fts_update
AFTER UPDATE OF title, summary, description_md, area ON initiatives BEGIN
    INSERT INTO initiatives_fts (initiatives_fts, rowid, title, summary, description_md, area)
    VALUES ('delete', old.id, old.title, old.summary, old.description_md, old.area);
    INSERT INTO initiatives_fts (rowid, title, summary, description_md, area)
    VALUES (new.id, new.title, new.summary, new.description_md, new.area);
END;
