package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tocsin/tocsin/internal/cluster"
	"github.com/tocsin/tocsin/internal/crosscheck"
	"github.com/tocsin/tocsin/internal/ingest"
	"github.com/tocsin/tocsin/internal/store"
	"github.com/tocsin/tocsin/internal/text"
	"github.com/tocsin/tocsin/internal/web"
	"github.com/valyala/fasthttp"
)

const benchServeHelp = `--corpus FILE.jsonl [flags]

Loads a store with --articles synthetic articles made from the corpus (each
mixes sentences of several records under a new date, so that they are
neither duplicates nor one event), unless --db already holds that many;
then serves it on loopback and runs --clients concurrent clients for
--duration over the event list, event detail and article search, while
posting --ingest-rate articles per second through the API. Prints p50, p90
and p99 latency per endpoint, errors, and the ingest rate achieved.
Building 100,000 articles takes minutes: keep the store with --db and reuse it.`

func runBenchServe(ctx context.Context, args []string) error {
	fs := newFlags("bench serve", benchServeHelp)
	corpus := fs.String("corpus", "", "JSON Lines corpus to make articles from (title and text fields)")
	db := fs.String("db", "", "store to load or reuse (default: a temporary one)")
	n := fs.Int("articles", 100000, "articles in the store before the load starts")
	clients := fs.Int("clients", 50, "concurrent clients")
	duration := fs.Duration("duration", 30*time.Second, "how long the load runs")
	warmup := fs.Duration("warmup", 0, "read for this long before the load, unmeasured, so that the figures leave out what the first answers compute once (each event's first report, each title's terms)")
	rate := fs.Int("ingest-rate", 200, "articles per second posted during the load (0: none)")
	maxReads := fs.Int("max-reads", 0, "reads the server serves at once (default: one more than the processors, as serve)")
	postGap := fs.Duration("post-gap", 0, "least time between two stores of posts (default 250ms, as serve; negative: none)")
	batch := fs.Int("ingest-batch", 0, "articles per POST (default: a tenth of --ingest-rate, ten POSTs a second)")
	inflight := fs.Int("ingest-inflight", 16, "POSTs sent on schedule before the first is answered, as from that many feeds or clients (1: each waits for the one before)")
	asJSON := fs.Bool("json", false, "print the figures as JSON")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the load (server and clients) to FILE")
	memProfile := fs.String("memprofile", "", "write a profile of what was allocated (from the start, the store's loading included) to FILE at the end")
	blockProfile := fs.String("blockprofile", "", "write a profile of where goroutines waited (locks, channels, the store's connection pools) during the load to FILE")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *corpus == "" {
		return fmt.Errorf("%w: --corpus FILE is required", errUsage)
	}
	gen, err := newSynth(*corpus)
	if err != nil {
		return err
	}
	if *db == "" {
		tmp, err := os.MkdirTemp("", "tocsin-bench-serve-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		*db = filepath.Join(tmp, "serve.db")
	}
	if percent, limit, ok := tuneGC(); ok { // as serve does
		fmt.Fprintf(os.Stderr, "garbage collector: GOGC %d, memory limit %d MiB\n", percent, limit>>20)
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	x, err := newExtractor()
	if err != nil {
		return err
	}
	live, err := cluster.NewLive(ctx, st, cluster.DefaultConfig())
	if err != nil {
		return err
	}
	pipeline := ingest.Options{Facts: x, Cluster: live}
	srv, err := web.New(web.Config{Store: st, Pipeline: pipeline, Token: "bench", MaxReads: *maxReads, PostGap: *postGap,
		Reports: crosscheck.NewLoader(st).Load,
		Logger:  slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError}))})
	if err != nil {
		return err
	}
	if err := fillStore(ctx, st, srv, gen, *n); err != nil {
		return err
	}
	if p, ok := st.(store.Preloader); ok { // as serve does as it starts
		if err := p.Preload(ctx); err != nil {
			return err
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: srv}
	go hs.Serve(ln)
	defer func() {
		// Shutdown, not Close: handlers still answering cancelled
		// requests must finish before the deferred store close.
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		hs.Shutdown(sctx)
	}()
	base := "http://" + ln.Addr().String()

	events, err := st.Events(ctx, store.EventQuery{Limit: 2000})
	if err != nil || len(events) == 0 {
		return fmt.Errorf("no events to ask for (%v): does the corpus give facts?", err)
	}
	ids := make([]string, len(events))
	for i, e := range events {
		ids[i] = e.ID
	}
	words := gen.searchWords()
	fmt.Fprintf(os.Stderr, "load: %d clients for %s over %d events, %d search words, posting %d articles/s\n", *clients, *duration, len(ids), len(words), *rate)

	// The readers, which share the server's processors, use fasthttp's
	// client: net/http's took 10 % of the machine's CPU under the load
	// (its two goroutines per connection, a request's allocations), a
	// tenth of it no server ever pays for its remote clients. A search
	// page is some 60 KB: read with a 4 KB buffer, it took a dozen system
	// calls.
	readers := &fasthttp.Client{MaxConnsPerHost: *clients + 4, ReadBufferSize: 64 << 10, ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: *inflight + 4}, Timeout: 30 * time.Second}
	// read runs the closed-loop readers until ctx ends, each drawing its
	// requests from its own random sequence of seed.
	read := func(ctx context.Context, wg *sync.WaitGroup, rec *latencies, seed uint64) {
		for c := range *clients {
			wg.Go(func() {
				rng := rand.New(rand.NewPCG(uint64(c), seed))
				for ctx.Err() == nil {
					var name, path string
					switch rng.IntN(3) {
					case 0:
						name, path = "event list", fmt.Sprintf("/api/events?limit=50&offset=%d", 50*rng.IntN(4))
					case 1:
						name, path = "event detail", "/api/events/"+url.PathEscape(ids[rng.IntN(len(ids))])
					default:
						name, path = "search", "/api/articles?limit=20&q="+url.QueryEscape(words[rng.IntN(len(words))])
					}
					rec.get(ctx, readers, name, base+path)
				}
			})
		}
	}
	if *warmup > 0 {
		wctx, cancel := context.WithTimeout(ctx, *warmup)
		var wg sync.WaitGroup
		read(wctx, &wg, newLatencies(), 8)
		wg.Wait()
		cancel()
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if *memProfile != "" {
		defer writeProfile("allocs", *memProfile)
	}
	if *blockProfile != "" {
		runtime.SetBlockProfileRate(int(time.Millisecond))
		defer func() {
			runtime.SetBlockProfileRate(0)
			writeProfile("block", *blockProfile)
		}()
	}
	lctx, cancel := context.WithTimeout(ctx, *duration)
	defer cancel()
	rec := newLatencies()
	var wg sync.WaitGroup
	read(lctx, &wg, rec, 7)
	var posted, accepted atomic.Int64
	start, cpu0 := time.Now(), cpuTime()
	if *rate > 0 {
		wg.Go(func() {
			// Batches on a fixed schedule (ten a second, each a tenth of
			// the rate, by default), at most --ingest-inflight at a time:
			// a slow batch delays the next, never drops it. A batch is
			// not cut by the end of the load, so that every article the
			// server stored is counted.
			per := max(*rate/10, 1)
			if *batch > 0 {
				per = *batch
			}
			every := time.Duration(float64(time.Second) * float64(per) / float64(*rate))
			slots := make(chan struct{}, max(*inflight, 1))
			next := time.Now()
			// Numbers past any earlier run's, so that a reused store takes
			// the articles as new.
			first := *n + int(time.Now().Unix()%100000)*100000
			for i := 0; ; i++ {
				select {
				case slots <- struct{}{}:
				case <-lctx.Done():
				}
				if lctx.Err() != nil {
					return
				}
				var body bytes.Buffer
				for j := range per {
					body.Write(gen.record(first + i*per + j))
					body.WriteByte('\n')
				}
				wg.Go(func() {
					defer func() { <-slots }()
					res := rec.post(ctx, client, ingestEndpoint, base+"/api/articles", body.Bytes())
					posted.Add(int64(per))
					var r struct {
						Accepted int `json:"accepted"`
					}
					if json.Unmarshal(res, &r) == nil {
						accepted.Add(int64(r.Accepted))
					}
				})
				next = next.Add(every)
				if d := time.Until(next); d > 0 {
					select {
					case <-time.After(d):
					case <-lctx.Done():
					}
				}
			}
		})
	}
	wg.Wait()
	elapsed, cpu := time.Since(start), cpuTime()-cpu0
	report := rec.report()
	out := map[string]any{"articles": *n, "clients": *clients, "seconds": elapsed.Seconds(), "endpoints": report,
		"ingest_target_per_s": *rate, "ingest_posted": posted.Load(), "ingest_accepted": accepted.Load(),
		"ingest_achieved_per_s": float64(accepted.Load()) / elapsed.Seconds(), "cpu_seconds": cpu.Seconds()}
	// The CPU of the whole process (server and clients) over the load is
	// what one side costs only when the other is idle: with --clients 0
	// ingest (the client that posts takes under 1 % of it), with
	// --ingest-rate 0 the answers.
	cost := ""
	switch answers := readAnswers(report); {
	case *clients == 0 && accepted.Load() > 0:
		out["cpu_ms_per_article"] = cpu.Seconds() * 1000 / float64(accepted.Load())
		cost = fmt.Sprintf(", %.2f ms per accepted article", out["cpu_ms_per_article"])
	case *rate == 0 && answers > 0:
		out["cpu_ms_per_answer"] = cpu.Seconds() * 1000 / float64(answers)
		cost = fmt.Sprintf(", %.2f ms per answer", out["cpu_ms_per_answer"])
	}
	if *asJSON {
		return json.NewEncoder(os.Stdout).Encode(out)
	}
	fmt.Printf("%d articles, %d clients, %s:\n", *n, *clients, elapsed.Round(time.Millisecond))
	fmt.Printf("  %-13s %8s %8s %8s %8s %8s %7s\n", "endpoint", "requests", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors")
	for _, e := range report {
		fmt.Printf("  %-13s %8d %8.1f %8.1f %8.1f %8.1f %7d\n", e.Name, e.Requests, e.P50, e.P90, e.P99, e.Max, e.Errors)
	}
	fmt.Printf("  ingest: %d posted, %d accepted, %.0f articles/s achieved (target %d/s)\n", posted.Load(), accepted.Load(), out["ingest_achieved_per_s"], *rate)
	fmt.Printf("  CPU: %.1f s (user+sys, server and clients)%s\n", cpu.Seconds(), cost)
	return nil
}

// ingestEndpoint names the posts in the figures.
const ingestEndpoint = "ingest POST"

// readAnswers counts the requests of the reading endpoints.
func readAnswers(report []endpointFigures) int {
	n := 0
	for _, e := range report {
		if e.Name != ingestEndpoint {
			n += e.Requests
		}
	}
	return n
}

// fillStore ingests synthetic articles through the server's pipeline
// until the store holds n.
func fillStore(ctx context.Context, st store.Store, srv *web.Server, gen *synth, n int) error {
	stats, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	if stats.Articles >= n {
		fmt.Fprintf(os.Stderr, "store holds %d articles: reusing it\n", stats.Articles)
		return nil
	}
	fmt.Fprintf(os.Stderr, "loading %d synthetic articles (the store has %d)…\n", n-stats.Articles, stats.Articles)
	pr, pw := io.Pipe()
	go func() {
		bw := bufio.NewWriterSize(pw, 1<<20)
		for i := stats.Articles; i < n; i++ {
			bw.Write(gen.record(i))
			bw.WriteByte('\n')
		}
		pw.CloseWithError(bw.Flush())
	}()
	last := time.Now()
	sum, _, err := srv.Ingest(ctx, []string{"-"}, pr, func(p ingest.Progress) {
		if time.Since(last) > 10*time.Second {
			last = time.Now()
			fmt.Fprintf(os.Stderr, "  %d stored\n", stats.Articles+p.Stored)
		}
	})
	fmt.Fprintf(os.Stderr, "loaded %d articles in %s (%.0f/s), %d rejected\n", sum.Accepted, sum.Elapsed.Round(time.Second),
		float64(sum.Accepted)/sum.Elapsed.Seconds(), sum.Rejected)
	return err
}

// synth makes articles from a corpus's sentences.
type synth struct {
	titles    []string
	sentences []string
}

func newSynth(path string) (*synth, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s := &synth{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var r struct{ Title, Text string }
		if json.Unmarshal(sc.Bytes(), &r) != nil || r.Title == "" || len(r.Text) < 200 {
			continue
		}
		s.titles = append(s.titles, r.Title)
		for _, para := range strings.Split(r.Text, "\n") {
			if para = strings.TrimSpace(para); len(para) > 60 && len(para) < 600 {
				s.sentences = append(s.sentences, para)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(s.titles) == 0 || len(s.sentences) < 10 {
		return nil, errors.New(path + ": no records with title and text")
	}
	return s, nil
}

var benchEpoch = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// record returns synthetic article i as a JSON line: one corpus title and
// four to eight corpus paragraphs chosen by i, dated within a year.
func (s *synth) record(i int) []byte {
	rng := rand.New(rand.NewPCG(uint64(i), 1))
	var body strings.Builder
	for k := range 4 + rng.IntN(5) {
		if k > 0 {
			body.WriteString("\n\n")
		}
		body.WriteString(s.sentences[rng.IntN(len(s.sentences))])
	}
	rec := map[string]string{
		"id":        fmt.Sprintf("synth-%d", i),
		"title":     s.titles[rng.IntN(len(s.titles))],
		"text":      body.String(),
		"published": benchEpoch.Add(time.Duration(rng.Int64N(int64(365 * 24 * time.Hour)))).Format(time.RFC3339),
		"source":    fmt.Sprintf("outlet%d.example", rng.IntN(200)),
		"lang":      "en",
	}
	b, _ := json.Marshal(rec)
	return b
}

// searchWords are words of the corpus's titles, for search queries.
func (s *synth) searchWords() []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range s.titles {
		for _, w := range text.Terms("", t) {
			if len(w) > 4 && !seen[w] {
				seen[w] = true
				out = append(out, w)
			}
		}
		if len(out) > 500 {
			break
		}
	}
	return out
}

// latencies records request times by endpoint.
type latencies struct {
	mu     sync.Mutex
	by     map[string][]time.Duration
	errors map[string]int
}

func newLatencies() *latencies {
	return &latencies{by: map[string][]time.Duration{}, errors: map[string]int{}}
}

// do sends one request (a POST when body is not nil) and records it; a
// request cut by the end of the run is not counted. It returns a post's
// answer.
// post posts body to u and returns the answer.
func (l *latencies) post(ctx context.Context, c *http.Client, name, u string, body []byte) []byte {
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer bench")
	start := time.Now()
	res, err := c.Do(req)
	var out []byte
	if err == nil {
		out, err = io.ReadAll(res.Body)
		res.Body.Close()
	}
	if ctx.Err() == nil {
		// 200: every article was a copy of one stored before.
		l.add(name, time.Since(start), err == nil && (res.StatusCode == http.StatusCreated || res.StatusCode == http.StatusOK))
	}
	return out
}

// get asks for u and drops the answer.
func (l *latencies) get(ctx context.Context, c *fasthttp.Client, name, u string) {
	req, res := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(res)
	req.SetRequestURI(u)
	start := time.Now()
	err := c.Do(req, res)
	if ctx.Err() == nil {
		l.add(name, time.Since(start), err == nil && res.StatusCode() == http.StatusOK)
	}
}

func (l *latencies) add(name string, d time.Duration, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !ok {
		l.errors[name]++
	}
	l.by[name] = append(l.by[name], d)
}

type endpointFigures struct {
	Name     string  `json:"endpoint"`
	Requests int     `json:"requests"`
	Errors   int     `json:"errors"`
	P50      float64 `json:"p50_ms"`
	P90      float64 `json:"p90_ms"`
	P99      float64 `json:"p99_ms"`
	Max      float64 `json:"max_ms"`
}

func (l *latencies) report() []endpointFigures {
	var out []endpointFigures
	for name, ds := range l.by {
		slices.Sort(ds)
		q := func(p float64) float64 {
			return float64(ds[min(int(p*float64(len(ds))), len(ds)-1)]) / 1e6
		}
		out = append(out, endpointFigures{Name: name, Requests: len(ds), Errors: l.errors[name],
			P50: q(.5), P90: q(.9), P99: q(.99), Max: float64(ds[len(ds)-1]) / 1e6})
	}
	slices.SortFunc(out, func(a, b endpointFigures) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// writeProfile writes the runtime profile name to path, saying on stderr
// when it cannot: the run's figures are printed all the same.
func writeProfile(name, path string) {
	f, err := os.Create(path)
	if err == nil {
		err = pprof.Lookup(name).WriteTo(f, 0)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s profile %s: %v\n", name, path, err)
	}
}
