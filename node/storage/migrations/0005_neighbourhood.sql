-- The neighbourhood guide (schatten van de buurt): services and organisations kept by
-- buurtverbinders, and skills residents offer or ask for.
CREATE TABLE directory_entries (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL
        CHECK (kind IN ('service', 'organisation', 'skill_offer', 'skill_request')),
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',        -- markdown
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    website TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    visibility TEXT NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'members')),
    show_contact INTEGER NOT NULL DEFAULT 1,
    -- the resident whose skill entry this is; NULL for services and organisations
    owner_id INTEGER REFERENCES members(id) ON DELETE CASCADE,
    created_by INTEGER REFERENCES members(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    hidden_at TEXT,
    hidden_reason TEXT
);

CREATE INDEX directory_entries_kind ON directory_entries (kind, title) WHERE hidden_at IS NULL;
CREATE INDEX directory_entries_owner ON directory_entries (owner_id);

-- Full-text search over title and description; the triggers keep it in step.
CREATE VIRTUAL TABLE directory_search USING fts5(
    title, description,
    content = 'directory_entries', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER directory_search_insert AFTER INSERT ON directory_entries BEGIN
    INSERT INTO directory_search (rowid, title, description)
    VALUES (new.id, new.title, new.description);
END;

CREATE TRIGGER directory_search_delete AFTER DELETE ON directory_entries BEGIN
    INSERT INTO directory_search (directory_search, rowid, title, description)
    VALUES ('delete', old.id, old.title, old.description);
END;

CREATE TRIGGER directory_search_update AFTER UPDATE OF title, description ON directory_entries
BEGIN
    INSERT INTO directory_search (directory_search, rowid, title, description)
    VALUES ('delete', old.id, old.title, old.description);
    INSERT INTO directory_search (rowid, title, description)
    VALUES (new.id, new.title, new.description);
END;

-- News (mededelingen); urgent ones show on top of every page until they expire.
CREATE TABLE announcements (
    id INTEGER PRIMARY KEY,
    author_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,                           -- markdown
    urgent INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    expires_at TEXT,                              -- NULL: stays current
    ended_at TEXT,                                -- set when ended before its expiry
    ended_by INTEGER REFERENCES members(id) ON DELETE SET NULL,
    hidden_at TEXT,
    hidden_reason TEXT
);

CREATE INDEX announcements_recent ON announcements (created_at) WHERE hidden_at IS NULL;
CREATE INDEX announcements_urgent ON announcements (expires_at)
    WHERE urgent = 1 AND hidden_at IS NULL;

-- Residents' questions to the contact person: private between the asker and the
-- contact person (and admin); they never federate.
CREATE TABLE questions (
    id INTEGER PRIMARY KEY,
    asker_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    answer TEXT,
    answered_by INTEGER REFERENCES members(id) ON DELETE SET NULL,
    answered_at TEXT
);

CREATE INDEX questions_queue ON questions (answered_at, created_at);
CREATE INDEX questions_asker ON questions (asker_id, created_at);
