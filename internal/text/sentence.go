package text

import (
	"unicode"
	"unicode/utf8"
)

// Span is a range of bytes, s[Start:End], in the string it was found in.
type Span struct{ Start, End int }

// Sentences splits s into sentences and returns their byte spans, in order,
// without surrounding whitespace; every non-space character of s is in
// exactly one span.
//
// A sentence ends at ".", "!", "?", "…" (and the CJK, Arabic and Devanagari
// equivalents) when whitespace and then something other than a lowercase
// letter follows; closing quotes and brackets right after the mark stay in
// the sentence ('... said." Next'). A blank line always ends a sentence, and
// so does a single line break unless the next line starts with a lowercase
// letter, so headlines, captions and one-paragraph-per-line text split.
//
// A period does not end a sentence after an abbreviation from lang's list
// ("Dr.", "Mar.", "dott.", "z. B.", "Mme", "Dña.", "ул.", "np.", "blz."),
// after an initial ("J. Smith"), an acronym ("U.S.") or an ordinal number in
// languages that write them with a period ("am 8. März"), unless the next word
// is one that typically starts a sentence ("... in the U.S. The next day").
// Languages without a list use the union of all lists.
func Sentences(lang, s string) []Span {
	lang = Lang(lang)
	a := abbrevs(lang)
	var out []Span
	start := -1
	emit := func(end int) {
		for end > start {
			r, n := utf8.DecodeLastRuneInString(s[:end])
			if !unicode.IsSpace(r) {
				break
			}
			end -= n
		}
		if end > start {
			out = append(out, Span{start, end})
		}
		start = -1
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if start < 0 {
			if !unicode.IsSpace(r) {
				start = i
			}
			i += n
			continue
		}
		switch {
		case r == '\n' || r == '\u2029' || r == '\u2028':
			if lineBreakEnds(s, i+n) {
				emit(i)
			}
			i += n
		case isTerminal(r):
			j := i + n
			onlyPeriod := r == '.'
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if !isTerminal(r2) {
					break
				}
				onlyPeriod = false
				j += n2
			}
			k := skipClosers(s, j)
			if k < len(s) {
				r2, _ := utf8.DecodeRuneInString(s[k:])
				if !unicode.IsSpace(r2) {
					i = k // "3.5", "U.S", "example.com", "?!)" inside a line
					continue
				}
			}
			next := nextWord(s, k)
			if next < len(s) {
				r2, _ := utf8.DecodeRuneInString(s[next:])
				if unicode.IsLower(r2) || r2 == ')' || r2 == ']' || r2 == ',' || r2 == ';' || r2 == ':' {
					i = k
					continue
				}
			}
			ends := true
			if onlyPeriod && !hasNewline(s[k:next]) {
				ends = periodEnds(classifyPeriod(lang, a, s, i), a, s, next)
			}
			if ends {
				emit(k)
			}
			i = k
		default:
			i += n
		}
	}
	if start >= 0 {
		emit(len(s))
	}
	return out
}

// isTerminal reports whether r ends a sentence.
func isTerminal(r rune) bool {
	switch r {
	case '.', '!', '?', '…', '。', '！', '？', '؟', '।', '۔', '‼', '⁇', '⁈', '⁉':
		return true
	}
	return false
}

// isQuote reports whether r is a quotation mark.
func isQuote(r rune) bool {
	switch r {
	case '"', '\'', '“', '”', '„', '‟', '‘', '’', '‚', '«', '»', '‹', '›', '「', '」', '『', '』':
		return true
	}
	return false
}

// skipClosers skips the closing quotes and brackets at s[j:], including a
// French closing guillemet after a space ('! »').
func skipClosers(s string, j int) int {
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if isQuote(r) || r == ')' || r == ']' || r == '}' {
			j += n
			continue
		}
		break
	}
	// "Au secours ! » dit-il": a space, then » followed by space or end.
	for _, q := range [...]string{" »", "\u00a0»", "\u202f»"} {
		if len(s)-j >= len(q) && s[j:j+len(q)] == q {
			e := j + len(q)
			if e == len(s) {
				return e
			}
			if r, _ := utf8.DecodeRuneInString(s[e:]); unicode.IsSpace(r) {
				return e
			}
		}
	}
	return j
}

// nextWord returns the index of the first character after i that is not
// whitespace, an opening quote or an opening bracket or dash.
func nextWord(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) && !isQuote(r) && r != '(' && r != '[' && r != '¿' && r != '¡' && r != '—' && r != '–' && r != '-' {
			break
		}
		i += n
	}
	return i
}

func hasNewline(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			return true
		}
	}
	return false
}

// lineBreakEnds decides whether a line break before s[i:] ends a sentence:
// yes at a blank line or the end of text, otherwise unless the next line
// starts with a lowercase letter.
func lineBreakEnds(s string, i int) bool {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == '\n' || r == '\u2029' {
			return true
		}
		if !unicode.IsSpace(r) {
			return !unicode.IsLower(r)
		}
		i += n
	}
	return true
}
