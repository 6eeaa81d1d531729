package fetch

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
)

// Response is a whole response read by Do.
type Response struct {
	Status int
	Header http.Header
	URL    string // final URL after redirects
	Body   []byte
}

// Do sends req with the same guards as Get — address checks, bounded
// redirects, time and size limits — but returns whatever status came back
// and leaves the content type to the caller: for conditional GETs that
// must see a 304, and for webhooks that POST. It sets the client's
// User-Agent when req has none.
func (c *Client) Do(req *http.Request) (Response, error) {
	if req.URL == nil || (req.URL.Scheme != "http" && req.URL.Scheme != "https") || req.URL.Host == "" {
		return Response{}, fmt.Errorf("not an http(s) URL: %q", req.URL)
	}
	if req.Header.Get("User-Agent") == "" {
		req.Header.Set("User-Agent", c.opts.UserAgent)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) && ue.Timeout() {
			return Response{}, fmt.Errorf("timed out after %s", c.opts.Timeout)
		}
		if errors.Is(err, ErrPrivateAddress) {
			return Response{}, ErrPrivateAddress
		}
		return Response{}, err
	}
	defer resp.Body.Close()
	out := Response{Status: resp.StatusCode, Header: resp.Header, URL: resp.Request.URL.String()}
	if resp.ContentLength > c.opts.MaxSize {
		return out, fmt.Errorf("body of %d bytes exceeds the size limit of %d", resp.ContentLength, c.opts.MaxSize)
	}
	out.Body, err = io.ReadAll(io.LimitReader(resp.Body, c.opts.MaxSize+1))
	if err != nil {
		if isTimeout(err) {
			return out, fmt.Errorf("timed out after %s", c.opts.Timeout)
		}
		return out, fmt.Errorf("read body: %w", err)
	}
	if int64(len(out.Body)) > c.opts.MaxSize {
		return out, fmt.Errorf("body exceeds the size limit of %d bytes", c.opts.MaxSize)
	}
	return out, nil
}
