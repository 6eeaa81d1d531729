package facts

import (
	"slices"
	"strings"

	"github.com/tocsin/tocsin/internal/news"
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
	n := articleCount(rule, d, figs, kind, false)
	if kind == news.Injured && n > 0 {
		// "Six people were shot, one dead": a count of people shot holds
		// the dead too, unless it says "others".
		if shot := articleCount(rule, d, figs, kind, true); shot == n {
			n = max(0, n-articleCount(rule, d, figs, news.Killed, false))
		} else if n == 1 && onlySingular(figs, kind) && articleCount(rule, d, figs, news.Killed, false) > 0 {
			// "A man was killed ... He was shot in the chest": a victim
			// named without a number is most often one of the dead.
			n = 0
		}
	}
	return n
}

// onlySingular reports whether every figure of kind in figs counts one
// person without a number: "a man was wounded", "she was hurt".
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
			case "one", "1", "another", "other", "others", "second", "third", "fourth", "fifth", "survivor", "survived", "surviving":
				return false
			}
		}
	}
	return true
}

// ShotCount reports whether f counts people shot, the dead among them
// ("four people were shot"), rather than only the wounded ("four others
// were shot", "two wounded").
func ShotCount(f news.Figure) bool {
	if f.Kind != news.Injured {
		return false
	}
	shot := false
	for w := range strings.FieldsSeq(strings.ToLower(f.Text)) {
		switch strings.Trim(w, ",.;:") {
		case "shot", "gunshot", "gunfire", "bullet", "bullets":
			shot = true
		case "other", "others", "more", "wounded", "injured", "and":
			return false
		}
	}
	return shot
}

func articleCount(rule string, d *Doc, figs []news.Figure, kind string, onlyShot bool) int {
	var vals, lead []int
	vague := 0
	leadEnd := -1
	if rule == "lead" && len(d.Sentences) > 0 {
		s := d.Sentences[min(LeadSentences, len(d.Sentences)-1)]
		leadEnd = d.Span(s.End, s.End).Start
	}
	for _, f := range figs {
		if f.Kind != kind || onlyShot && !ShotCount(f) {
			continue
		}
		if f.Qualifier == "vague" {
			vague = max(vague, f.Value)
			continue
		}
		vals = append(vals, f.Value)
		if f.Span.Start < leadEnd {
			lead = append(lead, f.Value)
		}
	}
	if len(vals) == 0 {
		return vague
	}
	switch rule {
	case "first":
		return vals[0]
	case "mode":
		return Mode(vals)
	case "lead":
		if len(lead) > 0 {
			return slices.Max(lead)
		}
	}
	return slices.Max(vals)
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
