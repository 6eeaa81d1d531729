package extract

import (
	"net"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// titleSeparator splits a page title into the headline and the outlet's
// branding: a spaced dash, bar, "::", "//", "»" or "·", or a bar alone.
// A colon is no separator: headlines use it ("Police: two arrested").
var titleSeparator = regexp.MustCompile(`\s+(?:[-–—|»·]|::|//)\s+|\s*\|\s*`)

// Headline returns a page title without the outlet's name that sites add
// after the headline ("Two hurt in crash - KXYZ.com | News, Weather") or
// before it ("KXYZ News | Two hurt in crash"). A part of the title is cut
// when it reads as branding (brandish) and names the outlet: it begins
// with a name of the page's host ("kxyz" of www.kxyz.com) or with source,
// the outlet's name, or, after the headline, holds one ("Springfield News
// & Weather KXYZ.com"). What is cut must leave a headline of two words or
// more; otherwise the title is returned as it is.
func Headline(title, source, pageURL string) string {
	seps := titleSeparator.FindAllStringIndex(title, -1)
	if len(seps) == 0 {
		return title
	}
	keys := siteKeys(source, pageURL)
	if len(keys) == 0 {
		return title
	}
	for _, sep := range seps {
		head := strings.TrimRight(title[:sep[0]], " -–—|»·:/")
		rest := title[sep[1]:]
		first := firstPart(rest)
		if len(strings.Fields(head)) >= 2 &&
			(brandish(first, keys) && namesSite(first, keys, false) || brandLike(rest, keys) && namesSite(rest, keys, true)) {
			title = head
			break
		}
	}
	if sep := titleSeparator.FindStringIndex(title); sep != nil {
		rest := title[sep[1]:]
		if first := title[:sep[0]]; len(strings.Fields(rest)) >= 2 && brandish(first, keys) && namesSite(first, keys, false) {
			title = rest
		}
	}
	return title
}

// brandish tells whether a part of a title that begins with the outlet's
// name can be its branding: "Kxyz Channel 4", but not "Kxyz poll shows
// mayor ahead", a headline about the outlet.
func brandish(part string, keys []string) bool {
	return brandLike(part, keys) || len(strings.Fields(part)) <= 3
}

// firstPart returns the text up to the first separator of s, skipping
// separators s starts with ("- | KXYZ Channel 4").
func firstPart(s string) string {
	for {
		sep := titleSeparator.FindStringIndex(s)
		if sep == nil {
			return s
		}
		if sep[0] > 0 {
			return s[:sep[0]]
		}
		s = s[sep[1]:]
	}
}

// genericLabels are host labels that name no outlet.
var genericLabels = map[string]bool{
	"www": true, "www2": true, "news": true, "amp": true, "mobile": true, "edition": true,
	"online": true, "com": true, "net": true, "org": true, "gov": true, "edu": true, "info": true,
}

// siteKeys returns the squashed names an outlet goes by: the labels of the
// page's host but its top-level domain ("kxyz" of www.kxyz.co.uk), and the
// outlet's name, with and without a leading "the".
func siteKeys(source, pageURL string) []string {
	var keys []string
	if u, err := url.Parse(strings.TrimSpace(pageURL)); err == nil && net.ParseIP(u.Hostname()) == nil {
		labels := strings.Split(strings.ToLower(u.Hostname()), ".")
		for _, l := range labels[:max(len(labels)-1, 0)] {
			if len(l) >= 3 && !genericLabels[l] {
				keys = append(keys, squash(l))
			}
		}
	}
	if s := squash(source); len(s) >= 4 && !genericLabels[s] {
		keys = append(keys, s)
		if t, ok := strings.CutPrefix(s, "the"); ok && len(t) >= 4 {
			keys = append(keys, t)
		}
	}
	return keys
}

// namesSite tells whether a part of a title begins with one of the keys,
// ending where a word ends: "KXYZ.com-Springfield" and "KXYZ Channel 4"
// name kxyz, "Kxyzian says" does not. With anywhere, the key may also
// begin at a later word ("Springfield News & Weather KXYZ.com").
func namesSite(part string, keys []string, anywhere bool) bool {
	words := titleWords(strings.ToLower(part))
	for i := range words {
		if i > 0 && !anywhere {
			break
		}
		prefix := ""
		for _, w := range words[i:] {
			prefix += w
			if slices.Contains(keys, prefix) {
				return true
			}
		}
	}
	return false
}

// brandWords may be lower-case in an outlet's branding, as may any word
// of three letters or fewer ("of", "di", "com" of "KXYZ.com") and the
// outlet's own name ("kxyz.com").
var brandWords = map[string]bool{
	"news": true, "weather": true, "sports": true, "traffic": true, "video": true,
}

// brandLike tells whether s reads like an outlet's branding rather than
// the end of a headline: every word capitalised or a digit, but for the
// words branding leaves lower-case ("Springfield News, weather and
// sports", "Il Giornale di Springfield"). "sources tell Kxyz" is no
// branding.
func brandLike(s string, keys []string) bool {
	for _, w := range titleWords(s) {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) && utf8.RuneCountInString(w) > 3 && !brandWords[w] && !slices.Contains(keys, w) {
			return false
		}
	}
	return true
}

// titleWords splits s into its runs of letters and digits ("KXYZ.com-Springfield"
// is three words).
func titleWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !isWordRune(r) })
}

// squash lowercases s and keeps only its letters and digits, so that
// "KXYZ.com", "kxyz com" and "Kxyz" compare.
func squash(s string) string {
	var b strings.Builder
	for _, r := range s {
		if isWordRune(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
