-- Leases: a named piece of shared work (a feed to poll) held by one worker
-- until it releases it or the lease expires, so that a dead worker's work
-- passes to another. Times are the database server's, one clock for all.
CREATE TABLE leases (
    key     text PRIMARY KEY,
    holder  text NOT NULL,
    expires timestamptz NOT NULL
);
