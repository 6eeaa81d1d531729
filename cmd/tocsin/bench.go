package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/tocsin/tocsin/internal/cluster"
	"github.com/tocsin/tocsin/internal/ingest"
)

func runBench(ctx context.Context, args []string) error {
	if len(args) > 0 && args[0] == "workers" {
		return runBenchWorkers(ctx, args[1:])
	}
	if len(args) > 0 && args[0] == "serve" {
		return runBenchServe(ctx, args[1:])
	}
	if len(args) > 0 && args[0] == "cluster" {
		return runBenchCluster(ctx, args[1:])
	}
	if len(args) == 0 || args[0] != "ingest" {
		return fmt.Errorf("%w: want 'tocsin bench ingest|workers FILE', 'tocsin bench serve --corpus FILE' or 'tocsin bench cluster'", errUsage)
	}
	fs := newFlags("bench ingest", "[flags] FILE.jsonl\n\nIngests FILE into a fresh temporary store and reports articles/s, MB/s and peak memory.\nWith --as text or html, the records are first written out as one document per file\n(not timed), so that plain-text or HTML ingestion is measured on real article text.")
	as := fs.String("as", "jsonl", "what to ingest: jsonl (the file itself), text or html (one file per record)")
	limit := fs.Int("limit", 0, "use only the first N records (0: all)")
	workers := fs.Int("workers", 0, "parallel parsers (default: number of CPUs)")
	asJSON := fs.Bool("json", false, "print the figures as JSON")
	withFacts := fs.Bool("facts", false, "also extract facts and cluster, as 'tocsin ingest' does by default")
	files, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return fmt.Errorf("%w: want one JSON Lines file", errUsage)
	}
	tmp, err := os.MkdirTemp("", "tocsin-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	input := files[0]
	if *as != "jsonl" {
		docs := filepath.Join(tmp, "docs")
		if err := os.Mkdir(docs, 0o755); err != nil {
			return err
		}
		n, err := ingest.Materialize(input, docs, *as, *limit)
		if err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "wrote %d %s documents\n", n, *as)
		input = docs
	} else if *limit > 0 {
		return fmt.Errorf("%w: --limit needs --as text or html", errUsage)
	}
	st, err := openStore(ctx, filepath.Join(tmp, "bench.db"))
	if err != nil {
		return err
	}
	defer st.Close()
	opts := ingest.Options{Workers: *workers}
	if *withFacts {
		if opts.Facts, err = newExtractor(); err != nil {
			return err
		}
		if opts.Cluster, err = cluster.NewLive(ctx, st, cluster.DefaultConfig()); err != nil {
			return err
		}
	}
	runtime.GC()
	cpu0 := cpuTime()
	sum, err := ingest.Run(ctx, st, []string{input}, opts)
	cpu := cpuTime() - cpu0
	if err != nil {
		return err
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	stored := sum.Accepted + sum.Duplicates + sum.Near
	res := map[string]any{
		"input": files[0], "as": *as, "facts": *withFacts, "articles": stored, "rejected": sum.Rejected,
		"seconds":         sum.Elapsed.Seconds(),
		"articles_per_s":  float64(stored) / sum.Elapsed.Seconds(),
		"mb_per_s":        float64(sum.Bytes) / 1e6 / sum.Elapsed.Seconds(),
		"peak_rss_mb":     peakRSS(),
		"go_heap_peak_mb": float64(ms.HeapSys) / 1e6,
		"cpus":            runtime.NumCPU(),
		// CPU time is what the run cost whatever else the machine was doing;
		// articles per CPU-second times the cores is the unloaded ceiling.
		"cpu_ms_per_article": cpu.Seconds() * 1000 / float64(max(stored, 1)),
	}
	if *asJSON {
		return json.NewEncoder(os.Stdout).Encode(res)
	}
	fmt.Printf("%s as %s: %d articles (%d rejected) in %s: %.0f articles/s, %.2f MB/s, %.2f CPU ms/article, peak RSS %.0f MB, Go heap %.0f MB, %d CPUs\n",
		files[0], *as, stored, sum.Rejected, sum.Elapsed.Round(time.Millisecond), res["articles_per_s"], res["mb_per_s"],
		res["cpu_ms_per_article"], res["peak_rss_mb"], res["go_heap_peak_mb"], runtime.NumCPU())
	return nil
}

// cpuTime is the user and system CPU time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// peakRSS reads the process's peak resident set size (Linux), in MB; 0
// where the system does not say.
func peakRSS() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 64)
			return kb / 1024
		}
	}
	return 0
}
