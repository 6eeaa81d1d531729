-- Facts extracted from original articles, and the entities they mention.
CREATE TABLE article_facts (
    seq        bigint PRIMARY KEY REFERENCES articles(seq),
    event_type text NOT NULL,
    event_time timestamptz,       -- the main event's time, NULL when unknown
    facts      jsonb NOT NULL     -- news.Facts
);
CREATE INDEX article_facts_type ON article_facts(event_type);

-- Canonical entities, as first seen; later articles add mentions only.
CREATE TABLE entities (
    id      text PRIMARY KEY,
    name    text NOT NULL,
    type    text NOT NULL,
    country text NOT NULL DEFAULT '',
    lat     double precision,
    lon     double precision
);

-- Which articles mention which entities, for lookups by entity.
CREATE TABLE article_entities (
    entity text NOT NULL,
    seq    bigint NOT NULL REFERENCES articles(seq),
    count  integer NOT NULL,
    PRIMARY KEY (entity, seq)
);
CREATE INDEX article_entities_seq ON article_entities(seq);
