-- SQLite's 0011 rekeys its entity postings by article to write fewer
-- pages per article; PostgreSQL keeps its schema (its heap tables append
-- rows whatever the key). The same number keeps both stores' migrations
-- in step.
SELECT 1;
