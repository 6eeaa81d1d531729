// Command mapgen converts Natural Earth country outlines, as the npm
// package world-atlas ships them (TopoJSON, countries-110m.json), into the
// compact file the web UI embeds: one country a line, "id<TAB>name<TAB>SVG
// path", in the equirectangular projection of package web (x = (lon+180)·4,
// y = (90−lat)·4, whole numbers). It runs at development time only:
//
//	npm pack world-atlas@2 && tar xzf world-atlas-2.*.tgz
//	go run ./internal/web/internal/mapgen package/countries-110m.json > internal/web/assets/countries.tsv
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
)

// scale is units per degree; package web's map uses the same.
const scale = 4

type topology struct {
	Transform struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Objects struct {
		Countries struct {
			Geometries []struct {
				Type       string          `json:"type"`
				ID         string          `json:"id"`
				Arcs       json.RawMessage `json:"arcs"`
				Properties struct {
					Name string `json:"name"`
				} `json:"properties"`
			} `json:"geometries"`
		} `json:"countries"`
	} `json:"objects"`
	Arcs [][][2]float64 `json:"arcs"`
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: mapgen countries-110m.json > countries.tsv")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "mapgen:", err)
		os.Exit(1)
	}
}

func run(path string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var t topology
	if err := json.Unmarshal(raw, &t); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	// Decode the delta-encoded, quantized arcs into projected points.
	arcs := make([][][2]int, len(t.Arcs))
	for i, arc := range t.Arcs {
		var x, y float64
		for _, p := range arc {
			x += p[0]
			y += p[1]
			lon := x*t.Transform.Scale[0] + t.Transform.Translate[0]
			lat := y*t.Transform.Scale[1] + t.Transform.Translate[1]
			arcs[i] = append(arcs[i], [2]int{int(math.Round((lon + 180) * scale)), int(math.Round((90 - lat) * scale))})
		}
	}
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	for _, g := range t.Objects.Countries.Geometries {
		var polygons [][][]int
		switch g.Type {
		case "Polygon":
			var p [][]int
			if err := json.Unmarshal(g.Arcs, &p); err != nil {
				return err
			}
			polygons = [][][]int{p}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &polygons); err != nil {
				return err
			}
		default:
			continue
		}
		var d strings.Builder
		for _, poly := range polygons {
			for _, ring := range poly {
				var pts [][2]int
				for _, a := range ring {
					var seg [][2]int
					if a < 0 {
						seg = reversed(arcs[^a])
					} else {
						seg = arcs[a]
					}
					if len(pts) > 0 {
						seg = seg[1:] // the first point repeats the previous arc's last
					}
					pts = append(pts, seg...)
				}
				// A ring across the antimeridian jumps from one edge to
				// the other: make it continuous, then draw it once more
				// shifted a world's width so each side shows its half.
				pts, lo, hi := unwrap(pts)
				writeRing(&d, pts)
				if lo < 0 {
					writeRing(&d, shift(pts, 360*scale))
				}
				if hi > 360*scale {
					writeRing(&d, shift(pts, -360*scale))
				}
			}
		}
		if d.Len() > 0 {
			fmt.Fprintf(w, "%s\t%s\t%s\n", g.ID, g.Properties.Name, d.String())
		}
	}
	return nil
}

func unwrap(pts [][2]int) (out [][2]int, lo, hi int) {
	const width = 360 * scale
	off := 0
	lo, hi = math.MaxInt, math.MinInt
	for i, p := range pts {
		if i > 0 {
			switch dx := p[0] + off - out[i-1][0]; {
			case dx > width/2:
				off -= width
			case dx < -width/2:
				off += width
			}
		}
		q := [2]int{p[0] + off, p[1]}
		lo, hi = min(lo, q[0]), max(hi, q[0])
		out = append(out, q)
	}
	return out, lo, hi
}

func shift(pts [][2]int, dx int) [][2]int {
	out := make([][2]int, len(pts))
	for i, p := range pts {
		out[i] = [2]int{p[0] + dx, p[1]}
	}
	return out
}

func reversed(s [][2]int) [][2]int {
	out := make([][2]int, len(s))
	for i, p := range s {
		out[len(s)-1-i] = p
	}
	return out
}

// writeRing writes a closed ring as an absolute move then relative lines,
// skipping points that round onto the previous one.
func writeRing(d *strings.Builder, pts [][2]int) {
	if len(pts) < 3 {
		return
	}
	d.WriteString("M" + strconv.Itoa(pts[0][0]) + " " + strconv.Itoa(pts[0][1]) + "l")
	prev := pts[0]
	n := 0
	for _, p := range pts[1:] {
		dx, dy := p[0]-prev[0], p[1]-prev[1]
		if dx == 0 && dy == 0 {
			continue
		}
		if n > 0 && dx >= 0 {
			d.WriteByte(' ')
		}
		d.WriteString(strconv.Itoa(dx))
		if dy >= 0 {
			d.WriteByte(' ')
		}
		d.WriteString(strconv.Itoa(dy))
		prev = p
		n++
	}
	d.WriteString("z")
}
