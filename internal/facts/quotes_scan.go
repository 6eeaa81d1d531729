package facts

import "github.com/tocsin/tocsin/internal/news"

// Word classes of a token under one lexicon, worked out once per token when
// the document is scanned (qtok.cls). The low three bits hold the cue kind.
const (
	cCueMask uint32 = 7
	cAux     uint32 = 1 << (iota + 2)
	cDet
	cBound
	cAfter
	cPron
	cThat
	cPrep
	cFinite
	cFiller
	cNounBefore
	cTitle
	cPlural
	cRole
	cClaim // the first word of a claim trigger
)

// compileClasses fills l.cls from the word sets of l.
func (l *cueLex) compileClasses() {
	l.cls = make(map[string]uint32)
	add := func(set map[string]bool, bit uint32) {
		for w := range set {
			l.cls[w] |= bit
		}
	}
	add(l.aux, cAux)
	add(l.det, cDet)
	add(l.bound, cBound)
	add(l.after, cAfter)
	add(l.pron, cPron)
	add(l.that, cThat)
	add(l.prep, cPrep)
	add(l.finite, cFinite)
	add(l.filler, cFiller)
	add(l.nounBefore, cNounBefore)
	add(l.titles, cTitle)
	add(l.plural, cPlural)
	add(l.roles, cRole)
	for w, k := range l.cues {
		l.cls[w] |= uint32(k)
	}
	for w := range l.claims.first {
		l.cls[w] |= cClaim
	}
}

// scan returns the attribution scan of d under lex: its tokens with their
// word classes and its paired quotation marks. Quotes and Claims share one
// scan per Doc; each call gets its own copy of the per-call state.
func scan(d *Doc, lex *cueLex) *qdoc {
	if s := d.attr; s != nil && s.lex == lex {
		q := *s
		return &q
	}
	q := newQdoc(d, lex)
	for i := range q.toks {
		if q.toks[i].kind == qWord {
			q.toks[i].cls = lex.cls[q.low(i)]
		}
	}
	q.regions = q.pairQuotes()
	q.nc = &nameCache{}
	for ri, r := range q.regions {
		a, b := r.inner()
		for i := a; i <= b; i++ {
			q.toks[i].quote = int32(ri + 1)
		}
		q.toks[r.open].quote = int32(ri + 1)
		q.toks[r.close].quote = int32(ri + 1)
	}
	if d.attr == nil {
		d.attr = q
	}
	c := *q
	return &c
}

// c reports whether token i has one of the word classes in bits.
func (q *qdoc) c(i int, bits uint32) bool { return q.toks[i].cls&bits != 0 }

// cue returns the cue kind of token i, 0 if it is no cue.
func (q *qdoc) cue(i int) uint8 { return uint8(q.toks[i].cls & cCueMask) }

// longQuote reports whether token i lies inside a quote of five or more
// tokens, whose words Claims does not read.
func (q *qdoc) longQuote(i int) bool {
	r := q.toks[i].quote
	if r == 0 {
		return false
	}
	a, b := q.regions[r-1].inner()
	return b-a >= 5
}

// nameCache holds the names loadNames found for one slice of mentions, so
// that Quotes and Claims on one Doc read them once.
type nameCache struct {
	ok       bool
	mentions []news.Mention
	names    []name
}

// get returns the cached names for mentions.
func (c *nameCache) get(mentions []news.Mention) ([]name, bool) {
	if c == nil || !c.ok || len(c.mentions) != len(mentions) || len(mentions) > 0 && &c.mentions[0] != &mentions[0] {
		return nil, false
	}
	return c.names, true
}

// put stores the names found for mentions.
func (c *nameCache) put(mentions []news.Mention, names []name) {
	if c != nil {
		c.ok, c.mentions, c.names = true, mentions, names
	}
}
