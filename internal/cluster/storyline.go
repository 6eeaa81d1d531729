package cluster

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/tocsin/tocsin/internal/geo"
	"github.com/tocsin/tocsin/internal/news"
)

// Storyline rules. An event links to an earlier one of the same story when
// they happen at the same place (or within storyPlaceKm) and either:
//   - the earlier is a warning or a foiled plot, the later an attack, at most
//     precursorGap apart: a precursor link;
//   - they share most of their people and organisations and much of their
//     vocabulary, and the later began within a window (Config.Window) of the
//     earlier's latest article: a follows link (arrests after an attack,
//     claims, trials).
//
// A storyline is bounded: it takes no new event once it has maxStoryEvents,
// or when the event would stretch it over more than maxStretch windows
// (180 days by default) from its first article. A story that runs longer
// goes on as a new storyline. Without the bounds, reports of similar
// incidents in one region (shootings in the cities of one state) chain
// into one storyline of thousands of events, which no analyst reads and
// which everything that walks a storyline pays for.
const (
	storyPlaceKm    = 300
	precursorGap    = 45 * 24 * time.Hour
	followsEntities = 0.5
	followsCosine   = 0.25
	maxStoryEvents  = 100
	earthKm         = 6371 // geo.Distance's mean Earth radius
)

var (
	warningTypes = map[string]bool{news.TypeWarning: true, news.TypeFoiledPlot: true}
	attackTypes  = map[string]bool{news.TypeArmedAttack: true, news.TypeBombing: true}
)

// storyline is what Live knows of a storyline: how many events it holds
// (evicted ones too) and the publication times they span. The active
// members share one value; a link merges two.
type storyline struct {
	events      int
	first, last time.Time
	members     []*Event // the members in memory
}

// lineOf returns e's storyline, a storyline of its own if it has none.
func lineOf(e *Event) *storyline {
	if e.line == nil {
		e.line = &storyline{events: 1, first: e.First, last: e.Last, members: []*Event{e}}
	}
	return e.line
}

// cover widens the storyline's time span to cover first and last (either
// may be zero: unknown).
func (s *storyline) cover(first, last time.Time) {
	if !first.IsZero() && (s.first.IsZero() || first.Before(s.first)) {
		s.first = first
	}
	if last.After(s.last) {
		s.last = last
	}
}

// canJoin tells whether a and b may become one storyline within the bounds.
func (c *Clusterer) canJoin(a, b *storyline) bool {
	if a == b {
		return true
	}
	if a.events+b.events > maxStoryEvents {
		return false
	}
	both := storyline{first: a.first, last: a.last}
	both.cover(b.first, b.last)
	return both.first.IsZero() || both.last.Sub(both.first) <= maxStretch*c.cfg.Window
}

// join makes a and b one storyline, b's members moving to a.
func join(a, b *storyline) {
	if a == b {
		return
	}
	a.events += b.events
	a.cover(b.first, b.last)
	for _, m := range b.members {
		m.line = a
		if !m.dead {
			a.members = append(a.members, m)
		}
	}
	a.members = alive(a.members)
}

// links returns the new links between e and the active events that share an
// entity or a place with it.
func (l *Live) links(e *Event) []news.EventLink {
	lineOf(e).cover(e.First, e.Last)
	at := e.mainPlace()
	if at == nil {
		return nil // an event without a main place links to none
	}
	// The events sharing a name are many (every event of a city's police
	// department): they are told apart by place before anything else, and
	// marked as seen on themselves (Event.mark), as candidates() does, not
	// in a map.
	c := l.c
	c.mark++
	e.mark = c.mark
	var others []*Event
	consider := func(list []*Event) {
		for _, o := range list {
			if o.mark != c.mark {
				o.mark = c.mark
				if !o.dead && samePlace(at, o.mainPlace()) {
					others = append(others, o)
				}
			}
		}
	}
	for id := range e.entities {
		consider(c.ents[id])
	}
	for id := range e.places {
		consider(c.places[id])
	}
	slices.SortFunc(others, func(a, b *Event) int { return cmp.Compare(a.Seq, b.Seq) })
	var out []news.EventLink
	for _, o := range others {
		early, late := o, e
		if later(o, e) {
			early, late = e, o
		}
		if e.linked[o.ID] || !c.canJoin(lineOf(early), lineOf(late)) {
			continue
		}
		link := news.EventLink{From: early.ID, To: late.ID}
		gap := time.Duration(0)
		if !early.First.IsZero() && !late.First.IsZero() {
			gap = late.First.Sub(early.First)
		}
		switch {
		case warningTypes[early.mainType] && attackTypes[late.mainType] && gap <= precursorGap:
			link.Kind, link.Score = news.LinkPrecursor, 1
		case l.follows(early, late) && entityOverlap(early, late) >= followsEntities && centroidCosine(early, late) >= followsCosine:
			link.Kind, link.Score = news.LinkFollows, centroidCosine(early, late)
		default:
			continue
		}
		linkEvents(early, late)
		out = append(out, link)
	}
	return out
}

// follows tells whether late began within a window of early's latest
// article (undated events may follow any).
func (l *Live) follows(early, late *Event) bool {
	return early.Last.IsZero() || late.First.IsZero() || late.First.Sub(early.Last) <= l.c.cfg.Window
}

// linkEvents notes that a and b are linked and puts them in one storyline.
func linkEvents(a, b *Event) {
	if a.linked == nil {
		a.linked = map[string]bool{}
	}
	if b.linked == nil {
		b.linked = map[string]bool{}
	}
	a.linked[b.ID], b.linked[a.ID] = true, true
	join(lineOf(a), lineOf(b))
}

// later reports whether a happened after b: by first publication time when
// both are dated, else by creation order.
func later(a, b *Event) bool {
	if !a.First.IsZero() && !b.First.IsZero() && !a.First.Equal(b.First) {
		return a.First.After(b.First)
	}
	return a.Seq > b.Seq
}

// samePlace reports two known places within storyPlaceKm.
func samePlace(a, b *news.Place) bool {
	if a == nil || b == nil {
		return false
	}
	if a.ID == b.ID {
		return true
	}
	// The great-circle distance is at least the latitudes' difference
	// along a meridian: most places are told apart without trigonometry.
	// The kilometre of margin keeps rounding from deciding.
	if math.Abs(a.Lat-b.Lat)*math.Pi/180*earthKm > storyPlaceKm+1 {
		return false
	}
	return geo.Distance(geo.Place{Lat: a.Lat, Lon: a.Lon}, geo.Place{Lat: b.Lat, Lon: b.Lon}) <= storyPlaceKm
}

func entityOverlap(a, b *Event) float64 {
	if len(a.entities) == 0 || len(b.entities) == 0 {
		return 0
	}
	hit := 0
	for id := range a.entities {
		if b.entities[id] > 0 {
			hit++
		}
	}
	return float64(hit) / float64(min(len(a.entities), len(b.entities)))
}

func centroidCosine(a, b *Event) float64 {
	if a.norm == 0 || b.norm == 0 {
		return 0
	}
	var dot float64
	rest := b.centroid
	for _, t := range a.centroid {
		var w float64
		w, rest = rest.seek(t.k)
		dot += t.w * w
	}
	return dot / (a.norm * b.norm)
}
