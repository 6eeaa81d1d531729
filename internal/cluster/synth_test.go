package cluster

import (
	"fmt"
	"testing"
	"time"
)

// TestSynth: the scale benchmark's stream comes in publication order,
// names every item once, gives each replayed incident its own entities and
// place, and is the same for the same seed.
func TestSynth(t *testing.T) {
	var items []*Item
	var gold []string
	for i, r := range []report{
		{id: "a1", lang: "en", title: "Two killed in Springfield mall shooting", body: shootingBody, published: day0(9, 22), where: &springfield, when: day0(9, 0), killed: 2, people: []string{"per:john-carver"}},
		{id: "a2", lang: "en", title: "Springfield mall gunman kills two", body: shootingBody, published: day0(10, 8), where: &springfield, when: day0(9, 0), killed: 2, people: []string{"per:john-carver"}},
		{id: "b1", lang: "en", title: "Dayton Mall gunfire leaves two dead", body: "Two people died when shots were fired inside the Dayton Mall.", published: day0(10, 9), where: &dayton, when: day0(9, 0), killed: 2, people: []string{"per:mark-hollis"}},
	} {
		items = append(items, r.item())
		gold = append(gold, []string{"A", "A", "B"}[i])
	}
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	run := func() []string {
		s := NewSynth(items, gold, 7, 100, start)
		var out []string
		prev := time.Time{}
		ids := map[string]bool{}
		for i := 0; i < 300; i++ {
			it := s.Next()
			if it.Time.Before(prev) {
				t.Fatalf("item %d at %s comes after one at %s", i, it.Time, prev)
			}
			if ids[it.ID] {
				t.Fatalf("id %s given twice", it.ID)
			}
			ids[it.ID] = true
			prev = it.Time
			if len(it.Entities) == 0 || it.Entities[0] == "per:john-carver" || it.Entities[0] == "per:mark-hollis" {
				t.Fatalf("item %s keeps the source's people: %v", it.ID, it.Entities)
			}
			out = append(out, fmt.Sprintf("%s %s %v %d", it.ID, it.Time, it.Entities, it.Places[0].ID))
		}
		if days := prev.Sub(start).Hours() / 24; days < 1 || days > 10 {
			t.Errorf("300 items at 100 a day span %.1f days", days)
		}
		return out
	}
	a, b := run(), run()
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("item %d differs between runs with one seed: %s / %s", i, a[i], b[i])
		}
	}
	for _, it := range items {
		if it.Entities[0] != "per:john-carver" && it.Entities[0] != "per:mark-hollis" {
			t.Errorf("the source item %s was changed: %v", it.ID, it.Entities)
		}
	}
}
