package text

import (
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/words"
)

// Terms returns the search terms of s in lang, in order and with repeats:
// the words of s by Unicode word segmentation (UAX #29), each lowercased,
// stemmed for languages that have a Snowball stemmer (see HasStemmer), folded
// (see Fold) and stripped of inner punctuation ("U.S." gives "us", "1,000"
// gives "1000"). Punctuation, symbols and emoji are dropped; numbers are kept;
// stop words are kept so that phrase queries still work.
//
// Indexing and querying must use the same function so that "Anschläge"
// finds "Anschlag" and "attacks" finds "attack". The terms are substrings of
// one shared string: Terms allocates that string and the slice, plus whatever
// the stemmer allocates.
func Terms(lang, s string) []string {
	return AppendTerms(nil, lang, s)
}

// AppendTerms appends the Terms of s in lang to dst and returns the result.
func AppendTerms(dst []string, lang, s string) []string {
	buf := appendTermBytes(make([]byte, 0, len(s)), Lang(lang), s)
	joined := string(buf)
	for start := 0; start < len(joined); {
		end := start
		for end < len(joined) && joined[end] != ' ' {
			end++
		}
		dst = append(dst, joined[start:end])
		start = end + 1
	}
	return dst
}

// TermString returns the Terms of s in lang joined by single spaces, the form
// to store in a full-text index column. It is cheaper than joining Terms.
func TermString(lang, s string) string {
	return string(appendTermBytes(make([]byte, 0, len(s)), Lang(lang), s))
}

// Term returns the search term for a single word, or "" when the word has no
// letters or digits. Term(lang, w) equals the one element of Terms(lang, w)
// for a word that segmentation does not split.
func Term(lang, word string) string {
	lang = Lang(lang)
	if !isWord(word) {
		return ""
	}
	return string(appendFold(nil, stem(lang, prepare(lang, word)), true))
}

// appendTermBytes appends the space-separated terms of s to dst.
func appendTermBytes(dst []byte, lang, s string) []byte {
	it := words.FromString(s)
	for it.Next() {
		w := it.Value()
		if !isWord(w) {
			continue
		}
		n := len(dst)
		if n > 0 {
			dst = append(dst, ' ')
		}
		before := len(dst)
		dst = appendFold(dst, stem(lang, prepare(lang, w)), true)
		if len(dst) == before { // e.g. a lone apostrophe-only remainder
			dst = dst[:n]
		}
	}
	return dst
}

// isWord reports whether a segment holds a letter or a digit.
func isWord(w string) bool {
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
				return true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(w[i:])
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			return true
		}
		i += n
	}
	return false
}
