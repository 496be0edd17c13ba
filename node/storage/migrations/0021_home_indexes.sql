-- The home page's few bounded queries (node/community/overview.py) stay cheap at any size:
-- open inspraak by its deadline, the newest report-back, and per followed node its newest
-- initiative and its next activity.
CREATE INDEX processes_open_input ON processes (input_until) WHERE closed_at IS NULL;
CREATE INDEX process_report_backs_recent ON process_report_backs (published_at);
CREATE INDEX remote_objects_by_origin ON remote_objects (origin_uri, kind, published)
    WHERE deleted_at IS NULL;
CREATE INDEX remote_events_by_origin ON remote_objects (origin_uri, starts_at)
    WHERE deleted_at IS NULL AND kind = 'event';
