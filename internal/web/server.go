// Package web serves Tocsin over HTTP: a JSON API under /api/ and a
// server-rendered web UI, both reading one store. It ingests articles posted
// to the API through the same pipeline as `tocsin ingest`, one run at a
// time, and tells open pages when the store changed. It does not
// cross-check events itself: the event report comes from Config.Reports.
//
// Each resource lives in its own file (articles.go, events.go, …) and
// registers its routes in routes; the feeds, rules and alerts pages join the
// same way.
package web

import (
	"context"
	"crypto/subtle"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/tocsin/tocsin/internal/crosscheck"
	"github.com/tocsin/tocsin/internal/feeds"
	"github.com/tocsin/tocsin/internal/ingest"
	"github.com/tocsin/tocsin/internal/store"
	"github.com/tocsin/tocsin/internal/watch"
)

// Config is what a Server needs. Store and Reports are required.
type Config struct {
	Store store.Store
	// Reports cross-checks one event; it returns an error wrapping
	// store.ErrNotFound for an unknown event.
	Reports func(ctx context.Context, eventID string) (crosscheck.Report, error)
	// Pipeline configures ingest of posted articles (Facts, Cluster, Fetch
	// limits…); its Stdin and callbacks are set per request.
	Pipeline ingest.Options
	// Watches keeps feeds, watch rules and alerts; the default is Store
	// when it keeps them too. Without it those pages and endpoints answer
	// 404.
	Watches store.Watches
	// BaseURL is the server's public URL for links in Atom feeds; the
	// default is taken from each request's Host.
	BaseURL string
	// FeedStats and AlertStats, when set, export the feed poller's and the
	// alert dispatcher's totals in /metrics.
	FeedStats  func() feeds.Stats
	AlertStats func() watch.Stats
	// Token, when set, is required as "Authorization: Bearer TOKEN" on
	// writes; without it writes are refused.
	Token string
	// ReadToken, when set, is required on every read but /healthz, as a
	// bearer token or as the password of HTTP Basic authentication (so a
	// browser can ask for it). The write token is accepted too.
	ReadToken string
	Logger    *slog.Logger // default: discard
	// TileURL, when set, adds an online map tile around the event on event
	// pages: an http(s) URL with {z}, {x} and {y}, such as a tile server's
	// "https://tile.example.org/{z}/{x}/{y}.png". The offline map stays.
	TileURL string
	// ReportTimeout bounds the cross-checking of one event for a page or an
	// API answer (default 10 s): a report past it answers 503 rather than
	// holding a store connection for as long as it takes.
	ReportTimeout time.Duration
	// MaxReads bounds the reads served at once (default: one more than
	// the processors Go uses); further reads wait their turn, first come
	// first served. Reads are CPU work on the store: past the processors
	// and the store's connections, running more at once only makes each
	// slower, and the store's pool hands connections to its waiters in
	// random order, which left some requests waiting far longer than
	// the rest. Writes, event streams and answers the response cache
	// holds (or is computing for another request) take no turn. While
	// the writer stores, reads get one processor fewer (at least one
	// turn): see turns.
	MaxReads int
	// PostGap is the least time between the starts of two stores of
	// posted articles (default 250 ms; negative: none). Posts that arrive in between
	// wait and are stored together, in one transaction: each store
	// resets the page caches of the store's readers and outdates the
	// answers the response cache holds, so that under a stream of posts
	// every read paid for the writes, and a store's fixed costs (the
	// full-text index's flush, the commit) are shared by more articles.
	// An idle server stores a post at once.
	PostGap time.Duration
}

// Server is the HTTP front end. Create it with New.
type Server struct {
	cfg     Config
	log     *slog.Logger
	mux     *http.ServeMux
	routes  []string // registered patterns, for the OpenAPI check
	metrics *metrics
	pages   *pages
	nav     []NavItem

	csp     string
	tiles   *tileSource
	turns   *turns        // of the reads being served (Config.MaxReads)
	parsing chan struct{} // a token per post being parsed (ingestPost)

	reports  *reportCache
	answers  *responseCache
	articles *articleJSON // the JSON of listed articles
	ingestMu sync.Mutex   // one ingest run at a time: the clusterer is sequential
	postsMu  sync.Mutex
	posts    []*post   // posted bodies waiting for ingestMu (ingestPost)
	lastPost time.Time // when the last store of posts began; ingestMu guards it
	changes  *broadcaster
	alerts   *broadcaster  // alerts raised, for the Alerts page
	stopping chan struct{} // closed by CloseStreams
	stopOnce sync.Once
}

// CloseStreams ends the open /api/stream connections, which would
// otherwise keep http.Server.Shutdown waiting: register it with
// RegisterOnShutdown.
func (s *Server) CloseStreams() {
	s.stopOnce.Do(func() { close(s.stopping) })
}

// AlertRaised tells open Alerts pages that an alert was raised: the
// command calls it from the dispatcher's OnAlert.
func (s *Server) AlertRaised() { s.alerts.publish() }

// NavItem is an entry of the UI's navigation bar.
type NavItem struct {
	Title string
	Path  string
}

// New returns a server for cfg.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil || cfg.Reports == nil {
		return nil, errors.New("web: Config.Store and Config.Reports are required")
	}
	s := &Server{
		cfg:      cfg,
		log:      cfg.Logger,
		mux:      http.NewServeMux(),
		changes:  newBroadcaster(),
		alerts:   newBroadcaster(),
		stopping: make(chan struct{}),
		nav: []NavItem{
			{"Events", "/"}, {"Map", "/map"}, {"Storylines", "/storylines"}, {"Entities", "/entities"},
		},
	}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s.answers = newResponseCache(othersDelay, 1024, 64<<20, s.version)
	s.articles = newArticleJSON(20000, 64<<20)
	if s.cfg.ReportTimeout <= 0 {
		s.cfg.ReportTimeout = 10 * time.Second
	}
	if s.cfg.PostGap == 0 {
		s.cfg.PostGap = 250 * time.Millisecond
	}
	if s.cfg.MaxReads <= 0 {
		s.cfg.MaxReads = runtime.GOMAXPROCS(0) + 1
	}
	s.turns = newTurns(s.cfg.MaxReads, runtime.GOMAXPROCS(0)-1)
	s.answers.turns = s.turns
	// Reports compile one at a time, apart from the reads' turns: held by
	// a compilation (2 ms at the median under load, 35 ms at the 99th
	// percentile, seconds for a long storyline's first), the one turn
	// left while the writer stores held up every read queued behind it.
	s.reports = newReportCache(taking(newTurns(1, 1), s.loadDetail), taking(s.turns, s.cfg.Store.Event), s.version, othersDelay, 4096, 256<<20)
	s.parsing = make(chan struct{}, max(1, runtime.GOMAXPROCS(0)/2))
	s.metrics = newMetrics(cfg.Store)
	imgSrc := "'self' data:"
	if cfg.TileURL != "" {
		t, err := newTileSource(cfg.TileURL)
		if err != nil {
			return nil, err
		}
		s.tiles = t
		imgSrc += " " + t.origin
	}
	s.csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src " + imgSrc + "; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
	var err error
	if s.pages, err = loadPages(); err != nil {
		return nil, err
	}
	if cfg.Watches == nil {
		s.cfg.Watches, _ = cfg.Store.(store.Watches)
	}
	if s.cfg.Watches != nil {
		s.nav = append(s.nav, NavItem{"Feeds", "/feeds"}, NavItem{"Alerts", "/alerts"}, NavItem{"Rules", "/rules"})
	}
	s.metrics.watchCounters(cfg.FeedStats, cfg.AlertStats)
	s.registerAPI()
	s.registerUI()
	return s, nil
}

// othersDelay bounds how late answers show what other processes (a
// `tocsin ingest` on the same SQLite file, another server on PostgreSQL)
// wrote to the store: the server's caches keep answers that none of its
// own ingest runs changed for at most that long (responseCache,
// reportCache). Under load each answer is asked for every few seconds:
// kept for a second, most were computed afresh.
const othersDelay = 5 * time.Second

// version is the server's change counter: it moves with every ingest run
// that stored something.
func (s *Server) version() int64 {
	v, _ := s.changes.current()
	return v
}

// access says who may call a handler.
type access int

const (
	read    access = iota // waits for a turn (Config.MaxReads)
	write                 // needs the write token
	open                  // no token ever: health checks
	ownTurn               // a read that takes its turn itself, if any: event streams take none, and a cached answer waits for one but is written without it
)

// handle registers h under a ServeMux pattern ("GET /api/events/{id}")
// with the given access.
func (s *Server) handle(pattern string, a access, h http.HandlerFunc) {
	s.routes = append(s.routes, pattern)
	s.mux.Handle(pattern, s.guard(a, h))
}

// Routes returns the registered patterns.
func (s *Server) Routes() []string { return append([]string(nil), s.routes...) }

// ServeHTTP serves the API and the UI with security headers and metrics.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	h := w.Header()
	h.Set("Content-Security-Policy", s.csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	s.mux.ServeHTTP(rec, r)
	route := r.Pattern
	if route == "" {
		route = "unmatched"
	}
	s.metrics.observe(route, r.Method, rec.status, time.Since(start))
}

// guard checks the token an access level needs, and has reads take turns.
func (s *Server) guard(a access, h http.HandlerFunc) http.Handler {
	if a == read {
		h = s.inTurn(h)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch a {
		case write:
			if s.cfg.Token == "" {
				writeError(w, http.StatusForbidden, "writes_disabled", "writes are disabled: start the server with TOCSIN_TOKEN set")
				return
			}
			if !tokenIs(bearer(r), s.cfg.Token) {
				w.Header().Set("WWW-Authenticate", `Bearer realm="tocsin"`)
				writeError(w, http.StatusUnauthorized, "unauthorized", "this endpoint needs Authorization: Bearer with the write token")
				return
			}
		case read, ownTurn:
			if s.cfg.ReadToken != "" {
				got := bearer(r)
				if got == "" {
					_, got, _ = r.BasicAuth()
				}
				if !tokenIs(got, s.cfg.ReadToken) && !(s.cfg.Token != "" && tokenIs(got, s.cfg.Token)) {
					if strings.HasPrefix(r.URL.Path, "/api/") {
						w.Header().Set("WWW-Authenticate", `Bearer realm="tocsin"`)
					} else {
						w.Header().Set("WWW-Authenticate", `Basic realm="tocsin"`)
					}
					writeError(w, http.StatusUnauthorized, "unauthorized", "reads need the read token")
					return
				}
			}
		}
		h(w, r)
	})
}

// inTurn serves h's requests once they get a turn (Config.MaxReads).
func (s *Server) inTurn(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.turns.take(r.Context()) {
			return // the client left while waiting
		}
		defer s.turns.done()
		h(w, r)
	}
}

func bearer(r *http.Request) string {
	v := r.Header.Get("Authorization")
	if len(v) > 7 && strings.EqualFold(v[:7], "bearer ") {
		return strings.TrimSpace(v[7:])
	}
	return ""
}

// tokenIs compares in constant time so the token can't be guessed byte by
// byte from response times.
func tokenIs(got, want string) bool {
	return want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

// Flush lets server-sent events through the recorder.
func (r *statusRecorder) Flush() {
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (s *Server) registerAPI() {
	s.handle("GET /healthz", open, s.healthz)
	s.handle("GET /metrics", read, s.metrics.serve)
	s.handle("GET /api/openapi.json", read, serveOpenAPI)
	s.handle("POST /api/articles", write, s.postArticles)
	s.handle("GET /api/articles", ownTurn, s.answers.wrap(s.inTurn(s.listArticles), searchOf))
	s.handle("GET /api/articles/{id}", read, s.getArticle)
	s.handle("GET /api/events", ownTurn, s.answers.wrap(s.inTurn(s.listEvents), nil))
	s.handle("GET /api/events/{id}", ownTurn, s.getEvent)
	s.handle("GET /api/storylines", read, s.listStorylines)
	s.handle("GET /api/entities", read, s.listEntities)
	s.handle("GET /api/entities/{id}", read, s.getEntity)
	s.handle("GET /api/stream", ownTurn, s.stream)
	s.handle("GET /api/feeds", read, s.listFeeds)
	s.handle("POST /api/feeds", write, s.postFeed)
	s.handle("DELETE /api/feeds/{id}", write, s.deleteFeed)
	s.handle("GET /api/rules", read, s.listRules)
	s.handle("POST /api/rules", write, s.postRule)
	s.handle("GET /api/rules/{id}", read, s.getRule)
	s.handle("DELETE /api/rules/{id}", write, s.deleteRule)
	s.handle("GET /api/alerts", read, s.listAlerts)
	s.handle("GET /api/alerts/{id}/deliveries", read, s.listDeliveries)
	s.handle("/api/", read, func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "not_found", "no such endpoint: "+r.Method+" "+r.URL.Path)
	})
}
