package main

import (
	"bufio"
	"crypto/hmac"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tocsin/tocsin/internal/watch"
)

// watchSite serves a feed of one summary-only item whose page reports an
// attack, and receives webhooks.
type watchSite struct {
	*httptest.Server
	mu    sync.Mutex
	feed  string
	hooks [][]byte
	sigs  []string
}

// attackPage is a fixture written for these tests.
const attackPage = `<!doctype html><html lang="en"><head><title>Gunmen attack concert hall near Moscow</title></head><body>
<nav><a href="/">Home</a></nav><article><h1>Gunmen attack concert hall near Moscow</h1>
<p>Gunmen in combat fatigues opened fire at a concert venue in Krasnogorsk, near Moscow, on Friday evening, killing at least 40 people and injuring more than 100, Russian officials said.</p>
<p>The attackers also set the building on fire before fleeing, according to the security service. Emergency crews evacuated hundreds of people from the hall as the fire spread across the roof.</p>
</article></body></html>`

func newWatchSite(t *testing.T) *watchSite {
	s := &watchSite{}
	mux := http.NewServeMux()
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, s.feed)
	})
	mux.HandleFunc("/a1.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, attackPage)
	})
	mux.HandleFunc("/broken.xml", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
	})
	mux.HandleFunc("POST /hook", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		s.hooks = append(s.hooks, body)
		s.sigs = append(s.sigs, r.Header.Get(watch.SignatureHeader))
		s.mu.Unlock()
	})
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	s.feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>` + s.URL + `/</link>` +
		`<item><guid>urn:wire:1</guid><title>Gunmen attack concert hall near Moscow</title><link>` + s.URL + `/a1.html</link>` +
		`<pubDate>Fri, 22 Mar 2024 19:30:00 GMT</pubDate><description>Gunmen opened fire at a concert hall.</description></item>` +
		`</channel></rss>`
	return s
}

func TestFeedsRulesAlerts(t *testing.T) {
	site := newWatchSite(t)
	db := filepath.Join(t.TempDir(), "t.db")
	env := []string{"TOCSIN_DB=" + db}
	run := func(want int, args ...string) (string, string) {
		t.Helper()
		out, errOut, code := tocsin(t, env, args...)
		if code != want {
			t.Fatalf("tocsin %s: exit %d, want %d; stderr %q", strings.Join(args, " "), code, want, errOut)
		}
		return out, errOut
	}

	// Bad calls are usage errors, named.
	for _, args := range [][]string{
		{"feeds", "add", "ftp://example.org/feed"}, {"feeds", "add", site.URL + "/feed.xml", "--interval", "5s"},
		{"rules", "add", "--country", "RU"}, {"rules", "add", "--name", "x", "--near", "55.7,37.6"},
		{"rules", "add", "--name", "x", "--country", "Russia"}, {"rules", "add", "--name", "x", "--near", "95,0", "--radius", "5"},
		{"feeds", "remove", "abc"}, {"feeds"}, {"alerts", "tail", "--format", "xml"},
	} {
		if _, errOut, code := tocsin(t, env, args...); code != 2 || errOut == "" {
			t.Errorf("tocsin %s: exit %d, stderr %q; want a usage error (2)", strings.Join(args, " "), code, errOut)
		}
	}

	run(0, "feeds", "add", site.URL+"/feed.xml", "--interval", "5m", "--name", "Wire")
	run(0, "feeds", "add", site.URL+"/broken.xml")
	if _, errOut := run(1, "feeds", "add", site.URL+"/feed.xml"); !strings.Contains(errOut, "already watched") {
		t.Errorf("adding a feed twice: %q", errOut)
	}
	run(0, "rules", "add", "--name", "moscow", "--near", "55.7558,37.6173", "--radius", "50", "--min-severity", "30",
		"--webhook", site.URL+"/hook", "--secret", "s3cret")
	run(0, "rules", "add", "--name", "france", "--country", "FR")

	// Follow alerts from before they exist.
	tail := exec.Command(os.Args[0], "alerts", "tail", "--follow", "--interval", "50ms", "--format", "jsonl")
	tail.Env = append(append(os.Environ(), "TOCSIN_AS_MAIN=1"), env...)
	stdout, err := tail.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := tail.Start(); err != nil {
		t.Fatal(err)
	}
	defer tail.Process.Kill()
	lines := make(chan string, 10)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()

	_, errOut := run(1, "feeds", "poll", "--once", "--allow-private", "--min-gap", "1ms")
	for _, want := range []string{"1 items, 1 new: 1 stored", "1 pages fetched", "HTTP 503", "2 feeds polled, 1 failed", "alert 1: rule 1"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("feeds poll stderr lacks %q:\n%s", want, errOut)
		}
	}

	select {
	case line := <-lines:
		var a map[string]any
		if err := json.Unmarshal([]byte(line), &a); err != nil || a["rule"] != 1.0 || a["reason"] != "new" {
			t.Errorf("followed alert = %q (%v); want rule 1's new alert", line, err)
		}
	case <-time.After(10 * time.Second):
		t.Error("alerts tail --follow printed nothing within 10s of the alert")
	}
	tail.Process.Signal(os.Interrupt)
	tail.Wait()

	out, _ := run(0, "feeds", "list", "--format", "json")
	var feeds []map[string]any
	if err := json.Unmarshal([]byte(out), &feeds); err != nil || len(feeds) != 2 {
		t.Fatalf("feeds list json: %v: %s", err, out)
	}
	for _, field := range []string{"id", "url", "name", "interval_ns", "added", "last_polled", "last_success", "consecutive_errors", "next_poll", "items_seen"} {
		if _, ok := feeds[0][field]; !ok {
			t.Errorf("feed JSON lacks %q: %v", field, feeds[0])
		}
	}
	if feeds[0]["items_seen"] != 1.0 || feeds[0]["consecutive_errors"] != 0.0 || feeds[1]["consecutive_errors"] != 1.0 ||
		!strings.Contains(fmt.Sprint(feeds[1]["last_error"]), "503") {
		t.Errorf("feed health = %v / %v", feeds[0], feeds[1])
	}

	out, _ = run(0, "alerts", "tail", "--format", "json")
	var alerts []map[string]any
	if err := json.Unmarshal([]byte(out), &alerts); err != nil || len(alerts) != 1 {
		t.Fatalf("alerts tail json: %v: %s", err, out)
	}
	for _, field := range []string{"id", "rule", "event", "revision", "reason", "title", "severity", "independent_sources", "figures", "raised"} {
		if _, ok := alerts[0][field]; !ok {
			t.Errorf("alert JSON lacks %q: %v", field, alerts[0])
		}
	}
	if figs, _ := alerts[0]["figures"].(map[string]any); figs["killed"] != 40.0 {
		t.Errorf("alert figures = %v; want 40 killed from the linked page", alerts[0]["figures"])
	}
	site.mu.Lock()
	if len(site.hooks) != 1 || !hmac.Equal([]byte(site.sigs[0]), []byte(watch.Sign("s3cret", site.hooks[0]))) {
		t.Errorf("webhook calls %d, signature %q; want one, verifying", len(site.hooks), site.sigs)
	}
	site.mu.Unlock()

	out, _ = run(0, "alerts", "tail", "--rule", "france")
	if strings.Count(out, "\n") != 1 {
		t.Errorf("alerts of rule france = %q; want the header only", out)
	}
	if _, errOut := run(0, "alerts", "check", "--since", "30000d"); !strings.Contains(errOut, "0 alerts raised") {
		t.Errorf("alerts check after the poll: %q; want nothing new", errOut)
	}
	_, errOut = run(0, "feeds", "poll", "--once", "--allow-private", "--min-gap", "1ms")
	if !strings.Contains(errOut, "0 feeds polled") {
		t.Errorf("second poll within the interval: %q; want nothing due", errOut)
	}

	out, _ = run(0, "rules", "list", "--format", "json")
	if strings.Contains(out, "s3cret") || !strings.Contains(out, `"radius_km": 50`) {
		t.Errorf("rules list json leaks the secret or lacks the radius: %s", out)
	}
	run(0, "rules", "remove", "1")
	if _, errOut := run(1, "rules", "remove", "1"); !strings.Contains(errOut, "no rule 1") {
		t.Errorf("removing twice: %q", errOut)
	}
	if out, _ := run(0, "alerts", "tail", "--format", "jsonl"); out != "" {
		t.Errorf("alerts after removing their rule: %q; want none", out)
	}
	run(0, "feeds", "remove", "2")
	if out, _ := run(0, "feeds", "list"); strings.Contains(out, "broken") || !strings.Contains(out, "Wire") {
		t.Errorf("feeds after removing one: %q", out)
	}
}
