package crosscheck

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/text"
)

// stanceOrder is the order of claim groups in the table.
var stanceOrder = []string{news.Claims, news.Blames, news.Denies, news.Warns, news.Asserts}

// claimGroup is a ClaimGroup being built, with what claimFindings
// compares.
type claimGroup struct {
	ClaimGroup
	key       string
	actorText map[string]int
	actorKeys map[string]bool // content-word prefixes and the country of the actor
	targets   map[string]bool // content-word prefixes and countries named by the targets
}

// buildClaimGroups groups the claims of the articles by actor (its entity
// when resolved, else its folded text) and stance.
func buildClaimGroups(arts []*art) []*claimGroup {
	var gs []*claimGroup
	index := map[string]*claimGroup{}
	for _, a := range arts {
		if a.in.Facts == nil {
			continue
		}
		ents := map[string]news.Entity{}
		for _, e := range a.in.Facts.Entities {
			ents[e.ID] = e
		}
		lang := a.in.Facts.Lang
		for _, c := range a.in.Facts.Claims {
			actor := c.Entity
			if actor == "" {
				actor = "text:" + strings.Join(contentWords(lang, c.Actor), " ")
			}
			key := actor + "|" + c.Stance
			g := index[key]
			if g == nil {
				g = &claimGroup{ClaimGroup: ClaimGroup{Entity: c.Entity, Stance: c.Stance}, key: key, actorText: map[string]int{}, actorKeys: map[string]bool{}, targets: map[string]bool{}}
				index[key] = g
				gs = append(gs, g)
			}
			g.actorText[c.Actor]++
			if g.Actor == "" {
				if e, ok := ents[c.Entity]; ok && e.Type != news.LOC && e.Place == nil {
					g.Actor = e.Name
				}
			}
			if g.Target == "" {
				g.Target = c.Target
			}
			g.Statements = append(g.Statements, Statement{Ref: a.ref, Text: c.Text})
			for _, w := range contentWords(lang, c.Actor) {
				g.actorKeys[prefix(w)] = true
			}
			if e, ok := ents[c.Entity]; ok && e.Place != nil && e.Place.Country != "" {
				g.actorKeys["cc:"+e.Place.Country] = true
			}
			for _, w := range contentWords(lang, c.Target) {
				g.targets[prefix(w)] = true
			}
			// Places named in the clause, after the actor: "blamed
			// Ukraine", "a possible Ukraine angle".
			for _, m := range a.in.Facts.Mentions {
				if m.Start < c.Span.Start || m.End > c.Span.End {
					continue
				}
				if e, ok := ents[m.Entity]; ok && e.Place != nil && e.Place.Country != "" && e.ID != c.Entity && !strings.Contains(c.Actor, m.Text) {
					g.targets["cc:"+e.Place.Country] = true
				}
			}
		}
	}
	for _, g := range gs {
		if g.Actor == "" {
			g.Actor = mostFrequent(g.actorText)
		}
		g.Independent = independent(refsOf(g.Statements))
	}
	slices.SortStableFunc(gs, func(a, b *claimGroup) int {
		if c := slices.Index(stanceOrder, a.Stance) - slices.Index(stanceOrder, b.Stance); c != 0 {
			return c
		}
		return b.Independent - a.Independent
	})
	return gs
}

func refsOf(st []Statement) []Ref {
	out := make([]Ref, len(st))
	for i, s := range st {
		out[i] = s.Ref
	}
	return out
}

// mostFrequent returns the most frequent key, ties to the first in
// lexical order.
func mostFrequent(m map[string]int) string {
	best, n := "", 0
	for k, c := range m {
		if c > n || c == n && k < best {
			best, n = k, c
		}
	}
	return best
}

// contentWords returns the folded words of s of four letters or more that
// are no stop words.
func contentWords(lang, s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		w = text.Fold(w)
		if len([]rune(w)) < 4 || text.IsStop(lang, w) {
			continue
		}
		out = append(out, w)
	}
	return out
}

// prefix keys a word by its first five letters, enough to match
// "Ukraine" with "Ukrainian" or "Ukraine's" without a stemmer per language.
func prefix(w string) string {
	r := []rune(w)
	if len(r) > 5 {
		r = r[:5]
	}
	return string(r)
}

// contradictions reports a denial that meets what another group claims,
// blames or asserts: the same actor both claims and denies; the one blamed
// denies (the denier's country, or its name, is among what the blame
// names); or the denial and a blame or assertion are about the same thing
// (their targets share a content word). A denial never contradicts a
// responsibility claim of another actor only because both are about "the
// attack".
// Findings index gs.
func contradictions(gs []*claimGroup) []Finding {
	var out []Finding
	for di, d := range gs {
		if d.Stance != news.Denies {
			continue
		}
		for ci, c := range gs {
			if c.Stance == news.Denies || c.Stance == news.Warns {
				continue
			}
			why := ""
			sameActor := strings.Split(c.key, "|")[0] == strings.Split(d.key, "|")[0]
			switch {
			case sameActor && (c.Target == "" || d.Target == "" || overlaps(c.targets, d.targets)):
				why = "the same actor both " + c.Stance + " and denies"
			case c.Stance == news.Blames && overlaps(c.targets, d.actorKeys):
				why = "the one " + c.Actor + " blames denies it"
			case c.Stance != news.Claims && overlaps(c.targets, d.targets):
				why = "the denial is about what " + c.Actor + " " + verb(c.Stance)
			case c.Stance == news.Claims && overlaps(d.targets, c.actorKeys):
				why = "the denial names the claimant"
			}
			if why == "" {
				continue
			}
			out = append(out, Finding{
				Kind:   Contradiction,
				Claims: []int{ci, di},
				Explanation: fmt.Sprintf("Contradiction: %s %s%s (%s), while %s %s%s (%s): %s.",
					c.Actor, verb(c.Stance), object(c.Target), sourcesOf(c.Statements), d.Actor, verb(d.Stance), object(d.Target), sourcesOf(d.Statements), why),
			})
		}
	}
	return out
}

func overlaps(a, b map[string]bool) bool {
	for k := range a {
		if b[k] {
			return true
		}
	}
	return false
}

func verb(stance string) string {
	switch stance {
	case news.Claims:
		return "claims"
	case news.Blames:
		return "blames"
	case news.Denies:
		return "denies"
	case news.Warns:
		return "warns"
	}
	return "asserts"
}

func object(target string) string {
	if target == "" {
		return ""
	}
	return " " + target
}

func sourcesOf(st []Statement) string {
	var names []string
	for _, s := range st {
		n := s.Source
		if n == "" {
			n = "article " + s.Article
		}
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return strings.Join(names, ", ")
}
