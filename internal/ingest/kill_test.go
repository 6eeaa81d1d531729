package ingest

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tocsin/tocsin/internal/store"
	"github.com/tocsin/tocsin/internal/store/sqlite"
)

// killCorpus writes n distinct articles as JSON Lines and returns the path.
func killCorpus(t *testing.T, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "corpus.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range n {
		words := make([]string, 80)
		for j := range words {
			words[j] = fmt.Sprintf("w%d", rng.IntN(5000))
		}
		enc.Encode(map[string]string{
			"id":    fmt.Sprintf("k%05d", i),
			"title": fmt.Sprintf("Harbour report %d", i),
			"text":  "The harbour office reported the following. " + strings.Join(words, " ") + ".",
			"lang":  "en",
		})
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path
}

// TestMain doubles as the process the kill test starts and kills.
func TestMain(m *testing.M) {
	if db := os.Getenv("TOCSIN_KILL_DB"); db != "" {
		st, err := sqlite.Open(ctx, db)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		// Pause after each commit so that the parent reliably kills the
		// run in the middle, however fast the machine.
		Run(ctx, st, []string{os.Getenv("TOCSIN_KILL_CORPUS")}, Options{BatchSize: 200, OnProgress: func(Progress) {
			time.Sleep(20 * time.Millisecond)
		}})
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestKilledMidBatch(t *testing.T) {
	const n = 8000
	corpus := killCorpus(t, n)
	db := filepath.Join(t.TempDir(), "tocsin.db")
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "TOCSIN_KILL_DB="+db, "TOCSIN_KILL_CORPUS="+corpus)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	st, err := waitForStore(db)
	if err != nil {
		cmd.Process.Kill()
		t.Fatal(err)
	}
	defer st.Close()
	// Kill once a few batches are in, mid-way through the run.
	deadline := time.Now().Add(60 * time.Second)
	stored := 0
	for time.Now().Before(deadline) {
		s, err := st.Stats(ctx)
		if err == nil && s.Articles >= 600 {
			stored = s.Articles
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if stored == 0 {
		t.Fatal("child stored nothing in 60 s")
	}

	if err := st.Check(ctx); err != nil {
		t.Fatalf("store after kill: %v", err)
	}
	after, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after.Articles < stored || after.Articles >= n {
		t.Fatalf("after kill %d articles, want between %d (seen before the kill) and %d", after.Articles, stored, n)
	}
	if after.Articles%200 != 0 {
		t.Errorf("%d articles after kill: a partial batch was committed", after.Articles)
	}
	found, err := st.Articles(ctx, store.ArticleQuery{Search: "harbour"})
	if err != nil || len(found) != after.Originals {
		t.Errorf("search finds %d of %d stored originals (%v)", len(found), after.Originals, err)
	}

	// Running again completes the work: nothing lost, nothing twice.
	sum, err := Run(ctx, st, []string{corpus}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Unchanged != after.Articles || sum.Accepted+sum.Duplicates+sum.Near != n-after.Articles {
		t.Errorf("resume = %+v, want %d unchanged and %d new", sum, after.Articles, n-after.Articles)
	}
	final, _ := st.Stats(ctx)
	if final.Articles != n {
		t.Errorf("%d articles in the end, want %d", final.Articles, n)
	}
}

// waitForStore opens the database once the child has created it.
func waitForStore(path string) (*sqlite.Store, error) {
	for range 500 {
		if _, err := os.Stat(path); err == nil {
			return sqlite.Open(ctx, path)
		}
		time.Sleep(10 * time.Millisecond)
	}
	return nil, fmt.Errorf("child never created %s", path)
}

func TestInterruptKeepsWhatWasRead(t *testing.T) {
	const n = 3000
	corpus := killCorpus(t, n)
	st := openStore(t)
	ictx, cancel := context.WithCancel(ctx)
	defer cancel()
	sum, err := Run(ictx, st, []string{corpus}, Options{BatchSize: 100, OnProgress: func(p Progress) {
		if p.Stored >= 300 {
			cancel()
		}
	}})
	if err != nil {
		t.Fatalf("interrupted run failed: %v", err)
	}
	stats, _ := st.Stats(ctx)
	if sum.Accepted < 300 || sum.Accepted >= n || stats.Articles != sum.Accepted {
		t.Errorf("interrupted run accepted %d, store holds %d: want the same number, at least 300 and fewer than %d", sum.Accepted, stats.Articles, n)
	}
	if err := st.Check(ctx); err != nil {
		t.Error(err)
	}
}
