// Package extract turns one raw document (plain text or HTML) into clean article
// text and the metadata found in it: title, author, publication date, outlet,
// agency and language. It removes boilerplate (captions, credits, author bios,
// "read more" lines, agency sign-offs) but never rewrites the words of the
// report. It does not fetch, store or deduplicate anything.
package extract

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// quoteFold maps the many quotation marks of news text onto two: '"' for
// double quotes and '\” for single quotes and apostrophes, so later stages
// match quotes and possessives ("Russia’s") one way.
var quoteFold = strings.NewReplacer(
	"“", `"`, "”", `"`, "„", `"`, "‟", `"`, "″", `"`, "〝", `"`, "〞", `"`, "＂", `"`,
	"« ", `"`, "«\u00a0", `"`, "«\u202f", `"`, " »", `"`, "\u00a0»", `"`, "\u202f»", `"`, "«", `"`, "»", `"`,
	"‘", "'", "’", "'", "‚", "'", "‛", "'", "′", "'", "‹", "'", "›", "'", "＇", "'",
	"\u00a0", " ", "\u202f", " ", "\u2007", " ", "\u2009", " ", "\u200a", " ", "\u2002", " ",
	"\u2003", " ", "\u3000", " ", "\u200b", "", "\ufeff", "", "\u00ad", "", "\u2060", "",
	"\r\n", "\n", "\r", "\n", "\u2028", "\n", "\u2029", "\n\n", "\u0085", "\n",
)

// Normalize returns s in Unicode NFC with quote marks and apostrophes folded,
// invisible characters removed, runs of spaces collapsed, every line trimmed
// and at most one blank line between paragraphs. Words are left as they are.
func Normalize(s string) string {
	s = quoteFold.Replace(frenchSpacing(norm.NFC.String(s)))
	var b strings.Builder
	b.Grow(len(s))
	blank := 0
	for line := range strings.SplitSeq(s, "\n") {
		line = collapseSpaces(line)
		if line == "" {
			blank++
			continue
		}
		if b.Len() > 0 {
			if blank > 0 {
				b.WriteString("\n\n")
			} else {
				b.WriteByte('\n')
			}
		}
		blank = 0
		b.WriteString(line)
	}
	return b.String()
}

// collapseSpaces trims line and turns every run of white space and control
// characters inside it into one space.
func collapseSpaces(line string) string {
	var b strings.Builder
	space := false
	for _, r := range line {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// frenchSpacing removes the space French typography puts inside guillemets
// (« Oui » becomes «Oui», and then "Oui"), which would otherwise survive
// quote folding as a stray space. German »Ja« and «Ja» have no such space and
// are left alone: the space goes only when it is on the inner side.
func frenchSpacing(s string) string {
	if !strings.ContainsAny(s, "«»") {
		return s
	}
	rs := []rune(s)
	out := rs[:0:0]
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if isGuillemetSpace(r) && i > 0 && rs[i-1] == '«' && (i < 2 || unicode.IsSpace(rs[i-2]) || rs[i-2] == '(') {
			continue // « Oui: the space after an opening guillemet
		}
		if isGuillemetSpace(r) && i+1 < len(rs) && rs[i+1] == '»' && i > 0 && !unicode.IsSpace(rs[i-1]) &&
			(i+2 >= len(rs) || !isWordRune(rs[i+2])) {
			continue // Oui »: the space before a closing guillemet
		}
		out = append(out, r)
	}
	return string(out)
}

func isGuillemetSpace(r rune) bool {
	return r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\u2009'
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
