package facts

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token kinds of the attribution scanner.
const (
	qWord  uint8 = iota // letters, digits and the marks inside words
	qPunct              // any other non-space character
	qMark               // a double quotation mark
)

// qtok is one token of the attribution scanner: a word, one punctuation
// mark or one double quotation mark, with byte offsets into Doc.Text.
type qtok struct {
	start, end int
	kind       uint8
	upper      bool   // starts with an uppercase letter
	para       bool   // first token after a line break
	sent       int32  // index into Doc.Sentences
	quote      int32  // index+1 of the quote region it is inside, 0 outside
	cls        uint32 // word classes under the lexicon of the scan
}

// qdoc is a document prepared for the quote and claim extractors.
type qdoc struct {
	d       *Doc
	lex     *cueLex
	toks    []qtok
	regions []region   // paired quotation marks
	ls      string     // Text lowercased, when that keeps every byte offset
	lows    []string   // the tokens lowercased, when it does not
	used    []bool     // cue tokens of direct quotes, which end reported content
	nc      *nameCache // proper names of the text, shared by the copies of a scan
}

// isQuoteRune reports whether r is a double quotation mark. Ingest folds
// them all to '"'; the others are accepted for text that skipped ingest.
func isQuoteRune(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '«', '»', '‟':
		return true
	}
	return false
}

// wordRune reports whether r continues a word.
func wordRune(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// newQdoc tokenises d.Text. Apostrophes, hyphens and periods between
// letters stay inside words ("don't", "ISIS-K", "U.S"), and a period stays
// on titles and initials ("Mr.", "J.") so that names are not cut.
func newQdoc(d *Doc, lex *cueLex) *qdoc {
	s := d.Text
	q := &qdoc{d: d, lex: lex, toks: make([]qtok, 0, len(s)/5+8)}
	// One lowercase copy of the text serves every token when lowering keeps
	// the byte length (it nearly always does).
	ls := lowerSameLen(s)
	q.ls = ls
	sent := int32(0)
	newline := true
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if r == ' ' || r == '\n' || r >= utf8.RuneSelf && unicode.IsSpace(r) || r == '\t' || r == '\r' {
			if r == '\n' {
				newline = true
			}
			i += n
			continue
		}
		for int(sent) < len(d.Sentences)-1 && i >= d.Sentences[sent].End {
			sent++
		}
		t := qtok{start: i, sent: sent, para: newline}
		newline = false
		switch {
		case wordRune(r):
			t.kind = qWord
			t.upper = 'A' <= r && r <= 'Z' || r >= utf8.RuneSelf && unicode.IsUpper(r)
			j := i + n
			for j < len(s) {
				if c := s[j]; 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
					j++
					continue
				}
				c, m := utf8.DecodeRuneInString(s[j:])
				if wordRune(c) {
					j += m
					continue
				}
				if (c == '\'' || c == '’' || c == '-' || c == '.') && j+m < len(s) {
					c2, _ := utf8.DecodeRuneInString(s[j+m:])
					if wordRune(c2) {
						j += m
						continue
					}
				}
				break
			}
			if j < len(s) && s[j] == '.' && keepsPeriod(s[i:j]) {
				j++
			}
			t.end = j
		case isQuoteRune(r):
			t.kind = qMark
			t.end = i + n
		case r == '\'' && i+1 < len(s) && s[i+1] == '\'':
			t.kind = qMark // '' as a double quote (newspaper archives)
			t.end = i + 2
		default:
			t.kind = qPunct
			t.end = i + n
		}
		q.toks = append(q.toks, t)
		if ls == "" {
			q.lows = append(q.lows, strings.ToLower(s[t.start:t.end]))
		}
		i = t.end
	}
	return q
}

// keepsPeriod reports whether a period after w belongs to it: titles,
// initials and dotted acronyms.
func keepsPeriod(w string) bool {
	if strings.Contains(w, ".") {
		return true // "U.S"
	}
	if len(w) == 1 {
		return w[0] >= 'A' && w[0] <= 'Z'
	}
	switch w {
	case "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Sgt", "Capt", "Maj", "Adm", "St", "Jr", "Sr", "Rev", "Hon", "Pres", "Supt", "Insp",
		"Hr", "Fr", "Mme", "Mlle", "Sra", "Srta", "Dott", "Sig", "Avv", "Ing", "Dhr", "Mevr", "Ks", "Gen.", "Fig", "Vol", "No", "Nr":
		return true
	}
	return false
}

// text returns the token's text.
func (q *qdoc) text(i int) string { return q.d.Text[q.toks[i].start:q.toks[i].end] }

// low returns the token's text lowercased.
func (q *qdoc) low(i int) string {
	if q.lows != nil {
		return q.lows[i]
	}
	return q.ls[q.toks[i].start:q.toks[i].end]
}

// hasUpper reports whether s may hold an uppercase letter: any ASCII
// capital or any non-ASCII byte.
func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' || c >= 0x80 {
			return true
		}
	}
	return false
}

// is reports whether token i is the punctuation mark p.
func (q *qdoc) is(i int, p string) bool {
	return i >= 0 && i < len(q.toks) && q.toks[i].kind != qWord && q.text(i) == p
}

// isDash reports whether token i is a dash used as punctuation.
func (q *qdoc) isDash(i int) bool {
	if i < 0 || i >= len(q.toks) || q.toks[i].kind != qPunct {
		return false
	}
	switch q.text(i) {
	case "-", "–", "—", "―":
		return true
	}
	return false
}

// ends reports whether token i ends a sentence or clause for the scanner.
func (q *qdoc) endsSentence(i int) bool {
	if q.toks[i].kind != qPunct {
		return false
	}
	switch q.text(i) {
	case ".", "!", "?", "…", ";":
		return true
	}
	return false
}

// slice returns the text from token a to token b inclusive.
func (q *qdoc) slice(a, b int) string {
	if a > b || a < 0 || b >= len(q.toks) {
		return ""
	}
	return q.d.Text[q.toks[a].start:q.toks[b].end]
}

// np is a noun phrase found by the scanner: tokens a..b inclusive.
type np struct{ a, b int }

func (p np) ok() bool { return p.b >= p.a && p.a >= 0 }

// trimNP drops leading articles and trailing punctuation from p.
func (q *qdoc) trimNP(p np) np {
	for p.ok() && (q.toks[p.b].kind != qWord && !q.is(p.b, ")") || q.c(p.b, cFiller)) {
		p.b--
	}
	for p.ok() && (q.toks[p.a].kind != qWord && !q.is(p.a, "(") || q.c(p.a, cDet) && p.b > p.a) {
		p.a++
	}
	return p
}

// leftNP returns the subject that ends right before token i (the cue),
// skipping auxiliaries and adverbs: "President Vladimir Putin said", "a
// spokeswoman for the ministry said", "Colin Clarke of Soufan Center, a
// research group, told". It returns an empty np when the words before i do
// not look like a subject.
func (q *qdoc) leftNP(i int) np {
	j := i - 1
	for j >= 0 && q.toks[j].kind == qWord && q.c(j, cAux) && q.toks[j].sent == q.toks[i].sent {
		j--
	}
	if j < 0 || q.toks[j].sent != q.toks[i].sent && !q.toks[i].para {
		return np{0, -1}
	}
	if q.toks[j].kind == qWord && q.c(j, cPron) && j > 0 && q.toks[j-1].kind == qWord && q.toks[j-1].sent == q.toks[i].sent {
		// "In September she said", "at the town hall this week she said":
		// the pronoun is the subject, the words before it an adverbial.
		return np{j, j}
	}
	if relativeWho[q.low(j)] && j >= 2 && q.is(j-1, ",") && q.toks[j-2].kind == qWord && q.toks[j-2].upper {
		// "… Senator Ted Cruz, who said he is honored": the name before
		// the relative pronoun.
		k := j - 2
		for k > 0 && k > j-8 && q.toks[k-1].kind == qWord && q.toks[k-1].upper && q.toks[k-1].sent == q.toks[j].sent && !q.c(k-1, cBound) {
			k--
		}
		if p := q.trimNP(np{k, j - 2}); p.ok() {
			return p
		}
	}
	if q.is(j, ",") {
		// An apposition: "Name, the director of X, said". The subject is the
		// first phrase of the clause.
		k := j - 1
		// A period before a comma ends an abbreviation ("Sen. Marco Rubio,
		// R-Fla., said"), not the sentence.
		for k >= 0 && k > j-30 && q.toks[k].sent == q.toks[i].sent && q.toks[k].kind != qMark && !q.is(k, ":") && (!q.endsSentence(k) || q.is(k+1, ",")) {
			k--
		}
		start := k + 1
		end := start
		for end < j && !q.is(end, ",") {
			end++
		}
		if end-start < 1 || end-start > 6 || end == j || !q.toks[start].upper {
			return np{0, -1}
		}
		p := q.trimNP(np{start, end - 1})
		if !q.subjectLike(p) {
			return np{0, -1}
		}
		return p
	}
	if q.toks[j].kind != qWord && !q.is(j, ")") {
		return np{0, -1}
	}
	sent := q.toks[j].sent
	k := j
	for k >= 0 && j-k < 10 && q.toks[k].sent == sent {
		t := q.toks[k]
		if q.is(k, ")") {
			// "Sen. Anna Marsh (D-Ore.) said": skip the parenthesis.
			o := k - 1
			for o > 0 && o > k-10 && !q.is(o, "(") && !q.is(o, ")") {
				o--
			}
			if q.is(o, "(") && o > 0 && q.toks[o-1].kind == qWord {
				k = o - 1
				continue
			}
			break
		}
		if t.kind == qWord {
			w := q.low(k)
			if q.c(k, cBound) || q.cue(k) != 0 && k != j {
				break
			}
			if w == "and" || w == "und" || w == "et" || w == "y" || w == "e" || w == "и" || w == "i" || w == "en" {
				if !(k > 0 && q.toks[k-1].upper && q.toks[k+1].upper) {
					break
				}
			}
		} else if !q.is(k, "(") && !q.is(k, ")") && !q.isDash(k) {
			break
		}
		k--
	}
	p := q.trimNP(np{k + 1, j})
	// "Last week Trump said", "On Monday the mayor said": a leading time
	// adverbial is no part of the subject.
	for p.a < p.b && leadAdverbial[q.low(p.a)] {
		p.a++
	}
	p = q.trimNP(p)
	if !q.subjectLike(p) {
		return np{0, -1}
	}
	// A lowercase run longer than a description is a clause, not a subject.
	lower := 0
	for m := p.a; m <= p.b; m++ {
		if q.toks[m].kind == qWord && !q.toks[m].upper {
			lower++
		}
	}
	if lower > 5 {
		return np{0, -1}
	}
	return p
}

// leadAdverbial are words of a time adverbial that may open a clause before
// its subject: "Last week", "On Monday", "Earlier this month".
var leadAdverbial = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`last this next earlier later on in at during since after before
		yesterday today tonight week month year night morning evening afternoon weekend
		monday tuesday wednesday thursday friday saturday sunday
		january february march april may june july august september october november december`) {
		m[w] = true
	}
	return m
}()

// relativeWho are the relative pronouns that stand for a person named
// just before them: "Ted Cruz, who said …".
var relativeWho = map[string]bool{"who": true, "qui": true, "quien": true, "quienes": true, "der": true, "die": true, "который": true, "которая": true, "który": true, "która": true}

// subjectLike rejects phrases that cannot be a speaker: ones holding a
// finite auxiliary ("it is still early to"), starting with a preposition
// ("amid") or a gerund ("killing two"), or ending with an article.
func (q *qdoc) subjectLike(p np) bool {
	if !p.ok() {
		return false
	}
	for m := p.a; m <= p.b; m++ {
		if q.toks[m].kind == qWord && (q.c(m, cFinite) || m > p.a && q.c(m, cAux) && !q.c(m, cFiller) && q.lex.lang == "en") {
			return false
		}
	}
	first := q.low(p.a)
	if !q.toks[p.a].upper && (q.c(p.a, cPrep) || q.c(p.a, cAfter) && p.a == p.b || strings.HasSuffix(first, "ing") && q.lex.lang == "en") {
		return false
	}
	return !q.c(p.b, cDet) && !q.c(p.b, cPrep)
}

// rightNP returns the subject that follows token i in inverted frames
// ("said Neumann", "sagte der Sprecher", "a déclaré le ministre"): words up
// to punctuation, a time or place adverbial or at most eight tokens.
func (q *qdoc) rightNP(i int) np {
	j := i + 1
	if j >= len(q.toks) || q.toks[j].kind != qWord || q.toks[j].sent != q.toks[i].sent && j > 0 {
		return np{0, -1}
	}
	k := j
	for k < len(q.toks) && k-j < 8 && q.toks[k].sent == q.toks[i].sent {
		if q.toks[k].kind != qWord {
			if q.is(k, "(") || q.is(k, ")") || q.is(k, "'") {
				k++
				continue
			}
			break
		}
		if k > j && (q.c(k, cAfter|cBound) || q.cue(k) != 0) {
			break
		}
		k++
	}
	return q.trimNP(np{j, k - 1})
}

// isPronoun reports whether p is a single personal pronoun.
func (q *qdoc) isPronoun(p np) bool {
	return p.ok() && p.a == p.b && q.c(p.a, cPron)
}

// lowerSameLen returns s lowercased, or "" when lowering would change its
// byte length (then tokens are lowered one by one).
func lowerSameLen(s string) string {
	b := make([]byte, len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b[i] = c
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		l := unicode.ToLower(r)
		if l == r {
			copy(b[i:], s[i:i+n])
		} else if utf8.RuneLen(l) == n {
			utf8.EncodeRune(b[i:], l)
		} else {
			return ""
		}
		i += n
	}
	return string(b)
}
