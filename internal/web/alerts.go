package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/tocsin/tocsin/internal/store"
	"github.com/tocsin/tocsin/internal/watch"
)

var errNoSuchPage = fmt.Errorf("no such page: %w", store.ErrNotFound)

// alertQuery reads the filters of an alert listing: rule (an id) and since.
func alertQuery(q url.Values) (store.AlertQuery, error) {
	var aq store.AlertQuery
	if v := q.Get("rule"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return aq, badParam("rule", v, "a rule id")
		}
		aq.Rule = id
	}
	var err error
	aq.Since, err = timeParam(q, "since")
	return aq, err
}

// latestAlerts returns a page of alerts, newest first: the store keeps
// them in the order raised and returns the latest n of them.
func latestAlerts(r *http.Request, ws store.Watches, aq store.AlertQuery, limit, offset int) ([]store.Alert, error) {
	aq.Limit = offset + limit + 1
	list, err := ws.Alerts(r.Context(), aq)
	if err != nil {
		return nil, err
	}
	slices.Reverse(list)
	if offset >= len(list) {
		return nil, nil
	}
	return list[offset:], nil
}

func (s *Server) listAlerts(w http.ResponseWriter, r *http.Request) {
	ws, ok := s.watches(w, r, false)
	if !ok {
		return
	}
	q := r.URL.Query()
	limit, offset, err := paging(q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	aq, err := alertQuery(q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	list, err := latestAlerts(r, ws, aq, limit, offset)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, r, page(w, r, list, limit, offset))
}

func (s *Server) listDeliveries(w http.ResponseWriter, r *http.Request) {
	ws, ok := s.watches(w, r, false)
	if !ok {
		return
	}
	id, err := pathID(r, "alert")
	var list []store.Delivery
	if err == nil {
		list, err = ws.Deliveries(r.Context(), id)
	}
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

// atomFeed serves /alerts/{rule}.atom.
func (s *Server) atomFeed(w http.ResponseWriter, r *http.Request) {
	ws, ok := s.watches(w, r, true)
	if !ok {
		return
	}
	if !strings.HasSuffix(r.PathValue("file"), ".atom") {
		s.failPage(w, r, errNoSuchPage)
		return
	}
	base := s.cfg.BaseURL
	if base == "" {
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		base = scheme + "://" + r.Host
	}
	watch.AtomHandler(ws, base).ServeHTTP(w, r)
}

// alertRow is an alert as the alerts page shows it.
type alertRow struct {
	store.Alert
	RuleName string
	Figures  string
}

func (s *Server) alertsPage(w http.ResponseWriter, r *http.Request) {
	ws, ok := s.watches(w, r, true)
	if !ok {
		return
	}
	q := r.URL.Query()
	aq, err := alertQuery(q)
	if err != nil {
		s.failPage(w, r, err)
		return
	}
	rules, err := ws.Rules(r.Context())
	if err != nil {
		s.failPage(w, r, err)
		return
	}
	names := map[int64]string{}
	for _, rule := range rules {
		names[rule.ID] = rule.Name
	}
	list, err := latestAlerts(r, ws, aq, 100, 0)
	if err != nil {
		s.failPage(w, r, err)
		return
	}
	rows := make([]alertRow, 0, len(list))
	for _, a := range list[:min(len(list), 100)] {
		rows = append(rows, alertRow{Alert: a, RuleName: names[a.Rule], Figures: watch.FormatFigures(a.Figures)})
	}
	s.render(w, r, "alerts", "Alerts", struct {
		Alerts []alertRow
		Rules  []store.Rule
		Rule   int64
	}{rows, rules, aq.Rule})
}
