package crosscheck

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
	"github.com/tocsin/tocsin/internal/store/sqlite"
	"github.com/tocsin/tocsin/internal/text"
)

// contractOnly hides the SQLite store's fast paths, so that Load reads
// through the store contract alone.
type contractOnly struct{ store.Store }

// storeInputs stores inputs in a new SQLite store, each article assigned
// to its event (the first of an event creates it), and links the events
// given in pairs into one storyline.
func storeInputs(t *testing.T, inputs []Input, links ...[2]string) *sqlite.Store {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	tx, err := st.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	created := map[string]bool{}
	for i, in := range inputs {
		a := in.Article
		a.Fingerprint, a.Format, a.Ingested = fmt.Sprintf("fp%d", i), news.FormatText, time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC)
		if err := tx.Insert(ctx, store.Doc{Article: &a, Facts: in.Facts, Terms: text.TermString(a.Lang, a.Title+"\n"+a.Body)}); err != nil {
			t.Fatal(err)
		}
		as := store.Assignment{Article: a.ID, Event: in.Event, Created: !created[in.Event], Title: a.Title, Time: a.Published}
		created[in.Event] = true
		if err := tx.Assign(ctx, as); err != nil {
			t.Fatal(err)
		}
	}
	for _, l := range links {
		if err := tx.Link(ctx, news.EventLink{From: l[0], To: l[1], Kind: "precursor", Score: 1}); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestLoadStoryline checks that a report read through the SQLite store's
// bounded storyline path is the one read through the store contract, and
// that a long storyline gives the timeline its nearest events only.
func TestLoadStoryline(t *testing.T) {
	ctx := context.Background()
	crocus := fixture(t, "crocus")
	t.Run("same report as through the contract", func(t *testing.T) {
		st := storeInputs(t, crocus, [2]string{"ev-w", "ev-a"})
		fast, err := Load(ctx, st, "ev-a")
		if err != nil {
			t.Fatal(err)
		}
		slow, err := Load(ctx, contractOnly{st}, "ev-a")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(fast, slow) {
			t.Errorf("reports differ:\nfast %+v\nslow %+v", fast, slow)
		}
		if !slices.ContainsFunc(fast.Timeline, func(h Happening) bool { return h.Event == "ev-w" }) {
			t.Errorf("the timeline has nothing of the precursor event ev-w: %+v", fast.Timeline)
		}
	})
	t.Run("a long storyline is read near the event", func(t *testing.T) {
		// Forty more events in the storyline, two a day from 16 days
		// after the attack (so further than the warning, 14 days before)
		// to past storylineSpan, each with a dated sentence: more within
		// the span than storylineEvents.
		inputs := slices.Clone(crocus)
		links := [][2]string{{"ev-w", "ev-a"}}
		attack := time.Date(2024, 3, 22, 21, 0, 0, 0, time.UTC)
		after := func(i int) time.Duration { return time.Duration(16*24+12*i) * time.Hour }
		var fillers []string
		for i := range 40 {
			id := fmt.Sprintf("ev-f%02d", i)
			p := attack.Add(after(i))
			a := news.Article{ID: fmt.Sprintf("f%02d", i), Title: fmt.Sprintf("Market fair %d reopens", i), Lang: "en", Published: &p,
				Body: fmt.Sprintf("The market fair number %d in Rivertown reopened on Monday after repairs, the council said.", i)}
			fx := extractor.Extract(&a)
			inputs = append(inputs, Input{Article: a, Facts: &fx, Event: id})
			links = append(links, [2]string{"ev-a", id})
			fillers = append(fillers, id)
		}
		st := storeInputs(t, inputs, links...)
		ev, err := st.Event(ctx, "ev-a")
		if err != nil {
			t.Fatal(err)
		}
		near, err := st.StorylineNeighbours(ctx, ev, storylineSpan, storylineEvents)
		if err != nil {
			t.Fatal(err)
		}
		// The warning, then the fillers within storylineSpan, nearest
		// first, at most storylineEvents in all.
		want := []string{"ev-w"}
		for i, id := range fillers {
			if after(i) <= storylineSpan && len(want) < storylineEvents {
				want = append(want, id)
			}
		}
		if len(want) != storylineEvents || !slices.Equal(near, want) {
			t.Errorf("neighbours %v, want %v", near, want)
		}
		r, err := Load(ctx, st, "ev-a")
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, h := range r.Timeline {
			seen[h.Event] = true
		}
		for e := range seen {
			if e != "ev-a" && !slices.Contains(want, e) {
				t.Errorf("the timeline has a happening of %s, not among the nearest events %v", e, want)
			}
		}
		if !seen["ev-w"] || !seen[fillers[0]] {
			t.Errorf("the timeline's events %v lack the warning or the nearest later event", seen)
		}
	})
}
