-- The notification centre (/meldingen): the same table the Mastodon API reads, widened to
-- what a member must act on or would want to know, with what each one is about (to link
-- to it) and when it was read. Apps keep seeing only Mastodon's four types.
--
-- SQLite cannot change a CHECK in place: the table is rebuilt. The legacy rename keeps the
-- triggers on other tables, which name `notifications` in their bodies, as they are.
PRAGMA legacy_alter_table = ON;

CREATE TABLE notifications_widened (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    type TEXT NOT NULL CHECK (type IN ('mention', 'favourite', 'reblog', 'follow',
        'signup', 'answer', 'proposal', 'report_back', 'urgent', 'event_changed')),
    from_member_id INTEGER REFERENCES members(id) ON DELETE CASCADE,  -- NULL: from elsewhere
    status_id INTEGER REFERENCES statuses(id) ON DELETE CASCADE,
    subject TEXT NOT NULL DEFAULT '',     -- e.g. 'offer:12', so one happening notifies once
    subject_type TEXT,                    -- what it is about, for the link: 'initiative', ...
    subject_id INTEGER,
    created_at TEXT NOT NULL,
    read_at TEXT,
    UNIQUE (member_id, type, status_id, from_member_id, subject)
);

INSERT INTO notifications_widened
    (id, member_id, type, from_member_id, status_id, subject, created_at)
SELECT id, member_id, type, from_member_id, status_id, subject, created_at FROM notifications;

DROP TABLE notifications;

ALTER TABLE notifications_widened RENAME TO notifications;

PRAGMA legacy_alter_table = OFF;

CREATE INDEX notifications_member ON notifications (member_id, id);

CREATE INDEX notifications_unread ON notifications (member_id) WHERE read_at IS NULL;

-- A sign-up waiting for approval: every active buurtverbinder and admin.
CREATE TRIGGER notify_signup AFTER INSERT ON members
WHEN NEW.status = 'pending'
BEGIN
    INSERT OR IGNORE INTO notifications
        (member_id, type, from_member_id, subject, subject_type, subject_id, created_at)
    SELECT m.id, 'signup', NEW.id, 'signup:' || NEW.id, 'member', NEW.id, NEW.created_at
    FROM members m
    WHERE m.status = 'active' AND m.role IN ('buurtverbinder', 'admin') AND m.id <> NEW.id;
END;

-- The contact person answered my question.
CREATE TRIGGER notify_answer AFTER UPDATE OF answer ON questions
WHEN OLD.answer IS NULL AND NEW.answer IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO notifications
        (member_id, type, from_member_id, subject, subject_type, subject_id, created_at)
    VALUES (NEW.asker_id, 'answer', NEW.answered_by, 'answer:' || NEW.id, 'question', NEW.id,
        COALESCE(NEW.answered_at, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')));
END;

-- My budget proposal was judged feasible or not.
CREATE TRIGGER notify_proposal_review AFTER UPDATE OF review ON budget_proposals
WHEN NEW.review <> 'pending' AND NEW.review IS NOT OLD.review AND NEW.member_id IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO notifications
        (member_id, type, from_member_id, subject, subject_type, subject_id, created_at)
    VALUES (NEW.member_id, 'proposal', NEW.reviewed_by,
        'proposal:' || NEW.id || ':' || NEW.review, 'budget_proposal', NEW.id,
        COALESCE(NEW.reviewed_at, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')));
END;

-- A report-back on a process I answered (online or on paper entered for me).
CREATE TRIGGER notify_report_back AFTER INSERT ON process_report_backs
BEGIN
    INSERT OR IGNORE INTO notifications
        (member_id, type, from_member_id, subject, subject_type, subject_id, created_at)
    SELECT DISTINCT r.member_id, 'report_back', NEW.member_id, 'report_back:' || NEW.process_id,
        'process', NEW.process_id, NEW.published_at
    FROM process_responses r JOIN process_forms f ON f.id = r.form_id
    WHERE f.process_id = NEW.process_id AND r.member_id IS NOT NULL
        AND r.member_id IS NOT NEW.member_id;
END;

-- An urgent announcement: every active member but its author.
CREATE TRIGGER notify_urgent AFTER INSERT ON announcements
WHEN NEW.urgent = 1
BEGIN
    INSERT OR IGNORE INTO notifications
        (member_id, type, from_member_id, subject, subject_type, subject_id, created_at)
    SELECT m.id, 'urgent', NEW.author_id, 'urgent:' || NEW.id, 'announcement', NEW.id,
        NEW.created_at
    FROM members m WHERE m.status = 'active' AND m.id IS NOT NEW.author_id;
END;

-- An activity I said I would attend (or might) moved, changed place or was cancelled.
CREATE TRIGGER notify_event_changed AFTER UPDATE ON events
WHEN (OLD.cancelled_at IS NULL AND NEW.cancelled_at IS NOT NULL)
    OR NEW.starts_at <> OLD.starts_at OR NEW.ends_at <> OLD.ends_at
    OR NEW.place_id IS NOT OLD.place_id OR NEW.location <> OLD.location
BEGIN
    INSERT OR IGNORE INTO notifications
        (member_id, type, from_member_id, subject, subject_type, subject_id, created_at)
    SELECT r.member_id, 'event_changed', NEW.organiser_id,
        'event:' || NEW.id || ':' || NEW.updated_at
            || CASE WHEN NEW.cancelled_at IS NOT NULL THEN ':cancelled' ELSE '' END,
        'event', NEW.id, NEW.updated_at
    FROM rsvps r
    WHERE r.event_id = NEW.id AND r.member_id IS NOT NULL AND r.answer IN ('going', 'maybe')
        AND r.member_id IS NOT NEW.organiser_id;
END;
