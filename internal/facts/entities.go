package facts

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tocsin/tocsin/internal/geo"
	"github.com/tocsin/tocsin/internal/ner"
	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/text"
)

// mention is a mention being built: byte offsets into Doc.Text.
type mention struct {
	start, end int    // bytes of the name (title stripped)
	typ        string // PER, ORG, LOC
	text       string // d.Text[start:end]
	full       string // the surface form with its title ("President Vladimir Putin"), or ""
	sent       int    // sentence index
	tok0, tok1 int    // token range in the sentence, title stripped
	alias      *aliasEntry
	place      *geo.Place
	drop       bool   // not a name after all
	venue      bool   // a building or site placed by the place after it ("Crocus City Hall near Moscow")
	group      int    // union-find parent
	key, keyOf string // aliasKey(keyOf): see (*mention).aliasKey
}

// aliasKey returns aliasKey(m.text), computed once for each text the
// mention has.
func (m *mention) aliasKey() string {
	if m.keyOf != m.text { // zero values fit: aliasKey("") is ""
		m.key, m.keyOf = aliasKey(m.text), m.text
	}
	return m.key
}

// sentenceTokens is one tokenised sentence with its mentions.
type sentenceTokens struct {
	toks []text.Token // byte offsets into Doc.Text
}

// Entities finds the named entities of d and merges their mentions into
// canonical entities. Each sentence is tokenised and tagged by tagger (a
// tagger of the shipped model is given the gazetteer it was trained with,
// see NewTagger); names of the curated alias table missed by the tagger are
// added; titles and roles ("President", "Präsident", "spokeswoman") are
// stripped from person names and kept as an alias of the full form.
//
// Mentions merge when the alias table knows them ("ISIS-K", "ISKP", "Wilayat
// Khorasan" → org:isis-k), when the article defines an acronym ("Federal
// Security Service (FSB)"), when a surname repeats a full name seen in the
// article ("Neumann" → "Peter Neumann"), when they fold to the same key
// (case, diacritics, punctuation), and, for places, when gaz resolves them to
// the same place ("Moskau", "Mosca" and "Moscow" → geo:524901) using the
// countries the article names as hints. gaz may be nil: places then get
// "loc:" ids and no Place.
//
// Mentions are returned in text order with code-point spans; entities in
// the order of their first mention.
func Entities(d *Doc, tagger *ner.Tagger, gaz *geo.Gazetteer) ([]news.Mention, []news.Entity) {
	if tagger == nil {
		return nil, nil
	}
	tagger = withGazetteer(tagger, gaz)
	aliases := loadAliases()
	var (
		ms    []*mention
		sents = make([]sentenceTokens, len(d.Sentences))
		words []string
	)
	for si, s := range d.Sentences {
		toks := text.Tokenize(d.Lang, d.Text[s.Start:s.End])
		for i := range toks {
			toks[i].Start += s.Start
			toks[i].End += s.Start
		}
		sents[si].toks = toks
		if len(toks) == 0 {
			continue
		}
		words = words[:0]
		for _, t := range toks {
			words = append(words, t.Text)
		}
		tags := tagger.Tag(d.Lang, words)
		var found []*mention
		for _, sp := range ner.Spans(tags) {
			if holidayRun(toks, sp.Start, sp.End) {
				continue // "International Women's Day" is a date, no PER, ORG or LOC
			}
			a := sp.Start
			// "Russia's Federal Security Service": the owner is a name of
			// its own; "ISIS-K could attack US": a lower-case word that
			// joins no name ends one.
			for k := sp.Start + 1; k < sp.End-1; k++ {
				if isPossessive(toks[k].Text) && !isTitleWord(toks[k-1].Text) || isBreak(toks[k].Text) {
					if m := newMention(d, toks, si, a, k, sp.Type, aliases); m != nil {
						found = append(found, m)
					}
					a = k + 1
				}
			}
			typ := sp.Type
			if k := placeBeforeName(toks, a, sp.End, gaz); k > a {
				// "the ambassador to Moscow Lynn Tracy": the tagger runs the
				// place and the person's name together.
				if m := newMention(d, toks, si, a, k, "LOC", aliases); m != nil {
					found = append(found, m)
				}
				a, typ = k, "PER"
			}
			if m := newMention(d, toks, si, a, sp.End, typ, aliases); m != nil {
				found = append(found, m)
			}
		}
		found = aliases.scan(d, toks, si, words, found)
		ms = append(ms, found...)
	}
	if len(ms) == 0 {
		return nil, nil
	}
	for i, m := range ms {
		m.group = i
	}
	r := resolver{d: d, gaz: gaz, sents: sents, ms: ms, aliases: aliases}
	r.run()
	return r.output()
}

// newMention turns tokens [a, b) of a sentence into a mention, trimming
// punctuation and titles; it returns nil for spans that are no name.
func newMention(d *Doc, toks []text.Token, si, a, b int, typ string, aliases *aliasTable) *mention {
	for a < b && !hasLetter(toks[a].Text) {
		a++
	}
	for b > a && !hasLetter(toks[b-1].Text) {
		b--
	}
	for a < b-1 && (lowerIn(articles, toks[a].Text) || !isAllCaps(toks[a].Text) && text.IsStop(d.Lang, toks[a].Text) && !isTitleWord(toks[a].Text)) {
		a++
	}
	for b > a+1 && (connectors[toks[b-1].Text] || isBreak(toks[b-1].Text)) {
		b--
	}
	if a >= b {
		return nil
	}
	full := a
	// Titles are stripped from person names, and from other spans that
	// start with a title ("Präsident Putin" tagged ORG by mistake becomes a
	// person).
	if typ == "PER" || isCoreTitle(toks[a].Text) {
		for a < b-1 && isTitleWord(toks[a].Text) {
			a++
			typ = "PER"
		}
	}
	m := &mention{start: toks[a].Start, end: toks[b-1].End, typ: typ, sent: si, tok0: a, tok1: b}
	m.text = d.Text[m.start:m.end]
	// A title just before the name is remembered too ("Kremlin spokesman
	// Dmitry Peskov": the tagger, trained with titles outside, leaves them out).
	t := full
	for t > 0 && t > full-4 && (isTitleWord(toks[t-1].Text) || (t < a+1 && t > 1 && isTitleWord(toks[t-2].Text) && isCapitalised(toks[t-1].Text))) {
		t--
	}
	if t < a && m.typ == "PER" {
		m.full = d.Text[toks[t].Start:m.end]
	}
	if !plausibleName(d.Lang, m.text) {
		return nil
	}
	if e, ok := aliases.byKey[m.aliasKey()]; ok {
		if e.Type == m.typ || !(m.typ == "PER" && e.Type == "ORG" && !strings.ContainsAny(m.text, " -") && !isAllCaps(m.text)) {
			m.alias = e
			m.typ = e.Type
		}
	}
	return m
}

// placeBeforeName returns where a person's name starts in tagged span
// [a, b) when the span is a place run together with the name after it, as
// news writes a title's place before the holder's name: "the American
// ambassador to Moscow Lynn Tracy", "the mayor of Kyiv Vitali Klitschko",
// "Botschafter in Moskau Lynn Tracy". It returns a when the span is no such
// run: the words before the span must be a title and a preposition, the
// span's first one or two words a well-known place (a country or a city of
// 50,000 or more), the rest at least two capitalised words that are no place
// alone or together with it ("mayor of New York City" and "general in West
// Asia" stay whole).
func placeBeforeName(toks []text.Token, a, b int, gaz *geo.Gazetteer) int {
	if gaz == nil || b-a < 2 || a < 2 || !lowerIn(titlePreps, toks[a-1].Text) {
		return a
	}
	titled := false
	for t := a - 2; t >= 0 && t >= a-3; t-- {
		if isTitleWord(toks[t].Text) {
			titled = true
			break
		}
	}
	if !titled {
		return a
	}
	for k := min(a+2, b-2); k > a; k-- {
		rest := toks[k:b] // a first name and a surname at least
		ok := true
		for _, t := range rest {
			if !isCapitalised(t.Text) || isAllCaps(t.Text) || lowerIn(connectors, t.Text) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		ps := gaz.Lookup(joinTokens(toks[a:k]))
		if len(ps) == 0 || ps[0].Kind != geo.KindCountry && ps[0].Population < 50000 ||
			len(gaz.Lookup(joinTokens(toks[a:b]))) > 0 || len(gaz.Lookup(joinTokens(rest))) > 0 {
			continue // not a well-known place, or the whole run or its rest is one
		}
		return k
	}
	return a
}

// titlePreps are the prepositions between a title and the place it is held
// for ("ambassador to", "mayor of", "Botschafter in").
var titlePreps = map[string]bool{
	"to": true, "of": true, "in": true, "for": true, "at": true, "à": true, "en": true, "de": true, "del": true,
	"di": true, "a": true, "im": true, "von": true, "für": true, "bei": true, "w": true, "we": true,
	"van": true, "voor": true, "te": true, "в": true, "во": true, "при": true, "au": true, "aux": true, "du": true,
}

// joinTokens joins the texts of toks with single spaces.
func joinTokens(toks []text.Token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text)
	}
	return b.String()
}

// holidayRun reports whether tokens [a, b) name a holiday: a single
// holiday word ("Christmas", "Weihnachten", "Рождество") or a run ending in
// "Day"/"Tag"/"Eve" after a possessive or a holiday word ("International
// Women's Day", "Valentine's Day", "Christmas Eve"). The tagger, which has
// no MISC, takes them for organisations or places.
func holidayRun(toks []text.Token, a, b int) bool {
	if b-a == 1 {
		return lowerIn(holidays, toks[a].Text)
	}
	if !lowerIn(holidayHeads, toks[b-1].Text) {
		return false
	}
	p := toks[b-2].Text
	return isPossessive(p) || strings.HasSuffix(p, "'s") || strings.HasSuffix(p, "’s") || lowerIn(holidays, p)
}

// holidays are one-word holiday names the tagger may take for a name.
var holidays = map[string]bool{
	"christmas": true, "easter": true, "thanksgiving": true, "ramadan": true, "hanukkah": true, "diwali": true,
	"weihnachten": true, "ostern": true, "noël": true, "pâques": true, "navidad": true, "pascua": true,
	"natale": true, "pasqua": true, "kerstmis": true, "pasen": true, "рождество": true, "пасха": true,
}

// holidayHeads end holiday names of several words.
var holidayHeads = map[string]bool{"day": true, "eve": true, "tag": true, "abend": true}

// connectors are the lower-case words that may sit inside a name ("Bank
// of England", "Ursula von der Leyen", "Trinidad and Tobago").
var connectors = map[string]bool{
	"of": true, "the": true, "and": true, "for": true, "on": true, "de": true, "del": true, "della": true, "delle": true,
	"dei": true, "degli": true, "di": true, "da": true, "do": true, "dos": true, "das": true, "des": true, "du": true,
	"la": true, "le": true, "les": true, "los": true, "las": true, "von": true, "vom": true, "van": true, "der": true,
	"den": true, "het": true, "al": true, "el": true, "bin": true, "ibn": true, "y": true, "e": true, "et": true,
	"und": true, "i": true, "и": true, "&": true, "in": true, "zu": true, "für": true, "fur": true, "pour": true,
	"per": true, "para": true, "voor": true, "en": true, "dla": true, "im": true, "am": true, "à": true, "a": true,
	"st.": true, "d'": true, "l'": true, "dell'": true, "'s": true, "’s": true,
}

// isBreak reports whether a word inside a tagged span ends the name: a
// lower-case word that is no connector.
func isBreak(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	switch w {
	case "(", ")", "[", "]", ":", ";", "\"", "“", "”", "„", "«", "»", "|", "/":
		return true
	}
	return unicode.IsLower(r) && !connectors[w] && !strings.ContainsAny(w, "-")
}

// articles are stripped from the start of a name ("The US embassy").
var articles = map[string]bool{
	"the": true, "a": true, "der": true, "die": true, "das": true, "den": true, "dem": true, "des": true,
	"le": true, "la": true, "les": true, "l'": true, "el": true, "los": true, "las": true, "il": true, "lo": true,
	"gli": true, "i": true, "de": true, "het": true, "een": true,
}

// plausibleName rejects spans that are no names: fewer than two letters
// (English "I", initials), all lower case, or a bare title.
func plausibleName(lang, s string) bool {
	letters, upper := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) || !unicode.IsLower(r) {
				upper++
			}
		}
	}
	if letters < 2 || upper == 0 {
		return false
	}
	return !isTitleWord(s)
}

// lowerGet returns m's value for the lower-case form of w; it does not
// allocate for short ASCII words, which are most of the words it is asked
// about.
func lowerGet[V any](m map[string]V, w string) V {
	if len(w) <= 32 {
		var buf [32]byte
		ascii := true
		for i := 0; i < len(w); i++ {
			c := w[i]
			if c >= 0x80 {
				ascii = false
				break
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[i] = c
		}
		if ascii {
			return m[string(buf[:len(w)])]
		}
	}
	return m[strings.ToLower(w)]
}

// lowerIn reports whether the lower-case form of w is in set.
func lowerIn(set map[string]bool, w string) bool { return lowerGet(set, w) }

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

func isCapitalised(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func isAllCaps(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n > 0
}

// output builds the news values from resolved mentions.
func (r *resolver) output() ([]news.Mention, []news.Entity) {
	n := len(r.ms)
	roots := make([]int, n)
	order := make([]int, n)
	for i := range r.ms {
		roots[i] = r.find(i)
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return r.ms[a].start - r.ms[b].start })
	out := make([]news.Mention, 0, n)
	byRoot := make([]int, n) // group root → 1 + index in ents, 0 if none yet
	var ents []news.Entity
	for _, i := range order {
		m, root := r.ms[i], roots[i]
		if byRoot[root] == 0 {
			ents = append(ents, r.entity(root, roots))
			byRoot[root] = len(ents)
		}
		e := &ents[byRoot[root]-1]
		e.Count++
		addAlias(e, m.text)
		if m.full != "" {
			addAlias(e, m.full)
		}
		out = append(out, news.Mention{Span: r.d.Span(m.start, m.end), Text: m.text, Type: m.typ, Entity: e.ID})
	}
	return out, ents
}

func addAlias(e *news.Entity, s string) {
	if !slices.Contains(e.Aliases, s) {
		e.Aliases = append(e.Aliases, s)
	}
}
