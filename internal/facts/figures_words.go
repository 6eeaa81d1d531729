package facts

import "strings"

// One lexicon map per language: every word any figure rule looks up,
// with the classes it belongs to as a bit set, so that a token costs one
// map lookup instead of one per list.

// wclass is a set of word classes.
type wclass uint32

const (
	wArticle    wclass = 1 << iota // figArticles: a count only before a person noun
	wFirst                         // first word of a cue of several words
	wSingular                      // singular
	wPeople                        // people
	wUnit                          // units
	wMonth                         // months
	wStopClause                    // stopClause
	wSub                           // subCue
	wAux                           // auxWords
	wPassive                       // passiveAux
	wLaterStop                     // laterStop
	wNotName                       // notNames
	wAuthNoun                      // authNouns
	wSays                          // says
	wToll                          // tollWords
	wPronoun                       // pronouns
	wLeftLast                      // last word of a leftCue
	wAccording                     // first word of an "according to" phrase
	wVague                         // vagueWords
	wApprox                        // approxWords
	wMult                          // multipliers
	wSelf                          // "himself", "herself", "self", "own": see self
	wDial                          // dialVerbs
	wMultiple                      // shootingMultiples: "double shooting"
	wNot                           // negations
	wDegree                        // degreeWords
)

// wordInfo is what the lexicon knows about one folded word in one
// language.
type wordInfo struct {
	class  wclass
	cue    string // the kind the word names alone ("dead"), "" for none
	num    int    // value as a number word
	isNum  bool
	vague  vagueRange
	approx int // "dizaine": about 10
	mult   int // "million"
}

// buildWords makes the merged lexicon of lang from the lists.
func buildWords(lang string, lx *figLex) map[string]wordInfo {
	m := map[string]wordInfo{}
	class := func(s map[string]bool, c wclass) {
		for w := range s {
			e := m[w]
			e.class |= c
			m[w] = e
		}
	}
	class(figArticles, wArticle)
	class(cueFirst, wFirst)
	class(singular, wSingular)
	class(people, wPeople)
	class(singular, wPeople) // "a clerk", "his girlfriend" are people too
	class(units, wUnit)
	class(months, wMonth)
	class(dialVerbs, wDial)
	class(stopClause, wStopClause)
	class(subCue, wSub)
	class(auxWords, wAux)
	class(passiveAux, wPassive)
	class(laterStop, wLaterStop)
	class(notNames, wNotName)
	class(authNouns, wAuthNoun)
	class(says, wSays)
	class(tollWords, wToll)
	class(pronouns, wPronoun)
	class(negations, wNot)
	class(degreeWords, wDegree)
	for w := range leftCue {
		last := w
		if i := strings.LastIndexByte(w, ' '); i >= 0 {
			last = w[i+1:]
		}
		e := m[last]
		e.class |= wLeftLast
		m[last] = e
	}
	for _, p := range according {
		e := m[p[0]]
		e.class |= wAccording
		m[p[0]] = e
	}
	for w := range shootingMultiples {
		e := m[w]
		e.class |= wMultiple
		m[w] = e
	}
	for _, w := range []string{"himself", "herself", "self", "own"} {
		e := m[w]
		e.class |= wSelf
		m[w] = e
	}
	for w := range figCue {
		if k := figCue.kind(lang, w); k != "" {
			e := m[w]
			e.cue = k
			m[w] = e
		}
	}
	for w, v := range lx.nums {
		e := m[w]
		e.num, e.isNum = v, true
		m[w] = e
	}
	for w, r := range vagueWords {
		e := m[w]
		e.vague = r
		e.class |= wVague
		m[w] = e
	}
	for w, v := range approxWords {
		e := m[w]
		e.approx = v
		e.class |= wApprox
		m[w] = e
	}
	for w, v := range multipliers {
		e := m[w]
		e.mult = v
		e.class |= wMult
		m[w] = e
	}
	return m
}

// is reports whether the token's word belongs to every class of c.
func (t *ftok) is(c wclass) bool { return t.class&c == c }

// word returns what the lexicon knows about t's word.
func (lx *figLex) word(t *ftok) wordInfo {
	return lx.words[t.fold]
}
