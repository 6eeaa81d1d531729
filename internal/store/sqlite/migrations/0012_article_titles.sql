-- The titles and languages of articles by insertion number, apart from the
-- rows: a search ranks its matches by their titles (store.Ranker), and an
-- article's row holds its body before its language, so reading a title
-- from the row read the body's overflow pages too. The index keeps a
-- hundred bytes an article in seq order: a search's missing titles are a
-- few of its pages, and all of them one pass.
CREATE INDEX articles_titles ON articles(seq, title, lang);
