-- A source's articles, so that a search filtered by a rare source tests the
-- matches of a common word against a few hundred articles rather than
-- reading every matching article's row.
CREATE INDEX articles_source ON articles(source);
