package web

import (
	"fmt"
	"sort"
	"time"

	"github.com/tocsin/tocsin/internal/crosscheck"
)

// Chart is the figures of a ledger over time, one line per kind of figure
// and one point per report, drawn as SVG by the template.
type Chart struct {
	Width, Height float64
	Left, Bottom  float64 // plot edges
	Series        []Series
	From, To      string // x axis labels
	Max           int    // y axis top
	Undated       int    // ledger rows left out for want of a date
}

// Series is one kind of figure.
type Series struct {
	Kind   string
	Class  string // CSS class giving the kind its colour
	Points []Point
	Line   string // SVG polyline points
}

// Point is one reported figure.
type Point struct {
	X, Y    float64
	Title   string
	Flagged bool // part of a revision or contradiction
	Row     int  // ledger row
}

var kindClass = map[string]string{"killed": "k0", "injured": "k1", "detained": "k2", "missing": "k3", "evacuated": "k4"}

// newChart lays out the dated rows of a ledger; nil when none is dated.
func newChart(ledger []crosscheck.Entry, flagged map[int]bool) *Chart {
	c := &Chart{Width: 640, Height: 260, Left: 48, Bottom: 230}
	var from, to time.Time
	for _, e := range ledger {
		if e.Published == nil {
			c.Undated++
			continue
		}
		if from.IsZero() || e.Published.Before(from) {
			from = *e.Published
		}
		if e.Published.After(to) {
			to = *e.Published
		}
		c.Max = max(c.Max, e.Value)
	}
	if from.IsZero() {
		return nil
	}
	c.Max = max(c.Max, 1)
	span := to.Sub(from)
	plotW, plotH := c.Width-c.Left-16, c.Bottom-16
	byKind := map[string]*Series{}
	var kinds []string
	for i, e := range ledger {
		if e.Published == nil {
			continue
		}
		x := c.Left + plotW/2
		if span > 0 {
			x = c.Left + plotW*float64(e.Published.Sub(from))/float64(span)
		}
		y := c.Bottom - plotH*float64(e.Value)/float64(c.Max)
		s := byKind[e.Kind]
		if s == nil {
			class := kindClass[e.Kind]
			if class == "" {
				class = "k5"
			}
			s = &Series{Kind: e.Kind, Class: class}
			byKind[e.Kind] = s
			kinds = append(kinds, e.Kind)
		}
		src := e.Source
		if src == "" {
			src = e.Article
		}
		s.Points = append(s.Points, Point{X: x, Y: y, Row: i, Flagged: flagged[i],
			Title: fmt.Sprintf("%s, %s: %s (%d %s)", src, e.Published.UTC().Format("2 Jan 15:04"), e.Text, e.Value, e.Kind)})
	}
	for _, k := range kinds {
		s := byKind[k]
		sort.SliceStable(s.Points, func(i, j int) bool { return s.Points[i].X < s.Points[j].X })
		for i, p := range s.Points {
			if i > 0 {
				s.Line += " "
			}
			s.Line += fmt.Sprintf("%.1f,%.1f", p.X, p.Y)
		}
		c.Series = append(c.Series, *s)
	}
	c.From, c.To = from.UTC().Format("2 Jan 2006 15:04"), to.UTC().Format("2 Jan 2006 15:04")
	return c
}
