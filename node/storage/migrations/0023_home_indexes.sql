-- The home page's few bounded queries (node/community/overview.py) stay cheap at any size:
-- initiatives still active (the newest that need help, past any number of finished ones),
-- open inspraak by its deadline, the newest report-backs, and per followed node its newest
-- initiative that needs help and its next activity.
CREATE INDEX initiatives_active ON initiatives (updated_at)
    WHERE hidden_at IS NULL AND status IN ('idea', 'seeking', 'running');
CREATE INDEX processes_open_input ON processes (closed_at, input_until);
CREATE INDEX process_report_backs_recent ON process_report_backs (published_at, process_id);
CREATE INDEX remote_needing_help ON remote_objects (origin_uri, published)
    WHERE deleted_at IS NULL AND kind = 'initiative' AND open_needs NOT IN ('', '[]');
CREATE INDEX remote_events_by_origin ON remote_objects (origin_uri, starts_at)
    WHERE deleted_at IS NULL AND kind = 'event';
