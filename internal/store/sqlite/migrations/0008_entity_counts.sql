-- Which entities each event's articles mention, and how many events and
-- assigned original articles mention each entity: kept at assignment, so
-- that the entity listing and the entity filter of events read an index
-- instead of joining every mention with every assignment.
CREATE TABLE event_entities (
    entity TEXT NOT NULL,
    event  TEXT NOT NULL REFERENCES events(id),
    PRIMARY KEY (entity, event)
) WITHOUT ROWID;
CREATE INDEX event_entities_event ON event_entities(event);

INSERT OR IGNORE INTO event_entities (entity, event)
SELECT ae.entity, ea.event FROM article_entities ae JOIN event_articles ea ON ea.article_seq = ae.seq;

ALTER TABLE entities ADD COLUMN events INTEGER NOT NULL DEFAULT 0;
ALTER TABLE entities ADD COLUMN articles INTEGER NOT NULL DEFAULT 0;
UPDATE entities SET
    events = (SELECT count(*) FROM event_entities x WHERE x.entity = entities.id),
    articles = (SELECT count(*) FROM article_entities ae JOIN event_articles ea ON ea.article_seq = ae.seq WHERE ae.entity = entities.id);
CREATE INDEX entities_rank ON entities(events DESC, articles DESC, id);
