package cluster

import (
	"fmt"
	"testing"
	"time"

	"github.com/tocsin/tocsin/internal/news"
)

// TestStorylineBounds runs a story past the storyline limits: events at one
// place, about one organisation, told in the same words, each linked to the
// ones before it. The storyline must close at maxStoryEvents events or
// maxStretch windows, and the story go on as a new storyline.
func TestStorylineBounds(t *testing.T) {
	cfg := DefaultConfig()
	span := maxStretch * cfg.Window
	tests := []struct {
		name  string
		every time.Duration
		n     int
		want  []int // events of each storyline, oldest first
	}{
		{"one event a day: the count closes it", 24 * time.Hour, maxStoryEvents + 30, []int{maxStoryEvents, 30}},
		{"one event a week: the span closes it", 7 * 24 * time.Hour, 40, []int{int(span/(7*24*time.Hour)) + 1, 40 - int(span/(7*24*time.Hour)) - 1}},
		{"a short story stays whole", 24 * time.Hour, 20, []int{20}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := &Live{c: New(cfg, EventID)}
			line := map[string]string{} // event → storyline, as the store merges them
			var order []string
			find := func(id string) string {
				for line[id] != id {
					id = line[id]
				}
				return id
			}
			start := time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC)
			for i := range tt.n {
				it := storyItem(i, start.Add(time.Duration(i)*tt.every))
				e := l.c.restore(it, fmt.Sprintf("ev%03d", i))
				line[e.ID] = e.ID
				order = append(order, e.ID)
				for _, k := range l.links(e) {
					if k.Kind != news.LinkFollows {
						t.Fatalf("link %+v, want follows", k)
					}
					a, b := find(k.From), find(k.To)
					if a > b {
						a, b = b, a
					}
					line[b] = a // the older id wins, as in the store
				}
			}
			var sizes []int
			index := map[string]int{}
			for _, id := range order {
				root := find(id)
				if _, ok := index[root]; !ok {
					index[root] = len(sizes)
					sizes = append(sizes, 0)
				}
				sizes[index[root]]++
			}
			if fmt.Sprint(sizes) != fmt.Sprint(tt.want) {
				t.Errorf("storylines of %v events, want %v", sizes, tt.want)
			}
		})
	}
}

// storyItem is the i-th event of one long story.
func storyItem(i int, at time.Time) *Item {
	a := &news.Article{ID: fmt.Sprintf("s%03d", i), Lang: "en", Title: "Harbour strike talks go on in Springfield", Published: &at,
		Body: "Dock workers and the port authority met again in Springfield as the harbour strike went on; the union said talks would continue."}
	p := springfield
	f := &news.Facts{Lang: "en", Type: news.EventType{Type: news.TypeOther}, Main: news.FiveW1H{Where: &p},
		Entities: []news.Entity{{ID: "org:dock-union", Type: news.ORG, Count: 2}, {ID: "org:port-authority", Type: news.ORG, Count: 1}}}
	return NewItem(a, f)
}
