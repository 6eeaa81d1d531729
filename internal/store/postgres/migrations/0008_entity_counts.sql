-- Which entities each event's articles mention, and how many events and
-- assigned original articles mention each entity (as SQLite's
-- 0008_entity_counts.sql): kept at assignment, so that the entity listing
-- and the entity filter of events read an index instead of joining every
-- mention with every assignment.
CREATE TABLE event_entities (
    entity text NOT NULL,
    event  text NOT NULL REFERENCES events(id),
    PRIMARY KEY (entity, event)
);
CREATE INDEX event_entities_event ON event_entities(event);

INSERT INTO event_entities (entity, event)
SELECT DISTINCT ae.entity, ea.event FROM article_entities ae JOIN event_articles ea ON ea.article_seq = ae.seq;

ALTER TABLE entities
    ADD COLUMN events integer NOT NULL DEFAULT 0,
    ADD COLUMN articles integer NOT NULL DEFAULT 0;
UPDATE entities n SET events = c.events, articles = c.articles
FROM (SELECT ae.entity, count(DISTINCT ea.event) AS events, count(*) AS articles
      FROM article_entities ae JOIN event_articles ea ON ea.article_seq = ae.seq
      GROUP BY ae.entity) c
WHERE c.entity = n.id;
-- Only entities of some event are listed.
CREATE INDEX entities_rank ON entities(events DESC, articles DESC, id) WHERE events > 0;
