// Package feeds polls RSS, Atom and JSON Feed sources and sends their new
// items through the ingest pipeline, so that feed articles are deduplicated,
// extracted and clustered like any other input. It polls politely — one
// request at a time per host with a minimum gap, conditional GETs, backoff
// with jitter on errors, Retry-After honoured — fetches the linked page when
// an item carries only a summary, and records each feed's health in the
// store. It does not schedule alerts or serve anything.
package feeds

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"mime"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"

	"github.com/tocsin/tocsin/internal/extract"
	"github.com/tocsin/tocsin/internal/fetch"
	"github.com/tocsin/tocsin/internal/ingest"
	"github.com/tocsin/tocsin/internal/store"
)

// Store is what the poller reads feeds from and writes articles to.
type Store interface {
	store.Store
	store.Watches
}

// Leases let several workers share the polling of feeds: a worker polls a
// feed only while it holds the feed's lease.
type Leases interface {
	// Lease takes or renews key for holder until ttl has passed; it
	// reports false when another holder has it.
	Lease(ctx context.Context, key, holder string, ttl time.Duration) (bool, error)
	// Release gives key up before its ttl.
	Release(ctx context.Context, key, holder string) error
}

// Options configure a Poller. Zero values mean the defaults.
type Options struct {
	Fetch      fetch.Options  // limits and address policy of every request
	Ingest     ingest.Options // Facts, Cluster and OnCommit; Stdin, StdinName and Format are set per feed
	MinGap     time.Duration  // between two requests to one host; default 2s
	MaxBackoff time.Duration  // longest wait after errors; default 6h
	// MinBody is the length in characters under which an item's text is
	// taken for a summary and its linked page is fetched; default 600.
	MinBody int
	Workers int    // feeds polled at once (on different hosts); default 4
	Leases  Leases // nil: this worker polls every feed
	Holder  string // this worker's name in leases; default host name and process id
	Now     func() time.Time
	Jitter  func() float64 // in [0, 1); default math/rand
	// Run runs one ingest; default ingest.Run. A server that ingests from
	// other sources too sets it to take its turn with them.
	Run func(ctx context.Context, st store.Store, inputs []string, opts ingest.Options) (ingest.Summary, error)
}

func (o *Options) defaults() {
	if o.MinGap <= 0 {
		o.MinGap = 2 * time.Second
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = 6 * time.Hour
	}
	if o.MinBody <= 0 {
		o.MinBody = 600
	}
	if o.Workers <= 0 {
		o.Workers = 4
	}
	if o.Holder == "" {
		host, _ := os.Hostname()
		o.Holder = fmt.Sprintf("%s-%d", host, os.Getpid())
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Jitter == nil {
		o.Jitter = rand.Float64
	}
	if o.Run == nil {
		o.Run = ingest.Run
	}
}

// Result is the outcome of polling one feed.
type Result struct {
	Feed        int64     `json:"feed"`
	URL         string    `json:"url"`
	Status      int       `json:"status"` // HTTP status of the feed; 0 when no response came
	NotModified bool      `json:"not_modified"`
	Items       int       `json:"items"`       // items in the feed document
	New         int       `json:"new"`         // items not seen before
	Pages       int       `json:"pages"`       // linked pages fetched for summary-only items
	PageErrors  int       `json:"page_errors"` // linked pages that could not be fetched (the summary was kept)
	Stored      int       `json:"stored"`      // new original articles
	Duplicates  int       `json:"duplicates"`  // exact and near copies of stored articles
	Rejected    int       `json:"rejected"`
	Error       string    `json:"error,omitempty"`
	NextPoll    time.Time `json:"next_poll"`
}

// Poller polls feeds into a store.
type Poller struct {
	st     Store
	opts   Options
	client *fetch.Client
	hosts  *hosts
	ingest sync.Mutex // one ingest run at a time: the store has one writer and the clusterer is not shared
	counters
}

// New returns a Poller of the feeds in st.
func New(st Store, opts Options) *Poller {
	opts.defaults()
	return &Poller{st: st, opts: opts, client: fetch.New(opts.Fetch), hosts: newHosts(opts.MinGap)}
}

// PollDue polls every feed due now, feeds of different hosts at once
// (Workers hosts at a time), and returns their results in the order the
// feeds were added. fn, when not
// nil, is called as each feed is done (from several goroutines, one at a
// time). Feeds another worker holds the lease of are left out.
func (p *Poller) PollDue(ctx context.Context, fn func(Result)) ([]Result, error) {
	list, err := p.st.Feeds(ctx)
	if err != nil {
		return nil, fmt.Errorf("list feeds: %w", err)
	}
	now := p.opts.Now()
	// Feeds are grouped by host and each group polled in turn by one
	// worker, so that a slow host holds one worker, not all of them.
	var hosts []string
	groups := map[string][]int{}
	var due []store.Feed
	for _, f := range list {
		if f.NextPoll.After(now) {
			continue
		}
		host := ""
		if u, err := url.Parse(f.URL); err == nil {
			host = strings.ToLower(u.Host)
		}
		if _, ok := groups[host]; !ok {
			hosts = append(hosts, host)
		}
		groups[host] = append(groups[host], len(due))
		due = append(due, f)
	}
	results := make([]*Result, len(due))
	var mu sync.Mutex
	sem := make(chan struct{}, p.opts.Workers)
	var wg sync.WaitGroup
	for _, host := range hosts {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			wg.Wait()
			return collect(results), ctx.Err()
		}
		wg.Go(func() {
			defer func() { <-sem }()
			for _, i := range groups[host] {
				if ctx.Err() != nil {
					return
				}
				r, ok := p.leased(ctx, due[i])
				if !ok {
					continue
				}
				mu.Lock()
				results[i] = &r
				if fn != nil {
					fn(r)
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return collect(results), ctx.Err()
}

func collect(rs []*Result) []Result {
	var out []Result
	for _, r := range rs {
		if r != nil {
			out = append(out, *r)
		}
	}
	return out
}

// leased polls f under its lease, when leases are in use; it reports false
// when f was left to another worker or is no longer due.
func (p *Poller) leased(ctx context.Context, f store.Feed) (Result, bool) {
	if p.opts.Leases == nil {
		return p.Poll(ctx, f), true
	}
	key := "feed:" + strconv.FormatInt(f.ID, 10)
	// Long enough for a feed and its linked pages, short enough that a
	// crashed worker's feeds are soon taken over.
	ttl := 4*cmp.Or(p.opts.Fetch.Timeout, 30*time.Second) + time.Minute
	ok, err := p.opts.Leases.Lease(ctx, key, p.opts.Holder, ttl)
	if err != nil || !ok {
		return Result{}, false
	}
	defer p.opts.Leases.Release(context.WithoutCancel(ctx), key, p.opts.Holder)
	// Another worker may have polled it between our listing and our lease.
	fresh, err := p.st.Feed(ctx, f.ID)
	if err != nil || fresh.NextPoll.After(p.opts.Now()) {
		return Result{}, false
	}
	return p.Poll(ctx, fresh), true
}

// Run polls due feeds until ctx is done, sleeping until the next one is due
// (at most a minute, so that feeds added meanwhile are seen).
func (p *Poller) Run(ctx context.Context, fn func(Result)) error {
	for {
		if _, err := p.PollDue(ctx, fn); err != nil && ctx.Err() == nil {
			return err
		}
		wait := time.Minute
		if list, err := p.st.Feeds(ctx); err == nil {
			now := p.opts.Now()
			for _, f := range list {
				wait = min(wait, f.NextPoll.Sub(now))
			}
		}
		wait = max(wait, time.Second)
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(wait):
		}
	}
}

// Poll polls one feed now, whether due or not, stores its new items and
// records the outcome in the feed's state.
func (p *Poller) Poll(ctx context.Context, f store.Feed) Result {
	res := Result{Feed: f.ID, URL: f.URL}
	state := f.FeedState
	now := p.opts.Now().UTC()
	retryAfter, err := p.poll(ctx, f, &res, &state)
	state.LastPolled = &now
	if err != nil {
		if ctx.Err() != nil {
			res.Error = "interrupted"
			return res // not the feed's fault: leave its health alone
		}
		res.Error = err.Error()
		state.LastError = res.Error
		state.Errors++
		state.NextPoll = now.Add(max(p.backoff(f.Interval, state.Errors), retryAfter))
	} else {
		state.LastSuccess = &now
		state.LastError, state.Errors = "", 0
		state.NextPoll = now.Add(max(f.Interval, retryAfter))
	}
	res.NextPoll = state.NextPoll
	if err := p.st.UpdateFeed(context.WithoutCancel(ctx), f.ID, state); err != nil && res.Error == "" {
		res.Error = err.Error()
	}
	p.counters.add(res)
	return res
}

// backoff is the wait after the n-th consecutive error: the interval
// doubled per error, capped, with "equal jitter" (half fixed, half random)
// so that feeds failing together do not retry together.
func (p *Poller) backoff(interval time.Duration, n int) time.Duration {
	d := max(interval, time.Minute)
	for i := 0; i < n && d < p.opts.MaxBackoff; i++ {
		d *= 2
	}
	d = min(d, p.opts.MaxBackoff)
	return d/2 + time.Duration(p.opts.Jitter()*float64(d/2))
}

// feedTypes are the media types a feed is served with in practice.
var feedTypes = map[string]bool{
	"": true, "application/rss+xml": true, "application/atom+xml": true, "application/rdf+xml": true,
	"application/xml": true, "text/xml": true, "application/feed+json": true, "application/json": true,
	"text/plain": true, "application/x-rss+xml": true, "text/html": true, // some servers label feeds as HTML
}

// poll fetches and stores one feed; it returns how long the server asked
// us to wait, if it did.
func (p *Poller) poll(ctx context.Context, f store.Feed, res *Result, state *store.FeedState) (time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, f.URL, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.1")
	if state.ETag != "" {
		req.Header.Set("If-None-Match", state.ETag)
	}
	if state.LastModified != "" {
		req.Header.Set("If-Modified-Since", state.LastModified)
	}
	resp, err := p.do(ctx, req)
	res.Status = resp.Status
	retry := retryAfter(resp.Header, p.opts.Now())
	if err != nil {
		return retry, err
	}
	switch {
	case resp.Status == http.StatusNotModified:
		res.NotModified = true
		return retry, nil
	case resp.Status != http.StatusOK:
		return retry, fmt.Errorf("HTTP %d %s", resp.Status, http.StatusText(resp.Status))
	}
	mediaType, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if !feedTypes[strings.ToLower(mediaType)] {
		return retry, fmt.Errorf("unsupported content type %q", mediaType)
	}
	doc, err := gofeed.NewParser().Parse(bytes.NewReader(resp.Body))
	if err != nil {
		return retry, fmt.Errorf("parse feed: %w", err)
	}
	res.Items = len(doc.Items)
	if err := p.store(ctx, f, doc, res); err != nil {
		return retry, err
	}
	// Validators are kept only once the items are stored, so that a failed
	// store is retried with a full fetch.
	state.ETag, state.LastModified = resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	return retry, nil
}

// do sends req when its host allows, one request per host at a time.
func (p *Poller) do(ctx context.Context, req *http.Request) (fetch.Response, error) {
	release, err := p.hosts.acquire(ctx, req.URL.Host)
	if err != nil {
		return fetch.Response{}, err
	}
	defer release()
	return p.client.Do(req)
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(h http.Header, now time.Time) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil && n > 0 {
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// store turns the feed's unseen items into articles and ingests them.
func (p *Poller) store(ctx context.Context, f store.Feed, doc *gofeed.Feed, res *Result) error {
	keys := make([]string, len(doc.Items))
	for i, it := range doc.Items {
		keys[i] = itemKey(it)
	}
	seen, err := p.st.SeenItems(ctx, f.ID, keys)
	if err != nil {
		return fmt.Errorf("seen items: %w", err)
	}
	var fresh []string
	var lines bytes.Buffer
	// Feeds list the newest first; ingest the oldest first so that events
	// grow in the order things were reported.
	for i := len(doc.Items) - 1; i >= 0; i-- {
		if seen[keys[i]] || slices.Contains(fresh, keys[i]) {
			continue
		}
		fresh = append(fresh, keys[i])
		rec := p.record(ctx, f, doc, doc.Items[i], keys[i], res)
		b, err := json.Marshal(rec)
		if err != nil {
			return err
		}
		lines.Write(append(b, '\n'))
	}
	res.New = len(fresh)
	if len(fresh) == 0 {
		return nil
	}
	// Interrupted while fetching linked pages (a server shutting down):
	// store nothing and mark nothing seen, so that the next poll takes the
	// items again with their full pages instead of their summaries. Once
	// ingest starts, it commits every item.
	if err := ctx.Err(); err != nil {
		return err
	}
	opts := p.opts.Ingest
	opts.Stdin, opts.StdinName, opts.Format = &lines, f.URL, "jsonl"
	opts.OnProgress = nil
	p.ingest.Lock()
	sum, err := p.opts.Run(context.WithoutCancel(ctx), p.st, []string{"-"}, opts)
	p.ingest.Unlock()
	res.Stored, res.Duplicates, res.Rejected = sum.Accepted, sum.Duplicates+sum.Near, sum.Rejected
	if err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	// Rejected items are marked too: the same item would be rejected again.
	if err := p.st.MarkSeen(context.WithoutCancel(ctx), f.ID, fresh); err != nil {
		return fmt.Errorf("mark seen: %w", err)
	}
	return nil
}

// itemKey identifies an item within its feed: its GUID, else its link,
// else a hash of what it says.
func itemKey(it *gofeed.Item) string {
	if g := strings.TrimSpace(it.GUID); g != "" {
		return g
	}
	if l := strings.TrimSpace(it.Link); l != "" {
		return l
	}
	h := sha256.Sum256([]byte(it.Title + "\x00" + it.Description + "\x00" + it.Content))
	return "sha256:" + hex.EncodeToString(h[:12])
}

// record is an item as an ingest JSON record; the feed fields are kept as
// the article's extra fields.
type record struct {
	Title     string `json:"title"`
	Text      string `json:"text"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"`
	Author    string `json:"author,omitempty"`
	Lang      string `json:"lang,omitempty"`
	Feed      string `json:"feed"`
	Item      string `json:"feed_item"`
	PageError string `json:"page_error,omitempty"` // why the linked page could not replace the summary
}

// record builds the article of an item, fetching its linked page when the
// item has only a summary.
func (p *Poller) record(ctx context.Context, f store.Feed, doc *gofeed.Feed, it *gofeed.Item, key string, res *Result) record {
	rec := record{Title: strings.TrimSpace(it.Title), URL: strings.TrimSpace(it.Link), Lang: language(doc.Language), Feed: f.URL, Item: key}
	rec.Text = plainText(it.Content)
	if summary := plainText(it.Description); utf8.RuneCountInString(summary) > utf8.RuneCountInString(rec.Text) {
		rec.Text = summary
	}
	switch {
	case it.PublishedParsed != nil:
		rec.Published = it.PublishedParsed.UTC().Format(time.RFC3339)
	case it.UpdatedParsed != nil:
		rec.Published = it.UpdatedParsed.UTC().Format(time.RFC3339)
	}
	if len(it.Authors) > 0 && it.Authors[0] != nil {
		rec.Author = it.Authors[0].Name
	}
	if utf8.RuneCountInString(rec.Text) >= p.opts.MinBody || rec.URL == "" {
		return rec
	}
	page, err := p.page(ctx, rec.URL)
	if err != nil {
		res.PageErrors++
		rec.PageError = err.Error()
		return rec
	}
	res.Pages++
	if utf8.RuneCountInString(page.Body) > utf8.RuneCountInString(rec.Text) {
		rec.Text = page.Body
	}
	if rec.Title == "" {
		rec.Title = page.Title
	}
	if rec.Published == "" && page.Published != nil {
		rec.Published = page.Published.UTC().Format(time.RFC3339)
	}
	if rec.Author == "" {
		rec.Author = page.Author
	}
	return rec
}

// language reduces a feed's declared language ("en-US") to the ISO 639-1
// code articles carry; anything else is left for detection.
func language(tag string) string {
	primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
	if len(primary) != 2 || strings.Trim(primary, "abcdefghijklmnopqrstuvwxyz") != "" {
		return ""
	}
	return primary
}

// page fetches and extracts an item's linked page.
func (p *Poller) page(ctx context.Context, link string) (extract.Page, error) {
	u, err := url.Parse(link)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return extract.Page{}, fmt.Errorf("not an http(s) link: %q", link)
	}
	release, err := p.hosts.acquire(ctx, u.Host)
	if err != nil {
		return extract.Page{}, err
	}
	doc, err := p.client.Get(ctx, link)
	release()
	if err != nil {
		return extract.Page{}, fmt.Errorf("fetch %s: %w", link, err)
	}
	if doc.ContentType != "text/html" && doc.ContentType != "application/xhtml+xml" && doc.ContentType != "" {
		return extract.Page{}, fmt.Errorf("fetch %s: %s is not a web page", link, doc.ContentType)
	}
	page, err := extract.HTML(doc.Body, doc.URL)
	if err != nil {
		return extract.Page{}, fmt.Errorf("extract %s: %w", link, err)
	}
	return page, nil
}
