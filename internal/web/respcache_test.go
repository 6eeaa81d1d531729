package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
	"github.com/tocsin/tocsin/internal/text"
)

// cacheFixture is a response cache in front of a handler that counts its
// calls and answers with the count, or with status when it is set.
type cacheFixture struct {
	calls   atomic.Int64
	version atomic.Int64
	status  int
	release chan struct{} // when set, calls wait for it
	c       *responseCache
	h       http.HandlerFunc
}

func newCacheFixture(maxAge time.Duration) *cacheFixture {
	f := &cacheFixture{status: http.StatusOK}
	f.c = newResponseCache(maxAge, 4, 200, f.version.Load)
	f.h = f.c.wrap(func(w http.ResponseWriter, r *http.Request) {
		n := f.calls.Add(1)
		if f.release != nil {
			<-f.release
		}
		if f.status != http.StatusOK {
			writeError(w, f.status, "bad_request", "no")
			return
		}
		writeJSON(w, r, map[string]any{"call": n, "q": r.URL.Query().Get("q")})
	}, searchOf)
	return f
}

func (f *cacheFixture) get(path string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	f.h(rec, req)
	return rec
}

// TestResponseCacheSearchAcrossIngest checks that a search's answer
// outlives the ingest runs that stored nothing it can match, and only
// those.
func TestResponseCacheSearchAcrossIngest(t *testing.T) {
	f := newCacheFixture(time.Minute)
	f.c.max, f.c.maxBytes = 64, 1<<20 // room for every path
	// A run of English articles about a flood: their index terms are
	// stems.
	flood := &runTerms{terms: map[string]bool{"river": true, "flood": true, "rose": true, "evacu": true}, langs: []string{"en"}}
	paths := []string{"/api/articles?q=storm", "/api/articles?q=floods", `/api/articles?q="river+rose"`,
		"/api/articles?q=storm+river", "/api/articles?q=sto*", "/api/articles", "/api/events"}
	for _, tc := range []struct {
		name   string
		change *runTerms // nil: a run whose terms are unknown (another producer)
		kept   []bool    // per path
	}{
		{"a run of other words", flood, []bool{true, false, false, true, false, false, false}},
		{"a run of unknown terms", nil, []bool{false, false, false, false, false, false, false}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := make([]string, len(paths))
			for i, p := range paths {
				before[i] = f.get(p).Body.String()
			}
			v := f.version.Load()
			if tc.change != nil {
				f.c.noteChange(v+1, tc.change)
			}
			f.version.Add(1)
			for i, p := range paths {
				after := f.get(p).Body.String()
				if kept := after == before[i]; kept != tc.kept[i] {
					t.Errorf("%s: answer kept %v, want %v", p, kept, tc.kept[i])
				}
			}
		})
	}
}

func TestResponseCache(t *testing.T) {
	t.Run("concurrent identical requests share one computation", func(t *testing.T) {
		f := newCacheFixture(time.Minute)
		f.release = make(chan struct{})
		var wg sync.WaitGroup
		bodies := make([]string, 8)
		for i := range bodies {
			wg.Go(func() { bodies[i] = f.get("/api/articles?q=storm").Body.String() })
		}
		time.Sleep(20 * time.Millisecond)
		close(f.release)
		wg.Wait()
		if n := f.calls.Load(); n != 1 {
			t.Errorf("8 identical requests ran the handler %d times, want 1", n)
		}
		for i, b := range bodies {
			if b != bodies[0] || !strings.Contains(b, `"call":1`) {
				t.Errorf("request %d got %q, want %q", i, b, bodies[0])
			}
		}
		if f.get("/api/articles?q=flood").Body.String() == bodies[0] || f.calls.Load() != 2 {
			t.Errorf("another query was answered from the cache (%d calls)", f.calls.Load())
		}
	})
	t.Run("a change of the store invalidates", func(t *testing.T) {
		f := newCacheFixture(time.Minute)
		first := f.get("/api/events")
		f.version.Add(1)
		second := f.get("/api/events")
		if f.calls.Load() != 2 || first.Body.String() == second.Body.String() {
			t.Errorf("after a change: %d calls, bodies %q and %q; want 2 calls and a new body", f.calls.Load(), first.Body, second.Body)
		}
	})
	t.Run("answers expire", func(t *testing.T) {
		f := newCacheFixture(10 * time.Millisecond)
		f.get("/api/events")
		time.Sleep(20 * time.Millisecond)
		f.get("/api/events")
		if n := f.calls.Load(); n != 2 {
			t.Errorf("an answer older than maxAge was reused: %d calls, want 2", n)
		}
	})
	t.Run("If-None-Match gets 304 from the cache", func(t *testing.T) {
		f := newCacheFixture(time.Minute)
		tag := f.get("/api/events").Header().Get("ETag")
		res := f.get("/api/events", "If-None-Match", tag)
		if res.Code != http.StatusNotModified || res.Body.Len() != 0 || f.calls.Load() != 1 {
			t.Errorf("with its ETag: %d, %d bytes, %d calls; want 304, empty, 1 call", res.Code, res.Body.Len(), f.calls.Load())
		}
		// A first request carrying an old tag still leaves a full answer
		// for the others.
		f.version.Add(1)
		if res := f.get("/api/events", "If-None-Match", tag); res.Code != http.StatusOK || res.Header().Get("ETag") == tag {
			t.Errorf("after a change, the old tag: %d, ETag %s", res.Code, res.Header().Get("ETag"))
		}
		if res := f.get("/api/events"); res.Code != http.StatusOK || res.Body.Len() == 0 || f.calls.Load() != 2 {
			t.Errorf("after a 200 to a conditional request: %d, %d bytes, %d calls", res.Code, res.Body.Len(), f.calls.Load())
		}
	})
	t.Run("errors are not kept", func(t *testing.T) {
		f := newCacheFixture(time.Minute)
		f.status = http.StatusBadRequest
		for range 2 {
			if res := f.get("/api/events?limit=0"); res.Code != http.StatusBadRequest || !strings.Contains(res.Body.String(), "bad_request") {
				t.Errorf("got %d %s, want the handler's 400", res.Code, res.Body)
			}
		}
		if n := f.calls.Load(); n != 2 {
			t.Errorf("two failing requests ran the handler %d times, want 2", n)
		}
	})
	t.Run("the cache stays bounded", func(t *testing.T) {
		f := newCacheFixture(time.Minute)
		for i := range 10 {
			f.get(fmt.Sprintf("/api/articles?q=w%d", i))
		}
		if n := len(f.c.entries); n > 4 {
			t.Errorf("%d entries kept, want at most 4", n)
		}
		// Answers of ~30 bytes: 200 bytes hold six, so only the byte
		// limit keeps the entries under four here.
		f.c.max = 100
		for i := range 10 {
			f.get(fmt.Sprintf("/api/articles?q=longer-word-%d", i))
		}
		sum := 0
		for _, e := range f.c.entries {
			sum += len(e.body)
		}
		if sum != f.c.bytes || sum > 200 || len(f.c.entries) < 2 {
			t.Errorf("%d entries of %d bytes (counted %d), want at most 200 bytes and several entries", len(f.c.entries), sum, f.c.bytes)
		}
	})
}

// TestSearchAnswerAcrossPosts checks through the server that a cached
// search answer outlives a post of articles it cannot match, and not one
// it can: an article a writer outside the server stored (which moves no
// counter) shows up only then.
func TestSearchAnswerAcrossPosts(t *testing.T) {
	e := newEnv(t, nil)
	e.srv.answers.maxAge = time.Hour // the test is about the counter, not the age
	search := func() []string {
		t.Helper()
		res, b := e.get(t, "/api/articles?q=harbour")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("search: %d %s", res.StatusCode, b)
		}
		var ids []string
		for _, a := range decode[Page[news.Article]](t, b).Items {
			ids = append(ids, a.ID)
		}
		return ids
	}
	post := func(id, title, text string) {
		t.Helper()
		body := fmt.Sprintf(`{"id":%q,"title":%q,"text":%q,"published":"2024-05-01T10:00:00Z"}`, id, title, text)
		if res, b := e.do(t, http.MethodPost, "/api/articles", body, "Authorization", "Bearer "+writeToken); res.StatusCode != http.StatusCreated {
			t.Fatalf("POST %s: %d %s", id, res.StatusCode, b)
		}
	}
	post("h1", "Storm closes the harbour", "The harbour of Rivertown closed on Monday as the storm arrived, port officials said.")
	if got := search(); fmt.Sprint(got) != "[h1]" {
		t.Fatalf("search = %v, want [h1]", got)
	}
	// Another writer stores a match: the server is not told.
	ctx := context.Background()
	tx, err := e.st.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	a := &news.Article{ID: "h2", Title: "Ferries wait outside the harbour", Body: "Ferries waited outside the harbour overnight.", Lang: "en",
		Format: news.FormatText, Ingested: time.Now().UTC(), Size: 40, Fingerprint: "fp-h2", Origin: "test"}
	if err := tx.Insert(ctx, store.Doc{Article: a, Terms: text.TermString("en", a.Title+"\n"+a.Body)}); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	post("b1", "Bakery opens in the old town", "A new bakery opened its doors in the old town on Tuesday, selling bread and cakes.")
	if got := search(); fmt.Sprint(got) != "[h1]" {
		t.Errorf("after a post it cannot match, search = %v, want the kept [h1]", got)
	}
	post("h3", "Harbour reopens", "The harbour of Rivertown reopened on Wednesday after the storm.")
	if got := search(); len(got) != 3 {
		t.Errorf("after a post it can match, search = %v, want h1, h2 and h3", got)
	}
}

// An answer computed again replaces the one it outdates in the count of
// bytes kept too: counted twice, the bytes of answers recomputed at every
// ingest run filled the budget, and every new answer then dropped the
// others, so that under ingest nothing stayed kept.
func TestResponseCacheCountsReplacedAnswersOnce(t *testing.T) {
	f := newCacheFixture(time.Minute)
	f.c.max, f.c.maxBytes = 64, 1<<20
	for range 50 {
		f.version.Add(1)
		f.get("/api/events")
		f.get("/api/events?offset=50")
	}
	f.c.mu.Lock()
	defer f.c.mu.Unlock()
	sum := 0
	for _, e := range f.c.entries {
		sum += e.size
	}
	if len(f.c.entries) != 2 || f.c.bytes != sum {
		t.Errorf("%d answers kept, %d bytes counted for %d bytes of answers; want 2 answers, counted once", len(f.c.entries), f.c.bytes, sum)
	}
}

// TestKeptAnswersWaitForATurn checks that a kept answer is written only
// once the request gets a read's turn, and that the turn is given back.
func TestKeptAnswersWaitForATurn(t *testing.T) {
	f := newCacheFixture(time.Minute)
	f.c.turns = newTurns(1, 1)
	f.get("/api/events") // kept
	if !f.c.turns.take(context.Background()) {
		t.Fatal("no turn")
	}
	answered := make(chan string)
	go func() { answered <- f.get("/api/events").Body.String() }()
	select {
	case b := <-answered:
		t.Fatalf("a kept answer was written while every turn was taken: %s", b)
	case <-time.After(50 * time.Millisecond):
	}
	f.c.turns.done()
	if b := <-answered; !strings.Contains(b, `"call":1`) {
		t.Errorf("answer after the turn freed: %s, want the kept one", b)
	}
	if f.c.turns.busy != 0 {
		t.Errorf("%d turns held after the answer was written, want 0", f.c.turns.busy)
	}
}
