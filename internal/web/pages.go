package web

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/tocsin/tocsin/internal/crosscheck"
	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
	"github.com/tocsin/tocsin/internal/watch"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed assets/style.css assets/app.js
var assetFS embed.FS

// pages holds one parsed template set per page, each with the layout.
type pages struct {
	byName    map[string]*template.Template
	countries []Country
}

var funcs = template.FuncMap{
	"when": func(t *time.Time) string {
		if t == nil {
			return "unknown"
		}
		return t.UTC().Format("2 Jan 2006 15:04 UTC")
	},
	"day": func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.UTC().Format("2006-01-02")
	},
	"iso": func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.UTC().Format(time.RFC3339)
	},
	"link":  safeURL,
	"join":  strings.Join,
	"label": func(s string) string { return strings.ReplaceAll(s, "_", " ") },
	"place": func(p *news.Place) string {
		if p == nil {
			return ""
		}
		if p.Country != "" && p.Name != p.Country {
			return p.Name + ", " + p.Country
		}
		return p.Name
	},
	"pathEscape": url.PathEscape,
	"describe":   watch.Describe,
}

// safeURL returns u when it is an http or https URL, "" otherwise: links
// from articles never run script or reach other schemes.
func safeURL(u string) string {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	return u
}

func loadPages() (*pages, error) {
	countries, err := loadCountries()
	if err != nil {
		return nil, err
	}
	p := &pages{byName: map[string]*template.Template{}, countries: countries}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(name, "templates/"), ".html")
		if base == "layout" || base == "map" {
			continue
		}
		t, err := template.New(base).Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/map.html", name)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		p.byName[base] = t
	}
	return p, nil
}

// view is what every page template gets.
type view struct {
	Title string
	Nav   []NavItem
	Path  string
	Live  string // data-live of the body: "list", or an event id
	Data  any
}

// render executes a page into a buffer, so that a template error becomes
// a clean 500 and the page gets an ETag.
func (s *Server) render(w http.ResponseWriter, r *http.Request, name, title string, data any) {
	t := s.pages.byName[name]
	v := view{Title: title, Nav: s.nav, Path: r.URL.Path, Data: data}
	if d, ok := data.(eventPage); ok {
		v.Live = d.Event.ID
	} else if name == "events" {
		v.Live = "list"
	} else if name == "alerts" {
		v.Live = "alerts"
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		s.log.Error("render", "page", name, "err", err)
		http.Error(w, "the page could not be rendered; see the server's log", http.StatusInternalServerError)
		return
	}
	writeTagged(w, r, "text/html; charset=utf-8", buf.Bytes())
}

// failPage answers an error on a UI page.
func (s *Server) failPage(w http.ResponseWriter, r *http.Request, err error) {
	var br badRequest
	status, msg := http.StatusInternalServerError, "The server failed to answer; see its log."
	switch {
	case r.Context().Err() != nil:
		return // the client left

	case errors.As(err, &br):
		status, msg = http.StatusBadRequest, br.msg
	case errors.Is(err, store.ErrNotFound):
		status, msg = http.StatusNotFound, "Not found."
	case errors.Is(err, errReportTimeout):
		status, msg = http.StatusServiceUnavailable, "This event's report took too long to compile; try again later."
		s.log.Warn("report timed out", "path", r.URL.Path)
	default:
		s.log.Error("page failed", "path", r.URL.Path, "err", err)
	}
	var buf bytes.Buffer
	s.pages.byName["error"].ExecuteTemplate(&buf, "layout", view{Title: http.StatusText(status), Nav: s.nav, Data: msg})
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

func (s *Server) registerUI() {
	s.handle("GET /{$}", read, s.eventsPage)
	s.handle("GET /events/{id}", ownTurn, s.eventPage)
	s.handle("GET /map", read, s.mapPage)
	s.handle("GET /storylines", read, s.storylinesPage)
	s.handle("GET /storylines/{id}", read, s.storylinePage)
	s.handle("GET /entities", read, s.entitiesPage)
	s.handle("GET /entities/{id}", read, s.entityPage)
	s.handle("GET /feeds", read, s.feedsPage)
	s.handle("POST /feeds", read, s.postFeedForm)
	s.handle("GET /alerts", read, s.alertsPage)
	s.handle("GET /alerts/{file}", read, s.atomFeed)
	s.handle("GET /rules", read, s.rulesPage)
	// Forms carry the write token in a field (rules.go): the guard's
	// bearer check cannot apply to a browser's form post.
	s.handle("POST /rules", read, s.postRuleForm)
	static, _ := fs.Sub(assetFS, "assets")
	files := http.FileServerFS(static)
	s.handle("GET /static/", read, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		http.StripPrefix("/static/", files).ServeHTTP(w, r)
	})
}

// listPage is an event listing with its filters and paging links.
type listPage struct {
	Events     []news.Event
	Q          url.Values
	Types      []string
	Prev, Next string
	Offset     int
	Map        *WorldMap
}

var eventTypes = []string{news.TypeArmedAttack, news.TypeBombing, news.TypeWarning, news.TypeFoiledPlot,
	news.TypeClaim, news.TypeStatement, news.TypeProtest, news.TypeDisaster, news.TypeOther}

func (s *Server) eventsPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	list, limit, offset, err := s.queryEvents(r)
	if err != nil {
		s.failPage(w, r, err)
		return
	}
	pg := page(w, r, list, limit, offset)
	p := listPage{Events: pg.Items, Q: q, Types: eventTypes, Offset: offset, Next: pg.Next}
	if offset > 0 {
		prev := r.URL.Query()
		prev.Set("offset", strconv.Itoa(max(offset-limit, 0)))
		p.Prev = "/?" + prev.Encode()
	}
	m := newMap(s.pages.countries, eventMarkers(p.Events), true)
	p.Map = &m
	s.render(w, r, "events", "Events", p)
}

// eventMarkers puts each placed event on the map, sized by its
// independent sources.
func eventMarkers(events []news.Event) []Marker {
	var out []Marker
	for _, e := range events {
		if e.Place == nil || (e.Place.Lat == 0 && e.Place.Lon == 0) {
			continue
		}
		x, y := project(e.Place.Lon, e.Place.Lat)
		out = append(out, Marker{X: x, Y: y, R: markerRadius(e.Independent, 2),
			Title: fmt.Sprintf("%s — %s, %d articles, %d sources", e.Title, e.Place.Name, e.Articles, e.Independent),
			Href:  "/events/" + url.PathEscape(e.ID)})
	}
	return out
}

func (s *Server) mapPage(w http.ResponseWriter, r *http.Request) {
	eq, err := eventQuery(r.URL.Query())
	if err != nil {
		s.failPage(w, r, err)
		return
	}
	eq.Limit = 1000
	list, err := s.cfg.Store.Events(r.Context(), eq)
	if err != nil {
		s.failPage(w, r, err)
		return
	}
	m := newMap(s.pages.countries, eventMarkers(list), true)
	s.render(w, r, "worldmap", "Map", struct {
		Map    WorldMap
		Events int
		Q      url.Values
		Types  []string
	}{m, len(list), r.URL.Query(), eventTypes})
}

// eventPage is what the event template shows.
type eventPage struct {
	EventDetail
	Map     WorldMap
	Chart   *Chart
	Flagged map[int]string // ledger row → finding kind
	Tile    *Tile          // online tile around the place, when configured
}

func (s *Server) eventPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.eventDetail(r.Context(), r.PathValue("id"))
	if err != nil {
		s.failPage(w, r, err)
		return
	}
	// The detail took the turns it needed; the page's own work takes one.
	if !s.turns.take(r.Context()) {
		return
	}
	defer s.turns.done()
	p := eventPage{EventDetail: d.EventDetail, Flagged: map[int]string{}}
	flagged := map[int]bool{}
	for _, f := range d.Findings {
		for _, i := range f.Entries {
			flagged[i] = true
			if p.Flagged[i] != crosscheck.Contradiction {
				p.Flagged[i] = f.Kind
			}
		}
	}
	p.Chart = newChart(d.Ledger, flagged)
	var markers []Marker
	if pl := d.Event.Place; pl != nil && !(pl.Lat == 0 && pl.Lon == 0) {
		x, y := project(pl.Lon, pl.Lat)
		markers = append(markers, Marker{X: x, Y: y, R: casualtyRadius(casualties(d.Estimates)), Title: pl.Name})
		if s.tiles != nil {
			t := s.tiles.tile(pl.Lon, pl.Lat)
			p.Tile = &t
		}
	}
	p.Map = newMap(s.pages.countries, markers, false)
	title := d.Headline
	if title == "" {
		title = d.Event.Title
	}
	s.render(w, r, "event", title, p)
}

// casualtyRadius sizes the marker of one event on its 160×80 regional map:
// area grows with casualties, up to an eighth of the window's height.
func casualtyRadius(n int) float64 {
	return math.Min(2+math.Sqrt(float64(max(n, 0)))/2, 10)
}

// casualties adds the best estimates of killed and injured.
func casualties(est []crosscheck.Estimate) int {
	n := 0
	for _, e := range est {
		if e.Kind == news.Killed || e.Kind == news.Injured {
			n += e.Value
		}
	}
	return n
}

func (s *Server) storylinesPage(w http.ResponseWriter, r *http.Request) {
	lines, err := s.cfg.Store.Storylines(r.Context(), store.EventQuery{})
	if err != nil {
		s.failPage(w, r, err)
		return
	}
	s.render(w, r, "storylines", "Storylines", lines)
}

func (s *Server) storylinePage(w http.ResponseWriter, r *http.Request) {
	lines, err := s.cfg.Store.Storylines(r.Context(), store.EventQuery{})
	if err != nil {
		s.failPage(w, r, err)
		return
	}
	for _, l := range lines {
		if l.ID == r.PathValue("id") {
			m := newMap(s.pages.countries, eventMarkers(l.Events), false)
			s.render(w, r, "storyline", l.Title, struct {
				news.Storyline
				Map WorldMap
			}{l, m})
			return
		}
	}
	s.failPage(w, r, fmt.Errorf("storyline %s: %w", r.PathValue("id"), store.ErrNotFound))
}

func (s *Server) entitiesPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	typ, err := entityType(q)
	if err != nil {
		s.failPage(w, r, err)
		return
	}
	list, err := s.cfg.Store.Entities(r.Context(), store.EntityQuery{Type: typ, Limit: 200})
	if err != nil {
		s.failPage(w, r, err)
		return
	}
	s.render(w, r, "entities", "Entities", struct {
		Entities []store.EntityCount
		Type     string
	}{list, typ})
}

func (s *Server) entityPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.entityDetail(r, w)
	if err != nil {
		s.failPage(w, r, err)
		return
	}
	m := newMap(s.pages.countries, eventMarkers(d.Events.Items), false)
	s.render(w, r, "entity", d.Name, struct {
		EntityDetail
		Map WorldMap
	}{d, m})
}
