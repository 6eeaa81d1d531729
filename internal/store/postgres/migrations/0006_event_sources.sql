-- Independent sources of each event: the distinct agencies, or outlets
-- where no agency is credited, of its original articles (an article with
-- neither is a source of its own), as SQLite's 0006_event_sources.sql.
-- Kept at assignment so that events can be filtered by it without reading
-- their articles.
CREATE TABLE event_groups (
    event text NOT NULL REFERENCES events(id),
    grp   text NOT NULL,
    PRIMARY KEY (event, grp)
);

INSERT INTO event_groups (event, grp)
SELECT DISTINCT ea.event, lower(coalesce(nullif(a.agency, ''), nullif(a.source, ''), a.id))
FROM event_articles ea JOIN articles a ON a.seq = ea.article_seq;

ALTER TABLE events ADD COLUMN independent integer NOT NULL DEFAULT 0;
UPDATE events e SET independent = g.n
FROM (SELECT event, count(*) AS n FROM event_groups GROUP BY event) g
WHERE g.event = e.id;
CREATE INDEX events_lat_lon ON events(lat, lon);
