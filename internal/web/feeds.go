package web

import (
	"context"
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

// errNoWatches is the error of feed, rule and alert endpoints on a store
// that keeps none.
var errNoWatches = fmt.Errorf("this server keeps no feeds, rules or alerts: %w", store.ErrNotFound)

// watches returns the store of feeds, rules and alerts, or fails the
// request when there is none.
func (s *Server) watches(w http.ResponseWriter, r *http.Request, page bool) (store.Watches, bool) {
	if s.cfg.Watches != nil {
		return s.cfg.Watches, true
	}
	if page {
		s.failPage(w, r, errNoWatches)
	} else {
		s.fail(w, r, errNoWatches)
	}
	return nil, false
}

// pathID reads the numeric {id} of a path.
func pathID(r *http.Request, what string) (int64, error) {
	v := r.PathValue("id")
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("%s %q: %w", what, v, store.ErrNotFound)
	}
	return id, nil
}

// slicePage pages a list the store returns whole.
func slicePage[T any](w http.ResponseWriter, r *http.Request, all []T) (Page[T], error) {
	limit, offset, err := paging(r.URL.Query())
	if err != nil {
		return Page[T]{}, err
	}
	end := min(len(all), offset+limit+1)
	if offset >= len(all) {
		return page[T](w, r, nil, limit, offset), nil
	}
	return page(w, r, all[offset:end], limit, offset), nil
}

func (s *Server) listFeeds(w http.ResponseWriter, r *http.Request) {
	ws, ok := s.watches(w, r, false)
	if !ok {
		return
	}
	list, err := ws.Feeds(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := slicePage(w, r, list)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, r, p)
}

// feedRequest is the body of POST /api/feeds.
type feedRequest struct {
	URL      string `json:"url"`
	Name     string `json:"name"`
	Interval string `json:"interval"` // Go duration; default 10m
}

// minInterval keeps polling polite, as `tocsin feeds add` does.
const minInterval = time.Minute

// feed checks a request and makes the feed to store, with the same
// constraints as `tocsin feeds add`.
func (q feedRequest) feed() (store.Feed, error) {
	u, err := url.Parse(strings.TrimSpace(q.URL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return store.Feed{}, badRequest{fmt.Sprintf("url %q: want an http(s) URL", q.URL)}
	}
	interval := 10 * time.Minute
	if v := strings.TrimSpace(q.Interval); v != "" {
		if interval, err = time.ParseDuration(v); err != nil || interval < minInterval {
			return store.Feed{}, badRequest{fmt.Sprintf("interval %q: want a duration of at least 1m, such as \"15m\"", q.Interval)}
		}
	}
	return store.Feed{URL: u.String(), Name: strings.TrimSpace(q.Name), Interval: interval}, nil
}

func (s *Server) postFeed(w http.ResponseWriter, r *http.Request) {
	ws, ok := s.watches(w, r, false)
	if !ok {
		return
	}
	var req feedRequest
	if err := decodeBody(r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := req.feed()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, err = ws.AddFeed(r.Context(), f)
	if errors.Is(err, store.ErrExists) {
		writeError(w, http.StatusConflict, "exists", strings.TrimSpace(req.URL)+" is already watched")
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/feeds")
	writeCreated(w, f)
}

func (s *Server) deleteFeed(w http.ResponseWriter, r *http.Request) {
	s.remove(w, r, "feed", store.Watches.RemoveFeed)
}

// remove deletes the feed or rule named by the request's path.
func (s *Server) remove(w http.ResponseWriter, r *http.Request, what string, remove func(store.Watches, context.Context, int64) error) {
	ws, ok := s.watches(w, r, false)
	if !ok {
		return
	}
	id, err := pathID(r, what)
	if err == nil {
		err = remove(ws, r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// decodeBody reads a JSON object of at most 64 KiB, refusing unknown
// fields so that a misspelt criterion is not silently dropped.
func decodeBody(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 64<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return badRequest{"body: want a JSON object: " + err.Error()}
	}
	return nil
}

// writeCreated answers 201 with v.
func writeCreated(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusCreated)
	json.NewEncoder(w).Encode(v)
}

// feedRow is a feed as the feeds page shows it.
type feedRow struct {
	store.Feed
	Title string
	Link  string // the feed's URL when it is safe to link
	Due   bool   // the next poll is now: never polled, or overdue
}

// feedsView is what the feeds page shows: the feeds with their health,
// and the form to add one with what was typed and what was wrong with it.
type feedsView struct {
	Feeds  []feedRow
	Form   url.Values
	Error  string
	Added  string // URL of the feed just added
	Writes bool
}

func (s *Server) feedsPage(w http.ResponseWriter, r *http.Request) {
	s.showFeeds(w, r, http.StatusOK, feedsView{Form: url.Values{}, Added: r.URL.Query().Get("added")})
}

func (s *Server) showFeeds(w http.ResponseWriter, r *http.Request, status int, v feedsView) {
	ws, ok := s.watches(w, r, true)
	if !ok {
		return
	}
	list, err := ws.Feeds(r.Context())
	if err != nil {
		s.failPage(w, r, err)
		return
	}
	rows := make([]feedRow, len(list))
	now := time.Now()
	for i, f := range list {
		rows[i] = feedRow{Feed: f, Title: f.Name, Link: safeURL(f.URL), Due: !f.NextPoll.After(now)}
		if rows[i].Title == "" {
			rows[i].Title = f.URL
		}
	}
	v.Feeds, v.Writes = rows, s.cfg.Token != ""
	if status == http.StatusOK {
		s.render(w, r, "feeds", "Feeds", v)
		return
	}
	s.renderRefused(w, r, status, "feeds", "Feeds", v)
}

func (s *Server) postFeedForm(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		s.showFeeds(w, r, http.StatusBadRequest, feedsView{Form: url.Values{}, Error: "The form could not be read."})
		return
	}
	refuse := func(status int, msg string) {
		s.showFeeds(w, r, status, feedsView{Form: keptForm(r.PostForm), Error: msg})
	}
	if status, msg := s.formToken(r); status != 0 {
		refuse(status, msg)
		return
	}
	f, err := feedRequest{URL: r.PostForm.Get("url"), Name: r.PostForm.Get("name"), Interval: r.PostForm.Get("interval")}.feed()
	if err != nil {
		refuse(http.StatusBadRequest, err.Error())
		return
	}
	ws, ok := s.watches(w, r, true)
	if !ok {
		return
	}
	switch _, err := ws.AddFeed(r.Context(), f); {
	case errors.Is(err, store.ErrExists):
		refuse(http.StatusConflict, f.URL+" is already watched.")
		return
	case err != nil:
		s.failPage(w, r, err)
		return
	}
	http.Redirect(w, r, "/feeds?added="+url.QueryEscape(f.URL), http.StatusSeeOther)
}
