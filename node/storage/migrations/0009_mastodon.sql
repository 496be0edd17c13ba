-- Residents' short posts (buurtberichten), the Mastodon client API (OAuth apps, codes and
-- tokens), one id space for everything shown as a status, and what apps keep per member.

-- OAuth 2 clients registered through POST /api/v1/apps. Secrets are stored hashed.
CREATE TABLE oauth_apps (
    id INTEGER PRIMARY KEY,
    client_id TEXT NOT NULL UNIQUE,
    secret_hash TEXT NOT NULL,
    name TEXT NOT NULL,
    website TEXT,
    redirect_uris TEXT NOT NULL,          -- one per line
    scopes TEXT NOT NULL,                 -- space separated
    created_at TEXT NOT NULL
);

-- Authorization codes: short-lived, used once, PKCE (S256) when the app asked for it.
CREATE TABLE oauth_codes (
    id INTEGER PRIMARY KEY,
    code_hash TEXT NOT NULL UNIQUE,
    app_id INTEGER NOT NULL REFERENCES oauth_apps(id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    redirect_uri TEXT NOT NULL,
    scopes TEXT NOT NULL,
    code_challenge TEXT,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);

-- Access tokens (sha256 of the token). member_id NULL: an app token (client_credentials).
-- A password change bumps the member's session epoch, which ends older tokens too.
CREATE TABLE oauth_tokens (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    app_id INTEGER NOT NULL REFERENCES oauth_apps(id) ON DELETE CASCADE,
    member_id INTEGER REFERENCES members(id) ON DELETE CASCADE,
    session_epoch INTEGER NOT NULL DEFAULT 0,
    scopes TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

CREATE INDEX oauth_tokens_member ON oauth_tokens (member_id) WHERE revoked_at IS NULL;

-- Buurtberichten: a resident's short message to the neighbourhood.
CREATE TABLE posts (
    id INTEGER PRIMARY KEY,
    member_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
    body TEXT NOT NULL,                   -- markdown, as written
    body_html TEXT NOT NULL,              -- rendered and sanitised once, on write
    visibility TEXT NOT NULL DEFAULT 'public'
        CHECK (visibility IN ('public', 'unlisted', 'members')),
    spoiler_text TEXT NOT NULL DEFAULT '',
    language TEXT,
    in_reply_to_post_id INTEGER REFERENCES posts(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    deleted_at TEXT,
    hidden_at TEXT,
    hidden_reason TEXT
);

CREATE INDEX posts_by_member ON posts (member_id, created_at);
CREATE INDEX posts_replies ON posts (in_reply_to_post_id) WHERE in_reply_to_post_id IS NOT NULL;

CREATE TABLE post_tags (
    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,                    -- lower case, without '#'
    PRIMARY KEY (post_id, tag)
);

CREATE INDEX post_tags_tag ON post_tags (tag, post_id);

CREATE TABLE post_mentions (
    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    PRIMARY KEY (post_id, member_id)
);

-- One increasing id space for everything an app shows as a status: posts, comments,
-- initiatives, activities and announcements. Filled from the change log by a trigger.
CREATE TABLE statuses (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    subject_type TEXT NOT NULL
        CHECK (subject_type IN ('post', 'comment', 'initiative', 'event', 'announcement')),
    subject_id INTEGER NOT NULL,
    member_id INTEGER REFERENCES members(id) ON DELETE SET NULL,  -- who wrote or started it
    created_at TEXT NOT NULL,
    UNIQUE (subject_type, subject_id)
);

INSERT INTO statuses (subject_type, subject_id, member_id, created_at)
SELECT subject_type, subject_id, member_id, created_at FROM (
    SELECT 'initiative' AS subject_type, id AS subject_id, member_id, created_at
    FROM initiatives
    UNION ALL SELECT 'event', id, organiser_id, created_at FROM events
    UNION ALL SELECT 'announcement', id, author_id, created_at FROM announcements
    UNION ALL SELECT 'comment', id, member_id, created_at FROM comments
) ORDER BY created_at, subject_type, subject_id;

CREATE TRIGGER statuses_from_changes AFTER INSERT ON changes
WHEN NEW.kind = 'created'
    AND NEW.subject_type IN ('post', 'comment', 'initiative', 'event', 'announcement')
BEGIN
    INSERT OR IGNORE INTO statuses (subject_type, subject_id, member_id, created_at)
    VALUES (NEW.subject_type, NEW.subject_id, NEW.member_id, NEW.created_at);
END;

CREATE TABLE status_favourites (
    status_id INTEGER NOT NULL REFERENCES statuses(id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (status_id, member_id)
);

CREATE TABLE status_reblogs (
    status_id INTEGER NOT NULL REFERENCES statuses(id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (status_id, member_id)
);

-- Residents following each other on this node.
CREATE TABLE local_follows (
    follower_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    followed_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (follower_id, followed_id),
    CHECK (follower_id <> followed_id)
);

-- Where a member stopped reading, per timeline (an app's "markers").
CREATE TABLE markers (
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    timeline TEXT NOT NULL CHECK (timeline IN ('home', 'notifications')),
    last_read_id TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (member_id, timeline)
);

-- An app may send the same post twice (a retry); the Idempotency-Key makes it one post.
CREATE TABLE post_idempotency (
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    status_id INTEGER NOT NULL REFERENCES statuses(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (member_id, key)
);

-- What a member hears about. Filled by the triggers below from what happened, so every way
-- in (web page, app, federation) notifies alike. Mastodon's types: mention (a reply or an
-- @name), favourite (a favourite, "ik steun dit", or an offer of help on your initiative),
-- reblog.
CREATE TABLE notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    type TEXT NOT NULL CHECK (type IN ('mention', 'favourite', 'reblog', 'follow')),
    from_member_id INTEGER REFERENCES members(id) ON DELETE CASCADE,  -- NULL: from elsewhere
    status_id INTEGER REFERENCES statuses(id) ON DELETE CASCADE,
    subject TEXT NOT NULL DEFAULT '',     -- e.g. 'offer:12', so one happening notifies once
    created_at TEXT NOT NULL,
    UNIQUE (member_id, type, status_id, from_member_id, subject)
);

CREATE INDEX notifications_member ON notifications (member_id, id);

-- A reply to a post notifies the post's author.
CREATE TRIGGER notify_post_reply AFTER INSERT ON statuses
WHEN NEW.subject_type = 'post'
BEGIN
    INSERT OR IGNORE INTO notifications (member_id, type, from_member_id, status_id, created_at)
    SELECT parent.member_id, 'mention', NEW.member_id, NEW.id, NEW.created_at
    FROM posts p JOIN posts parent ON parent.id = p.in_reply_to_post_id
    WHERE p.id = NEW.subject_id AND parent.member_id IS NOT NULL
        AND parent.member_id IS NOT NEW.member_id;
END;

-- A comment notifies who started the initiative, planned the activity or wrote the news.
CREATE TRIGGER notify_comment AFTER INSERT ON statuses
WHEN NEW.subject_type = 'comment'
BEGIN
    INSERT OR IGNORE INTO notifications (member_id, type, from_member_id, status_id, created_at)
    SELECT owner.member_id, 'mention', NEW.member_id, NEW.id, NEW.created_at
    FROM comments c JOIN statuses owner
        ON owner.subject_type = c.subject_type AND owner.subject_id = c.subject_id
    WHERE c.id = NEW.subject_id AND owner.member_id IS NOT NULL
        AND owner.member_id IS NOT NEW.member_id;
END;

CREATE TRIGGER notify_mention AFTER INSERT ON post_mentions
BEGIN
    INSERT OR IGNORE INTO notifications (member_id, type, from_member_id, status_id, created_at)
    SELECT NEW.member_id, 'mention', p.member_id, s.id, p.created_at
    FROM posts p JOIN statuses s ON s.subject_type = 'post' AND s.subject_id = p.id
    WHERE p.id = NEW.post_id AND p.member_id IS NOT NEW.member_id;
END;

CREATE TRIGGER notify_favourite AFTER INSERT ON status_favourites
BEGIN
    INSERT OR IGNORE INTO notifications (member_id, type, from_member_id, status_id, created_at)
    SELECT s.member_id, 'favourite', NEW.member_id, s.id, NEW.created_at
    FROM statuses s WHERE s.id = NEW.status_id AND s.member_id IS NOT NULL
        AND s.member_id <> NEW.member_id;
END;

CREATE TRIGGER notify_reblog AFTER INSERT ON status_reblogs
BEGIN
    INSERT OR IGNORE INTO notifications (member_id, type, from_member_id, status_id, created_at)
    SELECT s.member_id, 'reblog', NEW.member_id, s.id, NEW.created_at
    FROM statuses s WHERE s.id = NEW.status_id AND s.member_id IS NOT NULL
        AND s.member_id <> NEW.member_id;
END;

-- "Ik steun dit" (from the web page, an app or elsewhere) notifies the initiator.
CREATE TRIGGER notify_support AFTER INSERT ON changes
WHEN NEW.subject_type = 'support' AND NEW.kind = 'created'
BEGIN
    INSERT OR IGNORE INTO notifications
        (member_id, type, from_member_id, status_id, subject, created_at)
    SELECT s.member_id, 'favourite', NEW.member_id, s.id, 'support:' || NEW.subject_id,
        NEW.created_at
    FROM supports su JOIN statuses s ON s.subject_type = 'initiative'
        AND s.subject_id = su.initiative_id
    WHERE su.id = NEW.subject_id AND s.member_id IS NOT NULL
        AND s.member_id IS NOT NEW.member_id;
END;

-- A new offer of help notifies the initiator.
CREATE TRIGGER notify_offer AFTER INSERT ON changes
WHEN NEW.subject_type = 'offer' AND NEW.kind = 'created'
BEGIN
    INSERT OR IGNORE INTO notifications
        (member_id, type, from_member_id, status_id, subject, created_at)
    SELECT s.member_id, 'favourite', NEW.member_id, s.id, 'offer:' || NEW.subject_id,
        NEW.created_at
    FROM offers o JOIN needs n ON n.id = o.need_id
        JOIN statuses s ON s.subject_type = 'initiative' AND s.subject_id = n.initiative_id
    WHERE o.id = NEW.subject_id AND s.member_id IS NOT NULL
        AND s.member_id IS NOT NEW.member_id;
END;

CREATE TRIGGER notify_follow AFTER INSERT ON local_follows
BEGIN
    INSERT OR IGNORE INTO notifications (member_id, type, from_member_id, created_at)
    VALUES (NEW.followed_id, 'follow', NEW.follower_id, NEW.created_at);
END;
