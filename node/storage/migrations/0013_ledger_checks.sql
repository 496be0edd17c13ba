-- Wijkbudget federation: where a Buurtnode publishes its books, and what the municipality's
-- node found when it last checked the books of a node it follows.

-- `ledger` from another Buurtnode's actor document (its /wijkboekhouding.json); NULL if none.
ALTER TABLE remote_actors ADD COLUMN ledger_url TEXT;

CREATE TABLE ledger_checks (
    actor_uri TEXT PRIMARY KEY,
    checked_at TEXT NOT NULL,
    intact INTEGER NOT NULL CHECK (intact IN (0, 1)),
    entries INTEGER NOT NULL DEFAULT 0,
    income_cents INTEGER NOT NULL DEFAULT 0,
    allocated_cents INTEGER NOT NULL DEFAULT 0,
    spent_cents INTEGER NOT NULL DEFAULT 0,
    balance_cents INTEGER NOT NULL DEFAULT 0,
    problem TEXT NOT NULL DEFAULT '',  -- the first break, or why the books could not be read
    due INTEGER NOT NULL DEFAULT 0     -- 1: check again soon (the node was heard from)
);
