package sqlite

import (
	"context"
	"testing"

	"github.com/tocsin/tocsin/internal/news"
)

// TestEntityKnownOnlyOnceCommitted: an entity first stored by a transaction
// rolled back is inserted again by the next, which skips it only once
// the store holds it.
func TestEntityKnownOnlyOnceCommitted(t *testing.T) {
	ctx := context.Background()
	s := openAt(t, "")
	doc := func(id, body string) {
		t.Helper()
		d := bandDoc(id, body)
		d.Facts = &news.Facts{Lang: "en", Entities: []news.Entity{{ID: "org:harbour-board", Name: "Harbour Board", Type: news.ORG, Count: 1}}}
		tx, err := s.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := tx.Insert(ctx, d); err != nil {
			t.Fatal(err)
		}
		if id == "rolled-back" {
			tx.Rollback()
			return
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	count := func() int {
		var n int
		if err := s.w.QueryRowContext(ctx, `SELECT count(*) FROM entities WHERE id = 'org:harbour-board'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	doc("rolled-back", bandBodyA)
	if n := count(); n != 0 {
		t.Fatalf("%d entity rows after a rollback", n)
	}
	for _, id := range []string{"first", "second"} {
		doc(id, bandBodyB+" "+id)
		if n := count(); n != 1 {
			t.Fatalf("after %s: %d entity rows, want 1", id, n)
		}
	}
	if !s.known.has("org:harbour-board") {
		t.Error("a committed entity is not known")
	}
}
