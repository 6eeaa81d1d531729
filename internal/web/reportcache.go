package web

import (
	"context"
	"sync"
	"time"

	"github.com/tocsin/tocsin/internal/news"
)

// reportCache keeps event details — the compiled report, the article list
// and their JSON with its ETag: cross-checking an event reads and compiles
// all its articles' facts (tens of milliseconds, more for an event of a
// long storyline), while under load most requests ask for events that have
// not changed since the last one. An entry is valid while the event row it
// was compiled from is unchanged: an article joining the event changes its
// article count and usually its last-seen time, and a new independent
// source or a move to another storyline changes those fields too.
//
// Reading the row to tell is itself most of what answering a kept report
// costs, so it is read only when the entry may be out of date: the runs of
// this process note the events they changed (noteChange), and an entry
// none of the runs since its row was read changed is answered as it is,
// for at most maxAge after that read — other processes' writes to the
// store are not noted, and show within maxAge.
//
// Concurrent requests for one event share one compilation.
type reportCache struct {
	load    func(ctx context.Context, id string) (EventDetail, error)
	event   func(ctx context.Context, id string) (news.Event, error) // the event's row
	version func() int64                                             // the server's change counter
	maxAge  time.Duration

	mu                    sync.Mutex
	bounded[cachedReport] // bytes too: an event of hundreds of articles has a large report
	flights               map[string]*flight
	changes               map[int64]map[string]bool // the events changed by the runs that moved the counter to each version, the latest ones; nil: not known
}

type cachedReport struct {
	version reportVersion
	detail  *eventDetail
	size    int
	checked int64     // the change counter when the row was last read (or none of the runs since changed the event)
	at      time.Time // when the row was last read
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
	checked int64     // the change counter before the row was read
	at      time.Time // and when
	done    chan struct{}
	detail  *eventDetail
	err     error
}

func newReportCache(load func(ctx context.Context, id string) (EventDetail, error), event func(ctx context.Context, id string) (news.Event, error),
	version func() int64, maxAge time.Duration, max, maxBytes int) *reportCache {
	return &reportCache{load: load, event: event, version: version, maxAge: maxAge,
		bounded: newBounded[cachedReport](max, maxBytes), flights: map[string]*flight{}, changes: map[int64]map[string]bool{}}
}

// noteChange records the events the run that moves the counter to version
// changed (nil: not known, any), before the counter moves.
func (c *reportCache) noteChange(version int64, events map[string]bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.changes[version] = events
	delete(c.changes, version-keptChanges)
}

// unchanged tells whether none of the runs that moved the counter from
// checked to v changed event id. c.mu is held.
func (c *reportCache) unchanged(id string, checked, v int64) bool {
	for u := checked + 1; u <= v; u++ {
		events, ok := c.changes[u]
		if !ok || events == nil || events[id] {
			return false
		}
	}
	return true
}

// get answers the detail of event id, compiling it when the cached one is
// older than the event.
func (c *reportCache) get(ctx context.Context, id string) (*eventDetail, error) {
	// The counter is read before the row: a run committing in between is
	// then among those the entry is checked against next time.
	v, now := c.version(), time.Now()
	c.mu.Lock()
	if e, ok := c.entries[id]; ok && now.Sub(e.at) < c.maxAge && c.unchanged(id, e.checked, v) {
		e.checked = v
		c.entries[id] = e
		c.mu.Unlock()
		return e.detail, nil
	}
	c.mu.Unlock()
	ev, err := c.event(ctx, id)
	if err != nil {
		return nil, err
	}
	rv := versionOf(ev)
	c.mu.Lock()
	if e, ok := c.entries[id]; ok && e.version == rv {
		e.checked, e.at = max(e.checked, v), now
		c.entries[id] = e
		c.mu.Unlock()
		return e.detail, nil
	}
	f, ok := c.flights[id]
	if !ok || f.version != rv {
		f = &flight{version: rv, checked: v, at: now, done: make(chan struct{})}
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
		e := cachedReport{version: f.version, detail: f.detail, size: sizeOf(f.detail), checked: f.checked, at: f.at}
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
