package text

import (
	_ "embed"
	"encoding/json"
	"slices"
	"sync"
)

// stopJSON is stopwords-iso 1.1.0 (MIT, see data/LICENSE-stopwords-iso.txt):
// an object from ISO 639-1 codes to arrays of lowercase words.
//
//go:embed data/stopwords-iso.json
var stopJSON []byte

// stopList is one language's list; its sets are built on first use.
type stopList struct {
	lang  string
	words []string // as published: lowercase, sorted
	once  sync.Once
	set   map[string]struct{} // lowercase and folded words
	terms map[string]struct{} // Term of each word
}

func (l *stopList) build() *stopList {
	l.once.Do(func() {
		l.set = make(map[string]struct{}, 2*len(l.words))
		l.terms = make(map[string]struct{}, len(l.words))
		for _, w := range l.words {
			lw := lower(l.lang, w)
			l.set[lw] = struct{}{}
			l.set[Fold(lw)] = struct{}{}
			if t := Term(l.lang, w); t != "" {
				l.terms[t] = struct{}{}
			}
		}
	})
	return l
}

// stops parses the embedded lists once, on first use.
var stops = sync.OnceValue(loadStops)

func loadStops() map[string]*stopList {
	var words map[string][]string
	if err := json.Unmarshal(stopJSON, &words); err != nil {
		panic("text: embedded stop words: " + err.Error()) // a build defect, caught by the tests
	}
	lists := make(map[string]*stopList, len(words))
	for lang, w := range words {
		lists[lang] = &stopList{lang: lang, words: w}
	}
	return lists
}

// IsStop reports whether word is a stop word in lang according to
// stopwords-iso. The test ignores case and accepts the word with or without
// its diacritics ("Für" and "fur" are both German stop words). Languages
// without a list have no stop words. The lists are broad (the English one has
// about 1,300 words, including "state", "world" and "us"): use them to weight
// or filter features, not to decide what a reader may search for.
func IsStop(lang, word string) bool {
	lang = Lang(lang)
	list := stops()[lang]
	if list == nil {
		return false
	}
	set := list.build().set
	l := lower(lang, word)
	if _, ok := set[l]; ok {
		return true
	}
	_, ok := set[Fold(l)]
	return ok
}

// IsStopTerm reports whether term, an output of Term or Terms for lang, is
// the search term of a stop word; use it to drop stop words from Terms.
func IsStopTerm(lang, term string) bool {
	list := stops()[Lang(lang)]
	if list == nil {
		return false
	}
	_, ok := list.build().terms[term]
	return ok
}

// StopWords returns a copy of the stopwords-iso list for lang, sorted, or nil
// when there is none.
func StopWords(lang string) []string {
	if list := stops()[Lang(lang)]; list != nil {
		return slices.Clone(list.words)
	}
	return nil
}

// StopLangs returns the sorted ISO 639-1 codes that have a stop word list.
func StopLangs() []string {
	langs := make([]string, 0, len(stops()))
	for l := range stops() {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	return langs
}
