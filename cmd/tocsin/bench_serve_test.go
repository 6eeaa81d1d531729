package main

import (
	"encoding/json"
	"fmt"
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
	var corpus strings.Builder
	places := []string{"Lyon", "Porto", "Gdansk", "Tampere", "Brno", "Bergen"}
	for i, p := range places {
		text := fmt.Sprintf("A fire broke out in a warehouse in %s on Monday night, the city's fire service said in a statement.\n"+
			"Firefighters from three stations worked for six hours to bring the blaze in %s under control before dawn.\n"+
			"Two workers were taken to hospital with burns, and police in %s have opened an investigation into the cause.\n"+
			"Residents of nearby streets were told to keep their windows closed because of the thick smoke over %s.", p, p, p, p)
		rec, _ := json.Marshal(map[string]string{"title": fmt.Sprintf("Warehouse fire in %s injures %d workers", p, i+2), "text": text})
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
