package facts

import (
	"fmt"

	"github.com/tocsin/tocsin/internal/geo"
	"github.com/tocsin/tocsin/internal/ner"
	"github.com/tocsin/tocsin/internal/news"
)

// Extractor runs every extractor on an article with the shipped NER model
// and gazetteer. It is safe for concurrent use.
type Extractor struct {
	tagger *ner.Tagger
	gaz    *geo.Gazetteer
}

// New loads the shipped models.
func New() (*Extractor, error) {
	gaz, err := geo.Default()
	if err != nil {
		return nil, fmt.Errorf("load gazetteer: %w", err)
	}
	tagger, err := NewTagger(gaz)
	if err != nil {
		return nil, fmt.Errorf("load NER model: %w", err)
	}
	return &Extractor{tagger: tagger, gaz: gaz}, nil
}

// Extract returns the facts of one article. The headline takes part in
// entities, figures and the event type; offsets are into the body.
func (x *Extractor) Extract(a *news.Article) news.Facts {
	d := NewDoc(a.Body, a.Lang, a.Published)
	f := news.Facts{Lang: d.Lang}
	for _, s := range d.Sentences {
		f.Sentences = append(f.Sentences, d.Span(s.Start, s.End))
	}
	f.Mentions, f.Entities = Entities(d, x.tagger, x.gaz)
	f.Dates = Dates(d)
	f.Figures = Figures(d)
	f.Quotes = Quotes(d, f.Mentions)
	f.Claims = Claims(d, f.Mentions)
	f.Type = Classify(d, a.Title, f.Figures, f.Claims)
	f.Main = MainEvent(d, a.Title, f.Dates, f.Figures, f.Claims, f.Mentions)
	f.Main.Where = mainPlace(d, f.Mentions, f.Entities)
	return f
}

// mainPlace geocodes the main event's place: the entity of the mention
// MainPlace picks, else the first geocoded city or venue.
func mainPlace(d *Doc, mentions []news.Mention, entities []news.Entity) *news.Place {
	byID := map[string]*news.Entity{}
	for i := range entities {
		byID[entities[i].ID] = &entities[i]
	}
	if name := MainPlace(d, mentions); name != "" {
		for _, m := range mentions {
			if m.Text == name {
				if e := byID[m.Entity]; e != nil && e.Place != nil {
					return e.Place
				}
			}
		}
	}
	for _, m := range mentions {
		if e := byID[m.Entity]; e != nil && e.Place != nil && e.Place.Kind != geo.KindCountry {
			return e.Place
		}
	}
	return nil
}
