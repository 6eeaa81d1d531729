-- events_storyline_first (storyline, first_seen) serves every lookup by
-- storyline that events_storyline did; keeping both wrote two index entries
-- for every event created and every event a link moved.
DROP INDEX IF EXISTS events_storyline;
