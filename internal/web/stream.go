package web

import (
	"fmt"
	"net/http"
	"sync"
	"time"
)

// broadcaster tells every open stream that the store changed. A change is
// a counter: a slow page misses nothing by reading the latest value only.
type broadcaster struct {
	mu      sync.Mutex
	version int64
	waiters chan struct{} // closed and replaced at each change
}

func newBroadcaster() *broadcaster {
	return &broadcaster{waiters: make(chan struct{})}
}

func (b *broadcaster) publish() {
	b.mu.Lock()
	b.version++
	close(b.waiters)
	b.waiters = make(chan struct{})
	b.mu.Unlock()
}

func (b *broadcaster) current() (int64, <-chan struct{}) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.version, b.waiters
}

// keepAlive is how often an idle stream sends a comment, so that proxies
// keep it open and a gone client is noticed.
const keepAlive = 25 * time.Second

// stream sends a server-sent "change" event, carrying a counter, each time
// an ingest run stores articles, and an "alert" event, with a counter of
// its own, each time an alert is raised. Pages then refetch what they show.
func (s *Server) stream(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		writeError(w, http.StatusInternalServerError, "internal", "streaming unsupported")
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	version, wait := s.changes.current()
	_, alerted := s.alerts.current()
	var raised int64
	fmt.Fprintf(w, "retry: 5000\nevent: hello\ndata: %d\n\n", version)
	fl.Flush()
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.stopping:
			return
		case <-tick.C:
			fmt.Fprint(w, ": keep-alive\n\n")
		case <-wait:
			version, wait = s.changes.current()
			fmt.Fprintf(w, "event: change\ndata: %d\n\n", version)
		case <-alerted:
			raised, alerted = s.alerts.current()
			fmt.Fprintf(w, "event: alert\ndata: %d\n\n", raised)
		}
		fl.Flush()
	}
}
