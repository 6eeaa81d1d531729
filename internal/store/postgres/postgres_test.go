package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"sync"
	"testing"

	"github.com/tocsin/tocsin/internal/store"
	"github.com/tocsin/tocsin/internal/store/storetest"
)

// testURL returns a fresh database on the server named by
// TOCSIN_TEST_POSTGRES, dropped when the test ends. Without a server the
// test is skipped, unless TOCSIN_REQUIRE_POSTGRES=1 (as in CI), where a
// skipped suite would hide a broken store.
func testURL(t *testing.T) string {
	t.Helper()
	server := os.Getenv("TOCSIN_TEST_POSTGRES")
	if server == "" {
		if os.Getenv("TOCSIN_REQUIRE_POSTGRES") == "1" {
			t.Fatal("TOCSIN_REQUIRE_POSTGRES=1 but TOCSIN_TEST_POSTGRES is not set")
		}
		t.Skip("set TOCSIN_TEST_POSTGRES=postgres://user@host:port/postgres?sslmode=disable to test the PostgreSQL store")
	}
	b := make([]byte, 6)
	rand.Read(b)
	name := "tocsin_test_" + hex.EncodeToString(b)
	url, err := CreateDatabase(context.Background(), server, name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := DropDatabase(context.Background(), server, name); err != nil {
			t.Error(err)
		}
	})
	return url
}

func open(t *testing.T, url string) *Store {
	t.Helper()
	s, err := Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		return open(t, testURL(t))
	})
}

func TestWatchContract(t *testing.T) {
	storetest.RunWatches(t, func(t *testing.T) storetest.WatchStore {
		return open(t, testURL(t))
	})
}

// TestConcurrentMigrations opens one new database from several goroutines
// at once: the advisory lock must let exactly one apply each migration.
func TestConcurrentMigrations(t *testing.T) {
	url := testURL(t)
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() {
			s, err := Open(context.Background(), url)
			if err == nil {
				s.Close()
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("concurrent open: %v", err)
		}
	}
	s := open(t, url)
	defer s.Close()
	got, err := s.Migrations(context.Background())
	files, _ := embedded()
	if err != nil || len(got) != len(files) {
		t.Fatalf("migrations = %+v, %v; want one per file (%d)", got, err, len(files))
	}
	for i, m := range got {
		if m.Version != files[i].version || m.Name != files[i].name {
			t.Errorf("migration %d = %d %s, want %d %s", i, m.Version, m.Name, files[i].version, files[i].name)
		}
	}
}

func TestRedactHidesPassword(t *testing.T) {
	got := redact("postgres://tocsin:s3cret@db.example:5433/news?sslmode=disable")
	if got != "postgres://tocsin@db.example:5433/news" {
		t.Errorf("redact = %q", got)
	}
}
