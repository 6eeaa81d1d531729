package facts

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

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

// mainPlace geocodes where the main event happened. Every geocoded place
// mentioned in the first sentences scores: a city or venue more than a
// country (a country is rarely the answer to "where exactly"), a mention
// after a locative preposition ("in Moscow", "near Moscow", "bei Moskau")
// more than one that opens a sentence as its subject ("The United States …
// issued a warning"), and every further mention a little more.
func mainPlace(d *Doc, mentions []news.Mention, entities []news.Entity) *news.Place {
	byID := map[string]*news.Entity{}
	for i := range entities {
		byID[entities[i].ID] = &entities[i]
	}
	sents := d.runeSentences()
	var cur runeCursor
	score := map[string]float64{}
	var order []string
	for _, m := range mentions {
		e := byID[m.Entity]
		if e == nil || e.Place == nil {
			continue
		}
		s := 1.0
		if sentenceOf(sents, m.Start) < 3 {
			s += 2
		}
		if e.Place.Kind != geo.KindCountry {
			s += 2
		}
		switch prev := lastWord(d.Text, cur.byteAt(d.Text, m.Start)); {
		case locatives[prev]:
			s += 1.5
		case prev == "":
			s -= 1 // opens the text or a sentence: usually the subject
		}
		if _, ok := score[e.ID]; !ok {
			order = append(order, e.ID)
		}
		score[e.ID] += s
	}
	best, top := "", 0.0
	for _, id := range order {
		if score[id] > top {
			best, top = id, score[id]
		}
	}
	if best == "" {
		return nil
	}
	return byID[best].Place
}

// locatives are prepositions that put what follows as the place of an
// event.
var locatives = map[string]bool{
	"in": true, "at": true, "near": true, "outside": true, "im": true, "in der": true, "bei": true, "nahe": true,
	"à": true, "au": true, "près": true, "en": true, "cerca": true, "a": true, "presso": true, "vicino": true,
	"в": true, "под": true, "w": true, "pod": true, "nabij": true, "bij": true, "te": true,
}

// lastWord returns the lower-cased word before byte offset i of s, ""
// when no word precedes it directly (a sentence start).
func lastWord(s string, i int) string {
	j := i
	for j > 0 && s[j-1] == ' ' {
		j--
	}
	end := j
	for j > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:j])
		if !unicode.IsLetter(r) {
			break
		}
		j -= n
	}
	if j == end {
		return ""
	}
	return strings.ToLower(s[j:end])
}

// runeCursor converts code-point offsets to byte offsets, walking forward
// from the last offset asked for: mentions come in text order.
type runeCursor struct{ b, r int }

func (c *runeCursor) byteAt(s string, r int) int {
	if r < c.r {
		c.b, c.r = 0, 0
	}
	for c.r < r && c.b < len(s) {
		_, n := utf8.DecodeRuneInString(s[c.b:])
		c.b += n
		c.r++
	}
	return c.b
}
