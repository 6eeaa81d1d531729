-- Feeds polled for articles, the items they already delivered, watch rules,
-- the alerts raised and every delivery attempt. Plain SQL that PostgreSQL
-- also reads, but for the id columns (BIGSERIAL there).
CREATE TABLE feeds (
    id            INTEGER PRIMARY KEY,
    url           TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL DEFAULT '',
    interval_s    INTEGER NOT NULL,
    added         TEXT NOT NULL,
    etag          TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    last_polled   TEXT,
    last_success  TEXT,
    last_error    TEXT NOT NULL DEFAULT '',
    errors        INTEGER NOT NULL DEFAULT 0,   -- consecutive failed polls
    next_poll     TEXT NOT NULL,
    items         INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE feed_items (
    feed  INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    key   TEXT NOT NULL,                        -- item GUID, else its link
    seen  TEXT NOT NULL,
    PRIMARY KEY (feed, key)
);

CREATE TABLE rules (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    lat          REAL,
    lon          REAL,
    radius_km    REAL NOT NULL DEFAULT 0,
    country      TEXT NOT NULL DEFAULT '',
    entity       TEXT NOT NULL DEFAULT '',
    type         TEXT NOT NULL DEFAULT '',
    min_severity INTEGER NOT NULL DEFAULT 0,
    min_sources  INTEGER NOT NULL DEFAULT 0,
    webhook      TEXT NOT NULL DEFAULT '',
    secret       TEXT NOT NULL DEFAULT '',
    created      TEXT NOT NULL
);

CREATE TABLE alerts (
    id        INTEGER PRIMARY KEY,
    rule      INTEGER NOT NULL REFERENCES rules(id) ON DELETE CASCADE,
    event     TEXT NOT NULL,                    -- no foreign key: reclustering renumbers events
    revision  INTEGER NOT NULL,
    reason    TEXT NOT NULL,
    title     TEXT NOT NULL,
    type      TEXT NOT NULL DEFAULT '',
    place     TEXT NOT NULL DEFAULT '',
    country   TEXT NOT NULL DEFAULT '',
    severity  INTEGER NOT NULL,
    sources   INTEGER NOT NULL,
    figures   TEXT NOT NULL,                    -- JSON object: figure kind → estimate
    raised    TEXT NOT NULL,
    UNIQUE (rule, event, revision)
);
CREATE INDEX alerts_raised ON alerts(raised);

CREATE TABLE deliveries (
    alert   INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
    attempt INTEGER NOT NULL,
    target  TEXT NOT NULL,
    status  INTEGER NOT NULL,
    error   TEXT NOT NULL DEFAULT '',
    ok      INTEGER NOT NULL,
    time    TEXT NOT NULL
);
CREATE INDEX deliveries_alert ON deliveries(alert);
