-- The titles and languages of articles by insertion number, for the titles
-- a search ranks its matches by (store.Ranker): an index-only scan reads
-- them without visiting the rows.
CREATE INDEX articles_titles ON articles(seq) INCLUDE (title, lang);
