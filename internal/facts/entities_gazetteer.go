package facts

import (
	"strings"

	"github.com/tocsin/tocsin/internal/geo"
	"github.com/tocsin/tocsin/internal/ner"
)

// TaggerGazetteer returns the gazetteer the shipped NER model was trained
// with (docs/models.md): the place classes of geo.Class ("LOC", "COUNTRY",
// "DEMONYM"; dotted acronyms are tried without their dots, so "U.S." is a
// country) and "ORGNAME", "PERNAME" or "LOCNAME" for one-word names in the
// curated alias table ("FSB", "Hamas", "Putin"). Changing either source
// changes the features: retrain the model after large changes.
func TaggerGazetteer(g *geo.Gazetteer) ner.Gazetteer {
	words := loadAliases().words
	return func(tok string) []string {
		c := g.Class(tok)
		if c == nil && len(tok) <= 8 && strings.IndexByte(tok, '.') > 0 {
			c = g.Class(strings.ReplaceAll(tok, ".", ""))
		}
		a := words[tok]
		switch {
		case a == nil:
			return c
		case c == nil:
			return a
		}
		return append(append(make([]string, 0, len(c)+1), c...), a[0])
	}
}

// NewTagger returns the shipped NER model with the gazetteer it was
// trained with. The weights are decoded once (ner.Default); the returned
// tagger is cheap and safe for concurrent use.
func NewTagger(g *geo.Gazetteer) (*ner.Tagger, error) {
	t, err := ner.Default()
	if err != nil {
		return nil, err
	}
	return withGazetteer(t, g), nil
}

// withGazetteer gives t the tagger gazetteer if its model wants one and it
// has none.
func withGazetteer(t *ner.Tagger, g *geo.Gazetteer) *ner.Tagger {
	if t.Model().Gazetteer && !t.HasGazetteer() && g != nil {
		return t.WithGazetteer(TaggerGazetteer(g))
	}
	return t
}
