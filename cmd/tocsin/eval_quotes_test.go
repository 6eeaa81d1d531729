package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A made-up article in PolNeAR's format: one direct quote, one reported
// clause and one attribution the extractor is not expected to find.
const polnearSample = `{"id":"t1","text":"\"We will rebuild the bridge,\" Mayor Anna Lind said. Police said that two men were arrested. Critics' doubts about the plan remain.","attributions":[` +
	`{"source":{"text":"Mayor Anna Lind","start":30,"end":45},"cue":{"text":"said","start":46,"end":50},"content":{"text":"\"We will rebuild the bridge,\"","start":0,"end":29}},` +
	`{"source":{"text":"Police","start":52,"end":58},"cue":{"text":"said","start":59,"end":63},"content":{"text":"that two men were arrested","start":64,"end":90}},` +
	`{"source":{"text":"Critics'","start":92,"end":100},"cue":{"text":"doubts about","start":101,"end":113},"content":{"text":"the plan","start":114,"end":122}}]}`

func TestEvalQuotes(t *testing.T) {
	ev, err := evalQuotes(strings.NewReader(polnearSample+"\n"), 0, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	if ev.Gold != 3 || ev.Matched != 2 || ev.SourceCorrect != 2 {
		t.Errorf("got gold %d matched %d source correct %d, want 3, 2, 2", ev.Gold, ev.Matched, ev.SourceCorrect)
	}
	f := filepath.Join(t.TempDir(), "p.jsonl")
	if err := os.WriteFile(f, []byte(polnearSample+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := runEvalQuotes([]string{"--json", f}); err != nil {
		t.Errorf("runEvalQuotes: %v", err)
	}
}

// TestEvalQuotesCorpus runs the evaluation on $POLNEAR (skipped without).
func TestEvalQuotesCorpus(t *testing.T) {
	f := os.Getenv("POLNEAR")
	if f == "" {
		t.Skip("set POLNEAR to a PolNeAR JSONL file")
	}
	if err := runEvalQuotes([]string{"--show", os.Getenv("SHOW"), f}); err != nil {
		t.Fatal(err)
	}
}
