package web

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tocsin/tocsin/internal/ingest"
	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
)

// beginCounter counts the write transactions begun on a store.
type beginCounter struct {
	store.Store
	n atomic.Int32
}

func (b *beginCounter) Begin(ctx context.Context) (store.Tx, error) {
	b.n.Add(1)
	return b.Store.Begin(ctx)
}

// queued waits until n posts wait for the writer, which the test holds:
// it lets it go before failing, so that the server can close.
func (e *env) queued(t *testing.T, n int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		e.srv.postsMu.Lock()
		got := len(e.srv.posts)
		e.srv.postsMu.Unlock()
		if got == n {
			return
		}
		if time.Now().After(deadline) {
			e.srv.ingestMu.Unlock()
			t.Fatalf("%d posts queued, want %d", got, n)
		}
	}
}

// TestQueuedPostsShareATransaction holds the writer while three posts
// arrive, then lets it go: they are stored in one transaction, in arrival
// order (the second post's copy of the first's article is a duplicate),
// and each post is answered with its own counts, ids and rejections.
func TestQueuedPostsShareATransaction(t *testing.T) {
	var counter *beginCounter
	e := newEnv(t, func(c *Config) {
		counter = &beginCounter{Store: c.Store}
		c.Store = counter
	})
	bridge := `{"id":"bridge","title":"Bridge closed after ship collision in Rotterdam","text":"A cargo ship struck a bridge in Rotterdam on Monday, and the bridge was closed to traffic while engineers inspected it, the port authority said.","published":"2024-11-04T07:00:00Z"}`
	copied := strings.Replace(bridge, `"id":"bridge"`, `"id":"bridge-copy"`, 1)
	lyon := `{"id":"lyon","title":"Protest in Lyon","text":"Thousands of people marched through the centre of Lyon on Saturday to protest against pension changes, the police said.","published":"2024-11-09T12:00:00Z"}`
	bergen := `{"id":"bergen","title":"Storm hits Bergen","text":"A storm with winds of over 120 km/h hit the coast near Bergen on Sunday, cutting power to 20,000 homes, the utility said.","published":"2024-11-10T12:00:00Z"}`
	bodies := []string{
		bridge + "\n" + lyon,
		copied + "\n" + `{"title":"Only a title"}`,
		bergen,
	}
	e.srv.ingestMu.Lock()
	before := counter.n.Load()
	results := make([]chan ingestResult, len(bodies))
	for i, body := range bodies {
		results[i] = make(chan ingestResult, 1)
		go func() {
			_, b := e.do(t, http.MethodPost, "/api/articles", body, "Authorization", "Bearer "+writeToken)
			results[i] <- decode[ingestResult](t, b)
		}()
		// The next post is sent once this one waits: the queue's order is known.
		e.queued(t, i+1)
	}
	e.srv.ingestMu.Unlock()
	type outcome struct {
		Accepted, Duplicates, Rejected int
		IDs                            string
		Line                           int
	}
	want := []outcome{{2, 0, 0, "bridge lyon", 0}, {0, 1, 1, "", 2}, {1, 0, 0, "bergen", 0}}
	for i, ch := range results {
		r := <-ch
		got := outcome{r.Accepted, r.Duplicates, r.Rejected, strings.Join(r.IDs, " "), 0}
		if len(r.Rejections) > 0 {
			got.Line = r.Rejections[0].Line
		}
		if got != want[i] {
			t.Errorf("post %d: got %+v, want %+v", i, got, want[i])
		}
	}
	if n := counter.n.Load() - before; n != 1 {
		t.Errorf("%d transactions for the three posts; want 1", n)
	}
	for _, id := range []string{"bridge", "lyon", "bergen"} {
		e.eventOf(t, id)
	}
}

// A post whose client goes away while it holds the writer must not fail
// the posts queued behind it: they are stored in the same transaction.
func TestGroupOutlivesACancelledPost(t *testing.T) {
	e := newEnv(t, nil)
	ferry := `{"id":"ferry","title":"Ferry runs aground near Split","text":"A passenger ferry ran aground off the coast near Split on Tuesday; all 80 passengers were taken ashore unhurt, the coast guard said.","published":"2024-08-06T09:00:00Z"}`
	quake := `{"id":"quake","title":"Earthquake shakes central Chile","text":"A magnitude 6.1 earthquake shook central Chile on Thursday, damaging old houses in two towns, the emergency office said.","published":"2024-08-08T03:00:00Z"}`
	type result struct {
		accepted int
		err      error
	}
	e.srv.ingestMu.Lock()
	gone, cancel := context.WithCancel(context.Background())
	results := make([]chan result, 2)
	for i, c := range []struct {
		ctx  context.Context
		body string
	}{{gone, ferry}, {context.Background(), quake}} {
		results[i] = make(chan result, 1)
		go func() {
			sum, _, err := e.srv.ingestPost(c.ctx, []byte(c.body))
			results[i] <- result{sum.Accepted, err}
		}()
		e.queued(t, i+1)
	}
	cancel()
	// The cancelled post's request is the one that got the writer.
	e.srv.storePosts(gone, e.srv.takePosts())
	e.srv.ingestMu.Unlock()
	for i, ch := range results {
		if r := <-ch; r.err != nil || r.accepted != 1 {
			t.Errorf("post %d: accepted %d, error %v; want 1 and none", i, r.accepted, r.err)
		}
	}
	for _, id := range []string{"ferry", "quake"} {
		e.eventOf(t, id)
	}
}

// seenTitles is an extractor that notes the titles it was given.
type seenTitles struct {
	ingest.Extractor
	mu     sync.Mutex
	titles []string
}

func (s *seenTitles) Extract(a *news.Article) news.Facts {
	s.mu.Lock()
	s.titles = append(s.titles, a.Title)
	s.mu.Unlock()
	return s.Extractor.Extract(a)
}

// A post is parsed, its facts extracted, while the writer is busy with
// others: the writer, which bounds the ingest rate, only stores.
func TestPostsAreParsedWhileTheWriterIsBusy(t *testing.T) {
	var seen *seenTitles
	e := newEnv(t, func(c *Config) {
		seen = &seenTitles{Extractor: c.Pipeline.Facts}
		c.Pipeline.Facts = seen
	})
	e.srv.ingestMu.Lock()
	done := make(chan ingestResult, 1)
	go func() {
		body := `{"id":"dam","title":"Dam breach floods villages in Bavaria","text":"A dam breached near Passau on Friday and flooded three villages; 400 people were evacuated, the district office said.","published":"2024-06-07T10:00:00Z"}`
		_, b := e.do(t, http.MethodPost, "/api/articles", body, "Authorization", "Bearer "+writeToken)
		done <- decode[ingestResult](t, b)
	}()
	e.queued(t, 1)
	seen.mu.Lock()
	titles := slices.Clone(seen.titles)
	seen.mu.Unlock()
	if len(titles) != 1 || !strings.HasPrefix(titles[0], "Dam breach") {
		e.srv.ingestMu.Unlock()
		t.Fatalf("facts extracted before the writer was free: %q; want the post's article", titles)
	}
	e.srv.ingestMu.Unlock()
	if r := <-done; r.Accepted != 1 || strings.Join(r.IDs, " ") != "dam" {
		t.Errorf("post answered %+v; want the article accepted", r)
	}
	e.eventOf(t, "dam")
}

// Posts that come within Config.PostGap of the last store begin wait for
// it and are stored together; the first post to an idle server is stored
// at once.
func TestPostsWithinTheGapShareAStore(t *testing.T) {
	var counter *beginCounter
	e := newEnv(t, func(c *Config) {
		counter = &beginCounter{Store: c.Store}
		c.Store, c.PostGap = counter, time.Second
	})
	post := func(id, title, text string) ingestResult {
		body := `{"id":"` + id + `","title":"` + title + `","text":"` + text + `","published":"2024-05-14T08:00:00Z"}`
		_, b := e.do(t, http.MethodPost, "/api/articles", body, "Authorization", "Bearer "+writeToken)
		return decode[ingestResult](t, b)
	}
	start := time.Now()
	if r := post("tram", "Tram derails in Graz", "A tram left the rails at a junction in central Graz during the morning rush; two passengers were slightly hurt."); r.Accepted != 1 {
		t.Fatalf("first post: %+v", r)
	}
	if d := time.Since(start); d > 900*time.Millisecond {
		t.Errorf("the first post to an idle server took %v: it waited for the gap", d)
	}
	before := counter.n.Load()
	var wg sync.WaitGroup
	for _, a := range [][3]string{
		{"mine", "Mine flooded near Katowice", "Water broke into a coal mine near Katowice overnight and forty miners were brought to the surface, the operator said."},
		{"fire", "Warehouse fire in Antwerp port", "Firefighters fought a blaze in a chemicals warehouse in the port of Antwerp for six hours; nobody was injured."},
	} {
		wg.Go(func() {
			if r := post(a[0], a[1], a[2]); r.Accepted != 1 {
				t.Errorf("post %s: %+v", a[0], r)
			}
		})
	}
	wg.Wait()
	if n := counter.n.Load() - before; n != 1 {
		t.Errorf("%d transactions for two posts within the gap; want 1", n)
	}
}
