package cluster

import (
	"reflect"
	"testing"

	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
	"github.com/tocsin/tocsin/internal/text"
)

// TestDocItemIsNewItem checks that the item made from ingest's search
// terms is the one NewItem makes from the text, and that no terms, or
// terms that do not start with the title's, are not used.
func TestDocItemIsNewItem(t *testing.T) {
	articles := []news.Article{
		{ID: "en", Lang: "en", Title: "Gunman kills 3 at U.S. mall; police say", Body: "Police said the gunman, 24, opened fire at the mall on Friday.\n\nThree people were killed and 1,000 shoppers fled."},
		{ID: "de", Lang: "de", Title: "Anschläge in Köln", Body: "Bei den Anschlägen wurden zwei Menschen verletzt, teilte die Polizei mit."},
		{ID: "no title", Lang: "en", Body: "Floods closed the road to the village."},
		{ID: "no body terms", Lang: "en", Title: "Storm warning", Body: "…"},
		{ID: "und", Lang: "und", Title: "Ωραίο σπίτι", Body: "Η πυροσβεστική έσβησε τη φωτιά."},
	}
	for _, a := range articles {
		t.Run(a.ID, func(t *testing.T) {
			want := NewItem(&a, nil)
			terms := text.TermString(a.Lang, a.Title+"\n"+a.Body)
			if got := docItem(store.Doc{Article: &a, Terms: terms}); !reflect.DeepEqual(got, want) {
				t.Errorf("from ingest's terms %q:\ngot  %+v\nwant %+v", terms, got, want)
			}
			for _, other := range []string{"", "something else entirely"} {
				if a.Title == "" && other != "" {
					continue // nothing to tell them by: Doc.Terms are the caller's to get right
				}
				if got := docItem(store.Doc{Article: &a, Terms: other}); !reflect.DeepEqual(got, want) {
					t.Errorf("from terms %q: got %+v, want NewItem's %+v", other, got, want)
				}
			}
		})
	}
}
