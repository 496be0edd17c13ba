-- A member may choose a public profile: a page at /@name and a Person actor that the
-- fediverse can find. Off by default (privacy by default, docs/residents.md).
ALTER TABLE members ADD COLUMN public_profile INTEGER NOT NULL DEFAULT 0;
