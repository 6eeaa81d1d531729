package sqlite

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/tocsin/tocsin/internal/dedup"
	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
)

func bandDoc(id, body string) store.Doc {
	fp := dedup.Of(body)
	return store.Doc{Sig: fp.Sig, Article: &news.Article{
		ID: id, Title: id, Body: body, Lang: "en", Format: news.FormatText, Size: len(body),
		Ingested: time.Date(2024, 3, 25, 10, 0, 0, 0, time.UTC), Fingerprint: fp.Exact,
	}}
}

const (
	bandBodyA = "A strong earthquake struck the coastal province early on Monday, collapsing dozens of houses and cutting power to the main port city, officials said."
	bandBodyB = "Floodwaters rose across the river valley after three days of rain, forcing thousands of families from their homes and closing the northern highway."
)

// near returns the ids FindNear gives for a copy of body with a sentence
// added, in a transaction of its own on s (nil tx) or in tx.
func near(t *testing.T, s *Store, tx store.Tx, body string) []string {
	t.Helper()
	if tx == nil {
		var err error
		if tx, err = s.Begin(context.Background()); err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
	}
	cands, err := tx.FindNear(context.Background(), dedup.Of(body+" The port reopened on Tuesday.").Sig.BandKeys())
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range cands {
		ids = append(ids, c.ID)
	}
	return ids
}

// The near-duplicate index lives in memory: it must see what other
// processes commit to the file, forget what is rolled back, see the
// transaction's own articles before commit, and come back on reopening.
func TestBandIndexFollowsTheFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tocsin.db")
	a, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Open(ctx, path) // another process on the same file
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if got := near(t, b, nil, bandBodyA); len(got) != 0 { // loads b's index, empty
		t.Fatalf("FindNear on an empty store = %v", got)
	}

	tx, err := a.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Insert(ctx, bandDoc("a", bandBodyA)); err != nil {
		t.Fatal(err)
	}
	if got := near(t, a, tx, bandBodyA); !slices.Equal(got, []string{"a"}) {
		t.Errorf("FindNear in the inserting transaction = %v, want [a]", got)
	}
	tx.Rollback()
	if got := near(t, a, nil, bandBodyA); len(got) != 0 {
		t.Errorf("FindNear after rollback = %v, want none", got)
	}

	for _, id := range []string{"a", "b"} {
		tx, err := a.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		body := map[string]string{"a": bandBodyA, "b": bandBodyB}[id]
		if err := tx.Insert(ctx, bandDoc(id, body)); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	if got := near(t, a, nil, bandBodyB); !slices.Equal(got, []string{"b"}) {
		t.Errorf("FindNear after commit = %v, want [b]", got)
	}
	if got := near(t, b, nil, bandBodyA); !slices.Equal(got, []string{"a"}) {
		t.Errorf("FindNear in another process = %v, want [a]", got)
	}
	a.Close()
	a, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if got := near(t, a, nil, bandBodyA); !slices.Equal(got, []string{"a"}) {
		t.Errorf("FindNear after reopening = %v, want [a]", got)
	}

	// Loaded ahead, the index still catches up with what is stored after.
	c, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Preload(ctx); err != nil {
		t.Fatal(err)
	}
	if c.bands.last != 2 || len(c.bands.first) == 0 {
		t.Errorf("preloaded index: last seq %d, %d keys; want 2 and the keys of a and b", c.bands.last, len(c.bands.first))
	}
	tx, err = b.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Insert(ctx, bandDoc("c", bandBodyA+" Aftershocks followed.")); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := near(t, c, nil, bandBodyA); !slices.Equal(got, []string{"a", "c"}) {
		t.Errorf("FindNear after preloading = %v, want [a c]", got)
	}
}

func TestParseBandKeys(t *testing.T) {
	for _, tc := range []struct {
		stored string
		want   []int64
		bad    bool
	}{
		{stored: formatBandKeys([]int64{7, -3, 9223372036854775807, -9223372036854775808}), want: []int64{7, -3, 9223372036854775807, -9223372036854775808}},
		{stored: "", want: nil},
		{stored: "12  34 ", want: []int64{12, 34}},
		{stored: "12 x4", bad: true},
		{stored: "99999999999999999999", bad: true},
	} {
		// The slice is reused between rows: what it held must not show.
		got, err := parseBandKeys([]int64{5, 6}[:0], []byte(tc.stored))
		if tc.bad {
			if err == nil {
				t.Errorf("%q: parsed as %v, want an error", tc.stored, got)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("%q: %v, %v; want %v", tc.stored, got, err, tc.want)
		}
	}
}
