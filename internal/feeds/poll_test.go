package feeds

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tocsin/tocsin/internal/fetch"
	"github.com/tocsin/tocsin/internal/store"
	"github.com/tocsin/tocsin/internal/store/sqlite"
)

var ctx = context.Background()

func openStore(t *testing.T) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "tocsin.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// Fixture texts, written for these tests.
const (
	longStory = `The river burst its banks before dawn and flooded the lower town. ` +
		`Firefighters rescued forty residents from rooftops, the regional fire service said. ` +
		`Schools stayed closed and the main bridge was shut to traffic while engineers checked its piers. ` +
		`Der Bürgermeister sagte, das Wasser sei schneller gestiegen als je zuvor. ` +
		`Les habitants ont été relogés dans le gymnase municipal pour la nuit. ` +
		`Officials warned that more rain was expected over the weekend and asked people to stay away from the banks. ` +
		`Volunteers filled sandbags outside the town hall until late in the evening. ` +
		`Farmers upstream said their fields had been under water since Sunday and feared for the spring harvest.`
	pageStory = `A freight train left the tracks near the station on Tuesday evening, spilling grain across both lines. ` +
		`No one was hurt, the railway operator said, but services between the two cities were suspended. ` +
		`El operador ferroviario dijo que la vía permanecerá cerrada al menos dos días. ` +
		`Investigators were examining a damaged rail joint found a few hundred metres before the derailment. ` +
		`Il treno trasportava grano destinato al porto. ` +
		`Passengers were offered buses between the stations while cranes lifted the wagons back onto the rails.`
)

func rss(items ...string) string {
	return `<?xml version="1.0"?><rss version="2.0"><channel><title>Test wire</title><link>http://example.org/</link>` +
		`<language>en</language>` + strings.Join(items, "") + `</channel></rss>`
}

func item(guid, title, link, description string) string {
	return fmt.Sprintf(`<item><guid>%s</guid><title>%s</title><link>%s</link><pubDate>Tue, 19 Mar 2024 18:00:00 GMT</pubDate>`+
		`<description><![CDATA[%s]]></description></item>`, guid, title, link, description)
}

// feedServer serves a feed whose body and ETag the test changes, and
// records the validators each request sent.
type feedServer struct {
	*httptest.Server
	mu       sync.Mutex
	body     string
	etag     string
	requests []http.Header
	pages    int
}

func newFeedServer(t *testing.T) *feedServer {
	fs := &feedServer{}
	mux := http.NewServeMux()
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		fs.mu.Lock()
		defer fs.mu.Unlock()
		fs.requests = append(fs.requests, r.Header.Clone())
		if r.Header.Get("If-None-Match") == fs.etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", fs.etag)
		w.Header().Set("Last-Modified", "Tue, 19 Mar 2024 18:05:00 GMT")
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		fmt.Fprint(w, fs.body)
	})
	mux.HandleFunc("/news/derailment", func(w http.ResponseWriter, r *http.Request) {
		fs.mu.Lock()
		fs.pages++
		fs.mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html lang="en"><head><title>Freight train derails</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Freight train derails near station</h1><p>%s</p></article>
<footer>© Example News</footer></body></html>`, pageStory)
	})
	mux.HandleFunc("/image.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG\r\n"))
	})
	fs.Server = httptest.NewServer(mux)
	t.Cleanup(fs.Close)
	return fs
}

func (fs *feedServer) set(etag, body string) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.etag, fs.body = etag, body
}

func loopback() fetch.Options { return fetch.Options{AllowPrivate: true, Timeout: 5 * time.Second} }

func addFeed(t *testing.T, st *sqlite.Store, u string) store.Feed {
	t.Helper()
	f, err := st.AddFeed(ctx, store.Feed{URL: u, Interval: 10 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func pollNow(t *testing.T, p *Poller, st *sqlite.Store, id int64) Result {
	t.Helper()
	f, err := st.Feed(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return p.Poll(ctx, f)
}

func TestPollConditionalNewItemsAndLinkedPages(t *testing.T) {
	srv := newFeedServer(t)
	srv.set(`"v1"`, rss(
		item("urn:flood", "River floods lower town", srv.URL+"/news/flood", "<p>"+longStory+"</p>"),
		item("urn:train", "Freight train derails", srv.URL+"/news/derailment", "A freight train derailed &amp; lines are shut."),
	))
	st := openStore(t)
	f := addFeed(t, st, srv.URL+"/feed.xml")
	p := New(st, Options{Fetch: loopback(), MinGap: time.Millisecond})

	r := pollNow(t, p, st, f.ID)
	if r.Error != "" || r.Status != 200 || r.Items != 2 || r.New != 2 || r.Stored != 2 || r.Pages != 1 || r.PageErrors != 0 {
		t.Fatalf("first poll = %+v; want 2 new items stored, one linked page fetched", r)
	}
	arts, err := st.Articles(ctx, store.ArticleQuery{})
	if err != nil {
		t.Fatal(err)
	}
	byTitle := map[string]string{}
	for _, a := range arts {
		byTitle[a.Title] = a.Body
		if a.Origin != f.URL {
			t.Errorf("article %q origin = %q, want the feed URL", a.Title, a.Origin)
		}
	}
	if body := byTitle["Freight train derails"]; !strings.Contains(body, "damaged rail joint") || strings.Contains(body, "Home") {
		t.Errorf("summary-only item body = %q; want the linked page's article text without its navigation", body)
	}
	if body := byTitle["River floods lower town"]; !strings.Contains(body, "rescued forty residents") || strings.Contains(body, "<p>") {
		t.Errorf("full item body = %q; want the item's text without markup", body)
	}

	r = pollNow(t, p, st, f.ID)
	srv.mu.Lock()
	second := srv.requests[len(srv.requests)-1]
	srv.mu.Unlock()
	if second.Get("If-None-Match") != `"v1"` || second.Get("If-Modified-Since") != "Tue, 19 Mar 2024 18:05:00 GMT" {
		t.Errorf("second poll sent If-None-Match %q, If-Modified-Since %q; want the validators of the first",
			second.Get("If-None-Match"), second.Get("If-Modified-Since"))
	}
	if !r.NotModified || r.New != 0 || r.Error != "" {
		t.Errorf("second poll = %+v; want 304 handled as not modified", r)
	}

	srv.set(`"v2"`, rss(
		item("urn:bridge", "Bridge reopens", srv.URL+"/news/bridge", "<p>"+strings.Replace(longStory, "river", "canal", 1)+" The bridge reopened on Thursday.</p>"),
		item("urn:flood", "River floods lower town", srv.URL+"/news/flood", "<p>"+longStory+"</p>"),
		item("urn:train", "Freight train derails", srv.URL+"/news/derailment", "A freight train derailed."),
	))
	r = pollNow(t, p, st, f.ID)
	// The new item retells the flood story nearly word for word: the
	// pipeline stores it as a near-duplicate, as it would any input.
	if r.Items != 3 || r.New != 1 || r.Pages != 0 || r.Duplicates != 1 {
		t.Errorf("third poll = %+v; want only the one new item, a near-duplicate, no page fetched again", r)
	}
	if s := p.Stats(); s != (Stats{Polls: 3, NotModified: 1, NewItems: 3, Stored: 2, Pages: 1}) {
		t.Errorf("stats = %+v", s)
	}
	got, _ := st.Feed(ctx, f.ID)
	if got.Items != 3 || got.ETag != `"v2"` || got.Errors != 0 || got.LastSuccess == nil {
		t.Errorf("feed health = %+v; want 3 items seen, new ETag, no errors", got.FeedState)
	}
	if !got.NextPoll.After(time.Now().Add(9 * time.Minute)) {
		t.Errorf("next poll %s; want about the 10-minute interval from now", got.NextPoll)
	}
}

func TestPollErrorsBackOffAndRecordHealth(t *testing.T) {
	var mu sync.Mutex
	status, retry := http.StatusInternalServerError, ""
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if retry != "" {
			w.Header().Set("Retry-After", retry)
		}
		if status != http.StatusOK {
			w.WriteHeader(status)
			return
		}
		w.Header().Set("Content-Type", "application/atom+xml")
		fmt.Fprint(w, `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>`+
			`<id>urn:t</id><updated>2024-03-19T18:00:00Z</updated></feed>`)
	}))
	defer srv.Close()
	st := openStore(t)
	f, err := st.AddFeed(ctx, store.Feed{URL: srv.URL + "/atom", Interval: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	clock := time.Now().UTC().Truncate(time.Second)
	p := New(st, Options{Fetch: loopback(), MinGap: time.Millisecond, MaxBackoff: time.Hour,
		Jitter: func() float64 { return 0 }, Now: func() time.Time { return clock }})

	var waits []time.Duration
	for range 3 {
		r := pollNow(t, p, st, f.ID)
		if !strings.Contains(r.Error, "500") {
			t.Fatalf("poll of a failing feed: error %q, want HTTP 500", r.Error)
		}
		waits = append(waits, r.NextPoll.Sub(clock))
	}
	// Interval 1m doubled per error, half of it fixed (jitter 0): 1m, 2m, 4m.
	want := []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute}
	if fmt.Sprint(waits) != fmt.Sprint(want) {
		t.Errorf("backoff after 1, 2, 3 errors = %v, want %v", waits, want)
	}
	got, _ := st.Feed(ctx, f.ID)
	if got.Errors != 3 || !strings.Contains(got.LastError, "500") || got.LastPolled == nil || got.LastSuccess != nil {
		t.Errorf("health after three failures = %+v", got.FeedState)
	}

	mu.Lock()
	status, retry = http.StatusTooManyRequests, "3600"
	mu.Unlock()
	r := pollNow(t, p, st, f.ID)
	if d := r.NextPoll.Sub(clock); d != time.Hour {
		t.Errorf("after 429 with Retry-After 3600, next poll in %s; want the hour asked (backoff alone would be 8m)", d)
	}

	mu.Lock()
	status, retry = http.StatusOK, ""
	mu.Unlock()
	if r := pollNow(t, p, st, f.ID); r.Error != "" {
		t.Fatalf("recovered feed: %v", r.Error)
	}
	got, _ = st.Feed(ctx, f.ID)
	if got.Errors != 0 || got.LastError != "" || got.LastSuccess == nil {
		t.Errorf("health after recovery = %+v; want errors cleared", got.FeedState)
	}
}

func TestPollRefusesPrivateAddressesUnlessAllowed(t *testing.T) {
	srv := newFeedServer(t)
	srv.set(`"v1"`, rss(item("urn:flood", "River floods", srv.URL+"/news/flood", longStory)))
	st := openStore(t)
	f := addFeed(t, st, srv.URL+"/feed.xml")
	p := New(st, Options{MinGap: time.Millisecond}) // default fetch options: no private addresses
	r := pollNow(t, p, st, f.ID)
	if !strings.Contains(r.Error, "private") || r.New != 0 {
		t.Errorf("poll of a loopback feed without permission = %+v; want refused", r)
	}
	if got, _ := st.Feed(ctx, f.ID); got.Errors != 1 || !strings.Contains(got.LastError, "private") {
		t.Errorf("health = %+v; want the refusal recorded", got.FeedState)
	}
	srv.mu.Lock()
	n := len(srv.requests)
	srv.mu.Unlock()
	if n != 0 {
		t.Errorf("server saw %d requests; want none", n)
	}
}

func TestPollRejectsWhatIsNotAFeed(t *testing.T) {
	srv := newFeedServer(t)
	st := openStore(t)
	f := addFeed(t, st, srv.URL+"/image.png")
	r := pollNow(t, New(st, Options{Fetch: loopback()}), st, f.ID)
	if !strings.Contains(r.Error, "image/png") {
		t.Errorf("poll of an image: error %q, want the content type named", r.Error)
	}
}

func TestPolitenessOneRequestPerHostWithAGap(t *testing.T) {
	type span struct{ start, end time.Time }
	var mu sync.Mutex
	var spans []span
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		time.Sleep(30 * time.Millisecond)
		w.WriteHeader(http.StatusNotModified)
		mu.Lock()
		spans = append(spans, span{start, time.Now()})
		mu.Unlock()
	}))
	defer srv.Close()
	st := openStore(t)
	for i := range 4 {
		addFeed(t, st, fmt.Sprintf("%s/feed/%d", srv.URL, i))
	}
	const gap = 100 * time.Millisecond
	p := New(st, Options{Fetch: loopback(), MinGap: gap, Workers: 4})
	results, err := p.PollDue(ctx, nil)
	if err != nil || len(results) != 4 {
		t.Fatalf("PollDue = %d results, %v; want 4", len(results), err)
	}
	if len(spans) != 4 {
		t.Fatalf("server saw %d requests, want 4", len(spans))
	}
	for i := 1; i < len(spans); i++ {
		if d := spans[i].start.Sub(spans[i-1].end); d < gap-5*time.Millisecond {
			t.Errorf("request %d started %s after the previous ended; want at least %s, one at a time", i, d, gap)
		}
	}
	// Every feed was polled: none is due again.
	if again, _ := p.PollDue(ctx, nil); len(again) != 0 {
		t.Errorf("second PollDue polled %d feeds; want none due", len(again))
	}
}

// held is a Leases where another worker holds some keys.
type held map[string]bool

func (h held) Lease(_ context.Context, key, holder string, _ time.Duration) (bool, error) {
	return !h[key], nil
}
func (h held) Release(context.Context, string, string) error { return nil }

func TestLeasesLeaveFeedsToTheirHolder(t *testing.T) {
	srv := newFeedServer(t)
	srv.set(`"v1"`, rss())
	st := openStore(t)
	a := addFeed(t, st, srv.URL+"/feed.xml")
	b := addFeed(t, st, srv.URL+"/feed.xml?b")
	p := New(st, Options{Fetch: loopback(), MinGap: time.Millisecond, Leases: held{fmt.Sprintf("feed:%d", a.ID): true}})
	results, err := p.PollDue(ctx, nil)
	if err != nil || len(results) != 1 || results[0].Feed != b.ID {
		t.Errorf("PollDue = %+v, %v; want only feed %d (the other is leased elsewhere)", results, err, b.ID)
	}
}

func TestPlainText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Plain words stay.", "Plain words stay."},
		{"<p>Erste Zeile.</p><p>Zweite&nbsp;Zeile &amp; mehr.</p>", "Erste Zeile.\n\nZweite Zeile & mehr."},
		{"Avant<br>après<script>alert(1)</script><style>p{}</style>", "Avant\n\naprès"},
		{"", ""},
	} {
		if got := plainText(tc.in); got != tc.want {
			t.Errorf("plainText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestFormats(t *testing.T) {
	story := "<p>" + longStory + "</p>"
	cases := []struct{ name, contentType, body, lang string }{
		{"rss", "application/rss+xml", `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><language>en-GB</language>` +
			`<item><guid>a</guid><title>River floods lower town</title><link>http://example.org/a</link>` +
			`<description><![CDATA[` + story + `]]></description></item></channel></rss>`, "en"},
		{"atom", "application/atom+xml", `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>` +
			`<id>urn:t</id><updated>2024-03-19T18:00:00Z</updated><entry><id>urn:a</id><title>River floods lower town</title>` +
			`<updated>2024-03-19T18:00:00Z</updated><link href="http://example.org/a"/><content type="html">` +
			strings.NewReplacer("<", "&lt;", ">", "&gt;").Replace(story) + `</content></entry></feed>`, "en"},
		{"json feed", "application/feed+json", `{"version":"https://jsonfeed.org/version/1.1","title":"t","language":"x-klingon","items":[` +
			`{"id":"a","title":"River floods lower town","url":"http://example.org/a","date_published":"2024-03-19T18:00:00Z",` +
			`"content_html":` + fmt.Sprintf("%q", story) + `}]}`, "en"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tc.contentType)
				fmt.Fprint(w, tc.body)
			}))
			defer srv.Close()
			st := openStore(t)
			f := addFeed(t, st, srv.URL)
			r := pollNow(t, New(st, Options{Fetch: loopback()}), st, f.ID)
			if r.Error != "" || r.New != 1 || r.Stored != 1 || r.Pages != 0 {
				t.Fatalf("poll = %+v; want one item stored from the feed itself", r)
			}
			arts, _ := st.Articles(ctx, store.ArticleQuery{})
			if len(arts) != 1 || arts[0].Title != "River floods lower town" || arts[0].Lang != tc.lang ||
				arts[0].URL != "http://example.org/a" || !strings.Contains(arts[0].Body, "Volunteers filled sandbags") {
				t.Errorf("article = %+v", arts)
			}
		})
	}
}

func TestPollDueServesOtherHostsWhileOneIsSlow(t *testing.T) {
	// The slow host answers only once the fast host has been asked: with
	// two workers, that happens only if the slow host's three feeds do not
	// take both.
	fastAsked := make(chan struct{})
	var once sync.Once
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-fastAsked:
		case <-time.After(5 * time.Second):
			t.Error("the slow host held every worker: the fast host was not asked within 5s")
		}
		w.WriteHeader(http.StatusNotModified)
	}))
	defer slow.Close()
	fast := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		once.Do(func() { close(fastAsked) })
		w.WriteHeader(http.StatusNotModified)
	}))
	defer fast.Close()
	st := openStore(t)
	for i := range 3 {
		addFeed(t, st, fmt.Sprintf("%s/slow/%d", slow.URL, i))
	}
	addFeed(t, st, fast.URL+"/feed")
	p := New(st, Options{Fetch: loopback(), MinGap: time.Millisecond, Workers: 2})
	results, err := p.PollDue(ctx, nil)
	if err != nil || len(results) != 4 {
		t.Fatalf("PollDue = %d results, %v", len(results), err)
	}
	for i, r := range results {
		if r.Error != "" || (i > 0 && r.Feed < results[i-1].Feed) {
			t.Errorf("results = %+v; want all four polled, in the order feeds were added", results)
		}
	}
}

// TestInterruptedPollStoresNothing stops a poll while it fetches a linked
// page, as a server's shutdown does: nothing is stored or marked seen and
// the feed's health is left alone, so the next poll stores the item with
// its full page.
func TestInterruptedPollStoresNothing(t *testing.T) {
	st := openStore(t)
	entered, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, rss(item("urn:1", "Freight train derails", srv.URL+"/page", "A train left the tracks.")))
	})
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) {
		once.Do(func() { close(entered) })
		select {
		case <-release:
		case <-r.Context().Done():
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html lang="en"><head><title>Freight train derails</title></head><body><article><h1>Freight train derails</h1><p>%s</p></article></body></html>`, pageStory)
	})
	f := addFeed(t, st, srv.URL+"/feed.xml")
	p := New(st, Options{Fetch: loopback(), MinGap: time.Millisecond})

	pctx, cancel := context.WithCancel(ctx)
	go func() {
		<-entered
		cancel()
	}()
	if r := p.Poll(pctx, f); r.Error != "interrupted" || r.Stored != 0 {
		t.Fatalf("interrupted poll = %+v; want interrupted with nothing stored", r)
	}
	if arts, err := st.Articles(ctx, store.ArticleQuery{}); err != nil || len(arts) != 0 {
		t.Fatalf("articles after the interrupted poll: %d, %v", len(arts), err)
	}
	after, err := st.Feed(ctx, f.ID)
	if err != nil || after.Items != 0 || after.LastPolled != nil || after.Errors != 0 {
		t.Fatalf("feed after the interrupted poll = %+v, %v; want untouched", after, err)
	}

	close(release)
	if r := p.Poll(ctx, after); r.Error != "" || r.Stored != 1 || r.Pages != 1 {
		t.Fatalf("next poll = %+v; want the item stored with its page", r)
	}
	arts, err := st.Articles(ctx, store.ArticleQuery{})
	if err != nil || len(arts) != 1 || !strings.Contains(arts[0].Body, "damaged rail joint") {
		t.Fatalf("stored articles = %d, %v; want the page's text", len(arts), err)
	}
}
