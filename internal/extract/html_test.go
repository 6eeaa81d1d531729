package extract

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func readFixture(tb testing.TB, path ...string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(append([]string{"testdata"}, path...)...))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func TestHTML(t *testing.T) {
	for _, tc := range []struct {
		file, url                     string
		title, published, source, lng string
		author, agency                string
		has, hasNot                   []string
	}{
		{
			file: "article_en.html", url: "https://www.northern-courier.example/news/ferry-aground",
			title: "Ferry runs aground off Orkney, all passengers safe", published: "2024-05-14T08:20:00Z",
			source: "Northern Courier", lng: "en", author: "Fiona Mackay",
			has:    []string{"A passenger ferry carrying 112 people ran aground", "Engineers will try to refloat the ship"},
			hasNot: []string{"Weather forecast for your region", "All rights reserved", "Cookie settings", "Click here for live updates"},
		},
		{
			file: "article_de.html", url: "https://rheinische.example/koeln/hochwasser",
			title: "Hochwasser: Pegel am Rhein steigt weiter", published: "2024-01-05T00:00:00Z",
			source: "Rheinische Nachrichten", lng: "de", agency: "dpa",
			has:    []string{"Der Pegel des Rheins in Köln", "Die Feuerwehr ist mit mehreren hundert Einsatzkräften im Dienst."},
			hasNot: []string{"Jetzt abonnieren", "Impressum", "Datenschutz", "Lesen Sie auch", "vet/dpa"},
		},
	} {
		t.Run(tc.file, func(t *testing.T) {
			p, err := HTML(readFixture(t, "html", tc.file), tc.url)
			if err != nil {
				t.Fatalf("HTML: %v", err)
			}
			published := ""
			if p.Published != nil {
				published = p.Published.Format(time.RFC3339)
			}
			for _, f := range []struct{ name, got, want string }{
				{"title", p.Title, tc.title}, {"published", published, tc.published}, {"source", p.Source, tc.source},
				{"lang", p.Lang, tc.lng}, {"author", p.Author, tc.author}, {"agency", p.Agency, tc.agency},
			} {
				if f.got != f.want {
					t.Errorf("%s: got %q, want %q", f.name, f.got, f.want)
				}
			}
			for _, s := range tc.has {
				if !strings.Contains(p.Body, s) {
					t.Errorf("body lacks %q:\n%s", s, p.Body)
				}
			}
			for _, s := range tc.hasNot {
				if strings.Contains(p.Body, s) {
					t.Errorf("body keeps %q:\n%s", s, p.Body)
				}
			}
		})
	}
}

func TestHTMLErrors(t *testing.T) {
	for _, tc := range []struct {
		file string
		want error
	}{
		{"truncated.html", ErrTruncated},
		{"empty.html", ErrNoText},
	} {
		t.Run(tc.file, func(t *testing.T) {
			_, err := HTML(readFixture(t, "html", tc.file), "")
			if !errors.Is(err, tc.want) {
				t.Errorf("HTML(%s) error = %v, want %v", tc.file, err, tc.want)
			}
		})
	}
}
