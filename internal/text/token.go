package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/words"
)

// Token is a word or punctuation mark; Text is s[Start:End] where Start and
// End are byte offsets into the string that was tokenised (see RuneCounter
// for character offsets).
type Token struct {
	Text       string
	Start, End int
}

// Tokenize splits s into the tokens a CoNLL-style tagger expects, skipping
// whitespace: words, numbers and each punctuation mark. Within that:
//   - hyphenated words, dates and scores stay whole ("ISIS-K", "1996-08-22",
//     "6-4"), as do numbers with separators ("1,000", "3.5", "8:30");
//   - a period stays on abbreviations, initials and acronyms ("Dr.", "J.",
//     "U.S.") and on ordinals in languages that write them ("am 8. März");
//   - English clitics are split off ("Moscow's" → "Moscow" "'s", "don't" →
//     "do" "n't"), as are French and Italian elisions ("l'attaque" → "l'"
//     "attaque", "dell'Isis" → "dell'" "Isis") and Turkish suffixes
//     ("Ankara'da" → "Ankara" "'da"); Dutch "zo'n" and "foto's" stay whole;
//   - quotes and brackets are tokens of their own; runs of the same mark
//     ("...", "--", "?!") are one token.
//
// lang selects the apostrophe and abbreviation rules; "" means English
// clitics and the union of all abbreviation lists.
func Tokenize(lang, s string) []Token {
	lang = Lang(lang)
	a := abbrevs(lang)
	toks := make([]Token, 0, len(s)/5+1)
	it := words.FromString(s)
	for it.Next() {
		seg := it.Value()
		start, end := it.Start(), it.End()
		r, _ := utf8.DecodeRuneInString(seg)
		if unicode.IsSpace(r) || unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) {
			continue
		}
		if n := len(toks); n > 0 && toks[n-1].End == start && join(s, toks[n-1], seg) {
			toks[n-1].End = end
			toks[n-1].Text = s[toks[n-1].Start:end]
			continue
		}
		toks = append(toks, Token{seg, start, end})
	}
	// Second pass: periods and apostrophes, which need the merged words.
	out := make([]Token, 0, len(toks))
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if i+1 < len(toks) && toks[i+1].Text == "." && toks[i+1].Start == t.End && isWord(t.Text) {
			if keepPeriod(lang, a, s, t.End) {
				t.End++
				t.Text = s[t.Start:t.End]
				i++
			}
		}
		out = splitApostrophe(lang, s, t, out)
	}
	return out
}

// join decides whether segment seg, which touches prev, continues it.
func join(s string, prev Token, seg string) bool {
	p := prev.Text
	last, _ := utf8.DecodeLastRuneInString(p)
	first, _ := utf8.DecodeRuneInString(seg)
	if len(seg) == 1 && strings.ContainsRune(".-!?*=_~", first) && allSame(p, first) {
		return true // "...", "--"
	}
	switch {
	case isHyphen(first): // "ISIS" + "-": only if a word follows the hyphen
		return isWordRune(last) && prev.End+len(seg) < len(s) && startsWord(s[prev.End+len(seg):])
	case isHyphen(last):
		return isWordRune(first) && len(p) > len(string(last)) && isWordRune(lastBefore(p))
	case first == ':' || first == '/':
		return unicode.IsDigit(last) && prev.End+len(seg) < len(s) && startsDigit(s[prev.End+len(seg):])
	case last == ':' || last == '/':
		return unicode.IsDigit(first) && len(p) > 1 && unicode.IsDigit(lastBefore(p))
	case (first == '!' || first == '?') && len(seg) == 1 && strings.Trim(p, "!?") == "":
		return true // "?!"
	}
	return false
}

func lastBefore(p string) rune {
	_, n := utf8.DecodeLastRuneInString(p)
	r, _ := utf8.DecodeLastRuneInString(p[:len(p)-n])
	return r
}

func allSame(p string, r rune) bool {
	for _, c := range p {
		if c != r {
			return false
		}
	}
	return true
}

func isHyphen(r rune) bool { return r == '-' || r == '\u2010' || r == '\u2011' }

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func startsWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isWordRune(r)
}

func startsDigit(s string) bool { return s != "" && '0' <= s[0] && s[0] <= '9' }

// keepPeriod reports whether the period at s[i] belongs to the word before it.
func keepPeriod(lang string, a *abbrevSet, s string, i int) bool {
	kind := classifyPeriod(lang, a, s, i)
	switch kind {
	case periodStrong, periodWeak, periodEnd:
		return true
	case periodOrdinal:
		next := nextWord(s, i+1)
		if next >= len(s) {
			return false
		}
		if r, _ := utf8.DecodeRuneInString(s[next:]); unicode.IsLower(r) {
			return true
		}
		return !periodEnds(kind, a, s, next)
	}
	return false
}

// splitApostrophe appends t to out, split at an apostrophe where lang's
// rules say so.
func splitApostrophe(lang, s string, t Token, out []Token) []Token {
	w := t.Text
	i := strings.IndexAny(w, "'’")
	if i <= 0 || i == len(w)-1 {
		return append(out, t)
	}
	split := func(at int) []Token {
		return append(out, Token{s[t.Start : t.Start+at], t.Start, t.Start + at}, Token{s[t.Start+at : t.End], t.Start + at, t.End})
	}
	_, aw := utf8.DecodeRuneInString(w[i:])
	switch lang {
	case "fr", "it", "ca":
		if elisions[strings.ToLower(w[:i])] {
			out = append(out, Token{w[:i+aw], t.Start, t.Start + i + aw})
			return splitApostrophe(lang, s, Token{w[i+aw:], t.Start + i + aw, t.End}, out)
		}
	case "tr", "az":
		return split(i)
	case "en", "":
		lw := strings.ToLower(w)
		if strings.HasSuffix(lw, "n't") || strings.HasSuffix(lw, "n’t") {
			k := strings.LastIndex(lw, "n")
			if k > 0 {
				return split(k)
			}
		}
		j := strings.LastIndexAny(w, "'’")
		_, aj := utf8.DecodeRuneInString(w[j:])
		switch strings.ToLower(w[j+aj:]) {
		case "s", "re", "ve", "ll", "d", "m":
			return split(j)
		}
	}
	return append(out, t)
}
