-- Photos on buurtberichten: uploaded first (from an app, with alt text), attached when the
-- message is written; and the time a message was last edited.
CREATE TABLE post_photos (
    id INTEGER PRIMARY KEY,
    member_id INTEGER REFERENCES members(id) ON DELETE CASCADE,
    post_id INTEGER REFERENCES posts(id) ON DELETE CASCADE,  -- NULL until attached
    position INTEGER NOT NULL DEFAULT 0,
    file_name TEXT NOT NULL UNIQUE,                          -- in DATA/media/, random
    description TEXT NOT NULL DEFAULT '',                    -- alt text
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    created_at TEXT NOT NULL
);

CREATE INDEX post_photos_by_post ON post_photos (post_id, position);

ALTER TABLE posts ADD COLUMN edited_at TEXT;
