-- Residents and the people who serve the neighbourhood, with their role.
CREATE TABLE members (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('pending', 'active', 'disabled')),
    phone TEXT NOT NULL DEFAULT '',
    availability TEXT NOT NULL DEFAULT '',
    about TEXT NOT NULL DEFAULT '',
    -- bumped on every password change so that older sessions stop working
    session_epoch INTEGER NOT NULL DEFAULT 0,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    approved_by INTEGER REFERENCES members(id) ON DELETE SET NULL
);

CREATE INDEX members_role ON members (role, status);

-- Invite links: only a hash of the token is stored, the link is shown once.
CREATE TABLE invites (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    created_by INTEGER REFERENCES members(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_by INTEGER REFERENCES members(id) ON DELETE SET NULL,
    used_at TEXT
);

-- Settings an admin changes while the node runs (the rest lives in buurtnode.toml).
CREATE TABLE node_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
