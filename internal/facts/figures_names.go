package facts

import (
	"slices"
	"strings"

	"github.com/tocsin/tocsin/internal/news"
)

// English figures without a number: named victims ("Darin Booker, 13, was
// killed", "killing Jacinta Walker, 18, and Aveion Bolden, 20"), he or
// she ("she later died"), and a shooter who turned the gun on himself.

// singularAux are the auxiliaries of a singular subject before a casualty
// word: "Darin Booker, 13, was killed", "He has died".
var singularAux = set("was has is had")

// pluralAux are the auxiliaries of a list of names: "Smith and Jones were
// shot".
var pluralAux = set("were have are")

// sufferVerbs take a wound as their object: "he suffered a gunshot
// wound".
var sufferVerbs = set("suffered sustained received suffers sustains")

// diedAdverbs may stand between a subject and "died": "she later died".
var diedAdverbs = set("later also eventually subsequently then both")

// notNames are capitalised words that do not start or continue a
// person's name.
var notNames = set(`the a an he she it they we i his her their police officers authorities officials investigators deputies
monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
january february march april may june july august september october november december
in on at after before when while during and or but mr mrs ms dr`)

// named adds the English figures of named people and pronouns, and of
// shooters who killed themselves. Each name or pronoun counts one.
func (sc *figScan) named(figs []figure) []figure {
	toks := sc.toks
	covered := func(k int) bool {
		for _, f := range figs {
			if k >= f.start && k < f.end {
				return true
			}
		}
		return false
	}
	var add []figure
	for m := 1; m < len(toks); m++ {
		if f, ok := sc.oneDeath(m); ok && !covered(m) {
			add = append(add, f)
			continue
		}
		if f, ok := sc.multipleShooting(m); ok && !covered(m) {
			add = append(add, f)
			continue
		}
		if t := &toks[m]; t.cue == "" && !t.first && !t.is(wSelf) && !toks[m-1].is(wLeftLast) || covered(m) {
			continue
		}
		if f, ok := sc.self(m); ok {
			add = append(add, f)
			m = f.end - 1
			continue
		}
		if f, ok := sc.pronounAfter(m); ok && !covered(f.start) {
			add = append(add, f)
			continue
		}
		if f, ok := sc.namesAfter(m); ok && !covered(f.start) {
			add = append(add, f)
			m = f.end - 1
			continue
		}
		kind, n, shot := sc.cueAt(m)
		if kind == "" {
			continue
		}
		w := toks[m].fold
		k := m - 1
		// "she was accidentally shot", "he has been critically wounded"
		for n := 0; n < 2 && k > 1 && lyAdverb(toks[k]); n++ {
			k--
		}
		if toks[k].fold == "been" && k > 0 {
			k--
		}
		// "Jason Farmer, 19, sustained a gunshot wound"
		suffered := (toks[k].fold == "a" || toks[k].fold == "an") && k > 1 && sufferVerbs[toks[k-1].fold] && kind == news.Injured
		if suffered {
			k--
		}
		plural := pluralAux[toks[k].fold]
		bare := !singularAux[toks[k].fold] && !plural && m >= 4 && toks[m-1].raw == "," && toks[m-2].digits && toks[m-3].raw == ","
		if bare {
			// A headline drops the auxiliary: "Randy Lee Jones, 21,
			// Killed", "Ana Ruiz, 19, and Leo Park, 22, shot".
			k = m
		} else if !singularAux[toks[k].fold] && !plural && !suffered {
			if w != "died" && w != "dies" && w != "succumbed" {
				continue
			}
			for k > 0 && diedAdverbs[toks[k].fold] {
				k--
			}
			if !(isUpper(toks[k].raw) && !toks[k].punct || toks[k].fold == "he" || toks[k].fold == "she") {
				continue
			}
			k++ // "Smith died"
		}
		if o := m + n; o < len(toks) && sc.objectStart(toks[o]) {
			continue
		}
		if k < 1 {
			continue
		}
		start, names := sc.namesBefore(k - 1)
		switch {
		case names == 0 && !plural && (toks[k-1].fold == "he" || toks[k-1].fold == "she"):
			start, names = k-1, 1
		case names == 0, !bare && plural != (names > 1):
			continue
		}
		end := m + n
		if shot {
			if e := sc.laterDeath(end); e > 0 {
				kind, end, shot = news.Killed, e, false
			}
		}
		add = append(add, figure{kind: kind, c: exactly(names), start: start, end: end, shot: shot})
	}
	if len(add) == 0 {
		return figs
	}
	figs = append(figs, add...)
	slices.SortStableFunc(figs, func(a, b figure) int { return a.start - b.start })
	return figs
}

// lyAdverb reports whether t is an English adverb in -ly ("accidentally",
// "critically") that may stand between an auxiliary and its participle.
func lyAdverb(t ftok) bool {
	return !t.punct && len(t.fold) > 4 && strings.HasSuffix(t.fold, "ly") && !isUpper(t.raw)
}

func exactly(n int) count {
	return count{value: n, low: n, high: n, qual: "exact"}
}

// nameAt reports whether toks[k] may be part of a person's name.
func (sc *figScan) nameAt(k int) bool {
	t := sc.toks[k]
	return !t.punct && !t.digits && isUpper(t.raw) && !t.is(wNotName) && !t.is(wAuthNoun)
}

// namesBefore reads a list of names that ends at toks[s], each with an
// optional age in commas ("Jacinta Walker, 18, and Aveion Bolden, 20"),
// joined by "and" and commas. It returns where the list starts and how
// many names it holds; 0 when toks[s] ends no name. A single name needs
// two words: one capitalised word is too often a place or an
// organisation.
func (sc *figScan) namesBefore(s int) (start, n int) {
	toks := sc.toks
	and := false
	for {
		e := s
		if e >= 3 && toks[e].raw == "," && toks[e-1].digits && toks[e-2].raw == "," {
			e -= 3
		} else if n > 0 && e >= 1 && toks[e].digits && toks[e-1].raw == "," {
			e -= 2 // "Smith, 24 and"
		}
		if e < 0 || !sc.nameAt(e) {
			break
		}
		b := e
		for b > 0 && sc.nameAt(b-1) {
			b--
		}
		if n == 0 && b == e && !(b > 0 && (toks[b-1].fold == "and" || toks[b-1].raw == ",")) {
			break
		}
		start, n = b, n+1
		// The join before this name: "and" once (the last join of the
		// list), then commas.
		j := b - 1
		if j < 1 {
			break
		}
		switch {
		case toks[j].fold == "and" && !and:
			and = true
			s = j - 1
			if toks[s].raw == "," {
				s-- // serial comma
			}
		case toks[j].raw == "," && and:
			s = j - 1
		default:
			s = -1
		}
		if s < 0 {
			break
		}
	}
	if n == 1 {
		e := start
		for e < len(toks) && sc.nameAt(e) {
			e++
		}
		if e-start < 2 {
			return 0, 0
		}
	}
	return start, n
}

// namesAfter reads the victims named after an active verb: "killing
// Jacinta Walker, 18, and Aveion Bolden, 20", "shot and killed Veondus
// Dennis and Antwan Wheeler", "killing Lewis".
func (sc *figScan) namesAfter(m int) (figure, bool) {
	toks := sc.toks
	if !toks[m-1].is(wLeftLast) || !sc.nameAt(m) || isDemonym(toks[m]) || toks[m].fold == "spotter" {
		return figure{}, false // "Shot Spotter" is the gunfire sensors
	}
	kind, nv := sc.leftCueAt(m)
	if kind != news.Killed && kind != news.Injured || m-nv > 0 && toks[m-nv-1].fold == "to" {
		return figure{}, false // "tried to kill Smith"
	}
	n, j, end := 0, m, m
	for j < len(toks) && sc.nameAt(j) {
		for j < len(toks) && sc.nameAt(j) {
			j++
		}
		n++
		end = j
		if j+1 < len(toks) && toks[j].raw == "," && toks[j+1].digits { // ", 18"
			j += 2
			end = j
			if j < len(toks) && toks[j].raw == "," && (j+1 >= len(toks) || toks[j+1].fold != "and") {
				j++ // ", 18, and" is handled below; ", 18, Smith" continues
			}
		}
		switch {
		case j+1 < len(toks) && toks[j].raw == "," && toks[j+1].fold == "and":
			j += 2
		case j < len(toks) && toks[j].fold == "and":
			j++
		case j < len(toks) && toks[j].raw == "," && j+1 < len(toks) && sc.nameAt(j+1) && sc.listEndsWithAnd(j+1):
			j++
		case j > end:
		default:
			j = len(toks) // stop
		}
	}
	if n > 1 && isDemonym(toks[m]) {
		return figure{}, false
	}
	return figure{kind: kind, c: exactly(n), start: m - nv, end: end}, true
}

// selfVerbs end a phrase whose object is the shooter himself: "shot
// himself", "killed herself", "turned the gun on himself".
var selfVerbs = set("shot killed kills kill killing shoots shooting")

// self reads a shooter who killed or shot himself: "turned the gun on
// himself" and "killed himself" read killed 1, "shot himself" injured 1
// unless it was fatal ("shot himself to death", "fatally shot himself",
// "shot himself and died").
func (sc *figScan) self(m int) (figure, bool) {
	toks := sc.toks
	w := toks[m].fold
	if w == "own" && m+1 < len(toks) && toks[m+1].fold == "life" && m >= 2 && (toks[m-1].fold == "his" || toks[m-1].fold == "her") {
		switch toks[m-2].fold {
		case "took", "takes", "taking":
			return figure{kind: news.Killed, c: exactly(1), start: m - 2, end: m + 2}, true
		}
		return figure{}, false
	}
	if w != "himself" && w != "herself" && w != "self" || m < 1 {
		return figure{}, false
	}
	v := toks[m-1].fold
	switch {
	case v == "on":
		for k := m - 2; k >= 0 && k >= m-4; k-- {
			switch toks[k].fold {
			case "turned", "turning", "turns", "turn":
				return figure{kind: news.Killed, c: exactly(1), start: k, end: m + 1}, true
			}
		}
	case selfVerbs[v]:
		start := m - 1
		kind, shot := news.Killed, false
		if v == "shot" || v == "shoots" || v == "shooting" {
			kind, shot = news.Injured, true
			if start > 0 && (toks[start-1].fold == "fatally" || toks[start-1].fold == "mortally") {
				kind, shot, start = news.Killed, false, start-1
			}
		}
		end := m + 1
		if kind == news.Injured {
			if end+1 < len(toks) && toks[end].fold == "to" && toks[end+1].fold == "death" {
				kind, shot, end = news.Killed, false, end+2
			} else if e := sc.laterDeath(end); e > 0 {
				kind, shot, end = news.Killed, false, e
			}
		}
		return figure{kind: kind, c: exactly(1), start: start, end: end, shot: shot}, true
	}
	return figure{}, false
}

// deathNouns are the nouns before "death" that make it one person's
// death: "the shooting death of a 2-year-old", "her stabbing death".
var deathNouns = set("shooting stabbing beating strangling")

// oneDeath reads "shooting death" (singular: "Teen charged in friend's
// shooting death") as one killed. "Shooting deaths" and "the shooting
// death toll" are left to the counts.
func (sc *figScan) oneDeath(m int) (figure, bool) {
	toks := sc.toks
	if toks[m].fold != "death" || !deathNouns[toks[m-1].fold] || m+1 < len(toks) && toks[m+1].fold == "toll" {
		return figure{}, false
	}
	return figure{kind: news.Killed, c: exactly(1), start: m - 1, end: m + 1}, true
}

// shootingMultiples are the words that say how many people one shooting
// hit: "a double shooting" is two people shot.
var shootingMultiples = map[string]int{"double": 2, "triple": 3, "quadruple": 4, "quintuple": 5}

// multipleShooting reads "double (triple, quadruple) shooting" as that
// many people shot, the dead among them: "Teen dead after double
// shooting" leaves one wounded. "Shootings" (several incidents) is not
// read.
func (sc *figScan) multipleShooting(m int) (figure, bool) {
	toks := sc.toks
	if !toks[m-1].is(wMultiple) || toks[m].fold != "shooting" {
		return figure{}, false
	}
	return figure{kind: news.Injured, c: exactly(shootingMultiples[toks[m-1].fold]), start: m - 1, end: m + 1, shot: true}, true
}

// listEndsWithAnd reports whether the names from toks[j] on go on to an
// "and" before the clause ends: "Smith, Jones and Brown" is a list,
// "Winslow, Goodyear" is a place.
func (sc *figScan) listEndsWithAnd(j int) bool {
	for end := j + 20; j < len(sc.toks) && j < end; j++ {
		t := sc.toks[j]
		if t.fold == "and" {
			return true
		}
		if !sc.nameAt(j) && !t.digits && t.raw != "," {
			return false
		}
	}
	return false
}

// pronounEnd are the words after which "her" is an object, not a
// possessive: "shot her in the back", "killing her and".
var pronounEnd = set("in on at and before after while with as during inside outside near then twice once multiple several from")

// pronounAfter reads "him" or "her" after an active verb as one victim:
// "shot and killed him", "wounding her in the leg".
func (sc *figScan) pronounAfter(m int) (figure, bool) {
	toks := sc.toks
	w := toks[m].fold
	if w != "him" && w != "her" {
		return figure{}, false
	}
	if w == "her" && m+1 < len(toks) && !toks[m+1].punct && !pronounEnd[toks[m+1].fold] {
		return figure{}, false
	}
	kind, nv := sc.leftCueAt(m)
	if kind != news.Killed && kind != news.Injured || m-nv > 0 && toks[m-nv-1].fold == "to" {
		return figure{}, false
	}
	return figure{kind: kind, c: exactly(1), start: m - nv, end: m + 1}, true
}
