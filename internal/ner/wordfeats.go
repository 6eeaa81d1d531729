package ner

import (
	"strings"
	"sync"
	"unicode/utf8"
)

// Most of a token's features depend on one word only: the token itself
// ("w0=putin", its affixes, shape, gazetteer classes) or one neighbour
// ("w-1=president"). wordFeats holds, for one word in one language, the
// summed weights of those features for each role the word can play (the
// token, the token at the start of a sentence, the word before or after
// it, two before or after), so that tagging a word seen before costs six
// vector additions instead of some forty lookups. Only the features that
// pair two words (bigrams, the shape trigram, cue × shape) are hashed and
// looked up per token, starting from hash prefixes kept here.
//
// The features are exactly those of features.extract, which training uses
// (TestWordFeatsMatchExtract checks it); they are summed in another order,
// so a score can differ from a sum in extract's order in the last bits of
// its float32.
type wordFeats struct {
	norm, short, cue, caps string
	lower                  bool
	// v holds nRoles score vectors of nT floats, role r at v[r*nT:]; it
	// points into inline when they fit (up to 8 tags: the shipped model
	// has 7), which keeps a word's scores next to the rest of it.
	v      []float32
	inline [nRoles * 8]float32

	hBigramM1, hBigramP1, hTri, hCueShort uint64 // FNV state after the template and this word
}

// Roles of a word in a token's window.
const (
	roleSelf  = iota // the token
	roleFirst        // the token, when it starts the sentence (added to roleSelf)
	roleM1           // the word before the token
	roleP1           // the word after it
	roleM2           // two before
	roleP2           // two after
	nRoles
)

func (f *wordFeats) role(r, nT int) []float32 { return f.v[r*nT : (r+1)*nT] }

// prefix is the FNV state after template t, string a and the separator,
// from which key2(t, a, b) continues with b.
func prefix(t int, a string) uint64 {
	return hashByte(hashStr(hashByte(fnvOffset, byte(t)), a), 0xff)
}

// wordKeys appends the keys of the word-level features of tok in lang to
// keys[role], in the order features.extract lists them.
func wordKeys(lang string, tok *token, keys *[nRoles][]uint32) {
	self := append(keys[roleSelf],
		key1(fW0, tok.norm),
		key1(fShape0, tok.shape),
		key1(fShort0, tok.short),
		key1(fCaps, tok.caps),
		key2(fLangShort0, lang, tok.short),
		key2(fLangW0, lang, tok.norm),
		key1(fScript, script(tok.norm)),
	)
	n := utf8.RuneCountInString(tok.norm)
	switch {
	case n <= 2:
		self = append(self, key1(fLen, "s"))
	case n >= 12:
		self = append(self, key1(fLen, "l"))
	}
	for j, end := 1, 0; j <= 4 && end < len(tok.norm); j++ {
		_, size := utf8.DecodeRuneInString(tok.norm[end:])
		end += size
		self = append(self, key1(fPre+j-1, tok.norm[:end]))
	}
	for j, start := 1, len(tok.norm); j <= 4 && start > 0; j++ {
		_, size := utf8.DecodeLastRuneInString(tok.norm[:start])
		start -= size
		self = append(self, key1(fSuf+j-1, tok.norm[start:]))
	}
	if s3 := suffix3(tok.norm); s3 != "" {
		self = append(self, key2(fSufCaps, s3, tok.caps), key2(fLangSuf3, lang, s3))
	}
	first := append(keys[roleFirst], key2(fFirst, tok.caps, tok.short), key1(fFirstCue, tok.cue))
	m1 := append(keys[roleM1], key1(fWm1, tok.norm), key1(fShortM1, tok.short))
	p1 := append(keys[roleP1], key1(fWp1, tok.norm), key1(fShortP1, tok.short))
	m2 := append(keys[roleM2], key1(fWm2, tok.norm), key1(fShortM2, tok.short))
	p2 := append(keys[roleP2], key1(fWp2, tok.norm), key1(fShortP2, tok.short))
	if tok.cue != "" {
		self = append(self, key1(fCue0, tok.cue))
		m1 = append(m1, key1(fCueM1, tok.cue))
		p1 = append(p1, key1(fCueP1, tok.cue))
		m2 = append(m2, key1(fCueM2, tok.cue))
	}
	if tok.ctry != "" {
		self = append(self, key1(fCountry0, tok.ctry))
		m1 = append(m1, key1(fCountryM1, tok.ctry))
		p1 = append(p1, key1(fCountryP1, tok.ctry))
	}
	for _, c := range tok.gaz {
		self = append(self, key1(fGaz0, c), key2(fGazCaps0, c, tok.caps))
		first = append(first, key2(fFirstGaz, c, tok.caps))
		m1 = append(m1, key1(fGazM1, c), key2(fGazCapsM1, c, tok.caps))
		p1 = append(p1, key1(fGazP1, c), key2(fGazCapsP1, c, tok.caps))
	}
	keys[roleSelf], keys[roleFirst], keys[roleM1], keys[roleP1], keys[roleM2], keys[roleP2] = self, first, m1, p1, m2, p2
}

// pairKeys returns the keys of the features of token w that pair it with
// its neighbours m1 and p1, and with the sentence's style if not "".
func pairKeys(m1, w, p1 *wordFeats, style string) (keys [7]uint32, n int) {
	keys[0] = fold(hashStr(m1.hBigramM1, w.norm))
	keys[1] = fold(hashStr(w.hBigramP1, p1.norm))
	keys[2] = fold(hashStr(hashByte(hashStr(m1.hTri, w.short), 0xff), p1.short))
	n = 3
	if m1.cue != "" {
		keys[3] = fold(hashStr(m1.hCueShort, w.short))
		n = 4
	}
	if style != "" {
		keys[n] = key2(fStyleBias, style, "")
		keys[n+1] = key3(fStyleCapsM1, style, m1.caps, w.caps)
		keys[n+2] = key3(fStyleCapsP1, style, w.caps, p1.caps)
		n += 3
	}
	return keys, n
}

// lookups is scratch space for looking keys up in batches (table.findAll).
type lookups struct {
	roles [nRoles][]uint32
	keys  []uint32
	slots []slotRef
	n     []uint8 // pair keys per token
}

func (l *lookups) find(tab *table) []slotRef {
	if cap(l.slots) < len(l.keys) {
		l.slots = make([]slotRef, len(l.keys), 2*len(l.keys))
	}
	l.slots = l.slots[:len(l.keys)]
	tab.findAll(l.keys, l.slots)
	return l.slots
}

// newWordFeats sums the weights of the word-level features of tok in lang.
func newWordFeats(tab *table, lang string, tok *token, l *lookups) *wordFeats {
	f := &wordFeats{norm: tok.norm, short: tok.short, cue: tok.cue, caps: tok.caps, lower: tok.lower}
	f.hBigramM1 = prefix(fBigramM1, tok.norm)
	f.hBigramP1 = prefix(fBigramP1, tok.norm)
	f.hTri = prefix(fShortTri, tok.short)
	if tok.cue != "" {
		f.hCueShort = prefix(fCueM1Short0, tok.cue)
	}
	for r := range l.roles {
		l.roles[r] = l.roles[r][:0]
	}
	wordKeys(lang, tok, &l.roles)
	l.keys = l.keys[:0]
	for _, ks := range l.roles {
		l.keys = append(l.keys, ks...)
	}
	slots := l.find(tab)
	nT := tab.nT
	if nT <= 8 {
		f.v = f.inline[:nRoles*nT]
	} else {
		f.v = make([]float32, nRoles*nT)
	}
	for r, ks := range l.roles {
		v := f.role(r, nT)
		for _, s := range slots[:len(ks)] {
			tab.add(v, s)
		}
		slots = slots[len(ks):]
	}
	return f
}

// emit sets em[i*nT:(i+1)*nT] to the scores of token i of ws for every
// token.
// style is the sentence's style (sentStyle), "" for a model without the
// style features.
func (lc *langCache) emit(tab *table, em []float32, ws []*wordFeats, style string, l *lookups) {
	at := func(j int) *wordFeats {
		switch {
		case j < 0:
			return lc.start
		case j >= len(ws):
			return lc.end
		}
		return ws[j]
	}
	// The pair features first, looked up together.
	l.keys, l.n = l.keys[:0], l.n[:0]
	for i := range ws {
		keys, n := pairKeys(at(i-1), ws[i], at(i+1), style)
		l.keys = append(l.keys, keys[:n]...)
		l.n = append(l.n, uint8(n))
	}
	slots := l.find(tab)
	nT := tab.nT
	for i, w := range ws {
		e := em[i*nT : (i+1)*nT]
		copy(e, lc.bias)
		addVec(e, w.role(roleSelf, nT))
		if i == 0 {
			addVec(e, w.role(roleFirst, nT))
		}
		addVec(e, at(i-1).role(roleM1, nT))
		addVec(e, at(i+1).role(roleP1, nT))
		addVec(e, at(i-2).role(roleM2, nT))
		addVec(e, at(i+2).role(roleP2, nT))
		n := int(l.n[i])
		for _, s := range slots[:n] {
			tab.add(e, s)
		}
		slots = slots[n:]
	}
}

func addVec(e, v []float32) {
	v = v[:len(e)]
	for j, x := range v {
		e[j] += x
	}
}

// cacheWords is the number of words a langCache generation holds; a cache
// holds at most two generations. Of news text, 4,096 words missed often
// enough that describing the missed words cost more than half of tagging;
// 16,384 took 4 % off the CPU of ingest with facts (GVA dev) for about
// 15 MB more per scratch (one per parser at work).
const cacheWords = 16384

// langCache keeps the wordFeats of the words recently tagged in one
// language. It is a two-generation cache: when the current generation is
// full it becomes the old one and the words still in use move back, so
// frequent words stay and memory stays bounded. Words are copied into
// the cache, which therefore keeps no article text alive.
type langCache struct {
	lang         string
	bias         []float32  // the bias features of every token
	start, end   *wordFeats // the padding before and after a sentence
	cur, old     map[string]*wordFeats
	hits, misses int
}

func newLangCache(tab *table, lang string) *langCache {
	lc := &langCache{lang: lang, bias: make([]float32, tab.nT), cur: make(map[string]*wordFeats, cacheWords)}
	tab.add(lc.bias, tab.find(key1(fBias, "")))
	tab.add(lc.bias, tab.find(key2(fLangBias, lang, "")))
	var l lookups
	lc.start = newWordFeats(tab, lang, &padStart, &l)
	lc.end = newWordFeats(tab, lang, &padEnd, &l)
	return lc
}

func (lc *langCache) get(tab *table, gaz Gazetteer, w string, l *lookups) *wordFeats {
	if f, ok := lc.cur[w]; ok {
		lc.hits++
		return f
	}
	f, ok := lc.old[w]
	if ok {
		lc.hits++
	} else {
		lc.misses++
		w = strings.Clone(w)
		tok := describe(w, gaz)
		f = newWordFeats(tab, lc.lang, &tok, l)
	}
	if len(lc.cur) >= cacheWords {
		lc.old, lc.cur = lc.cur, make(map[string]*wordFeats, cacheWords)
	}
	lc.cur[w] = f
	return f
}

// maxLangCaches bounds the number of languages a scratch keeps caches for.
const maxLangCaches = 16

// scratch is one goroutine's working memory for Tag.
type scratch struct {
	langs map[string]*langCache
	ws    []*wordFeats
	em    []float32
	look  lookups
	dec   decoder
}

func (s *scratch) cache(tab *table, lang string) *langCache {
	lc, ok := s.langs[lang]
	if !ok {
		if s.langs == nil || len(s.langs) >= maxLangCaches {
			s.langs = map[string]*langCache{}
		}
		lc = newLangCache(tab, lang)
		s.langs[lang] = lc
	}
	return lc
}

// scratchPool hands out scratches. Unlike a sync.Pool it keeps them across
// garbage collections, with their word caches: it holds at most as many
// as were ever in use at once.
type scratchPool struct {
	mu   sync.Mutex
	free []*scratch
}

func (p *scratchPool) get() *scratch {
	p.mu.Lock()
	defer p.mu.Unlock()
	if n := len(p.free); n > 0 {
		s := p.free[n-1]
		p.free = p.free[:n-1]
		return s
	}
	return new(scratch)
}

func (p *scratchPool) put(s *scratch) {
	p.mu.Lock()
	p.free = append(p.free, s)
	p.mu.Unlock()
}
