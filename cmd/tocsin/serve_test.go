package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestServeSettingsPrecedence(t *testing.T) {
	file := filepath.Join(t.TempDir(), "serve.json")
	if err := os.WriteFile(file, []byte(`{"addr": "127.0.0.1:7000", "db": "file.db", "read_token": "file-token",
		"ingest": ["inbox"], "shutdown_timeout": "5s", "tile_url": "https://t.example/{z}/{x}/{y}.png",
		"no_poll": true, "feeds": ["https://wire.example/feed.xml"], "poll_gap": "1s", "alert_recheck": "0s", "base_url": "https://tocsin.example"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		want serveConfig
	}{
		{"defaults", nil, nil, serveConfig{Addr: "127.0.0.1:8080", DB: "env-default.db",
			FetchTimeout: duration{30 * time.Second}, ShutdownTimeout: duration{30 * time.Second}, PollGap: duration{2 * time.Second}, AlertRecheck: duration{10 * time.Minute}}},
		{"file over defaults", nil, []string{"--config", file}, serveConfig{Addr: "127.0.0.1:7000", DB: "file.db", ReadToken: "file-token",
			Ingest: []string{"inbox"}, FetchTimeout: duration{30 * time.Second}, ShutdownTimeout: duration{5 * time.Second}, TileURL: "https://t.example/{z}/{x}/{y}.png", NoPoll: true, Feeds: []string{"https://wire.example/feed.xml"}, PollGap: duration{time.Second}, BaseURL: "https://tocsin.example"}},
		{"env over file", map[string]string{"TOCSIN_ADDR": "127.0.0.1:7001", "TOCSIN_READ_TOKEN": "env-token"}, []string{"--config", file},
			serveConfig{Addr: "127.0.0.1:7001", DB: "file.db", ReadToken: "env-token", Ingest: []string{"inbox"},
				FetchTimeout: duration{30 * time.Second}, ShutdownTimeout: duration{5 * time.Second}, TileURL: "https://t.example/{z}/{x}/{y}.png", NoPoll: true, Feeds: []string{"https://wire.example/feed.xml"}, PollGap: duration{time.Second}, BaseURL: "https://tocsin.example"}},
		{"flags over env", map[string]string{"TOCSIN_ADDR": "127.0.0.1:7001"}, []string{"seeds", "--config", file, "--addr", "127.0.0.1:7002", "--db", "flag.db", "--shutdown-timeout", "1s", "--ingest", "more", "--no-poll=false", "--poll-gap", "50ms", "--alert-recheck", "1m", "--feed", "https://other.example/rss"},
			serveConfig{Addr: "127.0.0.1:7002", DB: "flag.db", ReadToken: "file-token", Ingest: []string{"more", "seeds"},
				FetchTimeout: duration{30 * time.Second}, ShutdownTimeout: duration{time.Second}, TileURL: "https://t.example/{z}/{x}/{y}.png", NoPoll: false, Feeds: []string{"https://other.example/rss"}, PollGap: duration{50 * time.Millisecond}, AlertRecheck: duration{time.Minute}, BaseURL: "https://tocsin.example"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("TOCSIN_DB", "")
			for _, k := range []string{"TOCSIN_ADDR", "TOCSIN_READ_TOKEN"} {
				t.Setenv(k, tc.env[k])
			}
			if tc.name == "defaults" {
				t.Setenv("TOCSIN_DB", "env-default.db") // the default store path is TOCSIN_DB's
			}
			got, err := serveSettings(tc.args)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestServeSettingsErrors(t *testing.T) {
	dir := t.TempDir()
	unknown := filepath.Join(dir, "unknown.json")
	os.WriteFile(unknown, []byte(`{"adr": "x"}`), 0o644)
	badDuration := filepath.Join(dir, "duration.json")
	os.WriteFile(badDuration, []byte(`{"shutdown_timeout": 30}`), 0o644)
	if _, err := serveSettings([]string{"--feed", "ftp://example.org/feed"}); err == nil || !strings.Contains(err.Error(), "ftp://example.org/feed") {
		t.Errorf("--feed ftp://…: %v, want an error naming the URL", err)
	}
	if _, err := serveSettings([]string{"--poll-gap", "0s"}); err == nil || !strings.Contains(err.Error(), "poll_gap") {
		t.Errorf("--poll-gap 0s: %v, want an error naming poll_gap", err)
	}
	for _, args := range [][]string{{"--config", unknown}, {"--config", badDuration}, {"--config", filepath.Join(dir, "missing.json")}} {
		if _, err := serveSettings(args); err == nil || !strings.Contains(err.Error(), args[1]) && !strings.Contains(err.Error(), "missing") {
			t.Errorf("serveSettings(%v) = %v, want an error naming the file", args, err)
		}
	}
}

// TestServeHelpDocumentsEveryKey keeps --help and the config struct in step.
func TestServeHelpDocumentsEveryKey(t *testing.T) {
	typ := reflect.TypeOf(serveConfig{})
	for i := range typ.NumField() {
		key := strings.Split(typ.Field(i).Tag.Get("json"), ",")[0]
		if !strings.Contains(serveHelp, "\n  "+key+" ") {
			t.Errorf("config key %q is not in 'tocsin serve --help'", key)
		}
		doc, err := os.ReadFile("../../docs/serve.md")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(doc), "| `"+key+"` |") {
			t.Errorf("config key %q is not in docs/serve.md", key)
		}
	}
}

// TestServeStopsOnSignal runs the real command and stops it with SIGTERM.
func TestServeStopsOnSignal(t *testing.T) {
	addr := freeAddr(t)
	db := filepath.Join(t.TempDir(), "s.db")
	_, stderr, code := tocsinUntil(t, []string{"TOCSIN_DB=" + db}, "http://"+addr+"/healthz", "serve", "--addr", addr, "--no-facts")
	if code != 0 || !strings.Contains(stderr, "msg=stopped") {
		t.Errorf("exit %d, log %s", code, stderr)
	}
}

// tocsinUntil starts the command, waits until url answers 200, sends
// SIGTERM and returns its output and exit status.
func tocsinUntil(t *testing.T, env []string, url string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(append(os.Environ(), "TOCSIN_AS_MAIN=1"), env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitHealthy(t, strings.TrimSuffix(url, "/healthz"))
	cmd.Process.Signal(syscall.SIGTERM)
	err := cmd.Wait()
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	}
	return out.String(), errOut.String(), code
}
