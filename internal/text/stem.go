package text

import (
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/arabic"
	"github.com/blevesearch/snowballstem/danish"
	"github.com/blevesearch/snowballstem/dutch"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/finnish"
	"github.com/blevesearch/snowballstem/french"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/hungarian"
	"github.com/blevesearch/snowballstem/irish"
	"github.com/blevesearch/snowballstem/italian"
	"github.com/blevesearch/snowballstem/norwegian"
	"github.com/blevesearch/snowballstem/portuguese"
	"github.com/blevesearch/snowballstem/romanian"
	"github.com/blevesearch/snowballstem/russian"
	"github.com/blevesearch/snowballstem/spanish"
	"github.com/blevesearch/snowballstem/swedish"
	"github.com/blevesearch/snowballstem/tamil"
	"github.com/blevesearch/snowballstem/turkish"
)

// stemmers maps ISO 639-1 codes to the Snowball stemmer for the language.
var stemmers = map[string]func(*snowballstem.Env) bool{
	"ar": arabic.Stem, "da": danish.Stem, "de": german.Stem,
	"en": english.Stem, "es": spanish.Stem, "fi": finnish.Stem,
	"fr": french.Stem, "ga": irish.Stem, "hu": hungarian.Stem,
	"it": italian.Stem, "nl": dutch.Stem, "no": norwegian.Stem,
	"pt": portuguese.Stem, "ro": romanian.Stem, "ru": russian.Stem,
	"sv": swedish.Stem, "ta": tamil.Stem, "tr": turkish.Stem,
}

// envPool recycles Snowball environments; an Env carries no language state,
// so one pool serves every stemmer.
var envPool = sync.Pool{New: func() any { return snowballstem.NewEnv("") }}

// StemLangs returns the languages Stem has a Snowball stemmer for, sorted.
func StemLangs() []string {
	return slices.Sorted(maps.Keys(stemmers))
}

// HasStemmer reports whether Stem has a Snowball stemmer for lang.
func HasStemmer(lang string) bool {
	_, ok := stemmers[Lang(lang)]
	return ok
}

// Stem returns the Snowball stem of one word in lang: the word is lowercased
// (with Turkish casing rules for "tr" and "az"), curly apostrophes become
// "'", French, Italian and Catalan elisions ("l'", "dell'") and Turkish
// suffixes after an apostrophe ("Ankara'da") are cut off, and the result is
// stemmed. Diacritics are kept ("Anschläge" gives "anschlag" because the
// German stemmer itself drops umlauts; French "été" stays "été"). For a
// language without a stemmer the lowercased word is returned. Use Term for the
// folded search key.
func Stem(lang, word string) string {
	lang = Lang(lang)
	return stem(lang, prepare(lang, word))
}

func stem(lang, w string) string {
	f, ok := stemmers[lang]
	if !ok || w == "" {
		return w
	}
	key := stemKey{lang, w}
	if out, ok := stems.get(key); ok {
		return out
	}
	out := snowball(f, w)
	stems.put(key, out)
	return out
}

// stemKey identifies a word in a language.
type stemKey struct{ lang, word string }

// stemCache remembers stems: news text repeats its words (Zipf), and a
// Snowball stemmer allocates on every call, so most of indexing's stemming
// is answered here. It is bounded: when full it starts over.
type stemCache struct {
	mu sync.RWMutex
	m  map[stemKey]string
}

const stemCacheSize = 1 << 17

var stems = &stemCache{m: make(map[stemKey]string)}

func (c *stemCache) get(k stemKey) (string, bool) {
	c.mu.RLock()
	v, ok := c.m[k]
	c.mu.RUnlock()
	return v, ok
}

func (c *stemCache) put(k stemKey, v string) {
	c.mu.Lock()
	if len(c.m) >= stemCacheSize {
		clear(c.m)
	}
	// Keep our own copies: key and stem may both be slices of a large
	// document, which the cache would otherwise keep alive.
	c.m[stemKey{k.lang, strings.Clone(k.word)}] = strings.Clone(v)
	c.mu.Unlock()
}

// snowball runs one Snowball stemmer on w.
func snowball(f func(*snowballstem.Env) bool, w string) string {
	env := envPool.Get().(*snowballstem.Env)
	env.SetCurrent(w)
	f(env)
	out := env.Current()
	env.SetCurrent("")
	envPool.Put(env)
	return out
}

// prepare lowercases a word, applies the language's apostrophe rules and
// removes inner punctuation other than apostrophes ("u.s" becomes "us"), so
// that the stemmer sees a plain word.
func prepare(lang, w string) string {
	w = lower(lang, w)
	if lang == "ru" || lang == "uk" || lang == "be" {
		w = strings.ReplaceAll(w, "ё", "е") // the Snowball stemmer does not know ё
	}
	w = stripInner(w)
	i := strings.IndexByte(w, '\'')
	if i < 0 {
		return w
	}
	switch lang {
	case "fr", "it", "ca":
		// Strip leading elisions, possibly repeated: "qu'l'..." is not
		// French, but "jusqu'à" and "dell'attacco" are.
		for i >= 0 && elisions[w[:i]] {
			w = w[i+1:]
			i = strings.IndexByte(w, '\'')
		}
	case "tr", "az":
		if i > 0 {
			w = w[:i]
		}
	}
	return w
}

// elisions are the French, Italian and Catalan words that lose their final
// vowel before an apostrophe.
var elisions = map[string]bool{
	"l": true, "d": true, "j": true, "m": true, "n": true, "s": true,
	"t": true, "c": true, "qu": true, "jusqu": true, "lorsqu": true,
	"puisqu": true, "quoiqu": true, "quelqu": true, "presqu": true,
	"un": true, "dell": true, "dall": true, "nell": true, "sull": true,
	"all": true, "coll": true, "quest": true, "quell": true, "dev": true,
	"tutt": true, "anch": true, "sant": true, "bell": true, "buon": true,
	"nessun": true, "ciascun": true,
}

// lower lowercases w and normalises apostrophes to "'". It returns w itself
// when nothing changes, which is the common case for running text.
func lower(lang string, w string) string {
	i := 0
	for i < len(w) {
		c := w[i]
		if c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			break
		}
		i++
	}
	if i == len(w) {
		return w
	}
	turkish := lang == "tr" || lang == "az"
	b := make([]byte, 0, len(w)+2)
	b = append(b, w[:i]...)
	for _, r := range w[i:] {
		switch {
		case 'A' <= r && r <= 'Z' && !turkish:
			b = append(b, byte(r)+'a'-'A')
		case r < utf8.RuneSelf && (r < 'A' || r > 'Z'):
			b = append(b, byte(r))
		case r == '\u2019' || r == '\u02BC' || r == '\u2018':
			b = append(b, '\'')
		case turkish:
			b = utf8.AppendRune(b, unicode.TurkishCase.ToLower(r))
		default:
			b = utf8.AppendRune(b, unicode.ToLower(r))
		}
	}
	return string(b)
}

// stripInner removes the punctuation that word segmentation leaves inside a
// word (".", ",", ":", ";", "_", "·" and format characters), keeping
// apostrophes for the stemmers and the elision rules.
func stripInner(w string) string {
	keep := func(r rune) bool {
		return r == '\'' || unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.M, r)
	}
	clean := true
	for _, r := range w {
		if !keep(r) {
			clean = false
			break
		}
	}
	if clean {
		return w
	}
	b := make([]byte, 0, len(w))
	for _, r := range w {
		if keep(r) {
			b = utf8.AppendRune(b, r)
		}
	}
	return string(b)
}
