package facts

import (
	"slices"
	"strings"

	"github.com/tocsin/tocsin/internal/geo"
)

// minPopulation is the smallest place a bare name may resolve to when the
// article gives no country for it: below it, a name is more often a
// surname, a word or a village that shares it ("Krone", "Of").
const minPopulation = 50_000

// minHintedPopulation is the smallest place a bare name may resolve to in
// a country the article names ("Christmas" is not Christmas, Florida).
const minHintedPopulation = 10_000

// places geocodes LOC mentions (and ORG mentions that are exactly a country
// name, "Russia said"). The article's countries — named or given by a
// demonym — are the hints. A building or site whose name is unknown to the
// gazetteer is placed by the place right after it ("Crocus City Hall near
// Moscow", "Crocus City Hall, Krasnogorsk") or right before it ("Moscow's
// Crocus City Hall"); "Uvalde, Texas" is resolved as a whole.
func (r *resolver) places() {
	g := r.gaz
	// Countries first: they are the hints for the rest.
	var countries []string
	for _, m := range r.ms {
		if m.alias != nil || (m.typ != "LOC" && m.typ != "ORG") {
			continue
		}
		if m.typ == "ORG" || m.typ == "PER" {
			r.stripDemonym(m)
			if m.alias != nil {
				continue
			}
		}
		if p, ok := r.resolveOnce(m.text, false); ok && p.Kind == geo.KindCountry {
			p := p
			m.place = &p
			m.typ = "LOC"
			if !slices.Contains(countries, p.Country) {
				countries = append(countries, p.Country)
			}
		}
	}
	for _, s := range r.sents {
		for _, t := range s.toks {
			if len(t.Text) < 4 || !hasLetter(t.Text[:1]) {
				continue
			}
			if c, ok := g.Demonym(t.Text); ok && !slices.Contains(countries, c) {
				countries = append(countries, c)
			}
		}
	}
	r.hint = geo.Hint{Countries: countries}
	for _, m := range r.ms {
		if m.place != nil || m.alias != nil || m.typ == "PER" {
			continue
		}
		if _, ok := g.Demonym(m.text); ok {
			m.drop = true // "Russian", "Americans": a hint, not a place
			continue
		}
		if lowerIn(notPlaces, m.text) {
			continue
		}
		p, ok := r.resolve(m.text)
		switch {
		case !ok:
		case m.typ == "LOC" && r.plausible(p):
			m.place = &p
		case m.typ == "ORG" && p.Kind == geo.KindCapital && !strings.Contains(m.text, " "):
			m.place, m.typ = &p, "LOC" // "Moscow says": the capital stands for its government
		}
	}
	// Pairs within a sentence: "X near Y", "X, Y", "Y's X".
	for i, m := range r.ms {
		if m.alias != nil || (m.typ != "LOC" && !(m.typ == "ORG" && isVenue(m.text))) {
			continue
		}
		if i+1 < len(r.ms) {
			n := r.ms[i+1]
			gap := n.tok0 - m.tok1
			comma := gap == 1 && strings.TrimSpace(r.d.Text[m.end:n.start]) == ","
			if n.sent == m.sent && gap >= 1 && gap <= 3 {
				phrase := r.d.Text[m.start:n.end]
				p, ok := r.resolveOnce(phrase, true)
				switch {
				case !ok:
				case n.place != nil && m.place == nil && p.ID == n.place.ID:
					m.place, m.venue, m.typ = n.place, true, "LOC"
				case comma && m.typ == "LOC" && (n.place == nil || n.place.Kind == geo.KindCountry && p.Country == n.place.Country) &&
					(n.place == nil || p.ID != n.place.ID):
					m.place = &p // "Uvalde, Texas", "Tripoli, Lebanon"
				}
			}
		}
		if m.place == nil && i > 0 {
			p := r.ms[i-1]
			toks := r.sents[m.sent].toks
			if p.sent == m.sent && p.place != nil && p.place.Kind != geo.KindCountry && m.tok0-p.tok1 <= 3 && isPossessive(toks[p.tok1].Text) {
				m.place, m.venue, m.typ = p.place, true, "LOC"
			}
		}
	}
}

// stripDemonym drops a leading demonym from a person's name ("Russian
// President Putin" tagged whole) and from an organisation's name when the
// rest is in the alias table ("Afghan Taliban"); the full form is kept.
func (r *resolver) stripDemonym(m *mention) {
	toks := r.sents[m.sent].toks
	if m.tok1-m.tok0 < 2 || m.alias != nil {
		return
	}
	if _, ok := r.gaz.Demonym(toks[m.tok0].Text); !ok {
		return
	}
	rest := r.d.Text[toks[m.tok0+1].Start:m.end]
	e, ok := r.aliases.lookup(rest)
	if m.typ != "PER" && !ok {
		return
	}
	if m.full == "" {
		m.full = m.text
	}
	m.tok0++
	m.start = toks[m.tok0].Start
	m.text = rest
	if ok {
		m.alias, m.typ = e, e.Type
	}
}

// notPlaces are LOC mentions that name no town, although a town of the
// name exists ("West", Texas).
var notPlaces = map[string]bool{
	"west": true, "east": true, "north": true, "south": true, "westen": true, "osten": true, "norden": true, "süden": true,
	"occident": true, "orient": true, "ouest": true, "est": true, "nord": true, "sud": true, "oeste": true, "este": true,
	"norte": true, "sur": true, "ovest": true, "zachód": true, "wschód": true, "запад": true, "восток": true,
}

// spreadVenues places every mention of a venue once one of them is placed
// ("Crocus City Hall" in a caption, "Crocus City Hall near Moscow" below).
func (r *resolver) spreadVenues() {
	var venues map[string]*geo.Place
	for _, m := range r.ms {
		if m.venue {
			if venues == nil {
				venues = map[string]*geo.Place{}
			}
			venues[m.aliasKey()] = m.place
		}
	}
	for _, m := range r.ms {
		if p, ok := venues[m.aliasKey()]; ok && m.place == nil && m.alias == nil {
			m.place, m.venue, m.typ = p, true, "LOC"
		}
	}
}

// resolve geocodes a bare name with the article's countries as hints,
// unless the hint picks a place a hundred times smaller than the best one
// without it ("Cologne" stays Köln in an article that names the US).
func (r *resolver) resolve(name string) (geo.Place, bool) {
	p, ok := r.resolveOnce(name, true)
	if !ok || len(r.hint.Countries) == 0 {
		return p, ok
	}
	if q, ok := r.resolveOnce(name, false); ok && q.ID != p.ID && q.Population >= 100*max(p.Population, 1) {
		return q, true
	}
	return p, true
}

// resolveOnce is gaz.Resolve(name, r.hint) if hinted, else
// gaz.Resolve(name, geo.Hint{}), each computed once per article: names
// repeat, and r.hint is set once.
func (r *resolver) resolveOnce(name string, hinted bool) (geo.Place, bool) {
	h, memo := geo.Hint{}, &r.resolved[0]
	if hinted {
		h, memo = r.hint, &r.resolved[1]
	}
	if res, ok := (*memo)[name]; ok {
		return res.p, res.ok
	}
	p, ok := r.gaz.Resolve(name, h)
	if *memo == nil {
		*memo = map[string]resolution{}
	}
	(*memo)[name] = resolution{p, ok}
	return p, ok
}

type resolution struct {
	p  geo.Place
	ok bool
}

// plausible accepts a resolution of a bare name: a country or capital, a
// large place, or a town of some size in a country the article names.
func (r *resolver) plausible(p geo.Place) bool {
	return p.Kind != geo.KindCity || p.Population >= minPopulation ||
		p.Population >= minHintedPopulation && slices.Contains(r.hint.Countries, p.Country)
}

func isPossessive(s string) bool { return s == "'s" || s == "’s" || s == "'" || s == "’" }

// venueWords head the names of buildings and sites that news places "near"
// or "in" a town.
var venueWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`hall arena stadium stadion stade estadio stadio centre center zentrum centro
	airport flughafen aéroport aeropuerto aeroporto luchthaven lotnisko аэропорт mall theatre theater teatro théâtre
	hotel church kirche église iglesia chiesa kerk kościół церковь mosque moschee mosquée mezquita moschea moskee meczet мечеть
	synagogue synagoge synagogue sinagoga synagoga синагога cathedral dom cathédrale catedral cattedrale
	station bahnhof gare estación stazione школа school schule école escuela scuola szkoła hospital krankenhaus hôpital ospedale szpital больница
	university universität université universidad università uniwersytet университет market markt marché mercado mercato rynek рынок
	square platz place plaza piazza plein plac площадь bridge brücke pont puente ponte brug most мост`) {
		m[w] = true
	}
	return m
}()

func isVenue(name string) bool {
	for w := range strings.FieldsSeq(name) {
		if lowerIn(venueWords, w) {
			return true
		}
	}
	return false
}
