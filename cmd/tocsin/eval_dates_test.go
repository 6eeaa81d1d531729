package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestEvalDates(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "gva.jsonl")
	recs := `{"id":"a","title":"Two shot outside bar","text":"Two men were shot outside a bar on Sunday night, police said.","lang":"en","published":"2024-03-25T00:00:00Z","incident":{"date":"2024-03-24"}}
{"id":"b","title":"Cubs win","text":"The Cubs won the title on Wednesday night in Cleveland.","lang":"en","published":"2016-11-03T00:00:00Z","fivew1h":{"who":["Cubs"],"what":["won the title"]},"fivew1h_annotations":{"when":[{"parsed":"2016-11-02"}]}}
`
	if err := os.WriteFile(path, []byte(recs), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := runEvalDates([]string{"--json", path}); err != nil {
		t.Fatalf("runEvalDates: %v", err)
	}
	if err := runEvalDates([]string{"--help"}); err != nil {
		t.Errorf("--help: got %v, want nil", err)
	}
	if err := runEvalDates(nil); err == nil {
		t.Error("no files: got nil error, want usage error")
	}
}
