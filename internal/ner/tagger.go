package ner

import (
	"bytes"
	_ "embed"
	"fmt"
	"math"
	"strings"
	"sync"
)

// Tagger tags sentences with a Model. It is safe for concurrent use.
type Tagger struct {
	model   *Model
	tab     *table
	allowed []bool // (nT+1) x nT: may cur follow prev
	begins  []bool // nT: the tag begins an entity (B-X)
	gaz     Gazetteer
	scratch *scratchPool
}

// New returns a tagger for m. gaz may be nil; a model trained with a
// gazetteer (m.Gazetteer) works best when given the same one.
func New(m *Model, gaz Gazetteer) *Tagger {
	return &Tagger{
		model:   m,
		tab:     newTable(m),
		allowed: allowedTable(m.Tags),
		begins:  beginTable(m.Tags),
		gaz:     gaz,
		scratch: new(scratchPool),
	}
}

// Model returns the tagger's model.
func (t *Tagger) Model() *Model { return t.model }

// WithGazetteer returns a tagger that shares t's weights but uses gaz for
// the gazetteer features. It is cheap: nothing is copied but a few
// pointers. The new tagger starts with empty word caches (they depend on
// the gazetteer), so make one and keep it rather than one per call.
func (t *Tagger) WithGazetteer(gaz Gazetteer) *Tagger {
	c := *t
	c.gaz = gaz
	c.scratch = new(scratchPool)
	return &c
}

// HasGazetteer reports whether the tagger was given a gazetteer.
func (t *Tagger) HasGazetteer() bool { return t.gaz != nil }

//go:embed model/ner.bin.gz
var embedded []byte

var loadDefault = sync.OnceValues(func() (*Tagger, error) {
	m, err := Read(bytes.NewReader(embedded))
	if err != nil {
		return nil, fmt.Errorf("embedded model: %w", err)
	}
	return New(m, nil), nil
})

// Default returns a tagger with the model embedded in the binary: one
// multilingual model trained on WikiANN (see docs/models.md). The model is
// decoded once; later calls return the same tagger.
func Default() (*Tagger, error) { return loadDefault() }

// Tag returns one BIO tag per token of a sentence in language lang (an ISO
// 639-1 code such as "en" or "de"; "" or an unknown code uses only the
// language-independent features).
//
// The features of the words it has seen recently are kept per language
// (a few thousand words, see langCache), so a tagger kept for many
// sentences tags faster than a new one.
func (t *Tagger) Tag(lang string, tokens []string) []string {
	if len(tokens) == 0 {
		return nil
	}
	s := t.scratch.get()
	defer t.scratch.put(s)
	lc := s.cache(t.tab, normLang(lang))
	s.ws = s.ws[:0]
	for _, w := range tokens {
		s.ws = append(s.ws, lc.get(t.tab, t.gaz, w, &s.look))
	}
	n, nT := len(tokens), len(t.model.Tags)
	s.em = growFloats(s.em, n*nT)
	style := ""
	if t.model.SentStyle {
		style = sentStyle(n, func(i int) string { return s.ws[i].caps })
	}
	lc.emit(t.tab, s.em, s.ws, style, &s.look)
	if t.model.CaseConstrained {
		maskLower(s.em, s.ws, t.begins)
	}
	best := s.dec.decode(n, nT, s.em, t.model.trans, t.allowed, t.model.Greedy)
	out := make([]string, n)
	for i, b := range best {
		out[i] = t.model.Tags[b]
	}
	return out
}

func normLang(lang string) string {
	lang = strings.ToLower(strings.TrimSpace(lang))
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	return lang
}

// maskLower forbids entities to begin on all-lower-case tokens ("control",
// "de"): their B- tags get a score of minus infinity. Names in the
// languages the tagger serves start with a capital, a digit or a letter
// without case; the few that do not ("de Gaulle" alone, "von der Leyen"
// alone) are lost.
func maskLower(em []float32, ws []*wordFeats, begins []bool) {
	nT := len(begins)
	negInf := float32(math.Inf(-1))
	for i := range ws {
		if !ws[i].lower {
			continue
		}
		for c, b := range begins {
			if b {
				em[i*nT+c] = negInf
			}
		}
	}
}

func beginTable(tags []string) []bool {
	b := make([]bool, len(tags))
	for i, t := range tags {
		p, _, ok := splitTag(t)
		b[i] = ok && p == 'B'
	}
	return b
}

func growFloats(s []float32, n int) []float32 {
	if cap(s) < n {
		return make([]float32, n)
	}
	return s[:n]
}

func allowedTable(tags []string) []bool {
	nT := len(tags)
	a := make([]bool, (nT+1)*nT)
	for p := 0; p <= nT; p++ {
		prev := ""
		if p < nT {
			prev = tags[p]
		}
		for c := range nT {
			a[p*nT+c] = allowed(prev, tags[c])
		}
	}
	return a
}

// decoder finds the best tag sequence; it keeps its buffers between calls.
type decoder struct {
	score []float32
	back  []int32
	best  []int
	// The tags that may precede tag c are pred[predOff[c]:predOff[c+1]]
	// (ascending), with the transition weights predW at the same indices.
	pred    []int32
	predW   []float32
	predOff []int
}

func (d *decoder) decode(n, nT int, em, trans []float32, allowed []bool, greedy bool) []int {
	if cap(d.best) < n {
		d.best = make([]int, n)
	}
	best := d.best[:n]
	negInf := float32(math.Inf(-1))
	if greedy {
		prev := nT
		for i := range n {
			bi, bs := 0, negInf
			for c := range nT {
				if !allowed[prev*nT+c] {
					continue
				}
				if s := em[i*nT+c] + trans[prev*nT+c]; s > bs {
					bi, bs = c, s
				}
			}
			best[i] = bi
			prev = bi
		}
		return best
	}
	// Only allowed transitions are tried: I-X follows only B-X and I-X.
	d.pred, d.predW, d.predOff = d.pred[:0], d.predW[:0], d.predOff[:0]
	for c := range nT {
		d.predOff = append(d.predOff, len(d.pred))
		for p := range nT {
			if allowed[p*nT+c] {
				d.pred = append(d.pred, int32(p))
				d.predW = append(d.predW, trans[p*nT+c])
			}
		}
	}
	d.predOff = append(d.predOff, len(d.pred))
	pred, predW, predOff := d.pred, d.predW, d.predOff
	if cap(d.score) < n*nT {
		d.score = make([]float32, n*nT)
		d.back = make([]int32, n*nT)
	}
	score, back := d.score[:n*nT], d.back[:n*nT]
	for c := range nT {
		score[c] = negInf
		if allowed[nT*nT+c] {
			score[c] = em[c] + trans[nT*nT+c]
		}
	}
	for i := 1; i < n; i++ {
		prev := score[(i-1)*nT : i*nT]
		cur := score[i*nT : (i+1)*nT]
		bk := back[i*nT : (i+1)*nT]
		e := em[i*nT : (i+1)*nT]
		for c := range cur {
			if e[c] == negInf {
				// Masked (an entity cannot begin here): the state scores
				// minus infinity whatever precedes it, and no best path
				// goes through it, since O always scores a finite amount.
				cur[c], bk[c] = negInf, 0
				continue
			}
			bp, bs := int32(0), negInf
			for k := predOff[c]; k < predOff[c+1]; k++ {
				if s := prev[pred[k]] + predW[k]; s > bs {
					bp, bs = pred[k], s
				}
			}
			cur[c] = bs + e[c]
			bk[c] = bp
		}
	}
	bi, bs := 0, negInf
	for c := range nT {
		if s := score[(n-1)*nT+c]; s > bs {
			bi, bs = c, s
		}
	}
	for i := n - 1; i >= 0; i-- {
		best[i] = bi
		bi = int(back[i*nT+bi])
	}
	return best
}
