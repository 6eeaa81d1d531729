package web

import (
	"strings"
	"testing"
	"time"

	"github.com/tocsin/tocsin/internal/crosscheck"
	"github.com/tocsin/tocsin/internal/news"
)

func TestProject(t *testing.T) {
	for _, tc := range []struct{ lon, lat, x, y float64 }{
		{-180, 90, 0, 0},
		{0, 0, 720, 360},
		{180, -90, 1440, 720},
		{37.62, 55.75, 870.48, 137},
	} {
		x, y := project(tc.lon, tc.lat)
		if abs(x-tc.x) > 0.01 || abs(y-tc.y) > 0.01 {
			t.Errorf("project(%v, %v) = %v, %v; want %v, %v", tc.lon, tc.lat, x, y, tc.x, tc.y)
		}
	}
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

func TestCountries(t *testing.T) {
	cs, err := loadCountries()
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, c := range cs {
		names[c.Name] = true
		if !strings.HasPrefix(c.Path, "M") || !strings.HasSuffix(c.Path, "z") {
			t.Errorf("%s: path %.20q… is not a closed SVG path", c.Name, c.Path)
		}
	}
	for _, want := range []string{"Russia", "Spain", "Brazil", "Fiji", "Australia"} {
		if !names[want] {
			t.Errorf("no outline for %s among %d countries", want, len(cs))
		}
	}
}

func TestNewMapFrames(t *testing.T) {
	whole := newMap(nil, nil, false)
	if whole.ViewBox != "0 0 1440 720" {
		t.Errorf("map without markers frames %q, want the world", whole.ViewBox)
	}
	x, y := project(37.62, 55.75)
	one := newMap(nil, []Marker{{X: x, Y: y, R: 3}}, false)
	if one.ViewBox != "790 97 160 80" {
		t.Errorf("map of Moscow frames %q, want a 40°×20° window around it", one.ViewBox)
	}
	ex, ey := project(179, -18)
	edge := newMap(nil, []Marker{{X: ex, Y: ey}}, false)
	if edge.ViewBox != "1280 392 160 80" {
		t.Errorf("map near the antimeridian frames %q, want the window kept inside the world", edge.ViewBox)
	}
}

func TestChart(t *testing.T) {
	t0 := time.Date(2024, 3, 22, 18, 0, 0, 0, time.UTC)
	at := func(h int) *time.Time { v := t0.Add(time.Duration(h) * time.Hour); return &v }
	ledger := []crosscheck.Entry{
		{Ref: crosscheck.Ref{Source: "a.example", Published: at(0)}, Kind: news.Killed, Value: 40},
		{Ref: crosscheck.Ref{Source: "b.example", Published: at(10)}, Kind: news.Killed, Value: 143},
		{Ref: crosscheck.Ref{Source: "a.example", Published: at(5)}, Kind: news.Injured, Value: 100},
		{Ref: crosscheck.Ref{Source: "c.example"}, Kind: news.Killed, Value: 60},
	}
	c := newChart(ledger, map[int]bool{1: true})
	if c == nil || len(c.Series) != 2 || c.Max != 143 || c.Undated != 1 {
		t.Fatalf("chart = %+v", c)
	}
	killed := c.Series[0]
	if killed.Kind != news.Killed || len(killed.Points) != 2 || !killed.Points[1].Flagged || killed.Points[0].Flagged {
		t.Errorf("killed series = %+v", killed)
	}
	first, last := killed.Points[0], killed.Points[1]
	if first.X != c.Left || last.X != c.Width-16 || last.Y != 16 || first.Y <= last.Y {
		t.Errorf("points %+v %+v: want the first at the left edge, the largest at the top right", first, last)
	}
	if mid := c.Series[1].Points[0]; mid.X <= first.X || mid.X >= last.X {
		t.Errorf("injured point at x=%v, want between %v and %v", mid.X, first.X, last.X)
	}
	if !strings.Contains(last.Title, "b.example") {
		t.Errorf("point title %q does not name its source", last.Title)
	}
	if newChart(ledger[3:], nil) != nil {
		t.Error("a ledger with no dated row gives a chart")
	}
}

func TestTileSource(t *testing.T) {
	for _, bad := range []string{"", "ftp://t.example/{z}/{x}/{y}.png", "https://t.example/tiles.png", "javascript:{z}{x}{y}", "https:///{z}/{x}/{y}"} {
		if _, err := newTileSource(bad); err == nil {
			t.Errorf("tile URL %q accepted", bad)
		}
	}
	ts, err := newTileSource("https://t.example:8443/{z}/{x}/{y}.png")
	if err != nil || ts.origin != "https://t.example:8443" {
		t.Fatalf("origin %v, %v", ts, err)
	}
	// Moscow at zoom 7 is tile 77/40 (the standard slippy-map numbering).
	tile := ts.tile(37.62, 55.75)
	if tile.URL != "https://t.example:8443/7/77/40.png" || tile.X < 0 || tile.X >= 256 || tile.Y < 0 || tile.Y >= 256 {
		t.Errorf("tile = %+v", tile)
	}
}

func TestTileOnEventPage(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.TileURL = "https://tiles.example/{z}/{x}/{y}.png" })
	e.ingestFixtures(t)
	ev := e.eventOf(t, "quake-1")
	res, b := e.get(t, "/events/"+ev.ID)
	if !strings.Contains(string(b), `<image href="https://tiles.example/7/`) {
		t.Errorf("event page has no tile image")
	}
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "img-src 'self' data: https://tiles.example;") {
		t.Errorf("CSP %q does not allow the tile server's images", csp)
	}
}

func TestEventPage(t *testing.T) {
	e := newEnv(t, nil)
	e.ingestFixtures(t)
	flood := e.eventOf(t, "flood-1")
	res, b := e.get(t, "/events/"+flood.ID)
	page := string(b)
	if res.StatusCode != 200 {
		t.Fatalf("%d: %s", res.StatusCode, b)
	}
	for _, want := range []string{
		`<tr id="ledger-0" class="revision">`, // the hand-built finding covers rows 0 and 1
		`<tr id="ledger-1" class="revision">`,
		`<li class="revision"><strong>revision</strong> (killed): the toll rose from 12 to 40</li>`,
		`<figure class="chart" id="chart">`,
		`<a href="#ledger-1"><circle`,
		`<strong>40 killed</strong>`,
		`<a href="https://harbourtimes.example/valencia-floods" rel="noopener noreferrer nofollow">Floods kill at least 12 people in Valencia</a>`,
		`data-live="` + flood.ID + `"`,
		`<g class="markers"><circle`,
		// An undated happening says so, keeps its weekday and clock, and
		// its text is escaped.
		`<span class="undated">date unknown · Friday · 20:30</span> Sirens &lt;script&gt;alert(1)&lt;/script&gt; at dusk`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("event page lacks %s", want)
		}
	}
}

func TestEventListPaging(t *testing.T) {
	e := newEnv(t, nil)
	e.ingestFixtures(t)
	_, first := e.get(t, "/?limit=2")
	if !strings.Contains(string(first), `<a rel="next" href="/?limit=2&amp;offset=2">`) || strings.Contains(string(first), `rel="prev"`) {
		t.Errorf("first page links: %s", pagesNav(string(first)))
	}
	_, second := e.get(t, "/?limit=2&offset=2")
	if !strings.Contains(string(second), `<a rel="prev" href="/?limit=2&amp;offset=0">`) {
		t.Errorf("second page links: %s", pagesNav(string(second)))
	}
	if _, b := e.get(t, "/?type=disaster&q=Valencia"); !strings.Contains(string(b), `<option value="disaster" selected>`) || !strings.Contains(string(b), `value="Valencia"`) {
		t.Errorf("the filter form does not keep the filters")
	}
}

func pagesNav(page string) string {
	if i := strings.Index(page, `<nav class="pages"`); i >= 0 {
		return page[i:min(len(page), i+200)]
	}
	return "no paging nav"
}

func TestCasualtyRadius(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want float64
	}{{0, 2}, {16, 4}, {64, 6}, {343, 10}, {100000, 10}} {
		if got := casualtyRadius(tc.n); abs(got-tc.want) > 1e-9 {
			t.Errorf("casualtyRadius(%d) = %v, want %v", tc.n, got, tc.want)
		}
	}
}
