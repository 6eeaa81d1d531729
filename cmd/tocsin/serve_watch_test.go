package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestServePollsAndAlerts runs the real server with a feed given by --feed
// and two rules: the feed is polled and its article raises an alert with a signed
// webhook; an article posted to the API raises an alert for the rule
// created through the API; the counters show in /metrics; SIGTERM stops it
// cleanly.
func TestServePollsAndAlerts(t *testing.T) {
	site := newWatchSite(t)
	db := filepath.Join(t.TempDir(), "serve.db")
	env := []string{"TOCSIN_DB=" + db}
	for _, args := range [][]string{
		{"rules", "add", "--name", "moscow", "--near", "55.7558,37.6173", "--radius", "50", "--webhook", site.URL + "/hook", "--secret", "s3cret"},
	} {
		if _, errOut, code := tocsin(t, env, args...); code != 0 {
			t.Fatalf("tocsin %v: exit %d: %s", args, code, errOut)
		}
	}

	addr := freeAddr(t)
	base := "http://" + addr
	cmd := exec.Command(os.Args[0], "serve", "--addr", addr, "--allow-private", "--poll-gap", "1ms", "--feed", site.URL+"/feed.xml")
	cmd.Env = append(append(os.Environ(), "TOCSIN_AS_MAIN=1", "TOCSIN_TOKEN=browser-token"), env...)
	var logs bytes.Buffer
	cmd.Stderr = &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stopped := false
	defer func() {
		if !stopped {
			cmd.Process.Kill()
			cmd.Wait()
		}
	}()
	waitHealthy(t, base)

	get := func(path string, into any) {
		t.Helper()
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d %s", path, resp.StatusCode, body)
		}
		if err := json.Unmarshal(body, into); err != nil {
			t.Fatalf("GET %s: %v: %s", path, err, body)
		}
	}
	type alert struct {
		Rule    int64          `json:"rule"`
		Event   string         `json:"event"`
		Country string         `json:"country"`
		Figures map[string]int `json:"figures"`
	}
	alertsOf := func(rule string) []alert {
		var p struct{ Items []alert }
		get("/api/alerts?rule="+rule, &p)
		return p.Items
	}
	waitFor := func(what string, ok func() bool) {
		t.Helper()
		for deadline := time.Now().Add(20 * time.Second); !ok(); time.Sleep(100 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("%s: not within 20s; server log:\n%s", what, logs.String())
			}
		}
	}

	// The poller reads the feed at start, and its article raises rule 1's alert.
	waitFor("the feed's alert", func() bool { return len(alertsOf("1")) == 1 })
	if a := alertsOf("1")[0]; a.Figures["killed"] != 40 {
		t.Errorf("feed alert = %+v; want 40 killed from the linked page", a)
	}
	var feeds struct {
		Items []struct {
			LastPolled *time.Time `json:"last_polled"`
			Items      int        `json:"items_seen"`
		}
	}
	get("/api/feeds", &feeds)
	if len(feeds.Items) != 1 || feeds.Items[0].LastPolled == nil || feeds.Items[0].Items != 1 {
		t.Errorf("feed health = %+v; want polled with one item", feeds.Items)
	}
	waitFor("the signed webhook", func() bool {
		site.mu.Lock()
		defer site.mu.Unlock()
		return len(site.hooks) == 1
	})

	// A rule made through the API, and an article posted through the API.
	req, _ := http.NewRequest("POST", base+"/api/rules", strings.NewReader(`{"name": "france", "country": "FR"}`))
	req.Header.Set("Authorization", "Bearer browser-token")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated || resp.Header.Get("Location") != "/api/rules/2" {
		t.Fatalf("POST /api/rules: %d, Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	postArticles(t, base, []byte(`{"title": "Explosion dans un immeuble à Lyon : trois morts", "source": "lyon.example",
		"url": "https://lyon.example/explosion", "published": "2024-05-07T08:00:00Z", "lang": "fr",
		"text": "Une explosion a tué trois personnes dans un immeuble de Lyon mardi matin, selon la préfecture. Les pompiers ont évacué le quartier et une enquête a été ouverte pour déterminer les causes du drame."}`))
	waitFor("the posted article's alert", func() bool { return len(alertsOf("2")) == 1 })
	if a := alertsOf("2")[0]; a.Country != "FR" || a.Figures["killed"] != 3 {
		t.Errorf("API alert = %+v; want FR with 3 killed", a)
	}

	resp, err = http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	metrics, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{"tocsin_feed_polls_total 1", "tocsin_feed_articles_stored_total 1", "tocsin_alerts_raised_total 2", "tocsin_alert_deliveries_total 1"} {
		if !bytes.Contains(metrics, []byte(want+"\n")) {
			t.Errorf("/metrics lacks %q", want)
		}
	}

	cmd.Process.Signal(syscall.SIGTERM)
	err = cmd.Wait()
	stopped = true
	if err != nil || !strings.Contains(logs.String(), "msg=stopped") {
		t.Errorf("serve: %v; log:\n%s", err, logs.String())
	}
}
