-- Objects of a followed node that belong together on one day (its wijkboekhouding's new
-- bookings: 'ledger:2026-03-02'), shown as one item in In de buurt and app timelines.
ALTER TABLE remote_objects ADD COLUMN series TEXT;
CREATE INDEX remote_objects_series ON remote_objects (origin_uri, series) WHERE series IS NOT NULL;
