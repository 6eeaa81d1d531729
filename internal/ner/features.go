package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Gazetteer gives the classes of a token, such as "LOC" for a known place
// name; it returns nil for tokens it does not know. It must be safe for
// concurrent use and give the same answer at training and tagging time.
type Gazetteer func(token string) []string

// Feature templates. Their numbers are hashed into every feature key, so they
// are part of the model format: append new ones, never renumber.
const (
	fBias = iota
	fW0
	fWm1
	fWp1
	fWm2
	fWp2
	fPre // + 1..4
	_
	_
	_
	fSuf // + 1..4
	_
	_
	_
	fShape0
	fShort0
	fShortM1
	fShortP1
	fShortM2
	fShortP2
	fCaps
	fFirst
	fBigramM1
	fBigramP1
	fCueM1
	fCueM2
	fCue0
	fCueP1
	fGaz0
	fGazM1
	fGazP1
	fLangBias
	fLangShort0
	fShortTri
	fLen
	fScript
	fLangW0
	fCueM1Short0
	fFirstCue
	fCountry0
	fCountryM1
	fCountryP1
	fGazCaps0
	fGazCapsM1
	fGazCapsP1
	fFirstGaz
	fSufCaps     // last three letters × capitalisation: "-ov" capitalised is a surname, "-ion" a noun
	fLangSuf3    // last three letters × language
	fStyleBias   // sentence style (length bucket, all capitals): see sentStyle
	fStyleCapsM1 // style × capitalisation of the word before × this word's
	fStyleCapsP1 // style × this word's capitalisation × the next word's
)

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashByte(h uint64, b byte) uint64 { return (h ^ uint64(b)) * fnvPrime }

func hashStr(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}

func fold(h uint64) uint32 { return uint32(h ^ h>>32) }

func key1(t int, a string) uint32 {
	return fold(hashStr(hashByte(fnvOffset, byte(t)), a))
}

func key2(t int, a, b string) uint32 {
	h := hashStr(hashByte(fnvOffset, byte(t)), a)
	return fold(hashStr(hashByte(h, 0xff), b))
}

func key3(t int, a, b, c string) uint32 {
	h := hashStr(hashByte(fnvOffset, byte(t)), a)
	h = hashStr(hashByte(h, 0xff), b)
	return fold(hashStr(hashByte(h, 0xff), c))
}

// token is what the features need to know about one token.
type token struct {
	norm  string // lowercased, digits replaced by 0
	shape string // Xxxxx, dd.dd: runs of one class capped at 4
	short string // Xx, d.d: runs collapsed
	caps  string // capitalisation class
	cue   string // cue class or ""
	ctry  string // country class or ""
	gaz   []string
	lower bool // has letters, all lower case: no entity starts here in a case-constrained model
}

var (
	padStart = token{norm: "<s>", shape: "<s>", short: "<s>"}
	padEnd   = token{norm: "</s>", shape: "</s>", short: "</s>"}
)

// features turns one sentence into feature keys: those of token i are
// keys[offs[i]:offs[i+1]].
type features struct {
	// sentStyle adds the sentence-style features (Model.SentStyle).
	sentStyle bool

	toks []token
	keys []uint32
	offs []int
}

func (f *features) extract(lang string, words []string, gaz Gazetteer) {
	f.toks = f.toks[:0]
	for _, w := range words {
		f.toks = append(f.toks, describe(w, gaz))
	}
	f.keys = f.keys[:0]
	f.offs = append(f.offs[:0], 0)
	at := func(i int) *token {
		switch {
		case i < 0:
			return &padStart
		case i >= len(f.toks):
			return &padEnd
		}
		return &f.toks[i]
	}
	style := ""
	if f.sentStyle {
		style = sentStyle(len(f.toks), func(i int) string { return f.toks[i].caps })
	}
	for i := range f.toks {
		t, m1, m2, p1, p2 := &f.toks[i], at(i-1), at(i-2), at(i+1), at(i+2)
		k := f.keys
		k = append(k,
			key1(fBias, ""),
			key1(fW0, t.norm),
			key1(fWm1, m1.norm),
			key1(fWp1, p1.norm),
			key1(fWm2, m2.norm),
			key1(fWp2, p2.norm),
			key1(fShape0, t.shape),
			key1(fShort0, t.short),
			key1(fShortM1, m1.short),
			key1(fShortP1, p1.short),
			key1(fShortM2, m2.short),
			key1(fShortP2, p2.short),
			key1(fCaps, t.caps),
			key2(fBigramM1, m1.norm, t.norm),
			key2(fBigramP1, t.norm, p1.norm),
			key3(fShortTri, m1.short, t.short, p1.short),
			key2(fLangBias, lang, ""),
			key2(fLangShort0, lang, t.short),
			key2(fLangW0, lang, t.norm),
			key1(fScript, script(t.norm)),
		)
		if i == 0 {
			k = append(k, key2(fFirst, t.caps, t.short), key1(fFirstCue, t.cue))
		}
		n := utf8.RuneCountInString(t.norm)
		switch {
		case n <= 2:
			k = append(k, key1(fLen, "s"))
		case n >= 12:
			k = append(k, key1(fLen, "l"))
		}
		for j, end := 1, 0; j <= 4 && end < len(t.norm); j++ {
			_, size := utf8.DecodeRuneInString(t.norm[end:])
			end += size
			k = append(k, key1(fPre+j-1, t.norm[:end]))
		}
		for j, start := 1, len(t.norm); j <= 4 && start > 0; j++ {
			_, size := utf8.DecodeLastRuneInString(t.norm[:start])
			start -= size
			k = append(k, key1(fSuf+j-1, t.norm[start:]))
		}
		if s3 := suffix3(t.norm); s3 != "" {
			k = append(k, key2(fSufCaps, s3, t.caps), key2(fLangSuf3, lang, s3))
		}
		if m1.cue != "" {
			k = append(k, key1(fCueM1, m1.cue), key2(fCueM1Short0, m1.cue, t.short))
		}
		if m2.cue != "" {
			k = append(k, key1(fCueM2, m2.cue))
		}
		if t.cue != "" {
			k = append(k, key1(fCue0, t.cue))
		}
		if p1.cue != "" {
			k = append(k, key1(fCueP1, p1.cue))
		}
		if t.ctry != "" {
			k = append(k, key1(fCountry0, t.ctry))
		}
		if m1.ctry != "" {
			k = append(k, key1(fCountryM1, m1.ctry))
		}
		if p1.ctry != "" {
			k = append(k, key1(fCountryP1, p1.ctry))
		}
		for _, c := range t.gaz {
			k = append(k, key1(fGaz0, c), key2(fGazCaps0, c, t.caps))
			if i == 0 {
				k = append(k, key2(fFirstGaz, c, t.caps))
			}
		}
		for _, c := range m1.gaz {
			k = append(k, key1(fGazM1, c), key2(fGazCapsM1, c, m1.caps))
		}
		for _, c := range p1.gaz {
			k = append(k, key1(fGazP1, c), key2(fGazCapsP1, c, p1.caps))
		}
		if style != "" {
			k = append(k, key2(fStyleBias, style, ""), key3(fStyleCapsM1, style, m1.caps, t.caps),
				key3(fStyleCapsP1, style, t.caps, p1.caps))
		}
		f.keys = k
		f.offs = append(f.offs, len(f.keys))
	}
}

// sentStyle describes a sentence of n tokens whose i-th token has the
// capitalisation class caps(i): its length bucket ("s" up to 5 tokens, "m"
// up to 10, "l" up to 20, "xl" beyond), with "U" added when no word has a lower-case
// letter and one has two capitals (a wire headline). Wikipedia fragments
// are short, news sentences long; entities in the one look unlike those in
// the other (titles of works and list pages end in lower-case words), and
// the style features let the model keep the two apart.
func sentStyle(n int, caps func(i int) string) string {
	st := "xl"
	switch {
	case n <= 5:
		st = "s"
	case n <= 10:
		st = "m"
	case n <= 20:
		st = "l"
	}
	upper := false
	for i := range n {
		switch caps(i) {
		case "upper":
			upper = true
		case "lower", "init", "mixed":
			return st
		}
	}
	if upper {
		st += "U"
	}
	return st
}

func describe(w string, gaz Gazetteer) token {
	lower := strings.ToLower(w)
	t := token{norm: normDigits(lower), cue: cueWords[lower], ctry: countryWords[w]}
	t.shape, t.short = shapes(w)
	t.caps = capsClass(w)
	t.lower = t.caps == "lower"
	if gaz != nil {
		t.gaz = gaz(w)
	}
	return t
}

// suffix3 returns the last three letters of a word of at least four, or "".
func suffix3(norm string) string {
	start, n := len(norm), 0
	for n < 3 && start > 0 {
		_, size := utf8.DecodeLastRuneInString(norm[:start])
		start -= size
		n++
	}
	if n < 3 || utf8.RuneCountInString(norm[:start]) < 1 {
		return ""
	}
	return norm[start:]
}

func normDigits(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return r >= '0' && r <= '9' })
	if i < 0 {
		return s
	}
	b := []byte(s)
	for j := i; j < len(b); j++ {
		if b[j] >= '1' && b[j] <= '9' {
			b[j] = '0'
		}
	}
	return string(b)
}

func runeClass(r rune) rune {
	switch {
	case unicode.IsUpper(r):
		return 'X'
	case unicode.IsLower(r):
		return 'x'
	case unicode.IsDigit(r):
		return 'd'
	case unicode.IsLetter(r):
		return 'l' // letters without case (CJK, Arabic...)
	case unicode.IsSpace(r):
		return '_'
	}
	return r
}

// shapes returns the word's shape with runs of a class capped at four
// ("Xxxxx" -> "Xxxxx", "Washington" -> "Xxxxx") and with runs collapsed ("Xx").
func shapes(w string) (shape, short string) {
	var long, sh []rune
	var prev rune
	run := 0
	for _, r := range w {
		c := runeClass(r)
		if c == prev {
			run++
		} else {
			run = 1
			sh = append(sh, c)
		}
		if run <= 4 {
			long = append(long, c)
		}
		prev = c
		if len(long) > 16 {
			break
		}
	}
	return string(long), string(sh)
}

func capsClass(w string) string {
	var upper, lower, other int
	first := true
	initCap := false
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			upper++
			if first {
				initCap = true
			}
		case unicode.IsLower(r):
			lower++
		default:
			other++
		}
		first = false
	}
	switch {
	case upper == 0 && lower == 0:
		return "none"
	case upper == 0:
		return "lower"
	case lower == 0 && upper > 1:
		return "upper"
	case lower == 0:
		return "single"
	case initCap && upper == 1:
		return "init"
	}
	return "mixed"
}

func script(s string) string {
	for _, r := range s {
		switch {
		case r < 0x80:
			if unicode.IsLetter(r) {
				return "latin"
			}
		case unicode.Is(unicode.Latin, r):
			return "latin"
		case unicode.Is(unicode.Cyrillic, r):
			return "cyrillic"
		case unicode.IsLetter(r):
			return "other"
		}
	}
	return "none"
}
