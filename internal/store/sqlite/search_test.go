package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
	"github.com/tocsin/tocsin/internal/text"
)

// TestSearchWindow checks the search of a word that more articles match
// than store.SearchWindow: filters still apply, a page ranks the newest
// matches that pass them, and a page past the window ranks as many as it
// reaches.
func TestSearchWindow(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "tocsin.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n := store.SearchWindow + 200
	tx, err := s.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		// Every article mentions the harbour, one in three in its title
		// (ranked first), in English or Spanish, from one of
		// seven outlets, a day apart.
		lang, title := "en", fmt.Sprintf("Report %d", i)
		if i%2 == 1 {
			lang = "es"
		}
		if i%3 == 0 {
			title = fmt.Sprintf("Harbour report %d", i)
		}
		body := fmt.Sprintf("Article %d: ships waited outside the harbour while the storm passed, officials said.", i)
		published := day.Add(time.Duration(i) * 24 * time.Hour)
		a := &news.Article{ID: fmt.Sprintf("a%04d", i), Title: title, Body: body, Lang: lang, Published: &published,
			Source: fmt.Sprintf("outlet%d.example", i%7), Format: news.FormatText, Ingested: day, Size: len(body),
			Fingerprint: fmt.Sprintf("fp%d", i), Origin: "test"}
		if err := tx.Insert(ctx, store.Doc{Article: a, Terms: text.TermString(lang, title+"\n"+body)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	all, err := s.Articles(ctx, store.ArticleQuery{Search: "harbour"}) // no limit: every match ranked
	if err != nil || len(all) != n {
		t.Fatalf("unpaged search: %d articles, %v; want %d", len(all), err, n)
	}
	// The last 100 days, and all but the last 50.
	recent, lately := day.Add(time.Duration(n-100)*24*time.Hour), day.Add(time.Duration(n-50)*24*time.Hour)
	for _, tc := range []struct {
		name string
		q    store.ArticleQuery
		keep func(news.Article) bool
	}{
		{"first page", store.ArticleQuery{Limit: 20}, func(news.Article) bool { return true }},
		{"second page", store.ArticleQuery{Limit: 20, Offset: 20}, func(news.Article) bool { return true }},
		{"past the window", store.ArticleQuery{Limit: 20, Offset: store.SearchWindow}, func(news.Article) bool { return true }},
		{"language", store.ArticleQuery{Lang: "es", Limit: 20}, func(a news.Article) bool { return a.Lang == "es" }},
		{"source", store.ArticleQuery{Source: "outlet3.example", Limit: 20}, func(a news.Article) bool { return a.Source == "outlet3.example" }},
		{"since", store.ArticleQuery{Since: recent, Limit: 20}, func(a news.Article) bool { return !a.Published.Before(recent) }},
		{"until and language", store.ArticleQuery{Until: lately, Lang: "en", Limit: 20},
			func(a news.Article) bool { return a.Lang == "en" && a.Published.Before(lately) }},
		{"until, window of the filtered", store.ArticleQuery{Until: lately, Limit: 20},
			func(a news.Article) bool { return a.Published.Before(lately) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := tc.q
			q.Search = "harbour"
			got, err := s.Articles(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			// What the page should hold: the newest store.Window matches
			// passing the filters, in the order of the full ranking.
			var pass []news.Article
			for _, a := range all {
				if tc.keep(a) {
					pass = append(pass, a)
				}
			}
			byAge := slices.Clone(pass)
			slices.SortFunc(byAge, func(a, b news.Article) int { return b.Published.Compare(*a.Published) })
			newest := map[string]bool{}
			for _, a := range byAge[:min(store.Window(q.Limit, q.Offset), len(byAge))] {
				newest[a.ID] = true
			}
			pass = slices.DeleteFunc(pass, func(a news.Article) bool { return !newest[a.ID] })
			want := ids(pass[min(q.Offset, len(pass)):min(q.Offset+q.Limit, len(pass))])
			if fmt.Sprint(ids(got)) != fmt.Sprint(want) {
				t.Errorf("got %v\nwant %v", ids(got), want)
			}
			if len(got) == 0 {
				t.Error("no articles: the case tests nothing")
			}
		})
	}
}

func ids(list []news.Article) []string {
	out := make([]string, len(list))
	for i, a := range list {
		out[i] = a.ID
	}
	return out
}
