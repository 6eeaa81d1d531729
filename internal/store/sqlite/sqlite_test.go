package sqlite

import (
	"context"
	"io/fs"
	"path/filepath"
	"testing"

	"github.com/tocsin/tocsin/internal/store"
	"github.com/tocsin/tocsin/internal/store/storetest"
)

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		return openAt(t, "")
	})
}

func TestReopenKeepsDataAndSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sub", "dir", "tocsin.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(ctx, path) // migrations already applied: a no-op
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	files, _ := fs.Glob(migrations, "migrations/*.sql")
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil || n != len(files) || n < 2 {
		t.Errorf("schema_migrations rows = %d, %v; want one per migration file (%d)", n, err, len(files))
	}
	if err := s.Check(ctx); err != nil {
		t.Errorf("check: %v", err)
	}
}

func TestReportReads(t *testing.T) {
	storetest.RunReportReads(t, func(t *testing.T) storetest.ReportStore {
		return openAt(t, "")
	})
}

func TestWatchContract(t *testing.T) {
	storetest.RunWatches(t, func(t *testing.T) storetest.WatchStore {
		return openAt(t, "")
	})
}

// openAt opens a store at path, a new temporary file when path is "", and
// closes it when the test ends.
func openAt(tb testing.TB, path string) *Store {
	tb.Helper()
	if path == "" {
		path = filepath.Join(tb.TempDir(), "tocsin.db")
	}
	s, err := Open(context.Background(), path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}
