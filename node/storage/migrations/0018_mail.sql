-- E-mail (docs/admin.md, "E-mail"): a member's address, what they want to hear by mail,
-- password-reset tokens and the outgoing mail queue.

-- One address per member; it is used only once the member followed the link sent to it.
CREATE TABLE mail_addresses (
    member_id INTEGER PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
    address TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT 'nl',   -- the language of their mails and digest
    verified_at TEXT,                      -- NULL: the link was not followed yet
    updated_at TEXT NOT NULL
);

-- Per kind of notification: immediately, in the weekly digest, or never. No row: the default.
CREATE TABLE mail_choices (
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    choice TEXT NOT NULL CHECK (choice IN ('immediately', 'weekly', 'never')),
    PRIMARY KEY (member_id, kind)
);

-- Password resets by e-mail use the password_resets table of 0020_sessions_resets.sql.

-- The outbox, like deliveries: a row before anything is sent, retried with backoff.
-- `params` says what to write (composed in the recipient's language when sent); it is
-- emptied once the mail is sent or given up, as it may hold a link with a token.
CREATE TABLE mail_outbox (
    id INTEGER PRIMARY KEY,
    member_id INTEGER REFERENCES members(id) ON DELETE CASCADE,  -- NULL: a test message
    address TEXT NOT NULL,
    kind TEXT NOT NULL,
    params TEXT NOT NULL DEFAULT '{}',
    language TEXT NOT NULL DEFAULT 'nl',
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
    tries INTEGER NOT NULL DEFAULT 0,
    next_try_at TEXT NOT NULL,
    last_error TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT
);

CREATE INDEX mail_outbox_due ON mail_outbox (state, next_try_at);
