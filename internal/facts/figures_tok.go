package facts

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tocsin/tocsin/internal/text"
)

// ftok is a token of the figure scanner: a word, a number or one
// punctuation mark, with byte offsets into Doc.Text.
type ftok struct {
	start, end int
	raw        string // the text as written
	fold       string // text.Fold(raw)
	punct      bool
	digits     bool // made of digits and separators only
	num        int  // value when digits (or a decimal with a multiplier later)
	dec        bool // digits with a decimal part ("1.5", "2,3")

	// Lexicon lookups, made once per token by lookup.
	class   wclass // the word's classes in the lexicon (figures_words.go)
	cue     string // kind named by the word alone
	first   bool   // first word of a cue of several words
	word    int    // value as a number word
	isWord  bool   // word is set
	article bool
	quant   bool // may start a count: a number word, a vague or approximate quantity, an age, a singular noun
}

// lookup fills in the lexicon fields of the tokens for lang.
func lookup(toks []ftok, lang string, lx *figLex) {
	for i := range toks {
		t := &toks[i]
		if t.punct || t.digits {
			continue
		}
		info, ok := lx.words[t.fold]
		t.class = info.class
		t.cue = info.cue
		t.first = info.class&wFirst != 0
		if info.isNum {
			t.word, t.isWord = info.num, true
		} else if !ok {
			t.word, t.isWord = lx.numWord(lang, t.fold) // compounds: "twenty-five", "dreiundzwanzig"
		}
		t.article = info.class&wArticle != 0
		t.quant = t.isWord || info.class&(wVague|wApprox|wSingular) != 0 || !ok && isAge(t.fold)
	}
}

// lowerASCII returns s with ASCII capitals lowered (s itself when it has
// none). Byte offsets are the same in both.
func lowerASCII(s string) string {
	i := 0
	for i < len(s) && !('A' <= s[i] && s[i] <= 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	from := 0
	for ; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b.WriteString(s[from:i])
			b.WriteByte(c + 'a' - 'A')
			from = i + 1
		}
	}
	b.WriteString(s[from:])
	return b.String()
}

// foldNeed is 0 when w is its own folded form, 1 when it is ASCII with
// capitals, 2 otherwise.
func foldNeed(w string) int {
	need := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 {
			return 2
		}
		if 'A' <= c && c <= 'Z' {
			need = 1
		}
	}
	return need
}

// figTokens splits s (which starts at byte base of the document) into
// figure tokens; lower is the document with ASCII capitals lowered. Words keep inner hyphens and apostrophes ("23-year-old",
// "quatre-vingts", "100'den"); numbers keep their thousands separators
// ("1,200", "1.200", "1 200") and ranges written "10-15" are split into
// "10", "-", "15".
func figTokens(dst []ftok, s string, base int, lower string) []ftok {
	i := 0
	for i < len(s) {
		c := s[i]
		if c == ' ' || c == '\n' || c == '\t' || c == '\r' {
			i++
			continue
		}
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
			j := scanWord(s, i)
			dst = appendWord(dst, s[i:j], base+i, lower)
			i = j
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r) || unicode.Is(unicode.Cf, r):
			i += n
		case isDigit(r):
			j := scanNumber(s, i)
			// A number glued to letters ("23-year-old", "8:30", "100'den")
			// becomes one word, handled by its fold.
			if j < len(s) {
				r2, _ := utf8.DecodeRuneInString(s[j:])
				if unicode.IsLetter(r2) || r2 == ':' && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9' ||
					(r2 == '-' || r2 == '\'' || r2 == '’') && j+1 < len(s) && startsLetter(s[j+1:]) {
					k := scanWord(s, j)
					dst = appendWord(dst, s[i:k], base+i, lower)
					i = k
					continue
				}
			}
			raw := s[i:j]
			v, dec, ok := parseDigits(raw)
			t := ftok{start: base + i, end: base + j, raw: raw, fold: raw, digits: ok, num: v, dec: dec}
			dst = append(dst, t)
			i = j
		case unicode.IsLetter(r):
			j := scanWord(s, i)
			dst = appendWord(dst, s[i:j], base+i, lower)
			i = j
		default:
			dst = append(dst, ftok{start: base + i, end: base + i + n, raw: s[i : i+n], fold: s[i : i+n], punct: true})
			i += n
		}
	}
	return dst
}

func appendWord(dst []ftok, w string, at int, lower string) []ftok {
	t := ftok{start: at, end: at + len(w), raw: w}
	switch foldNeed(w) {
	case 0:
		t.fold = w
	case 1:
		t.fold = lower[at : at+len(w)]
	default:
		t.fold = text.Fold(w)
	}
	return append(dst, t)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '٠' && r <= '٩' }

func startsLetter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r)
}

// scanWord returns the end of the word starting at s[i]: letters, digits,
// marks and inner hyphens or apostrophes followed by a letter or digit.
func scanWord(s string, i int) int {
	for i < len(s) {
		if c := s[i]; 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			i += n
			continue
		}
		if (r == '-' || r == '\'' || r == '’' || r == '‐' || r == '.' && i > 0 && isDigit(rune(s[i-1]))) && i+n < len(s) {
			r2, _ := utf8.DecodeRuneInString(s[i+n:])
			if unicode.IsLetter(r2) || (r != '.' && unicode.IsDigit(r2)) {
				i += n
				continue
			}
		}
		break
	}
	return i
}

// scanNumber returns the end of the digit run starting at s[i], taking in
// thousands separators (",", ".", a space, a no-break or thin space, "'")
// followed by exactly three digits, and one decimal part.
func scanNumber(s string, i int) int {
	j := digitRun(s, i)
	first := j - i
	for j < len(s) {
		sep, n := utf8.DecodeRuneInString(s[j:])
		switch sep {
		case ',', '.', ' ', '\u00a0', '\u202f', '\u2009', '\'', '’', '٬', '٫':
		default:
			return j
		}
		k := digitRun(s, j+n)
		if k == j+n {
			return j
		}
		if k-(j+n) == 3 && (sep != ' ' && sep != '\u00a0' && sep != '\u202f' && sep != '\u2009' || first <= 3) {
			j = k
			continue
		}
		if (sep == '.' || sep == ',' || sep == '٫') && k-(j+n) != 3 {
			return k // a decimal part: "1.5"
		}
		return j
	}
	return j
}

func digitRun(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isDigit(r) {
			break
		}
		i += n
	}
	return i
}

// parseDigits reads a number written with digits. A group separator
// followed by three digits is read as thousands ("1,200", "1.200"), any
// other separator as a decimal point; dec reports a decimal part.
func parseDigits(s string) (v int, dec bool, ok bool) {
	// The last group of digits decides: three digits after a separator
	// are thousands, anything else a decimal part.
	groups, lastLen, lastStart := 0, 0, 0
	in := false
	for i, r := range s {
		if isDigit(r) {
			if !in {
				groups++
				lastStart, lastLen = i, 0
				in = true
			}
			lastLen++
		} else {
			in = false
		}
	}
	if groups == 0 {
		return 0, false, false
	}
	dec = groups > 1 && lastLen != 3
	for i, r := range s {
		if dec && i >= lastStart {
			break
		}
		if !isDigit(r) {
			continue
		}
		d := int(r - '0')
		if r >= '٠' {
			d = int(r - '٠')
		}
		v = v*10 + d
		if v > 1e9 {
			return 0, false, false
		}
	}
	if dec {
		// Keep the first decimal digit as tenths in num for multipliers
		// ("1.5 million"); callers check dec.
		r, _ := utf8.DecodeRuneInString(s[lastStart:])
		d := int(r - '0')
		if r >= '٠' {
			d = int(r - '٠')
		}
		v = v*10 + d
	}
	return v, dec, true
}
