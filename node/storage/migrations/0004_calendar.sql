-- Places (community centres, libraries, meeting points) and the activities held there.
-- The address is kept in the parts of schema.org's PostalAddress, as Mobilizon sends them.
CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL
        CHECK (kind IN ('community_centre', 'library', 'meeting_point', 'sports', 'other')),
    name TEXT NOT NULL,
    street_address TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    locality TEXT NOT NULL DEFAULT '',
    latitude REAL CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90),
    longitude REAL CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180),
    opening_hours TEXT NOT NULL DEFAULT '',
    accessibility TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    created_by INTEGER REFERENCES members(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Activities ("Event" in code). Times are UTC text; people enter and read them in
-- Europe/Amsterdam. Cancelled activities stay visible; hidden ones (moderation) do not.
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',  -- markdown
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    place_id INTEGER REFERENCES places(id) ON DELETE SET NULL,
    location TEXT NOT NULL DEFAULT '',     -- free text when the activity is not at a place
    capacity INTEGER CHECK (capacity IS NULL OR capacity > 0),
    initiative_id INTEGER REFERENCES initiatives(id) ON DELETE SET NULL,
    organiser_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
    cancelled_at TEXT,
    hidden_at TEXT,
    hidden_reason TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (ends_at > starts_at)
);

CREATE INDEX events_by_start ON events (starts_at) WHERE hidden_at IS NULL;
CREATE INDEX events_by_place ON events (place_id, starts_at);

-- One answer per resident of this node, or per remote actor (a Join arriving over
-- ActivityPub); exactly one of the two is set.
CREATE TABLE rsvps (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    member_id INTEGER REFERENCES members(id) ON DELETE CASCADE,
    remote_actor_uri TEXT,
    remote_actor_name TEXT,
    answer TEXT NOT NULL CHECK (answer IN ('going', 'maybe', 'not_going')),
    created_at TEXT NOT NULL,
    CHECK ((member_id IS NULL) <> (remote_actor_uri IS NULL))
);

CREATE UNIQUE INDEX rsvps_per_member ON rsvps (event_id, member_id)
    WHERE member_id IS NOT NULL;
CREATE UNIQUE INDEX rsvps_per_remote_actor ON rsvps (event_id, remote_actor_uri)
    WHERE remote_actor_uri IS NOT NULL;
