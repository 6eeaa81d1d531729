package web

import (
	"context"
	"sync"
	"time"

	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
)

// reportCache keeps event details — the compiled report, the article list
// and their JSON with its ETag: cross-checking an event reads and compiles
// all its articles' facts (tens of milliseconds, more for an event of a
// long storyline), while under load most requests ask for events that have
// not changed since the last one. An entry is valid while the event row it
// was compiled from is unchanged: an article joining the event changes its
// article count and usually its last-seen time, and a new independent
// source or a move to another storyline changes those fields too, so no
// ingest hook is needed.
//
// Concurrent requests for one event share one compilation.
type reportCache struct {
	load func(ctx context.Context, id string) (EventDetail, error)

	mu                    sync.Mutex
	bounded[cachedReport] // bytes too: an event of hundreds of articles has a large report
	flights               map[string]*flight
}

type cachedReport struct {
	version reportVersion
	detail  *eventDetail
	size    int
}

func (e cachedReport) cost() int { return e.size }

// sizeOf is what an entry is counted for: its JSON twice, since the
// decoded report it was encoded from is kept beside it and is about as
// large.
func sizeOf(d *eventDetail) int { return 2 * len(d.body) }

// eventDetail is an EventDetail with its JSON and the JSON's ETag.
type eventDetail struct {
	EventDetail
	body []byte
	tag  string
}

// reportVersion is what of an event row a report depends on.
type reportVersion struct {
	articles, independent int
	last                  time.Time
	storyline, title      string
}

func versionOf(e news.Event) reportVersion {
	v := reportVersion{articles: e.Articles, independent: e.Independent, storyline: e.Storyline, title: e.Title}
	if e.Last != nil {
		v.last = *e.Last
	}
	return v
}

type flight struct {
	version reportVersion
	done    chan struct{}
	detail  *eventDetail
	err     error
}

func newReportCache(load func(ctx context.Context, id string) (EventDetail, error), max, maxBytes int) *reportCache {
	return &reportCache{load: load, bounded: newBounded[cachedReport](max, maxBytes), flights: map[string]*flight{}}
}

// get answers the detail of event id, compiling it when the cached one is
// older than the event.
func (c *reportCache) get(ctx context.Context, st store.Store, id string) (*eventDetail, error) {
	ev, err := st.Event(ctx, id)
	if err != nil {
		return nil, err
	}
	v := versionOf(ev)
	c.mu.Lock()
	if e, ok := c.entries[id]; ok && e.version == v {
		c.mu.Unlock()
		return e.detail, nil
	}
	f, ok := c.flights[id]
	if !ok || f.version != v {
		f = &flight{version: v, done: make(chan struct{})}
		c.flights[id] = f
		c.mu.Unlock()
		// The compilation is the flight's, not this request's: a client
		// that leaves must not fail the others waiting on it.
		fctx, cancel := context.WithoutCancel(ctx), context.CancelFunc(func() {})
		// Bounded like the request that started it, so that a report that
		// takes too long gives up its store connection.
		if dl, ok := ctx.Deadline(); ok {
			fctx, cancel = context.WithDeadline(fctx, dl)
		}
		go c.fly(fctx, cancel, id, f)
		c.mu.Lock()
	}
	c.mu.Unlock()
	select {
	case <-f.done:
		return f.detail, f.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (c *reportCache) fly(ctx context.Context, cancel context.CancelFunc, id string, f *flight) {
	defer cancel()
	f.detail, f.err = c.compile(ctx, id)
	c.mu.Lock()
	if c.flights[id] == f {
		delete(c.flights, id)
	}
	if f.err == nil {
		c.drop(id)
		e := cachedReport{version: f.version, detail: f.detail, size: sizeOf(f.detail)}
		// A report larger than the whole budget is answered but not kept,
		// and costs the others nothing.
		if c.makeRoom(1, e.size, nil) {
			c.entries[id] = e
			c.bytes += e.size
		}
	}
	c.mu.Unlock()
	close(f.done)
}

// compile loads the detail of event id and encodes it.
func (c *reportCache) compile(ctx context.Context, id string) (*eventDetail, error) {
	d, err := c.load(ctx, id)
	if err != nil {
		return nil, err
	}
	body, err := encodeJSON(d)
	if err != nil {
		return nil, err
	}
	return &eventDetail{EventDetail: d, body: body, tag: etagOf(body)}, nil
}
