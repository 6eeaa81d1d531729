package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/tocsin/tocsin/internal/news"
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

func TestReportReads(t *testing.T) {
	storetest.RunReportReads(t, func(t *testing.T) storetest.ReportStore {
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

// TestMigrationBackfill stores assignments, takes the schema back to before
// migration 0006 and migrates again: what migrations 0006-0008 backfill
// from existing assignments must be what Assign keeps.
func TestMigrationBackfill(t *testing.T) {
	ctx := context.Background()
	url := testURL(t)
	s := open(t, url)
	putin := news.Entity{ID: "per:vladimir-putin", Name: "Vladimir Putin", Type: news.PER, Count: 2}
	police := news.Entity{ID: "org:police", Name: "Police", Type: news.ORG, Count: 1}
	doc := func(id, source, agency string, ents ...news.Entity) store.Doc {
		body := "Report " + id + " of the day."
		return store.Doc{
			Article: &news.Article{ID: id, Title: id, Body: body, Lang: "en", Format: news.FormatText, Source: source, Agency: agency,
				Ingested: time.Date(2024, 3, 25, 10, 0, 0, 0, time.UTC), Size: len(body), Fingerprint: "fp-" + id},
			Facts: &news.Facts{Lang: "en", Entities: ents},
		}
	}
	tx, err := s.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []store.Doc{
		doc("a", "bbc.co.uk", "", putin, police),
		doc("b", "zeit.de", "dpa", putin),
		doc("c", "example.com", "DPA", putin),
		doc("d", "", "", police),
		doc("e", "tass.ru", "", putin),
	} {
		if err := tx.Insert(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	for _, a := range []store.Assignment{
		{Article: "a", Event: "ev-1", Created: true, Title: "One"},
		{Article: "b", Event: "ev-1"},
		{Article: "c", Event: "ev-1"},
		{Article: "d", Event: "ev-2", Created: true, Title: "Two"},
	} { // e stays unassigned: its mention counts for nothing
		if err := tx.Assign(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	counts := func(s *Store) string {
		evs, err := s.Events(ctx, store.EventQuery{})
		if err != nil {
			t.Fatal(err)
		}
		ents, err := s.Entities(ctx, store.EntityQuery{})
		if err != nil {
			t.Fatal(err)
		}
		byEntity, err := s.Events(ctx, store.EventQuery{Entity: "org:police"})
		if err != nil {
			t.Fatal(err)
		}
		out := ""
		for _, e := range evs {
			out += fmt.Sprintf("%s:%d/%d ", e.ID, e.Articles, e.Independent)
		}
		for _, e := range ents {
			out += fmt.Sprintf("%s:%d/%d ", e.ID, e.Events, e.Articles)
		}
		for _, e := range byEntity {
			out += "police:" + e.ID + " "
		}
		return out
	}
	kept := counts(s)
	if want := "ev-1:3/2 ev-2:1/1 org:police:2/2 per:vladimir-putin:1/3 police:ev-1 police:ev-2 "; kept != want {
		t.Errorf("counts kept by Assign = %q, want %q", kept, want)
	}
	if _, err := s.pool.Exec(ctx, `DROP TABLE event_groups, event_entities;
		ALTER TABLE events DROP COLUMN independent;
		ALTER TABLE entities DROP COLUMN events, DROP COLUMN articles;
		DROP INDEX events_lat_lon, events_listing, events_storyline_first, articles_source;
		CREATE INDEX events_last_seen ON events(last_seen);
		DELETE FROM schema_migrations WHERE version >= 6`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = open(t, url)
	defer s.Close()
	if got := counts(s); got != kept {
		t.Errorf("counts backfilled by the migrations = %q, want those Assign kept, %q", got, kept)
	}
	files, _ := embedded()
	if got, err := s.Migrations(ctx); err != nil || len(got) != len(files) {
		t.Errorf("migrations after migrating again = %+v, %v", got, err)
	}
}
