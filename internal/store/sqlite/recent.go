package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// recentIndex is a full-text index, in memory, of the originals this
// process stored lately: the articles with seq in (lo, hi], all of them.
// A kept search window is brought up to date by reading the matches
// stored since it was kept (windowCache); under ingest that read is made
// every time new articles match a popular search, and in the store's index
// it looks the search's terms up in each of its segments, a dozen large
// ones among them, while the new matches are all in the newest few.
//
// It is kept as one table per transaction (a slice), in a ring of tables
// made once and emptied for reuse: on the serve benchmark a window was
// from one to ten transactions behind (a quarter of the reads one, a
// fifth two), and one table of the last thousands of articles read every
// segment's list of each term for them, 0.2–0.4 ms; the slices that range
// falls in cost some 0.04 ms each, and a transaction's articles go into an
// empty table, with no segments to merge. The tables are made from the
// store's own definition (same columns and tokenizer, contentless), so
// that they match exactly what the store's index matches.
type recentIndex struct {
	mu      sync.Mutex
	conn    *sql.Conn // the in-memory database lives as long as its connection
	db      *sql.DB
	create  string   // the store's index definition, named articles_fts
	slots   []*slice // the tables made so far, at most recentSlots
	covered []*slice // the committed slices, oldest first, each from where the one before ends
	staged  *slice   // the transaction staged, nil for none
}

// slice is one table of the recent index and the seqs it holds, (lo, hi].
type slice struct {
	name   string
	read   *sql.Stmt // newer's query, prepared once: preparing cost more than the query
	lo, hi int64
	used   bool // staged or covered
}

// recentSlots bounds the transactions the index covers, and maxRecent the
// articles (some 10 MB): past either, the oldest slice is dropped, and a
// window kept from before it reads the store's index once more.
const (
	recentSlots = 64
	maxRecent   = 10000
)

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
	return &recentIndex{db: db, conn: conn, create: create}, nil
}

func (r *recentIndex) close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	var errs []error
	for _, s := range r.slots {
		errs = append(errs, s.read.Close())
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
// (base is not where the index ends), it starts afresh from base. On an
// error the transaction is not covered, nor any before it.
func (r *recentIndex) stage(ctx context.Context, base, top int64, rows []any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.staged != nil { // a stage that commit was never told of
		r.staged.used, r.staged = false, nil
	}
	if n := len(r.covered); n > 0 && r.covered[n-1].hi != base {
		r.drop(n)
	}
	if top == base {
		return
	}
	for len(r.covered) > 0 && (len(r.covered) == recentSlots || top-r.covered[0].lo > maxRecent) {
		r.drop(1)
	}
	s, err := r.free(ctx)
	if err == nil {
		_, err = r.conn.ExecContext(ctx, `INSERT INTO `+s.name+` (`+s.name+`) VALUES ('delete-all')`)
	}
	for err == nil && len(rows) > 0 {
		n := min(len(rows), 4*ftsRows)
		values := strings.Repeat(",(?,?,?,?)", n/4)[1:]
		_, err = r.conn.ExecContext(ctx, `INSERT INTO `+s.name+` (rowid, title, body, terms) VALUES `+values, rows[:n]...)
		rows = rows[n:]
	}
	if err != nil {
		r.drop(len(r.covered))
		return
	}
	s.lo, s.hi, s.used = base, top, true
	r.staged = s
}

// drop forgets the n oldest slices covered.
func (r *recentIndex) drop(n int) {
	for _, s := range r.covered[:n] {
		s.used = false
	}
	r.covered = slices.Delete(r.covered, 0, n)
}

// free returns a table no slice uses, made if there are fewer than
// recentSlots.
func (r *recentIndex) free(ctx context.Context) (*slice, error) {
	for _, s := range r.slots {
		if !s.used {
			return s, nil
		}
	}
	s := &slice{name: fmt.Sprintf("recent_fts_%d", len(r.slots))}
	if _, err := r.conn.ExecContext(ctx, strings.Replace(r.create, "articles_fts", s.name, 1)); err != nil {
		return nil, err
	}
	var err error
	s.read, err = r.conn.PrepareContext(ctx, `SELECT rowid FROM `+s.name+` WHERE `+s.name+` MATCH ? AND rowid > ? AND rowid <= ?
		ORDER BY rowid DESC LIMIT ?`)
	if err != nil {
		r.conn.ExecContext(ctx, `DROP TABLE `+s.name)
		return nil, err
	}
	r.slots = append(r.slots, s)
	return s, nil
}

// commit covers the transaction staged last, which committed with top
// its highest seq; if it did not commit (ok false), its seqs will be given
// again and it is dropped.
func (r *recentIndex) commit(top int64, ok bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.staged
	r.staged = nil
	if s == nil {
		return
	}
	if ok && s.hi == top {
		r.covered = append(r.covered, s)
		return
	}
	s.used = false
	if ok { // committed with other seqs than staged: the index no longer follows
		r.drop(len(r.covered))
	}
}

// newer returns the matches of the FTS5 expression match with seq in
// (after, upTo], newest first, at most n; ok is false when the index does
// not cover all of them.
func (r *recentIndex) newer(ctx context.Context, match string, after, upTo int64, n int) (seqs []int64, ok bool, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	last := len(r.covered) - 1
	if last < 0 || after < r.covered[0].lo || upTo > r.covered[last].hi {
		return nil, false, nil
	}
	for i := last; i >= 0 && r.covered[i].hi > after && len(seqs) < n; i-- {
		s := r.covered[i]
		if s.lo >= upTo {
			continue
		}
		if seqs, err = s.newer(ctx, seqs, match, max(after, s.lo), min(upTo, s.hi), n-len(seqs)); err != nil {
			return nil, false, err
		}
	}
	return seqs, true, nil
}

// newer appends to seqs the matches of match in s with seq in (after,
// upTo], newest first, at most n.
func (s *slice) newer(ctx context.Context, seqs []int64, match string, after, upTo int64, n int) ([]int64, error) {
	rows, err := s.read.QueryContext(ctx, match, after, upTo, n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var seq int64
		if err := rows.Scan(&seq); err != nil {
			return nil, err
		}
		seqs = append(seqs, seq)
	}
	return seqs, rows.Err()
}
