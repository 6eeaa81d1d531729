-- Events (articles about one happening) and storylines (events of one
-- developing story), as the online clusterer assigns them.
CREATE TABLE events (
    id         TEXT PRIMARY KEY,
    seq        INTEGER NOT NULL UNIQUE,   -- creation order
    title      TEXT NOT NULL,
    type       TEXT NOT NULL DEFAULT '',
    place      TEXT,                      -- JSON of news.Place, NULL when unknown
    lat        REAL,
    lon        REAL,
    country    TEXT NOT NULL DEFAULT '',
    first_seen TEXT,                      -- RFC 3339, NULL when no article is dated
    last_seen  TEXT,
    articles   INTEGER NOT NULL DEFAULT 0,
    storyline  TEXT NOT NULL              -- id of the storyline; an event alone is its own
);
CREATE INDEX events_last_seen ON events(last_seen);
CREATE INDEX events_storyline ON events(storyline);
CREATE INDEX events_type ON events(type);

-- Which event each original article went to, and why.
CREATE TABLE event_articles (
    article_seq INTEGER PRIMARY KEY REFERENCES articles(seq),
    event       TEXT NOT NULL REFERENCES events(id),
    score       REAL NOT NULL,
    created     INTEGER NOT NULL,         -- 1 when the article started the event
    evidence    TEXT NOT NULL             -- JSON of cluster.Evidence
);
CREATE INDEX event_articles_event ON event_articles(event);

-- Links between events of one storyline.
CREATE TABLE event_links (
    from_event TEXT NOT NULL REFERENCES events(id),
    to_event   TEXT NOT NULL REFERENCES events(id),
    kind       TEXT NOT NULL,             -- follows, precursor
    score      REAL NOT NULL,
    PRIMARY KEY (from_event, to_event)
) WITHOUT ROWID;
