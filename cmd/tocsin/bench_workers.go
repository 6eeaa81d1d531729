package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/tocsin/tocsin/internal/store"
	"github.com/tocsin/tocsin/internal/store/postgres"
)

// runBenchWorkers measures several 'tocsin ingest' processes sharing one
// store: for each count N, a fresh store, the corpus cut into N contiguous
// shards, one process per shard started together, and the wall time until
// the last one ends.
func runBenchWorkers(ctx context.Context, args []string) error {
	fs := newFlags("bench workers", "[flags] FILE.jsonl\n\nIngests FILE with 1, 2, 4… 'tocsin ingest' processes at once, each on its own contiguous\nshard, into a fresh store for each count, and reports articles/s. With --postgres, each run\ngets a new database on that server (dropped after); without, a new SQLite file.")
	server := fs.String("postgres", "", "PostgreSQL server URL (postgres://user@host:port/postgres); empty: SQLite")
	counts := fs.String("processes", "1,2,4", "comma-separated numbers of worker processes to measure")
	noFacts := fs.Bool("no-facts", false, "ingest without facts (the workers still cluster)")
	batch := fs.Int("batch", 500, "articles per write transaction in each worker")
	contiguous := fs.Bool("contiguous", false, "cut the corpus into contiguous runs instead of dealing its records out in turn")
	asJSON := fs.Bool("json", false, "print one JSON object per run")
	files, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return fmt.Errorf("%w: want one JSON Lines file", errUsage)
	}
	var ns []int
	for _, f := range strings.Split(*counts, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return fmt.Errorf("%w: --processes %q: want numbers of at least 1", errUsage, *counts)
		}
		ns = append(ns, n)
	}
	lines, err := readLines(files[0])
	if err != nil {
		return err
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "tocsin-bench-workers-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	for _, n := range ns {
		res, err := benchWorkers(ctx, self, tmp, *server, shards(lines, n, *contiguous), *noFacts, *batch)
		if err != nil {
			return err
		}
		res["input"], res["contiguous"] = files[0], *contiguous
		if *asJSON {
			json.NewEncoder(os.Stdout).Encode(res)
			continue
		}
		fmt.Printf("%s, %d worker(s) on %s: %d articles (%d originals, %d events) in %.1fs: %.1f articles/s, %.1f worker CPU ms/article\n",
			files[0], n, res["store"], res["articles"], res["originals"], res["events"], res["seconds"], res["articles_per_s"], res["worker_cpu_ms_per_article"])
	}
	return nil
}

func benchWorkers(ctx context.Context, self, tmp, server string, parts [][]byte, noFacts bool, batch int) (map[string]any, error) {
	n := len(parts)
	db := filepath.Join(tmp, fmt.Sprintf("bench-%d.db", n))
	kind := "sqlite"
	if server != "" {
		b := make([]byte, 4)
		rand.Read(b)
		name := "tocsin_bench_" + hex.EncodeToString(b)
		var err error
		if db, err = postgres.CreateDatabase(ctx, server, name); err != nil {
			return nil, err
		}
		defer postgres.DropDatabase(context.Background(), server, name)
		kind = "postgres"
	}
	// Migrate before the clock starts, as 'tocsin migrate' would before a
	// deployment's workers start.
	st, err := openStore(ctx, db)
	if err != nil {
		return nil, err
	}
	st.Close()
	var cmds []*exec.Cmd
	for i, shard := range parts {
		path := filepath.Join(tmp, fmt.Sprintf("shard-%d-of-%d.jsonl", i+1, n))
		if err := os.WriteFile(path, shard, 0o644); err != nil {
			return nil, err
		}
		args := []string{"ingest", "--quiet", "--db", db, "--batch", strconv.Itoa(batch), path}
		if noFacts {
			args = append(args, "--no-facts")
		}
		cmd := exec.CommandContext(ctx, self, args...)
		cmd.Stderr = os.Stderr
		cmds = append(cmds, cmd)
	}
	start := time.Now()
	for _, c := range cmds {
		if err := c.Start(); err != nil {
			return nil, err
		}
	}
	var failed error
	for _, c := range cmds {
		// Status 1 is a completed run that rejected some input (reported
		// on stderr); anything else is a failure.
		var exit *exec.ExitError
		if err := c.Wait(); err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) && failed == nil {
			failed = fmt.Errorf("worker %s: %w", c.Args[len(c.Args)-1], err)
		}
	}
	elapsed := time.Since(start)
	if failed != nil {
		return nil, failed
	}
	// CPU time is what the workers cost whatever else the machine was
	// doing: on a shared machine, wall time alone says little.
	var cpu time.Duration
	for _, c := range cmds {
		cpu += c.ProcessState.UserTime() + c.ProcessState.SystemTime()
	}
	st, err = openStore(ctx, db)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	stats, err := st.Stats(ctx)
	if err != nil {
		return nil, err
	}
	events, err := st.Events(ctx, store.EventQuery{})
	if err != nil {
		return nil, err
	}
	return map[string]any{
		"store": kind, "workers": n, "facts": !noFacts, "articles": stats.Articles, "originals": stats.Originals,
		"events": len(events), "seconds": elapsed.Seconds(), "articles_per_s": float64(stats.Articles) / elapsed.Seconds(),
		"worker_cpu_ms_per_article": cpu.Seconds() * 1000 / float64(max(stats.Articles, 1)),
	}, nil
}

// shards deals lines out to n shards in turn, so that workers move through
// the corpus (and its time) together, as workers polling live feeds do; or
// cuts it into n contiguous runs, as when each worker back-fills its own
// stretch of an archive. The online clusterer assumes articles arrive
// roughly in time order: contiguous shards break that (docs/scaling.md).
func shards(lines [][]byte, n int, contiguous bool) [][]byte {
	out := make([][]byte, n)
	for i, l := range lines {
		s := i % n
		if contiguous {
			s = i * n / len(lines)
		}
		out[s] = append(append(out[s], l...), '\n')
	}
	return out
}

// readLines reads the non-empty lines of a JSON Lines file.
func readLines(path string) ([][]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	var out [][]byte
	for sc.Scan() {
		if len(sc.Bytes()) > 0 {
			out = append(out, append([]byte(nil), sc.Bytes()...))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return out, nil
}
