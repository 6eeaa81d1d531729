package web

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tocsin/tocsin/internal/feeds"
	"github.com/tocsin/tocsin/internal/store"
	"github.com/tocsin/tocsin/internal/watch"
)

var bearerW = []string{"Authorization", "Bearer " + writeToken}

func TestFeedsAPI(t *testing.T) {
	e := newEnv(t, nil)
	for _, tc := range []struct {
		body   string
		status int
	}{
		{`{"url": "ftp://example.org/feed"}`, 400},
		{`{"url": "https://example.org/feed", "interval": "5s"}`, 400},
		{`{"url": "https://example.org/feed", "interval": "soon"}`, 400},
		{`{"url": "https://example.org/feed", "colour": "red"}`, 400},
		{`not json`, 400},
	} {
		if res, b := e.do(t, "POST", "/api/feeds", tc.body, bearerW...); res.StatusCode != tc.status || !strings.Contains(string(b), `"code":"bad_request"`) {
			t.Errorf("POST %s: %d %s; want %d with an error object", tc.body, res.StatusCode, b, tc.status)
		}
	}
	if res, _ := e.do(t, "POST", "/api/feeds", `{"url": "https://example.org/feed"}`); res.StatusCode != 401 {
		t.Errorf("POST without token: %d, want 401", res.StatusCode)
	}
	res, b := e.do(t, "POST", "/api/feeds", `{"url": "https://example.org/feed", "name": "Example", "interval": "15m"}`, bearerW...)
	f := decode[store.Feed](t, b)
	if res.StatusCode != 201 || f.ID == 0 || f.Name != "Example" || f.Interval != 15*time.Minute {
		t.Fatalf("POST feed: %d %s", res.StatusCode, b)
	}
	if res, _ := e.do(t, "POST", "/api/feeds", `{"url": "https://example.org/feed"}`, bearerW...); res.StatusCode != 409 {
		t.Errorf("POST the same URL again: %d, want 409", res.StatusCode)
	}
	for i := range 2 {
		e.do(t, "POST", "/api/feeds", `{"url": "https://example.org/feed`+strconv.Itoa(i)+`"}`, bearerW...)
	}
	// The poller's view of a failing feed is what the listing serves.
	polled := time.Date(2024, 3, 22, 20, 0, 0, 0, time.UTC)
	if err := e.st.UpdateFeed(context.Background(), f.ID, store.FeedState{LastPolled: &polled, LastError: "HTTP 503", Errors: 3, NextPoll: polled.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	res, b = e.get(t, "/api/feeds?limit=2")
	p := decode[Page[store.Feed]](t, b)
	if len(p.Items) != 2 || p.Next == "" || p.Items[0].Errors != 3 || p.Items[0].LastError != "HTTP 503" || !p.Items[0].LastPolled.Equal(polled) {
		t.Errorf("GET /api/feeds?limit=2 = %s", b)
	}
	if res, _ := e.get(t, "/api/feeds?limit=2", "If-None-Match", res.Header.Get("ETag")); res.StatusCode != 304 {
		t.Errorf("If-None-Match: %d, want 304", res.StatusCode)
	}
	_, b = e.get(t, p.Next)
	if p := decode[Page[store.Feed]](t, b); len(p.Items) != 1 || p.Next != "" {
		t.Errorf("second page = %s", b)
	}
	if res, _ := e.do(t, "DELETE", "/api/feeds/"+strconv.FormatInt(f.ID, 10), ""); res.StatusCode != 401 {
		t.Errorf("DELETE without token: %d", res.StatusCode)
	}
	for _, want := range []int{204, 404} {
		if res, b := e.do(t, "DELETE", "/api/feeds/"+strconv.FormatInt(f.ID, 10), "", bearerW...); res.StatusCode != want {
			t.Errorf("DELETE feed: %d %s, want %d", res.StatusCode, b, want)
		}
	}
	if res, _ := e.do(t, "DELETE", "/api/feeds/abc", "", bearerW...); res.StatusCode != 404 {
		t.Errorf("DELETE /api/feeds/abc: %d, want 404", res.StatusCode)
	}
}

func TestRulesAPI(t *testing.T) {
	e := newEnv(t, nil)
	for _, body := range []string{
		`{}`,
		`{"name": "x", "near": {"lat": 55.7, "lon": 37.6}}`,
		`{"name": "x", "radius_km": 20}`,
		`{"name": "x", "near": {"lat": 95, "lon": 0}, "radius_km": 5}`,
		`{"name": "x", "country": "Russia"}`,
		`{"name": "x", "min_severity": 101}`,
		`{"name": "x", "type": "riot"}`,
		`{"name": "x", "min_sources": -1}`,
		`{"name": "x", "secret": "s"}`,
		`{"name": "x", "webhook": "ftp://example.org/hook"}`,
		`{"name": "x", "severity": 3}`,
	} {
		if res, b := e.do(t, "POST", "/api/rules", body, bearerW...); res.StatusCode != 400 {
			t.Errorf("POST %s: %d %s; want 400", body, res.StatusCode, b)
		}
	}
	res, b := e.do(t, "POST", "/api/rules", `{"name": "Moscow", "near": {"lat": 55.75, "lon": 37.62}, "radius_km": 50, "country": "ru",
		"min_severity": 30, "webhook": "https://hooks.example/tocsin", "secret": "s3cret"}`, bearerW...)
	if res.StatusCode != 201 || strings.Contains(string(b), "s3cret") || res.Header.Get("Location") != "/api/rules/1" {
		t.Fatalf("POST rule: %d %s (Location %q)", res.StatusCode, b, res.Header.Get("Location"))
	}
	rv := decode[RuleView](t, b)
	if !rv.Signed || rv.Country != "RU" || rv.Near == nil || rv.RadiusKm != 50 || rv.MinSeverity != 30 {
		t.Errorf("created rule = %+v", rv)
	}
	if stored, err := e.st.Rule(context.Background(), rv.ID); err != nil || stored.Secret != "s3cret" {
		t.Errorf("stored rule secret = %q, %v", stored.Secret, err)
	}
	if res, _ := e.do(t, "POST", "/api/rules", `{"name": "Moscow"}`, bearerW...); res.StatusCode != 409 {
		t.Errorf("same name again: %d, want 409", res.StatusCode)
	}
	e.do(t, "POST", "/api/rules", `{"name": "Everything"}`, bearerW...)
	_, b = e.get(t, "/api/rules")
	if p := decode[Page[RuleView]](t, b); len(p.Items) != 2 || p.Items[1].Signed || strings.Contains(string(b), "s3cret") {
		t.Errorf("GET /api/rules = %s", b)
	}
	if res, b := e.get(t, "/api/rules/1"); res.StatusCode != 200 || strings.Contains(string(b), "s3cret") || decode[RuleView](t, b).Name != "Moscow" {
		t.Errorf("GET /api/rules/1: %d %s", res.StatusCode, b)
	}
	for _, want := range []int{204, 404} {
		if res, _ := e.do(t, "DELETE", "/api/rules/1", "", bearerW...); res.StatusCode != want {
			t.Errorf("DELETE rule: %d, want %d", res.StatusCode, want)
		}
	}
	if res, _ := e.get(t, "/api/rules/1"); res.StatusCode != 404 {
		t.Errorf("GET a deleted rule: %d", res.StatusCode)
	}
}

// seedAlerts stores two rules and three alerts raised an hour apart, the
// last with a hostile title, and a failed then a good delivery of the first.
func seedAlerts(t *testing.T, st store.Watches) (rules [2]store.Rule, alerts [3]store.Alert) {
	t.Helper()
	ctx := context.Background()
	var err error
	for i, name := range []string{`<b>evil</b> rule`, "quiet"} {
		if rules[i], err = st.AddRule(ctx, store.Rule{Name: name}); err != nil {
			t.Fatal(err)
		}
	}
	t0 := time.Date(2024, 3, 22, 18, 0, 0, 0, time.UTC)
	for i, a := range []store.Alert{
		{Rule: rules[0].ID, Event: "ev-a", Reason: store.AlertNew, Title: "Gunmen attack concert hall", Place: "Krasnogorsk", Country: "RU", Severity: 60, Sources: 3, Figures: map[string]int{"killed": 40}},
		{Rule: rules[1].ID, Event: "ev-b", Reason: store.AlertNew, Title: "Flood in Valencia", Severity: 40, Figures: map[string]int{}},
		{Rule: rules[0].ID, Event: "ev-a", Revision: 1, Reason: store.AlertFigures, Title: `<script>alert("x")</script> toll rises`, Severity: 70, Figures: map[string]int{"killed": 133}},
	} {
		a.Raised = t0.Add(time.Duration(i) * time.Hour)
		if ok, err := st.InsertAlert(ctx, &a); err != nil || !ok {
			t.Fatalf("insert alert: %v %v", ok, err)
		}
		alerts[i] = a
	}
	for i, d := range []store.Delivery{{Status: 503, Error: "HTTP 503"}, {Status: 200, OK: true}} {
		d.Alert, d.Attempt, d.Target, d.Time = alerts[0].ID, i+1, "https://hooks.example/x", t0
		if err := st.LogDelivery(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	return rules, alerts
}

func TestAlertsAPI(t *testing.T) {
	e := newEnv(t, nil)
	rules, alerts := seedAlerts(t, e.st)
	ids := func(path string) string {
		t.Helper()
		res, b := e.get(t, path)
		if res.StatusCode != 200 {
			t.Fatalf("GET %s: %d %s", path, res.StatusCode, b)
		}
		var out []string
		for _, a := range decode[Page[store.Alert]](t, b).Items {
			out = append(out, strconv.FormatInt(a.ID, 10))
		}
		return strings.Join(out, ",")
	}
	id := func(i int) string { return strconv.FormatInt(alerts[i].ID, 10) }
	for path, want := range map[string]string{
		"/api/alerts": id(2) + "," + id(1) + "," + id(0),
		"/api/alerts?rule=" + strconv.FormatInt(rules[0].ID, 10): id(2) + "," + id(0),
		"/api/alerts?since=2024-03-22T18:30:00Z":                 id(2) + "," + id(1),
		"/api/alerts?limit=1&offset=1":                           id(1),
		"/api/alerts?offset=5":                                   "",
	} {
		if got := ids(path); got != want {
			t.Errorf("GET %s = [%s], want [%s]", path, got, want)
		}
	}
	for _, bad := range []string{"/api/alerts?rule=x", "/api/alerts?since=yesterday", "/api/alerts?limit=0"} {
		if res, _ := e.get(t, bad); res.StatusCode != 400 {
			t.Errorf("GET %s: %d, want 400", bad, res.StatusCode)
		}
	}
	_, b := e.get(t, "/api/alerts/"+id(0)+"/deliveries")
	d := decode[Page[store.Delivery]](t, b).Items
	if len(d) != 2 || d[0].OK || !d[1].OK || d[0].Status != 503 {
		t.Errorf("deliveries = %s", b)
	}
	if _, b := e.get(t, "/api/alerts/"+id(1)+"/deliveries"); len(decode[Page[store.Delivery]](t, b).Items) != 0 {
		t.Errorf("deliveries of an alert without webhook = %s", b)
	}

	res, b := e.get(t, "/alerts/"+strconv.FormatInt(rules[0].ID, 10)+".atom")
	atom := string(b)
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/atom+xml") ||
		strings.Count(atom, "<entry>") != 2 || strings.Contains(atom, "<script>") || !strings.Contains(atom, res.Request.URL.Host) {
		t.Errorf("Atom feed: %d %q\n%s", res.StatusCode, res.Header.Get("Content-Type"), atom)
	}
	for _, path := range []string{"/alerts/99.atom", "/alerts/1.rss", "/alerts/x.atom"} {
		if res, _ := e.get(t, path); res.StatusCode != 404 {
			t.Errorf("GET %s: %d, want 404", path, res.StatusCode)
		}
	}
}

// TestWatchPages checks the feeds, alerts and rules pages, with hostile
// text in every field that comes from outside.
func TestWatchPages(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	rules, _ := seedAlerts(t, e.st)
	good, err := e.st.AddFeed(ctx, store.Feed{URL: "https://wire.example/feed.xml", Name: `<script>alert("feed")</script>Wire`, Interval: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	hostile, err := e.st.AddFeed(ctx, store.Feed{URL: `javascript:alert(1)//`, Interval: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	polled := time.Date(2024, 3, 22, 20, 0, 0, 0, time.UTC)
	e.st.UpdateFeed(ctx, hostile.ID, store.FeedState{LastPolled: &polled, LastError: `<img src=x onerror=alert(1)>`, Errors: 4, NextPoll: polled.Add(time.Hour)})
	next := time.Now().Add(time.Hour).UTC()
	e.st.UpdateFeed(ctx, good.ID, store.FeedState{LastPolled: &polled, LastSuccess: &polled, NextPoll: next})

	for _, path := range []string{"/feeds", "/alerts", "/rules", "/rules?created=" + url.QueryEscape("<b>evil</b>")} {
		res, b := e.get(t, path)
		page := string(b)
		if res.StatusCode != 200 {
			t.Fatalf("GET %s: %d %s", path, res.StatusCode, b)
		}
		for _, bad := range []string{`<script>alert`, `<img src=x`, `<b>evil</b>`, `href="javascript:`} {
			if strings.Contains(page, bad) {
				t.Errorf("%s contains %q unescaped", path, bad)
			}
		}
		for _, nav := range []string{`<a href="/feeds"`, `<a href="/alerts"`, `<a href="/rules"`} {
			if !strings.Contains(page, nav) {
				t.Errorf("%s: the nav lacks %s", path, nav)
			}
		}
	}
	_, b := e.get(t, "/feeds")
	for _, want := range []string{`&lt;script&gt;alert(&#34;feed&#34;)&lt;/script&gt;Wire`, `href="https://wire.example/feed.xml"`,
		`&lt;img src=x onerror=alert(1)&gt;`, `<tr class="failing">`, `<td class="num">4</td>`, `22 Mar 2024 20:00 UTC`,
		`<td>due now</td>`, `datetime="` + next.Format(time.RFC3339) + `"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("/feeds lacks %s", want)
		}
	}
	_, b = e.get(t, "/alerts")
	page := string(b)
	first, last := strings.Index(page, "toll rises"), strings.Index(page, "Gunmen attack")
	if first < 0 || last < first || !strings.Contains(page, `<a href="/events/ev-a">&lt;script&gt;`) ||
		!strings.Contains(page, `href="/alerts/`+strconv.FormatInt(rules[0].ID, 10)+`.atom"`) || !strings.Contains(page, "killed 133") {
		t.Errorf("/alerts does not list the alerts newest first with event and Atom links:\n%s", page)
	}
	_, b = e.get(t, "/alerts?rule="+strconv.FormatInt(rules[1].ID, 10))
	if strings.Contains(string(b), "Gunmen") || !strings.Contains(string(b), "Flood in Valencia") {
		t.Errorf("/alerts?rule= does not filter")
	}
	_, b = e.get(t, "/rules")
	if !strings.Contains(string(b), `<form class="filters rule-form" method="post" action="/rules">`) || !strings.Contains(string(b), `name="token"`) {
		t.Errorf("/rules lacks the create form")
	}
}

// noRedirect shows a form's redirect instead of following it.
var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// postForm posts a form as a browser does and returns the page.
func postForm(t *testing.T, c *http.Client, target string, form url.Values) (*http.Response, string) {
	t.Helper()
	res, err := c.PostForm(target, form)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(b)
}

func TestFeedForm(t *testing.T) {
	e := newEnv(t, nil)
	for _, tc := range []struct {
		form   url.Values
		status int
		says   string
	}{
		{url.Values{"url": {"https://wire.example/rss"}, "name": {"Wire"}}, 401, "The write token is wrong."},
		{url.Values{"url": {"javascript:alert(1)"}, "name": {"Wire"}, "token": {writeToken}}, 400, "want an http(s) URL"},
		{url.Values{"url": {"https://wire.example/rss"}, "name": {"Wire"}, "interval": {"10s"}, "token": {writeToken}}, 400, "at least 1m"},
	} {
		res, page := postForm(t, noRedirect, e.ts.URL+"/feeds", tc.form)
		if res.StatusCode != tc.status || !strings.Contains(page, tc.says) || !strings.Contains(page, `value="Wire"`) || strings.Contains(page, writeToken) {
			t.Errorf("form %v: %d; want %d saying %q, keeping the name and not the token", tc.form, res.StatusCode, tc.status, tc.says)
		}
	}
	good := url.Values{"url": {"https://wire.example/rss"}, "name": {"Wire"}, "interval": {"15m"}, "token": {writeToken}}
	res, _ := postForm(t, noRedirect, e.ts.URL+"/feeds", good)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/feeds?added="+url.QueryEscape("https://wire.example/rss") {
		t.Fatalf("good form: %d, Location %q", res.StatusCode, res.Header.Get("Location"))
	}
	list, err := e.st.Feeds(context.Background())
	if err != nil || len(list) != 1 || list[0].Name != "Wire" || list[0].Interval != 15*time.Minute {
		t.Fatalf("feeds after the form = %+v, %v", list, err)
	}
	if res, page := postForm(t, http.DefaultClient, e.ts.URL+"/feeds", good); res.StatusCode != http.StatusConflict || !strings.Contains(page, "already watched") {
		t.Errorf("the same feed again: %d", res.StatusCode)
	}
	if _, page := postForm(t, http.DefaultClient, e.ts.URL+"/feeds", with(good, "url", "https://wire.example/other")); !strings.Contains(page, "Feed https://wire.example/other added") ||
		!strings.Contains(page, "<td>due now</td>") {
		t.Errorf("after the redirect the page does not confirm the feed or show it due")
	}
}

// with returns a copy of v with the given keys set.
func with(v url.Values, kv ...string) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = vs
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out.Set(kv[i], kv[i+1])
	}
	return out
}

func TestRuleForm(t *testing.T) {
	e := newEnv(t, nil)
	post := func(c *http.Client, base string, form url.Values) (*http.Response, string) {
		t.Helper()
		return postForm(t, c, base+"/rules", form)
	}
	good := url.Values{"name": {"Near Moscow"}, "lat": {"55.75"}, "lon": {"37.62"}, "radius_km": {"50"}, "min_severity": {"30"},
		"type": {"armed_attack"}, "webhook": {"https://hooks.example/x"}, "secret": {"hook-secret"}}
	for _, tc := range []struct {
		form   url.Values
		status int
		says   string
	}{
		{good, 401, "The write token is wrong."},
		{with(good, "token", "guess"), 401, "The write token is wrong."},
		{with(good, "token", writeToken, "country", "Russia"), 400, "want a two-letter ISO code"},
		{with(good, "token", writeToken, "radius_km", "far"), 400, "radius_km: &#34;far&#34; is not a number."},
		{with(good, "token", writeToken, "radius_km", ""), 400, "near and radius_km go together"},
	} {
		res, page := post(noRedirect, e.ts.URL, tc.form)
		if res.StatusCode != tc.status || !strings.Contains(page, tc.says) {
			t.Errorf("form %v: %d; want %d saying %q", tc.form, res.StatusCode, tc.status, tc.says)
		}
		// What was typed comes back, but never the token or the secret.
		if !strings.Contains(page, `value="Near Moscow"`) || strings.Contains(page, "hook-secret") || strings.Contains(page, "guess") {
			t.Errorf("form %v: the refused form does not keep the name, or echoes a secret", tc.form)
		}
	}
	if rules, _ := e.st.Rules(context.Background()); len(rules) != 0 {
		t.Fatalf("refused forms stored %d rules", len(rules))
	}
	res, _ := post(noRedirect, e.ts.URL, with(good, "token", writeToken))
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/rules?created=Near+Moscow" {
		t.Fatalf("good form: %d, Location %q", res.StatusCode, res.Header.Get("Location"))
	}
	rules, err := e.st.Rules(context.Background())
	if err != nil || len(rules) != 1 {
		t.Fatalf("rules = %v, %v", rules, err)
	}
	r := rules[0]
	if r.Name != "Near Moscow" || r.Near == nil || r.Near.Lat != 55.75 || r.RadiusKm != 50 || r.MinSeverity != 30 || r.Type != "armed_attack" || r.Secret != "hook-secret" {
		t.Errorf("stored rule = %+v", r)
	}
	res, page := post(http.DefaultClient, e.ts.URL, with(good, "token", writeToken))
	if res.StatusCode != http.StatusConflict || !strings.Contains(page, "exists already") {
		t.Errorf("the same name again: %d", res.StatusCode)
	}
	if _, page := post(http.DefaultClient, e.ts.URL, with(good, "token", writeToken, "name", "Other")); !strings.Contains(page, "Rule “Other” created.") ||
		!strings.Contains(page, "within 50 km of 55.75,37.62, type armed_attack, severity ≥ 30") {
		t.Errorf("after the redirect the page does not confirm the rule or describe it")
	}

	// A server without a write token refuses forms; with a read token the
	// form post needs it like every page.
	off := newEnv(t, func(c *Config) { c.Token = "" })
	if res, page := post(http.DefaultClient, off.ts.URL, with(good, "token", "")); res.StatusCode != 403 || !strings.Contains(page, "Writes are disabled") {
		t.Errorf("form on a server without token: %d", res.StatusCode)
	}
	closed := newEnv(t, func(c *Config) { c.ReadToken = "r-secret" })
	if res, _ := post(http.DefaultClient, closed.ts.URL, with(good, "token", writeToken)); res.StatusCode != 401 {
		t.Errorf("form without the read token: %d, want 401", res.StatusCode)
	}
}

// TestAlertFromAPIIngest wires a dispatcher as the serve command does: an
// article posted to the API raises the alert of a matching rule, and the
// dispatcher's and poller's counters reach /metrics.
func TestAlertFromAPIIngest(t *testing.T) {
	var d *watch.Dispatcher
	e := newEnv(t, func(c *Config) {
		d = watch.NewDispatcher(c.Store.(watch.Store), handReports(c.Store), watch.Options{})
		c.Pipeline.OnCommit = d.Notify
		c.AlertStats = d.Stats
		c.FeedStats = func() feeds.Stats { return feeds.Stats{Polls: 7, Errors: 2} }
	})
	e.do(t, "POST", "/api/rules", `{"name": "everything"}`, bearerW...)
	e.do(t, "POST", "/api/rules", `{"name": "japan", "country": "JP"}`, bearerW...)
	e.ingestFixtures(t)
	raised := d.Flush(context.Background())
	events, err := e.st.Events(context.Background(), store.EventQuery{})
	if err != nil || len(raised) != len(events) || len(events) == 0 {
		t.Fatalf("raised %d alerts for %d events (%v); want one per event for the rule that matches everything", len(raised), len(events), err)
	}
	_, b := e.get(t, "/api/alerts?rule=1")
	if n := len(decode[Page[store.Alert]](t, b).Items); n != len(events) {
		t.Errorf("GET /api/alerts?rule=1: %d alerts, want %d", n, len(events))
	}
	_, b = e.get(t, "/api/alerts?rule=2")
	if n := len(decode[Page[store.Alert]](t, b).Items); n != 0 {
		t.Errorf("rule japan raised %d alerts", n)
	}
	_, b = e.get(t, "/alerts")
	if !strings.Contains(string(b), `<a href="/events/`+raised[0].Event+`">`) {
		t.Errorf("/alerts lacks a link to the alert's event %s", raised[0].Event)
	}
	_, b = e.get(t, "/metrics")
	for _, want := range []string{"tocsin_alerts_raised_total " + strconv.Itoa(len(raised)), "tocsin_alert_events_checked_total " + strconv.Itoa(len(events)),
		"tocsin_feed_polls_total 7", "tocsin_feed_errors_total 2"} {
		if !strings.Contains(string(b), want+"\n") {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}

// onlyArticles is a store that keeps no feeds, rules or alerts.
type onlyArticles struct{ store.Store }

func TestWithoutWatches(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.Store = onlyArticles{c.Store} })
	for _, path := range []string{"/api/feeds", "/api/rules", "/api/alerts", "/feeds", "/alerts", "/rules"} {
		if res, _ := e.get(t, path); res.StatusCode != 404 {
			t.Errorf("GET %s: %d, want 404", path, res.StatusCode)
		}
	}
	if _, b := e.get(t, "/"); strings.Contains(string(b), `href="/feeds"`) {
		t.Error("the nav offers Feeds on a store that keeps none")
	}
}

// TestRunIngest runs another producer's ingest (the feed poller's) through
// the server: its articles are stored, counted in the metrics and
// announced to open pages, and a panicking extractor costs one article its
// facts, as with API ingest.
func TestRunIngest(t *testing.T) {
	e := newEnv(t, nil)
	_, wait := e.srv.changes.current()
	body, err := os.ReadFile("testdata/articles.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	opts := e.srv.cfg.Pipeline
	opts.Facts, opts.Stdin, opts.StdinName, opts.Format = panicky{}, bytes.NewReader(body), "https://wire.example/feed.xml", "jsonl"
	sum, err := e.srv.RunIngest(context.Background(), e.st, []string{"-"}, opts)
	if err != nil || sum.Accepted != 5 {
		t.Fatalf("RunIngest: %+v, %v; want 5 accepted", sum, err)
	}
	select {
	case <-wait:
	default:
		t.Error("open pages were not told of the stored articles")
	}
	if res, _ := e.get(t, "/api/articles/quake-1"); res.StatusCode != 200 {
		t.Errorf("the article whose extraction panicked: %d", res.StatusCode)
	}
	if _, b := e.get(t, "/metrics"); !strings.Contains(string(b), `tocsin_ingest_articles_total{outcome="accepted"} 5`) {
		t.Error("metrics do not count the articles")
	}
}
