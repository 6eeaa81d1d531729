package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/tocsin/tocsin/internal/crosscheck"
	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
)

// eventQuery reads the event filters shared by the API and the UI.
func eventQuery(q url.Values) (store.EventQuery, error) {
	var eq store.EventQuery
	var err error
	if eq.Since, err = timeParam(q, "since"); err != nil {
		return eq, err
	}
	if eq.Until, err = timeParam(q, "until"); err != nil {
		return eq, err
	}
	eq.Type, eq.Country, eq.Place = q.Get("type"), q.Get("country"), q.Get("place")
	eq.Entity, eq.Lang, eq.Search = q.Get("entity"), q.Get("lang"), strings.TrimSpace(q.Get("q"))
	if v := q.Get("min_sources"); v != "" {
		if eq.MinSources, err = strconv.Atoi(v); err != nil || eq.MinSources < 0 {
			return eq, badParam("min_sources", v, "a number ≥ 0")
		}
	}
	if v := q.Get("bbox"); v != "" {
		if eq.BBox, err = parseBBox(v); err != nil {
			return eq, err
		}
	}
	return eq, nil
}

func parseBBox(v string) (*store.BBox, error) {
	bad := badParam("bbox", v, "minLon,minLat,maxLon,maxLat in degrees")
	parts := strings.Split(v, ",")
	if len(parts) != 4 {
		return nil, bad
	}
	var f [4]float64
	for i, p := range parts {
		x, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return nil, bad
		}
		f[i] = x
	}
	if f[0] < -180 || f[2] > 180 || f[1] < -90 || f[3] > 90 || f[1] > f[3] || f[0] > 180 || f[2] < -180 {
		return nil, bad
	}
	return &store.BBox{MinLon: f[0], MinLat: f[1], MaxLon: f[2], MaxLat: f[3]}, nil
}

// queryEvents lists the page of events r asks for, with one more than the
// limit so that page can tell whether another page follows. The API and
// the event list page read the same filters.
func (s *Server) queryEvents(r *http.Request) (list []news.Event, limit, offset int, err error) {
	q := r.URL.Query()
	if limit, offset, err = paging(q); err != nil {
		return nil, 0, 0, err
	}
	eq, err := eventQuery(q)
	if err != nil {
		return nil, 0, 0, err
	}
	eq.Limit, eq.Offset = limit+1, offset
	list, err = s.cfg.Store.Events(r.Context(), eq)
	return list, limit, offset, err
}

func (s *Server) listEvents(w http.ResponseWriter, r *http.Request) {
	list, limit, offset, err := s.queryEvents(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, r, page(w, r, list, limit, offset))
}

// errReportTimeout answers 503: the event exists but its report took too
// long to compile.
var errReportTimeout = errors.New("the event's report took too long to compile; try again later")

// ArticleRow is an article of an event as the event detail lists it:
// enough to cite and link it, without its text.
type ArticleRow struct {
	ID        string     `json:"id"`
	Title     string     `json:"title"`
	URL       string     `json:"url,omitempty"`
	Source    string     `json:"source,omitempty"`
	Agency    string     `json:"agency,omitempty"`
	Lang      string     `json:"lang"`
	Published *time.Time `json:"published"`
	Score     float64    `json:"score"`
	Created   bool       `json:"created_event"`
}

// EventDetail is the cross-checked report of an event with its articles.
type EventDetail struct {
	crosscheck.Report
	Articles []ArticleRow `json:"articles"`
}

// eventDetail answers the detail of event id from the report cache.
func (s *Server) eventDetail(ctx context.Context, id string) (*eventDetail, error) {
	rctx, cancel := context.WithTimeout(ctx, s.cfg.ReportTimeout)
	defer cancel()
	d, err := s.reports.get(rctx, id)
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
		return nil, errReportTimeout
	}
	return d, err
}

// loadDetail cross-checks event id and lists its articles.
func (s *Server) loadDetail(ctx context.Context, id string) (EventDetail, error) {
	rep, err := s.cfg.Reports(ctx, id)
	if err != nil {
		return EventDetail{}, err
	}
	arts, err := s.cfg.Store.EventArticles(ctx, id)
	if err != nil {
		return EventDetail{}, err
	}
	d := EventDetail{Report: rep, Articles: make([]ArticleRow, len(arts))}
	for i, ea := range arts {
		a := ea.Article
		d.Articles[i] = ArticleRow{ID: a.ID, Title: a.Title, URL: a.URL, Source: a.Source, Agency: a.Agency,
			Lang: a.Lang, Published: a.Published, Score: ea.Score, Created: ea.Created}
	}
	return d, nil
}

func (s *Server) getEvent(w http.ResponseWriter, r *http.Request) {
	d, err := s.eventDetail(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	writeBody(w, r, d.tag, d.body)
}

func (s *Server) listStorylines(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, offset, err := paging(q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	eq, err := eventQuery(q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// The store lists whole storylines; the page is cut here.
	lines, err := s.cfg.Store.Storylines(r.Context(), eq)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	lines = lines[min(offset, len(lines)):]
	lines = lines[:min(limit+1, len(lines))]
	writeJSON(w, r, page(w, r, lines, limit, offset))
}
