package crosscheck

import (
	"bufio"
	"encoding/json"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/tocsin/tocsin/internal/facts"
	"github.com/tocsin/tocsin/internal/news"
)

var (
	extractorOnce sync.Once
	extractor     *facts.Extractor
	extractorErr  error
)

// fixture reads testdata/NAME.jsonl (articles written for these tests, one
// per line with the event they belong to) and extracts their facts with
// the real extractor.
func fixture(t testing.TB, name string) []Input {
	t.Helper()
	extractorOnce.Do(func() { extractor, extractorErr = facts.New() })
	if extractorErr != nil {
		t.Fatal(extractorErr)
	}
	f, err := os.Open("testdata/" + name + ".jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []Input
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var r struct {
			news.Article
			Event     string `json:"event"`
			Published string `json:"published"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		a := r.Article
		if r.Published != "" {
			p, err := time.Parse(time.RFC3339, r.Published)
			if err != nil {
				t.Fatal(err)
			}
			a.Published = &p
		}
		fx := extractor.Extract(&a)
		out = append(out, Input{Article: a, Facts: &fx, Event: r.Event})
	}
	return out
}
