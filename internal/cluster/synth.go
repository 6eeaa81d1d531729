package cluster

import (
	"container/heap"
	"fmt"
	"math/rand"
	"sort"
	"time"

	"github.com/tocsin/tocsin/internal/news"
)

// Synth streams synthetic but realistic items for measuring assignment at
// scale: it replays the gold events of a corpus again and again as new
// incidents, each with its own place (taken from the places the corpus
// names), its own people (renamed), its own day and its own distinctive
// terms (the source's rarest terms renamed), its reports spread over up
// to three days. Incidents start at a steady rate, so publication runs
// over months, and items come out in publication order. The source items'
// facts are extracted once; Synth only perturbs them.
type Synth struct {
	rng     *rand.Rand
	events  [][]*Item // source items by gold event
	places  []news.Place
	perDay  int
	start   time.Time
	next    time.Time // start of the next incident
	pending itemHeap
	n       int // items emitted
	inc     int // incidents started
}

// NewSynth returns a generator over the source items and their gold events
// that starts perDay incident reports a day (on average) from start.
func NewSynth(items []*Item, gold []string, seed int64, perDay int, start time.Time) *Synth {
	s := &Synth{rng: rand.New(rand.NewSource(seed)), perDay: max(perDay, 1), start: start, next: start}
	byGold := map[string]int{}
	seen := map[int64]bool{}
	for i, it := range items {
		k, ok := byGold[gold[i]]
		if !ok {
			k = len(s.events)
			byGold[gold[i]] = k
			s.events = append(s.events, nil)
		}
		s.events[k] = append(s.events[k], it)
		for _, p := range it.Places {
			if !seen[p.ID] {
				seen[p.ID] = true
				s.places = append(s.places, p)
			}
		}
	}
	sort.Slice(s.places, func(i, j int) bool { return s.places[i].ID < s.places[j].ID })
	return s
}

// Next returns the next item in publication order.
func (s *Synth) Next() *Item {
	for len(s.pending) == 0 || s.pending[0].Time.After(s.next) {
		s.startIncident()
	}
	return heap.Pop(&s.pending).(*Item)
}

// startIncident queues the reports of one new incident.
func (s *Synth) startIncident() {
	src := s.events[s.rng.Intn(len(s.events))]
	s.inc++
	tag := fmt.Sprintf("x%d", s.inc)
	var place *news.Place
	if len(s.places) > 0 {
		p := s.places[s.rng.Intn(len(s.places))]
		p.ID = p.ID*1000 + int64(s.inc%1000) // a town of its own, near the source's
		p.Lat += s.rng.Float64() - 0.5
		p.Lon += s.rng.Float64() - 0.5
		place = &p
	}
	t0 := s.next
	day := day(t0.Add(-time.Duration(s.rng.Intn(24)) * time.Hour))
	for _, it := range src {
		t := t0.Add(time.Duration(s.rng.Int63n(int64(72 * time.Hour))))
		heap.Push(&s.pending, s.perturb(it, tag, place, day, t))
	}
	// Incidents arrive as a Poisson process: so many reports a day.
	gap := s.rng.ExpFloat64() * float64(len(src)) * float64(24*time.Hour) / float64(s.perDay)
	s.next = s.next.Add(time.Duration(gap))
}

// renamed is how many of an item's terms (its rarest-looking, the last of
// the strongest-first list) get the incident's own spelling: names of
// victims, streets and towns.
const renamed = 8

func (s *Synth) perturb(src *Item, tag string, place *news.Place, d, t time.Time) *Item {
	s.n++
	it := *src
	it.ID = fmt.Sprintf("s%d", s.n)
	it.Time = t
	if !src.Date.IsZero() {
		it.Date = d
	}
	it.Terms = append([]Term(nil), src.Terms...)
	for i := max(0, len(it.Terms)-renamed); i < len(it.Terms); i++ {
		w := it.Terms[i].Text + tag
		it.Terms[i] = Term{Key: key(w), Text: w, Weight: it.Terms[i].Weight}
	}
	it.Entities = make([]string, len(src.Entities))
	for i, e := range src.Entities {
		it.Entities[i] = e + tag
	}
	if place != nil {
		it.Places = append([]news.Place{*place}, src.Places[min(1, len(src.Places)):]...)
	}
	return &it
}

type itemHeap []*Item

func (h itemHeap) Len() int { return len(h) }
func (h itemHeap) Less(i, j int) bool {
	if !h[i].Time.Equal(h[j].Time) {
		return h[i].Time.Before(h[j].Time)
	}
	return h[i].ID < h[j].ID
}
func (h itemHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *itemHeap) Push(x any)   { *h = append(*h, x.(*Item)) }
func (h *itemHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
