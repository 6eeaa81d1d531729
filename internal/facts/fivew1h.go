package facts

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/text"
)

// MainEvent describes the article's main event as 5W1H from the facts the
// other extractors found:
//
//   - Who: the actor of a claim of responsibility; else the person or
//     organisation mentioned most, mentions in the first three sentences
//     counting double; else the actor of the first claim.
//   - What: the title; without one, the first sentence cut to its first
//     clause (at most 25 words).
//   - When: the best resolved date of day, hour or minute granularity in the
//     first eight sentences (see WhenOf).
//   - Where: left nil; MainPlace gives the place name for the geo stage to
//     resolve.
//   - Why and How: short phrases after cue words ("because", "in
//     retaliation for"; "with machine guns", "by a car bomb") in the first
//     four sentences; empty when none is found.
func MainEvent(d *Doc, title string, dates []news.DateMention, figures []news.Figure, claims []news.Claim, mentions []news.Mention) news.FiveW1H {
	sents := d.runeSentences()
	var e news.FiveW1H
	e.Who = mainActor(sents, claims, mentions)
	e.What = strings.Join(strings.Fields(title), " ")
	if e.What == "" && len(d.Sentences) > 0 {
		e.What = firstClause(d.Slice(d.Sentences[0]))
	}
	e.When = WhenOf(d, dates)
	e.Why = d.cuePhrase(whyCues, nil)
	e.How = d.cuePhrase(howCues, weaponWords)
	return e
}

// runeSentences returns the sentences as code-point spans, the unit of
// news.Span.
func (d *Doc) runeSentences() []news.Span {
	out := make([]news.Span, len(d.Sentences))
	for i, s := range d.Sentences {
		out[i] = d.Span(s.Start, s.End)
	}
	return out
}

func sentenceOf(sents []news.Span, pos int) int {
	for i, s := range sents {
		if pos < s.End {
			if pos >= s.Start {
				return i
			}
			return max(i-1, 0)
		}
	}
	return len(sents)
}

// WhenOf picks the time of the main event from dates: among resolved
// mentions of day, hour or minute granularity in the first eight sentences
// it prefers early sentences, clock times, sentences with event words
// ("shot", "explosion", "arrested"), and avoids dates of reporting ("said
// Monday", "on Tuesday announced") and dates more than a day after
// publication. It returns nil when no mention qualifies.
func WhenOf(d *Doc, dates []news.DateMention) *time.Time {
	if len(dates) == 0 {
		return nil
	}
	sents := d.runeSentences()
	t := cueTables[d.Lang]
	if t == nil {
		t = cueTables["en"]
	}
	eventful := map[int]bool{}
	var words []string
	best, bestScore := -1, 0.0
	for i, m := range dates {
		if m.Value == nil || m.Granularity != GranDay && m.Granularity != GranHour && m.Granularity != GranMinute {
			continue
		}
		si := sentenceOf(sents, m.Start)
		if si >= 8 {
			break
		}
		score := []float64{3, 2.5, 2, 1.5, 1, 1, 0.5, 0.5}[si]
		if m.Granularity != GranDay {
			score += 0.5
		}
		if d.Published != nil && m.Value.After(d.Published.Add(36*time.Hour)) {
			score -= 3
		}
		ev, ok := eventful[si]
		if !ok {
			var sc [16]float64
			s := d.Sentences[si]
			words = appendWords(words[:0], d.Text[s.Start:s.End])
			t.score(words, 1, sc[:])
			ev = sc[0]+sc[1]+sc[3]+sc[7] >= 2
			eventful[si] = ev
		}
		if ev {
			score++
		}
		if d.near(m, reportingVerbs) {
			score -= 2
		}
		if sl := sents[si].End - sents[si].Start; 10*(m.End-m.Start) >= 6*sl || d.near(m, stampWords) {
			score -= 5 // a dateline or "Published Saturday, April 27": when the article was written
		}
		if best < 0 || score > bestScore {
			best, bestScore = i, score
		}
	}
	if best < 0 {
		return nil
	}
	v := *dates[best].Value
	return &v
}

// near reports whether one of the words (folded prefixes) sits within two
// words before or after the mention: "police said Monday", "on Tuesday
// announced", "Updated Friday".
func (d *Doc) near(m news.DateMention, words []string) bool {
	// Find the mention's bytes by its text near its code-point offset.
	start := byteOffset(d.Text, m.Start)
	end := start + len(m.Text)
	lo, hi := max(start-28, 0), min(end+28, len(d.Text))
	for lo > 0 && !utf8.RuneStart(d.Text[lo]) {
		lo--
	}
	for hi < len(d.Text) && !utf8.RuneStart(d.Text[hi]) {
		hi++
	}
	before := appendWords(nil, d.Text[lo:start])
	after := appendWords(nil, d.Text[min(end, hi):hi])
	near := append(lastN(before, 2), firstN(after, 2)...)
	for _, w := range near {
		if hasAnyPrefix(w, words) {
			return true
		}
	}
	return false
}

func lastN(w []string, n int) []string {
	if len(w) > n {
		return w[len(w)-n:]
	}
	return w
}

func firstN(w []string, n int) []string {
	if len(w) > n {
		return w[:n]
	}
	return w
}

// byteOffset returns the byte offset of code point r in s.
func byteOffset(s string, r int) int {
	for i := range s {
		if r == 0 {
			return i
		}
		r--
	}
	return len(s)
}

// reportingVerbs are folded prefixes of verbs of saying in all languages.
var reportingVerbs = []string{
	"said", "says", "told", "announc", "report", "confirm", "identif", "release",
	"sagte", "erklart", "teilte", "berichtet", "declar", "annonc", "dijo", "inform", "detto", "dichiar", "comunic",
	"заяв", "сообщ", "powiedzia", "oswiadczy", "zei", "meldde", "dedi", "acikla",
}

// stampWords mark the time an article was published or updated.
var stampWords = []string{"published", "updated", "posted", "veroffentlicht", "aktualisiert", "publie", "mis a jour",
	"publicado", "actualizado", "pubblicato", "aggiornato", "опубликован", "обновлен", "opublikowan", "zaktualizowan",
	"gepubliceerd", "bijgewerkt", "yayinlan", "guncellen"}

// mainActor picks Who.
func mainActor(sents []news.Span, claims []news.Claim, mentions []news.Mention) string {
	for _, c := range claims {
		if c.Stance == news.Claims && c.Actor != "" {
			return c.Actor
		}
	}
	type tally struct {
		score float64
		first int
		text  string
	}
	counts := map[string]*tally{}
	for i, m := range mentions {
		if m.Type != news.PER && m.Type != news.ORG {
			continue
		}
		key := m.Entity
		if key == "" {
			key = text.Fold(m.Text)
		}
		w := 1.0
		if sentenceOf(sents, m.Start) < 3 {
			w = 2
		}
		t := counts[key]
		if t == nil {
			t = &tally{first: i, text: m.Text}
			counts[key] = t
		}
		t.score += w
		if len(m.Text) > len(t.text) {
			t.text = m.Text // the fullest form: "President Vladimir Putin" over "Putin"
		}
	}
	var best *tally
	for _, t := range counts {
		if best == nil || t.score > best.score || t.score == best.score && t.first < best.first {
			best = t
		}
	}
	if best != nil {
		return best.text
	}
	for _, c := range claims {
		if c.Actor != "" {
			return c.Actor
		}
	}
	return ""
}

// firstClause cuts a sentence at its first comma, semicolon or dash after
// six words, and to 25 words.
func firstClause(s string) string {
	words := 0
	inWord := false
	for i, r := range s {
		if unicode.IsSpace(r) {
			inWord = false
			continue
		}
		if !inWord {
			words++
			inWord = true
			if words > 25 {
				return strings.TrimSpace(s[:i])
			}
		}
		if words >= 6 && (r == ',' || r == ';' || r == '–' || r == '—') {
			return strings.TrimSpace(s[:i])
		}
	}
	return strings.TrimRight(strings.TrimSpace(s), ".!")
}

// Cue words for Why and How, folded, by language. A cue of several words is
// matched word by word.
var whyCues = map[string][]string{
	"en": {"because", "due to", "in retaliation for", "in protest against", "in revenge for", "in response to"},
	"de": {"weil", "wegen", "aus protest", "als vergeltung", "aus rache"},
	"fr": {"parce que", "en raison de", "en represailles", "pour protester"},
	"es": {"porque", "debido a", "en represalia", "en protesta"},
	"it": {"perche", "a causa di", "per protesta", "come rappresaglia"},
	"ru": {"потому что", "из-за", "в ответ на", "в знак протеста"},
	"pl": {"poniewaz", "z powodu", "w odwecie", "w protescie"},
	"nl": {"omdat", "vanwege", "uit protest", "als vergelding"},
	"tr": {"nedeniyle", "yuzunden"},
}

var howCues = map[string][]string{
	"en": {"with", "by", "using"},
	"de": {"mit", "durch"},
	"fr": {"avec", "par", "a l'aide"},
	"es": {"con", "mediante"},
	"it": {"con", "tramite"},
	"ru": {"из", "с"},
	"pl": {"z uzyciem", "za pomoca"},
	"nl": {"met", "door"},
	"tr": {"ile"},
}

// weaponWords are folded prefixes; a How phrase must reach one within four
// words of its cue.
var weaponWords = []string{
	"gun", "rifle", "pistol", "handgun", "shotgun", "firearm", "knife", "knives", "machete", "bomb", "explosive", "grenade",
	"car", "truck", "vehicle", "van", "drone", "missile", "rocket", "arson", "fire",
	"gewehr", "maschinen", "pistole", "waffe", "messer", "bombe", "sprengsatz", "auto", "lkw", "lastwagen",
	"arme", "fusil", "couteau", "kalach", "voiture", "camion",
	"arma", "fusil", "cuchillo", "bomba", "coche", "camion",
	"armi", "fucil", "coltell", "auto",
	"автомат", "оруж", "нож", "бомб", "взрывчат", "машин",
	"bron", "noz", "bomb", "samochod", "ciezarow",
	"wapen", "geweer", "mes", "bom", "vrachtwagen",
	"silah", "bicak", "bomba",
}

// cuePhrase finds the first cue of the table in d.Lang in the first four
// sentences and returns it with the words after it, up to punctuation or 12
// words. With need set, one of the next four words must start with one of
// its prefixes and the phrase ends at that word.
func (d *Doc) cuePhrase(table map[string][]string, need []string) string {
	cues := table[d.Lang]
	if cues == nil {
		cues = table["en"]
	}
	split := make([][]string, len(cues))
	for i, c := range cues {
		split[i] = strings.Fields(c)
	}
	for si, s := range d.Sentences {
		if si >= 4 {
			break
		}
		ws := wordSpans(d.Text[s.Start:s.End])
		for i := range ws {
			for _, parts := range split {
				if ws[i].w != parts[0] || i+len(parts) > len(ws) {
					continue
				}
				ok := true
				for k, p := range parts {
					if ws[i+k].w != p {
						ok = false
						break
					}
				}
				if !ok {
					continue
				}
				first := i + len(parts)
				last := -1
				if need != nil {
					for k := first; k < len(ws) && k < first+4; k++ {
						if hasAnyPrefix(ws[k].w, need) {
							last = k
							break
						}
					}
				} else {
					for k := first; k < len(ws) && k < first+12; k++ {
						if k > first && ws[k].punctBefore {
							break
						}
						last = k
					}
				}
				if last < first {
					continue
				}
				return d.Text[s.Start+ws[i].start : s.Start+ws[last].end]
			}
		}
	}
	return ""
}

func hasAnyPrefix(w string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

type wordSpan struct {
	w           string // folded
	start, end  int
	punctBefore bool // a mark other than an apostrophe or hyphen separates it from the previous word
}

// wordSpans splits s into folded words with their byte ranges.
func wordSpans(s string) []wordSpan {
	var out []wordSpan
	start := -1
	punct := false
	for i, r := range s {
		letter := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == '\'' || r == '’' || r == '-' && start >= 0
		switch {
		case letter && start < 0:
			start = i
		case !letter && start >= 0:
			out = append(out, wordSpan{w: text.Fold(s[start:i]), start: start, end: i, punctBefore: punct})
			start, punct = -1, false
		}
		if !letter && !unicode.IsSpace(r) {
			punct = true
		}
	}
	if start >= 0 {
		out = append(out, wordSpan{w: text.Fold(s[start:]), start: start, end: len(s), punctBefore: punct})
	}
	return out
}

// MainPlace returns the text of the place the main event happened at, for
// the geo stage to resolve into FiveW1H.Where: the first LOC mention in the
// first three sentences, else the most mentioned LOC; "" when there is none.
func MainPlace(d *Doc, mentions []news.Mention) string {
	sents := d.runeSentences()
	counts := map[string]int{}
	best := ""
	for _, m := range mentions {
		if m.Type != news.LOC {
			continue
		}
		if sentenceOf(sents, m.Start) < 3 {
			return m.Text
		}
		k := text.Fold(m.Text)
		counts[k]++
		if best == "" || counts[k] > counts[text.Fold(best)] {
			best = m.Text
		}
	}
	return best
}
