package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An interrupted fit must leave the shipped model and the facts cache as
// they were: a model fitted on part of a corpus looks like any other.
func TestTrainClusterInterrupted(t *testing.T) {
	dir := t.TempDir()
	var corpus strings.Builder
	for _, r := range []string{
		`{"title":"Flood in Valencia","text":"Floods killed 3 people in Valencia on Tuesday, officials said.","event":"a"}`,
		`{"title":"Valencia floods","text":"Three people died in floods in Valencia on Tuesday.","event":"a"}`,
		`{"title":"Fire in Lyon","text":"A fire destroyed a warehouse in Lyon on Monday.","event":"b"}`,
	} {
		corpus.WriteString(r + "\n")
	}
	if err := os.WriteFile(filepath.Join(dir, "set.jsonl"), []byte(corpus.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	model, cache := filepath.Join(dir, "model.json"), filepath.Join(dir, "cache")
	err := runTrainCluster(ctx, []string{"--corpora", dir, "--sets", "set.jsonl", "--out", model, "--cache", cache})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("interrupted fit returned %v, want context.Canceled", err)
	}
	if _, err := os.Stat(model); !os.IsNotExist(err) {
		t.Errorf("interrupted fit wrote %s (%v)", model, err)
	}
	if entries, _ := os.ReadDir(cache); len(entries) > 0 {
		t.Errorf("interrupted fit cached %d files of facts", len(entries))
	}
}
