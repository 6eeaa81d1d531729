package web

import (
	"bytes"
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/tocsin/tocsin/internal/store"
)

// responseCache keeps the answers to recent identical GETs of the event
// list and of article search, which under load are asked many times a
// second (a few list pages, popular words), and makes concurrent identical
// requests share one computation.
//
// An answer is reused while the server's change counter is the one it was
// computed at (every ingest run of this process that stored something moves
// it, so a page refetching on a live `change` never gets an answer from
// before the change), and for at most maxAge: writes of other processes (a
// `tocsin ingest` on the same SQLite file, another server on PostgreSQL)
// do not move the counter, and are seen within maxAge (othersDelay). A
// search's answer also outlives the runs that stored no article it can
// match (their terms are noted with noteChange): under ingest the counter
// moves several times a second, and most searches' words are in few of the
// new articles.
type responseCache struct {
	maxAge  time.Duration
	version func() int64
	// turns, when set, has a kept answer wait for a read's turn before it
	// is written (without holding it while writing): served at once, kept
	// answers took the processors from the reads computing answers, which
	// then held their turns 2.6 times as long as they computed, and the
	// reads queued behind them waited.
	turns *turns

	mu                 sync.Mutex
	bounded[*response]                     // answers, and bytes of their bodies (a page can hold 500 articles)
	changes            map[int64]*runTerms // the terms of the runs that moved the counter to each version, the latest ones
}

// runTerms are the index terms and languages of the articles an ingest run
// stored.
type runTerms struct {
	terms map[string]bool
	langs []string
}

// keptChanges bounds the runs whose changes are kept: with ten runs a
// second, more than an answer's maxAge (othersDelay) of them.
const keptChanges = 64

// response is a recorded answer; done is closed once it is complete.
type response struct {
	version int64
	search  []store.SearchUnit // the search answered, nil for other answers
	at      time.Time
	done    chan struct{}
	ok      bool // a 200 answer with an ETag, reusable; others are not kept
	status  int
	header  http.Header
	tag     string
	body    []byte
	size    int // len(body) once counted in responseCache.bytes
}

func (e *response) cost() int { return e.size }

func newResponseCache(maxAge time.Duration, max, maxBytes int, version func() int64) *responseCache {
	return &responseCache{maxAge: maxAge, version: version, bounded: newBounded[*response](max, maxBytes), changes: map[int64]*runTerms{}}
}

// noteChange records the terms of the run that moves the counter to
// version, before it is moved.
func (c *responseCache) noteChange(version int64, t *runTerms) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.changes[version] = t
	delete(c.changes, version-keptChanges)
}

// current tells whether e answers at counter v: it was computed at v, or
// it answers a search that none of the runs since could change. c.mu is
// held.
func (c *responseCache) current(e *response, v int64) bool {
	if e.version == v {
		return true
	}
	if e.search == nil || e.version > v {
		return false
	}
	for u := e.version + 1; u <= v; u++ {
		t := c.changes[u]
		if t == nil || store.MayMatch(e.search, t.terms, t.langs) {
			return false
		}
	}
	e.version = v // checked once
	return true
}

// wrap answers h's GETs from the cache when it can; search, when set,
// returns the units of the search a request makes (nil for none).
func (c *responseCache) wrap(h http.HandlerFunc, search func(*http.Request) []store.SearchUnit) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet {
			h(w, r)
			return
		}
		key := r.URL.Path + "?" + r.URL.RawQuery
		v := c.version()
		now := time.Now()
		c.mu.Lock()
		e, ok := c.entries[key]
		if ok && now.Sub(e.at) < c.maxAge && c.current(e, v) {
			c.mu.Unlock()
			select {
			case <-e.done:
			case <-r.Context().Done():
				return
			}
			if e.ok {
				if c.turns != nil {
					if !c.turns.take(r.Context()) {
						return
					}
					c.turns.done()
				}
				e.serve(w, r)
				return
			}
			// The computation this request waited for failed: answer on
			// its own, since errors are not shared.
			h(w, r)
			return
		}
		e = &response{version: v, at: now, done: make(chan struct{})}
		if search != nil {
			e.search = search(r)
		}
		c.drop(key) // the answer it outdates, whose bytes are counted
		c.evict(now, 1)
		c.entries[key] = e
		c.mu.Unlock()
		e.record(h, r)
		c.mu.Lock()
		if c.entries[key] == e {
			if e.ok {
				e.size = len(e.body)
				c.bytes += e.size
				c.evict(now, 0)
			} else {
				c.drop(key)
			}
		}
		c.mu.Unlock()
		e.serve(w, r)
	}
}

// evict drops entries until room is left for more new ones within the
// limits, stale ones first. c.mu is held.
func (c *responseCache) evict(now time.Time, more int) {
	c.makeRoom(more, 0, func(e *response) bool { return now.Sub(e.at) >= c.maxAge })
}

// record runs h for r, without the client's If-None-Match (the body is
// shared with clients holding other versions) and without its
// cancellation (others may be waiting for the answer), and keeps a 200
// answer.
func (e *response) record(h http.HandlerFunc, r *http.Request) {
	defer close(e.done)
	rr := r.Clone(context.WithoutCancel(r.Context()))
	rr.Header.Del("If-None-Match")
	rec := &bufferedWriter{header: http.Header{}, status: http.StatusOK}
	h(rec, rr)
	e.status, e.header, e.tag, e.body = rec.status, rec.header, rec.header.Get("ETag"), rec.body.Bytes()
	e.ok = e.status == http.StatusOK && e.tag != ""
}

// serve writes the recorded answer, or 304 when the client holds it.
func (e *response) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	for k, vs := range e.header {
		h[k] = vs
	}
	if e.ok {
		writeBody(w, r, e.tag, e.body)
		return
	}
	w.WriteHeader(e.status)
	w.Write(e.body)
}

// bufferedWriter records an answer in memory.
type bufferedWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedWriter) Header() http.Header         { return b.header }
func (b *bufferedWriter) WriteHeader(status int)      { b.status = status }
func (b *bufferedWriter) Write(p []byte) (int, error) { return b.body.Write(p) }
