package ner

import "slices"

// Counts are entity-level matches: an entity is correct only when its span
// and type both equal a gold entity's (CoNLL style).
type Counts struct {
	Correct   int `json:"correct"`   // predicted entities that match a gold entity
	Predicted int `json:"predicted"` // entities the tagger found
	Gold      int `json:"gold"`      // entities in the gold tags
}

// Precision is Correct/Predicted (0 when nothing was predicted).
func (c Counts) Precision() float64 { return ratio(c.Correct, c.Predicted) }

// Recall is Correct/Gold (0 when there is no gold entity).
func (c Counts) Recall() float64 { return ratio(c.Correct, c.Gold) }

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func (c *Counts) add(o Counts) {
	c.Correct += o.Correct
	c.Predicted += o.Predicted
	c.Gold += o.Gold
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Scores are the results of Evaluate: over all entities and by type.
type Scores struct {
	Overall Counts            `json:"overall"`
	ByType  map[string]Counts `json:"by_type"`
	Tokens  int               `json:"tokens"`
}

// Add adds o's counts to s, to pool scores over several data sets.
func (s *Scores) Add(o Scores) {
	s.Overall.add(o.Overall)
	if s.ByType == nil {
		s.ByType = map[string]Counts{}
	}
	for typ, c := range o.ByType {
		x := s.ByType[typ]
		x.add(c)
		s.ByType[typ] = x
	}
	s.Tokens += o.Tokens
}

// Only returns the counts pooled over the given types, e.g. PER, ORG and LOC
// to score a model that was never taught MISC.
func (s Scores) Only(types ...string) Counts {
	var c Counts
	for typ, x := range s.ByType {
		if slices.Contains(types, typ) {
			c.add(x)
		}
	}
	return c
}

// Types returns the entity types in s, sorted.
func (s Scores) Types() []string {
	var ts []string
	for t := range s.ByType {
		ts = append(ts, t)
	}
	slices.Sort(ts)
	return ts
}

// Evaluate tags every sentence of data with t and compares the entities
// found with the gold ones.
func Evaluate(t *Tagger, data []Sentence) Scores {
	s := Scores{ByType: map[string]Counts{}}
	for _, sent := range data {
		s.Add(Compare(sent.Tags, t.Tag(sent.Lang, sent.Tokens)))
	}
	return s
}

// Compare scores predicted tags against gold tags of one sentence.
func Compare(gold, predicted []string) Scores {
	s := Scores{ByType: map[string]Counts{}, Tokens: len(gold)}
	g, p := Spans(gold), Spans(predicted)
	bump := func(typ string, f func(*Counts)) {
		c := s.ByType[typ]
		f(&c)
		s.ByType[typ] = c
		f(&s.Overall)
	}
	inGold := make(map[Span]bool, len(g))
	for _, sp := range g {
		inGold[sp] = true
		bump(sp.Type, func(c *Counts) { c.Gold++ })
	}
	for _, sp := range p {
		bump(sp.Type, func(c *Counts) { c.Predicted++ })
		if inGold[sp] {
			bump(sp.Type, func(c *Counts) { c.Correct++ })
		}
	}
	return s
}
