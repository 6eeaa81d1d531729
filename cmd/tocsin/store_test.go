package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tocsin/tocsin/internal/store/postgres"
)

// postgresDB returns the URL of a fresh database on the server named by
// TOCSIN_TEST_POSTGRES, dropped when the test ends, or skips the test
// without one (fails when TOCSIN_REQUIRE_POSTGRES=1, as in CI).
func postgresDB(t *testing.T) string {
	t.Helper()
	server := os.Getenv("TOCSIN_TEST_POSTGRES")
	if server == "" {
		if os.Getenv("TOCSIN_REQUIRE_POSTGRES") == "1" {
			t.Fatal("TOCSIN_REQUIRE_POSTGRES=1 but TOCSIN_TEST_POSTGRES is not set")
		}
		t.Skip("set TOCSIN_TEST_POSTGRES=postgres://user@host:port/postgres?sslmode=disable to run the commands on PostgreSQL")
	}
	b := make([]byte, 6)
	rand.Read(b)
	name := "tocsin_cmd_" + hex.EncodeToString(b)
	url, err := postgres.CreateDatabase(context.Background(), server, name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := postgres.DropDatabase(context.Background(), server, name); err != nil {
			t.Error(err)
		}
	})
	return url
}

// must runs tocsin and fails the test unless it exits with want.
func must(t *testing.T, want int, stdin string, args ...string) (string, string) {
	t.Helper()
	out, errOut, code := tocsinIn(t, stdin, args...)
	if code != want {
		t.Fatalf("tocsin %s: exit %d, want %d; stderr: %s", strings.Join(args, " "), code, want, errOut)
	}
	return out, errOut
}

// TestRoundTrip moves a store SQLite → PostgreSQL → SQLite with export and
// import: the articles, their facts and the events must come out the same.
func TestRoundTrip(t *testing.T) {
	dir := t.TempDir()
	a, c := filepath.Join(dir, "a.db"), filepath.Join(dir, "c.db")
	pg := postgresDB(t)
	must(t, 0, "", "ingest", "--quiet", "--db", a, "../../internal/ingest/testdata/docs")
	exported, _ := must(t, 0, "", "export", "articles", "--db", a)
	if n := strings.Count(exported, "\n"); n != 7 {
		t.Fatalf("exported %d articles, want the 7 ingested", n)
	}
	if !strings.Contains(exported, `"facts":`) {
		t.Errorf("export holds no facts: %.300s", exported)
	}
	_, stderr := must(t, 0, exported, "import", "-", "--db", pg)
	if !strings.Contains(stderr, "7 imported") {
		t.Errorf("import into PostgreSQL: %s", stderr)
	}
	fromPG, _ := must(t, 0, "", "export", "articles", "--db", pg)
	if fromPG != exported {
		t.Errorf("PostgreSQL exports other articles than SQLite did:\n%s\nwant\n%s", fromPG, exported)
	}
	must(t, 0, fromPG, "import", "-", "--db", c)
	if back, _ := must(t, 0, "", "export", "articles", "--db", c); back != exported {
		t.Errorf("back in SQLite, the export differs:\n%s\nwant\n%s", back, exported)
	}
	for _, cmd := range [][]string{
		{"events", "--format", "jsonl"},
		{"stats", "--format", "json"},
		{"articles", "--search", "evacuated", "--format", "jsonl"},
		{"articles", "--lang", "de", "--format", "jsonl"},
	} {
		want, _ := must(t, 0, "", append(cmd, "--db", a)...)
		for _, db := range []string{pg, c} {
			got, _ := must(t, 0, "", append(cmd, "--db", db)...)
			if got != want {
				t.Errorf("%s on %s:\n%s\nwant (the SQLite store ingested from)\n%s", strings.Join(cmd, " "), db, got, want)
			}
		}
	}
	// Importing again changes nothing; a bad line is named and skipped.
	_, stderr = must(t, 0, exported, "import", "-", "--db", pg)
	if !strings.Contains(stderr, "0 imported, 7 unchanged") {
		t.Errorf("second import: %s", stderr)
	}
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte("{not json\n"+`{"article":{"id":"x1","title":"T","body":"Some text.","lang":"en","fingerprint":"ab12"}}`+"\n"), 0o644)
	_, stderr = must(t, 1, "", "import", bad, "--db", pg)
	if !strings.Contains(stderr, "bad.jsonl:1: not an archive record") || !strings.Contains(stderr, "1 imported") {
		t.Errorf("import with a bad line: %s", stderr)
	}
	out, _ := must(t, 0, "", "migrate", "--db", pg)
	if !strings.Contains(out, "0001_articles.sql") || !strings.Contains(out, "0004_leases.sql") {
		t.Errorf("migrate lists %s", out)
	}
}

// tocsinIn runs the command with stdin and returns stdout, stderr and the
// exit status.
func tocsinIn(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "TOCSIN_AS_MAIN=1")
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return out.String(), errOut.String(), exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errOut.String(), 0
}
