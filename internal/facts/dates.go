package facts

import (
	"fmt"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/text"
)

// Granularities of a resolved date mention. "week" is used for "last week"
// and "this week" (Value is the Monday of that week).
const (
	GranYear   = "year"
	GranMonth  = "month"
	GranWeek   = "week"
	GranDay    = "day"
	GranHour   = "hour"
	GranMinute = "minute"
)

// Dates finds the date and time expressions of d.Text and resolves them
// against d.Published:
//
//   - absolute dates: "22 March 2024", "March 22, 2024", "8. März 2024",
//     "22 de marzo de 2024", "22 марта 2024 года", "22/03/2024",
//     "2024-03-22"; without a year the year comes from the publication date
//     (the reading closest to it), and the mention is Relative;
//   - months and years: "March 2024", "in March", "since 2018", "late 2014";
//     a bare four-digit year is a mention only after a temporal word ("in",
//     "since", "late", "seit", "depuis", ...) or before a year word ("2014
//     году", "2014 roku"): "the 1962 Cuban Missile Crisis" is not one;
//   - weekdays: "on Friday", "Friday evening", "Freitagabend", "venerdì sera",
//     "el viernes por la noche", "в пятницу вечером" resolve to the latest
//     such day on or before publication; "last Friday" to the latest one
//     strictly before, "next Friday" to the first one after;
//   - relative days and periods: "yesterday", "gestern", "ieri", "вчера",
//     "two days ago", "vor zwei Tagen", "il y a deux jours", "last week"
//     (granularity week), "earlier this month", "last year";
//   - clock times: "8:30 p.m.", "20:30", "um 20.30 Uhr", "alle 21", "à 20h30".
//     A time next to a day ("8:30 p.m. on Friday evening") is one mention with
//     minute or hour granularity; a time on its own takes the day of the
//     nearest day mention in its sentence, else of the closest earlier one in
//     the text, else it stays unresolved.
//
// Durations ("for the next 48 hours", "two years") are not points in time
// and are not reported. Without a publication date, everything that needs
// one (weekdays, relative words, dates without a year) is reported with a nil
// Value. Words are read in d.Lang only (English for languages without a
// list); numeric dates work in every language. Numeric dates with slashes are
// month first in English ("3/22/2024") unless the first number exceeds 12,
// and day first elsewhere.
func Dates(d *Doc) []news.DateMention {
	s := newDateScanner(d)
	ms := s.scan()
	if len(ms) == 0 {
		return nil
	}
	ms = s.mergeTimes(ms)
	out := make([]news.DateMention, 0, len(ms))
	var pub *time.Time
	if d.Published != nil {
		p := *d.Published
		pub = &p
	}
	vals := make([]*time.Time, len(ms))
	grans := make([]string, len(ms))
	rels := make([]bool, len(ms))
	for i := range ms {
		vals[i], grans[i], rels[i] = ms[i].resolve(pub)
	}
	// Times on their own borrow the day of a neighbouring day mention.
	for i := range ms {
		if ms[i].kind != kindTime {
			continue
		}
		j := s.anchor(ms, vals, grans, i)
		if j < 0 || vals[j] == nil {
			continue
		}
		day := *vals[j]
		t := time.Date(day.Year(), day.Month(), day.Day(), ms[i].hh, max(ms[i].mi, 0), 0, 0, day.Location())
		vals[i] = &t
		grans[i] = GranHour
		if ms[i].mi >= 0 {
			grans[i] = GranMinute
		}
		rels[i] = rels[j]
	}
	for i, m := range ms {
		start, end := s.toks[m.s].start, s.toks[m.e-1].end
		if m.extend > 0 {
			end = m.extend
		}
		dm := news.DateMention{
			Span:        d.Span(start, end),
			Text:        d.Text[start:end],
			Value:       vals[i],
			Granularity: grans[i],
			Relative:    rels[i] && vals[i] != nil,
		}
		if m.wday > 0 {
			dm.Weekday = time.Weekday(m.wday - 1).String()
		}
		if m.hh >= 0 {
			dm.Clock = fmt.Sprintf("%02d:%02d", m.hh, max(m.mi, 0))
		}
		out = append(out, dm)
	}
	return out
}

// ResolveDate resolves a date expression found by Dates ("8:30 p.m. on
// Friday evening", "gestern", "venerdì sera") against ref, read as the
// publication date, in language lang. It is for expressions that an article
// without a publication date left unresolved and that a later pass can
// place against another reference time, such as its event's. ok is false
// when the text holds no date expression or it cannot be resolved even
// with ref (a lone clock time). When the text holds several expressions,
// the longest wins.
func ResolveDate(expr, lang string, ref time.Time) (m news.DateMention, ok bool) {
	for _, c := range Dates(NewDoc(expr, lang, &ref)) {
		if c.Value != nil && len(c.Text) > len(m.Text) {
			m, ok = c, true
		}
	}
	return m, ok
}

// dtok is a token of the date scanner: a run of letters, a run of digits or
// one other character.
type dtok struct {
	start, end int
	w          string // folded word, or the digits
	num        int    // value of a digit run, -1 for words and marks
	nd         int    // digits in a digit run
	kind       byte   // 'w' word, 'n' number, 'p' mark
	cap        bool   // word starts with an uppercase letter
	lex        dateWord
	sent       int // sentence index
}

type dateScanner struct {
	d    *Doc
	lang string
	lex  dateLexicon
	toks []dtok
}

func newDateScanner(d *Doc) *dateScanner {
	s := &dateScanner{d: d, lang: d.Lang, lex: lexiconFor(d.Lang)}
	s.tokenize()
	return s
}

func digitVal(r rune) int {
	switch {
	case '0' <= r && r <= '9':
		return int(r - '0')
	case '٠' <= r && r <= '٩':
		return int(r - '٠')
	case '۰' <= r && r <= '۹':
		return int(r - '۰')
	}
	return -1
}

func (s *dateScanner) tokenize() {
	t := s.d.Text
	// About one token per four bytes of English or German news (words and
	// punctuation): one allocation, where len/6 grew the slice once more.
	s.toks = make([]dtok, 0, len(t)/4+8)
	sent := 0
	sents := s.d.Sentences
	var buf [32]byte
	for i := 0; i < len(t); {
		c := t[i]
		start := i
		switch {
		case c == ' ' || c == '\n' || c == '\t' || c == '\r':
			i++
			continue
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			// ASCII words: lowercase into buf; a word is kept only when the
			// lexicon knows it or it is short (the matchers compare short
			// words such as "il", "st", "pm").
			n, upper := 0, false
			for i < len(t) && ('a' <= t[i] && t[i] <= 'z' || 'A' <= t[i] && t[i] <= 'Z') {
				if n < len(buf) {
					buf[n] = t[i] | 0x20
				}
				upper = upper || t[i] <= 'Z'
				n++
				i++
			}
			if i < len(t) && t[i] >= utf8.RuneSelf {
				i = s.wordEnd(i)
				s.addWord(start, i, c)
				break
			}
			tok := dtok{start: start, end: i, num: -1, kind: 'w', cap: c <= 'Z'}
			if n <= len(buf) {
				w, ok := s.lex[string(buf[:n])]
				switch {
				case !upper:
					tok.lex, tok.w = w, t[start:i]
				case ok || n <= 9:
					tok.lex, tok.w = w, string(buf[:n])
				}
			}
			s.toks = append(s.toks, tok)
		case c < utf8.RuneSelf && '0' <= c && c <= '9' || c >= utf8.RuneSelf && digitVal(s.runeAt(i)) >= 0:
			v, nd := 0, 0
			for i < len(t) {
				r, n := utf8.DecodeRuneInString(t[i:])
				dv := digitVal(r)
				if dv < 0 {
					break
				}
				if nd < 9 {
					v = v*10 + dv
				}
				nd++
				i += n
			}
			s.toks = append(s.toks, dtok{start: start, end: i, w: t[start:i], num: v, nd: nd, kind: 'n'})
		case c >= utf8.RuneSelf && unicode.IsSpace(s.runeAt(i)):
			_, n := utf8.DecodeRuneInString(t[i:])
			i += n
			continue
		case c >= utf8.RuneSelf && unicode.IsLetter(s.runeAt(i)):
			i = s.wordEnd(i)
			s.addWord(start, i, c)
		default:
			_, n := utf8.DecodeRuneInString(t[i:])
			i += n
			s.toks = append(s.toks, dtok{start: start, end: i, w: t[start:i], num: -1, kind: 'p'})
		}
		for sent+1 < len(sents) && start >= sents[sent].End {
			sent++
		}
		s.toks[len(s.toks)-1].sent = sent
	}
}

func (s *dateScanner) runeAt(i int) rune {
	r, _ := utf8.DecodeRuneInString(s.d.Text[i:])
	return r
}

// wordEnd returns the end of the word (letters and marks) going on at i.
func (s *dateScanner) wordEnd(i int) int {
	t := s.d.Text
	for i < len(t) {
		r, n := utf8.DecodeRuneInString(t[i:])
		if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) {
			break
		}
		i += n
	}
	return i
}

// addWord appends the word t[start:end], folded and looked up.
func (s *dateScanner) addWord(start, end int, first byte) {
	raw := s.d.Text[start:end]
	w := text.Fold(raw)
	r, _ := utf8.DecodeRuneInString(raw)
	s.toks = append(s.toks, dtok{start: start, end: end, w: w, num: -1, kind: 'w', cap: unicode.IsUpper(r), lex: s.lex[w]})
}

// Kinds of matches.
const (
	kindAbs     = iota // calendar date, month or year (year may be inferred)
	kindWeekday        // a weekday name
	kindRelDay         // yesterday, today
	kindAgo            // n units ago
	kindPeriod         // last/this/next week, month, year
	kindTime           // a clock time alone
)

// dmatch is an expression found in tokens [s, e) before resolution.
type dmatch struct {
	s, e      int
	extend    int // byte end past the last token ("aujourd'hui"), 0 if none
	kind      int
	y, mo, dd int // 0 when not given
	hh, mi    int // clock time, -1 when not given
	wday      int // time.Weekday+1
	dir       int // weekdays: -1 last, 0 on or before publication, +1 next; periods: -1, 0, +1
	rel       int // days from publication (kindRelDay)
	n         int // amount (kindAgo)
	unit      dateUnit
}

func newMatch(s, e, kind int) dmatch { return dmatch{s: s, e: e, kind: kind, hh: -1, mi: -1} }

func (s *dateScanner) tok(i int) *dtok {
	if i < 0 || i >= len(s.toks) {
		return nil
	}
	return &s.toks[i]
}

// isMark reports whether token i is the mark c directly after token i-1
// (no space in between when tight is set).
func (s *dateScanner) isMark(i int, c string) bool {
	t := s.tok(i)
	return t != nil && t.kind == 'p' && t.w == c
}

func (s *dateScanner) adjacent(i int) bool {
	return i > 0 && i < len(s.toks) && s.toks[i-1].end == s.toks[i].start
}

func (s *dateScanner) word(i int) (dateWord, bool) {
	t := s.tok(i)
	if t == nil || t.kind != 'w' {
		return dateWord{}, false
	}
	return t.lex, true
}

func (s *dateScanner) hasFlag(i int, f uint32) bool {
	w, ok := s.word(i)
	return ok && w.flags&f != 0
}

func (s *dateScanner) scan() []dmatch {
	var out []dmatch
	for i := 0; i < len(s.toks); {
		if m, ok := s.matchAt(i); ok {
			out = append(out, m)
			i = m.e
			continue
		}
		i++
	}
	return out
}

func (s *dateScanner) matchAt(i int) (dmatch, bool) {
	t := &s.toks[i]
	switch t.kind {
	case 'n':
		if m, ok := s.numericDate(i); ok {
			return m, true
		}
		if m, ok := s.dayMonth(i); ok {
			return m, true
		}
		if m, ok := s.clock(i); ok {
			return m, true
		}
		if m, ok := s.amountAgo(i, i); ok {
			return m, true
		}
		return s.bareYear(i)
	case 'w':
		w := t.lex
		if t.w == "il" && s.lang == "fr" {
			if y := s.tok(i + 1); y != nil && y.w == "y" {
				if a := s.tok(i + 2); a != nil && a.w == "a" {
					if m, ok := s.amountAgo(i, i+3); ok {
						return m, true
					}
				}
			}
		}
		if w == (dateWord{}) {
			return dmatch{}, false
		}
		if w.wday != 0 {
			return s.weekday(i, i, 0)
		}
		if w.month != 0 {
			if m, ok := s.monthFirst(i); ok {
				return m, true
			}
		}
		if w.rel != 0 {
			if m, ok := s.relDay(i); ok {
				return m, true
			}
		}
		if w.num != 0 {
			if m, ok := s.amountAgo(i, i); ok {
				return m, true
			}
		}
		if w.flags&(fLast|fThis|fNext|fEarlier) != 0 {
			if m, ok := s.modified(i); ok {
				return m, true
			}
		}
		if w.unit != 0 {
			if m, ok := s.unitLast(i); ok {
				return m, true
			}
		}
		if w.flags&fAgoPre != 0 {
			if m, ok := s.amountAgo(i, i+1); ok {
				return m, true
			}
		}
		if w.flags&(fYearCue|fPrepMonth) != 0 {
			return s.cuedYearOrMonth(i)
		}
	}
	return dmatch{}, false
}

// dayNumber reads token i as a day of the month with its ordinal mark
// ("22", "22nd", "8.", "1er", "1º") and returns the token after it.
func (s *dateScanner) dayNumber(i int) (int, int, bool) {
	t := s.tok(i)
	if t == nil || t.kind != 'n' || t.nd > 2 || t.num < 1 || t.num > 31 {
		return 0, 0, false
	}
	j := i + 1
	if n := s.tok(j); n != nil && s.adjacent(j) {
		switch {
		case n.kind == 'w' && (n.w == "st" || n.w == "nd" || n.w == "rd" || n.w == "th" || n.w == "er" || n.w == "eme" || n.w == "o" || n.w == "a"):
			j++
		case n.kind == 'p' && (n.w == "º" || n.w == "°" || n.w == "." && ordinalDot[s.lang]):
			j++
		}
	}
	return t.num, j, true
}

// ordinalDot holds the languages that write ordinal numbers with a period
// ("am 8. März", "8. marca").
var ordinalDot = map[string]bool{"de": true, "pl": true, "tr": true, "da": true, "no": true, "fi": true, "cs": true, "sk": true, "hu": true, "sl": true, "hr": true}

// year reads token i as a year: four digits 1800–2199, or two digits after
// an apostrophe-free numeric date when short is set.
func (s *dateScanner) year(i int, short bool) (int, bool) {
	t := s.tok(i)
	if t == nil || t.kind != 'n' {
		return 0, false
	}
	if t.nd == 4 && t.num >= 1800 && t.num < 2200 {
		return t.num, true
	}
	if short && t.nd == 2 {
		return 2000 + t.num, true
	}
	return 0, false
}

// yearTail reads an optional year after a day and month (", 2024", "de
// 2024", "2024 года", "2024 r.") and returns its value and the end token.
func (s *dateScanner) yearTail(j int) (int, int) {
	k := j
	if s.isMark(k, ",") {
		k++
	}
	if s.hasFlag(k, fOf) {
		k++
	}
	y, ok := s.year(k, false)
	if !ok {
		return 0, j
	}
	k++
	if s.hasFlag(k, fYearAfter) {
		k++
		if s.isMark(k, ".") && s.adjacent(k) && s.toks[k-1].w == "g" || s.isMark(k, ".") && s.toks[k-1].w == "r" {
			k++
		}
	}
	return y, k
}

// numericDate reads "2024-03-22", "22.03.2024", "22/03/2024", "3/22/24".
func (s *dateScanner) numericDate(i int) (dmatch, bool) {
	a := &s.toks[i]
	sep := s.tok(i + 1)
	if sep == nil || sep.kind != 'p' || !s.adjacent(i+1) || (sep.w != "-" && sep.w != "." && sep.w != "/") {
		return dmatch{}, false
	}
	b, sep2, c := s.tok(i+2), s.tok(i+3), s.tok(i+4)
	if b == nil || c == nil || b.kind != 'n' || c.kind != 'n' || sep2.w != sep.w || !s.adjacent(i+2) || !s.adjacent(i+3) || !s.adjacent(i+4) {
		return dmatch{}, false
	}
	if nx := s.tok(i + 5); nx != nil && s.adjacent(i+5) && (nx.kind == 'n' || (nx.w == sep.w && s.tok(i+6) != nil && s.toks[i+6].kind == 'n' && s.adjacent(i+6))) {
		return dmatch{}, false // a longer number: "1.000.000", "10.1.2.3"
	}
	m := newMatch(i, i+5, kindAbs)
	switch {
	case a.nd == 4 && sep.w != ".": // 2024-03-22, 2024/03/22
		m.y, m.mo, m.dd = a.num, b.num, c.num
	case a.nd <= 2 && b.nd <= 2 && (c.nd == 4 || c.nd == 2):
		y, _ := s.year(i+4, true)
		if c.nd == 4 {
			y = c.num
		}
		m.y, m.dd, m.mo = y, a.num, b.num
		if sep.w == "/" && s.lang == "en" && a.num <= 12 {
			m.dd, m.mo = b.num, a.num
		}
		if sep.w == "-" && c.nd == 2 {
			return dmatch{}, false // "12-10-15" is more often a score or a code
		}
	default:
		return dmatch{}, false
	}
	if !validDate(m.y, m.mo, m.dd) {
		return dmatch{}, false
	}
	// ISO time: "2024-03-22T20:30" or "2024-03-22 20:30"
	if t := s.tok(i + 5); t != nil && s.adjacent(i+5) && t.kind == 'w' && t.w == "t" {
		if cm, ok := s.clockDigits(i + 6); ok {
			m.hh, m.mi, m.e = cm.hh, cm.mi, cm.e
		}
	}
	return m, true
}

func validDate(y, mo, d int) bool {
	if y < 1800 || y >= 2200 || mo < 1 || mo > 12 || d < 1 {
		return false
	}
	return d <= daysIn(y, time.Month(mo))
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// dayMonth reads "22 March [2024]", "8. März 2024", "22 de marzo de 2024",
// "1er mars", "22 марта 2024 года", with an optional weekday before it.
func (s *dateScanner) dayMonth(i int) (dmatch, bool) {
	day, j, ok := s.dayNumber(i)
	if !ok {
		return dmatch{}, false
	}
	if s.hasFlag(j, fOf) {
		j++
	}
	w, ok := s.word(j)
	if !ok || w.month == 0 || !s.monthOK(j) {
		return dmatch{}, false
	}
	j = s.skipAbbrevDot(j)
	m := newMatch(i, j+1, kindAbs)
	m.mo, m.dd = int(w.month), day
	m.y, m.e = s.yearTail(j + 1)
	if m.y != 0 && !validDate(m.y, m.mo, m.dd) || m.dd > daysIn(2024, time.Month(m.mo)) {
		return dmatch{}, false
	}
	s.weekdayBefore(&m)
	return m, true
}

// monthOK checks the case of month names where a month is also a common
// word: English months must be capitalised ("May", "March").
func (s *dateScanner) monthOK(j int) bool {
	t := &s.toks[j]
	if s.lang == "en" || s.lang == "" {
		if !t.cap {
			return false
		}
		if t.lex.flags&fMonthAbbr != 0 && !s.isMark(j+1, ".") && len(t.w) < 4 {
			// "Mar 22" is fine, but a lone "Jan" or "Dec" is often a name
			return s.tok(j+1) != nil && s.toks[j+1].kind == 'n'
		}
	}
	return true
}

func (s *dateScanner) skipAbbrevDot(j int) int {
	if s.toks[j].lex.flags&fMonthAbbr != 0 && s.isMark(j+1, ".") && s.adjacent(j+1) {
		return j + 1
	}
	return j
}

// weekdayBefore extends m over a weekday name right before it ("Friday,
// March 22", "vendredi 22 mars", "Freitag, 8. März").
func (s *dateScanner) weekdayBefore(m *dmatch) {
	k := m.s - 1
	if s.isMark(k, ",") {
		k--
	}
	if w, ok := s.word(k); ok && w.wday != 0 {
		m.s = k
	}
}

// monthFirst reads "March 22[, 2024]", "Nov. 2", "March 2024", "marzo de
// 2024", and months after a preposition ("in March", "im März").
func (s *dateScanner) monthFirst(i int) (dmatch, bool) {
	if !s.monthOK(i) {
		return dmatch{}, false
	}
	mo := int(s.toks[i].lex.month)
	j := s.skipAbbrevDot(i) + 1
	// month day
	if s.lang == "en" || s.lang == "" || s.lang == "nl" || s.lang == "de" {
		if day, k, ok := s.dayNumber(j); ok {
			if _, isYear := s.year(j, false); !isYear && (s.tok(k) == nil || s.toks[k].kind != 'w' || s.toks[k].lex.unit == 0) {
				m := newMatch(i, k, kindAbs)
				m.mo, m.dd = mo, day
				m.y, m.e = s.yearTail(k)
				if m.y != 0 && !validDate(m.y, m.mo, m.dd) || m.dd > daysIn(2024, time.Month(m.mo)) {
					return dmatch{}, false
				}
				s.weekdayBefore(&m)
				return m, true
			}
		}
	}
	// month year
	if y, k := s.yearTail(j); y != 0 {
		m := newMatch(i, k, kindAbs)
		m.y, m.mo = y, mo
		return m, true
	}
	// bare month after a preposition or "early", "late"
	if s.hasFlag(i-1, fPrepMonth) {
		m := newMatch(i, j, kindAbs)
		m.mo = mo
		return m, true
	}
	return dmatch{}, false
}

// cuedYearOrMonth reads a bare year or month after a cue: "in 2014", "since
// 2018", "late 2014", "seit 2018", "en 2014".
func (s *dateScanner) cuedYearOrMonth(i int) (dmatch, bool) {
	j := i + 1
	if t := s.tok(j); t != nil && t.kind == 'w' && (t.w == "de" || t.w == "del") {
		j++
	}
	if y, ok := s.year(j, false); ok {
		if n := s.tok(j + 1); n != nil && s.adjacent(j+1) && (n.w == "-" || n.w == "/" || n.w == "." && s.tok(j+2) != nil && s.toks[j+2].kind == 'n') {
			return dmatch{}, false
		}
		if n := s.tok(j + 1); n != nil && n.kind == 'w' && (n.lex.unit != 0 || n.w == "people" || n.w == "personen" || n.w == "personnes") {
			return dmatch{}, false // "in 2000 years", an amount
		}
		m := newMatch(j, j+1, kindAbs)
		m.y = y
		if s.hasFlag(j+1, fYearAfter) {
			m.e = j + 2
		}
		return m, true
	}
	return dmatch{}, false
}

// bareYear reads a year followed by a year word: "2014 году", "2014 roku",
// "2014 yılında", "1962 год".
func (s *dateScanner) bareYear(i int) (dmatch, bool) {
	y, ok := s.year(i, false)
	if !ok || !s.hasFlag(i+1, fYearAfter) {
		return dmatch{}, false
	}
	m := newMatch(i, i+2, kindAbs)
	m.y = y
	return m, true
}

// weekday reads a weekday at token i with what follows it: a date ("Friday,
// March 22"), a time of day ("Friday evening", "el viernes por la noche",
// "в пятницу вечером") or "dernier", "pasado", "scorso". start is where the
// match begins (before "last" or "next"), dir the direction those gave.
func (s *dateScanner) weekday(start, i, dir int) (dmatch, bool) {
	w := s.toks[i].lex
	if (s.lang == "en" || s.lang == "") && !s.toks[i].cap {
		return dmatch{}, false
	}
	j := i + 1
	if s.isMark(j, ",") {
		j++
	}
	if dir == 0 {
		if m, ok := s.dayMonth(j); ok {
			m.s = start
			return m, true
		}
		if t := s.tok(j); t != nil && t.kind == 'w' && t.lex.month != 0 {
			if m, ok := s.monthFirst(j); ok && m.dd != 0 {
				m.s = start
				return m, true
			}
		}
	}
	m := newMatch(start, i+1, kindWeekday)
	m.wday, m.dir = int(w.wday), dir
	j = i + 1
	if dir == 0 && s.hasFlag(j, fLast) {
		m.dir, m.e, j = -1, j+1, j+1
	}
	if dir == 0 && s.hasFlag(j, fNext) {
		m.dir, m.e, j = 1, j+1, j+1
	}
	m.e = s.todAfter(j, m.e)
	return m, true
}

// todAfter extends a day expression ending at token end over a following
// time-of-day word: "evening", "Abend", "sera", "soir", "por la noche",
// "вечером", "w nocy", "'s avonds".
func (s *dateScanner) todAfter(j, end int) int {
	k := j
	for n := 0; n < 2; n++ { // "por la", "in the", "am"
		t := s.tok(k)
		if t == nil || t.kind != 'w' || t.lex.tod != 0 {
			break
		}
		switch t.w {
		case "por", "la", "in", "the", "am", "w", "de", "del", "di", "du", "le", "al":
			k++
			continue
		}
		break
	}
	if t := s.tok(k); t != nil && t.kind == 'w' && t.lex.tod != 0 && t.lex.wday == 0 && t.lex.rel == 0 || s.lang == "es" && s.tok(k) != nil && s.toks[k].w == "manana" {
		if s.toks[k].sent == s.toks[j-1].sent {
			return k + 1
		}
	}
	return end
}

// relDay reads "yesterday", "gestern Abend", "ieri sera", "hier soir",
// "aujourd'hui", "anoche".
func (s *dateScanner) relDay(i int) (dmatch, bool) {
	t := &s.toks[i]
	switch {
	case s.lang == "de" && t.w == "morgen" && (t.cap || s.hasRel(i-1)):
		return dmatch{}, false // "am Morgen", "heute morgen": a time of day
	case s.lang == "es" && t.w == "manana" && s.tok(i-1) != nil && (s.toks[i-1].w == "la" || s.toks[i-1].w == "esta" || s.toks[i-1].w == "de" || s.hasRel(i-1)):
		return dmatch{}, false
	case s.lang == "nl" && t.w == "morgen" && s.tok(i-1) != nil && (s.toks[i-1].w == "de" || s.toks[i-1].w == "deze"):
		return dmatch{}, false
	}
	if t.cap && s.midSentence(i) && (s.lang == "en" || s.lang == "") {
		return dmatch{}, false // "USA Today", "Today Times"
	}
	m := newMatch(i, i+1, kindRelDay)
	m.rel = int(t.lex.rel) - 8
	if t.w == "aujourd" {
		if rest := s.d.Text[t.end:]; len(rest) >= 4 && rest[:4] == "'hui" {
			m.extend = t.end + 4
		} else if len(rest) >= 6 && rest[:6] == "\u2019hui" {
			m.extend = t.end + 6
		}
		if m.extend > 0 {
			for m.e < len(s.toks) && s.toks[m.e].start < m.extend {
				m.e++
			}
			m.extend = 0
		}
	}
	if t.w == "hier" && s.lang == "fr" && s.isMark(i-1, "-") && s.tok(i-2) != nil && s.toks[i-2].w == "avant" {
		m.s, m.rel = i-2, -2
	}
	m.e = s.todAfter(m.e, m.e)
	return m, true
}

// midSentence reports whether token i follows a word of its sentence.
func (s *dateScanner) midSentence(i int) bool {
	p := s.tok(i - 1)
	return p != nil && p.sent == s.toks[i].sent && (p.kind == 'w' || p.kind == 'n')
}

func (s *dateScanner) hasRel(i int) bool {
	w, ok := s.word(i)
	return ok && w.rel != 0
}

// amount reads a number or number word at token i ("two", "2", "a").
func (s *dateScanner) amount(i int) (int, bool) {
	t := s.tok(i)
	switch {
	case t == nil:
		return 0, false
	case t.kind == 'n' && t.nd <= 3:
		return t.num, true
	case t.kind == 'w' && t.lex.num != 0:
		return int(t.lex.num), true
	}
	return 0, false
}

// amountAgo reads "two days ago", "vor zwei Tagen", "hace dos días", "il y
// a deux jours", "due giorni fa", "два дня назад", starting the match at
// start with the amount at token i.
func (s *dateScanner) amountAgo(start, i int) (dmatch, bool) {
	n, ok := s.amount(i)
	if !ok {
		return dmatch{}, false
	}
	u, ok := s.word(i + 1)
	if !ok || u.unit == 0 {
		return dmatch{}, false
	}
	pre := start < i
	if !pre && !s.hasFlag(i+2, fAgoPost) {
		return dmatch{}, false
	}
	m := newMatch(start, i+2, kindAgo)
	if !pre {
		m.e = i + 3
	}
	m.n, m.unit = n, u.unit
	return m, true
}

// modified reads "last week", "this year", "earlier this month", "last
// Friday", "next Monday", "last night", "this morning", "letzte Woche",
// "на прошлой неделе", "w zeszłym tygodniu", "vorige week", "geçen hafta".
func (s *dateScanner) modified(i int) (dmatch, bool) {
	w := s.toks[i].lex
	j := i + 1
	dir := 0
	switch {
	case w.flags&fEarlier != 0:
		if !s.hasFlag(j, fThis) {
			return dmatch{}, false
		}
		j++
	case w.flags&fLast != 0:
		dir = -1
	case w.flags&fNext != 0:
		dir = 1
	}
	n, ok := s.word(j)
	if !ok {
		return dmatch{}, false
	}
	switch {
	case n.wday != 0 && dir != 0:
		return s.weekday(i, j, dir)
	case n.unit >= unitWeek:
		m := newMatch(i, j+1, kindPeriod)
		m.unit, m.dir = n.unit, dir
		return m, true
	case n.tod != 0 && (s.lang == "en" || s.lang == "") && dir <= 0:
		// "last night", "this morning", "tonight"
		m := newMatch(i, j+1, kindRelDay)
		if dir < 0 {
			m.rel = -1
		}
		return m, true
	}
	return dmatch{}, false
}

// unitLast reads periods and weekdays with the modifier after them: "la
// semaine dernière", "el mes pasado", "l'anno scorso", "vendredi dernier".
func (s *dateScanner) unitLast(i int) (dmatch, bool) {
	u := s.toks[i].lex.unit
	if u < unitWeek {
		return dmatch{}, false
	}
	dir := 0
	switch {
	case s.hasFlag(i+1, fLast):
		dir = -1
	case s.hasFlag(i+1, fNext):
		dir = 1
	default:
		return dmatch{}, false
	}
	m := newMatch(i, i+2, kindPeriod)
	m.unit, m.dir = u, dir
	return m, true
}

// clock reads a clock time at token i: "8:30 p.m.", "8 pm", "20:30", "20.30
// Uhr", "20 Uhr", "21h30", after "um", "alle", "om", "à": "um 20.30", "alle
// 21".
func (s *dateScanner) clock(i int) (dmatch, bool) {
	m, ok := s.clockDigits(i)
	if !ok {
		return dmatch{}, false
	}
	// 12-hour marks
	if e, pm, ok := s.ampm(m.e); ok {
		if m.hh < 1 || m.hh > 12 {
			return dmatch{}, false
		}
		if pm && m.hh < 12 {
			m.hh += 12
		}
		if !pm && m.hh == 12 {
			m.hh = 0
		}
		m.e = e
		return m.dmatch, true
	}
	if s.hasFlag(m.e, fClock) && m.hh <= 24 {
		if m.hh == 24 {
			m.hh = 0
		}
		m.e++
		if m.mi < 0 {
			if t := s.tok(m.e); t != nil && t.kind == 'n' && t.nd == 2 && t.num < 60 && s.adjacent(m.e) { // "20h30"
				m.mi = t.num
				m.e++
			}
		}
		return m.dmatch, true
	}
	if m.mi >= 0 && m.sep == ":" && m.hh <= 23 {
		return m.dmatch, true
	}
	if s.hasFlag(i-1, fClockPre) && m.hh <= 23 && (m.mi >= 0 || s.lang != "en") {
		if s.lang == "ru" && m.mi < 0 {
			return dmatch{}, false // "в 2014" handled as years; "в 20" is too vague
		}
		if t := s.tok(m.e); t != nil && t.kind == 'w' && (t.lex.unit != 0 || t.lex.month != 0) {
			return dmatch{}, false
		}
		return m.dmatch, true
	}
	return dmatch{}, false
}

type clockMatch struct {
	dmatch
	sep string
}

// clockDigits reads "8", "8:30", "20.30" at token i.
func (s *dateScanner) clockDigits(i int) (clockMatch, bool) {
	t := s.tok(i)
	if t == nil || t.kind != 'n' || t.nd > 2 || t.num > 24 {
		return clockMatch{}, false
	}
	if i > 0 && s.adjacent(i) && (s.toks[i-1].kind == 'n' || s.toks[i-1].w == "." || s.toks[i-1].w == ":" || s.toks[i-1].w == ",") {
		return clockMatch{}, false
	}
	m := clockMatch{dmatch: newMatch(i, i+1, kindTime)}
	m.hh = t.num
	if sep := s.tok(i + 1); sep != nil && (sep.w == ":" || sep.w == ".") && s.adjacent(i+1) {
		if mm := s.tok(i + 2); mm != nil && mm.kind == 'n' && mm.nd == 2 && mm.num < 60 && s.adjacent(i+2) {
			if nx := s.tok(i + 3); nx != nil && s.adjacent(i+3) && (nx.kind == 'n' || (nx.w == sep.w || nx.w == ",") && s.tok(i+4) != nil && s.toks[i+4].kind == 'n' && s.adjacent(i+4)) {
				return clockMatch{}, false // "1.000.000", "2:30:15"
			}
			m.mi, m.e, m.sep = mm.num, i+3, sep.w
		}
	}
	return m, true
}

// ampm reads "am", "pm", "a.m.", "p.m." at token i.
func (s *dateScanner) ampm(i int) (int, bool, bool) {
	t := s.tok(i)
	if t == nil || t.kind != 'w' {
		return 0, false, false
	}
	switch t.w {
	case "am", "pm":
		if t.w == "am" && (s.lang != "en" && s.lang != "") {
			return 0, false, false
		}
		return i + 1, t.w == "pm", true
	case "a", "p":
		if s.isMark(i+1, ".") && s.adjacent(i+1) && s.tok(i+2) != nil && s.toks[i+2].w == "m" && s.adjacent(i+2) {
			e := i + 3
			if s.isMark(e, ".") && s.adjacent(e) {
				e++
			}
			return e, t.w == "p", true
		}
	}
	return 0, false, false
}

// mergeTimes joins a clock time with a day expression next to it ("8:30
// p.m. on Friday evening", "Friday at 8 p.m.", "am Freitag um 20 Uhr") when
// only connectors lie between them in one sentence.
func (s *dateScanner) mergeTimes(ms []dmatch) []dmatch {
	out := ms[:0]
	for i := 0; i < len(ms); i++ {
		m := ms[i]
		if m.kind == kindTime && i+1 < len(ms) && ms[i+1].dayCapable() && ms[i+1].hh < 0 && s.connected(m.e, ms[i+1].s) {
			n := ms[i+1]
			n.s, n.hh, n.mi = m.s, m.hh, m.mi
			out = append(out, n)
			i++
			continue
		}
		if m.kind == kindTime && len(out) > 0 {
			p := &out[len(out)-1]
			if p.dayCapable() && p.hh < 0 && s.connected(p.e, m.s) {
				p.e, p.hh, p.mi = m.e, m.hh, m.mi
				continue
			}
		}
		out = append(out, m)
	}
	return out
}

func (m *dmatch) dayCapable() bool {
	switch m.kind {
	case kindWeekday, kindRelDay:
		return true
	case kindAgo:
		return m.unit == unitDay || m.unit == unitWeek
	case kindAbs:
		return m.dd != 0
	}
	return false
}

// connected reports whether tokens [a, b) are at most three connectors in
// one sentence: "on", "at", "um", ",", "around", "por la", ...
func (s *dateScanner) connected(a, b int) bool {
	if b-a > 3 || a >= len(s.toks) || b >= len(s.toks) || s.toks[a-1].sent != s.toks[b].sent {
		return false
	}
	for k := a; k < b; k++ {
		t := &s.toks[k]
		if t.kind == 'p' && t.w != "," && t.w != "(" && t.w != "–" && t.w != "-" {
			return false
		}
		if t.kind == 'w' && t.lex.flags&(fConnector|fApprox|fClockPre) == 0 && t.lex.tod == 0 {
			return false
		}
		if t.kind == 'n' {
			return false
		}
	}
	return true
}

// anchor finds the day mention a lone time belongs to: the nearest one in
// its sentence, else the closest earlier one. It returns -1 if none.
func (s *dateScanner) anchor(ms []dmatch, vals []*time.Time, grans []string, i int) int {
	sent := s.toks[ms[i].s].sent
	best, bestDist := -1, 1<<30
	for j := range ms {
		if j == i || !ms[j].dayCapable() || s.toks[ms[j].s].sent != sent || vals[j] == nil {
			continue
		}
		dist := ms[j].s - ms[i].s
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist {
			best, bestDist = j, dist
		}
	}
	if best >= 0 {
		return best
	}
	for j := i - 1; j >= 0; j-- {
		if ms[j].dayCapable() && vals[j] != nil && (grans[j] == GranDay || grans[j] == GranHour || grans[j] == GranMinute) {
			return j
		}
	}
	return -1
}

// resolve turns a match into a time: the value (nil when unknown), its
// granularity and whether it depended on the publication date.
func (m *dmatch) resolve(pub *time.Time) (*time.Time, string, bool) {
	loc := time.UTC
	var p time.Time
	if pub != nil {
		loc = pub.Location()
		p = time.Date(pub.Year(), pub.Month(), pub.Day(), 0, 0, 0, 0, loc)
	}
	var t time.Time
	gran := GranDay
	relative := true
	switch m.kind {
	case kindAbs:
		y := m.y
		relative = false
		if y == 0 {
			if pub == nil {
				return nil, "", true
			}
			relative = true
			y = nearestYear(p, m.mo, m.dd)
		}
		switch {
		case m.dd != 0:
			t = time.Date(y, time.Month(m.mo), m.dd, 0, 0, 0, 0, loc)
		case m.mo != 0:
			t, gran = time.Date(y, time.Month(m.mo), 1, 0, 0, 0, 0, loc), GranMonth
		default:
			t, gran = time.Date(y, 1, 1, 0, 0, 0, 0, loc), GranYear
		}
	case kindTime:
		return nil, "", false // anchored later
	default:
		if pub == nil {
			return nil, "", true
		}
		switch m.kind {
		case kindWeekday:
			back := (int(p.Weekday()) - (m.wday - 1) + 7) % 7
			switch m.dir {
			case -1:
				if back == 0 {
					back = 7
				}
			case 1:
				back -= 7
				if back == 0 {
					back = -7
				}
			}
			t = p.AddDate(0, 0, -back)
		case kindRelDay:
			t = p.AddDate(0, 0, m.rel)
		case kindAgo:
			switch m.unit {
			case unitMinute, unitHour:
				u := time.Hour
				if m.unit == unitMinute {
					u = time.Minute
				}
				t = pub.Add(-time.Duration(m.n) * u)
				gran = GranHour
				if m.unit == unitMinute {
					gran = GranMinute
				}
				return &t, gran, true
			case unitDay:
				t = p.AddDate(0, 0, -m.n)
			case unitWeek:
				t = p.AddDate(0, 0, -7*m.n)
			case unitMonth:
				t, gran = time.Date(p.Year(), p.Month()-time.Month(m.n), 1, 0, 0, 0, 0, loc), GranMonth
			case unitYear:
				t, gran = time.Date(p.Year()-m.n, 1, 1, 0, 0, 0, 0, loc), GranYear
			}
		case kindPeriod:
			switch m.unit {
			case unitWeek:
				monday := p.AddDate(0, 0, -((int(p.Weekday()) + 6) % 7))
				t, gran = monday.AddDate(0, 0, 7*m.dir), GranWeek
			case unitMonth:
				t, gran = time.Date(p.Year(), p.Month()+time.Month(m.dir), 1, 0, 0, 0, 0, loc), GranMonth
			default:
				t, gran = time.Date(p.Year()+m.dir, 1, 1, 0, 0, 0, 0, loc), GranYear
			}
		}
	}
	if m.hh >= 0 && gran == GranDay {
		t = time.Date(t.Year(), t.Month(), t.Day(), m.hh, max(m.mi, 0), 0, 0, loc)
		gran = GranHour
		if m.mi >= 0 {
			gran = GranMinute
		}
	}
	return &t, gran, relative
}

// nearestYear picks the year that puts month mo, day d within about half a
// year of the publication date p.
// A month without a day ("in September") is taken as past unless it is at
// most a month ahead.
func nearestYear(p time.Time, mo, d int) int {
	y := p.Year()
	ahead := 183 * 24 * time.Hour
	if d == 0 {
		d, ahead = 1, 31*24*time.Hour
	}
	c := time.Date(y, time.Month(mo), min(d, daysIn(y, time.Month(mo))), 0, 0, 0, 0, p.Location())
	switch diff := c.Sub(p); {
	case diff > ahead:
		return y - 1
	case diff < -183*24*time.Hour:
		return y + 1
	}
	return y
}
