-- Fewer pages written per ingested article. The entity postings of an
-- article are keyed by the article first: ingest appends them at the end
-- of one B-tree, where keyed by entity (and indexed again by article) they
-- landed on two random pages per entity mentioned. Every read of them is
-- by article (assignment); the listing of entities and the entity filter
-- of events read the entity counts and event_entities. Nothing reads
-- event_entities by event, so its index by event goes.
CREATE TABLE article_entities_by_seq (
    seq    INTEGER NOT NULL REFERENCES articles(seq),
    entity TEXT NOT NULL,
    count  INTEGER NOT NULL,
    PRIMARY KEY (seq, entity)
) WITHOUT ROWID;
INSERT INTO article_entities_by_seq (seq, entity, count)
SELECT seq, entity, count FROM article_entities ORDER BY seq, entity;
DROP TABLE article_entities;
ALTER TABLE article_entities_by_seq RENAME TO article_entities;

DROP INDEX event_entities_event;

-- The band keys of near-duplicate search, one row per original article
-- in insertion order: the store indexes them in memory (bands.go). Keyed
-- by band, each article's keys were written to dedup.Bands random pages.
CREATE TABLE article_band_keys (
    seq  INTEGER PRIMARY KEY REFERENCES articles(seq),
    keys TEXT NOT NULL            -- the band keys, decimal, space-separated
);
INSERT INTO article_band_keys (seq, keys)
SELECT seq, group_concat(band_key, ' ') FROM article_bands GROUP BY seq ORDER BY seq;
DROP TABLE article_bands;
