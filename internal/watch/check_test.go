package watch

import (
	"bytes"
	"context"
	"crypto/hmac"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tocsin/tocsin/internal/crosscheck"
	"github.com/tocsin/tocsin/internal/fetch"
	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
	"github.com/tocsin/tocsin/internal/store/sqlite"
)

var ctx = context.Background()

func openStore(t *testing.T) *sqlite.Store {
	t.Helper()
	st, err := openBenchStore(t)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func openBenchStore(tb testing.TB) (*sqlite.Store, error) {
	st, err := sqlite.Open(ctx, filepath.Join(tb.TempDir(), "tocsin.db"))
	if err == nil {
		tb.Cleanup(func() { st.Close() })
	}
	return st, err
}

// reports is a Loader over hand-built reports that the test edits.
type reports struct {
	mu sync.Mutex
	m  map[string]crosscheck.Report
}

func (r *reports) load(_ context.Context, id string) (crosscheck.Report, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	rep, ok := r.m[id]
	if !ok {
		return rep, store.ErrNotFound
	}
	return rep, nil
}

func (r *reports) setKilled(id string, n int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	rep := r.m[id]
	rep.Estimates = append([]crosscheck.Estimate(nil), rep.Estimates...)
	rep.Estimates[0].Value = n
	r.m[id] = rep
}

func TestCheckRaisesOnceAndAgainOnMaterialChange(t *testing.T) {
	st := openStore(t)
	rule, err := st.AddRule(ctx, store.Rule{Name: "russia", Country: "RU", MinSources: 2})
	if err != nil {
		t.Fatal(err)
	}
	other := krasnogorsk()
	other.Event.ID, other.Event.Place = "ev2", &news.Place{Name: "Lyon", Country: "FR", Lat: 45.76, Lon: 4.84}
	rs := &reports{m: map[string]crosscheck.Report{"ev1": krasnogorsk(), "ev2": other}}
	c := NewChecker(st, rs.load, nil)

	raised, err := c.Check(ctx, []string{"ev1", "ev2", "gone"})
	if err != nil || len(raised) != 1 {
		t.Fatalf("first check = %+v, %v; want one alert (ev2 is in France, 'gone' no longer exists)", raised, err)
	}
	a := raised[0]
	if a.Rule != rule.ID || a.Event != "ev1" || a.Reason != store.AlertNew || a.Revision != 0 || a.Figures[news.Killed] != 40 ||
		a.Place != "Krasnogorsk" || a.Country != "RU" || a.Sources != 3 || a.Severity != Severity(krasnogorsk()) {
		t.Errorf("alert = %+v", a)
	}
	if raised, _ := c.Check(ctx, []string{"ev1"}); len(raised) != 0 {
		t.Errorf("second check raised %+v; want nothing (deduplicated per event and rule)", raised)
	}
	rs.setKilled("ev1", 43)
	if raised, _ := c.Check(ctx, []string{"ev1"}); len(raised) != 0 {
		t.Errorf("40 → 43 killed raised %+v; want nothing (not material)", raised)
	}
	rs.setKilled("ev1", 60)
	raised, err = c.Check(ctx, []string{"ev1"})
	if err != nil || len(raised) != 1 || raised[0].Reason != store.AlertFigures || raised[0].Revision != 1 || raised[0].Figures[news.Killed] != 60 {
		t.Fatalf("40 → 60 killed = %+v, %v; want one figures alert, revision 1", raised, err)
	}
	if raised, _ := c.Check(ctx, []string{"ev1"}); len(raised) != 0 {
		t.Errorf("check after the revision raised %+v; want nothing", raised)
	}
	if all, _ := st.Alerts(ctx, store.AlertQuery{}); len(all) != 2 {
		t.Errorf("stored alerts = %d, want 2", len(all))
	}

	failing := NewChecker(st, func(context.Context, string) (crosscheck.Report, error) {
		return crosscheck.Report{}, errors.New("disk on fire")
	}, nil)
	if _, err := failing.Check(ctx, []string{"ev1"}); err == nil || !strings.Contains(err.Error(), "ev1") {
		t.Errorf("load error = %v; want it named with the event", err)
	}
}

// receiver is a webhook endpoint that fails its first n calls with 503.
type receiver struct {
	mu     sync.Mutex
	fails  int
	bodies [][]byte
	sigs   []string
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.bodies = append(rc.bodies, body)
	rc.sigs = append(rc.sigs, r.Header.Get(SignatureHeader))
	if len(rc.bodies) <= rc.fails {
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusOK)
}

func TestDispatcherDeliversWithRetriesAndSignature(t *testing.T) {
	rc := &receiver{fails: 2}
	srv := httptest.NewServer(rc)
	defer srv.Close()
	st := openStore(t)
	const secret = "correct horse"
	rule, err := st.AddRule(ctx, store.Rule{Name: "isis-k", Entity: "org:isis-k", Webhook: srv.URL + "/hook", Secret: secret})
	if err != nil {
		t.Fatal(err)
	}
	rs := &reports{m: map[string]crosscheck.Report{"ev1": krasnogorsk()}}
	var seen []store.Alert
	d := NewDispatcher(st, rs.load, Options{
		Webhook: WebhookOptions{Fetch: fetch.Options{AllowPrivate: true}, Backoff: time.Millisecond, Attempts: 4, BaseURL: "http://tocsin.test/"},
		OnAlert: func(a store.Alert) { seen = append(seen, a) },
		OnError: func(err error) { t.Errorf("dispatcher error: %v", err) },
	})
	d.Notify([]string{"ev1"})
	d.Notify([]string{"ev1"}) // queued once
	raised := d.Flush(ctx)
	if len(raised) != 1 || len(seen) != 1 {
		t.Fatalf("raised %d, OnAlert saw %d; want 1 and 1", len(raised), len(seen))
	}
	log, err := st.Deliveries(ctx, raised[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	var statuses []int
	for _, d := range log {
		statuses = append(statuses, d.Status)
	}
	if fmt.Sprint(statuses) != "[503 503 200]" || !log[2].OK || log[0].OK || log[0].Target != rule.Webhook {
		t.Errorf("delivery log = %+v; want 503, 503, then 200 OK", log)
	}
	if len(rc.bodies) != 3 {
		t.Fatalf("receiver got %d calls, want 3", len(rc.bodies))
	}
	for i, body := range rc.bodies {
		if !hmac.Equal([]byte(rc.sigs[i]), []byte(Sign(secret, body))) {
			t.Errorf("call %d: signature %q does not verify", i+1, rc.sigs[i])
		}
		if !bytes.Equal(body, rc.bodies[0]) {
			t.Errorf("call %d sent another body", i+1)
		}
	}
	if s := d.Stats(); s != (Stats{Checked: 1, Alerts: 1, Delivered: 1, Failed: 2}) {
		t.Errorf("stats = %+v", s)
	}
	var p Payload
	if err := json.Unmarshal(rc.bodies[0], &p); err != nil {
		t.Fatal(err)
	}
	if p.Rule.Name != "isis-k" || p.Alert.Event != "ev1" || p.Alert.Figures[news.Killed] != 40 || p.Link != "http://tocsin.test/events/ev1" {
		t.Errorf("payload = %+v", p)
	}
	// The signature is of the exact bytes: a changed body fails it.
	if Sign(secret, append([]byte(" "), rc.bodies[0]...)) == rc.sigs[0] {
		t.Error("signature does not depend on the body")
	}
}

func TestWebhookGivesUpAndRefusesPrivateAddresses(t *testing.T) {
	rc := &receiver{fails: 100}
	srv := httptest.NewServer(rc)
	defer srv.Close()
	st := openStore(t)
	rule, _ := st.AddRule(ctx, store.Rule{Name: "r", Webhook: srv.URL})
	a := store.Alert{Rule: rule.ID, Event: "ev1", Reason: store.AlertNew, Title: "t"}
	if _, err := st.InsertAlert(ctx, &a); err != nil {
		t.Fatal(err)
	}
	h := NewWebhook(st, WebhookOptions{Fetch: fetch.Options{AllowPrivate: true}, Backoff: time.Millisecond, Attempts: 3})
	if err := h.Deliver(ctx, rule, a); err == nil || !strings.Contains(err.Error(), "gave up") {
		t.Errorf("always-failing receiver: got %v, want gave up", err)
	}
	if log, _ := st.Deliveries(ctx, a.ID); len(log) != 3 {
		t.Errorf("attempts logged = %d, want 3", len(log))
	}

	guarded := NewWebhook(st, WebhookOptions{Backoff: time.Millisecond, Attempts: 3})
	b := store.Alert{Rule: rule.ID, Event: "ev2", Reason: store.AlertNew, Title: "t"}
	st.InsertAlert(ctx, &b)
	calls := len(rc.bodies)
	err := guarded.Deliver(ctx, rule, b)
	if err == nil || !errors.Is(err, fetch.ErrPrivateAddress) {
		t.Errorf("loopback webhook without permission: got %v, want refused", err)
	}
	log, _ := st.Deliveries(ctx, b.ID)
	if len(log) != 1 || !strings.Contains(log[0].Error, "private") || len(rc.bodies) != calls {
		t.Errorf("refused delivery: log %+v, receiver calls %d→%d; want one logged refusal, no call", log, calls, len(rc.bodies))
	}
}

func TestAtomFeedParsesBack(t *testing.T) {
	st := openStore(t)
	rule, _ := st.AddRule(ctx, store.Rule{Name: "moscow <area>"})
	t0 := time.Date(2024, 3, 22, 19, 0, 0, 0, time.UTC)
	alerts := []store.Alert{
		{Rule: rule.ID, Event: "ev1", Reason: store.AlertNew, Title: `Attack at "Crocus" <script>alert(1)</script> & more`,
			Place: "Krasnogorsk", Country: "RU", Severity: 95, Sources: 3, Figures: map[string]int{"killed": 40, "injured": 100}, Raised: t0},
		{Rule: rule.ID, Event: "ev1", Revision: 1, Reason: store.AlertFigures, Title: "Attack", Figures: map[string]int{"killed": 133}, Raised: t0.Add(time.Hour)},
	}
	for i := range alerts {
		if _, err := st.InsertAlert(ctx, &alerts[i]); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(AtomHandler(st, "http://tocsin.test"))
	defer srv.Close()
	resp, err := http.Get(fmt.Sprintf("%s/alerts/%d.atom", srv.URL, rule.ID))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("GET feed = %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if bytes.Contains(body, []byte("<script>")) {
		t.Errorf("article text reached the feed unescaped:\n%s", body)
	}
	var feed struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		ID      string   `xml:"id"`
		Title   string   `xml:"title"`
		Updated string   `xml:"updated"`
		Author  string   `xml:"author>name"`
		Links   []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Entries []struct {
			ID      string `xml:"id"`
			Title   string `xml:"title"`
			Updated string `xml:"updated"`
			Link    struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
			Content struct {
				Type string `xml:"type,attr"`
				Text string `xml:",chardata"`
			} `xml:"content"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(body, &feed); err != nil {
		t.Fatalf("feed does not parse: %v\n%s", err, body)
	}
	if feed.ID != fmt.Sprintf("urn:tocsin:rule:%d", rule.ID) || feed.Title != "Tocsin alerts: moscow <area>" ||
		feed.Updated != "2024-03-22T20:00:00Z" || feed.Author != "Tocsin" || len(feed.Links) != 1 ||
		feed.Links[0].Rel != "self" || feed.Links[0].Href != fmt.Sprintf("http://tocsin.test/alerts/%d.atom", rule.ID) {
		t.Errorf("feed head = %+v", feed)
	}
	if len(feed.Entries) != 2 {
		t.Fatalf("entries = %d, want 2", len(feed.Entries))
	}
	newest, first := feed.Entries[0], feed.Entries[1]
	if newest.Title != "Figures revised: Attack" || newest.Updated != "2024-03-22T20:00:00Z" || newest.ID != fmt.Sprintf("urn:tocsin:alert:%d", alerts[1].ID) {
		t.Errorf("newest entry = %+v", newest)
	}
	if first.Title != alerts[0].Title || first.Link.Href != "http://tocsin.test/events/ev1" || first.Content.Type != "text" ||
		!strings.Contains(first.Content.Text, "Figures: killed 40, injured 100.") || !strings.Contains(first.Content.Text, "Krasnogorsk (RU)") {
		t.Errorf("first entry = %+v", first)
	}
	for _, path := range []string{"/alerts/999.atom", "/alerts/x.atom", fmt.Sprintf("/alerts/%d", rule.ID)} {
		if resp, err := http.Get(srv.URL + path); err != nil || resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %v, %v; want 404", path, resp.StatusCode, err)
		}
	}
}

func TestRedeliverAlertsThatNeverArrived(t *testing.T) {
	rc := &receiver{fails: 2}
	srv := httptest.NewServer(rc)
	defer srv.Close()
	st := openStore(t)
	rule, _ := st.AddRule(ctx, store.Rule{Name: "r", Webhook: srv.URL})
	// Raised, then the process stopped before delivering.
	pending := store.Alert{Rule: rule.ID, Event: "ev1", Reason: store.AlertNew, Title: "t"}
	// Raised, and delivered.
	done := store.Alert{Rule: rule.ID, Event: "ev2", Reason: store.AlertNew, Title: "t"}
	for _, a := range []*store.Alert{&pending, &done} {
		if _, err := st.InsertAlert(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	st.LogDelivery(ctx, store.Delivery{Alert: done.ID, Attempt: 1, Target: srv.URL, Status: 200, OK: true})
	d := NewDispatcher(st, (&reports{m: map[string]crosscheck.Report{}}).load, Options{
		Webhook: WebhookOptions{Fetch: fetch.Options{AllowPrivate: true}, Backoff: time.Millisecond, Attempts: 2},
	})
	d.Redeliver(ctx) // two attempts, both 503: given up for this round
	d.Redeliver(ctx) // the third attempt arrives
	d.Redeliver(ctx) // delivered: nothing more
	log, _ := st.Deliveries(ctx, pending.ID)
	var got []string
	for _, x := range log {
		got = append(got, fmt.Sprintf("%d:%d", x.Attempt, x.Status))
	}
	if fmt.Sprint(got) != "[1:503 2:503 3:200]" {
		t.Errorf("redelivery log = %v; want attempts 1, 2 failing then 3 delivered", got)
	}
	if log, _ := st.Deliveries(ctx, done.ID); len(log) != 1 {
		t.Errorf("a delivered alert was posted again: %d attempts", len(log))
	}
	if s := d.Stats(); s.Delivered != 1 || s.GaveUp != 1 {
		t.Errorf("stats = %+v", s)
	}
}
