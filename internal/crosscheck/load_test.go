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
		if _, err := tx.Link(ctx, news.EventLink{From: l[0], To: l[1], Kind: "precursor", Score: 1}); err != nil {
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
		var nearIDs []string
		for _, e := range near {
			nearIDs = append(nearIDs, e.ID)
		}
		if len(want) != storylineEvents || !slices.Equal(nearIDs, want) {
			t.Errorf("neighbours %v, want %v", nearIDs, want)
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

// askLog records the events whose articles a store was asked for.
type askLog struct {
	*sqlite.Store
	asked [][]string
}

func (s *askLog) EventsArticles(ctx context.Context, ids []string) ([]store.StoredArticle, error) {
	s.asked = append(s.asked, ids)
	return s.Store.EventsArticles(ctx, ids)
}

// TestLoaderKeepsParts checks that a Loader reads another event of the
// storyline once while it is unchanged, gives the report Load gives, and
// reads that event again once an article joins it.
func TestLoaderKeepsParts(t *testing.T) {
	ctx := context.Background()
	st := &askLog{Store: storeInputs(t, fixture(t, "crocus"), [2]string{"ev-w", "ev-a"})}
	l := NewLoader(st)
	check := func(wantAsked []string) Report {
		t.Helper()
		st.asked = nil
		got, err := l.Load(ctx, "ev-a")
		if err != nil {
			t.Fatal(err)
		}
		if len(st.asked) != 1 || !slices.Equal(st.asked[0], wantAsked) {
			t.Errorf("articles asked for %v, want %v", st.asked, wantAsked)
		}
		want, err := Load(ctx, contractOnly{st.Store}, "ev-a")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("reports differ:\nloader %+v\nload   %+v", got, want)
		}
		return got
	}
	check([]string{"ev-a", "ev-w"})
	check([]string{"ev-a"})
	r := check([]string{"ev-a"}) // the kept part is unchanged by reports merging with it

	// A second report of the warning event joins it, with a sentence of a
	// day of its own.
	p := time.Date(2024, 3, 9, 12, 0, 0, 0, time.UTC)
	a := news.Article{ID: "w2", Title: "Embassy repeats its warning", Lang: "en", Published: &p, Source: "example.net",
		Body:        "On 9 March the embassy repeated its warning about gatherings in Moscow, a spokesman said.",
		Fingerprint: "fp-w2", Format: news.FormatText, Ingested: p}
	fx := extractor.Extract(&a)
	tx, err := st.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Insert(ctx, store.Doc{Article: &a, Facts: &fx, Terms: text.TermString("en", a.Title+"\n"+a.Body)}); err != nil {
		t.Fatal(err)
	}
	if err := tx.Assign(ctx, store.Assignment{Article: "w2", Event: "ev-w", Title: "Warning", Time: &p}); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	again := check([]string{"ev-a", "ev-w"})
	has := func(r Report) bool {
		return slices.ContainsFunc(r.Timeline, func(h Happening) bool {
			return slices.ContainsFunc(h.Sources, func(s Ref) bool { return s.Article == "w2" })
		})
	}
	if has(r) || !has(again) {
		t.Errorf("the timeline has the joining article %v before, %v after; want false, true", has(r), has(again))
	}
}
