-- The totals over all participating nodes on a copy of another node's process
-- (docs/FEDERATION.md, "processResults"): sent by the node that runs it once the input phase
-- is over. JSON as the domain writes it (counts by option key only); NULL when not sent.
ALTER TABLE processes ADD COLUMN overall_results TEXT;
