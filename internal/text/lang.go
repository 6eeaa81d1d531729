package text

import "strings"

// Lang returns the lowercase ISO 639-1 code for a language tag: "de-AT",
// "DE", "deu" and "ger" all give "de"; "nb" and "nn" give "no". Tags it does
// not know are returned lowercased up to the first '-' or '_'.
func Lang(tag string) string {
	if len(tag) == 2 && isLowerASCII(tag[0]) && isLowerASCII(tag[1]) {
		if tag == "nb" || tag == "nn" {
			return "no"
		}
		return tag // the common case: no allocation
	}
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	tag = strings.ToLower(tag)
	if l, ok := iso6392[tag]; ok {
		return l
	}
	if tag == "nb" || tag == "nn" {
		return "no"
	}
	return tag
}

func isLowerASCII(b byte) bool { return 'a' <= b && b <= 'z' }

// iso6392 maps three-letter codes (terminological and bibliographic) of the
// languages this package has rules for to their two-letter codes.
var iso6392 = map[string]string{
	"ara": "ar", "cat": "ca", "ces": "cs", "cze": "cs", "dan": "da",
	"deu": "de", "ger": "de", "ell": "el", "gre": "el", "eng": "en",
	"spa": "es", "fin": "fi", "fra": "fr", "fre": "fr", "gle": "ga",
	"hun": "hu", "ita": "it", "nld": "nl", "dut": "nl", "nor": "no",
	"nob": "no", "nno": "no", "pol": "pl", "por": "pt", "ron": "ro",
	"rum": "ro", "rus": "ru", "swe": "sv", "tam": "ta", "tur": "tr",
	"ukr": "uk", "zho": "zh", "chi": "zh", "jpn": "ja", "kor": "ko",
}
