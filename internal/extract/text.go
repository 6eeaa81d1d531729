package extract

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// Page is one article as extracted from a raw document.
type Page struct {
	Title     string
	Body      string
	Author    string
	Published *time.Time
	Source    string
	Agency    string
	Lang      string
	URL       string
}

var (
	// A leading date line: "date 2024-03-08", "Published: March 8, 2024 …".
	// Longer cues come first, and a cue must be followed by a colon or a
	// space, so that "dated" and "Database" are not read as "date".
	dateCue = regexp.MustCompile(`(?i)^(published on|published|dated|date|datum|fecha|data|updated on|updated|publié le|publié|mis à jour le|veröffentlicht am|veröffentlicht|aktualisiert am|stand|pubblicato il|pubblicato|aggiornato il|publicado el|publicado|actualizado el|опубликовано|обновлено|gepubliceerd op|gepubliceerd|bijgewerkt op|opublikowano|zaktualizowano|yayınlanma tarihi|yayınlandı|güncellenme tarihi)(?:\s*[:：]\s*|\s+)`)
	// A line without a cue is a date line only when it has a year.
	yearLike = regexp.MustCompile(`\b(19|20)\d\d\b`)
	isoDate  = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?)?\b\s*`)
)

// Text extracts an article from a plain-text document: an optional leading
// date line, a title line when the first line reads like a headline, and the
// cleaned body.
func Text(raw string) Page {
	s := Normalize(raw)
	var p Page
	s, p.Published = leadingDate(s)
	c := Clean(s)
	p.Source, p.Agency = c.Source, c.Agency
	body := c.Text
	first, rest, _ := strings.Cut(body, "\n")
	rest = strings.TrimLeft(rest, "\n")
	if looksLikeTitle(first) && rest != "" {
		p.Title, p.Body = first, rest
	} else {
		p.Title, p.Body = FirstSentence(body, 160), body
	}
	p.Lang = Language(p.Title, p.Body)
	return p
}

// leadingDate removes a date line from the start of s and returns the date.
// The date line is the first line, or the second when the first is a
// headline. Only an unambiguous ISO date, a date after an explicit cue
// ("Published:", "Veröffentlicht am") or a line that is nothing but a full
// date is taken: a number that merely looks like a date is left in the text.
func leadingDate(s string) (string, *time.Time) {
	first, rest, _ := strings.Cut(s, "\n")
	if line, t, ok := dateLine(first); ok {
		if line == "" {
			return strings.TrimLeft(rest, "\n"), t
		}
		return line + "\n" + rest, t
	}
	if !looksLikeTitle(first) {
		return s, nil
	}
	second, rest, _ := strings.Cut(strings.TrimLeft(rest, "\n"), "\n")
	if line, t, ok := dateLine(second); ok {
		if line != "" {
			return first + "\n" + line + "\n" + rest, t
		}
		return first + "\n\n" + strings.TrimLeft(rest, "\n"), t
	}
	return s, nil
}

// dateLine reads a date at the start of line and returns the rest of the
// line (text that followed an ISO date on the same line).
func dateLine(line string) (string, *time.Time, bool) {
	cue := dateCue.FindString(line)
	after := line[len(cue):]
	if m := isoDate.FindStringSubmatch(after); m != nil {
		if t, ok := parseISO(m); ok {
			return strings.TrimSpace(after[len(m[0]):]), &t, true
		}
	}
	n := utf8.RuneCountInString(after)
	if cue != "" && n <= 60 || cue == "" && n <= 40 && yearLike.MatchString(after) {
		if t, ok := ParseDate(after, ""); ok {
			return "", &t, true
		}
	}
	return line, nil, false
}

func parseISO(m []string) (time.Time, bool) {
	layout, value := "2006-01-02", m[1]+"-"+m[2]+"-"+m[3]
	if m[4] != "" {
		layout += "T15:04"
		value += "T" + m[4] + ":" + m[5]
		if m[6] != "" {
			layout += ":05"
			value += ":" + m[6]
		}
		if m[7] != "" {
			layout += "Z07:00"
			z := m[7]
			if z != "Z" && !strings.Contains(z, ":") {
				z = z[:3] + ":" + z[3:]
			}
			value += z
		}
	}
	t, err := time.Parse(layout, value)
	if err != nil {
		return time.Time{}, false
	}
	return t.UTC(), true
}

// looksLikeTitle reports whether a first line is a headline rather than the
// first paragraph: short, and not ending like a sentence.
func looksLikeTitle(line string) bool {
	n := utf8.RuneCountInString(line)
	if n == 0 || n > 200 || len(strings.Fields(line)) > 25 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	return !strings.ContainsRune(".,;:", last)
}

// abbrevs are tokens ending in a period that do not end a sentence.
var abbrevs = map[string]bool{
	"mr.": true, "mrs.": true, "ms.": true, "dr.": true, "prof.": true, "st.": true, "sr.": true,
	"jr.": true, "gen.": true, "col.": true, "lt.": true, "sgt.": true, "gov.": true, "sen.": true,
	"rep.": true, "u.s.": true, "u.k.": true, "u.n.": true, "e.u.": true, "a.m.": true, "p.m.": true,
	"no.": true, "nr.": true, "vs.": true, "etc.": true, "e.g.": true, "i.e.": true, "jan.": true,
	"feb.": true, "mar.": true, "apr.": true, "jun.": true, "jul.": true, "aug.": true, "sep.": true,
	"sept.": true, "oct.": true, "nov.": true, "dec.": true, "z.b.": true, "bzw.": true, "ca.": true,
	"dott.": true, "sig.": true, "ing.": true, "avv.": true, "sra.": true, "dña.": true, "m.": true,
	"mme.": true, "mlle.": true, "г.": true, "ул.": true, "np.": true, "ul.": true, "blz.": true,
}

// FirstSentence returns the first sentence of text, cut at a word boundary to
// at most max runes (with an ellipsis) when it is longer.
func FirstSentence(text string, max int) string {
	para, _, _ := strings.Cut(text, "\n")
	end := len(para)
	for i := 0; i < len(para); i++ {
		c := para[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		j := i + 1
		for j < len(para) && (para[j] == '"' || para[j] == '\'' || para[j] == ')') {
			j++
		}
		if j < len(para) && para[j] != ' ' {
			continue
		}
		if c == '.' {
			wordStart := strings.LastIndexByte(para[:i], ' ') + 1
			word := strings.ToLower(para[wordStart : i+1])
			if abbrevs[word] || (utf8.RuneCountInString(word) == 2 && word != "i.") || isOrdinal(word) {
				continue
			}
		}
		end = j
		break
	}
	sentence := strings.TrimSpace(para[:end])
	if utf8.RuneCountInString(sentence) <= max {
		return sentence
	}
	cut := 0
	for i := range sentence {
		if utf8.RuneCountInString(sentence[:i]) > max-1 {
			break
		}
		if sentence[i] == ' ' {
			cut = i
		}
	}
	if cut == 0 {
		cut = len(string([]rune(sentence)[:max-1]))
	}
	return strings.TrimRight(sentence[:cut], " ,;:-") + "…"
}

// isOrdinal reports "8." style ordinals, as in German dates ("am 8. März").
func isOrdinal(word string) bool {
	digits := strings.TrimSuffix(word, ".")
	if digits == "" || len(digits) > 2 {
		return false
	}
	for _, r := range digits {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
