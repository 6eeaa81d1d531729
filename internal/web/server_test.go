package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tocsin/tocsin/internal/cluster"
	"github.com/tocsin/tocsin/internal/crosscheck"
	"github.com/tocsin/tocsin/internal/facts"
	"github.com/tocsin/tocsin/internal/ingest"
	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
	"github.com/tocsin/tocsin/internal/store/sqlite"
)

const writeToken = "w-secret"

var (
	extractorOnce sync.Once
	extractor     ingest.Extractor
	extractorErr  error
)

// sharedExtractor loads the fact extractor once for all tests: it takes
// about a second.
func sharedExtractor(t testing.TB) ingest.Extractor {
	extractorOnce.Do(func() { extractor, extractorErr = facts.New() })
	if extractorErr != nil {
		t.Fatal(extractorErr)
	}
	return extractor
}

// handReports builds a report by hand from the store: the event, its
// articles' titles as the summary, and a two-row ledger with a revision,
// so that pages render every section without the cross-checker.
func handReports(st store.Store) func(context.Context, string) (crosscheck.Report, error) {
	return func(ctx context.Context, id string) (crosscheck.Report, error) {
		ev, err := st.Event(ctx, id)
		if err != nil {
			return crosscheck.Report{}, err
		}
		arts, err := st.EventArticles(ctx, id)
		if err != nil {
			return crosscheck.Report{}, err
		}
		r := crosscheck.Report{Event: ev, Headline: ev.Title}
		t0 := time.Date(2024, 10, 30, 8, 0, 0, 0, time.UTC)
		t1 := t0.Add(10 * time.Hour)
		for i, ea := range arts {
			a := ea.Article
			ref := crosscheck.Ref{Article: a.ID, Source: a.Source, URL: a.URL, Lang: a.Lang, Published: a.Published, Group: a.ID}
			r.Summary = append(r.Summary, crosscheck.Sentence{Ref: ref, Text: a.Title})
			r.Quotes = append(r.Quotes, crosscheck.QuoteRow{Ref: ref, Speaker: a.Source, Text: a.Title, Direct: true})
			r.Sources.Outlets = append(r.Sources.Outlets, crosscheck.Outlet{Name: a.Source, Articles: 1})
			if i == 0 {
				r.Ledger = append(r.Ledger,
					crosscheck.Entry{Ref: crosscheck.Ref{Article: a.ID, Source: a.Source, Published: &t0}, Kind: news.Killed, Value: 12, Low: 12, Qualifier: "at_least", Text: "at least 12 people"},
					crosscheck.Entry{Ref: crosscheck.Ref{Article: a.ID, Source: a.Title, Published: &t1}, Kind: news.Killed, Value: 40, Low: 40, Qualifier: "exact", Text: a.Title})
				r.Timeline = []crosscheck.Happening{
					{When: t0, Granularity: "day", What: a.Title, Sources: []crosscheck.Ref{ref}},
					{Undated: true, Weekday: "Friday", Clock: "20:30", What: "Sirens <script>alert(1)</script> at dusk", Sources: []crosscheck.Ref{ref}},
				}
			}
		}
		if len(r.Ledger) > 0 {
			r.Findings = []crosscheck.Finding{{Kind: crosscheck.Revision, Figure: news.Killed, Entries: []int{0, 1}, Explanation: "the toll rose from 12 to 40"}}
			r.Estimates = []crosscheck.Estimate{{Kind: news.Killed, Value: 40, Qualifier: "exact", Low: 12, High: 40, Rule: "latest official figure", Entries: []int{1}, Independent: 1}}
		}
		r.Sources.Articles, r.Sources.Independent = len(arts), ev.Independent
		return r, nil
	}
}

type env struct {
	srv *Server
	ts  *httptest.Server
	st  *sqlite.Store
}

// newEnv starts a server on a fresh store; change adjusts its config.
func newEnv(t *testing.T, change func(*Config)) *env {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "web.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	live, err := cluster.NewLive(ctx, st, cluster.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{Store: st, Reports: handReports(st), Token: writeToken,
		Pipeline: ingest.Options{Facts: sharedExtractor(t), Cluster: live, Workers: 2}}
	if change != nil {
		change(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(func() { srv.CloseStreams(); ts.Close() })
	return &env{srv: srv, ts: ts, st: st}
}

func (e *env) do(t *testing.T, method, path, body string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, e.ts.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, b
}

func (e *env) get(t *testing.T, path string, header ...string) (*http.Response, []byte) {
	t.Helper()
	return e.do(t, http.MethodGet, path, "", header...)
}

// ingestFixtures posts testdata/articles.jsonl and returns the result.
func (e *env) ingestFixtures(t *testing.T) ingestResult {
	t.Helper()
	body, err := os.ReadFile("testdata/articles.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	res, b := e.do(t, http.MethodPost, "/api/articles", string(body), "Authorization", "Bearer "+writeToken)
	var r ingestResult
	if err := json.Unmarshal(b, &r); err != nil || res.StatusCode != http.StatusCreated {
		t.Fatalf("POST fixtures: %d %s", res.StatusCode, b)
	}
	return r
}

func decode[T any](t *testing.T, b []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
	return v
}

// eventOf returns the event an article was assigned to.
func (e *env) eventOf(t *testing.T, article string) news.Event {
	t.Helper()
	events, err := e.st.Events(context.Background(), store.EventQuery{})
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range events {
		arts, err := e.st.EventArticles(context.Background(), ev.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range arts {
			if a.Article.ID == article {
				return ev
			}
		}
	}
	t.Fatalf("article %s is in no event", article)
	return news.Event{}
}

func TestIngestForms(t *testing.T) {
	e := newEnv(t, nil)
	auth := []string{"Authorization", "Bearer " + writeToken}
	one := `{"title":"Bridge closed after ship collision in Rotterdam","text":"A cargo ship struck a bridge in Rotterdam on Monday, and the bridge was closed to traffic while engineers inspected it, the port authority said.","published":"2024-11-04T07:00:00Z","source":"port.example"}`
	arr := `[{"title":"Protest in Lyon","text":"Thousands of people marched through the centre of Lyon on Saturday to protest against pension changes, the police said.","published":"2024-11-09T12:00:00Z"},
	 {"title":"Storm hits Bergen","text":"A storm with winds of over 120 km/h hit the coast near Bergen on Sunday, cutting power to 20,000 homes, the utility said.","published":"2024-11-10T12:00:00Z"}]`
	for _, tc := range []struct {
		name     string
		body     string
		status   int
		accepted int
	}{
		{"object", one, http.StatusCreated, 1},
		{"the same again", one, http.StatusOK, 0},
		{"array", arr, http.StatusCreated, 2},
		{"record without text", `{"title":"Only a title"}`, http.StatusUnprocessableEntity, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, b := e.do(t, http.MethodPost, "/api/articles", tc.body, auth...)
			r := decode[ingestResult](t, b)
			if res.StatusCode != tc.status || r.Accepted != tc.accepted || len(r.IDs) != tc.accepted {
				t.Errorf("got %d with %d accepted, ids %v; want %d with %d: %s", res.StatusCode, r.Accepted, r.IDs, tc.status, tc.accepted, b)
			}
		})
	}
	r := e.ingestFixtures(t)
	if r.Accepted != 5 || fmt.Sprint(r.IDs) != "[flood-1 flood-2 flood-3 quake-1 hostile-1]" {
		t.Errorf("JSON Lines: accepted %d, ids %v; want the 5 fixtures in order", r.Accepted, r.IDs)
	}
	for _, tc := range []struct {
		name, body, code string
		status           int
	}{
		{"empty", "", "bad_request", http.StatusBadRequest},
		{"not JSON", "just some text", "unsupported", http.StatusUnsupportedMediaType},
		{"url not http", `{"url":"file:///etc/passwd"}`, "bad_request", http.StatusBadRequest},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, b := e.do(t, http.MethodPost, "/api/articles", tc.body, auth...)
			if got := decode[apiError](t, b); res.StatusCode != tc.status || got.Error.Code != tc.code || got.Error.Message == "" {
				t.Errorf("got %d %s; want %d with code %s", res.StatusCode, b, tc.status, tc.code)
			}
		})
	}
}

// TestIngestURL fetches a page through the safe client: refused on
// loopback unless the pipeline allows private addresses.
func TestIngestURL(t *testing.T) {
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<html><head><title>Ferry runs aground near Split</title></head><body><article><h1>Ferry runs aground near Split</h1>
<p>A passenger ferry ran aground near the Croatian port of Split on Thursday morning. All 210 passengers were brought ashore safely, the coast guard said.</p>
<p>The ferry had left Split for the island of Brač an hour earlier. Investigators were examining the ship's course, the harbour master said.</p></article></body></html>`)
	}))
	defer page.Close()
	body := `{"url":"` + page.URL + `/ferry"}`
	auth := []string{"Authorization", "Bearer " + writeToken}

	refusing := newEnv(t, nil)
	res, b := refusing.do(t, http.MethodPost, "/api/articles", body, auth...)
	if r := decode[ingestResult](t, b); res.StatusCode != http.StatusUnprocessableEntity || r.Rejected != 1 || !strings.Contains(b2s(b), "private") && !strings.Contains(b2s(b), "loopback") {
		t.Errorf("loopback URL by default: %d %s; want 422 naming the refusal", res.StatusCode, b)
	}
	allowing := newEnv(t, func(c *Config) { c.Pipeline.Fetch.AllowPrivate = true })
	res, b = allowing.do(t, http.MethodPost, "/api/articles", body, auth...)
	if r := decode[ingestResult](t, b); res.StatusCode != http.StatusCreated || r.Accepted != 1 {
		t.Fatalf("loopback URL allowed: %d %s", res.StatusCode, b)
	}
}

func b2s(b []byte) string { return string(b) }

func TestArticlesAPI(t *testing.T) {
	e := newEnv(t, nil)
	e.ingestFixtures(t)
	list := func(t *testing.T, query string) (Page[news.Article], *http.Response) {
		res, b := e.get(t, "/api/articles"+query)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET /api/articles%s: %d %s", query, res.StatusCode, b)
		}
		return decode[Page[news.Article]](t, b), res
	}
	ids := func(p Page[news.Article]) string {
		var out []string
		for _, a := range p.Items {
			out = append(out, a.ID)
		}
		return strings.Join(out, " ")
	}
	for _, tc := range []struct{ query, want string }{
		{"", "hostile-1 quake-1 flood-3 flood-2 flood-1"},
		{"?q=valencia", "flood-1 flood-3 flood-2"},
		{"?q=Erdbeben&lang=de", "quake-1"},
		{"?lang=es", "flood-2"},
		{"?source=diario.example", "flood-2"},
		{"?since=2024-10-30T12:00:00Z&until=2024-11-01", "flood-3 flood-2"},
		{"?q=volcano", ""},
	} {
		t.Run(tc.query, func(t *testing.T) {
			p, _ := list(t, tc.query)
			got := ids(p)
			if tc.query == "?q=valencia" { // rank order is FTS's: compare as a set
				got = sortedWords(got)
				tc.want = sortedWords(tc.want)
			}
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	// Paging: two pages of two, then the last of one, by following next.
	var seen []string
	next := "/api/articles?limit=2"
	for pages := 0; next != ""; pages++ {
		if pages > 3 {
			t.Fatal("paging does not end")
		}
		p, res := list(t, strings.TrimPrefix(next, "/api/articles"))
		seen = append(seen, ids(p))
		if link := res.Header.Get("Link"); (p.Next != "") != (link != "") || (link != "" && !strings.Contains(link, p.Next)) {
			t.Errorf("Link header %q does not match next %q", link, p.Next)
		}
		next = p.Next
	}
	if got := strings.Join(seen, " | "); got != "hostile-1 quake-1 | flood-3 flood-2 | flood-1" {
		t.Errorf("pages = %q", got)
	}
	res, b := e.get(t, "/api/articles/flood-3")
	d := decode[articleDetail](t, b)
	if res.StatusCode != http.StatusOK || d.ID != "flood-3" || d.Facts == nil || len(d.Facts.Figures) == 0 {
		t.Errorf("article detail: %d, facts %+v", res.StatusCode, d.Facts)
	}
}

func sortedWords(s string) string {
	w := strings.Fields(s)
	for i := 1; i < len(w); i++ {
		for j := i; j > 0 && w[j] < w[j-1]; j-- {
			w[j], w[j-1] = w[j-1], w[j]
		}
	}
	return strings.Join(w, " ")
}

func TestEventsAPI(t *testing.T) {
	e := newEnv(t, nil)
	e.ingestFixtures(t)
	flood, quake := e.eventOf(t, "flood-1"), e.eventOf(t, "quake-1")
	if flood.Place == nil || quake.Place == nil {
		t.Fatalf("fixture events have no place: %+v %+v", flood, quake)
	}
	has := func(t *testing.T, query string) map[string]bool {
		res, b := e.get(t, "/api/events"+query)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET /api/events%s: %d %s", query, res.StatusCode, b)
		}
		out := map[string]bool{}
		for _, ev := range decode[Page[news.Event]](t, b).Items {
			out[ev.ID] = true
		}
		return out
	}
	bbox := func(p *news.Place) string {
		return fmt.Sprintf("%g,%g,%g,%g", p.Lon-1, p.Lat-1, p.Lon+1, p.Lat+1)
	}
	for _, tc := range []struct {
		query       string
		flood, quke bool
	}{
		{"", true, true},
		{"?country=" + quake.Place.Country, false, true},
		{"?bbox=" + bbox(flood.Place), true, false},
		{"?bbox=" + bbox(quake.Place), false, true},
		{"?lang=de", false, true},
		{"?q=Valencia", true, false},
		{"?since=2024-11-01", false, true},
		{"?until=2024-10-31", true, false},
		{"?min_sources=" + fmt.Sprint(flood.Independent+1), false, false},
		{"?type=" + quake.Type, quake.Type == flood.Type, true},
	} {
		t.Run(tc.query, func(t *testing.T) {
			got := has(t, tc.query)
			if got[flood.ID] != tc.flood || got[quake.ID] != tc.quke {
				t.Errorf("flood listed %v (want %v), quake listed %v (want %v)", got[flood.ID], tc.flood, got[quake.ID], tc.quke)
			}
		})
	}
	// Entity filter: an entity of the quake article, from the store.
	f, err := e.st.Facts(context.Background(), "quake-1")
	if err != nil || len(f.Entities) == 0 {
		t.Fatalf("quake facts: %v, %+v", err, f.Entities)
	}
	if got := has(t, "?entity="+f.Entities[0].ID); !got[quake.ID] || got[flood.ID] && !strings.Contains(strings.ToLower(f.Entities[0].Name), "valencia") {
		t.Errorf("entity %s lists %v", f.Entities[0].ID, got)
	}

	res, b := e.get(t, "/api/events/"+flood.ID)
	d := decode[EventDetail](t, b)
	if res.StatusCode != http.StatusOK || d.Event.ID != flood.ID || len(d.Articles) != flood.Articles || d.Articles[0].ID != "flood-1" || len(d.Ledger) != 2 {
		t.Errorf("event detail: %d, %+v", res.StatusCode, d)
	}

	res, b = e.get(t, "/api/entities?limit=500")
	ents := decode[Page[store.EntityCount]](t, b)
	if res.StatusCode != http.StatusOK || len(ents.Items) == 0 || ents.Items[0].Events < ents.Items[len(ents.Items)-1].Events {
		t.Fatalf("entities: %d %s", res.StatusCode, b)
	}
	res, b = e.get(t, "/api/entities/"+f.Entities[0].ID)
	ed := decode[EntityDetail](t, b)
	if res.StatusCode != http.StatusOK || ed.ID != f.Entities[0].ID || len(ed.Events.Items) == 0 {
		t.Errorf("entity detail: %d %s", res.StatusCode, b)
	}
	res, b = e.get(t, "/api/storylines")
	if sl := decode[Page[news.Storyline]](t, b); res.StatusCode != http.StatusOK || sl.Items == nil {
		t.Errorf("storylines: %d %s", res.StatusCode, b)
	}
}

func TestErrors(t *testing.T) {
	e := newEnv(t, nil)
	for _, tc := range []struct {
		path   string
		status int
		code   string
	}{
		{"/api/events?limit=0", 400, "bad_request"},
		{"/api/events?limit=501", 400, "bad_request"},
		{"/api/events?offset=-1", 400, "bad_request"},
		{"/api/events?since=yesterday", 400, "bad_request"},
		{"/api/events?bbox=1,2,3", 400, "bad_request"},
		{"/api/events?bbox=0,50,10,40", 400, "bad_request"},
		{"/api/events?min_sources=many", 400, "bad_request"},
		{"/api/entities?type=ANIMAL", 400, "bad_request"},
		{"/api/events/ev-none", 404, "not_found"},
		{"/api/articles/none", 404, "not_found"},
		{"/api/entities/per:nobody", 404, "not_found"},
		{"/api/nothing-here", 404, "not_found"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			res, b := e.get(t, tc.path)
			got := decode[apiError](t, b)
			if res.StatusCode != tc.status || got.Error.Code != tc.code || got.Error.Message == "" || res.Header.Get("Content-Type") != "application/json" {
				t.Errorf("got %d %s, want %d with code %s", res.StatusCode, b, tc.status, tc.code)
			}
		})
	}
	if res, _ := e.get(t, "/events/ev-none"); res.StatusCode != http.StatusNotFound {
		t.Errorf("missing event page: %d, want 404", res.StatusCode)
	}
}

func TestETag(t *testing.T) {
	e := newEnv(t, nil)
	for _, path := range []string{"/api/events", "/api/openapi.json", "/"} {
		res, _ := e.get(t, path)
		tag := res.Header.Get("ETag")
		if res.StatusCode != 200 || tag == "" {
			t.Fatalf("%s: %d, ETag %q", path, res.StatusCode, tag)
		}
		if res, b := e.get(t, path, "If-None-Match", tag); res.StatusCode != http.StatusNotModified || len(b) != 0 {
			t.Errorf("%s with its ETag: %d, %d bytes; want 304 and no body", path, res.StatusCode, len(b))
		}
		if res, _ := e.get(t, path, "If-None-Match", `"other"`); res.StatusCode != http.StatusOK {
			t.Errorf("%s with another ETag: %d, want 200", path, res.StatusCode)
		}
	}
	paths := []string{"/api/events", "/api/articles?q=valencia", "/api/articles?q=valencia&lang=es"}
	before := map[string]string{}
	for _, path := range paths {
		res, _ := e.get(t, path)
		before[path] = res.Header.Get("ETag")
	}
	e.ingestFixtures(t)
	for _, path := range paths {
		if res, _ := e.get(t, path, "If-None-Match", before[path]); res.StatusCode != http.StatusOK || res.Header.Get("ETag") == before[path] {
			t.Errorf("%s after ingest: %d with the old ETag; want 200 and a new one", path, res.StatusCode)
		}
	}
	// The event detail and search, answered from their caches once seen.
	ev := e.eventOf(t, "flood-1")
	for _, path := range []string{"/api/events/" + ev.ID, "/api/articles?q=valencia"} {
		res, b := e.get(t, path)
		tag := res.Header.Get("ETag")
		if res.StatusCode != http.StatusOK || tag == "" || len(b) == 0 {
			t.Fatalf("%s: %d, ETag %q, %d bytes", path, res.StatusCode, tag, len(b))
		}
		for range 2 {
			if res, b := e.get(t, path, "If-None-Match", tag); res.StatusCode != http.StatusNotModified || len(b) != 0 {
				t.Errorf("%s with its ETag: %d, %d bytes; want 304 and no body", path, res.StatusCode, len(b))
			}
			if res, b2 := e.get(t, path); res.StatusCode != http.StatusOK || res.Header.Get("ETag") != tag || string(b2) != string(b) {
				t.Errorf("%s again: %d, ETag %s; want 200 with the same body and ETag %s", path, res.StatusCode, res.Header.Get("ETag"), tag)
			}
		}
	}
}

func TestTokens(t *testing.T) {
	post := `{"title":"Test","text":"A short test article about a storm in Hamburg that closed the port on Monday, officials said."}`
	noWrites := newEnv(t, func(c *Config) { c.Token = "" })
	if res, b := noWrites.do(t, "POST", "/api/articles", post, "Authorization", "Bearer anything"); res.StatusCode != http.StatusForbidden || decode[apiError](t, b).Error.Code != "writes_disabled" {
		t.Errorf("write without a configured token: %d %s", res.StatusCode, b)
	}
	e := newEnv(t, func(c *Config) { c.ReadToken = "r-secret" })
	for _, tc := range []struct {
		name, method, path string
		header             []string
		status             int
	}{
		{"write without token", "POST", "/api/articles", nil, 401},
		{"write with wrong token", "POST", "/api/articles", []string{"Authorization", "Bearer nope"}, 401},
		{"write with read token", "POST", "/api/articles", []string{"Authorization", "Bearer r-secret"}, 401},
		{"write with write token", "POST", "/api/articles", []string{"Authorization", "Bearer " + writeToken}, 201},
		{"read without token", "GET", "/api/events", nil, 401},
		{"page without token", "GET", "/", nil, 401},
		{"read with read token", "GET", "/api/events", []string{"Authorization", "Bearer r-secret"}, 200},
		{"read with write token", "GET", "/api/events", []string{"Authorization", "Bearer " + writeToken}, 200},
		{"page with basic auth", "GET", "/", []string{"Authorization", "Basic " + basic("any", "r-secret")}, 200},
		{"metrics without token", "GET", "/metrics", nil, 401},
		{"health is open", "GET", "/healthz", nil, 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := ""
			if tc.method == "POST" {
				body = post
			}
			res, b := e.do(t, tc.method, tc.path, body, tc.header...)
			if res.StatusCode != tc.status {
				t.Errorf("got %d %s, want %d", res.StatusCode, b, tc.status)
			}
			if res.StatusCode == 401 && (res.Header.Get("WWW-Authenticate") == "" || decode[apiError](t, b).Error.Code != "unauthorized") {
				t.Errorf("401 without WWW-Authenticate or error object: %v %s", res.Header, b)
			}
		})
	}
}

func basic(user, pass string) string {
	req, _ := http.NewRequest("GET", "/", nil)
	req.SetBasicAuth(user, pass)
	return strings.TrimPrefix(req.Header.Get("Authorization"), "Basic ")
}

// TestEscaping checks that an article's hostile title, source, body and
// URL reach every page only as text.
func TestEscaping(t *testing.T) {
	e := newEnv(t, nil)
	e.ingestFixtures(t)
	hostile := e.eventOf(t, "hostile-1")
	ents, err := e.st.Entities(context.Background(), store.EntityQuery{})
	if err != nil || len(ents) == 0 {
		t.Fatalf("entities: %v", err)
	}
	pages := []string{"/", "/?q=harbour", "/map", "/events/" + hostile.ID, "/storylines", "/entities", "/entities/" + ents[0].ID}
	if hostile.Storyline != hostile.ID {
		pages = append(pages, "/storylines/"+hostile.Storyline)
	}
	for _, path := range pages {
		t.Run(path, func(t *testing.T) {
			res, b := e.get(t, path)
			page := string(b)
			if res.StatusCode != 200 {
				t.Fatalf("%d: %s", res.StatusCode, b)
			}
			for _, bad := range []string{`<script>alert`, `<img src=x`, `<b>evil</b>`, `javascript:alert`} {
				if strings.Contains(page, bad) {
					t.Errorf("page contains %q unescaped", bad)
				}
			}
			if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || !strings.Contains(csp, "default-src 'none'") {
				t.Errorf("CSP = %q", csp)
			}
		})
	}
	_, b := e.get(t, "/events/"+hostile.ID)
	if !strings.Contains(string(b), `&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; Fire at the harbour`) {
		t.Errorf("the event page does not show the hostile title as text")
	}
	if _, b := e.get(t, "/"); !strings.Contains(string(b), `&lt;script&gt;`) {
		t.Errorf("the event list does not show the hostile title as text")
	}
}

func TestSafeURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://example.org/a?b=c": "https://example.org/a?b=c",
		"http://example.org":        "http://example.org",
		"javascript:alert(1)":       "",
		"JAVASCRIPT:alert(1)":       "",
		"data:text/html,<b>":        "",
		"//example.org/x":           "",
		"ftp://example.org/":        "",
		"":                          "",
	} {
		if got := safeURL(in); got != want {
			t.Errorf("safeURL(%q) = %q, want %q", in, got, want)
		}
	}
}

// slowExtractor holds each article for a while and says when it started,
// so a test can stop the server with an ingest in flight.
type slowExtractor struct {
	started chan struct{}
	once    sync.Once
}

func (s *slowExtractor) Extract(a *news.Article) news.Facts {
	s.once.Do(func() { close(s.started) })
	time.Sleep(300 * time.Millisecond)
	return news.Facts{Lang: a.Lang}
}

func TestShutdownKeepsInFlightIngest(t *testing.T) {
	slow := &slowExtractor{started: make(chan struct{})}
	e := newEnv(t, func(c *Config) { c.Pipeline.Facts = slow })
	e.ts.Close() // served by an http.Server of the test's own, to shut it down
	hs := &http.Server{Handler: e.srv}
	ln := httptest.NewUnstartedServer(nil).Listener
	go hs.Serve(ln)
	body, err := os.ReadFile("testdata/articles.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan int, 1)
	go func() {
		req, _ := http.NewRequest("POST", "http://"+ln.Addr().String()+"/api/articles", bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+writeToken)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			done <- 0
			return
		}
		res.Body.Close()
		done <- res.StatusCode
	}()
	<-slow.started
	hs.RegisterOnShutdown(e.srv.CloseStreams)
	if err := hs.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if status := <-done; status != http.StatusCreated {
		t.Errorf("in-flight POST answered %d, want 201", status)
	}
	st, err := e.st.Stats(context.Background())
	if err != nil || st.Articles != 5 {
		t.Errorf("after shutdown the store holds %d articles (%v), want all 5", st.Articles, err)
	}
}

func TestHealthAndMetrics(t *testing.T) {
	e := newEnv(t, nil)
	if res, b := e.get(t, "/healthz"); res.StatusCode != 200 || string(b) != "ok\n" {
		t.Errorf("healthz: %d %q", res.StatusCode, b)
	}
	e.ingestFixtures(t)
	e.get(t, "/api/events")
	_, b := e.get(t, "/metrics")
	for _, want := range []string{
		`tocsin_ingest_articles_total{outcome="accepted"} 5`,
		`tocsin_articles_stored 5`,
		`tocsin_ingest_queue_depth 0`,
		`tocsin_http_requests_total{code="200",method="GET",route="GET /api/events"} 1`,
		`tocsin_http_request_duration_seconds_count{route="POST /api/articles"} 1`,
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}

func TestStream(t *testing.T) {
	e := newEnv(t, nil)
	res, err := http.Get(e.ts.URL + "/api/stream")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if ct := res.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("content type %q", ct)
	}
	lines := make(chan string)
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := res.Body.Read(buf)
			if n > 0 {
				lines <- string(buf[:n])
			}
			if err != nil {
				close(lines)
				return
			}
		}
	}()
	if first := <-lines; !strings.Contains(first, "event: hello\ndata: 0") {
		t.Fatalf("first message %q", first)
	}
	e.ingestFixtures(t)
	select {
	case msg := <-lines:
		if !strings.Contains(msg, "event: change\ndata: 1") {
			t.Errorf("after ingest: %q", msg)
		}
	case <-time.After(5 * time.Second):
		t.Error("no change event after ingest")
	}
	e.srv.AlertRaised()
	select {
	case msg := <-lines:
		if !strings.Contains(msg, "event: alert\ndata: 1") {
			t.Errorf("after an alert: %q", msg)
		}
	case <-time.After(5 * time.Second):
		t.Error("no alert event after an alert was raised")
	}
}

type panicky struct{}

func (panicky) Extract(a *news.Article) news.Facts {
	if strings.Contains(a.Title, "Erdbeben") {
		panic("extractor bug")
	}
	return news.Facts{Lang: a.Lang}
}

// TestExtractorPanic checks that a panic in fact extraction costs one
// article its facts, not the server.
func TestExtractorPanic(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.Pipeline.Facts = panicky{} })
	if r := e.ingestFixtures(t); r.Accepted != 5 {
		t.Errorf("accepted %d, want 5", r.Accepted)
	}
	if res, _ := e.get(t, "/api/articles/quake-1"); res.StatusCode != 200 {
		t.Errorf("the article whose extraction panicked: %d", res.StatusCode)
	}
}

// TestReportTimeout checks that a report that takes too long answers 503
// on the API and the page instead of holding the request.
func TestReportTimeout(t *testing.T) {
	e := newEnv(t, func(c *Config) {
		c.ReportTimeout = 50 * time.Millisecond
		c.Reports = func(ctx context.Context, id string) (crosscheck.Report, error) {
			<-ctx.Done()
			return crosscheck.Report{}, ctx.Err()
		}
	})
	e.ingestFixtures(t)
	ev := e.eventOf(t, "quake-1")
	res, b := e.get(t, "/api/events/"+ev.ID)
	if got := decode[apiError](t, b); res.StatusCode != http.StatusServiceUnavailable || got.Error.Code != "report_timeout" {
		t.Errorf("API: %d %s, want 503 report_timeout", res.StatusCode, b)
	}
	if res, _ := e.get(t, "/events/"+ev.ID); res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("page: %d, want 503", res.StatusCode)
	}
}
