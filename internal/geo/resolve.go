package geo

import (
	"sort"
	"strings"
)

// Resolve picks the one place a name most likely refers to. It scores every
// candidate in orders of magnitude of population: log10(population), plus
// 1.5 for a national capital and 0.5 for a first-level seat, plus 0.3 when
// the name is the place's own name rather than an alternate, plus 3 when
// the place is in one of hint.Countries, plus up to 3 for closeness to
// hint.Near (half at 100 km). A country name always beats a city name.
// "Paris" is Paris, France; with a Texas place as hint.Near it is Paris,
// Texas; a country hint alone (3) does not outweigh a large capital.
//
// When the whole name is unknown, Resolve tries a few case endings
// ("Москвы", "Warszawie", "Israels"; see inflected), then strips one cue
// at a time and retries (see StripCue): "Kaluga region", "the region of
// Kaluga", "Crocus City Hall near Moscow", "nei pressi di Roma", "под
// Москвой". A leading demonym is taken as a country hint ("the Russian
// region of Kaluga"); "the Russian capital" and "capital of Russia" give
// the capital. A qualifier after a comma narrows the choice: "Paris,
// Texas", "Paris, TX", "Tripoli, Lebanon"; when the part before the comma
// is unknown, the qualifier itself is resolved ("Crocus City Hall,
// Krasnogorsk"). The boolean is false when nothing matches.
func (g *Gazetteer) Resolve(name string, hint Hint) (Place, bool) {
	q := query{hint: hint}
	main := trimPossessive(strings.TrimSpace(name))
	qual := ""
	if i := strings.LastIndexByte(main, ','); i >= 0 {
		qual = strings.TrimSpace(main[i+1:])
		main = strings.TrimSpace(main[:i])
		g.qualify(&q, qual)
	}
	key := Fold(main)
	for key != "" {
		if q.demonym != "" && capitalWords[key] {
			return g.Capital(q.demonym)
		}
		if p, ok := g.best(key, &q); ok && q.plausible(p) {
			return p, true
		}
		if p, ok := g.inflected(key, &q); ok && q.plausible(p) {
			return p, true
		}
		if rest, ok := cut(key, capitalOf); ok {
			if c := g.countryKey(rest); c >= 0 {
				return g.Capital(g.places[c].Country)
			}
		}
		next := g.strip(key, &q)
		if next == key {
			break
		}
		key = next
	}
	if qual != "" {
		// "Crocus City Hall, Krasnogorsk": the qualifier may be the only
		// known place.
		return g.Resolve(qual, hint)
	}
	return Place{}, false
}

// query collects what Resolve learned from the phrase itself.
type query struct {
	hint    Hint
	demonym string      // alpha-2 code of a leading demonym
	quals   [][2]string // {country, admin1 or ""} named by a qualifier
	qNear   *Place      // place named by a qualifier
	article bool        // a leading article was stripped
	cue     bool        // a place cue ("region of", "near", a demonym…) was stripped
}

// plausible rejects a small town reached only by dropping an article:
// "the West" is not West, Texas, but "the Netherlands" is a country and
// "the town of Bakhmut" has a place cue.
func (q *query) plausible(p Place) bool {
	return !q.article || q.cue || p.Kind != KindCity || p.Population >= minArticlePop
}

// minArticlePop is the smallest place plausible after dropping an article.
const minArticlePop = 100000

// qualify interprets the part after a comma: a country, a US state, or
// else a place to be near. "Georgia" is both a country and a US state:
// both are kept.
func (g *Gazetteer) qualify(q *query, qual string) {
	k := Fold(qual)
	if k == "" {
		return
	}
	if c := g.countryKey(k); c >= 0 {
		q.quals = append(q.quals, [2]string{g.places[c].Country, ""})
	}
	if s, ok := g.admin1[k]; ok {
		q.quals = append(q.quals, s)
	}
	if len(qual) == 2 && strings.ToUpper(qual) == qual {
		for _, s := range g.admin1 {
			if s[1] == qual {
				q.quals = append(q.quals, s)
			}
		}
	}
	if len(q.quals) > 0 {
		return
	}
	if p, ok := g.Resolve(qual, q.hint); ok {
		q.qNear = &p
	}
}

// inflected tries a folded key with one case ending replaced: Russian
// "франции" → "франция", "москвы" → "москва", "парижа" → "париж", Polish
// "warszawie" → "warszawa", German "israels" → "israel", "moskauer" →
// "moskau". These guesses are only taken when they name a country or a
// large enough place (see minInflectedLatin), so that a rewritten word
// rarely lands on a village.
func (g *Gazetteer) inflected(key string, q *query) (Place, bool) {
	rules, minPop := latinEndings, minInflectedLatin
	if r := []rune(key); len(r) < 4 {
		return Place{}, false
	} else if r[0] >= 0x400 && r[0] <= 0x4ff {
		rules, minPop = cyrillicEndings, minInflectedCyrillic
	}
	for _, e := range rules {
		if !strings.HasSuffix(key, e[0]) {
			continue
		}
		k := key[:len(key)-len(e[0])] + e[1]
		p, ok := g.best(k, q)
		if ok && (p.Kind == KindCountry || p.Population >= minPop) {
			return p, true
		}
	}
	return Place{}, false
}

// The smallest population a guess from inflected may have. Latin-script
// guesses ("Adams" → "Adam") hit surnames more often than Russian ones, so
// they must name a larger place.
const (
	minInflectedCyrillic int64 = 10000
	minInflectedLatin    int64 = 100000
)

// Case endings as {ending, replacement}, folded (й is и after Fold).
var (
	cyrillicEndings = [][2]string{
		{"ии", "ия"}, {"ию", "ия"}, {"иеи", "ия"}, {"ы", "а"}, {"и", "а"}, {"и", "ь"}, {"е", "а"},
		{"е", "ь"}, {"е", "и"}, {"е", ""}, {"у", "а"}, {"у", ""}, {"ои", "а"}, {"ою", "а"},
		{"а", ""}, {"я", "ь"}, {"я", "и"}, {"ю", "ь"}, {"ом", ""}, {"ем", ""}, {"ем", "ь"},
	}
	latinEndings = [][2]string{
		// No "i"/"y" → "a" (Polish "Polski" → "Polska"): it turns Italian
		// surnames into towns ("Ferrari" → Ferrara).
		{"s", ""}, {"er", ""}, {"ie", "a"}, {"ie", ""}, {"u", ""},
	}
)

// countryKey returns the index of the country a folded key names, or -1.
func (g *Gazetteer) countryKey(k string) int32 {
	for _, i := range g.candidates(k) {
		if g.places[i].Kind == KindCountry {
			return i
		}
	}
	return -1
}

// best returns the highest-scoring candidate for a folded key.
func (g *Gazetteer) best(key string, q *query) (Place, bool) {
	ids := g.candidates(key)
	if len(ids) == 0 {
		return Place{}, false
	}
	bi, bs := int32(-1), 0.0
	for _, i := range ids {
		s := g.score(i, key, q)
		if bi < 0 || s > bs || s == bs && g.places[i].ID < g.places[bi].ID {
			bi, bs = i, s
		}
	}
	return g.places[bi], true
}

func (g *Gazetteer) score(i int32, key string, q *query) float64 {
	p := &g.places[i]
	s := g.prior(i, key)
	if inList(p.Country, q.hint.Countries) || p.Country == q.demonym {
		s += hintBonus
	}
	if q.hint.Near != nil {
		s += nearBonus / (1 + Distance(*p, *q.hint.Near)/nearScaleKm)
	}
	if q.qNear != nil {
		s += nearBonus / (1 + Distance(*p, *q.qNear)/nearScaleKm)
	}
	for _, c := range q.quals {
		if p.Country == c[0] && (c[1] == "" || p.Admin1 == c[1]) {
			s += qualifierGain
			break
		}
	}
	return s
}

func inList(c string, list []string) bool {
	for _, x := range list {
		if strings.EqualFold(x, c) {
			return true
		}
	}
	return false
}

// strip removes one cue from a folded key: a leading article,
// preposition or cue phrase, a leading demonym (remembered in q), a
// trailing cue word, or everything up to an infix cue such as "near".
func (g *Gazetteer) strip(key string, q *query) string {
	for _, c := range infixCues {
		if i := strings.Index(key, " "+c+" "); i >= 0 {
			q.cue = true
			return key[i+len(c)+2:]
		}
	}
	if rest, ok := cut(key, articles); ok {
		q.article = true
		return rest
	}
	if rest, ok := cut(key, prefixCues); ok {
		q.cue = true
		return rest
	}
	// A demonym of one or two words: "russian", "south african".
	if j := strings.IndexByte(key, ' '); j > 0 {
		if c, ok := g.demonyms[key[:j]]; ok {
			q.demonym, q.cue = c, true
			return key[j+1:]
		}
		if k := strings.IndexByte(key[j+1:], ' '); k > 0 {
			if c, ok := g.demonyms[key[:j+1+k]]; ok {
				q.demonym, q.cue = c, true
				return key[j+2+k:]
			}
		}
	}
	for _, c := range suffixCues {
		if strings.HasSuffix(key, " "+c) {
			q.cue = true
			return key[:len(key)-len(c)-1]
		}
	}
	return key
}

// cut removes the first matching phrase of list from the start of key.
func cut(key string, list []string) (string, bool) {
	for _, c := range list {
		if len(key) > len(c) && strings.HasPrefix(key, c) && key[len(c)] == ' ' {
			return key[len(c)+1:], true
		}
	}
	return key, false
}

// StripCue removes the cue words around a place name and returns the name
// folded: "the Kaluga region" → "kaluga", "region of Kaluga" → "kaluga",
// "Crocus City Hall near Moscow" → "moscow", "Moscow's" → "moscow". It
// strips every cue it finds, so prefer Resolve, which first tries the
// whole name ("Mexico City", "State of Palestine").
func StripCue(phrase string) string {
	key := Fold(trimPossessive(strings.TrimSpace(phrase)))
	for {
		next := key
		for _, c := range infixCues {
			if i := strings.Index(next, " "+c+" "); i >= 0 {
				next = next[i+len(c)+2:]
				break
			}
		}
		if next == key {
			next, _ = cut(key, articles)
		}
		if next == key {
			next, _ = cut(key, prefixCues)
		}
		if next == key {
			for _, c := range suffixCues {
				if strings.HasSuffix(key, " "+c) {
					next = key[:len(key)-len(c)-1]
					break
				}
			}
		}
		if next == key {
			return key
		}
		key = next
	}
}

func trimPossessive(s string) string {
	for _, suf := range []string{"'s", "’s", "s'", "s’"} {
		if strings.HasSuffix(s, suf) && len(s) > len(suf)+1 {
			if suf[0] == 's' {
				return s[:len(s)-len(suf)+1] // "the Philippines'" → "the Philippines"
			}
			return s[:len(s)-len(suf)]
		}
	}
	return s
}

// Cue phrases, folded. Longer phrases come before their prefixes.
var (
	prefixCues = byLenDesc(
		// en
		// Directional adjectives ("eastern", "central") are not cues: "Northern
		// Ireland" is not Ireland and "Central Asia" is not Asia, Philippines.
		"in", "at", "near", "from", "outside", "around", "across",
		"north of", "south of", "east of", "west of", "north east of", "north west of",
		"south east of", "south west of", "northeast of", "northwest of", "southeast of", "southwest of",
		"outskirts of", "suburbs of", "suburb of", "city of", "town of", "village of",
		"region of", "province of", "oblast of", "district of", "governorate of", "area of",
		// de
		"im", "bei", "nahe", "in der nahe von", "nordlich von", "sudlich von", "ostlich von",
		"westlich von", "region", "raum", "grossraum", "stadt", "provinz", "gebiet",
		// it
		"a", "di", "vicino a", "nei pressi di", "regione di", "provincia di", "citta di",
		"periferia di", "a nord di", "a sud di", "a est di", "a ovest di",
		// fr
		"pres de", "region de", "province de", "ville de", "banlieue de", "au nord de",
		"au sud de", "a l est de", "a l ouest de",
		// es
		"en", "cerca de", "region de", "provincia de", "ciudad de", "al norte de", "al sur de",
		"al este de", "al oeste de",
		// ru, uk (the noun after them is inflected: see inflected)
		"в", "во", "на", "под", "около", "возле", "близ", "из", "город", "г", "поблизу",
		// pl
		"w", "we", "pod", "kolo", "niedaleko", "miasto",
	)
	articles = []string{
		"the", "die", "der", "das", "den", "dem", "il", "lo", "la", "l", "le", "les", "el", "los", "las",
	}
	infixCues = byLenDesc(
		"near", "outside", "bei", "nahe", "vicino a", "nei pressi di", "pres de", "cerca de",
		"north of", "south of", "east of", "west of",
	)
	suffixCues = byLenDesc(
		"region", "oblast", "province", "governorate", "district", "krai", "kray",
		"area", "metropolitan area", "metro area", "city", "suburbs", "outskirts",
		"gebiet", "umgebung", "provinz",
	)
	capitalWords = map[string]bool{
		"capital": true, "capital city": true, "hauptstadt": true, "capitale": true,
	}
	capitalOf = []string{"capital of", "hauptstadt von", "capitale di", "capitale de", "capital de"}
)

// byLenDesc returns the cues longest first, so that "north east of" is
// tried before "north of" and "in der nahe von" before "in".
func byLenDesc(l ...string) []string {
	sort.SliceStable(l, func(i, j int) bool { return len(l[i]) > len(l[j]) })
	return l
}
