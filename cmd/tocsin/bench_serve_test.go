package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBenchServe runs a short load on a small store and checks that every
// endpoint was asked and answered without errors and that the posted
// articles were stored.
func TestBenchServe(t *testing.T) {
	dir := t.TempDir()
	// Paragraphs of words drawn at random: the benchmark's articles mix
	// paragraphs of the corpus, and paragraphs that differed in one word
	// (a template per place) made most of them near-duplicates of the
	// stored ones, so that at times none of the posted was an original.
	vocab := strings.Fields("fire warehouse city police night crews smoke street hospital workers blaze " +
		"station river bridge market school council mayor storm road train harbour port office tower " +
		"residents witness statement investigation cause damage roof wall engine ladder water hours dawn " +
		"evening morning north south east west district square park church museum factory depot")
	var corpus strings.Builder
	places := []string{"Lyon", "Porto", "Gdansk", "Tampere", "Brno", "Bergen", "Gent", "Graz"}
	for i, p := range places {
		var text strings.Builder
		for k := range 6 {
			rng := rand.New(rand.NewPCG(uint64(i), uint64(k)))
			for w := range 14 {
				if w > 0 {
					text.WriteByte(' ')
				}
				text.WriteString(vocab[rng.IntN(len(vocab))])
			}
			text.WriteString(" in " + p + ".\n")
		}
		rec, _ := json.Marshal(map[string]string{"title": fmt.Sprintf("Warehouse fire in %s injures %d workers", p, i+2), "text": text.String()})
		corpus.Write(rec)
		corpus.WriteByte('\n')
	}
	path := filepath.Join(dir, "corpus.jsonl")
	if err := os.WriteFile(path, []byte(corpus.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := tocsin(t, nil, "bench", "serve", "--corpus", path, "--db", filepath.Join(dir, "bench.db"),
		"--articles", "40", "--clients", "4", "--duration", "2s", "--ingest-rate", "20", "--json")
	if code != 0 {
		t.Fatalf("bench serve: exit %d\n%s", code, errOut)
	}
	var got struct {
		Endpoints []endpointFigures `json:"endpoints"`
		Accepted  int               `json:"ingest_accepted"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	asked := map[string]bool{}
	for _, e := range got.Endpoints {
		asked[e.Name] = e.Requests > 0
		if e.Errors != 0 {
			t.Errorf("%s: %d errors of %d requests", e.Name, e.Errors, e.Requests)
		}
	}
	for _, name := range []string{"event list", "event detail", "search", ingestEndpoint} {
		if !asked[name] {
			t.Errorf("%s was not asked: %s", name, out)
		}
	}
	if got.Accepted == 0 {
		t.Errorf("no posted article was stored: %s", out)
	}
}
