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
	s = quoteFold.Replace(norm.NFC.String(s))
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
