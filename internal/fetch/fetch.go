// Package fetch downloads documents over HTTP(S) safely: bounded in time and
// size, with few redirects, checked content types, and no connection to
// loopback, private, link-local or other internal addresses unless the caller
// allows them. It knows nothing about what the documents contain.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// Options bound a Client.
type Options struct {
	Timeout      time.Duration // whole request, body included; default 30s
	MaxSize      int64         // largest body accepted; default 16 MiB
	MaxRedirects int           // default 5
	AllowPrivate bool          // permit loopback, private and link-local addresses
	UserAgent    string
}

// Client fetches documents.
type Client struct {
	opts Options
	http *http.Client
}

// Document is a fetched body with what the server said about it.
type Document struct {
	URL         string // final URL after redirects
	ContentType string // media type without parameters
	Body        []byte
}

// ErrPrivateAddress is returned when a host resolves to an address the client
// must not reach.
var ErrPrivateAddress = errors.New("refusing to connect to a private, loopback or link-local address")

// accepted lists the media types worth reading as news.
var accepted = map[string]bool{
	"text/html": true, "application/xhtml+xml": true, "text/plain": true, "application/json": true,
	"application/x-ndjson": true, "application/jsonl": true, "application/x-jsonlines": true,
	"text/xml": true, "application/xml": true, "application/rss+xml": true, "application/atom+xml": true,
	"application/feed+json": true, "": true,
}

// New returns a Client with opts, defaults filled in.
func New(opts Options) *Client {
	if opts.Timeout <= 0 {
		opts.Timeout = 30 * time.Second
	}
	if opts.MaxSize <= 0 {
		opts.MaxSize = 16 << 20
	}
	if opts.MaxRedirects <= 0 {
		opts.MaxRedirects = 5
	}
	if opts.UserAgent == "" {
		opts.UserAgent = "Tocsin/0.1 (news event monitor)"
	}
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	if !opts.AllowPrivate {
		dialer.Control = refusePrivate
	}
	transport := &http.Transport{
		Proxy:                 nil, // a proxy would hide the real destination from the address check
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       60 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: opts.Timeout,
	}
	c := &Client{opts: opts}
	c.http = &http.Client{
		Transport: transport,
		Timeout:   opts.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > opts.MaxRedirects {
				return fmt.Errorf("more than %d redirects", opts.MaxRedirects)
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirect to unsupported scheme %q", req.URL.Scheme)
			}
			return nil
		},
	}
	return c
}

// refusePrivate runs after name resolution, on the address actually dialled,
// so a name that resolves to an internal address is caught too.
func refusePrivate(network, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return err
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return fmt.Errorf("dial %s: %w", address, err)
	}
	if !Public(ip) {
		return fmt.Errorf("%s: %w", ip, ErrPrivateAddress)
	}
	return nil
}

// cgnat is the shared address space of carrier-grade NAT (RFC 6598).
var cgnat = netip.MustParsePrefix("100.64.0.0/10")

// Public reports whether ip is a globally routable unicast address.
func Public(ip netip.Addr) bool {
	ip = ip.Unmap()
	return ip.IsGlobalUnicast() && !ip.IsPrivate() && !ip.IsLoopback() && !ip.IsLinkLocalUnicast() && !cgnat.Contains(ip)
}

// Get fetches rawURL.
func (c *Client) Get(ctx context.Context, rawURL string) (Document, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Document{}, fmt.Errorf("not an http(s) URL: %q", rawURL)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return Document{}, err
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/json;q=0.9,text/plain;q=0.8,*/*;q=0.1")
	resp, err := c.http.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) && ue.Timeout() {
			return Document{}, fmt.Errorf("timed out after %s", c.opts.Timeout)
		}
		if errors.Is(err, ErrPrivateAddress) {
			return Document{}, ErrPrivateAddress
		}
		return Document{}, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return Document{}, fmt.Errorf("HTTP %s", resp.Status)
	}
	mediaType, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	mediaType = strings.ToLower(mediaType)
	if !accepted[mediaType] {
		return Document{}, fmt.Errorf("unsupported content type %q", mediaType)
	}
	if resp.ContentLength > c.opts.MaxSize {
		return Document{}, fmt.Errorf("body of %d bytes exceeds the size limit of %d", resp.ContentLength, c.opts.MaxSize)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.opts.MaxSize+1))
	if err != nil {
		if isTimeout(err) || errors.Is(err, context.DeadlineExceeded) {
			return Document{}, fmt.Errorf("timed out after %s", c.opts.Timeout)
		}
		return Document{}, fmt.Errorf("read body: %w", err)
	}
	if int64(len(body)) > c.opts.MaxSize {
		return Document{}, fmt.Errorf("body exceeds the size limit of %d bytes", c.opts.MaxSize)
	}
	return Document{URL: resp.Request.URL.String(), ContentType: mediaType, Body: body}, nil
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
