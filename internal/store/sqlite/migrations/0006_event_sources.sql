-- Independent sources of each event: the distinct agencies, or outlets
-- where no agency is credited, of its original articles (an article with
-- neither is a source of its own). Kept at assignment so that events can
-- be filtered by it without reading their articles.
CREATE TABLE event_groups (
    event TEXT NOT NULL REFERENCES events(id),
    grp   TEXT NOT NULL,
    PRIMARY KEY (event, grp)
) WITHOUT ROWID;

INSERT OR IGNORE INTO event_groups (event, grp)
SELECT ea.event, lower(coalesce(nullif(a.agency, ''), nullif(a.source, ''), a.id))
FROM event_articles ea JOIN articles a ON a.seq = ea.article_seq;

ALTER TABLE events ADD COLUMN independent INTEGER NOT NULL DEFAULT 0;
UPDATE events SET independent = (SELECT count(*) FROM event_groups g WHERE g.event = events.id);
CREATE INDEX events_lat_lon ON events(lat, lon);
