package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMain lets the tests run the real command: started with TOCSIN_AS_MAIN
// set, the test binary is tocsin itself.
func TestMain(m *testing.M) {
	if os.Getenv("TOCSIN_AS_MAIN") != "" {
		main()
		return
	}
	os.Exit(m.Run())
}

// tocsin runs the command with args and returns stdout, stderr and the exit
// status.
func tocsin(t *testing.T, env []string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(append(os.Environ(), "TOCSIN_AS_MAIN=1"), env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errOut.String(), code
}

func TestIngestListShow(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	env := []string{"TOCSIN_DB=" + db}
	docs := "../../internal/ingest/testdata/docs"

	_, stderr, code := tocsin(t, env, "ingest", docs)
	if code != 0 || !strings.Contains(stderr, "7 accepted") {
		t.Fatalf("ingest: exit %d, stderr %q", code, stderr)
	}

	out, _, code := tocsin(t, env, "articles", "--format", "json")
	var list []map[string]any
	if err := json.Unmarshal([]byte(out), &list); err != nil || code != 0 {
		t.Fatalf("articles --format json: %v, exit %d: %s", err, code, out)
	}
	if len(list) != 7 {
		t.Fatalf("listed %d articles, want 7", len(list))
	}
	for _, field := range []string{"id", "title", "body", "published", "lang", "ingested", "size", "format", "origin", "fingerprint"} {
		if _, ok := list[0][field]; !ok {
			t.Errorf("JSON article lacks %q: %v", field, list[0])
		}
	}

	out, _, _ = tocsin(t, env, "articles", "--format", "jsonl", "--lang", "de")
	if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 1 || !strings.Contains(lines[0], "Großbrand") {
		t.Errorf("--lang de jsonl = %q", out)
	}
	out, _, _ = tocsin(t, env, "articles", "--since", "2025-03-01")
	if !strings.Contains(out, "Grève massive") || strings.Contains(out, "Großbrand") || strings.Contains(out, "River bursts") {
		t.Errorf("--since 2025-03-01 lists %q: want the April article, not the undated or February ones", out)
	}
	out, _, _ = tocsin(t, env, "articles", "--search", "evacuated")
	if !strings.Contains(out, "River bursts its banks") || strings.Count(out, "\n") != 2 {
		t.Errorf("search table = %q, want header and the flood article", out)
	}

	id, _ := list[0]["id"].(string)
	out, _, code = tocsin(t, env, "article", id)
	if code != 0 || !strings.Contains(out, "published:") || !strings.Contains(out, list[0]["title"].(string)) {
		t.Errorf("article %s: exit %d\n%s", id, code, out)
	}
	_, stderr, code = tocsin(t, env, "article", "no-such-id")
	if code != 1 || !strings.Contains(stderr, "not found") {
		t.Errorf("missing article: exit %d, %q", code, stderr)
	}

	out, _, _ = tocsin(t, env, "stats", "--format", "json")
	var st map[string]any
	if err := json.Unmarshal([]byte(out), &st); err != nil || st["articles"] != float64(7) {
		t.Errorf("stats json = %s (%v)", out, err)
	}

	// --db on the command line wins over TOCSIN_DB, after the positionals.
	other := filepath.Join(t.TempDir(), "other.db")
	tocsin(t, env, "ingest", docs+"/en_flood.txt", "--db", other)
	out, _, _ = tocsin(t, nil, "stats", "--db", other)
	if !strings.Contains(out, "articles     1 ") {
		t.Errorf("stats of --db store = %q", out)
	}
}

func TestExitStatus(t *testing.T) {
	dir := t.TempDir()
	env := []string{"TOCSIN_DB=" + filepath.Join(dir, "t.db")}
	os.WriteFile(filepath.Join(dir, "bad.bin"), []byte("\x00\x01\x02binary"), 0o644)
	_, stderr, code := tocsin(t, env, "ingest", filepath.Join(dir, "bad.bin"))
	if code != 1 || !strings.Contains(stderr, "rejected "+filepath.Join(dir, "bad.bin")+": binary content") {
		t.Errorf("bad input: exit %d, stderr %q", code, stderr)
	}
	for _, args := range [][]string{
		{"no-such-command"},
		{"ingest"},
		{"articles", "--format", "xml"},
		{"articles", "--since", "last tuesday"},
		{"ingest", "--format", "pdf", "x"},
	} {
		if _, stderr, code := tocsin(t, env, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", args, code, stderr)
		}
	}
	for _, args := range [][]string{{"--help"}, {"ingest", "--help"}, {"articles", "-h"}, {"bench", "ingest", "--help"}} {
		if _, stderr, code := tocsin(t, env, args...); code != 0 || !strings.Contains(stderr, "Usage") {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
}

func TestParseWhen(t *testing.T) {
	now := time.Date(2024, 3, 25, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in   string
		want time.Time
	}{
		{"", time.Time{}},
		{"2024-03-22", time.Date(2024, 3, 22, 0, 0, 0, 0, time.UTC)},
		{"2024-03-22T20:30:00Z", time.Date(2024, 3, 22, 20, 30, 0, 0, time.UTC)},
		{"48h", now.Add(-48 * time.Hour)},
		{"7d", now.AddDate(0, 0, -7)},
	} {
		got, err := parseWhen(tc.in, now)
		if err != nil || !got.Equal(tc.want) {
			t.Errorf("parseWhen(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	if _, err := parseWhen("soon", now); err == nil {
		t.Error("parseWhen(soon): no error")
	}
}
