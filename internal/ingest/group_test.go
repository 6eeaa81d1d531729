package ingest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/tocsin/tocsin/internal/store"
)

// beginCounter counts the write transactions begun on a store.
type beginCounter struct {
	store.Store
	n int
}

func (b *beginCounter) Begin(ctx context.Context) (store.Tx, error) {
	b.n++
	return b.Store.Begin(ctx)
}

// groupBodies are the texts of records' articles, by title.
var groupBodies = map[string]string{
	"alpha one":   "Police said the fire at the depot was under control by the evening.",
	"beta two":    "Die Feuerwehr meldete am Abend, dass der Brand gelöscht sei.",
	"gamma three": "Les secours ont évacué deux cents habitants du quartier.",
	"alpha four":  "El ayuntamiento cerró la carretera durante toda la noche.",
}

// records makes JSON Lines of the articles titled by titles.
func records(titles ...string) string {
	bodies := make([]string, len(titles))
	for i, title := range titles {
		bodies[i] = groupBodies[title]
	}
	return titledRecords(titles, bodies)
}

// titledRecords makes JSON Lines of articles, titles[i] with text bodies[i].
func titledRecords(titles, bodies []string) string {
	var out strings.Builder
	for i, title := range titles {
		b, _ := json.Marshal(map[string]string{"title": title, "text": bodies[i]})
		out.Write(append(b, '\n'))
	}
	return out.String()
}

// group parses parts, then stores them as one group, as a server does
// with the posts queued for its writer.
func group(st store.Store, parts []Part, opts Options) ([]Summary, error) {
	parsed := make([]*Parsed, len(parts))
	for i, p := range parts {
		var err error
		if parsed[i], err = Parse(ctx, p, opts); err != nil {
			return nil, err
		}
	}
	return StoreGroup(ctx, st, parsed, opts)
}

func TestStoreGroupStoresEveryPartInOneTransaction(t *testing.T) {
	st := &beginCounter{Store: openStore(t)}
	events := byTitle{}
	var committed [][]string
	parts := []Part{
		{Inputs: []string{"-"}, Stdin: strings.NewReader(records("alpha one", "beta two"))},
		// a copy of the first part's first article, and a record without text
		{Inputs: []string{"-"}, Stdin: strings.NewReader(records("alpha one") + `{"title":"no text"}` + "\n" + records("gamma three"))},
		{Inputs: []string{"-"}, Stdin: strings.NewReader(records("alpha four"))},
	}
	sums, err := group(st, parts, Options{Now: fixedNow, Cluster: events, OnCommit: func(ev []string) { committed = append(committed, ev) }})
	if err != nil {
		t.Fatal(err)
	}
	type counts struct{ Accepted, Unchanged, Rejected int }
	want := []counts{{2, 0, 0}, {1, 1, 1}, {1, 0, 0}}
	for i, s := range sums {
		if got := (counts{s.Accepted, s.Unchanged, s.Rejected}); got != want[i] {
			t.Errorf("part %d: got %+v, want %+v", i, got, want[i])
		}
	}
	if r := sums[1].Rejections; len(r) != 1 || r[0].Line != 2 || !strings.Contains(r[0].Reason, "no text") {
		t.Errorf("part 1 rejections = %+v; want line 2, the record without text", r)
	}
	if st.n != 1 {
		t.Errorf("%d transactions begun; want 1 for the group", st.n)
	}
	if fmt.Sprint(committed) != "[[alpha beta gamma]]" {
		t.Errorf("OnCommit calls = %v; want one, with every event of the group", committed)
	}
	for _, title := range []string{"alpha one", "beta two", "gamma three", "alpha four"} {
		find(t, st.Store, title)
	}
}

// failOn is an Assigner that fails on the article with the given title.
type failOn string

func (f failOn) Assign(ctx context.Context, tx store.Tx, d store.Doc) error {
	if d.Article.Title == string(f) {
		return errors.New("no room for " + string(f))
	}
	return byTitle{}.Assign(ctx, tx, d)
}

func TestStoreGroupStoresNothingOnError(t *testing.T) {
	st := openStore(t)
	parts := []Part{
		{Inputs: []string{"-"}, Stdin: strings.NewReader(records("alpha one"))},
		{Inputs: []string{"-"}, Stdin: strings.NewReader(records("beta two"))},
	}
	if _, err := group(st, parts, Options{Now: fixedNow, Cluster: failOn("beta two")}); err == nil || !strings.Contains(err.Error(), "no room for beta two") {
		t.Fatalf("StoreGroup error = %v; want the assigner's", err)
	}
	if list, err := st.Articles(ctx, store.ArticleQuery{Duplicates: true}); err != nil || len(list) != 0 {
		t.Errorf("stored %d articles (%v) after a failed group; want none, not even the first part's", len(list), err)
	}
}
