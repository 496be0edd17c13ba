-- The gemeente dashboard: which kind of node a remote actor is, and official responses.

-- `nodeKind` from another Buurtnode's actor document (wijk, kern, gemeente); NULL for
-- anything else. Official responses are honoured only from a Group of kind gemeente.
ALTER TABLE remote_actors ADD COLUMN node_kind TEXT;

-- A comment by the municipality's contact person on another node's initiative: an official
-- response, or a pledge of support (sent together with a Like).
ALTER TABLE remote_interactions ADD COLUMN official TEXT
    CHECK (official IS NULL OR official IN ('response', 'pledge'));
