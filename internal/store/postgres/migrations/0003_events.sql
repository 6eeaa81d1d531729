-- Events (articles about one happening) and storylines (events of one
-- developing story), as the online clusterer assigns them.
CREATE TABLE events (
    id         text PRIMARY KEY,
    seq        bigint GENERATED ALWAYS AS IDENTITY UNIQUE, -- creation order
    title      text NOT NULL,
    type       text NOT NULL DEFAULT '',
    place      jsonb,                     -- news.Place, NULL when unknown
    lat        double precision,
    lon        double precision,
    country    text NOT NULL DEFAULT '',
    first_seen timestamptz,               -- NULL when no article is dated
    last_seen  timestamptz,
    articles   integer NOT NULL DEFAULT 0,
    storyline  text NOT NULL              -- id of the storyline; an event alone is its own
);
CREATE INDEX events_last_seen ON events(last_seen);
CREATE INDEX events_storyline ON events(storyline);
CREATE INDEX events_type ON events(type);

-- Which event each original article went to, and why.
CREATE TABLE event_articles (
    article_seq bigint PRIMARY KEY REFERENCES articles(seq),
    event       text NOT NULL REFERENCES events(id),
    score       double precision NOT NULL,
    created     boolean NOT NULL,         -- the article started the event
    evidence    text NOT NULL             -- JSON of cluster.Evidence, as given
);
CREATE INDEX event_articles_event ON event_articles(event);

-- Links between events of one storyline.
CREATE TABLE event_links (
    from_event text NOT NULL REFERENCES events(id),
    to_event   text NOT NULL REFERENCES events(id),
    kind       text NOT NULL,             -- follows, precursor
    score      double precision NOT NULL,
    PRIMARY KEY (from_event, to_event)
);
