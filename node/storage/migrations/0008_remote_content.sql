-- Content from nodes we follow (initiatives, activities, news, and replies to them), and
-- what our residents did with it: comments and supports sent back to the home node.

-- One row per remote object, by its ActivityPub id. HTML is sanitised before it lands here.
CREATE TABLE remote_objects (
    id INTEGER PRIMARY KEY,
    ap_id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL CHECK (type IN ('Page', 'Event', 'Note', 'Article')),
    -- initiative (Page), event (Event), announcement (top-level Note), reply (a Note that
    -- answers another remote object)
    kind TEXT NOT NULL CHECK (kind IN ('initiative', 'event', 'announcement', 'reply')),
    actor_uri TEXT NOT NULL,                -- attributedTo, or the sender
    origin_uri TEXT NOT NULL,               -- the followed node it came from
    in_reply_to TEXT,                       -- for replies: the ap_id answered
    name TEXT NOT NULL DEFAULT '',
    content_html TEXT NOT NULL DEFAULT '',
    url TEXT,
    published TEXT,
    updated TEXT,
    -- events
    starts_at TEXT,
    ends_at TEXT,
    timezone TEXT,
    location_name TEXT,
    location_address TEXT,
    -- initiatives from another Buurtnode (our JSON-LD context present)
    status TEXT,
    participation_level TEXT,
    open_needs TEXT,                        -- JSON list of {kind, description}
    received_at TEXT NOT NULL,
    deleted_at TEXT
);

CREATE INDEX remote_objects_listing ON remote_objects (kind, published) WHERE deleted_at IS NULL;
CREATE INDEX remote_objects_replies ON remote_objects (in_reply_to) WHERE deleted_at IS NULL;

-- Our residents' comments on and supports of remote objects. Their ActivityPub ids (the
-- Note or Like we send to the home node) derive from `id`, see node/federation/ids.py.
CREATE TABLE remote_interactions (
    id INTEGER PRIMARY KEY,
    remote_object_id INTEGER NOT NULL REFERENCES remote_objects(id) ON DELETE CASCADE,
    member_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
    kind TEXT NOT NULL CHECK (kind IN ('comment', 'support')),
    body_html TEXT NOT NULL DEFAULT '',
    author_name TEXT NOT NULL DEFAULT '',   -- as sent, so the Note stays the same later
    created_at TEXT NOT NULL,
    withdrawn_at TEXT                        -- a support taken back (Undo{Like} sent)
);

CREATE INDEX remote_interactions_object ON remote_interactions (remote_object_id, kind);
CREATE UNIQUE INDEX remote_interactions_one_support
    ON remote_interactions (remote_object_id, member_id)
    WHERE kind = 'support' AND withdrawn_at IS NULL;
