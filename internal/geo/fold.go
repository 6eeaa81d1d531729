package geo

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns the lookup key for a place name: lower case, diacritics
// removed (compatibility decomposition, then nonspacing marks dropped),
// a few letters that do not decompose spelt out (ß→ss, æ→ae, ø→o, ł→l…),
// apostrophes dropped and every other run of non-letters and non-digits
// turned into one space. "Köln", "KÖLN" and "koln" fold alike; so do
// "Kam'yanske" and "Kamyanske", "Saint-Étienne" and "saint etienne".
//
// The embedded data stores alternate names already folded, so a change to
// Fold must be followed by a rebuild of the data (see docs/geo.md).
func Fold(s string) string {
	if isASCII(s) {
		return foldASCII(s)
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, " ") // invalid bytes separate words
	}
	s = norm.NFKD.String(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false // a separator is pending
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case isApostrophe(r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			if rep, ok := special[r]; ok {
				b.WriteString(rep)
				continue
			}
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

// special spells out letters that have no canonical decomposition.
var special = map[rune]string{
	'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe",
	'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d",
	'ð': "d", 'Ð': "d", 'þ': "th", 'Þ': "th", 'ı': "i", 'ħ': "h", 'Ħ': "h",
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', '‘', 'ʼ', 'ʻ', '`', '´', 'ʹ', '"':
		return true
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func foldASCII(s string) string {
	// Fast path: already folded strings are returned without allocating.
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == ' ' && i > 0 && i < len(s)-1 && s[i-1] != ' ') {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return string(appendFoldASCII(make([]byte, 0, len(s)), s))
}

// appendFoldASCII appends Fold(s) of an ASCII string s to b.
func appendFoldASCII(b []byte, s string) []byte {
	space := false
	start := len(b)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c == '\'' || c == '`' || c == '"':
			continue
		default:
			space = true
			continue
		}
		if space && len(b) > start {
			b = append(b, ' ')
		}
		space = false
		b = append(b, c)
	}
	return b
}
