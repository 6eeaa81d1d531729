package web

import (
	"bytes"
	"context"
	"net/http"
	"sync"
	"time"
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
// do not move the counter, and are seen within maxAge.
type responseCache struct {
	maxAge  time.Duration
	version func() int64

	mu                 sync.Mutex
	bounded[*response] // answers, and bytes of their bodies (a page can hold 500 articles)
}

// response is a recorded answer; done is closed once it is complete.
type response struct {
	version int64
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
	return &responseCache{maxAge: maxAge, version: version, bounded: newBounded[*response](max, maxBytes)}
}

// wrap answers h's GETs from the cache when it can.
func (c *responseCache) wrap(h http.HandlerFunc) http.HandlerFunc {
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
		if ok && e.version == v && now.Sub(e.at) < c.maxAge {
			c.mu.Unlock()
			select {
			case <-e.done:
			case <-r.Context().Done():
				return
			}
			if e.ok {
				e.serve(w, r)
				return
			}
			// The computation this request waited for failed: answer on
			// its own, since errors are not shared.
			h(w, r)
			return
		}
		e = &response{version: v, at: now, done: make(chan struct{})}
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
