package web

import (
	"bufio"
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

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
