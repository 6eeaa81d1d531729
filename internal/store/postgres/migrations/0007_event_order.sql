-- The order of event listings (most recently active first, undated last),
-- as an index, so that a page of events reads its rows in order instead
-- of sorting every event. It must match Events' ORDER BY. Its first column
-- serves the ranges on last_seen that events_last_seen served.
CREATE INDEX events_listing ON events(last_seen DESC NULLS LAST, articles DESC, seq);
DROP INDEX events_last_seen;
