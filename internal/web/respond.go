package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/tocsin/tocsin/internal/store"
)

// apiError is the one shape of every error the API returns.
type apiError struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func writeError(w http.ResponseWriter, status int, code, message string) {
	var e apiError
	e.Error.Code, e.Error.Message = code, message
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(e)
}

// badRequest is an error in what the client asked for.
type badRequest struct{ msg string }

func (b badRequest) Error() string { return b.msg }

func badParam(name, value, want string) error {
	return badRequest{fmt.Sprintf("parameter %s=%q: want %s", name, value, want)}
}

// fail answers err with the status it calls for.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var br badRequest
	switch {
	case r.Context().Err() != nil:
		return // the client left: nobody to answer, nothing wrong here
	case errors.As(err, &br):
		writeError(w, http.StatusBadRequest, "bad_request", br.msg)
	case errors.Is(err, store.ErrNotFound):
		writeError(w, http.StatusNotFound, "not_found", err.Error())
	case errors.Is(err, errReportTimeout):
		s.log.Warn("report timed out", "path", r.URL.Path)
		writeError(w, http.StatusServiceUnavailable, "report_timeout", err.Error())
	default:
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		writeError(w, http.StatusInternalServerError, "internal", "the server failed to answer; see its log")
	}
}

// writeJSON sends v with an ETag of its bytes, or 304 when the client has
// them already.
func writeJSON(w http.ResponseWriter, r *http.Request, v any) {
	body, err := encodeJSON(v)
	if err != nil {
		writeError(w, http.StatusInternalServerError, "internal", "encode response: "+err.Error())
		return
	}
	writeTagged(w, r, "application/json", body)
}

func encodeJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeTagged sends body with a strong ETag, honouring If-None-Match.
func writeTagged(w http.ResponseWriter, r *http.Request, contentType string, body []byte) {
	w.Header().Set("Content-Type", contentType)
	writeBody(w, r, etagOf(body), body)
}

// etagOf is a strong ETag of body.
func etagOf(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`
}

// writeBody sends body, whose Content-Type is set, with ETag tag, or 304
// when If-None-Match has it.
func writeBody(w http.ResponseWriter, r *http.Request, tag string, body []byte) {
	h := w.Header()
	h.Set("ETag", tag)
	h.Set("Cache-Control", "no-cache") // revalidate: the store changes as articles arrive
	if matches(r.Header.Get("If-None-Match"), tag) {
		h.Del("Content-Type")
		h.Del("Content-Length")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

func matches(header, tag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == tag {
			return true
		}
	}
	return false
}

// Page is one page of a listing: Next is the URL of the following page,
// absent on the last.
type Page[T any] struct {
	Items  []T    `json:"items"`
	Limit  int    `json:"limit"`
	Offset int    `json:"offset"`
	Next   string `json:"next,omitempty"`
}

const (
	defaultLimit = 50
	maxLimit     = 500
)

// paging reads limit and offset.
func paging(q url.Values) (limit, offset int, err error) {
	limit, offset = defaultLimit, 0
	if v := q.Get("limit"); v != "" {
		if limit, err = strconv.Atoi(v); err != nil || limit < 1 || limit > maxLimit {
			return 0, 0, badParam("limit", v, fmt.Sprintf("a number from 1 to %d", maxLimit))
		}
	}
	if v := q.Get("offset"); v != "" {
		if offset, err = strconv.Atoi(v); err != nil || offset < 0 {
			return 0, 0, badParam("offset", v, "a number ≥ 0")
		}
	}
	return limit, offset, nil
}

// page makes a Page of items fetched with limit+1, so that one more item
// than asked for tells there is a next page, and sets the Link header.
func page[T any](w http.ResponseWriter, r *http.Request, items []T, limit, offset int) Page[T] {
	p := Page[T]{Items: items, Limit: limit, Offset: offset}
	if p.Items == nil {
		p.Items = []T{}
	}
	if len(items) > limit {
		p.Items = items[:limit]
		q := r.URL.Query()
		q.Set("offset", strconv.Itoa(offset+limit))
		q.Set("limit", strconv.Itoa(limit))
		p.Next = r.URL.Path + "?" + q.Encode()
		w.Header().Set("Link", "<"+p.Next+`>; rel="next"`)
	}
	return p
}

// timeParam reads an RFC 3339 time or a date.
func timeParam(q url.Values, name string) (time.Time, error) {
	v := q.Get(name)
	if v == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, nil
		}
	}
	return time.Time{}, badParam(name, v, "an RFC 3339 time or a date (2024-03-22)")
}
