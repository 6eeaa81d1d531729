package facts

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/text"
)

// Figures returns every reported count of people killed, injured, detained,
// missing or evacuated in d, in order of appearance: "killing at least 143
// people", "60 dead and at least 145 injured", "11 people, including four
// suspected gunmen, have been arrested", "the death toll rose to 143",
// "sechzig Tote", "dozens injured".
//
// A number is taken only when a cue names what it counts: a casualty word
// after it ("60 dead", "143 people were killed"), an active verb before it
// ("killing two alleged members"), or a death toll it completes ("the toll
// rose to 143"). Numbers that measure something else (ages, times, years,
// percentages, money, "the next 48 hours", "60 fighters had been
// recruited") have no such cue and are left out. A count inside an
// "including ..." aside is part of the count before it and is emitted only
// when it has a casualty word of its own. Each figure carries the
// authority the sentence attributes it to, if any ("the Kremlin said",
// "according to police"). See docs/facts-figures.md.
func Figures(d *Doc) []news.Figure {
	lx := lexicons[d.Lang]
	if lx == nil {
		lx = lexicons["en"]
	}
	var out []news.Figure
	// The document with ASCII capitals lowered: the folded form of an
	// ASCII word is a substring of it, so folding allocates nothing.
	lower := lowerASCII(d.Text)
	var toks []ftok
	key := make([]byte, 0, 64)
	for _, s := range d.Sentences {
		toks = figTokens(toks[:0], d.Text[s.Start:s.End], s.Start, lower)
		lookup(toks, d.Lang, lx)
		if !hasCountable(toks, d.Lang == "en") {
			continue
		}
		sc := figScan{d: d, lx: lx, toks: toks, sent: s, key: key}
		out = sc.run(out)
		key = sc.key
	}
	return out
}

// hasCountable is a quick filter: does the sentence hold anything that
// may start a count, or (with names set) a casualty word that a name may
// go with?
func hasCountable(toks []ftok, names bool) bool {
	for _, t := range toks {
		if t.digits || t.quant || names && (t.cue != "" || t.is(wMultiple)) {
			return true
		}
	}
	return false
}

// figScan reads the figures of one sentence.
type figScan struct {
	d    *Doc
	lx   *figLex
	toks []ftok
	sent text.Span
	auth []authority // computed on first use
	done bool
	key  []byte // scratch for cues of several words
	// aside is the token of a fatal aside's count that predicate skipped
	// ("Four teens, one fatally, were shot"), scanned next; -1 if none.
	aside int
}

// count is a number phrase: toks[start:end] with its reading.
type count struct {
	start, end       int // token range, qualifier included
	value, low, high int
	qual             string
	article          bool // "a", "the", "ein": a count only before a person noun
	age              bool // the count is its own noun ("a 15-year-old", "Woman")
}

// figure is a figure found in the sentence, before conversion.
type figure struct {
	kind       string
	c          count
	start, end int // token range of the whole phrase
	shot       bool
	part       bool // "one fatally", "two of them": part of the count before
}

func (sc *figScan) run(out []news.Figure) []news.Figure {
	var figs []figure
	toks := sc.toks
	for i := 0; i < len(toks); i++ {
		c, ok := sc.count(i)
		if !ok {
			continue
		}
		sc.aside = -1
		f, next, ok := sc.classify(c)
		i = max(i, c.end-1)
		if !ok {
			continue
		}
		if sc.aside >= 0 {
			i = sc.aside - 1
		} else {
			i = max(i, next-1)
		}
		figs = append(figs, f)
	}
	if sc.d.Lang == "en" {
		figs = sc.named(figs)
	}
	// "Four people were shot, one fatally": the fatal part is not injured.
	for j, f := range figs {
		if f.kind != news.Killed || !f.part {
			continue
		}
		for k := j - 1; k >= 0; k-- {
			if figs[k].shot && figs[k].kind == news.Injured && figs[k].c.value > f.c.value {
				figs[k].c.value -= f.c.value
				figs[k].c.low = max(0, figs[k].c.low-f.c.value)
				if figs[k].c.high > 0 {
					figs[k].c.high -= f.c.value
				}
				break
			}
		}
	}
	for _, f := range figs {
		if sc.negated(f) {
			continue
		}
		start, end := toks[f.start].start, toks[f.end-1].end
		if n := len(out); n > 0 && out[n-1].Text == sc.d.Text[start:end] && out[n-1].Sentence == sc.d.Span(sc.sent.Start, sc.sent.End) {
			continue
		}
		out = append(out, news.Figure{
			Kind:      f.kind,
			Value:     f.c.value,
			Low:       f.c.low,
			High:      f.c.high,
			Qualifier: f.c.qual,
			Authority: sc.authority(f.start),
			Text:      sc.d.Text[start:end],
			Span:      sc.d.Span(start, end),
			Sentence:  sc.d.Span(sc.sent.Start, sc.sent.End),
		})
	}
	return out
}

// negated reports whether the predicate of f is denied: a negation after
// its count ("two people were not injured", "wurden nicht verletzt") that
// does not deny only the degree ("not seriously injured"), or right
// before it ("no one was hurt", "not one person was killed").
func (sc *figScan) negated(f figure) bool {
	toks := sc.toks
	from := f.start
	if f.c.end > 0 {
		from = f.c.end
		if k := f.c.start - 1; k >= 0 && f.c.value == 1 && toks[k].is(wNot) {
			return true
		}
	}
	for k := from; k < f.end-1; k++ {
		if toks[k].is(wNot) && !toks[k+1].is(wDegree) {
			return true
		}
	}
	return false
}

// count reads the number phrase that starts with the number at toks[i].
func (sc *figScan) count(i int) (count, bool) {
	toks := sc.toks
	c := count{start: i, end: i + 1, qual: "exact"}
	if !toks[i].digits && !toks[i].quant {
		return c, false
	}
	t := &toks[i]
	switch {
	case t.digits:
		if i > 0 && (toks[i-1].is(wMonth) || toks[i-1].is(wDial)) || i+1 < len(toks) && toks[i+1].is(wMonth) ||
			i > 1 && toks[i-1].raw == "." && toks[i-2].is(wMonth) { // "Dec. 25 has died"
			return c, false
		}
		if i+2 < len(toks) && (toks[i+1].raw == "/" || toks[i+1].raw == ".") && toks[i+2].digits && toks[i+1].start == t.end ||
			i > 1 && toks[i-1].raw == "/" && toks[i-2].digits {
			return c, false // a date or a fraction: "shot 10/16/16", "24/7"
		}
		if sc.clock(i) || sc.caption(i) {
			return c, false
		}
		if len(t.raw) == 4 && 1900 <= t.num && t.num < 2100 && !(i+1 < len(toks) && toks[i+1].is(wPeople)) {
			// A year ("since 2015 killed"), unless people follow.
			return c, false
		}
		if i > 0 && isCurrency(toks[i-1].raw) || i+1 < len(toks) && (toks[i+1].raw == "%" || toks[i+1].raw == "‰") {
			return c, false
		}
		c.value = t.num
		if i+1 < len(toks) && toks[i+1].is(wMult) {
			m := sc.lx.word(&toks[i+1]).mult
			if t.dec {
				c.value = t.num * m / 10
			} else {
				c.value = t.num * m
			}
			c.end++
		} else if t.dec {
			return c, false
		}
	case t.is(wVague):
		r := sc.lx.word(t).vague
		c.value, c.low, c.high, c.qual = r.low, r.low, r.high, "vague"
		if i > 0 && (toks[i-1].fold == "des" || toks[i-1].fold == "several") {
			c.start--
		}
		c.end = skipOf(toks, i+1)
		return c, true
	case t.is(wApprox) && i > 0 && toks[i-1].is(wArticle): // "une dizaine de"
		a := sc.lx.word(t).approx
		c.value, c.low, c.high, c.qual = a, a, a, "about"
		c.start--
		c.end = skipOf(toks, i+1)
		return c, true
	case sc.d.Lang == "en" && isAge(t.fold):
		// "15-year-old killed": the age stands for one person.
		c.value, c.low, c.high, c.article, c.age = 1, 1, 1, true, true
		return c, true
	case sc.d.Lang == "en" && t.is(wSingular) && sc.headlineNoun(i):
		// A headline's bare noun: "Woman killed in shooting".
		c.value, c.low, c.high, c.article, c.age = 1, 1, 1, true, true
		return c, true
	case t.article && t.fold != "another" && (!sc.personAhead(i+1) || i+1 < len(toks) && toks[i+1].is(wApprox)):
		// "a", "the", "his": a count only before a person noun; "una
		// decina" is read at "decina".
		return c, false
	default:
		v, ok := sc.words(i, &c)
		if !ok {
			return c, false
		}
		c.value = v
		if c.end < len(toks) && toks[c.end].is(wMult) && !c.article { // "zwei Millionen"
			c.value *= sc.lx.word(&toks[c.end]).mult
			c.end++
		}
	}
	sc.qualify(&c)
	sc.rangeOf(&c)
	if c.value <= 0 {
		return c, false
	}
	return c, true
}

// headlineNoun reports whether the singular person noun at toks[i] is a
// headline's bare noun: capitalised at the start of its sentence ("Woman
// killed in shooting"), or after at most three capitalised words that
// name where or who ("North Idaho child killed", "Sandston teen shot to
// death", "Rowlett HS student killed").
func (sc *figScan) headlineNoun(i int) bool {
	toks := sc.toks
	if i == 0 || toks[i-1].punct {
		return isUpper(toks[i].raw)
	}
	for h := i - 1; h >= 0 && h >= i-3; h-- {
		t := &toks[h]
		if t.digits || t.quant || t.article || t.is(wPeople) || !isUpper(t.raw) {
			return false
		}
		if h == 0 || toks[h-1].punct {
			return true
		}
	}
	return false
}

// personAhead reports whether a person noun, a number word or an age
// follows within four tokens of toks[i]: the quick test that an article
// may start a count.
func (sc *figScan) personAhead(i int) bool {
	for h := i; h < len(sc.toks) && h < i+4; h++ {
		t := &sc.toks[h]
		if t.punct || t.digits {
			return false
		}
		if t.is(wPeople) || t.isWord || isAge(t.fold) {
			return true
		}
	}
	return false
}

// words reads a run of number words starting at toks[i] ("twenty five",
// "one hundred", "on iki", "a dozen") and sets c.end.
func (sc *figScan) words(i int, c *count) (int, bool) {
	toks := sc.toks
	total, cur, n := 0, 0, 0
	for j := i; j < len(toks); j++ {
		w := toks[j].fold
		v, ok := toks[j].word, toks[j].isWord
		if !ok {
			break
		}
		if n > 0 && toks[j].article {
			break
		}
		if n == 0 && toks[j].article && j+1 < len(toks) {
			if v2, ok := toks[j+1].word, toks[j+1].isWord; ok && v2 != 12 && v2 < 100 && !toks[j+1].is(wArticle) {
				return 0, false // "a three people": the article is a slip
			}
		}
		switch {
		case v == 12 && !toks[j].is(wArticle) && (w == "dozen" || w == "dutzend" || w == "douzaine" || w == "docena" || w == "dozzina" || w == "dozijn"):
			cur = max(cur, 1) * 12
		case v == 100:
			cur = max(cur, 1) * 100
		case v >= 1000:
			total += max(cur, 1) * v
			cur = 0
		default:
			if cur > 0 && cur%10 != 0 && v < 100 && cur < 100 { // "two three" is not a number
				if n == 0 {
					break
				}
				goto done
			}
			cur += v
		}
		n++
		c.end = j + 1
	}
done:
	if n == 0 {
		return 0, false
	}
	c.article = n == 1 && toks[i].is(wArticle) && toks[i].fold != "another" // "another was hurt"
	if n == 2 && toks[i].is(wArticle) && (toks[i+1].fold == "dozen" || toks[i+1].fold == "dutzend") {
		c.qual = "about" // "a dozen"
	}
	if c.article && i+1 < len(toks) && (toks[i+1].fold == "few" || toks[i+1].fold == "total") {
		return 0, false
	}
	return total + cur, true
}

// skipOf steps over "of", "de", "di" after a quantity noun ("dozens of").
func skipOf(toks []ftok, i int) int {
	if i < len(toks) {
		switch toks[i].fold {
		case "of", "de", "d'", "di", "von", "van", "z":
			return i + 1
		}
	}
	return i
}

func isCurrency(s string) bool {
	return s == "$" || s == "€" || s == "£" || s == "¥" || s == "₽" || s == "US$"
}

// qualify extends c backwards over a qualifier phrase ("at least",
// "mehr als", "не менее").
func (sc *figScan) qualify(c *count) {
	toks := sc.toks
	var pats [][2][]string
	if c.start > 0 {
		pats = qualPats[strings.TrimSuffix(toks[c.start-1].fold, ".")]
	}
	for _, p := range pats {
		words := p[0]
		s := c.start - len(words)
		if s < 0 {
			continue
		}
		match := true
		for k, w := range words {
			if strings.TrimSuffix(toks[s+k].fold, ".") != w {
				match = false
				break
			}
		}
		if !match {
			continue
		}
		if p[1][0] == "exact" && c.article {
			continue
		}
		c.start = s
		c.qual = p[1][0]
		break
	}
	// Turkish "100'den fazla" puts the qualifier after the number.
	if c.end < len(toks) && (toks[c.end].fold == "fazla" || toks[c.end].fold == "aski") && c.end > 0 {
		c.qual = "more_than"
		c.end++
	}
	v := c.value
	switch c.qual {
	case "exact", "about":
		c.low, c.high = v, v
	case "at_least":
		c.low = v
	case "more_than":
		c.low = v + 1
	case "up_to", "at_most":
		c.high = v
	case "fewer":
		c.qual, c.high = "at_most", max(v-1, 0)
	}
}

// rangeOf reads "10-15", "10 to 15" and "between 10 and 20".
func (sc *figScan) rangeOf(c *count) {
	toks := sc.toks
	j := c.end
	if j+1 >= len(toks) {
		return
	}
	between := c.start > 0 && rangeOpen[toks[c.start-1].fold]
	join := toks[j].fold
	if join == "of" && sc.d.Lang != "nl" {
		return // Dutch "drie of vier" is a range, English "one of five" a part
	}
	if !(between && (rangeAnd[join] || join == "до")) && !(!between && rangeJoin[join]) {
		return
	}
	var hi count
	hi.start = j + 1
	t := toks[j+1]
	switch {
	case t.digits && !t.dec:
		hi.value, hi.end = t.num, j+2
	default:
		v, ok := sc.words(j+1, &hi)
		if !ok || hi.article {
			return
		}
		hi.value = v
	}
	if hi.value <= c.value {
		return
	}
	// "rose from 10 to 15": the later number is the reading.
	if c.start > 0 && (toks[c.start-1].fold == "from" || toks[c.start-1].fold == "von" || toks[c.start-1].fold == "de") && !between {
		c.value, c.low, c.high, c.qual, c.end = hi.value, hi.value, hi.value, "exact", hi.end
		return
	}
	if between {
		c.start--
	}
	c.low, c.high, c.end = c.value, hi.value, hi.end
	c.value, c.qual = c.low, "range"
}

// classify decides what c counts. It returns the figure and the token index
// after everything it used.
func (sc *figScan) classify(c count) (figure, int, bool) {
	toks := sc.toks
	f := figure{c: c, start: c.start, end: c.end}
	sub := false
	for k := c.start - 1; k >= 0 && k >= c.start-2; k-- {
		if toks[k].is(wSub) {
			sub = true
		}
	}
	// The head: a casualty word right after the count, or a person noun
	// after at most three modifiers ("four suspected gunmen").
	j := c.end
	if j < len(toks) && (toks[j].is(wUnit) || !c.article && strings.HasSuffix(toks[j].fold, "-old")) {
		return f, 0, false
	}
	// "three other shooting victims", "two more wounded", "zwei weitere
	// Verletzte", "deux autres blessés": the casualty word after a word
	// that says they are more.
	h := j
	if h+1 < len(toks) && !c.article {
		switch toks[h].fold {
		case "other", "more", "additional", "weitere", "autres":
			h++
		}
	}
	if kind, n, shot := sc.cueAt(h); kind != "" && (!c.article || toks[c.start].fold == "another") {
		if w := toks[h+n-1].fold; w == "wounds" || w == "wound" {
			// "suffered three gunshot wounds": wounds, not people.
			return f, 0, false
		}
		j = h
		f.kind, f.end, f.shot = kind, j+n, shot
		f.part = j+n < len(toks) && toks[j].fold == "fatally"
		return f, f.end, true
	}
	noun := -1
	for h := j; h < len(toks) && h < j+4; h++ {
		t := toks[h]
		if t.punct || t.digits || t.isWord && h > j || t.is(wStopClause) || t.is(wUnit) || conjunction(t.fold) {
			// Another count has its own noun: "13 News two people were
			// shot"; so has a second subject: "Mother and Child Shot".
			break
		}
		if t.is(wPeople) || h > c.start && isDemonym(t) && !c.article {
			noun = h
			break
		}
		if kind, _, _ := sc.cueAt(h); kind != "" {
			break
		}
	}
	if c.age && noun < 0 {
		noun = c.start
		j = c.start
	}
	if c.article && (noun < 0 || !toks[noun].is(wSingular) && !c.age && sc.d.Lang == "en") {
		return f, 0, false
	}
	part := false
	k := j
	if noun >= 0 {
		k = noun + 1
		// "one of them", "two of the victims"
		if k+1 < len(toks) && (toks[k].fold == "of" || toks[k].fold == "von" || toks[k].fold == "de") {
			part = true
		}
	} else if k+1 < len(toks) && toks[k].fold == "of" && (toks[k+1].fold == "them" || toks[k+1].fold == "whom" || toks[k+1].fold == "those" || toks[k+1].fold == "the") {
		part = true
		k += 2
		for k < len(toks) && k < j+5 && !toks[k].punct && !toks[k-1].is(wPeople) && sc.cueKind(k) == "" {
			k++
		}
		if k+1 < len(toks) && (toks[k-1].fold == "the" || toks[k-1].fold == "those") && sc.cueKind(k) != "" {
			k++ // "one of the wounded has died": the group, not the predicate
		}
	} else if k+1 < len(toks) && toks[k].fold == "of" && sc.d.Lang != "nl" {
		// "one of five (people) shot … has died": the group is counted
		// elsewhere; this count is the part the predicate after it tells.
		if c2, ok := sc.count(k + 1); ok && c2.start == k+1 && !c2.article {
			m := c2.end
			if m < len(toks) && toks[m].is(wPeople) {
				m++
			}
			if kind, n, _ := sc.cueAt(m); kind != "" {
				m += n
			}
			part = true
			k = m
		}
	}
	if kind, n := sc.leftCueAt(c.start); kind == news.Killed && !sub && k+1 < len(toks) && toks[k].fold == "and" && (toks[k+1].fold == "himself" || toks[k+1].fold == "herself") {
		// "killed four classmates and himself"
		f.kind, f.start, f.end = kind, c.start-n, k+2
		f.c.value++
		f.c.low++
		if f.c.high > 0 {
			f.c.high++
		}
		return f, f.end, true
	}
	if kind, end, shot, add, ok := sc.predicate(c, k, sub, noun >= 0 || part); ok {
		f.kind, f.end, f.shot, f.part = kind, end, shot, part
		if add > 0 {
			f.c.value += add
			f.c.low += add
			if f.c.high > 0 {
				f.c.high += add
			}
		}
		return f, f.end, true
	}
	if sub {
		return f, 0, false
	}
	end := c.end
	if noun >= 0 {
		end = noun + 1
	}
	// An active verb before the count: "killing at least 143 people".
	if kind, n := sc.leftCueAt(c.start); kind != "" && (noun >= 0 || sc.bareCount(c.end)) {
		f.kind, f.start, f.end = kind, c.start-n, end
		return f, end, true
	}
	// ... or before a possessive: "killed his two sons", "killed his
	// ex-girlfriend's two daughters".
	if p := sc.possessiveBefore(c.start); p > 0 && noun >= 0 {
		if kind, n := sc.leftCueAt(p); kind != "" {
			f.kind, f.start, f.end = kind, p-n, end
			return f, end, true
		}
	}
	// A toll the count completes: "the death toll rose to 143".
	if kind, at := sc.toll(c.start); kind != "" && (noun >= 0 || sc.bareCount(c.end)) && !c.article {
		f.kind, f.start, f.end = kind, at, end
		return f, end, true
	}
	return f, 0, false
}

// clock reports whether the digits at toks[i] are part of a clock time or
// a duration written with a colon: "0:53 Man shot to death" (a video's
// length), "at 8:30".
func (sc *figScan) clock(i int) bool {
	toks := sc.toks
	return i > 1 && toks[i-1].raw == ":" && asciiDigits(toks[i-2].raw) && toks[i-1].start == toks[i-2].end ||
		i+2 < len(toks) && toks[i+1].raw == ":" && asciiDigits(toks[i+2].raw) && toks[i+1].start == toks[i].end
}

// asciiDigits reports whether s is made of ASCII digits only ("0", "08":
// digits a count would not take).
func asciiDigits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// caption reports whether the digits at toks[i] are a photo gallery's
// counter, "2 of 8" before a caption ("2 of 8 A child was shot", "23 of
// 33 Seven people have been shot"): "N of M" in digits before an article,
// a count or a name ("1 of 4 Marines killed", "1 of 5 shot" are parts).
func (sc *figScan) caption(i int) bool {
	toks := sc.toks
	var j int // the token after "N of M"
	switch {
	case i > 1 && toks[i-1].fold == "of" && toks[i-2].digits:
		j = i + 1
	case i+2 < len(toks) && toks[i+1].fold == "of" && toks[i+2].digits:
		j = i + 3
	default:
		return false
	}
	if j >= len(toks) {
		return false
	}
	// The caption starts a sentence of its own: an article, a count or a
	// name of two capitalised words ("11 of 17 Kayla Page was found
	// guilty").
	t := toks[j]
	name := j+1 < len(toks) && sc.nameAt(j) && sc.nameAt(j+1) && !t.is(wPeople)
	return t.article || t.isWord || t.digits || name
}

// possessiveBefore returns where an English possessive before toks[s]
// starts ("his", "their", "his wife's", "the neighbor's"), or -1.
func (sc *figScan) possessiveBefore(s int) int {
	toks := sc.toks
	if sc.d.Lang != "en" || s < 2 {
		return -1
	}
	p := s - 1
	if possessive(toks[p].fold) {
		p--
	}
	switch toks[p].fold {
	case "his", "her", "their":
		return p
	case "the":
		if p < s-1 {
			return p
		}
	}
	return -1
}

// isAge reports whether w is an age used as a noun: "15-year-old".
func isAge(w string) bool {
	i := 0
	for i < len(w) && w[i] >= '0' && w[i] <= '9' {
		i++
	}
	if i == 0 || i > 3 {
		return false
	}
	switch w[i:] {
	case "-year-old", "-month-old", "-week-old", "-day-old", "-yr-old":
		return true
	}
	return false
}

func isUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// isDemonym accepts a capitalised plural word as a person noun
// ("Palestinians", "Israelis").
func isDemonym(t ftok) bool {
	r, _ := utf8.DecodeRuneInString(t.raw)
	return unicode.IsUpper(r) && len(t.raw) > 4 && strings.HasSuffix(t.raw, "s") && !strings.HasSuffix(t.raw, "ss")
}

// bareCount reports whether the count ending before toks[j] stands alone
// ("killing 143.", "killed 2 and injured 5") rather than quantifying some
// other noun ("killed 3 hours later").
func (sc *figScan) bareCount(j int) bool {
	if j >= len(sc.toks) {
		return true
	}
	t := sc.toks[j]
	if t.punct {
		return t.raw != "%"
	}
	switch t.fold {
	case "and", "or", "in", "on", "at", "during", "when", "while", "after", "before", "including", "more", "others", "as", "und",
		"bei", "et", "dans", "lors", "y", "en", "e", "nel", "nella", "durante", "и", "в", "i", "w", "podczas", "bij", "ve", "من", "في":
		return true
	}
	return false
}

// cueAt matches a casualty word of one to three tokens at toks[k]. shot
// reports the English "shot", read as injured unless the phrase says it
// was fatal.
func (sc *figScan) cueAt(k int) (kind string, n int, shot bool) {
	toks := sc.toks
	if k >= len(toks) || toks[k].punct {
		return "", 0, false
	}
	for n := 3; n >= 2; n-- {
		if kind := sc.cueWords(k, n); kind != "" {
			return kind, n, kind == news.Injured && hitCues[toks[k].fold]
		}
	}
	if toks[k].fold == shotCue {
		if k+1 < len(toks) && toks[k+1].fold == "fatally" {
			return news.Killed, 2, false
		}
		if k > 0 && toks[k-1].fold == "fatally" {
			return news.Killed, 1, false
		}
		return news.Injured, 1, true
	}
	if toks[k].fold == "hospital" && !sc.toHospital(k) {
		return "", 0, false
	}
	if kind := sc.cueWords(k, 1); kind != "" {
		return kind, 1, false
	}
	return "", 0, false
}

// toHospital reports whether the "hospital" at toks[k] is where victims
// went or are: "were taken to a hospital", "rushed to Mercy Hospital", "are
// in the hospital"; not "said outside the hospital" or "3 hospital
// workers".
func (sc *figScan) toHospital(k int) bool {
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		switch sc.toks[j].fold {
		case "to", "in":
			return true
		}
	}
	return false
}

// hitCues are the English injured cues that, like "shot", count everyone
// hit by gunfire, the dead among them.
var hitCues = set("gunshot bullet struck hit")

// cueWords looks up toks[k:k+n] joined by spaces in the cue map.
func (sc *figScan) cueWords(k, n int) string {
	toks := sc.toks
	if k+n > len(toks) || n > 1 && !toks[k].first {
		return ""
	}
	if n == 1 {
		return toks[k].cue
	}
	sc.key = append(sc.key[:0], toks[k].fold...)
	for m := 1; m < n; m++ {
		if toks[k+m].punct {
			return ""
		}
		sc.key = append(append(sc.key, ' '), toks[k+m].fold...)
	}
	return figCue.kindOf(sc.d.Lang, sc.key)
}

// predicate looks for the casualty word a count is the subject of, in the
// same clause after toks[k]: "143 people were killed", "11 people,
// including four suspected gunmen, have been arrested", "zwei Menschen
// wurden bei dem Angriff getötet". "Two men and a woman were shot" sums the
// coordinated counts.
func (sc *figScan) predicate(c count, k int, sub, noun bool) (kind string, end int, shot bool, add int, ok bool) {
	toks := sc.toks
	limit := k + 8
	if sc.d.Lang == "de" || sc.d.Lang == "nl" {
		// The participle ends the clause: "vier Menschen wurden am
		// Freitagabend vor einer Bar in der Hauptstraße angeschossen".
		limit = k + 12
	}
	for m := k; m < len(toks) && m < limit; m++ {
		t := toks[m]
		if t.raw == "," && m+1 < len(toks) && toks[m+1].is(wSub) && !sub {
			// Skip the aside up to the next comma.
			n := m + 1
			for n < len(toks) && toks[n].raw != "," && !isStop(toks[n]) {
				n++
			}
			if n >= len(toks) || toks[n].raw != "," {
				return "", 0, false, 0, false
			}
			limit += n - m
			m = n
			continue
		}
		if t.raw == "," && m+3 < len(toks) && toks[m+2].fold == "fatally" && toks[m+3].raw == "," {
			// "Four teens, one fatally, were shot": the aside is a figure
			// of its own.
			if c2, ok := sc.count(m + 1); ok && c2.end == m+2 {
				sc.aside = m + 1
				limit += 3
				m += 3
				continue
			}
		}
		if t.punct {
			if t.raw == "(" || t.raw == ")" {
				continue
			}
			return "", 0, false, 0, false
		}
		// Only an "and" right after the noun joins a second subject: in
		// "her husband was cleaning a gun and the child was shot" the
		// husband has a predicate of his own.
		if conjunction(t.fold) && m == k && m+1 < len(toks) && !sub {
			c2, ok := sc.count(m + 1)
			if !ok && toks[m+1].is(wSingular) && m+2 < len(toks) {
				// "the mother and father were in critical condition",
				// "Mother and child shot": a bare noun is one more.
				c2, ok = count{start: m + 1, end: m + 1, value: 1, low: 1, high: 1, qual: "exact"}, true
			}
			if ok && c2.start == m+1 {
				// "two men and a woman were killed"
				h := c2.end
				for h < len(toks) && h < c2.end+3 && !toks[h].is(wPeople) && !toks[h].punct {
					h++
				}
				if c2.age && (h >= len(toks) || !toks[h].is(wPeople)) {
					h = c2.start // "Teen and 4-year-old shot": the age is the noun
				}
				if h < len(toks) && (toks[h].is(wPeople) || h == c2.start) {
					if kind, end, shot, _, ok := sc.predicate(c2, h+1, true, true); ok {
						return kind, end, shot, c2.value, true
					}
				}
				return "", 0, false, 0, false
			}
		}
		if t.digits || t.is(wStopClause) && m > k && !germanArticle(sc.d.Lang, t) && !afterBeing(toks, m) || t.isWord && !t.article && m > k {
			return "", 0, false, 0, false
		}
		kind, n, shot := sc.cueAt(m)
		if kind == "" {
			continue
		}
		// "the boy who accidentally shot": an active "shot" after words
		// that are not auxiliaries has the count as its subject, not its
		// victim.
		if shot && t.fold == shotCue && m > k && !sc.passive(k, m) {
			return "", 0, false, 0, false
		}
		// A transitive verb with an object of its own ("three gunmen
		// stormed the hall and killed five", "a mother fatally shot her
		// husband") is not this count's predicate.
		if o := m + n; o < len(toks) && sc.objectStart(toks[o]) {
			return "", 0, false, 0, false
		}
		// Without a person noun only auxiliaries may stand between the
		// count and its predicate ("143 were killed", "four are dead").
		if !noun {
			for x := k; x < m; x++ {
				if !toks[x].is(wAux) {
					return "", 0, false, 0, false
				}
			}
		}
		if shot {
			// "was shot in the chest and later died"
			if e := sc.laterDeath(m + n); e > 0 {
				return news.Killed, e, false, 0, true
			}
		}
		return kind, m + n, shot, 0, true
	}
	return "", 0, false, 0, false
}

// conjunction reports whether w joins two subjects: "and", "und", "et",
// "y", "e", "en".
func conjunction(w string) bool {
	switch w {
	case "and", "und", "et", "y", "e", "en":
		return true
	}
	return false
}

// afterBeing reports whether toks[m] is "after" before "being" or
// "getting": the count is the subject of what follows ("a man is in
// critical condition after being shot").
func afterBeing(toks []ftok, m int) bool {
	return toks[m].fold == "after" && m+1 < len(toks) && (toks[m+1].fold == "being" || toks[m+1].fold == "getting")
}

// germanArticle reports whether t is "der", "die" or "das" in German text.
// They start a relative clause only after a comma, which ends the search
// for a predicate anyway; inside the clause they are articles: "vier
// Menschen wurden in der Nacht verletzt".
func germanArticle(lang string, t ftok) bool {
	return lang == "de" && (t.fold == "der" || t.fold == "die" || t.fold == "das")
}

// passiveAux are the words that make "shot" passive: "was shot", "were
// critically shot", "got shot".
var passiveAux = set("was were been be being is are got get gets getting had has have")

// passive reports whether the "shot" at toks[m] is passive: an auxiliary
// stands between the subject (ending before toks[k]) and it, or nothing
// does ("Teen shot in park"), or a comma does ("Four people, including a
// child, shot").
func (sc *figScan) passive(k, m int) bool {
	adverbs := true
	for x := m - 1; x >= k; x-- {
		t := sc.toks[x]
		if t.is(wPassive) || t.raw == "," {
			return true
		}
		if !strings.HasSuffix(t.fold, "ly") {
			adverbs = false
		}
	}
	return adverbs
}

// laterDeath looks after a "shot" predicate ending before toks[k] for a
// death in the same clause ("was shot several times and died at a
// hospital", "was shot in the head and later pronounced dead") and returns
// the token index after it, or 0.
func (sc *figScan) laterDeath(k int) int {
	toks := sc.toks
	for m := k; m < len(toks) && m < k+14; m++ {
		t := toks[m]
		if isStop(t) || t.raw == ";" || t.digits || t.isWord && !t.article || t.is(wPeople) || t.is(wLaterStop) {
			return 0
		}
		kind, n, _ := sc.cueAt(m)
		if kind == news.Killed && t.fold != "fatally" {
			if o := m + n; o < len(toks) && sc.objectStart(toks[o]) {
				return 0
			}
			return m + n
		}
		if kind != "" && kind != news.Killed {
			return 0
		}
	}
	return 0
}

// laterStop ends the search for a later death: another clause with a
// subject of its own may follow.
var laterStop = set("but while who which whose although though police officers authorities said say says when because including")

// objectStart reports whether t starts the object of a transitive verb.
func (sc *figScan) objectStart(t ftok) bool {
	if t.digits || t.is(wPeople) {
		return true
	}
	if _, ok := sc.lx.nums[t.fold]; ok {
		return true
	}
	if sc.d.Lang != "en" {
		// Spanish and French "a", "à" are prepositions: "murieron a
		// causa de sus heridas", "ont succombé à leurs blessures".
		return false
	}
	switch t.fold {
	case "the", "a", "an", "his", "her", "their", "its", "him", "them", "herself", "himself", "themselves", "my", "our":
		return true
	}
	return false
}

// auxWords may stand between a bare count and its predicate.
var auxWords = set("were was are is have has had been be being also all both reportedly later now still then critically seriously fatally badly slightly gravely wurden wurde sind waren ont ete sont furent fueron han sido resultaron sono stati state erano были zostalo zostali zostaly zijn werden raakten")

func isStop(t ftok) bool {
	return t.raw == "." || t.raw == ";" || t.raw == "!" || t.raw == "?"
}

// leftCueAt matches an active verb of one to four tokens that ends right
// before toks[s] ("killing", "claimed the lives of", "mató a").
func (sc *figScan) leftCueAt(s int) (string, int) {
	toks := sc.toks
	for n := 4; n >= 1; n-- {
		b := s - n
		if b < 0 || n > 1 && !toks[b].first {
			continue
		}
		sc.key = append(sc.key[:0], toks[b].fold...)
		for m := 1; m < n; m++ {
			sc.key = append(append(sc.key, ' '), toks[b+m].fold...)
		}
		if kind := leftCue.kindOf(sc.d.Lang, sc.key); kind != "" {
			return kind, n
		}
	}
	return "", 0
}

// tollWords name a count of victims; the kind comes from a casualty word
// near them ("death toll", "Zahl der Toten", "число погибших").
var tollWords = set("toll dodental bilan sayisi zahl number число liczba cifra numero nombre aantal bilancio balance")

// toll looks back from toks[s] for a toll the count completes and returns
// its kind and where the phrase starts.
func (sc *figScan) toll(s int) (string, int) {
	toks := sc.toks
	at, kind := -1, ""
	for k := s - 1; k >= 0 && k >= s-8; k-- {
		t := toks[k]
		if t.digits || isStop(t) {
			break
		}
		if t.is(wToll) {
			at = k
			if t.fold == "toll" || t.fold == "dodental" {
				kind = news.Killed
			}
			// The kind word next to the toll word.
			for m := max(0, k-2); m <= k+3 && m < s; m++ {
				if kd := sc.cueKind(m); kd != "" {
					kind = kd
					if m < at {
						at = m
					}
					break
				}
			}
			if k > 0 && (toks[k-1].fold == "death" || toks[k-1].fold == "the") {
				at = k - 1
			}
			break
		}
	}
	if at < 0 || kind == "" {
		return "", 0
	}
	return kind, at
}

func (sc *figScan) cueKind(k int) string {
	kind, _, _ := sc.cueAt(k)
	return kind
}
