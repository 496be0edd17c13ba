-- The municipality's contact person works from the gemeente's own node (docs/FEDERATION.md).

-- On a gemeente node: the contact person, and a stand-in, of each node it follows. Members
-- with role `contact` here; one person may look after several nodes.
CREATE TABLE contact_nodes (
    id INTEGER PRIMARY KEY,
    node_actor_uri TEXT NOT NULL UNIQUE,
    contact_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
    standin_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
    updated_by INTEGER REFERENCES members(id) ON DELETE SET NULL,
    updated_at TEXT NOT NULL
);

-- On a wijk or kern: the contact persons the gemeente assigned to us, as it last told us.
CREATE TABLE municipal_contacts (
    origin_actor_uri TEXT NOT NULL,                -- the gemeente's actor
    position TEXT NOT NULL CHECK (position IN ('contact', 'standin')),
    name TEXT NOT NULL,
    phone TEXT NOT NULL DEFAULT '',
    hours TEXT NOT NULL DEFAULT '',
    about TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (origin_actor_uri, position)
);

-- A question asked here may go to the gemeente instead of our own contact person.
ALTER TABLE questions ADD COLUMN to_actor_uri TEXT;    -- NULL: our own contact person
ALTER TABLE questions ADD COLUMN answerer_name TEXT;   -- who answered at the gemeente
ALTER TABLE questions ADD COLUMN withdrawn_at TEXT;    -- the resident took it back
ALTER TABLE questions ADD COLUMN refused_at TEXT;      -- the gemeente could not take it

-- On a gemeente node: residents' questions that reached us from the nodes we follow.
CREATE TABLE inbound_questions (
    id INTEGER PRIMARY KEY,
    ap_id TEXT NOT NULL UNIQUE,
    origin_actor_uri TEXT NOT NULL,
    asker_name TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    asked_at TEXT NOT NULL,
    received_at TEXT NOT NULL,
    answer TEXT,
    answered_by INTEGER REFERENCES members(id) ON DELETE SET NULL,
    answered_at TEXT,
    withdrawn_at TEXT
);
CREATE INDEX inbound_questions_origin ON inbound_questions (origin_actor_uri, asked_at);

-- The work queue: which of the municipality's contact persons handles an item, when it is
-- not the contact person of the item's node (or a process's opener).
CREATE TABLE work_assignments (
    kind TEXT NOT NULL CHECK (kind IN ('question', 'initiative', 'report_back')),
    item_id INTEGER NOT NULL,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    assigned_by INTEGER REFERENCES members(id) ON DELETE SET NULL,
    assigned_at TEXT NOT NULL,
    PRIMARY KEY (kind, item_id)
);
