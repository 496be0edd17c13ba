-- The wijkbudget (budget rounds, proposals, secret ballots) and the wijkboekhouding
-- (a public, append-only ledger whose entries are hash-chained and signed).
CREATE TABLE budget_rounds (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    total INTEGER NOT NULL CHECK (total > 0),  -- cents
    participation_level TEXT NOT NULL DEFAULT 'codecide'
        CHECK (participation_level IN
               ('inform', 'consult', 'advise', 'coproduce', 'codecide', 'selfmanage')),
    method TEXT NOT NULL CHECK (method IN ('approval', 'knapsack')),
    -- when each phase starts (UTC); the phase is derived from these and the clock
    proposals_from TEXT NOT NULL,
    review_from TEXT NOT NULL,
    voting_from TEXT NOT NULL,
    results_from TEXT NOT NULL,
    spending_from TEXT NOT NULL,
    created_by INTEGER REFERENCES members(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    results_recorded_at TEXT,  -- when the result was first recorded as a change
    CHECK (proposals_from < review_from AND review_from < voting_from
           AND voting_from < results_from AND results_from < spending_from)
);

CREATE TABLE budget_proposals (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES budget_rounds(id),
    member_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
    initiative_id INTEGER REFERENCES initiatives(id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    amount INTEGER NOT NULL CHECK (amount > 0),  -- cents
    review TEXT NOT NULL DEFAULT 'pending'
        CHECK (review IN ('pending', 'feasible', 'not_feasible')),
    review_reason TEXT NOT NULL DEFAULT '',
    reviewed_by INTEGER REFERENCES members(id) ON DELETE SET NULL,
    reviewed_at TEXT,
    created_at TEXT NOT NULL
);

CREATE INDEX budget_proposals_round ON budget_proposals (round_id, id);

-- Secret ballots. A ballot holds no voter id, no time and no insertion order: its rowid
-- is random (chosen by the code), so the table's order says nothing about who voted when.
-- `key` is HMAC(node secret, round:member), recomputed when the voter comes back to change
-- the ballot; without the secret nobody can tell whose ballot it is. `public_id` is random
-- and is what the export shows.
CREATE TABLE budget_ballots (
    id INTEGER PRIMARY KEY,  -- random
    key TEXT NOT NULL UNIQUE,
    public_id TEXT NOT NULL UNIQUE,
    round_id INTEGER NOT NULL REFERENCES budget_rounds(id),
    choices TEXT NOT NULL  -- JSON list of proposal ids, ascending
);

-- Who voted (to allow one ballot each and to count turnout), never what. Random rowids
-- here too, so the two tables' orders cannot be laid side by side.
CREATE TABLE budget_voters (
    id INTEGER PRIMARY KEY,  -- random
    round_id INTEGER NOT NULL REFERENCES budget_rounds(id),
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    UNIQUE (round_id, member_id)
);

-- The public books. No foreign keys to tables whose rows change or disappear: an
-- ON DELETE SET NULL would be an UPDATE, and entries never change.
CREATE TABLE ledger_entries (
    number INTEGER PRIMARY KEY,  -- 1, 2, 3 ...: the order of the hash chain
    kind TEXT NOT NULL CHECK (kind IN ('income', 'allocation', 'expense', 'correction')),
    round_id INTEGER NOT NULL REFERENCES budget_rounds(id),
    occurred_on TEXT NOT NULL,  -- YYYY-MM-DD
    description TEXT NOT NULL,
    amount INTEGER NOT NULL,  -- cents; only a correction may be negative
    counterparty TEXT NOT NULL DEFAULT ''
        CHECK (counterparty IN ('', 'resident', 'association', 'business', 'municipality')),
    initiative_id INTEGER,
    project TEXT NOT NULL DEFAULT '',  -- title of the initiative or proposal, as it was then
    proposal_id INTEGER,
    corrects INTEGER REFERENCES ledger_entries(number),
    receipt TEXT,  -- file name in DATA/receipts/
    receipt_sha256 TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    signature TEXT NOT NULL,  -- base64 RSA-PKCS1v15-SHA256 over the hash (hex, ASCII)
    key_id TEXT NOT NULL,
    CHECK (kind = 'correction' OR amount > 0),
    CHECK ((kind = 'correction') = (corrects IS NOT NULL))
);

CREATE INDEX ledger_entries_round ON ledger_entries (round_id, number);

CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries BEGIN
    SELECT RAISE(ABORT, 'ledger entries cannot be changed: record a correction instead');
END;

CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries BEGIN
    SELECT RAISE(ABORT, 'ledger entries cannot be deleted: record a correction instead');
END;
