package fetch

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestDo(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Header.Get("If-None-Match") == `"v1"`:
			w.WriteHeader(http.StatusNotModified)
		case r.Method == http.MethodPost:
			w.Header().Set("Retry-After", "7")
			w.WriteHeader(http.StatusServiceUnavailable)
		default:
			w.Header().Set("Content-Type", "image/png") // Do leaves the type to the caller
			w.Write([]byte(strings.Repeat("x", 100)))
		}
	}))
	defer srv.Close()
	c := New(Options{AllowPrivate: true, MaxSize: 50})
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, srv.URL, nil)
	req.Header.Set("If-None-Match", `"v1"`)
	if resp, err := c.Do(req); err != nil || resp.Status != http.StatusNotModified {
		t.Errorf("conditional GET = %d, %v; want 304 and no error", resp.Status, err)
	}
	req, _ = http.NewRequestWithContext(context.Background(), http.MethodPost, srv.URL, strings.NewReader("{}"))
	if resp, err := c.Do(req); err != nil || resp.Status != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") != "7" {
		t.Errorf("POST = %d %v, %v; want 503 with Retry-After", resp.Status, resp.Header, err)
	}
	req, _ = http.NewRequestWithContext(context.Background(), http.MethodGet, srv.URL, nil)
	if _, err := c.Do(req); err == nil || !strings.Contains(err.Error(), "size limit") {
		t.Errorf("100-byte body with a 50-byte limit: got %v, want a size error", err)
	}
	guarded := New(Options{})
	req, _ = http.NewRequestWithContext(context.Background(), http.MethodGet, srv.URL, nil)
	if _, err := guarded.Do(req); !errors.Is(err, ErrPrivateAddress) {
		t.Errorf("loopback without AllowPrivate: got %v, want ErrPrivateAddress", err)
	}
}
