-- Feeds polled for articles, the items they already delivered, watch rules,
-- the alerts raised and every delivery attempt (as SQLite's 0005_watch.sql).
-- Times are kept to the second, as in SQLite.
CREATE TABLE feeds (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    url           text NOT NULL UNIQUE,
    name          text NOT NULL DEFAULT '',
    interval_s    bigint NOT NULL,
    added         timestamptz NOT NULL,
    etag          text NOT NULL DEFAULT '',
    last_modified text NOT NULL DEFAULT '',
    last_polled   timestamptz,
    last_success  timestamptz,
    last_error    text NOT NULL DEFAULT '',
    errors        integer NOT NULL DEFAULT 0,   -- consecutive failed polls
    next_poll     timestamptz NOT NULL,
    items         integer NOT NULL DEFAULT 0
);

CREATE TABLE feed_items (
    feed  bigint NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    key   text NOT NULL,                        -- item GUID, else its link
    seen  timestamptz NOT NULL,
    PRIMARY KEY (feed, key)
);

CREATE TABLE rules (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text NOT NULL UNIQUE,
    lat          double precision,
    lon          double precision,
    radius_km    double precision NOT NULL DEFAULT 0,
    country      text NOT NULL DEFAULT '',
    entity       text NOT NULL DEFAULT '',
    type         text NOT NULL DEFAULT '',
    min_severity integer NOT NULL DEFAULT 0,
    min_sources  integer NOT NULL DEFAULT 0,
    webhook      text NOT NULL DEFAULT '',
    secret       text NOT NULL DEFAULT '',
    created      timestamptz NOT NULL
);

CREATE TABLE alerts (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    rule      bigint NOT NULL REFERENCES rules(id) ON DELETE CASCADE,
    event     text NOT NULL,                    -- no foreign key: reclustering renumbers events
    revision  integer NOT NULL,
    reason    text NOT NULL,
    title     text NOT NULL,
    type      text NOT NULL DEFAULT '',
    place     text NOT NULL DEFAULT '',
    country   text NOT NULL DEFAULT '',
    severity  integer NOT NULL,
    sources   integer NOT NULL,
    figures   jsonb NOT NULL,                   -- figure kind → estimate
    raised    timestamptz NOT NULL,
    UNIQUE (rule, event, revision)
);
CREATE INDEX alerts_raised ON alerts(raised);

CREATE TABLE deliveries (
    alert   bigint NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
    attempt integer NOT NULL,
    target  text NOT NULL,
    status  integer NOT NULL,
    error   text NOT NULL DEFAULT '',
    ok      boolean NOT NULL,
    time    timestamptz NOT NULL
);
CREATE INDEX deliveries_alert ON deliveries(alert);
