package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNERHelpAndBadFlags(t *testing.T) {
	for name, run := range map[string]func([]string) error{"train": runTrainNER, "eval": runEvalNER} {
		if err := run([]string{"--help"}); err != nil {
			t.Errorf("%s --help: %v", name, err)
		}
		if err := run([]string{"--no-such-flag"}); err == nil {
			t.Errorf("%s --no-such-flag: got no error", name)
		}
		if err := run([]string{"--corpora", t.TempDir()}); err == nil {
			t.Errorf("%s on an empty directory: got no error", name)
		}
	}
}

func TestNERTrainThenEval(t *testing.T) {
	dir := t.TempDir()
	corpora := filepath.Join(dir, "corpora")
	if err := os.Mkdir(corpora, 0o755); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for i := range 60 {
		name := []string{"Anna", "Pavel", "Marta", "Ivo"}[i%4]
		place := []string{"Lyon", "Graz", "Turku", "Bari"}[i%4]
		fmt.Fprintf(&b, `{"lang":"en","set":"t","tokens":["%s","lives","in","%s","."],"tags":["B-PER","O","O","B-LOC","O"]}`+"\n", name, place)
	}
	for _, f := range []string{"t-en-train.jsonl", "t-en-val.jsonl"} {
		if err := os.WriteFile(filepath.Join(corpora, f), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "model")
	if err := runTrainNER([]string{"--corpora", corpora, "--out", out, "--sets", "t-*-train", "--epochs", "3", "--min-count", "1", "--prune", "0"}); err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	os.Stdout = w
	err = runEvalNER([]string{"--corpora", corpora, "--model", filepath.Join(out, nerModelFile), "--json"})
	w.Close()
	os.Stdout = stdout
	if err != nil {
		t.Fatal(err)
	}
	var report struct {
		Files []nerEvalRow `json:"files"`
	}
	if err := json.NewDecoder(r).Decode(&report); err != nil {
		t.Fatalf("eval --json output: %v", err)
	}
	if len(report.Files) != 1 || report.Files[0].Name != "t-en-val" {
		t.Fatalf("scored %+v, want only t-en-val (the default is *-val)", report.Files)
	}
	for _, f := range report.Files {
		if f.F1 < 0.99 {
			t.Errorf("%s: F1 = %.2f, want 1 on data seen in training", f.Name, f.F1)
		}
	}
}
