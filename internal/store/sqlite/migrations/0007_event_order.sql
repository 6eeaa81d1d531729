-- The order of event listings (most recently active first, undated last),
-- as an index, so that a page of events reads its rows in order instead
-- of sorting every event. The expressions must match Events' ORDER BY.
CREATE INDEX events_listing ON events(last_seen IS NULL, last_seen DESC, articles DESC, seq);
