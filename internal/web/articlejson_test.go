package web

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/tocsin/tocsin/internal/news"
)

// A page assembled from kept article JSON must be byte for byte what
// encoding/json writes for it (the ETag is a hash of the bytes), whether
// its articles were kept, encoded afresh or dropped to keep within bounds.
func TestArticleJSONPageMatchesEncodingJSON(t *testing.T) {
	published := time.Date(2024, 3, 22, 14, 5, 0, 0, time.UTC)
	articles := []news.Article{
		{ID: "plain", Title: "Floods close the bridge", Body: "The river rose overnight.", Lang: "en", Published: &published,
			Ingested: published.Add(time.Hour), Size: 120, Format: news.FormatText, Origin: "-", Fingerprint: "f1"},
		{ID: "markup", URL: "https://example.org/a?x=1&y=<2>", Source: "example.org", Agency: "dpa", Author: "A. Writer",
			Title: `<b>"Quoted" & bold</b>`, Body: "line one\nline two\ttab \u2028 \u2029 \x01", Lang: "de",
			Ingested: published, Size: 7, Format: news.FormatHTML, Origin: "https://example.org/feed", Fingerprint: "f2",
			DuplicateOf: "plain", Similarity: 0.8125, Extra: json.RawMessage(`{ "tags" : ["a<b", "c&d"],  "n": 1 }`)},
		{ID: "bad-utf8", Title: "caf\xe9 \xff", Body: "ünïcödé — 東京", Lang: news.Undetermined, Ingested: published, Format: news.FormatJSONL},
	}
	pages := []struct {
		name string
		page Page[news.Article]
	}{
		{"empty", Page[news.Article]{Items: []news.Article{}, Limit: 20}},
		{"one", Page[news.Article]{Items: articles[:1], Limit: 20, Offset: 40}},
		{"all, with a next link", Page[news.Article]{Items: articles, Limit: 3, Next: "/api/articles?limit=3&offset=3&q=%3Cb%3E+%26"}},
		{"again, all kept", Page[news.Article]{Items: articles, Limit: 3}},
		{"reordered", Page[news.Article]{Items: []news.Article{articles[2], articles[0], articles[1]}, Limit: 50}},
	}
	for _, bound := range []struct {
		name          string
		max, maxBytes int
	}{{"roomy", 100, 1 << 20}, {"two articles", 2, 1 << 20}, {"too small for one", 10, 16}} {
		c := newArticleJSON(bound.max, bound.maxBytes)
		for _, p := range pages {
			got, err := c.page(p.page)
			if err != nil {
				t.Fatalf("%s, %s: %v", bound.name, p.name, err)
			}
			want, err := encodeJSON(p.page)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s, %s:\ngot  %s\nwant %s", bound.name, p.name, got, want)
			}
			if len(c.entries) > bound.max || c.bytes > bound.maxBytes {
				t.Errorf("%s, %s: %d entries of %d bytes kept, over the bounds", bound.name, p.name, len(c.entries), c.bytes)
			}
		}
	}
}

// An article whose JSON cannot be written fails the page, as encoding/json
// fails it.
func TestArticleJSONBadExtra(t *testing.T) {
	c := newArticleJSON(10, 1<<20)
	p := Page[news.Article]{Items: []news.Article{{ID: "x", Extra: json.RawMessage(`{"open":`)}}, Limit: 1}
	if _, err := c.page(p); err == nil {
		t.Error("a page with invalid extra JSON was encoded")
	}
	if _, err := encodeJSON(p); err == nil {
		t.Error("encoding/json accepts invalid extra JSON: the test's premise is wrong")
	}
	if len(c.entries) != 0 {
		t.Errorf("%d entries kept after a failed encoding, want 0", len(c.entries))
	}
}

func BenchmarkArticlePage(b *testing.B) {
	body := bytes.Repeat([]byte("The council met on Tuesday to discuss the flood defences. "), 60)
	var items []news.Article
	for i := range 20 {
		items = append(items, news.Article{ID: string(rune('a' + i)), Title: "Council meets over flood defences", Body: string(body),
			Lang: "en", Format: news.FormatText, Origin: "-", Fingerprint: "fp"})
	}
	p := Page[news.Article]{Items: items, Limit: 20}
	b.Run("encoding/json", func(b *testing.B) {
		for range b.N {
			if _, err := encodeJSON(p); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("kept", func(b *testing.B) {
		c := newArticleJSON(100, 1<<20)
		for range b.N {
			if _, err := c.page(p); err != nil {
				b.Fatal(err)
			}
		}
	})
}
