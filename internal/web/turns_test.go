package web

import (
	"bufio"
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tocsin/tocsin/internal/crosscheck"
	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
)

// heldStore holds every article listing until released.
type heldStore struct {
	store.Store
	entered, release chan struct{}
}

func (h heldStore) Articles(ctx context.Context, q store.ArticleQuery) ([]news.Article, error) {
	h.entered <- struct{}{}
	<-h.release
	return h.Store.Articles(ctx, q)
}

// Reads take turns (Config.MaxReads): with one turn, a read waits while
// another is served, and is served once it ends; an event stream takes no
// turn, so that open pages never keep reads out.
func TestReadsTakeTurns(t *testing.T) {
	held := heldStore{entered: make(chan struct{}), release: make(chan struct{})}
	e := newEnv(t, func(c *Config) {
		held.Store = c.Store
		c.Store, c.MaxReads = held, 1
	})
	var once sync.Once
	release := func() { once.Do(func() { close(held.release) }) }
	defer release() // before the server closes, which waits for the held read
	// get asks for path in the background; its channel gives the status (0: no answer).
	get := func(path string) <-chan int {
		code := make(chan int, 1)
		go func() {
			res, err := http.Get(e.ts.URL + path)
			if err != nil {
				code <- 0
				return
			}
			res.Body.Close()
			code <- res.StatusCode
		}()
		return code
	}
	first := get("/api/articles")
	<-held.entered // the first read holds the only turn
	second := get("/api/events")
	select {
	case code := <-second:
		t.Fatalf("a second read was answered (%d) while the only turn was held", code)
	case <-time.After(300 * time.Millisecond):
	}

	res, err := http.Get(e.ts.URL + "/api/stream")
	if err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(res.Body).ReadString('\n')
	res.Body.Close()
	if err != nil || !strings.HasPrefix(line, "retry:") {
		t.Fatalf("event stream while the turn is held: %q, %v", line, err)
	}

	release()
	if code := <-first; code != http.StatusOK {
		t.Errorf("first read: %d", code)
	}
	if code := <-second; code != http.StatusOK {
		t.Errorf("second read, after the first: %d", code)
	}
}

// takeAsync asks t for a turn in the background; the channel gives the
// outcome.
func takeAsync(ctx context.Context, t *turns) <-chan bool {
	got := make(chan bool, 1)
	go func() { got <- t.take(ctx) }()
	return got
}

// waitingFor waits until n reads wait for a turn.
func waitingFor(t *testing.T, tt *turns, n int) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(time.Millisecond) {
		tt.mu.Lock()
		got := len(tt.waiting)
		tt.mu.Unlock()
		if got == n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d reads waiting, want %d", got, n)
		}
	}
}

// answered tells whether a background take has returned true by now.
func answered(got <-chan bool) bool {
	select {
	case ok := <-got:
		return ok
	case <-time.After(50 * time.Millisecond):
		return false
	}
}

// While the writer stores, reads get fewer turns; those already served
// keep theirs, and the others are served in order once it is done.
func TestFewerTurnsWhileStoring(t *testing.T) {
	ctx := context.Background()
	tt := newTurns(2, 1)
	if !tt.take(ctx) {
		t.Fatal("no first turn")
	}
	storing := tt.store()
	second := takeAsync(ctx, tt)
	waitingFor(t, tt, 1)
	third := takeAsync(ctx, tt)
	waitingFor(t, tt, 2)
	tt.done() // the first read ends; the writer still stores
	if !answered(second) {
		t.Fatal("the second read waits with no turn held and one allowed while storing")
	}
	if answered(third) {
		t.Fatal("a third read was served beside the second while the writer stores")
	}
	storing()
	if !answered(third) {
		t.Fatal("the third read waits after the writer is done, with one of two turns held")
	}
	tt.mu.Lock()
	busy, waiting := tt.busy, len(tt.waiting)
	tt.mu.Unlock()
	if busy != 2 || waiting != 0 {
		t.Errorf("%d turns held, %d waiting; want 2 and 0", busy, waiting)
	}
}

// A read that leaves while waiting gives up its place, and the turn goes
// to the next in line.
func TestLeavingReadGivesUpItsPlace(t *testing.T) {
	tt := newTurns(1, 1)
	if !tt.take(context.Background()) {
		t.Fatal("no first turn")
	}
	leaving, leave := context.WithCancel(context.Background())
	gone := takeAsync(leaving, tt)
	waitingFor(t, tt, 1)
	next := takeAsync(context.Background(), tt)
	waitingFor(t, tt, 2)
	leave()
	if ok := <-gone; ok {
		t.Fatal("a read whose client left was given a turn")
	}
	waitingFor(t, tt, 1)
	tt.done()
	if !answered(next) {
		t.Fatal("the read behind the one that left was not served when the turn was freed")
	}
	tt.done()
	tt.mu.Lock()
	defer tt.mu.Unlock()
	if tt.busy != 0 {
		t.Errorf("%d turns held after every read ended; want 0", tt.busy)
	}
}

// TestCompilingReportsLeaveTheReadsTheirTurns checks that an event report
// compiles outside the reads' turns: with one turn, a search is answered
// while a report is being compiled.
func TestCompilingReportsLeaveTheReadsTheirTurns(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	e := newEnv(t, func(c *Config) {
		hand := c.Reports
		c.MaxReads = 1
		c.Reports = func(ctx context.Context, id string) (crosscheck.Report, error) {
			close(entered)
			<-release
			return hand(ctx, id)
		}
	})
	e.ingestFixtures(t)
	ev := e.eventOf(t, "quake-1")
	detail := make(chan int, 1)
	go func() {
		res, err := http.Get(e.ts.URL + "/api/events/" + ev.ID)
		if err != nil {
			detail <- 0
			return
		}
		res.Body.Close()
		detail <- res.StatusCode
	}()
	<-entered
	res, err := (&http.Client{Timeout: 5 * time.Second}).Get(e.ts.URL + "/api/articles?q=earthquake")
	close(release)
	if err != nil {
		t.Fatalf("search while a report compiles: %v", err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("search while a report compiles: %d", res.StatusCode)
	}
	if code := <-detail; code != http.StatusOK {
		t.Errorf("event detail: %d", code)
	}
}
