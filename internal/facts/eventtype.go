package facts

import (
	"math"
	"unicode"
	"unicode/utf8"

	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/text"
)

// Classify returns the kind of the article's main event (the taxonomy is in
// docs/facts-eventtype.md) with a confidence in [0, 1].
//
// It sums weighted cue words of every type in d.Lang (English for languages
// without a list): a cue in the title counts three times, in the first
// sentence two and a half times, in the next two one and a half times, up to
// the tenth sentence once and after that 0.3 times. Figures and claims add
// evidence: people killed or injured push towards attacks, bombings and
// disasters, people detained towards foiled plots, a claim of responsibility
// towards claim_of_responsibility, accusations and denials towards
// official_statement, warnings towards threat_warning. When no type gathers
// enough evidence the type is "other".
func Classify(d *Doc, title string, figures []news.Figure, claims []news.Claim) news.EventType {
	scores := eventScores(d, title, figures, claims)
	other := len(eventTypes) - 1
	best, second := 0, 1
	if scores[1] > scores[0] {
		best, second = 1, 0
	}
	for i := 2; i < other; i++ {
		switch {
		case scores[i] > scores[best]:
			best, second = i, best
		case scores[i] > scores[second]:
			second = i
		}
	}
	top, sec := scores[best], scores[second]
	enough := 4.0
	if best == 5 {
		enough = 8 // statements are everywhere: an accusation or denial must stand out
	}
	if top < enough {
		// Confidence in "other" falls as the strongest type nears the threshold.
		return news.EventType{Type: news.TypeOther, Confidence: round2(1 - 0.5*top/enough)}
	}
	margin := (top - sec) / top         // 0 when tied, 1 when alone
	strength := 1 - math.Exp(-top/12.0) // more evidence, more confidence
	conf := 0.3 + 0.7*(0.5*margin+0.5*strength)
	return news.EventType{Type: eventTypes[best], Confidence: round2(min(conf, 1))}
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

// eventScores returns the evidence for each of eventTypes.
func eventScores(d *Doc, title string, figures []news.Figure, claims []news.Claim) []float64 {
	scores := make([]float64, len(eventTypes))
	t := cueTables[d.Lang]
	if t == nil {
		t = cueTables["en"]
	}
	words := make([]string, 0, 64)
	words = appendWords(words[:0], title)
	t.score(words, 3, scores)
	for i, s := range d.Sentences {
		w := 0.3
		switch {
		case i == 0:
			w = 2.5
		case i < 3:
			w = 1.5
		case i < 10:
			w = 1
		}
		words = appendWords(words[:0], d.Text[s.Start:s.End])
		t.score(words, w, scores)
	}
	// Attacks are the usual main event when attack and claim or plot words
	// mix; the specific types need their own strong cues to win.
	var killed, injured, detained int
	for _, f := range figures {
		switch f.Kind {
		case news.Killed:
			killed += max(f.Value, 1)
		case news.Injured:
			injured += max(f.Value, 1)
		case news.Detained:
			detained += max(f.Value, 1)
		}
	}
	if killed+injured > 0 {
		boost := 2 + math.Log1p(float64(killed+injured))
		for _, typ := range []int{0, 1, 7} {
			if scores[typ] > 0 {
				scores[typ] += boost
			}
		}
	}
	if detained > 0 {
		scores[3] += 2
	}
	for _, c := range claims {
		switch c.Stance {
		case news.Claims:
			scores[4] += 4
		case news.Blames, news.Denies:
			scores[5] += 1.5
		case news.Warns:
			scores[2] += 1.5
		}
	}
	return scores
}

// score adds the cues found in words, times w, to scores. A type counts at
// most three times per sentence, so one long sentence cannot decide alone.
func (t *cueTable) score(words []string, w float64, scores []float64) {
	var seen [16]int
	add := func(c cue) {
		if seen[c.typ] < 3 {
			seen[c.typ]++
			scores[c.typ] += c.weight * w
		}
	}
	for i, word := range words {
		for _, c := range t.exact[word] {
			add(c)
		}
		if len(word) < t.minLen || !t.heads[word[:t.minLen]] {
			continue
		}
		for n := t.minLen; n <= len(word) && n <= t.maxLen; n++ {
			if n < len(word) && !utf8.RuneStart(word[n]) {
				continue
			}
			for _, c := range t.prefix[word[:n]] {
				if c.exact && n != len(word) {
					continue
				}
				if len(c.rest) > 0 && !followedBy(words[i+1:], c.rest) {
					continue
				}
				add(c)
			}
		}
	}
}

// followedBy reports whether the prefixes rest occur in order in words, each
// within four words of the previous one.
func followedBy(words []string, rest []string) bool {
	pos := 0
	for _, p := range rest {
		found := false
		for k := pos; k < len(words) && k < pos+4; k++ {
			if len(words[k]) >= len(p) && words[k][:len(p)] == p {
				pos, found = k+1, true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// appendWords appends the folded words (letter runs) of s to dst.
func appendWords(dst []string, s string) []string {
	start := -1
	for i, r := range s {
		letter := unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
		if letter && start < 0 {
			start = i
		} else if !letter && start >= 0 {
			dst = append(dst, text.Fold(s[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		dst = append(dst, text.Fold(s[start:]))
	}
	return dst
}
