package facts

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tocsin/tocsin/internal/news"
)

// name is a proper name seen in the text, from the NER mentions when there
// are any and otherwise from runs of capitalised words.
type name struct {
	pos    int    // byte offset
	text   string // without titles
	last   string // last word, folded
	words  int
	entity string
	person bool
}

// speakerRec is a speaker already resolved, for "he said" and for
// descriptions that repeat ("the Foreign Ministry spokeswoman").
type speakerRec struct {
	pos    int
	text   string
	entity string
	role   string // spokesperson noun of the text, if any
	sent   int32
}

// speakerResolver turns speaker and actor phrases into the names the text gives
// them. It keeps state for one document only.
type speakerResolver struct {
	q        *qdoc
	mentions []news.Mention
	names    []name // filled by loadNames
	loaded   bool
	speakers []speakerRec
}

func newSpeakerResolver(q *qdoc, mentions []news.Mention) *speakerResolver {
	return &speakerResolver{q: q, mentions: mentions}
}

// loadNames fills r.names on first use.
func (r *speakerResolver) loadNames() {
	if r.loaded {
		return
	}
	r.loaded = true
	q, mentions := r.q, r.mentions
	if names, ok := q.nc.get(mentions); ok {
		r.names = names
		return
	}
	defer func() { q.nc.put(mentions, r.names) }()
	if len(mentions) > 0 {
		conv := runeConverter{s: q.d.Text}
		for _, m := range mentions {
			if m.Type == news.LOC {
				continue
			}
			ws := strings.Fields(m.Text)
			ws = r.stripTitles(ws)
			if len(ws) == 0 {
				continue
			}
			r.names = append(r.names, name{pos: conv.byteAt(m.Start), text: strings.Join(ws, " "), last: strings.ToLower(ws[len(ws)-1]),
				words: len(ws), entity: m.Entity, person: m.Type == news.PER})
		}
		return
	}
	// Runs of capitalised words: "Peter Neumann", "Russian Foreign Ministry".
	toks := q.toks
	for i := 0; i < len(toks); {
		if toks[i].kind != qWord || !toks[i].upper || false {
			i++
			continue
		}
		j := i
		for j+1 < len(toks) && toks[j+1].kind == qWord && toks[j+1].upper && toks[j+1].sent == toks[i].sent && !possessive(q.text(j)) {
			j++
		}
		titled := false
		first := i
		for ; first <= j; first++ {
			if q.cue(first) != 0 || q.c(first, cPrep|cBound|cPron|cAfter) {
				continue
			}
			if q.c(first, cDet|cTitle) {
				titled = titled || q.c(first, cTitle)
				continue
			}
			break
		}
		if n := j - first + 1; n >= 2 || titled && n == 1 {
			// The words are adjacent tokens: the name is the text they span,
			// with spaces folded and a final possessive dropped.
			text := strings.TrimSuffix(strings.TrimSuffix(q.slice(first, j), "'s"), "’s")
			if strings.ContainsAny(text, "\n\t") || strings.Contains(text, "  ") {
				text = strings.Join(strings.Fields(text), " ")
			}
			r.names = append(r.names, name{pos: toks[i].start, text: text,
				last: strings.TrimSuffix(q.low(j), "'s"), words: n, person: titled})
		}
		i = j + 1
	}
}

// stripTitles drops titles and articles from the front of a name.
func (r *speakerResolver) stripTitles(ws []string) []string {
	for len(ws) > 1 {
		if !inSetFold(r.q.lex.titles, ws[0]) && !inSetFold(r.q.lex.det, ws[0]) {
			break
		}
		ws = ws[1:]
	}
	return ws
}

// resolve returns the speaker named by phrase p and its entity ID: the
// previous speaker for a pronoun, the full name seen earlier for a surname,
// and the fullest earlier form for a description.
func (r *speakerResolver) resolve(p np) (string, string) {
	q := r.q
	if !p.ok() {
		return "", ""
	}
	raw := q.slice(p.a, p.b)
	if strings.IndexByte(raw, '"') >= 0 {
		raw = strings.ReplaceAll(raw, `"`, "")
	}
	if possessive(raw) {
		raw = raw[:len(raw)-2]
	}
	pos := q.toks[p.a].start
	// Inverted French pronouns: "a-t-il".
	if p.a == p.b && strings.ContainsRune(raw, '-') {
		if i := strings.LastIndexByte(raw, '-'); i >= 0 && q.lex.pron[strings.ToLower(raw[i+1:])] {
			raw = raw[i+1:]
		}
	}
	r.loadNames()
	lraw := lower(raw)
	if q.lex.pron[lraw] {
		if lraw == "it" || lraw == "es" || lraw == "het" {
			return r.resolveIt(p, pos)
		}
		if q.lex.plural[lraw] {
			return raw, ""
		}
		sent := q.toks[p.a].sent
		for i := len(r.speakers) - 1; i >= 0; i-- {
			s := r.speakers[i]
			if s.pos < pos && sent-s.sent <= 6 && !orgLike(s.text) {
				return s.text, s.entity
			}
		}
		for i := len(r.names) - 1; i >= 0; i-- {
			if n := r.names[i]; n.pos < pos && (n.person || len(r.mentions) == 0 && n.words >= 2 && !orgLike(n.text)) {
				return n.text, n.entity
			}
		}
		return raw, ""
	}
	entity := r.entityAt(p)
	ws := nameOf(strings.Fields(raw), q.lex)
	raw = strings.Join(ws, " ")
	if allUpper(ws) {
		ws = r.stripTitles(ws)
		if len(ws) <= 2 {
			last := strings.ToLower(strings.TrimSuffix(ws[len(ws)-1], "'s"))
			for i := len(r.names) - 1; i >= 0; i-- {
				n := r.names[i]
				if n.pos < pos && n.last == last && n.words > len(ws) {
					if entity == "" {
						entity = n.entity
					}
					return n.text, entity
				}
			}
		}
		return raw, entity
	}
	// A description: reuse an earlier one with the same role noun, else
	// complete "the ministry" from an earlier "Russian Foreign Ministry".
	if role := r.role(ws); role != "" {
		for i := len(r.speakers) - 1; i >= 0; i-- {
			s := r.speakers[i]
			if s.pos < pos && s.role == role && upperWordsIn(ws, s.text) && len(s.text) >= len(raw) {
				return s.text, s.entity
			}
		}
	}
	for i := 1; i < len(ws); i++ {
		lw := strings.ToLower(ws[i-1])
		if !q.lex.det[lw] || isUpperWord(ws[i]) {
			continue
		}
		last := strings.ToLower(strings.TrimRight(ws[i], ".,"))
		for j := len(r.names) - 1; j >= 0; j-- {
			n := r.names[j]
			if n.pos < pos && n.last == last && n.words >= 2 {
				out := append(append(append([]string{}, ws[:i]...), strings.Fields(n.text)...), ws[i+1:]...)
				return strings.Join(out, " "), entity
			}
		}
	}
	return raw, entity
}

// nameOf shortens a subject to the name it holds: "Terror expert Peter
// Neumann from King's College" → "Peter Neumann", "Colin Clarke of Soufan
// Center" → "Colin Clarke". Descriptions without such a name stay whole.
func nameOf(ws []string, lex *cueLex) []string {
	end := len(ws)
	for i, w := range ws {
		if i > 0 && inSetFold(lex.prep, w) {
			end = i
			break
		}
	}
	start := end
	for start > 0 && isUpperWord(ws[start-1]) {
		start--
	}
	if end-start < 2 || start == 0 && end == len(ws) {
		return ws
	}
	if start > 0 && (isUpperWord(ws[start-1]) || inSetFold(lex.det, ws[start-1])) {
		return ws
	}
	return ws[start:end]
}

// addSpeaker records a resolved speaker for later pronouns.
func (r *speakerResolver) addSpeaker(s, entity string, p np) {
	if s == "" || !p.ok() || len(s) <= 8 && r.q.lex.pron[lower(s)] {
		return
	}
	r.speakers = append(r.speakers, speakerRec{pos: r.q.toks[p.a].start, text: s, entity: entity, role: r.roleOf(s), sent: r.q.toks[p.a].sent})
}

// role returns the spokesperson noun in ws, if any.
func (r *speakerResolver) role(ws []string) string {
	for _, w := range ws {
		if inSetFold(r.q.lex.roles, w) {
			return lower(w)
		}
	}
	return ""
}

// roleOf returns the spokesperson noun in the words of s, if any.
func (r *speakerResolver) roleOf(s string) string {
	role := ""
	eachWord(s, func(w string) bool {
		if inSetFold(r.q.lex.roles, w) {
			role = lower(w)
		}
		return role == ""
	})
	return role
}

// entityAt returns the entity of a mention overlapping phrase p, or "".
func (r *speakerResolver) entityAt(p np) string {
	if len(r.mentions) == 0 {
		return ""
	}
	sp := r.q.d.Span(r.q.toks[p.a].start, r.q.toks[p.b].end)
	start, end := sp.Start, sp.End
	for _, m := range r.mentions {
		if m.Start < end && start < m.End && m.Entity != "" {
			return m.Entity
		}
	}
	return ""
}

// orgLike reports whether a speaker is an acronym or names an
// organisation, which "he" or "she" cannot refer to.
func orgLike(s string) bool {
	if !hasLower(s) {
		return true
	}
	found := false
	eachWord(s, func(w string) bool {
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		found = inSetFold(orgWords, w)
		return !found
	})
	return found
}

// hasLower reports whether s holds a lowercase letter.
func hasLower(s string) bool {
	for _, c := range s {
		if 'a' <= c && c <= 'z' || c >= utf8.RuneSelf && unicode.IsLower(c) {
			return true
		}
	}
	return false
}

// eachWord calls f with the space-separated words of s until f returns
// false.
func eachWord(s string, f func(string) bool) {
	for s != "" {
		i := strings.IndexByte(s, ' ')
		if i < 0 {
			f(s)
			return
		}
		if i > 0 && !f(s[:i]) {
			return
		}
		s = s[i+1:]
	}
}

// inSetFold reports whether the lowercase form of w is in set, without
// allocating for short ASCII words.
func inSetFold(set map[string]bool, w string) bool {
	if !hasUpper(w) {
		return set[w]
	}
	var buf [32]byte
	if len(w) > len(buf) {
		return set[strings.ToLower(w)]
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return set[strings.ToLower(w)]
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return set[string(buf[:len(w)])]
}

var orgWords = wordSet("ministry embassy service services agency government state states office police army kremlin council committee " +
	"party union group company center centre university institute court department ministerium regierung polizei ministère gouvernement " +
	"ministerio gobierno ministero governo министерство правительство ministerstwo rząd ministerie regering")

func possessive(w string) bool {
	return strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s")
}

func isUpperWord(w string) bool {
	for _, c := range w {
		return c >= 'A' && c <= 'Z' || c > 0x7f && strings.ToLower(string(c)) != string(c)
	}
	return false
}

func allUpper(ws []string) bool {
	for _, w := range ws {
		if !isUpperWord(w) {
			return false
		}
	}
	return len(ws) > 0
}

// upperWordsIn reports whether every capitalised word of ws occurs in s.
func upperWordsIn(ws []string, s string) bool {
	for _, w := range ws {
		if isUpperWord(w) && !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// runeConverter turns code-point offsets into byte offsets of s, fast when
// they come in increasing order.
type runeConverter struct {
	s          string
	rune, byte int // last position converted
}

// byteAt returns the byte offset of code point i of s.
func (c *runeConverter) byteAt(i int) int {
	if i < c.rune {
		c.rune, c.byte = 0, 0
	}
	for c.rune < i && c.byte < len(c.s) {
		_, n := utf8.DecodeRuneInString(c.s[c.byte:])
		c.byte += n
		c.rune++
	}
	return c.byte
}

// lower returns s lowercased, without allocating when it has no capitals.
func lower(s string) string {
	if hasUpper(s) {
		return strings.ToLower(s)
	}
	return s
}

// resolveIt resolves a neuter pronoun speaker ("It says that …") to the
// organisation named last in the two sentences before it: an earlier
// speaker, else a name. Without one the speaker is left empty rather than
// "It".
func (r *speakerResolver) resolveIt(p np, pos int) (string, string) {
	q := r.q
	sent := q.toks[p.a].sent
	from := q.d.Sentences[max(0, int(sent)-2)].Start
	for i := len(r.speakers) - 1; i >= 0; i-- {
		if s := r.speakers[i]; s.pos < pos && s.pos >= from && orgLike(s.text) {
			return s.text, s.entity
		}
	}
	for i := len(r.names) - 1; i >= 0; i-- {
		if n := r.names[i]; n.pos < pos && n.pos >= from && !n.person && orgLike(n.text) {
			return n.text, n.entity
		}
	}
	return "", ""
}
