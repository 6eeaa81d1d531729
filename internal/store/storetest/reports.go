package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
)

// ReportStore is a store with the reads that make an event's report cheap
// (crosscheck.Load uses them when a store has them).
type ReportStore interface {
	store.Store
	StorylineNeighbours(ctx context.Context, ev news.Event, span time.Duration, k int) ([]news.Event, error)
	EventsArticles(ctx context.Context, eventIDs []string) ([]store.StoredArticle, error)
}

// RunReportReads checks those reads on a store made by open: seven events
// a day apart in one storyline, the neighbours of the middle one nearest
// first within the span, and the articles of several events with their
// facts in the order asked.
func RunReportReads(t *testing.T, open func(t *testing.T) ReportStore) {
	s := open(t)
	t.Cleanup(func() { s.Close() })
	var docs []store.Doc
	for i := range 7 {
		d := article(fmt.Sprintf("r%d", i), "en", fmt.Sprintf("Story %d", i), fmt.Sprintf("%s Day %d.", bodyFlood, i), date(fmt.Sprintf("2024-03-%02d", 10+i)))
		d.Facts = &news.Facts{Lang: "en", Sentences: []news.Span{{Start: 0, End: 10}}, Type: news.EventType{Type: news.TypeWarning}}
		docs = append(docs, d)
	}
	insert(t, s, docs...)
	tx, err := s.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 7 {
		id := fmt.Sprintf("r%d", i)
		if err := tx.Assign(ctx, store.Assignment{Article: id, Event: "ev-" + id, Created: true, Title: id, Time: date(fmt.Sprintf("2024-03-%02d", 10+i))}); err != nil {
			t.Fatal(err)
		}
		if i > 0 {
			if _, err := tx.Link(ctx, news.EventLink{From: fmt.Sprintf("ev-r%d", i-1), To: "ev-" + id, Kind: news.LinkFollows, Score: 1}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	ev, err := s.Event(ctx, "ev-r3")
	if err != nil {
		t.Fatal(err)
	}
	// Within 2.5 days: r1, r2, r4 and r5; the three nearest, a day away
	// before two days away, earlier first between equals.
	near, err := s.StorylineNeighbours(ctx, ev, 60*time.Hour, 3)
	var nearIDs []string
	for _, e := range near {
		nearIDs = append(nearIDs, e.ID)
	}
	if want := []string{"ev-r2", "ev-r4", "ev-r1"}; err != nil || !same(nearIDs, want) || len(near) > 0 && near[0].Articles != 1 {
		t.Errorf("neighbours of ev-r3 = %v (%+v), %v; want %v with their rows", nearIDs, near, err, want)
	}
	rows, err := s.EventsArticles(ctx, []string{"ev-r4", "ev-r0", "ev-none"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, r.Event+":"+r.Article.ID)
		var f news.Facts
		if err := json.Unmarshal(r.Facts, &f); err != nil || !reflect.DeepEqual(f, *docs[0].Facts) {
			t.Errorf("%s: facts %s (%v), want %+v", r.Article.ID, r.Facts, err, *docs[0].Facts)
		}
	}
	if want := []string{"ev-r4:r4", "ev-r0:r0"}; !same(got, want) {
		t.Errorf("articles of ev-r4, ev-r0 and a missing event = %v, want %v", got, want)
	}
}
