// Package cluster groups articles into events as they arrive, and events
// into storylines. Assignment is online and incremental: each article is
// compared only with the events that share its strongest terms, entities or
// places and were active within a time window, so the cost per article
// stays flat as history grows. Every assignment keeps its evidence. The
// package holds the live state in memory; persisting it is the caller's.
package cluster

import (
	"hash/fnv"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
	"github.com/tocsin/tocsin/internal/text"
)

// Item is an article as the clusterer sees it.
type Item struct {
	ID        string
	Title     string
	Lang      string
	Time      time.Time    // publication time; zero when unknown
	Terms     []Term       // weighted terms, strongest first
	TitleKeys []uint64     // keys of the title's terms, sorted, no repeats
	Entities  []string     // canonical ids of people and organisations, sorted
	Mentions  []int        // how often the article names each entity
	Places    []news.Place // geocoded places, main place first
	Date      time.Time    // day of the main event; zero when unknown
	Killed    Toll         // the highest death toll reported
	Injured   Toll         // the highest injury count reported
	Type      string       // event type
}

// Toll is a casualty figure as a range: "at least 143" is 143 up to any
// number (High 0), "60" is 60 to 60. Low is -1 when none is reported.
type Toll struct {
	Low, High int
}

// reported tells whether the article gives the figure.
func (t Toll) reported() bool { return t.Low >= 0 }

// top is the range's upper end, unbounded for an open range.
func (t Toll) top() int {
	if t.High == 0 {
		return math.MaxInt
	}
	return t.High
}

// Term is a search term with its weight in an item (log term frequency,
// title words counted more). Key is a stable hash of the term's text.
type Term struct {
	Key    uint64
	Text   string
	Weight float64
}

// maxTerms bounds the terms kept per item: the long tail adds cost, not
// evidence.
const maxTerms = 250

// titleBoost counts a title word as this many body words.
const titleBoost = 3

// NewItem builds the clusterer's view of an article and its facts (which may
// be nil).
func NewItem(a *news.Article, f *news.Facts) *Item {
	return newItem(a, f, text.Terms(a.Lang, a.Title), nil)
}

// docItem is NewItem for an article on its way into the store: the
// search terms ingest made of its title and body (store.Doc.Terms) spare
// tokenising and stemming the body again, a tenth of assigning it.
func docItem(d store.Doc) *Item {
	a := d.Article
	title := text.Terms(a.Lang, a.Title)
	all := strings.Split(d.Terms, " ")
	if d.Terms == "" || len(all) < len(title) || !slices.Equal(all[:len(title)], title) {
		return NewItem(a, d.Facts) // terms made otherwise, or none
	}
	return newItem(a, d.Facts, title, all[len(title):])
}

// newItem is NewItem given the terms of the title and of the body (nil:
// made here).
func newItem(a *news.Article, f *news.Facts, title, body []string) *Item {
	if body == nil {
		body = text.Terms(a.Lang, a.Body)
	}
	it := &Item{ID: a.ID, Title: a.Title, Lang: a.Lang, Killed: Toll{Low: -1}, Injured: Toll{Low: -1}}
	if a.Published != nil {
		it.Time = *a.Published
	}
	counts := map[string]float64{}
	for _, t := range title {
		if keep(a.Lang, t) {
			if counts[t] == 0 {
				it.TitleKeys = append(it.TitleKeys, key(t))
			}
			counts[t] += titleBoost
		}
	}
	sort.Slice(it.TitleKeys, func(i, j int) bool { return it.TitleKeys[i] < it.TitleKeys[j] })
	for _, t := range body {
		if keep(a.Lang, t) {
			counts[t]++
		}
	}
	it.Terms = make([]Term, 0, len(counts))
	for w, c := range counts {
		it.Terms = append(it.Terms, Term{Key: key(w), Text: w, Weight: 1 + math.Log(c)})
	}
	sort.Slice(it.Terms, func(i, j int) bool {
		if it.Terms[i].Weight != it.Terms[j].Weight {
			return it.Terms[i].Weight > it.Terms[j].Weight
		}
		return it.Terms[i].Text < it.Terms[j].Text
	})
	if len(it.Terms) > maxTerms {
		it.Terms = it.Terms[:maxTerms]
	}
	if f != nil {
		it.addFacts(f)
	}
	return it
}

func (it *Item) addFacts(f *news.Facts) {
	seen := map[int64]bool{}
	var ents []news.Entity
	if w := f.Main.Where; w != nil {
		it.Places = append(it.Places, *w)
		seen[w.ID] = true
	}
	for _, e := range f.Entities {
		switch {
		case e.Place != nil:
			if !seen[e.Place.ID] && e.Place.Kind != "country" {
				seen[e.Place.ID] = true
				it.Places = append(it.Places, *e.Place)
			}
		case e.Type == news.PER || e.Type == news.ORG:
			ents = append(ents, e)
		}
	}
	sort.Slice(ents, func(i, j int) bool { return ents[i].ID < ents[j].ID })
	for _, e := range ents {
		if n := len(it.Entities); n > 0 && it.Entities[n-1] == e.ID {
			it.Mentions[n-1] += max(e.Count, 1)
			continue
		}
		it.Entities = append(it.Entities, e.ID)
		it.Mentions = append(it.Mentions, max(e.Count, 1))
	}
	if f.Main.When != nil {
		it.Date = day(*f.Main.When)
	}
	for _, fg := range f.Figures {
		switch fg.Kind {
		case news.Killed:
			it.Killed = it.Killed.higher(fg)
		case news.Injured:
			it.Injured = it.Injured.higher(fg)
		}
	}
	it.Type = f.Type.Type
}

// higher keeps the figure with the higher reading: an article that gives a
// toll and a partial one ("two of the 12 dead were children") means the
// larger.
func (t Toll) higher(f news.Figure) Toll {
	low, hi := f.Low, f.High
	if low == 0 {
		low = f.Value
	}
	if t.reported() && low <= t.Low {
		return t
	}
	switch {
	case hi != 0 && hi < low:
		hi = low
	case hi == 0 && f.Qualifier != "at_least" && f.Qualifier != "more_than":
		hi = low // a stated number, "about 60": no higher reading
	}
	return Toll{Low: low, High: hi}
}

// incident tells whether it reports a happening at one place and time,
// where place, day and toll tell events apart.
func (it *Item) incident() bool {
	switch it.Type {
	case news.TypeArmedAttack, news.TypeBombing, news.TypeDisaster:
		return true
	}
	return it.Killed.reported() || it.Injured.reported()
}

// keep drops stop words and one-letter terms, which say nothing about an
// event.
func keep(lang, t string) bool {
	return len(t) > 1 && !text.IsStopTerm(lang, t)
}

func key(term string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(term))
	return h.Sum64()
}

func day(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
