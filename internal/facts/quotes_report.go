package facts

import "strings"

// reported adds reported speech to recs: clauses governed by a speech verb
// with a subject, or introduced by an attributing preposition. Cue tokens
// already used by a direct quote are skipped.
func (q *qdoc) reported(recs []qrec, used []bool) []qrec {
	for k := range q.toks {
		t := q.toks[k]
		if t.kind == qPunct && t.quote == 0 && q.is(k, ":") {
			if r, ok := q.colonFrame(k); ok {
				recs = append(recs, r)
			}
			continue
		}
		if t.kind != qWord || t.quote != 0 || used[k] {
			continue
		}
		if r, ok := q.pollFrame(k); ok {
			recs = append(recs, r)
			continue
		}
		w := q.low(k)
		kind := q.cue(k)
		if kind == 0 {
			if kind = q.hyphenCue(k); kind == 0 {
				continue
			}
		}
		if kind != cuePrep && kind != cueParticle && (t.upper && !q.headlineVerb(k) || k > 0 && q.toks[k-1].kind == qWord && q.c(k-1, cNounBefore)) {
			continue // a noun: "the warning", "United States"
		}
		var f frame
		switch kind {
		case cueParticle:
			continue
		case cuePrep:
			spk, cueB := q.prepSource(k)
			if !spk.ok() {
				continue
			}
			f = frame{spk: spk, cueA: k, cueB: cueB, end: spk.b}
		case cueObj:
			if q.passive(k) || k+1 < len(q.toks) && q.c(k+1, cFinite|cAux) || k > 0 && possessive(q.text(k-1)) {
				continue // "was backed"; a noun: "the plan would", "Rubio's plan"
			}
			f = frame{cueA: k, cueB: k, end: k, spk: q.leftNP(k)}
			if !f.ok() && q.participle(k) {
				f.spk = q.openingSubject(k)
			}
			if !f.ok() {
				continue
			}
			a, b := q.objectContent(f)
			if a < 0 {
				continue
			}
			recs = append(recs, qrec{a: a, b: b, text: q.slice(a, b), f: f})
			continue
		default:
			if q.passive(k) {
				continue
			}
			f = q.verbFrame(k, kind)
			if !f.ok() && q.participle(k) {
				// "…, saying that …": the subject of the main clause.
				f = frame{cueA: k, cueB: k, end: k, spk: q.openingSubject(k)}
			}
			if !f.ok() {
				continue
			}
			if ambiguousCue[w] && f.spk.b == k-1 && !q.toks[f.spk.b].upper && !q.isPronoun(f.spk) && f.spk.b-f.spk.a > 2 {
				continue // "in ex-Soviet states"
			}
		}
		a, b := q.reportedContent(f)
		if a < 0 {
			continue
		}
		if r := q.toks[a].quote; r != 0 && q.toks[b].quote == r {
			continue // the content is one direct quote, attributed there
		}
		recs = append(recs, qrec{a: a, b: b, text: q.slice(a, b), f: f})
	}
	return recs
}

// verbFrame finds the subject of the speech verb at k: on its left ("Neumann
// said"), or on its right when the verb comes first ("…, said Neumann",
// "Dazu sagte Neumann, …", "Как заявил Песков, …").
func (q *qdoc) verbFrame(k int, kind uint8) frame {
	f := frame{cueA: k, cueB: k, end: k}
	if p := q.hyphenPronoun(k); p.ok() {
		f.spk = p
		return f
	}
	right := q.rightNP(k)
	leftEdge := k == 0 || q.toks[k-1].kind != qWord && !q.is(k-1, ")") || q.toks[k-1].sent != q.toks[k].sent || q.c(k-1, cBound)
	if kind != cueTell && right.ok() && q.plausibleRight(right) && q.subjectLike(right) && q.closesClause(right.b+1) {
		if leftEdge || q.lex.v2 && k >= 1 && q.sentenceStart(k-1) {
			f.spk = right
			f.end = right.b
			return f
		}
	}
	f.spk = q.leftNP(k)
	if !f.spk.ok() && k >= 2 && q.low(k-1) == "and" {
		// "The court overruled and said …": the subject of the first verb.
		for v := k - 2; v >= 0 && v >= k-6 && q.toks[v].sent == q.toks[k].sent && q.toks[v].kind == qWord; v-- {
			if w := q.low(v); !q.toks[v].upper && (strings.HasSuffix(w, "ed") || q.lex.cues[w] != 0) {
				f.spk = q.leftNP(v)
				break
			}
		}
	}
	if kind == cueTell && right.ok() && right.b-right.a < 5 {
		f.cueB = right.b
		f.end = right.b
	}
	return f
}

// closesClause reports whether token i ends a clause (punctuation, a
// quotation mark or the end of the text).
func (q *qdoc) closesClause(i int) bool {
	if i >= len(q.toks) {
		return true
	}
	t := q.toks[i]
	if t.kind != qWord {
		return !q.is(i, "(") && !q.is(i, "'")
	}
	return t.sent != q.toks[i-1].sent
}

// reportedContent returns the tokens of what frame f reports: the rest of
// the sentence after the frame ("said that …", "according to X, …"), or
// the sentence before it ("…, X said."). It returns -1, -1 when neither
// holds three words.
func (q *qdoc) reportedContent(f frame) (int, int) {
	first := f.cueA
	if f.spk.a < first {
		first = f.spk.a
	}
	for first > 0 && q.c(first-1, cDet) {
		first--
	}
	sent := q.toks[f.cueA].sent
	if s, e := q.contentBefore(first, sent); s >= 0 && f.spk.a > f.cueA && q.is(f.spk.b+1, ",") {
		// "…, said Rita Katz, the director of …": the apposition is no content.
		return s, e
	}
	// After: skip a short adverbial up to "that", or a comma or colon.
	a := f.end + 1
	for m := a; m < len(q.toks) && m < a+7 && q.toks[m].sent == sent; m++ {
		if q.toks[m].kind != qWord {
			break
		}
		if q.c(m, cThat) {
			a = m
			break
		}
		if q.c(m, cFinite|cAux) {
			break // a clause, not an adverbial: "said officials are … that shows"
		}
	}
	if a < len(q.toks) && (q.is(a, ",") || q.is(a, ":")) {
		a++
	}
	b := a
	for b < len(q.toks) && q.toks[b].sent == sent && !q.is(b, ";") && !q.usedAt(b) {
		b++
	}
	b--
	for b >= a && q.toks[b].kind == qPunct {
		b--
	}
	if a < len(q.toks) && q.toks[a].sent == sent && q.countWords(a, b) >= 3 && !q.startsAdverbial(a, b) && !relativeStart[q.low(a)] {
		if s, _ := q.contentBefore(first, sent); s >= 0 && q.is(f.end+1, ",") && q.toks[s].kind != qMark {
			// "If the law conflicts, Rubio said, Christians must …": both parts.
			return s, b
		}
		return a, b
	}
	return q.contentBefore(first, sent)
}

// contentBefore returns the content of a frame that starts at token first
// and follows its content: "…, X said." — the sentence up to the comma
// before the frame. It returns -1, -1 when that holds fewer than three
// words.
func (q *qdoc) contentBefore(first int, sent int32) (int, int) {
	if first == 0 || !q.is(first-1, ",") && !q.isDash(first-1) && q.toks[first-1].kind != qMark {
		return -1, -1
	}
	e := first - 1
	for e >= 0 && q.toks[e].kind != qWord && q.toks[e].kind != qMark {
		e--
	}
	if e < 0 {
		return -1, -1 // only a dash before the frame: "- Police say …"
	}
	s := e
	for s > 0 && q.toks[s-1].sent == sent && !q.is(s-1, ";") && !q.is(s-1, ":") {
		s--
	}
	for s <= e && q.toks[s].kind == qPunct {
		s++
	}
	if s > e || q.countWords(s, e) < 3 {
		return -1, -1
	}
	return s, e
}

// startsAdverbial reports whether the words a..b after a verb are only an
// adverbial ("said in a statement", "said on Friday"): a preposition first
// and no more than five words.
func (q *qdoc) startsAdverbial(a, b int) bool {
	w := q.low(a)
	return q.lex.after[w] && !q.lex.that[w] && !q.lex.bound[w] && q.countWords(a, b) <= 8
}

// ambiguousCue are cue forms that are more often nouns: they need a short
// or named subject right before them.
var ambiguousCue = wordSet("states reports claims notes comments fears hopes remarks warns read reads")

// objectContent returns the object of an attitude verb ("backed the
// bill", "declined to comment", "called the plan a disaster"): the rest of
// the clause after the verb, at least one word. It returns -1, -1 when
// there is none.
func (q *qdoc) objectContent(f frame) (int, int) {
	sent := q.toks[f.cueA].sent
	a := f.end + 1
	b := a
	for b < len(q.toks) && q.toks[b].sent == sent && !q.is(b, ";") && !q.usedAt(b) {
		b++
	}
	b--
	for b >= a && q.toks[b].kind == qPunct {
		b--
	}
	if a >= len(q.toks) || b < a || q.toks[a].sent != sent || q.toks[a].kind == qPunct || q.countWords(a, b) < 1 {
		return -1, -1
	}
	return a, b
}

// participle reports whether the cue at k is an English participle that
// follows its main clause: "…, saying that …", "…, citing …".
func (q *qdoc) participle(k int) bool {
	return q.lex.lang == "en" && k > 0 && strings.HasSuffix(q.low(k), "ing") && (q.is(k-1, ",") || q.isDash(k-1))
}

// openingSubject returns the subject that opens the sentence holding token
// k: a pronoun, a run of capitalised words ("Sen. Anna Marsh"), or an
// article with up to four words before the verb ("The state department").
func (q *qdoc) openingSubject(k int) np {
	none := np{0, -1}
	sent := q.toks[k].sent
	s := k
	for s > 0 && q.toks[s-1].sent == sent && !q.toks[s].para {
		s--
	}
	for s < k && q.toks[s].kind != qWord {
		s++
	}
	if s >= k {
		return none
	}
	w := q.low(s)
	if q.lex.pron[w] {
		return np{s, s}
	}
	e := s
	if q.lex.det[w] || q.lex.nounBefore[w] {
		for e+1 < k && e-s < 4 && q.toks[e+1].kind == qWord && !q.verbLike(e+1) {
			e++
		}
	} else if q.toks[s].upper {
		for e+1 < k && q.toks[e+1].kind == qWord && (q.toks[e+1].upper || isLinkWord(q.low(e+1)) && e+2 < k && q.toks[e+2].upper) {
			e++
		}
	} else {
		return none
	}
	if e == s && q.lex.det[w] || e+1 >= k || !q.verbLike(e+1) && !q.is(e+1, ",") && !q.is(e+1, "(") {
		return none
	}
	return q.trimNP(np{s, e})
}

// verbLike reports whether the word at i looks like a finite verb or an
// auxiliary: an English form in -ed or -s, or a word of the lexicons.
func (q *qdoc) verbLike(i int) bool {
	if q.toks[i].kind != qWord || q.toks[i].upper {
		return false
	}
	w := q.low(i)
	if q.lex.aux[w] || q.lex.finite[w] || q.lex.cues[w] != 0 {
		return true
	}
	return q.lex.lang == "en" && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 3)
}

// colonFrame reads a headline-style attribution at the colon k: a short
// name opening a line or sentence, then what it says ("Sanders: Wall Street
// is the problem", "Poll: Most voters want change").
func (q *qdoc) colonFrame(k int) (qrec, bool) {
	s := k - 1
	for s > 0 && k-s < 4 && q.toks[s-1].kind == qWord && q.toks[s-1].sent == q.toks[k].sent && !q.toks[s].para {
		s--
	}
	if s < 0 || !q.sentenceStart(s) {
		return qrec{}, false
	}
	for m := s; m < k; m++ {
		if q.toks[m].kind != qWord || !q.toks[m].upper && !isLinkWord(q.low(m)) || q.cue(m) != 0 || q.c(m, cPron) {
			return qrec{}, false
		}
	}
	a := k + 1
	if a >= len(q.toks) || q.toks[a].kind == qMark || q.toks[a].para {
		return qrec{}, false // a quote after the colon has its own frame
	}
	b := a
	for b+1 < len(q.toks) && !q.toks[b+1].para && (q.toks[b+1].sent == q.toks[a].sent || q.toks[b+1].kind != qWord) {
		b++
	}
	for b > a && q.toks[b].kind == qPunct {
		b--
	}
	if q.countWords(a, b) < 3 {
		return qrec{}, false
	}
	return qrec{a: a, b: b, text: q.slice(a, b), f: frame{spk: np{s, k - 1}, cueA: k, cueB: k, end: k}}, true
}

// pollWords are the nouns of evidence that is cited like a speaker: "In a
// poll released Sunday, …".
var pollWords = wordSet("poll polls survey surveys study studies report analysis data census sondage umfrage studie encuesta sondaggio опрос sondaż peiling onderzoek")

// pollFrame reads "In a … poll …, content" at token k ("in" opening a
// sentence): the poll is the source, the clause after the comma the content.
func (q *qdoc) pollFrame(k int) (qrec, bool) {
	if !q.toks[k].upper || q.toks[k].end-q.toks[k].start > 4 {
		return qrec{}, false
	}
	switch q.low(k) {
	case "in", "im", "dans", "en", "nel", "nella", "в", "w", "bij":
	default:
		return qrec{}, false
	}
	if !q.sentenceStart(k) {
		return qrec{}, false
	}
	poll, comma := -1, -1
	for m := k + 1; m < len(q.toks) && m < k+16 && q.toks[m].sent == q.toks[k].sent; m++ {
		if q.is(m, ",") {
			comma = m
			break
		}
		if q.toks[m].kind == qWord && pollWords[q.low(m)] {
			poll = m
		} else if q.toks[m].kind != qWord && !q.is(m, "/") && !q.is(m, "-") {
			break
		}
	}
	if poll < 0 || comma < 0 {
		return qrec{}, false
	}
	a, b := comma+1, comma+1
	for b+1 < len(q.toks) && q.toks[b+1].sent == q.toks[k].sent && !q.is(b+1, ";") {
		b++
	}
	for b > a && q.toks[b].kind == qPunct {
		b--
	}
	if a >= len(q.toks) || q.countWords(a, b) < 3 {
		return qrec{}, false
	}
	spk := q.trimNP(np{k + 1, comma - 1})
	return qrec{a: a, b: b, text: q.slice(a, b), f: frame{spk: spk, cueA: k, cueB: k, end: comma}}, true
}

// usedAt reports whether token i is the cue of a direct quote.
func (q *qdoc) usedAt(i int) bool { return i < len(q.used) && q.used[i] }

// headlineVerb reports whether the capitalised speech verb at k is one of
// a title-case headline ("Lindsey Graham Says Trump Could Address Clean
// Energy"): "says" or "said" between capitalised words, with no lower-case
// word in the sentence but short function words.
func (q *qdoc) headlineVerb(k int) bool {
	if w := q.low(k); w != "says" && w != "said" || k == 0 || k+1 >= len(q.toks) {
		return false
	}
	if !q.toks[k-1].upper || !q.toks[k+1].upper || q.toks[k-1].kind != qWord || q.toks[k+1].kind != qWord {
		return false
	}
	sent := q.toks[k].sent
	for i := k - 1; i >= 0 && q.toks[i].sent == sent; i-- {
		if q.toks[i].kind == qWord && !q.toks[i].upper && len(q.text(i)) > 3 {
			return false
		}
	}
	for i := k + 1; i < len(q.toks) && q.toks[i].sent == sent; i++ {
		if q.toks[i].kind == qWord && !q.toks[i].upper && len(q.text(i)) > 3 {
			return false
		}
	}
	return true
}

// relativeStart are relative pronouns: a clause after a frame that starts
// with one describes the source ("according to an official who spoke on
// condition of anonymity"), it is not what the source said.
var relativeStart = map[string]bool{"who": true, "whom": true, "whose": true, "which": true}
