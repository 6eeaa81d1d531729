-- Articles as ingested, with their dedup fingerprints and a full-text index.
CREATE TABLE articles (
    seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- insertion (and commit) order
    id           text NOT NULL UNIQUE,
    url          text NOT NULL DEFAULT '',
    source       text NOT NULL DEFAULT '',
    agency       text NOT NULL DEFAULT '',
    author       text NOT NULL DEFAULT '',
    title        text NOT NULL,
    body         text NOT NULL,
    published    timestamptz,                 -- NULL when unknown
    lang         text NOT NULL,
    ingested     timestamptz NOT NULL,
    size         integer NOT NULL,
    format       text NOT NULL,
    origin       text NOT NULL DEFAULT '',
    fingerprint  text NOT NULL,
    minhash      bytea,
    duplicate_of text REFERENCES articles(id),
    similarity   double precision,
    extra        text,                        -- JSON object of fields Tocsin does not model, as given
    -- Full-text vector of originals (NULL for duplicates): the title and
    -- body stemmed with the PostgreSQL configuration of the article's
    -- language, followed by the same words as written (lowercased, without
    -- diacritics) for phrases, prefixes and languages without a stemmer.
    search       tsvector
);
CREATE INDEX articles_fingerprint ON articles(fingerprint) WHERE duplicate_of IS NULL;
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_lang ON articles(lang);
CREATE INDEX articles_duplicate_of ON articles(duplicate_of);
CREATE INDEX articles_search ON articles USING gin(search);

-- MinHash band keys of original articles, for near-duplicate candidates.
CREATE TABLE article_bands (
    band_key bigint NOT NULL,
    seq      bigint NOT NULL REFERENCES articles(seq),
    PRIMARY KEY (band_key, seq)
);
