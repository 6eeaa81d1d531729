package extract

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata from the current output")

// golden is what a fixture in testdata/text must extract to.
type golden struct {
	Title     string `json:"title"`
	Body      string `json:"body"`
	Published string `json:"published"`
	Source    string `json:"source"`
	Agency    string `json:"agency"`
	Lang      string `json:"lang"`
}

func goldenOf(p Page) golden {
	g := golden{Title: p.Title, Body: p.Body, Source: p.Source, Agency: p.Agency, Lang: p.Lang}
	if p.Published != nil {
		g.Published = p.Published.Format(time.RFC3339)
	}
	return g
}

// TestTextGolden runs Text on every testdata/text/*.txt article and compares
// the result with the .golden.json beside it. Run with -update to rewrite the
// golden files after a deliberate change, and review the diff.
func TestTextGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "text", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures in testdata/text: %v", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txt")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			got := goldenOf(Text(string(raw)))
			path := strings.TrimSuffix(file, ".txt") + ".golden.json"
			if *update {
				b, _ := json.MarshalIndent(got, "", "  ")
				if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("read golden (run go test -update to create it): %v", err)
			}
			var want golden
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatalf("parse %s: %v", path, err)
			}
			check := func(field, got, want string) {
				if got != want {
					t.Errorf("%s:\ngot  %q\nwant %q", field, got, want)
				}
			}
			check("title", got.Title, want.Title)
			check("body", got.Body, want.Body)
			check("published", got.Published, want.Published)
			check("source", got.Source, want.Source)
			check("agency", got.Agency, want.Agency)
			check("lang", got.Lang, want.Lang)
		})
	}
}
