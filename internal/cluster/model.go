package cluster

import (
	_ "embed"
	"encoding/json"
	"math"
	"sort"

	"github.com/tocsin/tocsin/internal/geo"
)

// Features compare an article with an event. Each is in [-1, 1]; 0 means
// "no evidence either way".
type Features struct {
	Cosine   float64 `json:"cosine"`    // tf-idf cosine of the article and the event centroid
	Member   float64 `json:"member"`    // best tf-idf cosine with one of the event's latest articles
	Title    float64 `json:"title"`     // best overlap (Dice) of the title with a member's title
	Entities float64 `json:"entities"`  // idf-weighted share of the article's people and organisations the event names
	Place    float64 `json:"place"`     // 1 same place, falling with distance, -1 far apart
	Date     float64 `json:"date"`      // 1 same event day, -1 days apart
	Time     float64 `json:"time"`      // closeness of publication times, log scale
	Figures  float64 `json:"figures"`   // 1 same death and injury tolls, -1 different
	Type     float64 `json:"type"`      // 1 same event type, -1 different
	CrossLng float64 `json:"crosslang"` // 1 when the event has no article in this language
}

// vector lists the features in model order. The products let the evidence
// of facts count more when the texts agree less (and the other way round),
// and across languages, where terms are not shared.
func (f Features) vector() []float64 {
	return []float64{
		f.Cosine, f.Member, f.Title, f.Entities, f.Place, f.Date, f.Time, f.Figures, f.Type, f.CrossLng,
		f.Cosine * f.Place, f.Cosine * f.Date, f.Place * f.Date, f.Entities * f.Place,
		f.CrossLng * f.Entities, f.CrossLng * f.Place,
	}
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

func (c *Clusterer) features(it *Item, vec map[uint64]float64, e *Event) Features {
	var f Features
	// Sums run over the item's terms in order, never over a map: the same
	// input must give the same score to the last bit.
	var dot float64
	for _, t := range it.Terms {
		dot += vec[t.Key] * e.centroid[t.Key]
	}
	if e.norm > 0 {
		f.Cosine = dot / e.norm
	}
	for _, m := range e.members {
		f.Member = math.Max(f.Member, cosine(it, vec, m))
	}
	f.Title = titleOverlap(it.TitleKeys, e.titles)
	f.Entities = c.entityOverlap(it.Entities, e.entities)
	f.Place = placeScore(it, e)
	f.Date = dateScore(it, e)
	f.Time = timeScore(it, e)
	f.Figures = (figureScore(it.Killed, e.killed) + figureScore(it.Injured, e.injured)) / 2
	f.Type = typeScore(it.Type, e.types)
	if e.langs[it.Lang] == 0 {
		f.CrossLng = 1
	}
	return f
}

// cosine of the item's unit vector and another one.
func cosine(it *Item, vec, m map[uint64]float64) float64 {
	var dot float64
	for _, t := range it.Terms {
		dot += vec[t.Key] * m[t.Key]
	}
	return dot
}

// titleOverlap is the best Dice coefficient of the title's terms with the
// title of one of the event's members.
func titleOverlap(keys []uint64, titles [][]uint64) float64 {
	best := 0.0
	for _, t := range titles {
		i, j, hit := 0, 0, 0
		for i < len(keys) && j < len(t) {
			switch {
			case keys[i] == t[j]:
				hit++
				i++
				j++
			case keys[i] < t[j]:
				i++
			default:
				j++
			}
		}
		best = math.Max(best, 2*float64(hit)/float64(len(keys)+len(t)))
	}
	return best
}

// entityOverlap is the idf-weighted share of the article's entities that the
// event names too: a shared rare name says more than a shared "police".
func (c *Clusterer) entityOverlap(ids []string, counts map[string]int) float64 {
	if len(ids) == 0 || len(counts) == 0 {
		return 0
	}
	var hit, all float64
	for _, id := range ids {
		w := math.Log(float64(c.docs+2) / float64(c.edf[id]+1))
		if w <= 0 {
			continue
		}
		all += w
		if counts[id] > 0 {
			hit += w
		}
	}
	if all == 0 {
		return 0
	}
	return hit / all
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

// dateScore compares the article's event day with the nearest day the
// event's articles give: reports of one event disagree by a day at times
// (time zones, "last night"), rarely by more.
func dateScore(it *Item, e *Event) float64 {
	if it.Date.IsZero() || len(e.dates) == 0 {
		return 0
	}
	gap := math.Inf(1)
	for d := range e.dates {
		gap = math.Min(gap, math.Abs(it.Date.Sub(d).Hours())/24)
	}
	switch {
	case gap < 0.5:
		return 1
	case gap < 1.5:
		return 0.3
	case gap < 3.5:
		return -0.3
	}
	return -1
}

// timeScore falls with the log of the days between the article and the
// event's latest article: 1 within a day, 0 at a week, -1 at two months.
func timeScore(it *Item, e *Event) float64 {
	if it.Time.IsZero() || e.Last.IsZero() {
		return 0
	}
	gap := math.Abs(it.Time.Sub(e.Last).Hours()) / 24
	if gap <= 1 {
		return 1
	}
	return math.Max(-1, 1-math.Log(gap)/math.Log(7))
}

// figureScore is 1 when the event reports the same toll, -1 when it reports
// only others.
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
