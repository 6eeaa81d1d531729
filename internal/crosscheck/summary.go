package crosscheck

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/tocsin/tocsin/internal/facts"
	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/text"
)

// Summary weights: how much a sentence's facts add to its salience, the
// MMR balance between salience and novelty, and the similarity above which
// a sentence repeats one already chosen.
const (
	mmrLambda    = 0.7
	repeatCosine = 0.5
	reusePenalty = 0.15 // per sentence already taken from the same source
	minWords     = 6
	maxWords     = 70
)

// noise marks sentences that are no part of the report: captions, credits,
// calls to click, author bios.
var noise = []string{"photo:", "foto:", "enlarge image", "click here", "read the minutes", "read more", "source:", "quelle:",
	"subscribe", "newsletter", "all rights reserved", "i am ", "i'm ", "my passion", "follow us", "bild vergrößern", "explorer.", "practitioner"}

type candidate struct {
	a     *art
	pos   int
	span  news.Span
	text  string
	vec   termVec
	figs  []string // kind:value of the figures in it
	score float64
}

// summary picks up to n sentences by maximal marginal relevance: salience
// (closeness to the centroid of all the event's sentences, an early
// position, figures, claims, dates and named entities in it) against
// similarity to the sentences already chosen. A sentence too similar to a
// chosen one (cosine ≥ 0.5), or whose figures a chosen one already gives,
// is never taken, so no content repeats; a sentence from a source (an
// independent group: wire copies and translations are one) already used
// is penalised, so the
// summary draws on several sources. The sentences come out in the order of
// their articles (by time) and positions.
func summary(arts []*art, n int) []Sentence {
	var cands []*candidate
	centroid := map[string]float64{}
	for _, a := range arts {
		if a.in.Facts == nil {
			continue
		}
		for i, s := range a.in.Facts.Sentences {
			t := a.slice(s)
			words := len(strings.Fields(t))
			if words < minWords || words > maxWords || isNoise(t) {
				continue
			}
			c := &candidate{a: a, pos: i, span: s, text: t, vec: vector(a.in.Article.Lang, t)}
			for _, g := range a.in.Facts.Figures {
				if g.Span.Start >= s.Start && g.Span.Start < s.End {
					c.figs = append(c.figs, g.Kind+":"+strconv.Itoa(g.Value))
				}
			}
			for k, v := range c.vec.m {
				centroid[k] += v
			}
			cands = append(cands, c)
		}
	}
	if len(cands) == 0 {
		return []Sentence{}
	}
	center := newVec(centroid)
	for _, c := range cands {
		f := c.a.in.Facts
		c.score = c.vec.cosine(center) + 0.5/float64(1+c.pos)
		if within(f.Figures, c.span, func(g news.Figure) int { return g.Span.Start }) {
			c.score += 0.3
		}
		if within(f.Claims, c.span, func(g news.Claim) int { return g.Span.Start }) {
			c.score += 0.2
		}
		if within(c.a.dates, c.span, func(g news.DateMention) int { return g.Start }) {
			c.score += 0.1
		}
		ents := 0
		for _, m := range f.Mentions {
			if m.Start >= c.span.Start && m.Start < c.span.End {
				ents++
			}
		}
		c.score += 0.1 * math.Min(float64(ents), 3)
		if strings.HasSuffix(c.text, "?") {
			c.score -= 0.5
		}
	}
	// Each candidate's similarity to the closest chosen sentence, and
	// whether it is out (taken, a repeat, or its figures given), are
	// updated as sentences are chosen rather than recomputed every round.
	var chosen []*candidate
	sims := make([]float64, len(cands))
	out := make([]bool, len(cands))
	used := map[string]int{}
	for len(chosen) < n {
		best, bestVal := -1, math.Inf(-1)
		for i, c := range cands {
			if out[i] {
				continue
			}
			v := mmrLambda*c.score - (1-mmrLambda)*sims[i] - reusePenalty*float64(used[c.a.ref.Group])
			if v > bestVal {
				best, bestVal = i, v
			}
		}
		if best < 0 {
			break
		}
		s := cands[best]
		chosen = append(chosen, s)
		used[s.a.ref.Group]++
		out[best] = true
		for i, c := range cands {
			if out[i] {
				continue
			}
			sims[i] = math.Max(sims[i], c.vec.cosine(s.vec))
			out[i] = sims[i] >= repeatCosine || sameFigures(c.figs, s.figs)
		}
	}
	slices.SortStableFunc(chosen, func(x, y *candidate) int {
		if x.a != y.a {
			if earlier(x.a, y.a) {
				return -1
			}
			return 1
		}
		return x.pos - y.pos
	})
	sum := make([]Sentence, len(chosen))
	for i, c := range chosen {
		sum[i] = Sentence{Ref: c.a.ref, Text: c.text}
	}
	return sum
}

// sameFigures reports whether a sentence's figures are all in another's:
// the same numbers told again, perhaps in another language, where term
// vectors cannot see the repeat.
func sameFigures(a, b []string) bool {
	if len(a) == 0 {
		return false
	}
	for _, f := range a {
		if !slices.Contains(b, f) {
			return false
		}
	}
	return true
}

func within[T any](list []T, s news.Span, start func(T) int) bool {
	for _, x := range list {
		if p := start(x); p >= s.Start && p < s.End {
			return true
		}
	}
	return false
}

func isNoise(s string) bool {
	l := strings.ToLower(s)
	for _, w := range noise {
		if strings.Contains(l, w) {
			return true
		}
	}
	// A line that is a credit ("vet/dpa") or has no lower-case word.
	return !strings.ContainsFunc(s, unicode.IsLower)
}

// termVec is a term-frequency vector with its squared norm, computed once:
// a summary compares every sentence with the centroid (thousands of terms
// in a long event) and with the sentences chosen.
type termVec struct {
	m      map[string]float64
	square float64 // sum of the squared frequencies
}

func newVec(m map[string]float64) termVec {
	v := termVec{m: m}
	for _, x := range m {
		v.square += x * x
	}
	return v
}

// vector is the term-frequency vector of s: stemmed content terms.
func vector(lang, s string) termVec {
	v := map[string]float64{}
	for _, t := range text.Terms(lang, s) {
		if len(t) < 2 || text.IsStopTerm(lang, t) {
			continue
		}
		v[t]++
	}
	return newVec(v)
}

func (a termVec) cosine(b termVec) float64 {
	if a.square == 0 || b.square == 0 {
		return 0
	}
	small, large := a.m, b.m
	if len(large) < len(small) {
		small, large = large, small
	}
	var dot float64
	for k, x := range small {
		dot += x * large[k]
	}
	return dot / math.Sqrt(a.square*b.square)
}

// headline is the title of the article most central to the event (the
// closest to the centroid of all titles and summary sentences), cut to 120
// characters; the first summary sentence when no article has a title.
func headline(ev news.Event, arts []*art, sum []Sentence) string {
	centroid := map[string]float64{}
	for _, a := range arts {
		for k, v := range vector(a.in.Article.Lang, a.in.Article.Title).m {
			centroid[k] += v
		}
	}
	for _, s := range sum {
		for k, v := range vector(s.Lang, s.Text).m {
			centroid[k] += v
		}
	}
	center := newVec(centroid)
	best, bestSim := "", -1.0
	for _, a := range arts {
		t := strings.Join(strings.Fields(a.in.Article.Title), " ")
		if t == "" {
			continue
		}
		if sim := vector(a.in.Article.Lang, t).cosine(center); sim > bestSim {
			best, bestSim = t, sim
		}
	}
	if best == "" && len(sum) > 0 {
		best = sum[0].Text
	}
	if best == "" {
		best = ev.Title
	}
	return clip(best, 120)
}

// fuseMain fuses the articles' 5W1H into the event's: who is the actor
// most articles name; what comes from the article of the event's type
// classified with the highest confidence; when is the earliest time those
// articles give (an undated article's time resolved against the event's
// reference time); where is the event's place; why and how the first
// given, in that same order of articles.
func fuseMain(ev news.Event, arts []*art) news.FiveW1H {
	var m news.FiveW1H
	order := slices.Clone(arts)
	slices.SortStableFunc(order, func(a, b *art) int {
		ta, tb := a.in.Facts != nil && a.in.Facts.Type.Type == ev.Type, b.in.Facts != nil && b.in.Facts.Type.Type == ev.Type
		if ta != tb {
			if ta {
				return -1
			}
			return 1
		}
		if ta {
			return cmpFloat(b.in.Facts.Type.Confidence, a.in.Facts.Type.Confidence)
		}
		return 0
	})
	who := map[string]int{}
	for _, a := range order {
		f := a.in.Facts
		if f == nil {
			continue
		}
		if f.Main.Who != "" {
			who[f.Main.Who]++
		}
		if m.What == "" {
			m.What = f.Main.What
		}
		if m.Why == "" {
			m.Why = f.Main.Why
		}
		if m.How == "" {
			m.How = f.Main.How
		}
		when := f.Main.When
		if when == nil && a.in.Article.Published == nil && len(a.dates) > 0 {
			when = facts.WhenOf(facts.NewDoc(a.in.Article.Body, a.in.Article.Lang, nil), a.dates)
		}
		if when != nil && (f.Type.Type == ev.Type || ev.Type == "") && (m.When == nil || when.Before(*m.When)) {
			t := *when
			m.When = &t
		}
		if m.Where == nil {
			m.Where = f.Main.Where
		}
	}
	if ev.Place != nil {
		m.Where = ev.Place
	}
	best := 0
	for _, a := range order {
		if a.in.Facts == nil {
			continue
		}
		if n := who[a.in.Facts.Main.Who]; n > best {
			best, m.Who = n, a.in.Facts.Main.Who
		}
	}
	return m
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// quoteRows lists the quotes of the articles in article order.
func quoteRows(arts []*art) []QuoteRow {
	out := []QuoteRow{}
	for _, a := range arts {
		if a.in.Facts == nil {
			continue
		}
		for _, q := range a.in.Facts.Quotes {
			out = append(out, QuoteRow{Ref: a.ref, Speaker: q.Speaker, Entity: q.Entity, Text: q.Text, Direct: q.Direct})
		}
	}
	return out
}

// entityRows merges the articles' entities by id, the ones most articles
// name first (then most mentions, then name).
func entityRows(arts []*art) []EntityRow {
	var out []EntityRow
	index := map[string]int{}
	for _, a := range arts {
		if a.in.Facts == nil {
			continue
		}
		for _, e := range a.in.Facts.Entities {
			i, ok := index[e.ID]
			if !ok {
				index[e.ID] = len(out)
				e.Aliases = slices.Clone(e.Aliases)
				out = append(out, EntityRow{Entity: e, Articles: 1})
				continue
			}
			r := &out[i]
			r.Articles++
			r.Count += e.Count
			for _, al := range e.Aliases {
				if !slices.Contains(r.Aliases, al) {
					r.Aliases = append(r.Aliases, al)
				}
			}
		}
	}
	slices.SortStableFunc(out, func(a, b EntityRow) int {
		if a.Articles != b.Articles {
			return b.Articles - a.Articles
		}
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Name, b.Name)
	})
	if out == nil {
		out = []EntityRow{}
	}
	return out
}
