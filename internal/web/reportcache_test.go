package web

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tocsin/tocsin/internal/crosscheck"
	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
)

// TestReportCache checks that an event's report is compiled once while the
// event is unchanged, by concurrent requests too, and again when an
// article joins the event.
func TestReportCache(t *testing.T) {
	var compiled atomic.Int64
	e := newEnv(t, func(c *Config) {
		hand := c.Reports
		c.Reports = func(ctx context.Context, id string) (crosscheck.Report, error) {
			compiled.Add(1)
			return hand(ctx, id)
		}
	})
	e.ingestFixtures(t)
	ev := e.eventOf(t, "quake-1")

	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			res, b := e.get(t, "/api/events/"+ev.ID)
			if res.StatusCode != http.StatusOK {
				t.Errorf("GET event: %d %s", res.StatusCode, b)
			}
		})
	}
	wg.Wait()
	if res, _ := e.get(t, "/events/"+ev.ID); res.StatusCode != http.StatusOK {
		t.Errorf("event page: %d", res.StatusCode)
	}
	if n := compiled.Load(); n != 1 {
		t.Errorf("nine requests of an unchanged event compiled its report %d times, want 1", n)
	}

	body := `{"id":"quake-2","title":"Izmir earthquake: death toll rises to twelve","text":"The death toll from the earthquake in the Turkish province of Izmir rose to twelve on Saturday, the disaster agency said. More than 100 people were injured and many buildings collapsed in Izmir.","published":"2024-11-02T14:00:00Z","source":"wire.example","lang":"en","url":"https://wire.example/izmir-quake"}`
	if res, b := e.do(t, http.MethodPost, "/api/articles", body, "Authorization", "Bearer "+writeToken); res.StatusCode != http.StatusCreated {
		t.Fatalf("POST quake-2: %d %s", res.StatusCode, b)
	}
	if got := e.eventOf(t, "quake-2"); got.ID != ev.ID {
		t.Fatalf("quake-2 joined event %s (%q), not %s: the fixture no longer tests invalidation", got.ID, got.Title, ev.ID)
	}
	_, b := e.get(t, "/api/events/"+ev.ID)
	d := decode[EventDetail](t, b)
	if compiled.Load() != 2 {
		t.Errorf("after an article joined, the report was compiled %d times in all, want 2", compiled.Load())
	}
	found := false
	for _, a := range d.Articles {
		found = found || a.ID == "quake-2"
	}
	if !found || d.Sources.Articles != len(d.Articles) {
		t.Errorf("the detail after quake-2 joined: report counts %d articles, list %+v", d.Sources.Articles, d.Articles)
	}
}

// TestEventsArticles checks that the store's batch read of several events'
// articles with their facts, which reports use, gives event by event in the
// order asked what reading each event's articles and each article's facts
// one by one does.
func TestEventsArticles(t *testing.T) {
	e := newEnv(t, nil)
	e.ingestFixtures(t)
	ctx := context.Background()
	events, err := e.st.Events(ctx, store.EventQuery{})
	if err != nil || len(events) < 2 {
		t.Fatalf("events: %v %v", events, err)
	}
	// The listing's order reversed, so that the order asked is not the
	// store's.
	var ids []string
	for i := len(events) - 1; i >= 0; i-- {
		ids = append(ids, events[i].ID)
	}
	rows, err := e.st.EventsArticles(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	var want []store.StoredArticle
	for _, id := range ids {
		arts, err := e.st.EventArticles(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range arts {
			want = append(want, store.StoredArticle{Article: a.Article, Event: id})
		}
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(rows), len(want))
	}
	withFacts := 0
	for i, got := range rows {
		if got.Event != want[i].Event || !reflect.DeepEqual(got.Article, want[i].Article) {
			t.Errorf("row %d: got article %s of %s, want %s of %s", i, got.Article.ID, got.Event, want[i].Article.ID, want[i].Event)
			continue
		}
		one, err := e.st.Facts(ctx, got.Article.ID)
		if errors.Is(err, store.ErrNotFound) {
			if got.Facts != nil {
				t.Errorf("%s: batch has facts the article has not", got.Article.ID)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		withFacts++
		var f news.Facts
		if err := json.Unmarshal(got.Facts, &f); err != nil || !reflect.DeepEqual(f, one) {
			t.Errorf("%s: batch facts %s (%v), one by one %+v", got.Article.ID, got.Facts, err, one)
		}
	}
	if withFacts == 0 {
		t.Error("no article had facts: the fixtures test nothing")
	}
}

// TestReportCacheBounds checks that the cache keeps within its entry and
// byte budgets, counts a replaced entry once, and answers but does not
// keep a report larger than the whole byte budget, nor evict others for it.
func TestReportCacheBounds(t *testing.T) {
	big := 0
	c := newReportCache(func(_ context.Context, id string) (EventDetail, error) {
		var d EventDetail
		if id == "big" {
			d.Headline = strings.Repeat("x", big)
		}
		return d, nil
	}, nil, nil, time.Hour, 2, 1<<20)
	put := func(id string, version int) *eventDetail {
		f := &flight{version: reportVersion{articles: version}, done: make(chan struct{})}
		c.fly(context.Background(), func() {}, id, f)
		if f.err != nil {
			t.Fatalf("%s: %v", id, f.err)
		}
		return f.detail
	}
	check := func(when string) {
		t.Helper()
		total := 0
		for _, e := range c.entries {
			total += e.size
		}
		if len(c.entries) > c.max || c.bytes > c.maxBytes || c.bytes != total {
			t.Errorf("%s: %d entries of %d bytes counted as %d (budget %d entries, %d bytes)", when, len(c.entries), total, c.bytes, c.max, c.maxBytes)
		}
	}
	put("a", 1)
	small := c.entries["a"].size
	c.maxBytes, big = 2*small+small/2, 10*small // room for two small reports
	put("a", 2)
	check("a replaced")
	if len(c.entries) != 1 {
		t.Errorf("a replaced: %d entries, want 1", len(c.entries))
	}
	put("b", 1)
	put("c", 1)
	check("three reports in a cache of two")
	if _, ok := c.entries["c"]; !ok {
		t.Error("the newest report was not kept")
	}
	if d := put("big", 1); d == nil || len(d.Headline) != big {
		t.Error("a report over the byte budget was not answered")
	}
	check("a report over the byte budget")
	if _, ok := c.entries["big"]; ok {
		t.Error("a report over the whole byte budget was kept")
	}
	if len(c.entries) != 2 {
		t.Errorf("a report too large to keep left %d entries of 2", len(c.entries))
	}
}

// TestReportCacheReadsRowsAfterChanges checks that a kept report is
// answered without reading its event's row while no run since the last
// read changed the event, and that the row is read again after a run that
// changed it or may have (one whose events are not known, or too long
// ago to be kept), and once maxAge has passed; the report is compiled
// again only when the row differs.
func TestReportCacheReadsRowsAfterChanges(t *testing.T) {
	var version atomic.Int64
	rows := map[string]news.Event{"a": {ID: "a", Articles: 1}, "b": {ID: "b", Articles: 1}}
	var reads, compiles int
	c := newReportCache(func(_ context.Context, id string) (EventDetail, error) {
		compiles++
		return EventDetail{}, nil
	}, func(_ context.Context, id string) (news.Event, error) {
		reads++
		return rows[id], nil
	}, version.Load, time.Hour, 10, 1<<20)
	run := func(events map[string]bool) {
		c.noteChange(version.Load()+1, events)
		version.Add(1)
	}
	step := func(what string, wantReads, wantCompiles int) {
		t.Helper()
		reads, compiles = 0, 0
		if _, err := c.get(context.Background(), "a"); err != nil {
			t.Fatal(err)
		}
		if reads != wantReads || compiles != wantCompiles {
			t.Errorf("%s: %d row reads and %d compilations, want %d and %d", what, reads, compiles, wantReads, wantCompiles)
		}
	}
	step("first request", 1, 1)
	step("again", 0, 0)
	run(map[string]bool{"b": true})
	step("after a run that changed another event", 0, 0)
	run(map[string]bool{"a": true})
	rows["a"] = news.Event{ID: "a", Articles: 2}
	step("after a run that changed it", 1, 1)
	step("again", 0, 0)
	run(map[string]bool{"a": true}) // e.g. linked, its row unchanged
	step("after a run that changed it but not its row", 1, 0)
	run(nil)
	step("after a run whose events are not known", 1, 0)
	step("again", 0, 0)
	for range keptChanges + 1 {
		run(map[string]bool{})
	}
	step("after more runs than are kept", 1, 0)
	step("again", 0, 0)
	c.maxAge = 0
	step("once the row is older than maxAge", 1, 0)
}
