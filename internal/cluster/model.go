package cluster

import (
	_ "embed"
	"encoding/json"
	"math"
	"sort"
	"time"

	"github.com/tocsin/tocsin/internal/geo"
	"github.com/tocsin/tocsin/internal/news"
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
	Type     float64 `json:"type"`      // 1 same event type, -1 a warning and another known type, -0.5 other types
	CrossLng float64 `json:"crosslang"` // 1 when the event has no article in this language
	Incident float64 `json:"incident"`  // 1 when both are a located incident (attack, bombing, disaster, or a toll)
	Untimed  float64 `json:"untimed"`   // 1 when the article or the event has no publication time
	Rare     float64 `json:"rare"`      // shared terms that are rare in the news (names of venues, ships, products): 1 for five or more
}

// vector lists the features in model order. The products let the evidence
// of facts count more when the texts agree less (and the other way round),
// and across languages, where terms are not shared. Without publication
// times the time feature is 0: the untimed ones let the model make up for
// the missing evidence rather than hold undated reports apart.
func (f Features) vector() []float64 {
	return []float64{
		f.Cosine, f.Member, f.Title, f.Entities, f.Place, f.Date, f.Time, f.Figures, f.Type, f.CrossLng,
		f.Cosine * f.Place, f.Cosine * f.Date, f.Place * f.Date, f.Entities * f.Place,
		f.CrossLng * f.Entities, f.CrossLng * f.Place,
		f.Incident, f.Incident * f.Place, f.Incident * f.Date, f.Incident * f.Figures,
		f.Untimed, f.Untimed * f.Cosine, f.Rare, f.Rare * f.Type, f.Incident * f.Time,
	}
}

// contradicts tells comparisons that cannot be one event: two incidents far
// apart, or more than three days apart, and with tolls that cannot be
// revisions of each other (each alone is weak evidence, geocoding, dates
// and figures being noisy, so the model weighs them little; together they
// rule a join out whatever the texts share: two shootings in one city a
// week apart, or a weekend round-up and a shooting of the week before);
// two incidents whose texts share almost nothing, or little while their
// days are more than three days apart (reports of different shootings in
// one city have alike titles, places, days and tolls, which can outweigh a
// cosine that reports of one incident in one language almost never fall
// to); or, outside incidents, a warning (or foiled plot) and another known
// kind of event (the accusation or attack that followed: storylines link
// those, events do not).
func (f Features) contradicts() bool {
	if f.Incident == 1 {
		farApart := f.Place == -1 && f.Figures < 0
		daysApart := f.Date == -1 && f.Figures == -1
		// Across languages the texts share names and numbers only.
		unalike := f.CrossLng == 0 && (f.Cosine < minIncidentCosine || f.Date == -1 && f.Cosine < minDaysApartCosine)
		return farApart || daysApart || unalike
	}
	return f.Type == -1
}

// The least centroid cosine of an article and an incident it joins, and
// the least when their event days are more than three days apart (the
// date feature at -1). On gva dev, 4 of 781 right joins of incidents and
// 12 of 104 wrong ones were below the first; 2 right and 12 wrong ones
// were below the second with days apart.
const (
	minIncidentCosine  = 0.15
	minDaysApartCosine = 0.3
)

// Model is a logistic model over Features: the score is the log-odds that
// the article belongs to the event, and an article joins the event where
// the score passes the threshold by most, if any: IncidentThreshold when
// both are incidents, else Threshold. Incidents need more: reports of
// different shootings read alike, while stories that run for months are
// told in ever new words.
type Model struct {
	Weights           []float64 `json:"weights"`
	Bias              float64   `json:"bias"`
	Threshold         float64   `json:"threshold"`
	IncidentThreshold float64   `json:"incident_threshold"`
}

func (m Model) threshold(f Features) float64 {
	if f.Incident == 1 {
		return m.IncidentThreshold
	}
	return m.Threshold
}

// Joins tells whether a comparison with these features passes the threshold.
func (m Model) Joins(f Features) bool { return m.Score(f) >= m.threshold(f) }

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
	// Sums run over the item's vector in key order, never over a map: the
	// same input must give the same score to the last bit.
	var dot float64
	rare := 0
	rest := e.centroid
	for i, t := range c.sorted {
		var w float64
		w, rest = rest.seek(t.k)
		dot += t.w * w
		if w > 0 && c.rareKey[i] {
			rare++
		}
	}
	f.Rare = math.Min(1, float64(rare)/5)
	if e.norm > 0 {
		f.Cosine = dot / e.norm
	}
	// A member close to the article while the whole event is not is rare
	// below this cosine, and the comparison with every member is the
	// dearest part of scoring.
	if f.Cosine >= memberFloor {
		for _, m := range e.members {
			f.Member = math.Max(f.Member, dotByKey(c.sorted, m))
		}
	} else {
		f.Member = f.Cosine
	}
	f.Title = titleOverlap(it.TitleKeys, e.titles)
	f.Entities = c.entityOverlap(it, e.entities)
	f.Place = placeScore(it, e)
	f.Date = dateScore(it, e)
	f.Time = timeScore(it, e)
	f.Figures = figuresScore(it, e)
	if it.Type != "" && len(e.types) > 0 {
		f.Type = typeAgainst(it.Type, e.mainType)
	}
	if e.langs[it.Lang] == 0 {
		f.CrossLng = 1
	}
	if it.incident() && e.incidents > 0 {
		f.Incident = 1
	}
	if it.Time.IsZero() || e.Last.IsZero() {
		f.Untimed = 1 // time says nothing: the rest must weigh more
	}
	return f
}

// rare tells a term that the background news never uses and few articles
// seen so far do: the name of a venue or a ship shared by two reports says
// more than their cosine does.
func (c *Clusterer) rare(k uint64) bool {
	return backgroundDF.df[k] == 0 && c.df[k].n <= rareDF
}

// rareDF is the most articles a rare term may have been seen in.
const rareDF = 20

// memberFloor is the centroid cosine below which members are not compared.
const memberFloor = 0.08

// dotByKey is the dot product of two vectors listed by key.
func dotByKey(a, b []termWeight) float64 {
	var dot float64
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].k == b[j].k:
			dot += a[i].w * b[j].w
			i++
			j++
		case a[i].k < b[j].k:
			i++
		default:
			j++
		}
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

// entityOverlap is the share of the article's people and organisations
// that the event names too, each weighted by its idf (a shared rare name
// says more than a shared "police") and by how often the article names it
// (the actors of the story more than names in passing).
func (c *Clusterer) entityOverlap(it *Item, counts map[string]int) float64 {
	// The weights are the article's, worked out once by vector().
	if len(it.Entities) == 0 || len(counts) == 0 || c.entAll == 0 {
		return 0
	}
	var hit float64
	for i, id := range it.Entities {
		if w := c.entW[i]; w > 0 && counts[id] > 0 {
			hit += w
		}
	}
	return hit / c.entAll
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

// placeScore is 1 for a shared place and falls to 0 at 100 km. It is -1
// only when the article's main place is over 300 km from every member's
// main place and no place of the article is near one of the event: stories
// name places in passing, and only the place where it happens separates
// events. The event's places are those a third of its members name: a
// large event has named many places, and matching any of them would let
// it swallow every report of the region.
func placeScore(it *Item, e *Event) float64 {
	if len(it.Places) == 0 || len(e.places) == 0 {
		return 0
	}
	for _, p := range it.Places {
		if e.core(p.ID) {
			return 1
		}
	}
	best := math.Inf(1)
	// The minimum over e.cores, whatever their order.
	for _, q := range e.cores {
		for _, p := range it.Places {
			// Places further apart in latitude alone than the 300 km that
			// matter below stay beyond them: spare the trigonometry.
			if math.Abs(p.Lat-q.Lat) > farLat {
				continue
			}
			best = math.Min(best, km(p, q))
		}
	}
	if best <= 100 {
		return 1 - best/100
	}
	if best <= 300 || len(e.mains) == 0 {
		return 0
	}
	for _, q := range e.mains {
		if math.Abs(it.Places[0].Lat-q.Lat) <= farLat && km(it.Places[0], q) <= 300 {
			return 0
		}
	}
	return -1
}

// farLat is a latitude difference, in degrees, surely more than 300 km
// along any great circle (one degree is 111 km).
const farLat = 3.0

// core tells a place that at least a third of the event's members name.
func (e *Event) core(id int64) bool { return e.placeN[id]*3 >= e.placed }

func km(a, b news.Place) float64 {
	return geo.Distance(geo.Place{Lat: a.Lat, Lon: a.Lon}, geo.Place{Lat: b.Lat, Lon: b.Lon})
}

// dateScore compares the article's event day with the nearest day the
// event's articles give: reports of one event disagree by a day at times
// (time zones, "last night"), rarely by more.
func dateScore(it *Item, e *Event) float64 {
	if it.Date.IsZero() || len(e.dates) == 0 {
		return 0
	}
	gap := math.Inf(1)
	for d, n := range e.dates {
		if n*3 >= e.dated { // a day a third of the members give, as for places
			gap = math.Min(gap, math.Abs(it.Date.Sub(d).Hours())/24)
		}
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

// tollReport is a toll one member gave, with its publication time.
type tollReport struct {
	Toll
	t time.Time
}

// maxReports bounds the distinct reports an event keeps per kind: the first
// ones and the latest ones are what later reports are compared with.
const maxReports = 8

func addReport(list []tollReport, t Toll, at time.Time) []tollReport {
	if !t.reported() {
		return list
	}
	r := tollReport{t, at}
	for _, x := range list {
		if x == r {
			return list
		}
	}
	if len(list) == maxReports {
		// Keep the first report: the earliest toll is what a revision
		// rises from.
		copy(list[1:], list[2:])
		list = list[:maxReports-1]
	}
	return append(list, r)
}

// figuresScore is the mean of figureScore over the kinds of toll that both
// the article and the event report.
func figuresScore(it *Item, e *Event) float64 {
	sum, n := 0.0, 0
	if it.Killed.reported() && len(e.killed) > 0 {
		sum += figureScore(it.Killed, it.Time, e.killed)
		n++
	}
	if it.Injured.reported() && len(e.injured) > 0 {
		sum += figureScore(it.Injured, it.Time, e.injured)
		n++
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

// figureScore compares a toll with the ones the event's articles gave,
// counting the most compatible: 1 when the ranges overlap; 0.5 when the
// later report is the higher (a rising toll is a revision of one event);
// -1 when the later is lower, or when two reports of the same time differ.
// When either side has no publication time the order is unknown: either
// may be the revision, so a difference within a factor of ten counts as
// one (0.5), a larger one says nothing (0).
func figureScore(t Toll, at time.Time, reports []tollReport) float64 {
	if !t.reported() || len(reports) == 0 {
		return 0
	}
	best := -1.0
	for _, r := range reports {
		best = math.Max(best, tollScore(t, at, r.Toll, r.t))
		if best == 1 {
			break
		}
	}
	return best
}

// sameTime is how close two publication times are taken to report the same
// state of the news: within it, different tolls are different events.
const sameTime = 12 * time.Hour

func tollScore(a Toll, ta time.Time, b Toll, tb time.Time) float64 {
	if a.Low <= b.top() && b.Low <= a.top() {
		return 1
	}
	if ta.IsZero() || tb.IsZero() {
		// Either could be the later: a revision is possible if the
		// higher is not wildly above the lower.
		if lo, hi := min(a.Low, b.Low), max(a.Low, b.Low); hi <= 10*max(lo, 1) {
			return 0.5
		}
		return 0
	}
	gap := ta.Sub(tb)
	switch {
	case gap >= sameTime && a.Low > b.Low, gap <= -sameTime && b.Low > a.Low:
		return 0.5
	}
	return -1
}

// mainType is the most frequent type, ties to the first by name.
func mainType(m map[string]int) string {
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
	return top
}

// typeAgainst scores the article's type t against the event's main type.
func typeAgainst(t, top string) float64 {
	switch {
	case top == t:
		return 1
	case t != news.TypeOther && top != news.TypeOther && (warningTypes[t] || warningTypes[top]):
		return -1 // a warning and what follows it are two happenings
	}
	return -0.5
}
