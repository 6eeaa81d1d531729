-- A storyline's events in time order, so that a report finds the events of
-- its storyline nearest to its own in two short index ranges instead of
-- reading every event of a storyline that may hold thousands.
CREATE INDEX events_storyline_first ON events(storyline, first_seen);
