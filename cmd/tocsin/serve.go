package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/tocsin/tocsin/internal/cluster"
	"github.com/tocsin/tocsin/internal/feeds"
	"github.com/tocsin/tocsin/internal/ingest"
	"github.com/tocsin/tocsin/internal/store"
	"github.com/tocsin/tocsin/internal/watch"
	"github.com/tocsin/tocsin/internal/web"
)

// serveConfig is `tocsin serve`'s configuration. Its JSON names are the
// keys of --config FILE; every key is listed in serveHelp and docs/serve.md.
type serveConfig struct {
	Addr            string   `json:"addr"`
	DB              string   `json:"db"`
	ReadToken       string   `json:"read_token"`
	Ingest          []string `json:"ingest"`
	AllowPrivate    bool     `json:"allow_private"`
	FetchTimeout    duration `json:"fetch_timeout"`
	ShutdownTimeout duration `json:"shutdown_timeout"`
	NoFacts         bool     `json:"no_facts"`
	TileURL         string   `json:"tile_url"`
	Feeds           []string `json:"feeds"`
	NoPoll          bool     `json:"no_poll"`
	PollGap         duration `json:"poll_gap"`
	AlertRecheck    duration `json:"alert_recheck"`
	BaseURL         string   `json:"base_url"`
}

// duration reads "30s" in JSON.
type duration struct{ time.Duration }

func (d *duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("want a duration such as \"30s\"")
	}
	v, err := time.ParseDuration(s)
	d.Duration = v
	return err
}

const serveHelp = `[flags] [PATH|URL ...]

Serves the web UI and the JSON API on one address, polls the watched feeds
('tocsin feeds add') and raises the alerts of the watch rules ('tocsin rules
add', or the UI's Rules page), all on one store. Articles ingested from the
API, from feeds and at start-up go through one pipeline, one run at a time,
and each commit is checked against the rules. PATHs and URLs given (or
--ingest, or "ingest" in the config file) are ingested in the background at
start-up, with progress in the log, so that
  tocsin serve ../shared/corpora/seeds
gives a working UI at once. SIGINT or SIGTERM stops the server: it refuses new
connections, lets ingest requests and feed polls in flight commit, checks
what they committed against the rules, then closes the store.

Configuration, highest precedence first: flags, environment, --config FILE
(JSON), defaults. Keys of the file, with their flag and environment variable:
  addr              --addr              TOCSIN_ADDR          listen address (default 127.0.0.1:8080)
  db                --db                TOCSIN_DB            store path
  read_token        --read-token        TOCSIN_READ_TOKEN    token every read needs (default: reads open)
  ingest            --ingest (repeat)                        inputs ingested at start-up
  allow_private     --allow-private                          POSTed URLs, feeds, their pages and webhooks may
                                                             resolve to loopback or private addresses
  fetch_timeout     --fetch-timeout                          time limit of one request: posted URL, feed,
                                                             linked page, webhook ("30s")
  shutdown_timeout  --shutdown-timeout                       longest wait for requests in flight ("30s")
  no_facts          --no-facts                               ingest without fact extraction
  tile_url          --tile-url                               online map tiles on event pages: an http(s)
                                                             URL with {z}, {x}, {y} (default: offline only)
  feeds             --feed (repeat)                          feed URLs to watch, added at start-up when new
                                                             (polled every 10m; 'tocsin feeds add' sets more)
  no_poll           --no-poll                                do not poll feeds (another process does)
  poll_gap          --poll-gap                               least time between two requests to one feed
                                                             host ("2s")
  alert_recheck     --alert-recheck                          how often recent events are checked again for
                                                             revised figures ("10m"; "0s": only on ingest)
  base_url          --base-url                               public URL of the server for links in Atom
                                                             feeds (default: from each request's Host)
The write token is TOCSIN_TOKEN, from the environment only (no flag, no file
key, so that it shows in no process list or config): without it, writes are
refused; with it, the API's writes need "Authorization: Bearer TOKEN" and the
UI's forms ask for it in a field. On a machine with 8 GiB or more, the garbage
collector lets the heap grow to five times what is live (GOGC=400, with a soft
limit of a quarter of the memory) unless GOGC or GOMEMLIMIT is set.`

// list collects a repeated flag.
type list []string

func (l *list) String() string     { return strings.Join(*l, ",") }
func (l *list) Set(v string) error { *l = append(*l, v); return nil }

func runServe(ctx context.Context, args []string) error {
	cfg, err := serveSettings(args)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	return serve(ctx, cfg, log)
}

// serveSettings resolves the configuration: flags over environment over
// the config file over defaults.
func serveSettings(args []string) (serveConfig, error) {
	fs := newFlags("serve", serveHelp)
	cfg := serveConfig{Addr: "127.0.0.1:8080", FetchTimeout: duration{30 * time.Second}, ShutdownTimeout: duration{30 * time.Second},
		PollGap: duration{2 * time.Second}, AlertRecheck: duration{10 * time.Minute}}
	file := fs.String("config", "", "JSON configuration file (keys above)")
	addr := fs.String("addr", cfg.Addr, "listen address (env TOCSIN_ADDR)")
	db := fs.String("db", "", "store: path of the SQLite database (env TOCSIN_DB; default "+defaultDB()+")")
	readToken := fs.String("read-token", "", "token every read needs (env TOCSIN_READ_TOKEN)")
	var inputs list
	fs.Var(&inputs, "ingest", "file, directory or URL to ingest at start-up (repeatable)")
	allowPrivate := fs.Bool("allow-private", false, "let POSTed URLs, feeds, pages and webhooks resolve to loopback or private addresses")
	fetchTimeout := fs.Duration("fetch-timeout", cfg.FetchTimeout.Duration, "time limit of one request: posted URL, feed, linked page, webhook")
	shutdownTimeout := fs.Duration("shutdown-timeout", cfg.ShutdownTimeout.Duration, "longest wait for requests in flight at shutdown")
	noFacts := fs.Bool("no-facts", false, "ingest without extracting facts (faster; events need facts)")
	tileURL := fs.String("tile-url", "", "online map tile URL with {z}, {x}, {y} for event pages")
	var feedURLs list
	fs.Var(&feedURLs, "feed", "feed URL to watch, added at start-up when new (repeatable)")
	noPoll := fs.Bool("no-poll", false, "do not poll feeds")
	pollGap := fs.Duration("poll-gap", cfg.PollGap.Duration, "least time between two requests to one feed host")
	recheck := fs.Duration("alert-recheck", cfg.AlertRecheck.Duration, "how often recent events are checked again for revised figures (0: only on ingest)")
	baseURL := fs.String("base-url", "", "public URL of the server, for links in Atom feeds")
	pos, err := parse(fs, args)
	if err != nil {
		return cfg, err
	}
	if *file != "" {
		raw, err := os.ReadFile(*file)
		if err != nil {
			return cfg, fmt.Errorf("%w: config: %v", errUsage, err)
		}
		dec := json.NewDecoder(strings.NewReader(string(raw)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&cfg); err != nil {
			return cfg, fmt.Errorf("%w: config %s: %v", errUsage, *file, err)
		}
	}
	for key, into := range map[string]*string{"TOCSIN_ADDR": &cfg.Addr, "TOCSIN_DB": &cfg.DB, "TOCSIN_READ_TOKEN": &cfg.ReadToken} {
		if v := os.Getenv(key); v != "" {
			*into = v
		}
	}
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "addr":
			cfg.Addr = *addr
		case "db":
			cfg.DB = *db
		case "read-token":
			cfg.ReadToken = *readToken
		case "ingest":
			cfg.Ingest = inputs
		case "allow-private":
			cfg.AllowPrivate = *allowPrivate
		case "fetch-timeout":
			cfg.FetchTimeout.Duration = *fetchTimeout
		case "shutdown-timeout":
			cfg.ShutdownTimeout.Duration = *shutdownTimeout
		case "no-facts":
			cfg.NoFacts = *noFacts
		case "tile-url":
			cfg.TileURL = *tileURL
		case "feed":
			cfg.Feeds = feedURLs
		case "no-poll":
			cfg.NoPoll = *noPoll
		case "poll-gap":
			cfg.PollGap.Duration = *pollGap
		case "alert-recheck":
			cfg.AlertRecheck.Duration = *recheck
		case "base-url":
			cfg.BaseURL = *baseURL
		}
	})
	cfg.Ingest = append(cfg.Ingest, pos...)
	if cfg.DB == "" {
		cfg.DB = defaultDB()
	}
	for _, f := range cfg.Feeds {
		if u, err := url.Parse(f); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return cfg, fmt.Errorf("%w: feed %q is not an http(s) URL", errUsage, f)
		}
	}
	if cfg.PollGap.Duration <= 0 || cfg.AlertRecheck.Duration < 0 {
		return cfg, fmt.Errorf("%w: poll_gap must be positive and alert_recheck not negative", errUsage)
	}
	return cfg, nil
}

func serve(ctx context.Context, cfg serveConfig, log *slog.Logger) error {
	if percent, limit, ok := tuneGC(); ok {
		log.Info("garbage collector tuned for a server", "gc_percent", percent, "memory_limit_bytes", limit)
	}
	st, err := openStore(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, f := range cfg.Feeds {
		if _, err := st.AddFeed(ctx, store.Feed{URL: f, Interval: 10 * time.Minute}); err != nil && !errors.Is(err, store.ErrExists) {
			return fmt.Errorf("feed %s: %w", f, err)
		}
	}
	fo := fetchOptions(cfg.FetchTimeout.Duration, 16<<20, cfg.AllowPrivate)
	opts := ingest.Options{Fetch: fo}
	if !cfg.NoFacts {
		if opts.Facts, err = newExtractor(); err != nil {
			return err
		}
	}
	if p, ok := st.(store.Preloader); ok {
		go func() {
			if err := p.Preload(ctx); err != nil && ctx.Err() == nil {
				log.Warn("preload", "err", err)
			}
		}()
	}
	live, err := cluster.NewLive(ctx, st, cluster.DefaultConfig())
	if err != nil {
		return err
	}
	opts.Cluster = live
	// The dispatcher checks the events of every commit, whoever ingested.
	var srv *web.Server         // set below: it tells open Alerts pages
	reports := reportLoader(st) // the alerts' and the pages' reports share one Loader
	d := watch.NewDispatcher(st, reports, watch.Options{
		Webhook: watch.WebhookOptions{Fetch: fo},
		Recheck: cfg.AlertRecheck.Duration,
		OnAlert: func(a store.Alert) {
			log.Info("alert", "id", a.ID, "rule", a.Rule, "event", a.Event, "reason", a.Reason, "title", a.Title)
			srv.AlertRaised()
		},
		OnError: func(err error) { log.Warn("alerts", "err", err) },
	})
	opts.OnCommit = d.Notify
	wcfg := web.Config{
		Store:      st,
		Reports:    reports,
		Pipeline:   opts,
		Token:      os.Getenv("TOCSIN_TOKEN"),
		ReadToken:  cfg.ReadToken,
		TileURL:    cfg.TileURL,
		BaseURL:    cfg.BaseURL,
		Logger:     log,
		AlertStats: d.Stats,
	}
	var p *feeds.Poller
	if !cfg.NoPoll {
		// p is made below, once the server it ingests through exists; the
		// server reads its counters only when scraped, after Listen.
		wcfg.FeedStats = func() feeds.Stats { return p.Stats() }
	}
	srv, err = web.New(wcfg)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if !cfg.NoPoll {
		p = feeds.New(st, feeds.Options{
			Fetch:  fo,
			MinGap: cfg.PollGap.Duration,
			Leases: st, // several servers or pollers on one database share the feeds
			Ingest: opts,
			Run:    srv.RunIngest, // in turn with API ingest: one clusterer, one writer
		})
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	if host, _, _ := net.SplitHostPort(ln.Addr().String()); !net.ParseIP(host).IsLoopback() && cfg.ReadToken == "" {
		log.Warn("listening beyond loopback with open reads: set a read token to restrict them", "addr", ln.Addr().String())
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute,
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	hs.RegisterOnShutdown(srv.CloseStreams)
	log.Info("serving", "url", "http://"+ln.Addr().String()+"/", "db", cfg.DB, "writes", os.Getenv("TOCSIN_TOKEN") != "", "polling", p != nil)

	// The dispatcher outlives the producers: it stops after them, so that
	// it checks what their last commits touched.
	dctx, stopDispatch := context.WithCancel(context.WithoutCancel(ctx))
	defer stopDispatch()
	dispatched := make(chan struct{})
	go func() {
		defer close(dispatched)
		d.Run(dctx)
	}()
	var wg sync.WaitGroup
	if len(cfg.Ingest) > 0 {
		wg.Go(func() { startupIngest(ctx, srv, cfg.Ingest, log) })
	}
	if p != nil {
		wg.Go(func() {
			// At shutdown, a poll whose items reached the pipeline commits
			// them; one stopped before stores nothing and is taken again
			// at the next start.
			err := p.Run(ctx, func(r feeds.Result) {
				if r.Error != "" && r.Error != "interrupted" {
					log.Warn("feed poll failed", "feed", r.Feed, "url", r.URL, "err", r.Error, "next_poll", r.NextPoll)
				} else if r.New > 0 {
					log.Info("feed polled", "feed", r.Feed, "url", r.URL, "new", r.New, "stored", r.Stored, "duplicates", r.Duplicates, "rejected", r.Rejected)
				}
			})
			if err != nil {
				log.Error("feed polling stopped", "err", err)
			}
		})
	}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	select {
	case err := <-served:
		wg.Wait()
		stopDispatch()
		<-dispatched
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: letting requests and feed polls in flight finish")
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout.Duration)
	defer cancel()
	err = hs.Shutdown(sctx)
	wg.Wait() // the start-up ingest and the poller commit what they read, then stop
	stopDispatch()
	<-dispatched // checks what is still queued
	if err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	log.Info("stopped")
	return nil
}

// startupIngest ingests inputs through the server, logging progress at
// most every few seconds.
func startupIngest(ctx context.Context, srv *web.Server, inputs []string, log *slog.Logger) {
	log.Info("ingesting in the background", "inputs", inputs)
	var last time.Time
	sum, _, err := srv.Ingest(ctx, inputs, nil, func(p ingest.Progress) {
		if time.Since(last) < 3*time.Second {
			return
		}
		last = time.Now()
		log.Info("ingest progress", "stored", p.Stored, "rejected", p.Rejected, "bytes_read", p.BytesRead, "bytes_total", p.BytesTotal)
	})
	if err != nil && !errors.Is(err, context.Canceled) {
		log.Error("ingest failed", "err", err)
		return
	}
	log.Info("ingest done", "accepted", sum.Accepted, "duplicates", sum.Duplicates+sum.Near, "unchanged", sum.Unchanged,
		"rejected", sum.Rejected, "elapsed", sum.Elapsed.Round(time.Millisecond), "interrupted", ctx.Err() != nil)
}
