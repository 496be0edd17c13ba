-- ActivityPub: the remote actors we know, who follows us and whom we follow, blocked
-- domains, the inbox (accepted fast, processed later), the delivery queue and our outbox.

-- Remote actors as last fetched; the parsed key is also kept in memory (bounded).
CREATE TABLE remote_actors (
    uri TEXT PRIMARY KEY,
    host TEXT NOT NULL,
    handle TEXT NOT NULL DEFAULT '',        -- preferredUsername@host
    name TEXT NOT NULL DEFAULT '',
    type TEXT NOT NULL DEFAULT '',
    inbox TEXT NOT NULL,
    shared_inbox TEXT,
    key_id TEXT NOT NULL DEFAULT '',
    public_key_pem TEXT NOT NULL DEFAULT '',
    fetched_at TEXT NOT NULL,
    last_seen_at TEXT,                      -- last signed activity from them
    failures INTEGER NOT NULL DEFAULT 0     -- deliveries to them given up on
);

CREATE INDEX remote_actors_key ON remote_actors (key_id);

-- Remote actors following our node; 'pending' waits for an admin when approval is manual.
CREATE TABLE federation_followers (
    actor_uri TEXT PRIMARY KEY,
    follow_id TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'accepted')),
    created_at TEXT NOT NULL
);

-- Remote actors our node follows; 'pending' until their Accept arrives.
CREATE TABLE federation_following (
    actor_uri TEXT PRIMARY KEY,
    follow_id TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL CHECK (state IN ('pending', 'accepted', 'rejected')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE blocked_domains (
    domain TEXT PRIMARY KEY,
    reason TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

-- Verified incoming activities, stored before the 202; a worker processes them.
CREATE TABLE inbox_activities (
    id INTEGER PRIMARY KEY,
    activity_id TEXT NOT NULL UNIQUE,       -- a replay is a no-op
    actor TEXT NOT NULL,
    type TEXT NOT NULL,
    body TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'received'
        CHECK (state IN ('received', 'processed', 'ignored', 'failed')),
    error TEXT,
    received_at TEXT NOT NULL,
    processed_at TEXT
);

CREATE INDEX inbox_activities_waiting ON inbox_activities (id) WHERE state = 'received';

-- Every outgoing request, stored before it is sent; delivered only after a 2xx.
CREATE TABLE deliveries (
    id INTEGER PRIMARY KEY,
    activity_id TEXT NOT NULL,
    inbox TEXT NOT NULL,
    body TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
    tries INTEGER NOT NULL DEFAULT 0,
    next_try_at TEXT NOT NULL,
    last_error TEXT,
    created_at TEXT NOT NULL,
    delivered_at TEXT,
    UNIQUE (activity_id, inbox)
);

CREATE INDEX deliveries_due ON deliveries (next_try_at) WHERE state = 'pending';

-- Activities our node sent; the public ones make up the outbox collection.
CREATE TABLE outbox_activities (
    id INTEGER PRIMARY KEY,
    activity_id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    body TEXT NOT NULL,
    public INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);

CREATE INDEX outbox_public ON outbox_activities (id) WHERE public = 1;
