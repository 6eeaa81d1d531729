package watch

import (
	"fmt"
	"testing"

	"github.com/tocsin/tocsin/internal/crosscheck"
	"github.com/tocsin/tocsin/internal/store"
)

// BenchmarkMatch measures matching one report against a rule with every
// criterion set, the work of each (event, rule) pair in a check.
func BenchmarkMatch(b *testing.B) {
	r := krasnogorsk()
	rule := store.Rule{Near: &store.Point{Lat: 55.7558, Lon: 37.6173}, RadiusKm: 50, Country: "RU", Entity: "ISIS-K",
		Type: "armed_attack", MinSeverity: 50, MinSources: 2}
	for b.Loop() {
		if !Match(rule, r) {
			b.Fatal("no match")
		}
	}
}

// BenchmarkCheck measures a check of 100 events against 10 rules on a
// SQLite store where every pair has already alerted: the steady state of
// a periodic re-check (loading reports is the loader's cost, not counted).
func BenchmarkCheck(b *testing.B) {
	st, err := openBenchStore(b)
	if err != nil {
		b.Fatal(err)
	}
	byID := map[string]crosscheck.Report{}
	var ids []string
	for i := range 100 {
		r := krasnogorsk()
		r.Event.ID = fmt.Sprintf("ev%d", i)
		byID[r.Event.ID] = r
		ids = append(ids, r.Event.ID)
	}
	for i := range 10 {
		if _, err := st.AddRule(ctx, store.Rule{Name: fmt.Sprintf("r%d", i), Country: "RU", MinSources: i % 3}); err != nil {
			b.Fatal(err)
		}
	}
	rs := &reports{m: byID}
	c := NewChecker(st, rs.load, nil)
	if raised, err := c.Check(ctx, ids); err != nil || len(raised) != 1000 {
		b.Fatalf("first check raised %d, %v", len(raised), err)
	}
	b.ResetTimer()
	for b.Loop() {
		if raised, err := c.Check(ctx, ids); err != nil || len(raised) != 0 {
			b.Fatalf("re-check raised %d, %v", len(raised), err)
		}
	}
}
