package sqlite

import (
	"context"
	"fmt"
	"slices"
	"strings"
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
	s := openAt(t, "")
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

// A search's match expression looks a stem phrase that is the written one
// up once, in all three columns: it must match what looking it up in the
// title and body and, apart, in the terms matches.
func TestMatchExprOwnStems(t *testing.T) {
	ctx := context.Background()
	s := openAt(t, "")
	tx, err := s.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range []struct{ lang, title, body string }{
		{"en", "Flood warning for the valley", "Residents were told to leave."},
		{"en", "Storm passes", "The floods rose overnight and the police closed the road."},
		{"en", "Police report", "A warning was issued after the flooding."},
		{"de", "Überschwemmungen im Tal", "Die Polizei sperrte die Straße nach der Flut."},
		{"en", "Quiet day", "Nothing happened in the harbour."},
	} {
		a := &news.Article{ID: fmt.Sprint("m", i), Title: d.title, Body: d.body, Lang: d.lang, Format: news.FormatText,
			Ingested: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), Fingerprint: fmt.Sprint("fp", i), Origin: "test"}
		if err := tx.Insert(ctx, store.Doc{Article: a, Terms: text.TermString(d.lang, d.title+"\n"+d.body)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	langs := []string{"de", "en"}
	// apart is the expression with every stem phrase looked up in the
	// terms only.
	apart := func(units []store.SearchUnit) string {
		var parts []string
		for _, u := range units {
			words := text.Terms("", u.Text)
			phrase := quote(strings.Join(words, " "))
			if u.Prefix {
				parts = append(parts, fmt.Sprintf(`({title body} : %s*)`, phrase))
				continue
			}
			var alts []string
			for _, l := range langs {
				if st := quote(text.TermString(l, strings.Join(words, " "))); !slices.Contains(alts, st) {
					alts = append(alts, st)
				}
			}
			parts = append(parts, fmt.Sprintf(`({title body} : %s OR terms : (%s))`, phrase, strings.Join(alts, " OR ")))
		}
		return strings.Join(parts, " AND ")
	}
	merged := 0
	for _, search := range []string{"flood", "floods", "warning", "police", "polizei", "tal", `"flood warning"`, "flo*",
		"überschwemmungen", "harbour", "flood police", "rose", "nothing"} {
		units := store.SplitSearch(search)
		expr := matchExpr(units, langs)
		if strings.Contains(expr, "{title body terms}") {
			merged++
		}
		const q = `SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid`
		got, err := column[int64](ctx, s, q, expr)
		if err != nil {
			t.Fatalf("%s: %s: %v", search, expr, err)
		}
		want, err := column[int64](ctx, s, q, apart(units))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: %s matches %v, looked up apart %v", search, expr, got, want)
		}
	}
	if merged < 3 {
		t.Errorf("%d searches looked a stem up in the three columns: the test tests little", merged)
	}
}
