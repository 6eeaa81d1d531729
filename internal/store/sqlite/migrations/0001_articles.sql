-- Articles as ingested, with their dedup fingerprints and a full-text index.
CREATE TABLE articles (
    seq          INTEGER PRIMARY KEY,          -- insertion order; FTS rowid
    id           TEXT NOT NULL UNIQUE,
    url          TEXT NOT NULL DEFAULT '',
    source       TEXT NOT NULL DEFAULT '',
    agency       TEXT NOT NULL DEFAULT '',
    author       TEXT NOT NULL DEFAULT '',
    title        TEXT NOT NULL,
    body         TEXT NOT NULL,
    published    TEXT,                          -- RFC 3339 UTC, NULL when unknown
    lang         TEXT NOT NULL,
    ingested     TEXT NOT NULL,
    size         INTEGER NOT NULL,
    format       TEXT NOT NULL,
    origin       TEXT NOT NULL DEFAULT '',
    fingerprint  TEXT NOT NULL,
    minhash      BLOB,
    duplicate_of TEXT REFERENCES articles(id),
    similarity   REAL,
    extra        TEXT                           -- JSON object of fields Tocsin does not model
);
CREATE INDEX articles_fingerprint ON articles(fingerprint) WHERE duplicate_of IS NULL;
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_lang ON articles(lang);
CREATE INDEX articles_duplicate_of ON articles(duplicate_of);

-- MinHash band keys of original articles, for near-duplicate candidates.
CREATE TABLE article_bands (
    band_key INTEGER NOT NULL,
    seq      INTEGER NOT NULL REFERENCES articles(seq),
    PRIMARY KEY (band_key, seq)
) WITHOUT ROWID;

-- Full-text index of original articles. title and body are matched as
-- written (diacritics folded), which serves phrases and prefixes; terms
-- holds the stems of both in the article's language (folded words where
-- there is no stemmer), so that inflected forms meet: FTS5 itself stems no
-- language but English.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body, terms,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
