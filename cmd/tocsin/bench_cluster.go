package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/tocsin/tocsin/internal/cluster"
)

// clusterCheckpoint is the state of a scale run after so many assignments.
type clusterCheckpoint struct {
	Items         int     `json:"items"`
	Seconds       float64 `json:"seconds"`
	PerSecond     float64 `json:"assignments_per_s"`     // over the stretch since the previous checkpoint
	MicrosPerItem float64 `json:"us_per_assignment"`     // the same, as cost
	CPUMicros     float64 `json:"cpu_us_per_assignment"` // CPU time over the stretch: what other jobs on the machine distort least
	ActiveEvents  int     `json:"active_events"`
	HeapMB        float64 `json:"heap_in_use_mb"` // after a collection
	RSSMB         float64 `json:"rss_mb"`
	SpanDays      float64 `json:"span_days"` // publication time covered so far
}

func runBenchCluster(ctx context.Context, args []string) error {
	fs := newFlags("bench cluster", "[flags]\n\nStreams synthetic articles through event assignment and reports assignments/s, cost per\nassignment and memory at 10k, 20k, 50k, 100k, 200k, ... items. The articles are the gold events of the\ncorpora replayed as new incidents (new places, names, days and distinctive terms; see\ncluster.Synth); their facts are extracted once, before timing.")
	n := fs.Int("n", 100000, "articles to assign")
	corpora := fs.String("corpora", "../shared/corpora", "folder of the corpora")
	sets := fs.String("sets", "gva/dev.jsonl,newscluster/dev.jsonl", "comma-separated corpus files under --corpora to draw events from")
	perDay := fs.Int("per-day", 2000, "articles published per day")
	seed := fs.Int64("seed", 1, "random seed")
	cache := fs.String("cache", "", "folder to keep extracted facts in between runs (as for 'train cluster')")
	asJSON := fs.Bool("json", false, "print the checkpoints as JSON")
	profile := fs.String("cpuprofile", "", "write a CPU profile of the assignments to this file")
	memProfile := fs.String("memprofile", "", "write a profile of the memory in use at the end to this file")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	var items []*cluster.Item
	var gold []string
	for _, set := range strings.Split(*sets, ",") {
		g, err := readGold(ctx, filepath.Join(*corpora, set), nil, *cache)
		if err != nil {
			return err
		}
		for i, it := range g.items {
			items = append(items, it)
			gold = append(gold, g.name+"/"+g.gold[i])
		}
	}
	if len(items) == 0 {
		return fmt.Errorf("no articles with gold events in %s", *sets)
	}
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	synth := cluster.NewSynth(items, gold, *seed, *perDay, start)
	c := cluster.New(cluster.DefaultConfig(), nil)
	items, gold = nil, nil
	runtime.GC()

	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	var marks []clusterCheckpoint
	next := 10000
	t0 := time.Now()
	last, lastN, lastCPU := t0, 0, cpuTime()
	var first time.Time
	for i := 1; i <= *n; i++ {
		if i%1000 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		it := synth.Next()
		if i == 1 {
			first = it.Time
		}
		c.Assign(it)
		if i == next || i == *n {
			now := time.Now()
			cp := clusterCheckpoint{Items: i, Seconds: now.Sub(t0).Seconds(), ActiveEvents: len(c.Events()),
				SpanDays: it.Time.Sub(first).Hours() / 24}
			stretch := now.Sub(last).Seconds()
			cp.PerSecond = float64(i-lastN) / stretch
			cp.MicrosPerItem = stretch * 1e6 / float64(i-lastN)
			cp.CPUMicros = float64((cpuTime() - lastCPU).Microseconds()) / float64(i-lastN)
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			cp.HeapMB = float64(ms.HeapInuse) / 1e6
			cp.RSSMB = currentRSS()
			marks = append(marks, cp)
			if !*asJSON {
				fmt.Printf("%9d items  %6.0f s  %7.0f assignments/s  %6.1f µs each (CPU %6.1f)  %7d active events  heap %6.0f MB  RSS %6.0f MB  %5.0f days\n",
					cp.Items, cp.Seconds, cp.PerSecond, cp.MicrosPerItem, cp.CPUMicros, cp.ActiveEvents, cp.HeapMB, cp.RSSMB, cp.SpanDays)
			}
			for next <= i {
				next = nextMark(next)
			}
			// The collection above is not the clusterer's cost.
			last, lastN, lastCPU = time.Now(), i, cpuTime()
		}
	}
	if *memProfile != "" {
		f, err := os.Create(*memProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		runtime.GC()
		if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
			return err
		}
		runtime.KeepAlive(c)
	}
	if *asJSON {
		return json.NewEncoder(os.Stdout).Encode(map[string]any{"per_day": *perDay, "cpus": runtime.NumCPU(), "checkpoints": marks})
	}
	return nil
}

// nextMark is the checkpoint after n in the series 10k, 20k, 50k, 100k,
// 200k, 500k, 1M...: often enough to see memory level off, or not.
func nextMark(n int) int {
	if strconv.Itoa(n)[0] == '2' {
		return n / 2 * 5
	}
	return n * 2
}

// currentRSS reads the process's resident set size (Linux), in MB; 0 where
// the system does not say.
func currentRSS() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 64)
			return kb / 1024
		}
	}
	return 0
}
