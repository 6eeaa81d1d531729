package cluster

import (
	"cmp"
	"container/heap"
	"fmt"
	"math"
	"slices"
	"sort"
	"time"

	"github.com/tocsin/tocsin/internal/news"
)

// Config tunes a Clusterer. The zero value is not useful: start from
// DefaultConfig, whose weights are fitted on the development corpora (see
// docs/clustering.md).
type Config struct {
	Window     time.Duration // events idle longer than this (in article time) take no new articles
	Candidates int           // events fully scored per article
	QueryTerms int           // strongest article terms used to find candidates
	IndexTerms int           // strongest event terms indexed
	Model      Model         // how features become a same-event score
}

// DefaultConfig returns the shipped configuration.
func DefaultConfig() Config {
	return Config{Window: 30 * 24 * time.Hour, Candidates: 40, QueryTerms: 20, IndexTerms: 30, Model: DefaultModel()}
}

// Event is a group of articles about one happening, as the clusterer keeps
// it while the event is active.
type Event struct {
	// What candidates() and storyline links read of every event an
	// article's terms, names and places touch (thousands for common ones),
	// side by side and first, so that candidates() reads one cache line of
	// each (an Event is 640 bytes, allocated 64-byte aligned): the mark and
	// hits of the article's search, the window the event is open in (see
	// active; timed when it has a dated article), and whether members name
	// places (mainPlace) and where, next to each other in the line after.
	timed, dead         bool
	mark                int // candidates(): hits is valid while mark is the clusterer's
	hits                float64
	openFrom, openUntil time.Time
	placed              int        // members naming a place
	mainAt              news.Place // the main place, as mainPlace returns it

	ID       string
	Seq      int
	Title    string
	First    time.Time
	Last     time.Time
	Articles []string

	centroid  centroid // sum of member vectors (tf-idf, unit length)
	norm      float64  // length of centroid
	norm2     float64  // its square, kept as terms are added
	entities  map[string]int
	places    map[int64]news.Place
	mains     map[int64]news.Place // the main place of each member
	placeN    map[int64]int        // members naming each place
	cores     []news.Place         // the places core() admits, redone as members join
	dated     int                  // members giving an event day
	dates     map[time.Time]int
	killed    []tollReport // the tolls the members give, as reported over time
	injured   []tollReport
	types     map[string]int
	mainType  string // mainType(types), kept as members join
	langs     map[string]int
	incidents int             // members that report a located incident
	titles    [][]uint64      // title keys of the latest members
	members   [][]termWeight  // term vectors of the latest members, by key
	indexed   map[uint64]bool // terms this event is listed under in the index
	top       []termWeight    // strongest centroid terms, strongest first
	queued    bool            // in the clusterer's expiry heap
	gold      string          // training only: the gold label the event stands for

	// What storylines need (see storyline.go): the place most members
	// give first (mainPlace), the events this one is linked with, and its
	// storyline.
	mainN     map[int64]int // members giving each place first
	firstMain int64         // the first member's, which wins ties
	main      int64
	linked    map[string]bool
	line      *storyline
}

// Assignment says where an article went and why.
type Assignment struct {
	Event    *Event
	New      bool
	Score    float64  // model score of the chosen event (0 for a new event)
	Evidence Evidence // for the chosen event, or the best rejected one
}

// Evidence explains a score: the features, and what the article and the
// event share.
type Evidence struct {
	Features Features `json:"features"`
	Score    float64  `json:"score"`
	Margin   float64  `json:"margin"` // score minus the threshold it had to reach
	Terms    []string `json:"shared_terms,omitempty"`
	Entities []string `json:"shared_entities,omitempty"`
	Places   []string `json:"shared_places,omitempty"`
	Event    string   `json:"candidate_event,omitempty"`
}

// Clusterer assigns items to events. It is not safe for concurrent use:
// assignment is the one ordered step of the pipeline.
type Clusterer struct {
	cfg    Config
	events []*Event // in creation order; evicted ones are dropped in bulk (compact)
	// deadEvents counts the evicted events still in events.
	deadEvents int
	byID       map[string]*Event
	terms      map[uint64][]*Event
	ents       map[string][]*Event
	places     map[int64][]*Event
	df         map[uint64]seen
	edf        map[string]seen // articles naming each entity
	docs       int
	seq        int
	now        time.Time    // latest article time seen
	swept      time.Time    // when df and edf last forgot stale rare counts
	expiry     expiryHeap   // dated events by when they may leave memory
	keep       bool         // tests: never evict, to compare with eviction
	mark       int          // candidates() of the current article
	touched    []*Event     // events it found, reused
	unpruned   []*Event     // evicted events still in the index lists (evict)
	sorted     []termWeight // the vector vector() made last, by key, for member cosines
	// Per-article values every candidate's scoring needs, worked out once
	// by vector(): document frequencies do not change until the article is
	// counted, after its candidates are scored.
	rareKey []bool    // c.sorted[i] is a rare term
	entW    []float64 // idf×mention weight of it.Entities[i], 0 when not counted
	entAll  float64   // sum of entW
	newID   func(seq int, it *Item) string
}

// New returns an empty Clusterer. newID names new events; nil names them
// "e<seq>".
func New(cfg Config, newID func(seq int, it *Item) string) *Clusterer {
	if newID == nil {
		newID = func(seq int, _ *Item) string { return fmt.Sprintf("e%d", seq) }
	}
	return &Clusterer{
		cfg: cfg, byID: map[string]*Event{}, terms: map[uint64][]*Event{}, ents: map[string][]*Event{},
		places: map[int64][]*Event{}, df: map[uint64]seen{}, edf: map[string]seen{}, newID: newID,
	}
}

// Events returns the active events in creation order.
func (c *Clusterer) Events() []*Event {
	if c.deadEvents > 0 {
		c.compact()
	}
	return c.events
}

// Assign puts it into the best matching active event, or a new one.
func (c *Clusterer) Assign(it *Item) Assignment {
	if it.Time.After(c.now) {
		c.now = it.Time
	}
	c.evict()
	vec := c.vector(it)
	var best *Event
	var bestEv Evidence
	bestMargin := math.Inf(-1)
	for _, e := range c.candidates(it, vec) {
		f := c.features(it, vec, e)
		s := c.cfg.Model.Score(f)
		m := s - c.cfg.Model.threshold(f)
		if f.contradicts() {
			m = math.Min(m, -1) // shown as the evidence, never joined
		}
		if m > bestMargin {
			best, bestMargin = e, m
			bestEv = Evidence{Features: f, Score: s, Margin: m, Event: e.ID}
		}
	}
	c.count(it)
	if best != nil && bestMargin >= 0 {
		bestEv.explain(it, vec, best)
		c.add(best, it, vec)
		return Assignment{Event: best, Score: bestEv.Score, Evidence: bestEv}
	}
	e := c.create(it, vec)
	if best != nil {
		bestEv.explain(it, vec, best)
	}
	return Assignment{Event: e, New: true, Evidence: bestEv}
}

// vector weights the item's terms by inverse document frequency and scales
// them to unit length.
func (c *Clusterer) vector(it *Item) map[uint64]float64 {
	docs := float64(c.docs + backgroundDF.docs + 2)
	top := make([]termWeight, 0, len(it.Terms))
	for _, t := range it.Terms {
		w := t.Weight * math.Log(docs/float64(int(c.df[t.Key].n)+int(backgroundDF.df[t.Key])+1))
		if w > 0 {
			top = append(top, termWeight{t.Key, w})
		}
	}
	// The strongest terms carry nearly all of the vector's length; the
	// long tail costs a lookup per candidate event and says little.
	if len(top) > vectorTerms {
		slices.SortFunc(top, strongestFirst)
		top = top[:vectorTerms]
	}
	var n float64
	for _, t := range top {
		n += t.w * t.w
	}
	n = math.Sqrt(n)
	v := make(map[uint64]float64, len(top))
	for i := range top {
		top[i].w /= n
		v[top[i].k] = top[i].w
	}
	slices.SortFunc(top, func(a, b termWeight) int { return cmp.Compare(a.k, b.k) })
	// Events keep it among their members' vectors: a copy of its own
	// length, not the room of every term of the item.
	c.sorted = slices.Clone(top)
	c.rareKey = c.rareKey[:0]
	for _, t := range top {
		c.rareKey = append(c.rareKey, c.rare(t.k))
	}
	c.entW, c.entAll = c.entW[:0], 0
	for i, id := range it.Entities {
		w := math.Log(float64(c.docs+2)/float64(c.edf[id].n+1)) * (1 + math.Log(float64(it.Mentions[i])))
		if w <= 0 {
			w = 0
		}
		c.entW = append(c.entW, w)
		c.entAll += w
	}
	return v
}

// vectorTerms bounds the terms of an article's tf-idf vector.
const vectorTerms = 100

func (c *Clusterer) count(it *Item) {
	c.docs++
	today := unixDay(c.now)
	for _, t := range it.Terms {
		x := c.df[t.Key]
		c.df[t.Key] = seen{x.n + 1, today}
	}
	for _, id := range it.Entities {
		x := c.edf[id]
		c.edf[id] = seen{x.n + 1, today}
	}
	c.forget()
}

// seen counts the articles a term or entity was seen in, and the day
// (article time) it was last seen.
type seen struct {
	n    int32
	last int32 // days since 1970; 0 when only undated articles were seen
}

func unixDay(t time.Time) int32 {
	if t.IsZero() {
		return 0
	}
	return int32(t.Unix() / 86400)
}

// forgetDF is the most articles a term or entity may have been seen in for
// its count to be forgotten once it has not been seen for two windows:
// names of one incident (a victim, a street) that the news has left. A
// name that comes back counts as new, which is what it is for the news of
// now. Without this, the counts would grow with every name ever seen.
const forgetDF = 3

// forget drops the counts of rare terms and entities not seen for two
// windows, once a window of article time. The maps are rebuilt, not
// deleted from: Go maps do not give back the memory of deleted entries.
func (c *Clusterer) forget() {
	if c.now.IsZero() {
		return
	}
	if c.swept.IsZero() {
		c.swept = c.now
		return
	}
	if c.now.Sub(c.swept) < c.cfg.Window {
		return
	}
	c.swept = c.now
	cut := unixDay(c.now.Add(-2 * c.cfg.Window))
	c.df = keepRecent(c.df, cut)
	c.edf = keepRecent(c.edf, cut)
}

func keepRecent[K comparable](m map[K]seen, cut int32) map[K]seen {
	kept := make(map[K]seen, len(m))
	for k, x := range m {
		if x.n > forgetDF || x.last >= cut {
			kept[k] = x
		}
	}
	return kept
}

// candidates are the active events sharing the item's strongest terms,
// entities or places, the most shared first, at most Config.Candidates.
// Shares are summed on the events themselves (Event.hits, valid while
// Event.mark is the clusterer's): a map keyed by event cost more than the
// scoring it feeds.
func (c *Clusterer) candidates(it *Item, vec map[uint64]float64) []*Event {
	c.mark++
	touched := c.touched[:0]
	hit := func(list []*Event, w float64) {
		for _, e := range list {
			if e.mark != c.mark {
				e.mark, e.hits = c.mark, 0
				touched = append(touched, e)
			}
			e.hits += w
		}
	}
	// Weights travel with the terms so that sorting costs no map lookups.
	type tw struct {
		k uint64
		w float64
	}
	strongest := make([]tw, 0, len(it.Terms))
	for _, t := range it.Terms {
		if w := vec[t.Key]; w > 0 {
			strongest = append(strongest, tw{t.Key, w})
		}
	}
	slices.SortStableFunc(strongest, func(a, b tw) int { return cmp.Compare(b.w, a.w) })
	for i, t := range strongest {
		if i == c.cfg.QueryTerms {
			break
		}
		hit(c.terms[t.k], t.w)
	}
	for _, id := range it.Entities {
		hit(c.ents[id], 0.5)
	}
	for _, p := range it.Places {
		hit(c.places[p.ID], 0.5)
	}
	c.touched = touched
	// Only the first Candidates of the order are scored: they are kept in
	// order as found, rather than sorting the thousands of events a common
	// term touches. The order is total (Seq is unique), so the result is
	// that of sorting them all.
	ranked := make([]*Event, 0, min(len(touched), c.cfg.Candidates))
	for _, e := range touched {
		if e.dead || !c.active(e, it) {
			continue
		}
		if len(ranked) == c.cfg.Candidates {
			if len(ranked) == 0 || byHits(e, ranked[len(ranked)-1]) > 0 {
				continue
			}
			ranked = ranked[:len(ranked)-1]
		}
		i, _ := slices.BinarySearchFunc(ranked, e, byHits)
		ranked = slices.Insert(ranked, i, e)
	}
	clear(touched) // hold no evicted event
	return ranked
}

// byHits orders candidates by their hits, most first, then by age.
func byHits(a, b *Event) int {
	if a.hits != b.hits {
		return cmp.Compare(b.hits, a.hits)
	}
	return cmp.Compare(a.Seq, b.Seq)
}

// active reports whether e can still take it, published within the
// event's window of its latest article: undated articles and events are
// always in the window. The window's ends are kept on the event as it
// takes articles (open): working them out for every event an article's
// terms touched was a third of finding its candidates.
func (c *Clusterer) active(e *Event, it *Item) bool {
	if it.Time.IsZero() || !e.timed {
		return true
	}
	return !it.Time.Before(e.openFrom) && !it.Time.After(e.openUntil)
}

// open keeps the ends of e's window, its latest article ± window(e), once
// e has a dated article.
func (c *Clusterer) open(e *Event) {
	w := c.window(e)
	e.openFrom, e.openUntil, e.timed = e.Last.Add(-w), e.Last.Add(w), true
}

// window is how long e stays open after its latest article: Config.Window,
// or longer for an event that has already run for long, as a story with
// follow-ups does, up to maxStretch windows.
func (c *Clusterer) window(e *Event) time.Duration {
	return min(max(c.cfg.Window, 2*e.Last.Sub(e.First)), maxStretch*c.cfg.Window)
}

// maxStretch bounds how far a long story stretches its window, in windows:
// an event that keeps taking articles must still leave memory some day.
const maxStretch = 6

// evict drops events idle for their window and one more in article time,
// so that memory is bounded by the window, not the history. The expiry
// heap finds them without walking the active events; an event's expiry
// only moves later as it takes articles, so a stale entry is pushed back
// with its current one.
func (c *Clusterer) evict() {
	if c.keep {
		return
	}
	var dead []*Event
	for len(c.expiry) > 0 && c.expiry[0].at.Before(c.now) {
		x := heap.Pop(&c.expiry).(expiring)
		if at := c.expires(x.e); !at.Before(c.now) {
			heap.Push(&c.expiry, expiring{at, x.e})
			continue
		}
		x.e.dead, x.e.queued = true, false
		delete(c.byID, x.e.ID)
		dead = append(dead, x.e)
	}
	if len(dead) == 0 {
		return
	}
	// The dead leave c.events once they are half of it: articles that
	// arrive out of date order open events that expire at the next
	// article, and walking every active event for each of them was a
	// seventh of Assign's CPU on a store of 45,000 articles.
	c.deadEvents += len(dead)
	if 2*c.deadEvents > len(c.events) {
		c.compact()
	}
	// The dead leave the index lists in batches: every reader of the lists
	// skips dead events, and an event that dies at the next article (one
	// dated out of order) otherwise cost a walk of every list its common
	// terms and names are in, thousands of events long.
	c.unpruned = append(c.unpruned, dead...)
	if len(c.unpruned) >= pruneBatch {
		c.prune(c.unpruned)
		clear(c.unpruned)
		c.unpruned = c.unpruned[:0]
	}
}

// pruneBatch is how many evicted events wait in the index lists.
const pruneBatch = 256

// compact drops evicted events from c.events.
func (c *Clusterer) compact() {
	kept := c.events[:0]
	for _, e := range c.events {
		if !e.dead {
			kept = append(kept, e)
		}
	}
	clear(c.events[len(kept):]) // let the dead be collected
	c.events, c.deadEvents = kept, 0
}

// expires is when e leaves memory unless it takes another article: a
// window (Config.Window) after it closed, room for articles that arrive
// late. A story whose window has stretched to six months is not kept for
// another six: at 2,000 articles a day, that doubled the events in memory.
func (c *Clusterer) expires(e *Event) time.Time { return e.Last.Add(c.window(e) + c.cfg.Window) }

// expiring is an event in the expiry heap, with its expiry when pushed.
type expiring struct {
	at time.Time
	e  *Event
}

type expiryHeap []expiring

func (h expiryHeap) Len() int { return len(h) }
func (h expiryHeap) Less(i, j int) bool {
	if !h[i].at.Equal(h[j].at) {
		return h[i].at.Before(h[j].at)
	}
	return h[i].e.Seq < h[j].e.Seq
}
func (h expiryHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *expiryHeap) Push(x any)   { *h = append(*h, x.(expiring)) }
func (h *expiryHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// prune removes dead events from the index lists they are in, and only
// from those: walking the whole index costs as much as the history held.
func (c *Clusterer) prune(dead []*Event) {
	terms, ents, places := map[uint64]bool{}, map[string]bool{}, map[int64]bool{}
	for _, e := range dead {
		for k := range e.indexed {
			terms[k] = true
		}
		for id := range e.entities {
			ents[id] = true
		}
		for id := range e.places {
			places[id] = true
		}
	}
	pruneKeys(c.terms, terms)
	pruneKeys(c.ents, ents)
	pruneKeys(c.places, places)
}

func pruneKeys[K comparable](index map[K][]*Event, keys map[K]bool) {
	for k := range keys {
		if l := alive(index[k]); len(l) == 0 {
			delete(index, k)
		} else {
			index[k] = l
		}
	}
}

func alive(list []*Event) []*Event {
	out := list[:0]
	for _, e := range list {
		if !e.dead {
			out = append(out, e)
		}
	}
	clear(list[len(out):])
	return out
}

func (c *Clusterer) create(it *Item, vec map[uint64]float64) *Event {
	c.seq++
	e := &Event{
		Seq: c.seq, Title: it.Title, First: it.Time,
		entities: map[string]int{}, places: map[int64]news.Place{}, mains: map[int64]news.Place{}, placeN: map[int64]int{}, dates: map[time.Time]int{},
		types: map[string]int{}, langs: map[string]int{},
		indexed: map[uint64]bool{}, mainN: map[int64]int{},
	}
	e.ID = c.newID(c.seq, it)
	c.events = append(c.events, e)
	c.byID[e.ID] = e
	c.add(e, it, vec)
	return e
}

func (c *Clusterer) add(e *Event, it *Item, vec map[uint64]float64) {
	e.Articles = append(e.Articles, it.ID)
	if !it.Time.IsZero() {
		if e.First.IsZero() || it.Time.Before(e.First) {
			e.First = it.Time
		}
		if it.Time.After(e.Last) {
			e.Last = it.Time
		}
		c.open(e)
		if !e.queued {
			e.queued = true
			heap.Push(&c.expiry, expiring{c.expires(e), e})
		}
	}
	e.addVector(it, vec, c.sorted)
	if len(e.centroid) > maxEventTerms {
		e.trimCentroid()
	}
	e.norm = math.Sqrt(e.norm2)
	for _, id := range it.Entities {
		if e.entities[id] == 0 {
			c.ents[id] = append(c.ents[id], e)
		}
		e.entities[id]++
	}
	if len(e.entities) > maxEventEntities {
		c.trimEntities(e)
	}
	for _, p := range it.Places {
		if _, ok := e.places[p.ID]; !ok {
			c.places[p.ID] = append(c.places[p.ID], e)
			e.places[p.ID] = p
		}
		e.placeN[p.ID]++
	}
	if len(it.Places) > 0 {
		e.placed++
		// Scoring compares every candidate's core places with the article's:
		// listing them once a member joins spares a walk over all places
		// per comparison.
		e.cores = e.cores[:0]
		for id, q := range e.places {
			if e.core(id) {
				e.cores = append(e.cores, q)
			}
		}
	}
	if len(it.Places) > 0 {
		p := it.Places[0]
		e.mains[p.ID] = p
		e.notePlace(p.ID)
	}
	if !it.Date.IsZero() {
		e.dated++
		e.dates[it.Date]++
	}
	e.killed = addReport(e.killed, it.Killed, it.Time)
	e.injured = addReport(e.injured, it.Injured, it.Time)
	if it.Type != "" {
		e.types[it.Type]++
		e.mainType = mainType(e.types)
	}
	e.langs[it.Lang]++
	if it.incident() {
		e.incidents++
	}
	if len(it.TitleKeys) > 0 {
		e.titles = keepLatest(e.titles, it.TitleKeys)
	}
	e.members = keepLatest(e.members, c.sorted) // vector() made it for it
	c.index(e, it)
}

// notePlace counts a member giving id as its first place and keeps the
// main place: the most given, ties to the first member's, then to the
// smallest id.
func (e *Event) notePlace(id int64) {
	if len(e.mainN) == 0 {
		e.firstMain, e.main = id, id
	}
	e.mainN[id]++
	n, m := e.mainN[id], e.mainN[e.main]
	switch {
	case id == e.main:
	case n > m:
		e.main = id
	case n == m && (id == e.firstMain || e.main != e.firstMain && id < e.main):
		e.main = id
	}
	e.mainAt = e.mains[e.main]
}

// mainPlace is the place most members give first; nil when none does. It
// points into e: callers only read it.
func (e *Event) mainPlace() *news.Place {
	if e.placed == 0 { // read, not mainN's length: it sits with the fields links reads
		return nil
	}
	return &e.mainAt
}

// An event that keeps taking articles stays in memory however long it runs
// (stories of months do), and without bounds its centroid and its names
// would grow with every member: reports of a year of similar incidents
// merged into one event held the names of every incident. The bounds are
// far above what events of the development corpora reach (a few hundred
// entities, a few thousand terms), so they change no assignment there;
// past them an event forgets its weakest terms and its least named
// entities, which weigh least in its cosine and its entity overlap.
const (
	maxEventTerms    = 8000
	maxEventEntities = 1000
)

// trimCentroid keeps the strongest three quarters of maxEventTerms terms
// and the norm of what is kept.
func (e *Event) trimCentroid() {
	strong := slices.Clone(e.centroid)
	slices.SortFunc(strong, strongestFirst)
	strong = strong[:maxEventTerms*3/4]
	slices.SortFunc(strong, func(a, b termWeight) int { return cmp.Compare(a.k, b.k) })
	e.centroid, e.norm2 = strong, 0
	for _, t := range strong {
		e.norm2 += t.w * t.w
	}
}

// trimEntities keeps the three quarters of maxEventEntities entities the
// members name most (ties to the smaller id) and takes e out of the index
// lists of the others.
func (c *Clusterer) trimEntities(e *Event) {
	ids := make([]string, 0, len(e.entities))
	for id := range e.entities {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int {
		if n, m := e.entities[a], e.entities[b]; n != m {
			return cmp.Compare(m, n)
		}
		return cmp.Compare(a, b)
	})
	for _, id := range ids[maxEventEntities*3/4:] {
		delete(e.entities, id)
		list := slices.DeleteFunc(c.ents[id], func(x *Event) bool { return x == e })
		if len(list) == 0 {
			delete(c.ents, id)
		} else {
			c.ents[id] = list
		}
	}
}

// maxMembers bounds the member titles and vectors an event keeps for
// comparison, the latest ones: a story drifts, and the latest reports are
// what the next one continues.
const maxMembers = 12

func keepLatest[T any](list []T, x T) []T {
	if len(list) == maxMembers {
		copy(list, list[1:])
		list = list[:maxMembers-1]
	}
	return append(list, x)
}

// index lists e under its strongest terms. Terms that fall out of the top
// stay listed: a stale entry costs one extra candidate, never a missed one.
// Centroid weights only grow, so only the terms just added can enter the
// top, which e.top keeps.
func (c *Clusterer) index(e *Event, it *Item) {
	n := c.cfg.IndexTerms
	for _, t := range it.Terms {
		w, ok := e.centroid.weight(t.Key)
		if !ok {
			continue
		}
		x := termWeight{t.Key, w}
		if len(e.top) == n && !x.above(e.top[n-1]) {
			continue
		}
		// Drop the term's old place, then insert it at its new one.
		for i, y := range e.top {
			if y.k == x.k {
				e.top = append(e.top[:i], e.top[i+1:]...)
				break
			}
		}
		i := len(e.top)
		for i > 0 && x.above(e.top[i-1]) {
			i--
		}
		e.top = append(e.top, termWeight{})
		copy(e.top[i+1:], e.top[i:])
		e.top[i] = x
		if len(e.top) > n {
			e.top = e.top[:n]
		}
	}
	for _, t := range e.top {
		if !e.indexed[t.k] {
			e.indexed[t.k] = true
			c.terms[t.k] = append(c.terms[t.k], e)
		}
	}
}

// centroid is the sum of an event's member vectors, by key: scoring walks
// it along the article's vector, which is by key too, instead of probing a
// map per term.
type centroid []termWeight

func byKey(t termWeight, k uint64) int { return cmp.Compare(t.k, k) }

// weight returns the weight of key k.
func (c centroid) weight(k uint64) (float64, bool) {
	if i, ok := slices.BinarySearchFunc(c, k, byKey); ok {
		return c[i].w, true
	}
	return 0, false
}

// seek returns the weight of key k (0 when absent) and the rest of c after
// it: keys looked up in increasing order walk the centroid once. It
// gallops: the next of an article's 100 keys is some len(c)/100 entries on,
// fewer steps than a binary search of all that is left.
func (c centroid) seek(k uint64) (float64, centroid) {
	b := 1
	for b <= len(c) && c[b-1].k < k {
		b *= 2
	}
	lo := b / 2
	i, ok := slices.BinarySearchFunc(c[lo:min(b, len(c))], k, byKey)
	i += lo
	if ok {
		return c[i].w, c[i+1:]
	}
	return 0, c[i:]
}

// addVector adds the article's vector (sorted, by key, the same weights as
// vec) to the centroid. The squared norm is summed in the item's term
// order, as when the centroid was a map, so that scores stay the same to
// the last bit.
func (e *Event) addVector(it *Item, vec map[uint64]float64, sorted []termWeight) {
	merged := make(centroid, 0, len(e.centroid)+len(sorted))
	grow := make(map[uint64]float64, len(sorted)) // change of the squared norm per term
	i := 0
	for _, t := range sorted {
		for i < len(e.centroid) && e.centroid[i].k < t.k {
			merged = append(merged, e.centroid[i])
			i++
		}
		old := 0.0
		if i < len(e.centroid) && e.centroid[i].k == t.k {
			old = e.centroid[i].w
			i++
		}
		merged = append(merged, termWeight{t.k, old + t.w})
		grow[t.k] = (old+t.w)*(old+t.w) - old*old
	}
	e.centroid = append(merged, e.centroid[i:]...)
	for _, t := range it.Terms {
		if vec[t.Key] > 0 {
			e.norm2 += grow[t.Key]
		}
	}
}

// termWeight is a term of an event's centroid with its weight.
type termWeight struct {
	k uint64
	w float64
}

// above orders terms by weight, heaviest first, ties by key.
func (a termWeight) above(b termWeight) bool { return a.w > b.w || a.w == b.w && a.k < b.k }

// strongestFirst compares terms in the order of above, for sorting.
func strongestFirst(a, b termWeight) int {
	switch {
	case a.above(b):
		return -1
	case b.above(a):
		return 1
	}
	return 0
}

// explain fills in what the item and the event share.
func (ev *Evidence) explain(it *Item, vec map[uint64]float64, e *Event) {
	type kw struct {
		t string
		w float64
	}
	var shared []kw
	for _, t := range it.Terms {
		if w, _ := e.centroid.weight(t.Key); w > 0 && vec[t.Key] > 0 {
			shared = append(shared, kw{t.Text, w * vec[t.Key]})
		}
	}
	sort.Slice(shared, func(i, j int) bool {
		if shared[i].w != shared[j].w {
			return shared[i].w > shared[j].w
		}
		return shared[i].t < shared[j].t
	})
	for i, s := range shared {
		if i == 8 {
			break
		}
		ev.Terms = append(ev.Terms, s.t)
	}
	for _, id := range it.Entities {
		if e.entities[id] > 0 {
			ev.Entities = append(ev.Entities, id)
		}
	}
	for _, p := range it.Places {
		if _, ok := e.places[p.ID]; ok {
			ev.Places = append(ev.Places, p.Name)
		}
	}
}
