package facts

import (
	"slices"
	"strings"

	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/text"
)

// ArticleRules are the per-article readings that ArticleCountBy knows, the
// default first. "lead" reads the figures of the lead (the headline and the
// first LeadSentences sentences) when it has any and all figures otherwise,
// "max" the largest figure, "first" the first figure, "mode" the most
// frequent value (ties to the larger). For injured, a count of people shot
// that is the reading loses the article's killed reading ("6 shot, 1
// dead" reads 5 injured).
var ArticleRules = []string{"lead", "max", "first", "mode"}

// LeadSentences is how many sentences count as an article's lead.
const LeadSentences = 3

// ArticleCount is an article's reading of one kind of figure: the number
// of people killed (or injured, ...) that the article reports for its main
// incident, or 0 when it reports none. It applies the default rule of
// ArticleRules; see docs/facts-figures.md for the measurements behind it.
func ArticleCount(d *Doc, figs []news.Figure, kind string) int {
	return ArticleCountBy(ArticleRules[0], d, figs, kind)
}

// ArticleCountBy is ArticleCount with a named rule from ArticleRules.
// Vague figures ("dozens") count only when the article has no other figure
// of the kind.
func ArticleCountBy(rule string, d *Doc, figs []news.Figure, kind string) int {
	n, from := articleCount(rule, d, figs, kind)
	if kind == news.Killed && rule == "lead" && n > 0 && !inLead(d, from) {
		// "Four people shot at a bar" leads an article whose only dead
		// come further down: in a round-up of several shootings those are
		// other incidents' dead.
		// A "quadruple shooting" is one incident: its dead are its own.
		if m, inj := articleCount(rule, d, figs, news.Injured); m > 1 && inLead(d, inj) && !slices.ContainsFunc(inj, multipleShot) {
			n = 0
		}
	}
	if kind == news.Killed && n > 0 && n == maxSelfSum(figs) {
		// "fatally shot his wife and three children before killing
		// himself": the shooter is one more dead.
		n++
	}
	if kind == news.Injured && n > 0 {
		// "Six people were shot, one dead": a count of people shot holds
		// the dead too, unless it says "others". Only the figures the
		// reading came from decide: "2 hurt" in the lead is not made a
		// count of the shot by "both shot" further down.
		if allShot(from, figs, n) {
			n = max(0, n-ArticleCountBy(rule, d, figs, news.Killed))
		} else if n == 1 && onlySingular(figs, kind) && ArticleCountBy(rule, d, figs, news.Killed) == 1 && !anotherPerson(figs) {
			// "A man was killed ... He was shot in the chest": a victim
			// named without a number is most often the dead one. Beside
			// several dead ("three women killed ... injured a man") he
			// is most often one more, and so is one the dead cannot be
			// ("a boy died ... the girl was wounded"). A count of people
			// shot ("the girl was shot") still holds the dead: keeping
			// the other sex or age there lost 6 incidents on GVA dev.
			n = 0
		}
	}
	return n
}

// HitCount reports whether an article's injured reading is a count of
// people shot that may still hold dead the article does not know of: it
// comes from counts of people shot ("four people were shot", "girl
// shot") and the article reports no dead. A later report of deaths in the
// same incident is then read as some of those shot having died.
func HitCount(d *Doc, figs []news.Figure) bool {
	n, from := articleCount(ArticleRules[0], d, figs, news.Injured)
	return n > 0 && allShot(from, figs, n) && ArticleCount(d, figs, news.Killed) == 0
}

// multipleShot reports whether f is a "double (triple, ...) shooting".
func multipleShot(f news.Figure) bool {
	return strings.HasSuffix(strings.ToLower(f.Text), " shooting")
}

// maxSelfSum returns the largest killed figure that shares its sentence
// with a figure of a shooter who killed himself ("killing himself"), or
// 0 when there is none.
func maxSelfSum(figs []news.Figure) int {
	best := 0
	for _, s := range figs {
		if s.Kind != news.Killed || !selfKill(s.Text) {
			continue
		}
		for _, f := range figs {
			if f.Kind == news.Killed && f.Sentence == s.Sentence && f.Span != s.Span && !selfKill(f.Text) {
				best = max(best, f.Value)
			}
		}
	}
	return best
}

func selfKill(s string) bool {
	s = strings.ToLower(s)
	return strings.Contains(s, "himself") || strings.Contains(s, "herself") || strings.Contains(s, "own life")
}

// inLead reports whether the figures figs start in the lead of d.
func inLead(d *Doc, figs []news.Figure) bool {
	if len(figs) == 0 || len(d.Sentences) == 0 {
		return false
	}
	s := d.Sentences[min(LeadSentences, len(d.Sentences)-1)]
	return figs[0].Span.Start < d.Span(s.End, s.End).Start
}

// allShot reports whether every figure of value n in from is a count of
// people shot (ShotCount) that still holds its dead: Figures has already
// taken the dead out of "Four people were shot, one fatally" (3 injured).
func allShot(from, figs []news.Figure, n int) bool {
	any := false
	for _, f := range from {
		if f.Value != n {
			continue
		}
		if !ShotCount(f) || netOfFatal(f, figs) {
			return false
		}
		any = true
	}
	return any
}

// netOfFatal reports whether the shot figure f is followed in its sentence
// by the "one fatally" that Figures subtracted from it.
func netOfFatal(f news.Figure, figs []news.Figure) bool {
	for _, g := range figs {
		if g.Kind == news.Killed && g.Sentence == f.Sentence && g.Span.Start > f.Span.Start && strings.Contains(strings.ToLower(g.Text), "fatally") {
			return true
		}
	}
	return false
}

// onlySingular reports whether every figure of kind in figs counts one
// person without a number: "a man was wounded", "she was hurt" (not
// "another man", "her boyfriend was also shot").
func onlySingular(figs []news.Figure, kind string) bool {
	for _, f := range figs {
		if f.Kind != kind {
			continue
		}
		if f.Value != 1 {
			return false
		}
		for w := range strings.FieldsSeq(strings.ToLower(f.Text)) {
			switch strings.Trim(w, ",.;:") {
			case "one", "1", "another", "other", "others", "also", "second", "third", "fourth", "fifth", "survivor", "survived", "surviving":
				return false
			}
		}
	}
	return true
}

// anotherPerson reports whether an injured figure of one person names
// someone the dead cannot be: the killed figures of one person name a sex
// or an age, and the wounded one another ("a 17-year-old boy died ... the
// girl was shot", "a 19-year-old was killed ... a 14-year-old was taken to
// the hospital"). English only, like the figures of one person without a
// number.
func anotherPerson(figs []news.Figure) bool {
	deadSex, deadAge := map[byte]bool{}, map[string]bool{}
	for _, f := range figs {
		if f.Kind == news.Killed && f.Value == 1 {
			sex, age := person(f.Text)
			if sex != 0 {
				deadSex[sex] = true
			}
			if age != "" {
				deadAge[age] = true
			}
		}
	}
	for _, f := range figs {
		if f.Kind != news.Injured || f.Value != 1 {
			continue
		}
		sex, age := person(f.Text)
		if sex != 0 && len(deadSex) > 0 && !deadSex[sex] || age != "" && len(deadAge) > 0 && !deadAge[age] {
			return true
		}
	}
	return false
}

// personSex is the sex a word names a person of: 'f' or 'm'.
var personSex = map[string]byte{
	"girl": 'f', "woman": 'f', "she": 'f', "her": 'f', "mother": 'f', "daughter": 'f', "wife": 'f', "girlfriend": 'f',
	"sister": 'f', "grandmother": 'f', "female": 'f', "lady": 'f', "aunt": 'f', "niece": 'f', "granddaughter": 'f',
	"boy": 'm', "man": 'm', "he": 'm', "him": 'm', "father": 'm', "son": 'm', "husband": 'm', "boyfriend": 'm',
	"brother": 'm', "grandfather": 'm', "male": 'm', "uncle": 'm', "nephew": 'm', "grandson": 'm',
}

// person returns the sex and the age in digits ("17-year-old",
// "22-month-old") that a figure of one person names, if any. The first
// noun decides the sex, a pronoun only when there is none; "her" only as
// the object that ends the phrase ("shot her"): before a noun it is a
// possessive and names someone else ("her child was shot").
func person(s string) (sex byte, age string) {
	var pronoun byte
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		w = strings.Trim(w, ",.;:'\"()")
		for _, unit := range []string{"-year-old", "-month-old"} {
			if n, ok := strings.CutSuffix(w, unit); ok && age == "" && asciiDigits(n) {
				age = w
			}
		}
		x, ok := personSex[w]
		switch {
		case !ok, w == "her" && i < len(words)-1:
		case w == "he" || w == "she" || w == "him" || w == "her":
			if pronoun == 0 {
				pronoun = x
			}
		case sex == 0:
			sex = x
		}
	}
	if sex == 0 {
		sex = pronoun
	}
	return sex, age
}

// ShotCount reports whether f counts people shot, the dead among them
// ("four people were shot", "vier Menschen wurden angeschossen", "cuatro
// personas fueron baleadas", "quatre personnes touchées par balle"),
// rather than only the wounded ("four others were shot", "two wounded",
// "heridos de bala", "blessées par balle").
func ShotCount(f news.Figure) bool {
	if f.Kind != news.Injured {
		return false
	}
	shot := false
	for w := range strings.FieldsSeq(text.Fold(f.Text)) {
		switch strings.Trim(w, ",.;:") {
		case "shot", "shooting", "gunshot", "gunfire", "bullet", "bullets", "hit", "hitting", "struck", "striking",
			"angeschossen", "angeschossene", "baleados", "baleadas", "baleado", "baleada", "tiroteados", "tiroteadas",
			"touches", "touchees", "touche", "touchee":
			shot = true
		case "other", "others", "more", "also", "wounded", "injured", "and",
			"weitere", "andere", "verletzt", "verletzte", "otros", "otras", "heridos", "heridas", "y",
			"autres", "blesses", "blessees", "et":
			return false
		}
	}
	return shot
}

// articleCount returns the reading of kind under rule and the figures it
// was read from (the lead's or all of the article's).
func articleCount(rule string, d *Doc, figs []news.Figure, kind string) (int, []news.Figure) {
	var all, lead []news.Figure
	vague := -1
	leadEnd := -1
	if rule == "lead" && len(d.Sentences) > 0 {
		s := d.Sentences[min(LeadSentences, len(d.Sentences)-1)]
		leadEnd = d.Span(s.End, s.End).Start
	}
	roundUp := roundUps(d, figs)
	for i, f := range figs {
		if f.Kind != kind || i < len(roundUp) && roundUp[i] {
			continue
		}
		if f.Qualifier == "vague" {
			if vague < 0 || f.Value > figs[vague].Value {
				vague = i
			}
			continue
		}
		all = append(all, f)
		if f.Span.Start < leadEnd {
			lead = append(lead, f)
		}
	}
	if len(all) == 0 {
		if vague < 0 {
			return 0, nil
		}
		return figs[vague].Value, figs[vague : vague+1]
	}
	pool := all
	if rule == "lead" && len(lead) > 0 {
		pool = lead
	}
	vals := make([]int, len(pool))
	for i, f := range pool {
		vals[i] = f.Value
	}
	switch rule {
	case "first":
		return vals[0], pool[:1]
	case "mode":
		return Mode(vals), pool
	}
	return slices.Max(vals), pool
}

// roundUpWords mark a sentence that sums up several incidents: "2 dead,
// 8 wounded in separate shootings", "sechs Verletzte bei mehreren
// Schießereien", "cinco heridos en varios tiroteos", "huit blessés dans
// des fusillades".
var roundUpWords = []string{"shootings", "separate incidents", "schiessereien", "tiroteos", "incidentes separados", "fusillades", "incidents distincts"}

// roundUps marks the figures of more than one person told in a sentence
// that sums up several incidents: their totals are no incident's count.
func roundUps(d *Doc, figs []news.Figure) []bool {
	var out []bool
	for i, f := range figs {
		if f.Value < 2 {
			continue
		}
		for _, s := range d.Sentences {
			if d.Span(s.Start, s.End) != f.Sentence {
				continue
			}
			sent := text.Fold(d.Text[s.Start:s.End])
			if slices.ContainsFunc(roundUpWords, func(w string) bool { return strings.Contains(sent, w) }) {
				if out == nil {
					out = make([]bool, len(figs))
				}
				out[i] = true
			}
			break
		}
	}
	return out
}

// RoundUp reports whether an article sums up several incidents: one of its
// sentences gives a count of more than one person "in separate shootings"
// (roundUps). Its readings are those of the stories it goes on to tell,
// one of several incidents.
func RoundUp(d *Doc, figs []news.Figure) bool {
	return slices.Contains(roundUps(d, figs), true)
}

// Mode returns the most frequent value of vals, ties to the larger; 0 for
// none.
func Mode(vals []int) int {
	best, n := 0, 0
	for _, v := range vals {
		c := 0
		for _, w := range vals {
			if w == v {
				c++
			}
		}
		if c > n || c == n && v > best {
			best, n = v, c
		}
	}
	return best
}

// Reading is one article's reading of an incident: the ArticleCount of
// killed and of injured.
type Reading struct {
	Killed, Injured int
	// Hit is set when the injured reading counts people shot in an
	// article that reports no dead (HitCount).
	Hit bool
}

// FuseReadings combines the readings of the articles about one incident.
// Killed is the most frequent non-zero reading (ties to the larger; 0 when
// every article reads 0). Injured is the most frequent non-zero reading
// once the dead are taken out of the readings that may hold them: a count
// of people shot in an article without dead (Hit: "two people shot", then
// "one of them died"), and, when no article reports both dead and injured,
// any injured reading, taken for a report written before the deaths were
// known ("a 4-year-old girl wounded", then "the girl has died").
func FuseReadings(rs []Reading) Reading {
	var ks, is []int
	both := false
	for _, r := range rs {
		if r.Killed > 0 {
			ks = append(ks, r.Killed)
		}
		both = both || r.Killed > 0 && r.Injured > 0
	}
	dead := Mode(ks)
	for _, r := range rs {
		v := r.Injured
		if r.Hit || !both {
			v -= dead
		}
		if v > 0 {
			is = append(is, v)
		}
	}
	return Reading{Killed: dead, Injured: Mode(is)}
}
