package facts

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tocsin/tocsin/internal/geo"
	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/text"
)

// resolver merges the mentions of one article.
type resolver struct {
	d        *Doc
	gaz      *geo.Gazetteer
	sents    []sentenceTokens
	ms       []*mention
	aliases  *aliasTable
	hint     geo.Hint
	resolved [2]map[string]resolution // see resolveOnce
}

func (r *resolver) find(i int) int {
	for r.ms[i].group != i {
		r.ms[i].group = r.ms[r.ms[i].group].group
		i = r.ms[i].group
	}
	return i
}

func (r *resolver) union(a, b int) {
	ra, rb := r.find(a), r.find(b)
	if ra == rb {
		return
	}
	if rb < ra {
		ra, rb = rb, ra
	}
	r.ms[rb].group = ra // the earlier mention stays the root
}

func (r *resolver) run() {
	r.surnamesAsPersons()
	if r.gaz != nil {
		r.places()
		r.spreadVenues()
	}
	r.sentenceStarts()
	ms := r.ms[:0]
	for _, m := range r.ms {
		if !m.drop {
			m.group = len(ms)
			ms = append(ms, m)
		}
	}
	r.ms = ms
	r.bareSurnames()
	r.acronyms()
	// Merge keys: "a" and an alias id, "g" and a place id, or the type and
	// the alias key of the name.
	type mergeKey struct {
		kind, key string
		place     int64
	}
	first := make(map[mergeKey]int, len(r.ms)) // merge key → first mention
	join := func(key mergeKey, i int) {
		if j, ok := first[key]; ok {
			r.union(j, i)
		} else {
			first[key] = i
		}
	}
	for i, m := range r.ms {
		switch {
		case m.alias != nil:
			join(mergeKey{kind: "a", key: m.alias.ID}, i)
		case m.place != nil:
			join(mergeKey{kind: "g", place: m.place.ID}, i)
		}
		join(mergeKey{kind: m.typ, key: m.aliasKey()}, i)
	}
	r.surnames()
}

// surnamesAsPersons makes a one-word place or organisation a person when
// it is the surname of a full person name in the article and no table
// knows it: after "Lynn Tracy", "Tracy was informed" is her, not the town in
// California the tagger's gazetteer feature suggested.
func (r *resolver) surnamesAsPersons() {
	var last map[string]bool
	for _, m := range r.ms {
		if m.typ == "PER" && m.tok1-m.tok0 >= 2 {
			if last == nil {
				last = map[string]bool{}
			}
			last[r.sents[m.sent].toks[m.tok1-1].Text] = true
		}
	}
	for _, m := range r.ms {
		if m.typ != "PER" && m.alias == nil && m.tok1-m.tok0 == 1 && last[m.text] &&
			(r.gaz == nil || !slices.Contains(r.gaz.Class(m.text), "COUNTRY")) {
			m.typ = "PER"
		}
	}
}

// sentenceStarts drops one-word organisations and persons at the start of
// a sentence that the article never writes capitalised anywhere else and
// that no table knows: the tagger takes many capitalised first words for
// names ("Firearms were found").
func (r *resolver) sentenceStarts() {
	var inside map[string]bool
	for _, m := range r.ms {
		if m.drop || m.alias != nil || m.place != nil || m.tok1-m.tok0 != 1 || m.typ == "LOC" {
			continue
		}
		toks := r.sents[m.sent].toks
		initial := true
		for _, t := range toks[:m.tok0] {
			if hasLetter(t.Text) {
				initial = false
				break
			}
		}
		if !initial {
			continue
		}
		if inside == nil {
			inside = map[string]bool{}
			for _, s := range r.sents {
				for i, t := range s.toks {
					if i > 0 && isCapitalised(t.Text) && hasLetter(s.toks[i-1].Text) {
						inside[t.Text] = true
					}
				}
			}
		}
		if !inside[m.text] {
			m.drop = true
		}
	}
}

// bareSurnames adds the surnames of the article's full person names where
// the tagger missed them ("Kowalska zapowiedziała…" after "Anna
// Kowalska").
func (r *resolver) bareSurnames() {
	var last map[string]bool
	for _, m := range r.ms {
		if m.typ == "PER" && m.tok1-m.tok0 >= 2 {
			if last == nil {
				last = map[string]bool{}
			}
			w := r.sents[m.sent].toks[m.tok1-1].Text
			if isCapitalised(w) && utf8.RuneCountInString(w) >= 3 {
				last[w] = true
			}
		}
	}
	if last == nil {
		return
	}
	n := len(r.ms)
	for si, s := range r.sents {
		for ti, t := range s.toks {
			// (last holds capitalised words only: skip the map for the rest.)
			if !isCapitalised(t.Text) || !last[t.Text] || r.covered(si, ti, n) >= 0 {
				continue
			}
			r.ms = append(r.ms, &mention{start: t.Start, end: t.End, typ: "PER", text: t.Text, sent: si, tok0: ti, tok1: ti + 1, group: len(r.ms)})
		}
	}
}

// covered returns the index of the mention among the first n that covers
// token ti of sentence si, or -1.
func (r *resolver) covered(si, ti, n int) int {
	for k, m := range r.ms[:n] {
		if m.sent == si && m.tok0 <= ti && ti < m.tok1 {
			return k
		}
	}
	return -1
}

// acronyms finds "Long Form (ACR)" in the article, adds a mention for the
// acronym and for its later bare uses the tagger missed, and merges them
// with the long form.
func (r *resolver) acronyms() {
	defs := map[string]int{} // acronym → mention of its long form
	n := len(r.ms)
	for i := 0; i < n; i++ {
		m := r.ms[i]
		toks := r.sents[m.sent].toks
		j := m.tok1
		if j+2 >= len(toks) || toks[j].Text != "(" || toks[j+2].Text != ")" {
			continue
		}
		acr := toks[j+1].Text
		if !isAcronym(acr) || utf8.RuneCountInString(m.text) <= utf8.RuneCountInString(acr) {
			continue
		}
		if _, ok := defs[acr]; !ok {
			defs[acr] = i
		}
	}
	if len(defs) == 0 {
		return
	}
	for si, s := range r.sents {
		for ti, t := range s.toks {
			if t.Text[0] >= 'a' && t.Text[0] <= 'z' {
				continue // no acronym (see isAcronym): skip the map
			}
			long, ok := defs[t.Text]
			if !ok {
				continue
			}
			k := r.covered(si, ti, len(r.ms))
			if k < 0 {
				lm := r.ms[long]
				m := &mention{start: t.Start, end: t.End, typ: lm.typ, text: t.Text, sent: si, tok0: ti, tok1: ti + 1}
				if e, ok := r.aliases.lookup(m.text); ok && e.Type == m.typ {
					m.alias = e
				}
				m.group = len(r.ms)
				r.ms = append(r.ms, m)
				k = m.group
			} else if r.ms[k].text != t.Text {
				continue // part of a longer name
			}
			r.union(long, k)
			// The long form inherits what the table knows of the acronym
			// ("Federal Security Service (FSB)" is org:fsb).
			if r.ms[long].alias == nil && r.ms[k].alias != nil {
				r.ms[long].alias = r.ms[k].alias
			}
		}
	}
}

// isAcronym: 2–8 characters, at least two capitals, no lower-case letter
// except a trailing one ("FSB", "ISIS-K", "ФСБ", "ISKP").
func isAcronym(s string) bool {
	n, up := 0, 0
	for _, c := range s {
		n++
		switch {
		case c >= 'a' && c <= 'z' || (c > 127 && strings.ToUpper(string(c)) != string(c)):
			return false
		case strings.ToLower(string(c)) != string(c):
			up++
		}
	}
	return n >= 2 && n <= 8 && up >= 2
}

// surnames merges a person named by fewer words ("Putin", "Neumann") with
// the full name seen in the article ("Vladimir Putin", "Peter Neumann"):
// same last word (allowing a short case ending: "Putins", "Путина") and, if
// the short form has a first word, the same first word. When several full
// names fit, the nearest one before the short form wins.
func (r *resolver) surnames() {
	type person struct {
		i           int
		first, last string
		words       int
	}
	var ps []person
	for i, m := range r.ms {
		if m.typ != "PER" {
			continue
		}
		ws := strings.Fields(text.Fold(m.text))
		if len(ws) == 0 {
			continue
		}
		ps = append(ps, person{i, ws[0], ws[len(ws)-1], len(ws)})
	}
	for _, a := range ps {
		best := -1
		for _, b := range ps {
			if b.words <= a.words || !sameSurname(a.last, b.last) || (a.words > 1 && a.first != b.first) {
				continue
			}
			if best < 0 || (r.ms[b.i].start < r.ms[a.i].start && r.ms[b.i].start > r.ms[best].start) ||
				(r.ms[best].start > r.ms[a.i].start && r.ms[b.i].start < r.ms[best].start) {
				best = b.i
			}
		}
		if best >= 0 {
			r.union(best, a.i)
		}
	}
}

func sameSurname(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	// b is a up to two letters longer: an inflected form ("putina", "neumanns").
	return utf8.RuneCountInString(a) >= 4 && strings.HasPrefix(b, a) && utf8.RuneCountInString(b)-utf8.RuneCountInString(a) <= 2
}

// entity builds the canonical entity of the group rooted at mention root;
// roots[i] is the root of mention i.
func (r *resolver) entity(root int, roots []int) news.Entity {
	var alias *aliasEntry
	var place *geo.Place
	var long *mention
	for i, m := range r.ms {
		if roots[i] != root {
			continue
		}
		if alias == nil && m.alias != nil {
			alias = m.alias
		}
		if place == nil && m.place != nil && !m.venue {
			place = m.place
		}
		if long == nil || betterName(m, long) {
			long = m
		}
	}
	if place == nil {
		for i, m := range r.ms {
			if roots[i] == root && m.place != nil {
				place = m.place
				break
			}
		}
	}
	switch {
	case alias != nil:
		return news.Entity{ID: alias.ID, Name: alias.Name, Type: alias.Type}
	case place != nil:
		return news.Entity{ID: "geo:" + strconv.FormatInt(place.ID, 10), Name: place.Name, Type: "LOC", Place: newsPlace(place)}
	}
	typ := long.typ
	prefix := strings.ToLower(typ)
	if typ == "LOC" {
		prefix = "loc"
	}
	return news.Entity{ID: prefix + ":" + slug(long.text), Name: long.text, Type: typ}
}

// betterName prefers the form with more words, then the longer one, then
// the earlier one.
func betterName(a, b *mention) bool {
	wa, wb := strings.Count(a.text, " "), strings.Count(b.text, " ")
	if wa != wb {
		return wa > wb
	}
	la, lb := utf8.RuneCountInString(a.text), utf8.RuneCountInString(b.text)
	if la != lb {
		return la > lb
	}
	return a.start < b.start
}

func newsPlace(p *geo.Place) *news.Place {
	return &news.Place{ID: p.ID, Name: p.Name, Country: p.Country, Admin1: p.Admin1,
		Lat: p.Lat, Lon: p.Lon, Population: p.Population, Kind: p.Kind}
}

// slug makes the id part of a name: folded (case and diacritics), Cyrillic
// transliterated, every run of other characters a hyphen: "Peter Neumann" →
// "peter-neumann", "Дмитрий Песков" → "dmitrii-peskov".
func slug(name string) string {
	f := text.Fold(name)
	var b strings.Builder
	dash := false
	for _, c := range f {
		var s string
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			s = string(c)
		case cyrillicLatin[c] != "":
			s = cyrillicLatin[c]
		case c == 'ь' || c == 'ъ':
			continue
		case c > 127 && unicode.IsLetter(c):
			s = string(c)
		default:
			dash = b.Len() > 0
			continue
		}
		if dash {
			b.WriteByte('-')
			dash = false
		}
		b.WriteString(s)
	}
	return b.String()
}

var cyrillicLatin = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh", 'з': "z", 'и': "i",
	'й': "i", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t",
	'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ы': "y", 'э': "e",
	'ю': "yu", 'я': "ya", 'і': "i", 'ї': "yi", 'є': "ye", 'ґ': "g",
}
