package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
)

// recentIndex is a full-text index, in memory, of the originals this
// process stored lately: the articles with seq in (lo, hi], all of them.
// A kept search window is brought up to date by reading the matches
// stored since it was kept (windowCache); under ingest that read is made
// every time new articles match a popular search, and in the store's index
// it looks the search's terms up in each of its segments, a dozen large
// ones among them, while the new matches are all in the newest few. Here
// they are looked up in an index of some thousands of articles. The table
// is made from the store's own definition (same columns and tokenizer),
// so that it matches exactly what the store's index matches.
type recentIndex struct {
	mu     sync.Mutex
	conn   *sql.Conn // the in-memory database lives as long as its connection
	db     *sql.DB
	read   *sql.Stmt // newer's query, prepared once: preparing cost more than the query
	create string    // the table's definition
	lo, hi int64     // lo == hi: it covers nothing
	staged int64     // the highest seq of the transaction staged, 0 for none
}

// maxRecent bounds the articles a recentIndex covers (some 10 MB): past
// it, it starts afresh, and a window kept from before reads the store's
// index once more.
const maxRecent = 10000

// openRecent makes the in-memory index of s, empty.
func openRecent(ctx context.Context, s *Store) (*recentIndex, error) {
	var create string
	if err := s.r.QueryRowContext(ctx, `SELECT sql FROM sqlite_master WHERE name = 'articles_fts'`).Scan(&create); err != nil {
		return nil, fmt.Errorf("recent articles index: %w", err)
	}
	db, err := sql.Open("sqlite", "file::memory:")
	if err != nil {
		return nil, fmt.Errorf("recent articles index: %w", err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("recent articles index: %w", err)
	}
	r := &recentIndex{db: db, conn: conn, create: strings.Replace(create, "articles_fts", "recent_fts", 1)}
	if _, err := conn.ExecContext(ctx, r.create); err != nil {
		r.close()
		return nil, fmt.Errorf("recent articles index: %w", err)
	}
	// SQLite prepares it again by itself after the table is made afresh.
	if r.read, err = conn.PrepareContext(ctx, `SELECT rowid FROM recent_fts WHERE recent_fts MATCH ? AND rowid > ? AND rowid <= ?
		ORDER BY rowid DESC LIMIT ?`); err != nil {
		r.close()
		return nil, fmt.Errorf("recent articles index: %w", err)
	}
	return r, nil
}

func (r *recentIndex) close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	var errs []error
	if r.read != nil {
		errs = append(errs, r.read.Close())
	}
	return errors.Join(append(errs, r.conn.Close(), r.db.Close())...)
}

// stage indexes the originals of a transaction about to commit, rows
// being their (seq, title, body, terms) as the store's index got them:
// base was the highest seq when the transaction began and top is the
// highest now. The index covers them once commit says the transaction
// committed: readers see its articles as soon as it commits, and one that
// found them not covered read the store's index instead, which under
// ingest took a tenth of search's CPU when they were indexed only after
// the commit. When other writers stored articles since the last commit
// (base is not hi), or the index is full, it starts afresh from base. On
// an error it covers nothing until the next transaction.
func (r *recentIndex) stage(ctx context.Context, base, top int64, rows []any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.staged = 0
	if base != r.hi || r.lo == r.hi || top-r.lo > maxRecent {
		r.lo, r.hi = base, base
		if _, err := r.conn.ExecContext(ctx, `DROP TABLE recent_fts`); err != nil {
			return
		}
		if _, err := r.conn.ExecContext(ctx, r.create); err != nil {
			return
		}
	}
	for len(rows) > 0 {
		n := min(len(rows), 4*ftsRows)
		values := strings.Repeat(",(?,?,?,?)", n/4)[1:]
		if _, err := r.conn.ExecContext(ctx, `INSERT INTO recent_fts (rowid, title, body, terms) VALUES `+values, rows[:n]...); err != nil {
			r.lo = r.hi // covers nothing
			return
		}
		rows = rows[n:]
	}
	r.staged = top
}

// commit covers the transaction staged last, which committed with top
// its highest seq; if it did not commit (ok false), the index covers
// nothing until the next transaction, since its seqs will be given again.
func (r *recentIndex) commit(top int64, ok bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case !ok:
		r.lo = r.hi
	case r.staged == top:
		r.hi = top
	}
	r.staged = 0
}

// newer returns the matches of the FTS5 expression match with seq in
// (after, upTo], newest first, at most n; ok is false when the index does
// not cover all of them.
func (r *recentIndex) newer(ctx context.Context, match string, after, upTo int64, n int) (seqs []int64, ok bool, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if after < r.lo || upTo > r.hi || r.lo == r.hi {
		return nil, false, nil
	}
	rows, err := r.read.QueryContext(ctx, match, after, upTo, n)
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	for rows.Next() {
		var seq int64
		if err := rows.Scan(&seq); err != nil {
			return nil, false, err
		}
		seqs = append(seqs, seq)
	}
	return seqs, rows.Err() == nil, rows.Err()
}
