// Package sqlite is the embedded Tocsin store: one SQLite file in WAL mode,
// written by one transaction at a time, read concurrently, with schema
// migrations embedded in the binary and FTS5 full-text search.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/tocsin/tocsin/internal/store"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is a Tocsin store in one SQLite database file.
type Store struct {
	path string
	w    *sql.DB // one connection: SQLite has one writer
	r    *sql.DB // readers, concurrent under WAL

	checkpoints *checkpointer

	mu    sync.Mutex
	stmts map[string]*sql.Stmt // prepared reads by query text

	ranker  store.Ranker // search ranking's reusable parts
	bands   bandIndex    // near-duplicate candidates
	known   entitySet    // entities stored, which no insert need repeat
	windows windowCache  // recent searches' newest matches
	pages   pageCache    // articles shown on search pages
	recent  *recentIndex // the originals stored lately by this process
	langs   struct {     // the stored articles' languages, as of seq upTo
		mu   sync.Mutex
		upTo int64
		list []string
	}
}

var _ store.Store = (*Store)(nil)

// Open opens (creating if needed) the database at path and brings its schema
// up to date.
func Open(ctx context.Context, path string) (*Store, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("open store %s: %w", path, err)
		}
	}
	dsn := func(txlock string, pragmas ...string) string {
		q := url.Values{}
		for _, p := range append([]string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(ON)"}, pragmas...) {
			q.Add("_pragma", p)
		}
		q.Set("_txlock", txlock)
		return "file:" + path + "?" + q.Encode()
	}
	// The writer's page cache holds the pages a batch of ingest changes
	// (events, entity counts, their indexes): with SQLite's default of 2 MB,
	// a batch spilled dirty pages to the WAL mid-transaction and read index
	// pages back from the file, a third of ingest CPU in system calls on a
	// store of 25,000 articles. Checkpointing every 32,000 pages (128 MB
	// of WAL) instead of 1,000 copies a page written by many commits into
	// the database once for all of them: an article writes some 40 pages,
	// mostly of indexes with random keys (the entities of events, entity
	// counts) whose pages the commits between two checkpoints share
	// more the more commits there are. On the 45,594-article benchmark
	// store, checkpoints cost 0.22 ms of CPU per article at 32,000 pages
	// against 0.58 at 8,000 (docs/performance.md). They run in the
	// background (checkpointer), the writer's own threshold only bounding
	// the WAL should they fall behind.
	//
	// A statement that changes several rows and may fail halfway (the
	// entity counts, event_entities under its foreign key) saves the pages
	// it changes again within the transaction in a statement journal. Past
	// 64 KiB that journal goes to a temporary file, two write system calls
	// a page: 0.3 ms of CPU per article of a 20-article batch. In memory,
	// it is a copy; it holds at most the pages of one statement.
	w, err := sql.Open("sqlite", dsn("immediate", writerCache, fallbackCheckpoint, "temp_store(MEMORY)"))
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	// A reader's page cache of 32 MiB rather than SQLite's 2 MiB: searches
	// and reports read pages of the full-text index and the articles all
	// over the file, and every page missed is a read system call, which
	// took a fifth of the serve benchmark's CPU.
	r, err := sql.Open("sqlite", dsn("deferred", "cache_size(-32768)", "mmap_size(4294967296)"))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	// All four stay open when idle (database/sql keeps two by default):
	// under 50 clients a connection closed on its return was opened again
	// at once, which set its pragmas and prepared every kept statement on
	// it afresh, a tenth of a search's CPU in the serve benchmark.
	r.SetMaxOpenConns(4)
	r.SetMaxIdleConns(4)
	c, err := sql.Open("sqlite", dsn("deferred"))
	if err != nil {
		w.Close()
		r.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	s := &Store{path: path, w: w, r: r, checkpoints: startCheckpoints(c, checkpointEvery)}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	if s.recent, err = openRecent(ctx, s); err != nil {
		s.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return s, nil
}

// writerCache is the writer connection's page cache: 64 MiB (a negative
// size is in KiB).
const writerCache = "cache_size(-65536)"

// Close closes the database.
func (s *Store) Close() error {
	s.mu.Lock()
	for _, st := range s.stmts {
		st.Close()
	}
	s.stmts = nil
	s.mu.Unlock()
	var recent error
	if s.recent != nil {
		recent = s.recent.close()
	}
	return errors.Join(s.checkpoints.close(), s.r.Close(), s.w.Close(), recent)
}

// maxStmts bounds the prepared reads kept: query texts vary with filters
// and pages, and a rare one is prepared for each use like before.
const maxStmts = 256

// prepared returns the reader statement of query, preparing it the first
// time: the SQLite driver prepares every query anew otherwise, which was
// 7 % of the serve benchmark's CPU. It returns nil when none is kept.
func (s *Store) prepared(ctx context.Context, query string) *sql.Stmt {
	s.mu.Lock()
	st, ok := s.stmts[query]
	full := len(s.stmts) >= maxStmts
	s.mu.Unlock()
	if ok || full {
		return st
	}
	// Prepared without the lock: it waits for a reader connection.
	st, err := s.r.PrepareContext(ctx, query)
	if err != nil {
		return nil // the query itself reports the error
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if kept, ok := s.stmts[query]; ok {
		st.Close() // another request prepared it meanwhile
		return kept
	}
	if s.stmts == nil {
		s.stmts = map[string]*sql.Stmt{}
	}
	s.stmts[query] = st
	return st
}

// query runs a read, prepared once.
func (s *Store) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := s.prepared(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return s.r.QueryContext(ctx, query, args...)
}

// queryRow runs a single-row read, prepared once.
func (s *Store) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if st := s.prepared(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return s.r.QueryRowContext(ctx, query, args...)
}

// migrate applies the embedded migrations not yet recorded, each in its own
// transaction, in file-name order.
func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		base := filepath.Base(name)
		version, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migration %s: name must start with a number", base)
		}
		body, err := migrations.ReadFile(name)
		if err != nil {
			return err
		}
		// Check and apply under the write lock, so that two processes
		// opening a new database do not both apply a migration.
		tx, err := s.w.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("migration %s: %w", base, err)
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, version).Scan(&n); err != nil {
			tx.Rollback()
			return fmt.Errorf("migrate: %w", err)
		}
		if n > 0 {
			tx.Rollback()
			continue
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", base, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name) VALUES (?, ?)`, version, base); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", base, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %s: %w", base, err)
		}
	}
	return nil
}

// Check runs SQLite's integrity check and the store's own invariants and
// returns what is wrong, if anything.
func (s *Store) Check(ctx context.Context) error {
	var res string
	if err := s.r.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if res != "ok" {
		return fmt.Errorf("integrity check: %s", res)
	}
	var dangling int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM articles a WHERE duplicate_of IS NOT NULL AND NOT EXISTS (SELECT 1 FROM articles o WHERE o.id = a.duplicate_of)`).Scan(&dangling); err != nil {
		return fmt.Errorf("check duplicates: %w", err)
	}
	if dangling > 0 {
		return fmt.Errorf("%d duplicates point to missing articles", dangling)
	}
	return nil
}

// Migrations lists the migrations applied to the database, in order.
func (s *Store) Migrations(ctx context.Context) ([]store.Migration, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT version, name, applied FROM schema_migrations ORDER BY version`)
	if err != nil {
		return nil, fmt.Errorf("list migrations: %w", err)
	}
	defer rows.Close()
	var out []store.Migration
	for rows.Next() {
		var m store.Migration
		var applied string
		if err := rows.Scan(&m.Version, &m.Name, &applied); err != nil {
			return nil, err
		}
		if m.Applied, err = time.Parse(timeLayout, applied); err != nil {
			return nil, fmt.Errorf("migration %s: bad time %q", m.Name, applied)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
