-- Participation processes across nodes (docs/FEDERATION.md, "Participatietrajecten").
-- A wijk keeps a copy of a process the gemeente opened for it; the gemeente counts the
-- responses that travel back, and Mastodon votes on the poll apart from residents' votes.

-- A copy of another node's process: its ActivityPub id and the name of the node that opened
-- it (origin_actor_uri, from 0011, is that node's actor). NULL for our own processes.
ALTER TABLE processes ADD COLUMN ap_id TEXT;
ALTER TABLE processes ADD COLUMN origin_name TEXT;
CREATE UNIQUE INDEX processes_ap_id ON processes (ap_id) WHERE ap_id IS NOT NULL;

-- How a response from elsewhere is shown: the node's name, with the resident's display name
-- before it when the process is not anonymous. remote_node holds the node's actor URI.
ALTER TABLE process_responses ADD COLUMN remote_name TEXT;

-- Votes on the poll from fediverse accounts (Mastodon answers a Question with a Note per
-- chosen option). Counted and shown apart from residents' votes, one per account per option.
CREATE TABLE process_fediverse_votes (
    id INTEGER PRIMARY KEY,
    process_id INTEGER NOT NULL REFERENCES processes(id) ON DELETE CASCADE,
    option_id INTEGER NOT NULL REFERENCES process_options(id) ON DELETE CASCADE,
    actor_uri TEXT NOT NULL,
    ap_id TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    UNIQUE (option_id, actor_uri)
);

CREATE INDEX process_fediverse_votes_process ON process_fediverse_votes (process_id, actor_uri);
