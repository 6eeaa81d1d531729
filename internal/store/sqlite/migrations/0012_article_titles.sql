-- The titles and languages of articles by insertion number, apart from the
-- rows: a search ranks its matches by their titles (store.Ranker), and an
-- article's row holds its body before its language, so reading a title
-- from the row read the body's overflow pages too. The index keeps about a
-- hundred bytes an article in seq order.
CREATE INDEX articles_titles ON articles(seq, title, lang);
