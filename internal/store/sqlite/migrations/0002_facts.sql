-- Facts extracted from original articles, and the entities they mention.
CREATE TABLE article_facts (
    seq        INTEGER PRIMARY KEY REFERENCES articles(seq),
    event_type TEXT NOT NULL,
    event_time TEXT,              -- RFC 3339 UTC of the main event, NULL when unknown
    facts      TEXT NOT NULL      -- JSON of news.Facts
);
CREATE INDEX article_facts_type ON article_facts(event_type);

-- Canonical entities, as first seen; later articles add mentions only.
CREATE TABLE entities (
    id      TEXT PRIMARY KEY,
    name    TEXT NOT NULL,
    type    TEXT NOT NULL,
    country TEXT NOT NULL DEFAULT '',
    lat     REAL,
    lon     REAL
);

-- Which articles mention which entities, for lookups by entity.
CREATE TABLE article_entities (
    entity TEXT NOT NULL,
    seq    INTEGER NOT NULL REFERENCES articles(seq),
    count  INTEGER NOT NULL,
    PRIMARY KEY (entity, seq)
) WITHOUT ROWID;
CREATE INDEX article_entities_seq ON article_entities(seq);
