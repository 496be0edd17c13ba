-- Participation processes (participatietrajecten): a question put to residents, with a
-- participation level, dated phases, forms of input, responses and a public report-back.
-- Built for one node now and for federation later: every process has a stable `uid`, and
-- processes and responses from other nodes carry actor URIs instead of member ids.
CREATE TABLE processes (
    id INTEGER PRIMARY KEY,
    -- stable across nodes; the federation step builds the ActivityPub id from it
    uid TEXT NOT NULL UNIQUE,
    -- NULL: opened here; otherwise the actor of the node that opened it (later)
    origin_actor_uri TEXT,
    member_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    question TEXT NOT NULL,
    background_md TEXT NOT NULL DEFAULT '',
    background_html TEXT NOT NULL DEFAULT '',
    participation_level TEXT NOT NULL
        CHECK (participation_level IN
               ('inform', 'consult', 'advise', 'coproduce', 'codecide', 'selfmanage')),
    -- what the level means in this case, in the opener's own words (required)
    level_meaning TEXT NOT NULL,
    anonymous INTEGER NOT NULL DEFAULT 0,
    -- local calendar dates (YYYY-MM-DD, Europe/Amsterdam); informing starts when opened
    input_from TEXT NOT NULL,
    input_until TEXT NOT NULL,
    decision_on TEXT NOT NULL,
    report_back_by TEXT NOT NULL,
    closed_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (input_from <= input_until AND input_until <= decision_on
           AND decision_on <= report_back_by)
);

CREATE INDEX processes_listing ON processes (closed_at, created_at);

-- Links to documents that belong with the background.
CREATE TABLE process_documents (
    id INTEGER PRIMARY KEY,
    process_id INTEGER NOT NULL REFERENCES processes(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    url TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0
);

-- Who may take part: this node's residents now; the nodes of other wijken and kernen
-- once processes federate (actor_uri filled in by the federation step).
CREATE TABLE process_nodes (
    id INTEGER PRIMARY KEY,
    process_id INTEGER NOT NULL REFERENCES processes(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    url TEXT NOT NULL DEFAULT '',
    actor_uri TEXT,
    UNIQUE (process_id, url)
);

-- The options a poll, a ranking and arguments are about (one list per process).
CREATE TABLE process_options (
    id INTEGER PRIMARY KEY,
    process_id INTEGER NOT NULL REFERENCES processes(id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0
);

-- The forms of input the opener chose; at most one of each kind per process.
CREATE TABLE process_forms (
    id INTEGER PRIMARY KEY,
    process_id INTEGER NOT NULL REFERENCES processes(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('open', 'poll', 'ranking', 'arguments')),
    multiple INTEGER NOT NULL DEFAULT 0,  -- polls: more than one choice allowed
    UNIQUE (process_id, kind)
);

-- One response per respondent per form: a resident here (member_id), someone who answered
-- on paper (entered_by, no member), or later a resident of another node (remote_actor_uri).
CREATE TABLE process_responses (
    id INTEGER PRIMARY KEY,
    form_id INTEGER NOT NULL REFERENCES process_forms(id) ON DELETE CASCADE,
    member_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
    remote_actor_uri TEXT,
    remote_node TEXT,
    ap_id TEXT UNIQUE,
    channel TEXT NOT NULL DEFAULT 'online' CHECK (channel IN ('online', 'paper')),
    entered_by INTEGER REFERENCES members(id) ON DELETE SET NULL,
    body TEXT NOT NULL DEFAULT '',
    -- poll: the chosen option ids; ranking: option ids best first (JSON list)
    choices TEXT NOT NULL DEFAULT '[]',
    side TEXT CHECK (side IS NULL OR side IN ('for', 'against')),
    option_id INTEGER REFERENCES process_options(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL
);

CREATE UNIQUE INDEX process_responses_member ON process_responses (form_id, member_id)
    WHERE member_id IS NOT NULL AND channel = 'online';
CREATE UNIQUE INDEX process_responses_remote ON process_responses (form_id, remote_actor_uri)
    WHERE remote_actor_uri IS NOT NULL;

-- "Ik steun dit argument".
CREATE TABLE argument_supports (
    id INTEGER PRIMARY KEY,
    response_id INTEGER NOT NULL REFERENCES process_responses(id) ON DELETE CASCADE,
    member_id INTEGER REFERENCES members(id) ON DELETE CASCADE,
    remote_actor_uri TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (response_id, member_id),
    UNIQUE (response_id, remote_actor_uri)
);

-- The report-back ("u zei — wij deden"): the decision and, per theme, what was done.
CREATE TABLE process_report_backs (
    process_id INTEGER PRIMARY KEY REFERENCES processes(id) ON DELETE CASCADE,
    member_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
    decision_md TEXT NOT NULL,
    decision_html TEXT NOT NULL,
    published_at TEXT NOT NULL
);

CREATE TABLE process_report_themes (
    id INTEGER PRIMARY KEY,
    process_id INTEGER NOT NULL REFERENCES process_report_backs(process_id) ON DELETE CASCADE,
    you_said TEXT NOT NULL,
    we_did TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0
);
