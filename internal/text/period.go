package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// periodKind says what a period after a word means.
type periodKind int

const (
	periodPlain   periodKind = iota // ends a sentence
	periodStrong                    // after a title or other strong abbreviation: never ends one
	periodWeak                      // after a weak abbreviation, an acronym or an initial
	periodOrdinal                   // after a small number in a language with ordinal periods
	periodEnd                       // after "etc.", "Inc.", "г.": ends one before a capital
)

// classifyPeriod classifies the period at s[i] from the text before it.
func classifyPeriod(lang string, a *abbrevSet, s string, i int) periodKind {
	// Walk back over the word, through inner periods and through single
	// spaces that follow a period ("z. B", "U. S"), at most four parts.
	start, parts := i, 0
	for start > 0 && parts < 4 {
		r, n := utf8.DecodeLastRuneInString(s[:start])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r) || r == '°':
			start -= n
			continue
		case r == '.' && start < i:
			start -= n
			parts++
			continue
		case r == ' ' && start >= 2 && s[start-2] == '.' && start < i:
			start -= n
			continue
		}
		break
	}
	if start == i {
		return periodPlain
	}
	word := s[start:i]
	if strings.IndexByte(word, ' ') >= 0 {
		word = strings.ReplaceAll(word, " ", "")
	}
	word = strings.TrimLeft(word, ".")
	lw := lowerAbbrev(word)
	// Longest suffix first: "end.u.s" → "u.s" → "s".
	for cand, lcand := word, lw; cand != ""; {
		if a.strong[lcand] {
			return periodStrong
		}
		if a.weak[lcand] {
			return periodWeak
		}
		if a.end[lcand] {
			return periodEnd
		}
		k := strings.IndexByte(lcand, '.')
		if k < 0 {
			break
		}
		cand, lcand = cand[k+1:], lcand[k+1:]
	}
	last := word
	if k := strings.LastIndexByte(word, '.'); k >= 0 {
		last = word[k+1:]
	}
	if r, n := utf8.DecodeRuneInString(last); n == len(last) && unicode.IsLetter(r) {
		return periodWeak // an initial: "J. Smith"
	}
	if strings.IndexByte(word, '.') > 0 && isAcronym(word) {
		return periodWeak // "F.B.I", "a.C"
	}
	if ordinalLangs[lang] && len(word) <= 3 && isDigits(word) {
		return periodOrdinal
	}
	return periodPlain
}

// lowerAbbrev lowercases an abbreviation candidate, returning word itself
// when it is already lowercase ASCII.
func lowerAbbrev(word string) string {
	for i := 0; i < len(word); i++ {
		if c := word[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return strings.ToLower(word)
		}
	}
	return word
}

// isAcronym reports whether every period-separated part is one to three
// letters.
func isAcronym(word string) bool {
	for part := range strings.SplitSeq(word, ".") {
		n := utf8.RuneCountInString(part)
		if n == 0 || n > 3 {
			return false
		}
		for _, r := range part {
			if !unicode.IsLetter(r) {
				return false
			}
		}
	}
	return true
}

func isDigits(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return w != ""
}

// periodEnds decides whether the period at s[i], classified as kind, ends a
// sentence, looking at the word that starts at s[next] (after spaces and
// opening quotes). It is only asked when that word does not start with a
// lowercase letter.
func periodEnds(kind periodKind, a *abbrevSet, s string, next int) bool {
	switch kind {
	case periodStrong:
		return false
	case periodWeak, periodEnd:
		w, end := wordAt(s, next)
		if end < len(s) && s[end] == '.' && utf8.RuneCountInString(w) == 1 {
			return false // another initial: "J. A. Smith"
		}
		return kind == periodEnd || a.starters[strings.ToLower(w)]
	case periodOrdinal:
		w, _ := wordAt(s, next)
		if w == "" {
			return true
		}
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsDigit(r) {
			return true
		}
		return !ordinalNext[strings.ToLower(w)]
	}
	return true
}

// wordAt returns the run of letters, digits and marks at s[i:] and its end.
func wordAt(s string, i int) (string, int) {
	j := i
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.M, r) {
			break
		}
		j += n
	}
	return s[i:j], j
}
