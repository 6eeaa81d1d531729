package feeds

import "sync/atomic"

// Stats are the poller's running totals since it was made, for metrics
// (a server exports them as Prometheus counters).
type Stats struct {
	Polls       int64 `json:"polls"`
	Errors      int64 `json:"errors"` // polls that failed
	NotModified int64 `json:"not_modified"`
	NewItems    int64 `json:"new_items"`
	Stored      int64 `json:"stored"` // new original articles
	Pages       int64 `json:"pages"`
	PageErrors  int64 `json:"page_errors"`
}

// counters are Stats kept atomically.
type counters struct {
	polls, errors, notModified, newItems, stored, pages, pageErrors atomic.Int64
}

func (c *counters) add(r Result) {
	c.polls.Add(1)
	if r.Error != "" {
		c.errors.Add(1)
	}
	if r.NotModified {
		c.notModified.Add(1)
	}
	c.newItems.Add(int64(r.New))
	c.stored.Add(int64(r.Stored))
	c.pages.Add(int64(r.Pages))
	c.pageErrors.Add(int64(r.PageErrors))
}

// Stats returns the totals so far; safe to call while polling.
func (p *Poller) Stats() Stats {
	c := &p.counters
	return Stats{Polls: c.polls.Load(), Errors: c.errors.Load(), NotModified: c.notModified.Load(), NewItems: c.newItems.Load(),
		Stored: c.stored.Load(), Pages: c.pages.Load(), PageErrors: c.pageErrors.Load()}
}
