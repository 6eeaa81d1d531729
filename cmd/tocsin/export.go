package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/tocsin/tocsin/internal/crosscheck"
	"github.com/tocsin/tocsin/internal/news"
)

// exports are the subcommands of "tocsin export", by what they write.
func exports() map[string]func(ctx context.Context, args []string) error {
	return map[string]func(ctx context.Context, args []string) error{
		"events":   runExportEvents,
		"articles": runExportArticles,
	}
}

func runExport(ctx context.Context, args []string) error {
	subs := exports()
	if len(args) > 0 {
		if run, ok := subs[args[0]]; ok {
			return run(ctx, args[1:])
		}
	}
	names := make([]string, 0, len(subs))
	for n := range subs {
		names = append(names, n)
	}
	sort.Strings(names)
	return fmt.Errorf("%w: want 'tocsin export %s [flags]'", errUsage, strings.Join(names, "|"))
}

func runExportEvents(ctx context.Context, args []string) error {
	fs := newFlags("export events", "[flags]\n\nWrites the cross-checked events selected by the filters: csv (one ACLED-like row per event),\njsonl (one report per line) or geojson (a FeatureCollection of the events with a place).")
	db := dbFlag(fs)
	format := fs.String("format", "csv", "csv, jsonl or geojson (fields in docs/json.md)")
	query := eventFilters(fs)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	switch *format {
	case "csv", "jsonl", "geojson":
	default:
		return fmt.Errorf("%w: --format %q: want csv, jsonl or geojson", errUsage, *format)
	}
	q, err := query()
	if err != nil {
		return err
	}
	// An export is of every selected event unless --limit says otherwise.
	limited := false
	fs.Visit(func(f *flag.Flag) { limited = limited || f.Name == "limit" })
	if !limited {
		q.Limit = 0
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	events, err := st.Events(ctx, q)
	if err != nil {
		return err
	}
	reports := make([]crosscheck.Report, 0, len(events))
	loader := crosscheck.NewLoader(st) // the events of a storyline share their timeline parts
	for _, e := range events {
		r, err := loader.Load(ctx, e.ID)
		if err != nil {
			return fmt.Errorf("event %s: %w", e.ID, err)
		}
		reports = append(reports, r)
	}
	switch *format {
	case "jsonl":
		enc := json.NewEncoder(os.Stdout)
		enc.SetEscapeHTML(false)
		for _, r := range reports {
			if err := enc.Encode(r); err != nil {
				return err
			}
		}
		return nil
	case "geojson":
		return writeGeoJSON(os.Stdout, reports)
	}
	return writeEventsCSV(os.Stdout, reports)
}

// eventsCSVHeader is the ACLED-like CSV layout (docs/json.md).
var eventsCSVHeader = []string{"event_id", "event_date", "event_type", "actors", "place", "country", "latitude", "longitude",
	"fatalities", "injured", "detained", "independent_sources", "sources", "notes"}

func writeEventsCSV(w io.Writer, reports []crosscheck.Report) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(eventsCSVHeader); err != nil {
		return err
	}
	for _, r := range reports {
		e := r.Event
		date := ""
		switch {
		case r.Main.When != nil:
			date = r.Main.When.UTC().Format("2006-01-02")
		case e.First != nil:
			date = e.First.UTC().Format("2006-01-02")
		}
		place, country, lat, lon := "", "", "", ""
		if p := e.Place; p != nil {
			place, country = p.Name, p.Country
			lat, lon = strconv.FormatFloat(p.Lat, 'f', 5, 64), strconv.FormatFloat(p.Lon, 'f', 5, 64)
		}
		var outlets []string
		for _, o := range r.Sources.Outlets {
			outlets = append(outlets, o.Name)
		}
		rec := []string{e.ID, date, e.Type, strings.Join(actors(r), "; "), place, country, lat, lon,
			estimateOf(r, news.Killed), estimateOf(r, news.Injured), estimateOf(r, news.Detained),
			strconv.Itoa(r.Sources.Independent), strings.Join(outlets, "; "), notes(r)}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// actors are the 5W1H who and the actors of the claims table, once each.
func actors(r crosscheck.Report) []string {
	var out []string
	add := func(s string) {
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	add(r.Main.Who)
	for _, c := range r.Claims {
		add(c.Actor)
	}
	return out
}

// estimateOf is the best estimate of a kind, "" when none is reported.
func estimateOf(r crosscheck.Report, kind string) string {
	for _, e := range r.Estimates {
		if e.Kind == kind {
			return strconv.Itoa(e.Value)
		}
	}
	return ""
}

// notes is the headline, then the estimates' ranges and the findings.
func notes(r crosscheck.Report) string {
	parts := []string{r.Headline}
	for _, e := range r.Estimates {
		if e.High > 0 {
			parts = append(parts, fmt.Sprintf("%s reported %d–%d", e.Kind, e.Low, e.High))
		}
	}
	for _, f := range r.Findings {
		parts = append(parts, f.Explanation)
	}
	return strings.Join(parts, " | ")
}

// geoFeature is an RFC 7946 Feature; geometry is null for events without
// a place.
type geoFeature struct {
	Type       string         `json:"type"`
	ID         string         `json:"id"`
	Geometry   *geoPoint      `json:"geometry"`
	Properties map[string]any `json:"properties"`
}

type geoPoint struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"` // longitude, latitude
}

func writeGeoJSON(w io.Writer, reports []crosscheck.Report) error {
	fc := struct {
		Type     string       `json:"type"`
		Features []geoFeature `json:"features"`
	}{Type: "FeatureCollection", Features: []geoFeature{}}
	for _, r := range reports {
		e := r.Event
		f := geoFeature{Type: "Feature", ID: e.ID, Properties: map[string]any{
			"title": r.Headline, "type": e.Type, "first_seen": e.First, "last_seen": e.Last, "articles": e.Articles,
			"independent_sources": r.Sources.Independent, "actors": actors(r),
		}}
		if e.Place != nil {
			f.Geometry = &geoPoint{Type: "Point", Coordinates: [2]float64{e.Place.Lon, e.Place.Lat}}
			f.Properties["place"] = e.Place.Name
			f.Properties["country"] = e.Place.Country
		}
		for _, est := range r.Estimates {
			f.Properties[est.Kind] = est.Value
		}
		fc.Features = append(fc.Features, f)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(fc)
}
