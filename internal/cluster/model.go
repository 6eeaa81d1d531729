package cluster

import (
	_ "embed"
	"encoding/json"
	"math"
	"sort"
	"time"

	"github.com/tocsin/tocsin/internal/geo"
)

// Features compare an article with an event. Each is in [-1, 1]; 0 means
// "no evidence either way".
type Features struct {
	Cosine   float64 `json:"cosine"`    // tf-idf cosine of the article and the event centroid
	Title    float64 `json:"title"`     // share of the event title's terms in the article
	Entities float64 `json:"entities"`  // overlap of people and organisations
	Place    float64 `json:"place"`     // 1 same place, falling with distance, -1 far apart
	Date     float64 `json:"date"`      // 1 same event day, -1 different days
	Time     float64 `json:"time"`      // closeness of publication times
	Figures  float64 `json:"figures"`   // 1 same death toll, -1 different
	Type     float64 `json:"type"`      // 1 same event type, -1 different
	CrossLng float64 `json:"crosslang"` // 1 when the event has no article in this language
}

// vector lists the features in model order.
func (f Features) vector() []float64 {
	return []float64{f.Cosine, f.Title, f.Entities, f.Place, f.Date, f.Time, f.Figures, f.Type, f.CrossLng, f.CrossLng * f.Entities, f.CrossLng * f.Place}
}

// Model is a logistic model over Features: the score is the log-odds that
// the article belongs to the event, and an article joins its best event
// when the score reaches Threshold.
type Model struct {
	Weights   []float64 `json:"weights"`
	Bias      float64   `json:"bias"`
	Threshold float64   `json:"threshold"`
}

//go:embed model.json
var modelJSON []byte

// DefaultModel returns the shipped model, fitted by 'tocsin train cluster'.
func DefaultModel() Model {
	var m Model
	if err := json.Unmarshal(modelJSON, &m); err != nil {
		panic("cluster: embedded model.json: " + err.Error()) // a build defect, caught by tests
	}
	return m
}

// Score returns the log-odds of same-event.
func (m Model) Score(f Features) float64 {
	s := m.Bias
	for i, x := range f.vector() {
		if i < len(m.Weights) {
			s += m.Weights[i] * x
		}
	}
	return s
}

func features(it *Item, vec map[uint64]float64, e *Event) Features {
	var f Features
	var dot float64
	for k, w := range vec {
		dot += w * e.centroid[k]
	}
	if e.norm > 0 {
		f.Cosine = dot / e.norm
	}
	f.Title = titleOverlap(it, e)
	f.Entities = overlap(it.Entities, e.entities)
	f.Place = placeScore(it, e)
	f.Date = dateScore(it, e)
	f.Time = timeScore(it, e)
	f.Figures = figureScore(it.Killed, e.killed)
	f.Type = typeScore(it.Type, e.types)
	if e.langs[it.Lang] == 0 {
		f.CrossLng = 1
	}
	return f
}

func titleOverlap(it *Item, e *Event) float64 {
	if e.Title == "" {
		return 0
	}
	n, hit := 0, 0
	for _, t := range it.Terms {
		if e.words[t.Key] != "" {
			hit++
		}
		n++
		if n == 10 {
			break
		}
	}
	if n == 0 {
		return 0
	}
	return float64(hit) / float64(n)
}

// overlap is the share of the smaller side's entities found on the other.
func overlap(ids []string, counts map[string]int) float64 {
	if len(ids) == 0 || len(counts) == 0 {
		return 0
	}
	hit := 0
	for _, id := range ids {
		if counts[id] > 0 {
			hit++
		}
	}
	return float64(hit) / float64(min(len(ids), len(counts)))
}

// placeScore is 1 for a shared place, falls to 0 at 100 km, and is -1 when
// both sides have places and none is within 300 km of the other's.
func placeScore(it *Item, e *Event) float64 {
	if len(it.Places) == 0 || len(e.places) == 0 {
		return 0
	}
	best := math.Inf(1)
	for _, p := range it.Places {
		if _, ok := e.places[p.ID]; ok {
			return 1
		}
		for _, q := range e.places {
			best = math.Min(best, geo.Distance(geo.Place{Lat: p.Lat, Lon: p.Lon}, geo.Place{Lat: q.Lat, Lon: q.Lon}))
		}
	}
	switch {
	case best <= 100:
		return 1 - best/100
	case best > 300:
		return -1
	}
	return 0
}

func dateScore(it *Item, e *Event) float64 {
	if it.Date.IsZero() || len(e.dates) == 0 {
		return 0
	}
	mode := modeDate(e.dates)
	gap := math.Abs(it.Date.Sub(mode).Hours()) / 24
	switch {
	case gap < 0.5:
		return 1
	case gap < 1.5:
		return 0.3
	}
	return -1
}

func modeDate(m map[time.Time]int) time.Time {
	var best time.Time
	n := 0
	for d, c := range m {
		if c > n || c == n && d.Before(best) {
			best, n = d, c
		}
	}
	return best
}

// timeScore decays with the gap between the article and the event's latest
// article: 1 the same day, 0.37 three days apart.
func timeScore(it *Item, e *Event) float64 {
	if it.Time.IsZero() || e.Last.IsZero() {
		return 0
	}
	gap := math.Abs(it.Time.Sub(e.Last).Hours()) / 24
	return math.Exp(-gap / 3)
}

func figureScore(v int, m map[int]int) float64 {
	if v < 0 || len(m) == 0 {
		return 0
	}
	if m[v] > 0 {
		return 1
	}
	return -1
}

func typeScore(t string, m map[string]int) float64 {
	if t == "" || len(m) == 0 {
		return 0
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	top, n := "", 0
	for _, k := range keys {
		if m[k] > n {
			top, n = k, m[k]
		}
	}
	if top == t {
		return 1
	}
	return -0.5
}
