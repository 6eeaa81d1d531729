package store

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
	"strings"
	"sync"

	"github.com/tocsin/tocsin/internal/text"
)

// SearchWindow bounds how many of the most recently stored matches (that
// pass the filters) a paged search ranks, unless the page itself reaches
// further: ranking cost grows with the matches, and news is searched for
// what is recent.
const SearchWindow = 500

// Window is how many of the newest matches a search paged by limit and
// offset ranks: SearchWindow, or as many as the page reaches; 0 (every
// match) without a limit.
func Window(limit, offset int) int {
	if limit <= 0 {
		return 0
	}
	return max(SearchWindow, offset+limit)
}

// PageOf returns the ranked matches a page of limit (0: no limit) from
// offset holds.
func PageOf(seqs []int64, limit, offset int) []int64 {
	seqs = seqs[min(max(offset, 0), len(seqs)):]
	if limit > 0 {
		seqs = seqs[:min(limit, len(seqs))]
	}
	return seqs
}

// SearchUnit is a word or "quoted phrase" of a search (ArticleQuery.Search);
// every unit must match. A trailing * makes a word a prefix.
type SearchUnit struct {
	Text   string // as typed, without the *
	Prefix bool
}

// SplitSearch splits a search into its units.
func SplitSearch(s string) []SearchUnit {
	var out []SearchUnit
	add := func(u string) {
		out = append(out, SearchUnit{Text: strings.TrimSuffix(u, "*"), Prefix: strings.HasSuffix(u, "*")})
	}
	for i, chunk := range strings.Split(s, `"`) {
		if i%2 == 1 {
			if strings.TrimSpace(chunk) != "" {
				add(chunk)
			}
			continue
		}
		for _, w := range strings.Fields(chunk) {
			add(w)
		}
	}
	return out
}

// SearchHit is a match of a search, with what its rank reads.
type SearchHit struct {
	Seq   int64 // insertion order: higher is newer
	Title string
	Lang  string
}

// Rank orders seqs, the insertion numbers of the matches of units, by the
// weight of the units their title holds (as written, or by stems in the
// article's language), then newest first. weights has one entry per unit
// (nil: all equal). titles reads the titles and languages of the matches
// whose title terms are not kept. Every match holds every unit somewhere,
// so only the title tells them apart without reading bodies; a store's
// full-text rank (bm25, ts_rank) needs per-query statistics of every
// match, which cost more than the search.
func (r *Ranker) Rank(units []SearchUnit, weights []float64, seqs []int64, titles func(seqs []int64) ([]SearchHit, error)) error {
	marks, err := r.Marks(units, seqs, titles)
	if err != nil {
		return err
	}
	copy(seqs, Order(seqs, marks, weights))
	return nil
}

// Marks tells which units the title of each of seqs holds: bit j of its
// mark for units[j] (units past the 64th never count). A title never
// changes, so a store may keep the marks of a search's matches and mark
// only the matches it has not marked before.
func (r *Ranker) Marks(units []SearchUnit, seqs []int64, titles func(seqs []int64) ([]SearchHit, error)) ([]uint64, error) {
	units = units[:min(len(units), 64)]
	terms, err := r.titles(seqs, titles)
	if err != nil {
		return nil, err
	}
	written := make([]string, len(units))
	for i, u := range units {
		written[i] = phraseOf("", u)
	}
	stems := map[string][]string{} // per language, per unit
	marks := make([]uint64, len(seqs))
	for i := range seqs {
		title := terms[i]
		for j, u := range units {
			in := written[j] != "" && strings.Contains(title.written, written[j])
			if !in && !u.Prefix {
				us, ok := stems[title.lang]
				if !ok {
					us = make([]string, len(units))
					for k, v := range units {
						us[k] = phraseOf(title.lang, v)
					}
					stems[title.lang] = us
				}
				in = us[j] != "" && strings.Contains(title.stems, us[j])
			}
			if in {
				marks[i] |= 1 << j
			}
		}
	}
	return marks, nil
}

// Order returns seqs, whose titles hold the units marks tells (Marks),
// ordered by the summed weights of those units (nil weights: all equal),
// then newest first.
func Order(seqs []int64, marks []uint64, weights []float64) []int64 {
	scores := make([]float64, len(seqs))
	for i := range seqs {
		for m := marks[i]; m != 0; m &= m - 1 {
			w := 1.0
			if j := bits.TrailingZeros64(m); j < len(weights) {
				w = weights[j]
			}
			scores[i] += w
		}
	}
	// A store's matches come newest first, and a search's units sum to a
	// few scores: taking the matches of each score in turn orders them
	// then, in a pass per score, where sorting 500 matches cost a tenth of
	// a search under ingest.
	if !slices.IsSortedFunc(seqs, func(a, b int64) int { return cmp.Compare(b, a) }) {
		return sortByScore(seqs, scores)
	}
	var levels []float64
	for _, sc := range scores {
		if !slices.ContainsFunc(levels, func(l float64) bool { return cmp.Compare(l, sc) == 0 }) {
			if len(levels) == maxLevels {
				return sortByScore(seqs, scores)
			}
			levels = append(levels, sc)
		}
	}
	slices.SortFunc(levels, func(a, b float64) int { return cmp.Compare(b, a) })
	out := make([]int64, 0, len(seqs))
	for _, l := range levels {
		for i, sc := range scores {
			if cmp.Compare(sc, l) == 0 {
				out = append(out, seqs[i])
			}
		}
	}
	return out
}

// maxLevels bounds the distinct scores Order takes in turn rather than
// sorting.
const maxLevels = 8

// sortByScore returns seqs ordered by scores, best first, then newest
// first.
func sortByScore(seqs []int64, scores []float64) []int64 {
	type scored struct {
		seq   int64
		score float64
	}
	all := make([]scored, len(seqs))
	for i, seq := range seqs {
		all[i] = scored{seq, scores[i]}
	}
	slices.SortFunc(all, func(a, b scored) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return cmp.Compare(b.seq, a.seq)
	})
	out := make([]int64, len(all))
	for i, a := range all {
		out[i] = a.seq
	}
	return out
}

// titleTerms are a title's terms as written and stemmed in its language,
// each joined by spaces between spaces (a term holds none): a unit's
// phrase (phraseOf) is then a substring, which costs a fast scan of one
// string rather than comparing each term, and a kept title is two strings
// for the collector to mark rather than two dozen.
type titleTerms struct {
	lang           string
	written, stems string
}

// spaced returns the terms of s in lang, as titleTerms keeps them.
func spaced(lang, s string) string { return " " + text.TermString(lang, s) + " " }

// phraseOf returns what a title's titleTerms hold when they hold unit, as
// written (lang "") or stemmed in lang: its terms between spaces, the last
// one open for a prefix; "" when it has no terms.
func phraseOf(lang string, u SearchUnit) string {
	t := text.TermString(lang, u.Text)
	if t == "" {
		return ""
	}
	if u.Prefix {
		return " " + t
	}
	return " " + t + " "
}

// maxTitles bounds the titles whose terms are kept, about 300 bytes each
// with the map's own (40 MB; term lists took 615): searches over a store
// with more titles than kept evict titles that the next ones read and
// segment again.
const maxTitles = 1 << 17

// titleChunk bounds the titles read at once (SQLite's bound on a
// statement's parameters is 32,766).
const titleChunk = 1000

// titles returns the terms of the titles of seqs, reading those it does
// not keep with read. Reading the titles of 500 matches was most of a
// search's cost, and segmenting and stemming them much of the rest; an
// article's title never changes, and the newest articles are in the window
// of most searches.
func (r *Ranker) titles(seqs []int64, read func([]int64) ([]SearchHit, error)) ([]titleTerms, error) {
	out := make([]titleTerms, len(seqs))
	var missing []int64
	at := map[int64]int{} // index in seqs of the missing
	r.mu.Lock()
	for i, seq := range seqs {
		if t, ok := r.titleTerms[seq]; ok {
			out[i] = t
		} else {
			missing = append(missing, seq)
			at[seq] = i
		}
	}
	r.mu.Unlock()
	for len(missing) > 0 {
		chunk := missing[:min(titleChunk, len(missing))]
		missing = missing[len(chunk):]
		hits, err := read(chunk)
		if err != nil {
			return nil, err
		}
		for k, t := range r.keep(hits) {
			out[at[hits[k].Seq]] = t
		}
	}
	return out, nil
}

// Keep keeps the terms of the titles of hits. A store keeps those of the
// articles it commits: under ingest, the newest articles are in the window
// of nearly every search, and the first search ranking each would read it
// back otherwise.
func (r *Ranker) Keep(hits []SearchHit) { r.keep(hits) }

// keep keeps the terms of the titles of hits, and returns them.
func (r *Ranker) keep(hits []SearchHit) []titleTerms {
	terms := make([]titleTerms, len(hits))
	for k, h := range hits {
		terms[k] = titleTerms{lang: h.Lang, written: spaced("", h.Title), stems: spaced(h.Lang, h.Title)}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.titleTerms == nil {
		r.titleTerms = map[int64]titleTerms{}
	}
	// Beyond the bound, arbitrary titles make room (map order is random):
	// a search of an older word brings its own back.
	for seq := range r.titleTerms {
		if len(r.titleTerms)+len(hits) <= maxTitles {
			break
		}
		delete(r.titleTerms, seq)
	}
	for k, h := range hits {
		r.titleTerms[h.Seq] = terms[k]
	}
	return terms
}

// Ranker ranks the matches of searches (Rank), and keeps what ranking
// reuses: the terms of titles and the weights of search units. The rarer
// the matches of a unit, the more its presence in a title counts; a
// weight is computed from how densely the newest matches of the unit lie
// among the stored articles, which costs a window of matches rather than
// a count of all of them, and again once the store has grown by a tenth.
// A store keeps one; the zero value is ready to use.
type Ranker struct {
	mu         sync.Mutex
	weights    map[string]searchWeight
	titleTerms map[int64]titleTerms // by insertion number
}

type searchWeight struct {
	weight float64
	at     int64 // the store's size when computed
}

// maxWeights bounds the units whose weights are kept.
const maxWeights = 10000

// Weight returns the weight of the unit keyed key in a store of size articles
// (its highest insertion number), calling newest when it has none to
// reuse: newest returns how many of the unit's newest SearchWindow
// matches there are and the lowest insertion number among them.
func (r *Ranker) Weight(key string, size int64, newest func() (n int, lowest int64, err error)) (float64, error) {
	r.mu.Lock()
	c, ok := r.weights[key]
	r.mu.Unlock()
	if ok && size*10 <= c.at*11 {
		return c.weight, nil
	}
	n, lowest, err := newest()
	if err != nil {
		return 0, err
	}
	c = searchWeight{weight: UnitWeight(n, lowest, size), at: size}
	r.mu.Lock()
	if r.weights == nil || len(r.weights) >= maxWeights {
		r.weights = map[string]searchWeight{}
	}
	r.weights[key] = c
	r.mu.Unlock()
	return c.weight, nil
}

// UnitWeight is the inverse document frequency of a unit whose newest n
// matches (at most SearchWindow) reach back to insertion number lowest in
// a store of size articles: with fewer than a full window n is every
// match, else the matches are estimated from their density in that span.
func UnitWeight(n int, lowest, size int64) float64 {
	if n == 0 || size <= 0 {
		return 0
	}
	df := float64(n)
	if n >= SearchWindow && lowest > 0 && lowest <= size {
		df = float64(n) * float64(size) / float64(size-lowest+1)
	}
	return math.Log(1 + float64(size)/df)
}

// MayMatch tells whether a search of units can match any article whose
// index terms (Doc.Terms: stems in the article's language) are all in
// terms, the articles' languages being langs. It errs towards true: a
// prefix may match anything, and a word may match when any of its stems in
// the stemmed languages or in langs is among terms — a word matched as
// written has its stem in the article's language among the article's
// terms. Servers use it to keep a search's answer across an ingest that
// stored nothing it can match.
func MayMatch(units []SearchUnit, terms map[string]bool, langs []string) bool {
	for _, u := range units {
		if u.Prefix {
			continue // no cheap test: may match
		}
		for _, w := range text.Terms("", u.Text) {
			found := terms[w]
			for _, l := range append(text.StemLangs(), langs...) {
				if found {
					break
				}
				found = terms[text.Term(l, w)]
			}
			if !found {
				return false // every unit must match, all its words
			}
		}
	}
	return true
}
