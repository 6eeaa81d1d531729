-- Leases: a named piece of shared work (a feed to poll) held by one holder
-- until it releases it or the lease expires, so that a dead worker's work
-- passes to another.
CREATE TABLE leases (
    key     TEXT PRIMARY KEY,
    holder  TEXT NOT NULL,
    expires INTEGER NOT NULL      -- Unix time in nanoseconds
) WITHOUT ROWID;
