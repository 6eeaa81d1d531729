package crosscheck

import (
	"cmp"
	"maps"
	"slices"
	"time"

	"github.com/tocsin/tocsin/internal/facts"
	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/text"
)

// granRank orders granularities from coarse to fine; the timeline keeps
// points of a week or finer (years and months are background: "emerged in
// late 2014").
var granRank = map[string]int{facts.GranWeek: 1, facts.GranDay: 2, facts.GranHour: 3, facts.GranMinute: 4}

// happening is a Happening being merged, with the terms of its sentences.
type happening struct {
	Happening
	terms  map[string]bool
	shared bool // terms belong to a timeline part, to copy before adding
	first  int  // input order of its first source
}

// timelinePart is what a run of articles gives the timeline before it is
// merged with the others': their happenings in article order, each with
// its article's index within the run.
type timelinePart struct {
	dated, undated []*happening
	articles       int
}

// happenings returns a's timeline part: the dated sentences of its facts
// and, for an unplaced article, the undated ones (see undated).
func (a *art) happenings() timelinePart {
	p := timelinePart{articles: 1}
	if a.in.Facts == nil {
		return p
	}
	done := map[news.Span]bool{}
	for _, m := range a.dates {
		if m.Value == nil || granRank[m.Granularity] == 0 {
			continue
		}
		s := a.sentenceOf(m.Start)
		sentence := a.slice(s)
		if sentence == "" || done[s] || isNoise(sentence) {
			continue
		}
		done[s] = true
		p.dated = append(p.dated, &happening{
			Happening: Happening{When: m.Value.UTC(), Granularity: m.Granularity, What: clip(sentence, 280), Type: sentenceType(a, s), Event: a.in.Event, Sources: []Ref{a.ref}},
			terms:     termSet(a.in.Article.Lang, sentence),
		})
	}
	p.undated = undated(a, done)
	return p
}

// joinParts returns the parts of consecutive runs of articles as one.
func joinParts(parts []timelinePart) timelinePart {
	var out timelinePart
	for _, p := range parts {
		for _, hs := range []struct{ from, to *[]*happening }{{&p.dated, &out.dated}, {&p.undated, &out.undated}} {
			for _, h := range *hs.from {
				c := *h
				c.first += out.articles
				*hs.to = append(*hs.to, &c)
			}
		}
		out.articles += p.articles
	}
	return out
}

// timeline merges the happenings of the parts, in order, that several
// sources report (same day and similar sentences) and orders them in
// time. Happenings of unplaced articles whose day cannot be resolved
// follow, marked undated (see undated). The parts are not changed: a
// storyline's other events' parts are shared between reports.
func timeline(parts []timelinePart) []Happening {
	all := joinParts(parts)
	merged := func(in []*happening) []*happening {
		var out []*happening
		for _, h := range in {
			if k := sameHappening(out, h); k != nil {
				k.merge(h)
				continue
			}
			// h is joinParts' copy: its sources may grow, its terms are
			// copied before they do.
			h.Sources = slices.Clone(h.Sources)
			h.shared = true
			out = append(out, h)
		}
		return out
	}
	hs := merged(all.dated)
	slices.SortStableFunc(hs, func(a, b *happening) int {
		if c := a.When.Compare(b.When); c != 0 {
			return c
		}
		return a.first - b.first
	})
	us := merged(all.undated)
	out := make([]Happening, 0, len(hs)+len(us))
	for _, h := range append(hs, us...) {
		out = append(out, h.Happening)
	}
	return out
}

// undated returns the happenings of an unplaced article whose day cannot be
// resolved, in the article's order, skipping the sentences in done (already
// dated). Two kinds of sentence are kept:
//   - those with a date expression left unresolved for want of a reference
//     time that still says a weekday or a clock time ("around 8:30 p.m. on
//     Friday evening"), which are kept with the weekday and clock;
//   - in an article of the event itself, those carrying its figures
//     (killed, injured, detained, …) or a responsibility claim: the attack,
//     the arrests and the claims, which an undated report rarely dates in
//     the same sentence but which are the event's key happenings.
//
// Other undated sentences are background and stay out of the timeline.
func undated(a *art, done map[news.Span]bool) []*happening {
	if !a.unplaced || a.in.Facts == nil {
		return nil
	}
	byStart := map[int]*happening{}
	add := func(at int) *happening {
		s := a.sentenceOf(at)
		if done[s] {
			return nil
		}
		if h, ok := byStart[s.Start]; ok {
			return h
		}
		sentence := a.slice(s)
		if sentence == "" || isNoise(sentence) {
			return nil
		}
		h := &happening{
			Happening: Happening{Undated: true, What: clip(sentence, 280), Type: sentenceType(a, s), Event: a.in.Event, Sources: []Ref{a.ref}},
			terms:     termSet(a.in.Article.Lang, sentence),
		}
		byStart[s.Start] = h
		return h
	}
	for _, m := range a.dates {
		if m.Value != nil || m.Weekday == "" && m.Clock == "" {
			continue
		}
		if h := add(m.Start); h != nil {
			h.Weekday = cmp.Or(h.Weekday, m.Weekday)
			h.Clock = cmp.Or(h.Clock, m.Clock)
		}
	}
	if a.own {
		for _, g := range a.in.Facts.Figures {
			add(g.Span.Start)
		}
		for _, c := range a.in.Facts.Claims {
			if c.Stance == news.Claims {
				add(c.Span.Start)
			}
		}
	}
	starts := make([]int, 0, len(byStart))
	for k := range byStart {
		starts = append(starts, k)
	}
	slices.Sort(starts)
	out := make([]*happening, len(starts))
	for i, k := range starts {
		out[i] = byStart[k]
	}
	return out
}

// sameHappening returns the happening h repeats: one of the same calendar
// day (or both undated) whose sentence shares enough terms (Jaccard ≥ 0.3,
// or ≥ 0.15 when both have the same type), or an undated one of the same
// event with the same weekday and clock time.
func sameHappening(hs []*happening, h *happening) *happening {
	for _, k := range hs {
		if k.Undated != h.Undated || !sameDay(k.When, h.When) {
			continue
		}
		// Undated reports in other languages share no terms; the same
		// weekday and clock time of one event is the same happening.
		if k.Undated && k.Event == h.Event && k.Weekday != "" && k.Clock != "" && k.Weekday == h.Weekday && k.Clock == h.Clock {
			return k
		}
		j := jaccard(k.terms, h.terms)
		if j >= 0.3 || j >= 0.15 && k.Type != "" && k.Type == h.Type {
			return k
		}
	}
	return nil
}

func (k *happening) merge(h *happening) {
	for _, r := range h.Sources {
		if !slices.ContainsFunc(k.Sources, func(x Ref) bool { return x.Article == r.Article }) {
			k.Sources = append(k.Sources, r)
		}
	}
	if granRank[h.Granularity] > granRank[k.Granularity] {
		k.When, k.Granularity = h.When, h.Granularity
	}
	k.Weekday = cmp.Or(k.Weekday, h.Weekday)
	k.Clock = cmp.Or(k.Clock, h.Clock)
	if k.shared {
		k.terms, k.shared = maps.Clone(k.terms), false
	}
	for t := range h.terms {
		k.terms[t] = true
	}
}

func sameDay(a, b time.Time) bool {
	ya, ma, da := a.Date()
	yb, mb, db := b.Date()
	return ya == yb && ma == mb && da == db
}

// sentenceType reads what kind of happening a sentence tells from the
// facts inside it: a claim gives its stance's type, an arrest count a foiled
// plot or arrests, a count of dead or injured the article's own type; else
// nothing is said.
func sentenceType(a *art, s news.Span) string {
	f := a.in.Facts
	for _, c := range f.Claims {
		if c.Span.Start >= s.Start && c.Span.Start < s.End {
			switch c.Stance {
			case news.Claims:
				return news.TypeClaim
			case news.Warns:
				return news.TypeWarning
			default:
				return news.TypeStatement
			}
		}
	}
	for _, g := range f.Figures {
		if g.Span.Start >= s.Start && g.Span.Start < s.End {
			if g.Kind == news.Detained {
				return news.TypeFoiledPlot
			}
			return f.Type.Type
		}
	}
	return ""
}

// termSet returns the content terms of s (stemmed, stop words out).
func termSet(lang, s string) map[string]bool {
	out := map[string]bool{}
	for _, t := range text.Terms(lang, s) {
		if len(t) < 3 || text.IsStopTerm(lang, t) {
			continue
		}
		out[t] = true
	}
	return out
}

func jaccard(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	n := 0
	for t := range a {
		if b[t] {
			n++
		}
	}
	return float64(n) / float64(len(a)+len(b)-n)
}

// clip shortens s to n runes at a word boundary.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := n - 1
	for i := cut; i > n/2; i-- {
		if r[i] == ' ' {
			cut = i
			break
		}
	}
	return string(r[:cut]) + "…"
}
