package text

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s lowercased and without diacritics, for matching names across
// spellings: "Köln" and "KOLN" both give "koln", "Zürich" gives "zurich",
// "İstanbul" gives "istanbul", "Łódź" gives "lodz", "Straße" gives "strasse".
//
// Marks are removed from Latin and Greek letters (and compatibility forms such
// as ligatures and full-width letters are expanded), Arabic short-vowel marks
// are dropped, Russian "ё" becomes "е", and curly apostrophes become "'".
// Other scripts are only lowercased: Cyrillic "й", Devanagari vowel signs and
// Japanese voicing marks are kept because they change the letter. Spelling
// variants that are not diacritics ("Kiev"/"Kyiv", "Koeln"/"Köln") are left
// alone. Fold does not change punctuation or spacing, and it returns s itself
// (no allocation) when s is already folded ASCII.
func Fold(s string) string {
	i := 0
	for i < len(s) {
		c := s[i]
		if c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			break
		}
		i++
	}
	if i == len(s) {
		return s
	}
	b := make([]byte, 0, len(s)+4)
	b = append(b, s[:i]...)
	return string(appendFold(b, s[i:], false))
}

// appendFold appends the folded form of s to dst. With compact set it also
// drops every rune that is not a letter, digit or kept mark, which turns
// "u.s" into "us" and "1,000" into "1000".
func appendFold(dst []byte, s string, compact bool) []byte {
	afterCyrillic := false // combining marks after Cyrillic letters are kept
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'A' <= c && c <= 'Z':
				dst = append(dst, c+'a'-'A')
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				dst = append(dst, c)
			case !compact:
				dst = append(dst, c)
			}
			afterCyrillic = false
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if rep, ok := foldSpecial[r]; ok {
			if !compact || rep != "'" {
				dst = append(dst, rep...)
			}
			i += size
			afterCyrillic = false
			continue
		}
		switch {
		case 0x0300 <= r && r <= 0x036F: // combining diacritics in decomposed input
			if afterCyrillic {
				dst = utf8.AppendRune(dst, r)
			}
		case 0x064B <= r && r <= 0x065F, r == 0x0670: // Arabic tashkeel
		case decomposable(r):
			d := norm.NFKD.PropertiesString(s[i:]).Decomposition()
			if d == nil {
				dst = appendLower(dst, r, compact)
				break
			}
			for len(d) > 0 {
				dr, n := utf8.DecodeRune(d)
				d = d[n:]
				if unicode.Is(unicode.Mn, dr) {
					continue
				}
				if rep, ok := foldSpecial[dr]; ok {
					dst = append(dst, rep...)
					continue
				}
				dst = appendLower(dst, dr, compact)
			}
		default:
			dst = appendLower(dst, r, compact)
		}
		afterCyrillic = 0x0400 <= r && r <= 0x052F
		i += size
	}
	return dst
}

func appendLower(dst []byte, r rune, compact bool) []byte {
	if compact && !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.Is(unicode.Mn, r) && !unicode.Is(unicode.Mc, r) {
		return dst
	}
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(dst, byte(r))
	}
	return utf8.AppendRune(dst, unicode.ToLower(r))
}

// decomposable reports whether r is in a block whose compatibility
// decomposition is wanted: Latin, Greek, Latin Extended Additional, Greek
// Extended, letterlike symbols, ligatures and full-width forms. Cyrillic is
// excluded so that "й" keeps its breve; Hangul, kana and Indic scripts are
// excluded because their decompositions are not diacritics.
func decomposable(r rune) bool {
	return r < 0x0400 ||
		0x1E00 <= r && r <= 0x1FFF ||
		0x2070 <= r && r <= 0x214F ||
		0xFB00 <= r && r <= 0xFB06 ||
		0xFF00 <= r && r <= 0xFFEF
}

// foldSpecial holds letters that have no canonical decomposition but a
// conventional plain spelling.
var foldSpecial = map[rune]string{
	'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe",
	'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ð': "d",
	'Ð': "d", 'þ': "th", 'Þ': "th", 'ı': "i", 'ħ': "h", 'Ħ': "h",
	'ŀ': "l", 'Ŀ': "l", 'ĸ': "q", 'ŉ': "n", 'ſ': "s", 'ς': "σ",
	'ё': "е", 'Ё': "е",
	'\u2019': "'", '\u2018': "'", '\u02BC': "'", '\u2032': "'",
}
