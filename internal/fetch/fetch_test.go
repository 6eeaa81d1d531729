package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
)

func TestPublic(t *testing.T) {
	for _, tc := range []struct {
		ip   string
		want bool
	}{
		{"93.184.216.34", true}, {"2606:4700::1111", true},
		{"127.0.0.1", false}, {"::1", false}, {"10.1.2.3", false}, {"172.16.0.1", false},
		{"192.168.1.1", false}, {"169.254.169.254", false}, {"fe80::1", false}, {"fc00::1", false},
		{"100.64.0.1", false}, {"0.0.0.0", false}, {"::ffff:127.0.0.1", false}, {"224.0.0.1", false},
	} {
		if got := Public(netip.MustParseAddr(tc.ip)); got != tc.want {
			t.Errorf("Public(%s) = %v, want %v", tc.ip, got, tc.want)
		}
	}
}

func TestLimits(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte(strings.Repeat("x", 2048)))
	})
	mux.HandleFunc("/loop/{n}", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscan(r.PathValue("n"), &n)
		http.Redirect(w, r, fmt.Sprintf("/loop/%d", n+1), http.StatusFound)
	})
	mux.HandleFunc("/ftp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://example.org/x", http.StatusFound)
	})
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<html><body>hi</body></html>"))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c := New(Options{AllowPrivate: true, MaxSize: 1024, MaxRedirects: 3})
	ctx := context.Background()
	for _, tc := range []struct{ path, want string }{
		{"/big", "size limit"},
		{"/loop/0", "more than 3 redirects"},
		{"/ftp", "unsupported scheme"},
		{"/missing", "HTTP 404"},
	} {
		if _, err := c.Get(ctx, srv.URL+tc.path); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Get(%s) error = %v, want %q", tc.path, err, tc.want)
		}
	}
	doc, err := c.Get(ctx, srv.URL+"/ok")
	if err != nil || doc.ContentType != "text/html" || string(doc.Body) != "<html><body>hi</body></html>" {
		t.Errorf("Get(/ok) = %+v, %v", doc, err)
	}
	if _, err := c.Get(ctx, "file:///etc/passwd"); err == nil {
		t.Error("file URL fetched")
	}
	strict := New(Options{})
	if _, err := strict.Get(ctx, srv.URL+"/ok"); !errors.Is(err, ErrPrivateAddress) {
		t.Errorf("loopback without AllowPrivate: %v, want ErrPrivateAddress", err)
	}
}
