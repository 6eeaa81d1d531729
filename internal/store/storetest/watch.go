package storetest

import (
	"errors"
	"testing"
	"time"

	"github.com/tocsin/tocsin/internal/store"
)

// WatchStore is a store that also keeps feeds, rules and alerts.
type WatchStore interface {
	store.Store
	store.Watches
}

// RunWatches runs the suite of store.Watches. open must return a new empty
// store for each call.
func RunWatches(t *testing.T, open func(t *testing.T) WatchStore) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s WatchStore)
	}{
		{"Feeds", testFeeds},
		{"SeenItems", testSeenItems},
		{"Rules", testRules},
		{"Alerts", testAlerts},
		{"Deliveries", testDeliveries},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			t.Cleanup(func() { s.Close() })
			tc.fn(t, s)
		})
	}
}

func testFeeds(t *testing.T, s WatchStore) {
	added := time.Date(2024, 3, 22, 18, 0, 0, 0, time.UTC)
	f, err := s.AddFeed(ctx, store.Feed{URL: "https://example.org/feed.xml", Name: "Example", Interval: 10 * time.Minute, Added: added})
	if err != nil {
		t.Fatal(err)
	}
	if f.ID == 0 || f.Interval != 10*time.Minute || !f.Added.Equal(added) || !f.NextPoll.Equal(added) || f.LastPolled != nil {
		t.Errorf("added feed = %+v; want an id, the interval, and due at once", f)
	}
	if _, err := s.AddFeed(ctx, store.Feed{URL: "https://example.org/feed.xml", Interval: time.Minute}); !errors.Is(err, store.ErrExists) {
		t.Errorf("adding the same URL twice: got %v, want ErrExists", err)
	}
	g, err := s.AddFeed(ctx, store.Feed{URL: "https://example.com/atom", Interval: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	polled := added.Add(time.Minute)
	state := store.FeedState{ETag: `"v1"`, LastModified: "Fri, 22 Mar 2024 18:00:00 GMT", LastPolled: &polled,
		LastError: "HTTP 503", Errors: 2, NextPoll: polled.Add(4 * time.Minute)}
	if err := s.UpdateFeed(ctx, f.ID, state); err != nil {
		t.Fatal(err)
	}
	got, err := s.Feed(ctx, f.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.ETag != state.ETag || got.LastModified != state.LastModified || got.LastPolled == nil || !got.LastPolled.Equal(polled) ||
		got.LastSuccess != nil || got.LastError != "HTTP 503" || got.Errors != 2 || !got.NextPoll.Equal(state.NextPoll) {
		t.Errorf("feed after update = %+v; want state %+v", got.FeedState, state)
	}
	if err := s.UpdateFeed(ctx, 999, state); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("update of a missing feed: got %v, want ErrNotFound", err)
	}
	list, err := s.Feeds(ctx)
	if err != nil || len(list) != 2 || list[0].ID != f.ID || list[1].ID != g.ID {
		t.Fatalf("feeds = %+v, %v; want both in order", list, err)
	}
	if err := s.RemoveFeed(ctx, f.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Feed(ctx, f.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("removed feed: got %v, want ErrNotFound", err)
	}
	if err := s.RemoveFeed(ctx, f.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("removing twice: got %v, want ErrNotFound", err)
	}
}

func testSeenItems(t *testing.T, s WatchStore) {
	f, err := s.AddFeed(ctx, store.Feed{URL: "https://example.org/rss", Interval: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	other, err := s.AddFeed(ctx, store.Feed{URL: "https://example.org/other", Interval: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.MarkSeen(ctx, f.ID, []string{"guid-1", "guid-2"}); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkSeen(ctx, f.ID, []string{"guid-2", "guid-3"}); err != nil {
		t.Fatal(err)
	}
	seen, err := s.SeenItems(ctx, f.ID, []string{"guid-1", "guid-3", "guid-4"})
	if err != nil {
		t.Fatal(err)
	}
	if !seen["guid-1"] || !seen["guid-3"] || seen["guid-4"] || len(seen) != 2 {
		t.Errorf("seen = %v; want guid-1 and guid-3 only", seen)
	}
	if seen, _ := s.SeenItems(ctx, other.ID, []string{"guid-1"}); len(seen) != 0 {
		t.Errorf("another feed's items leaked: %v", seen)
	}
	if got, _ := s.Feed(ctx, f.ID); got.Items != 3 {
		t.Errorf("items seen = %d, want 3 (a repeat is not counted)", got.Items)
	}
	many := make([]string, 1000)
	for i := range many {
		many[i] = "k" + time.Duration(i).String()
	}
	if err := s.MarkSeen(ctx, other.ID, many); err != nil {
		t.Fatal(err)
	}
	if seen, err := s.SeenItems(ctx, other.ID, many); err != nil || len(seen) != len(many) {
		t.Errorf("seen of %d keys = %d, %v; want all", len(many), len(seen), err)
	}
}

func testRules(t *testing.T, s WatchStore) {
	r, err := s.AddRule(ctx, store.Rule{Name: "moscow", Near: &store.Point{Lat: 55.75, Lon: 37.62}, RadiusKm: 50,
		Entity: "org:isis-k", Type: "armed_attack", MinSeverity: 40, MinSources: 2,
		Webhook: "https://hooks.example.org/x", Secret: "s3cret"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Rule(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Near == nil || got.Near.Lat != 55.75 || got.Near.Lon != 37.62 || got.RadiusKm != 50 || got.Entity != "org:isis-k" ||
		got.Type != "armed_attack" || got.MinSeverity != 40 || got.MinSources != 2 || got.Secret != "s3cret" || got.Created.IsZero() {
		t.Errorf("rule read back = %+v", got)
	}
	if _, err := s.AddRule(ctx, store.Rule{Name: "moscow"}); !errors.Is(err, store.ErrExists) {
		t.Errorf("a second rule of the same name: got %v, want ErrExists", err)
	}
	c, err := s.AddRule(ctx, store.Rule{Name: "france", Country: "FR"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Near != nil {
		t.Errorf("a rule without a point read back with one: %+v", c.Near)
	}
	if list, err := s.Rules(ctx); err != nil || len(list) != 2 || list[0].Name != "moscow" || list[1].Name != "france" {
		t.Errorf("rules = %+v, %v", list, err)
	}
	if err := s.RemoveRule(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Rule(ctx, r.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("removed rule: got %v, want ErrNotFound", err)
	}
}

func testAlerts(t *testing.T, s WatchStore) {
	r1, err := s.AddRule(ctx, store.Rule{Name: "one"})
	if err != nil {
		t.Fatal(err)
	}
	r2, err := s.AddRule(ctx, store.Rule{Name: "two"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.LatestAlert(ctx, r1.ID, "e1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("latest alert before any: got %v, want ErrNotFound", err)
	}
	t0 := time.Date(2024, 3, 22, 19, 0, 0, 0, time.UTC)
	first := store.Alert{Rule: r1.ID, Event: "e1", Reason: store.AlertNew, Title: "Gunmen attack concert hall",
		Type: "armed_attack", Place: "Krasnogorsk", Country: "RU", Severity: 55, Sources: 3,
		Figures: map[string]int{"killed": 40, "injured": 100}, Raised: t0}
	ok, err := s.InsertAlert(ctx, &first)
	if err != nil || !ok || first.ID == 0 {
		t.Fatalf("insert = %v, %v, id %d; want inserted with an id", ok, err, first.ID)
	}
	dup := first
	dup.ID = 0
	if ok, err := s.InsertAlert(ctx, &dup); err != nil || ok {
		t.Errorf("same (rule, event, revision) again = %v, %v; want not inserted", ok, err)
	}
	second := store.Alert{Rule: r1.ID, Event: "e1", Revision: 1, Reason: store.AlertFigures, Title: "t",
		Figures: map[string]int{"killed": 143}, Raised: t0.Add(time.Hour)}
	other := store.Alert{Rule: r2.ID, Event: "e1", Reason: store.AlertNew, Title: "t", Raised: t0.Add(2 * time.Hour)}
	for _, a := range []*store.Alert{&second, &other} {
		if ok, err := s.InsertAlert(ctx, a); err != nil || !ok {
			t.Fatalf("insert %+v = %v, %v", a, ok, err)
		}
	}
	latest, err := s.LatestAlert(ctx, r1.ID, "e1")
	if err != nil || latest.ID != second.ID || latest.Figures["killed"] != 143 || latest.Reason != store.AlertFigures {
		t.Errorf("latest = %+v, %v; want the revision", latest, err)
	}
	all, err := s.Alerts(ctx, store.AlertQuery{})
	if err != nil || len(all) != 3 || all[0].ID != first.ID || all[2].ID != other.ID {
		t.Fatalf("all alerts = %+v, %v; want three in order", all, err)
	}
	if a := all[0]; a.Title != first.Title || a.Place != "Krasnogorsk" || a.Country != "RU" || a.Severity != 55 ||
		a.Sources != 3 || a.Figures["injured"] != 100 || !a.Raised.Equal(t0) {
		t.Errorf("first alert read back = %+v", a)
	}
	cases := []struct {
		name string
		q    store.AlertQuery
		want []int64
	}{
		{"rule", store.AlertQuery{Rule: r2.ID}, []int64{other.ID}},
		{"since", store.AlertQuery{Since: t0.Add(time.Hour)}, []int64{second.ID, other.ID}},
		{"after", store.AlertQuery{After: first.ID}, []int64{second.ID, other.ID}},
		{"latest two", store.AlertQuery{Limit: 2}, []int64{second.ID, other.ID}},
	}
	for _, tc := range cases {
		got, err := s.Alerts(ctx, tc.q)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, a := range got {
			ids = append(ids, a.ID)
		}
		if len(ids) != len(tc.want) || (len(ids) > 0 && (ids[0] != tc.want[0] || ids[len(ids)-1] != tc.want[len(tc.want)-1])) {
			t.Errorf("%s: got ids %v, want %v", tc.name, ids, tc.want)
		}
	}
	if err := s.RemoveRule(ctx, r1.ID); err != nil {
		t.Fatal(err)
	}
	if left, _ := s.Alerts(ctx, store.AlertQuery{}); len(left) != 1 || left[0].ID != other.ID {
		t.Errorf("after removing rule one, alerts = %+v; want only rule two's", left)
	}
}

func testDeliveries(t *testing.T, s WatchStore) {
	r, err := s.AddRule(ctx, store.Rule{Name: "hook", Webhook: "https://hooks.example.org/x"})
	if err != nil {
		t.Fatal(err)
	}
	a := store.Alert{Rule: r.ID, Event: "e9", Reason: store.AlertNew, Title: "t"}
	if _, err := s.InsertAlert(ctx, &a); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2024, 3, 22, 20, 0, 0, 0, time.UTC)
	attempts := []store.Delivery{
		{Alert: a.ID, Attempt: 1, Target: r.Webhook, Status: 503, Error: "HTTP 503", Time: at},
		{Alert: a.ID, Attempt: 2, Target: r.Webhook, Error: "connection refused", Time: at.Add(time.Second)},
		{Alert: a.ID, Attempt: 3, Target: r.Webhook, Status: 200, OK: true, Time: at.Add(3 * time.Second)},
	}
	for _, d := range attempts {
		if err := s.LogDelivery(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Deliveries(ctx, a.ID)
	if err != nil || len(got) != 3 {
		t.Fatalf("deliveries = %+v, %v; want 3", got, err)
	}
	for i, d := range got {
		if d != attempts[i] {
			t.Errorf("delivery %d = %+v, want %+v", i, d, attempts[i])
		}
	}
}
