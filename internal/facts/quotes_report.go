package facts

// reported adds reported speech to recs: clauses governed by a speech verb
// with a subject, or introduced by an attributing preposition. Cue tokens
// already used by a direct quote are skipped.
func (q *qdoc) reported(recs []qrec, used map[int]bool) []qrec {
	for k := range q.toks {
		t := q.toks[k]
		if t.kind != qWord || t.quote != 0 || used[k] {
			continue
		}
		w := q.low(k)
		kind := q.lex.cues[w]
		if kind == 0 {
			if kind = q.hyphenCue(k); kind == 0 {
				continue
			}
		}
		if kind != cuePrep && kind != cueParticle && (t.upper || k > 0 && q.toks[k-1].kind == qWord && q.lex.nounBefore[q.low(k-1)]) {
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
		default:
			if q.passive(k) {
				continue
			}
			f = q.verbFrame(k, kind)
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
	leftEdge := k == 0 || q.toks[k-1].kind != qWord || q.toks[k-1].sent != q.toks[k].sent || q.lex.bound[q.low(k-1)]
	if kind != cueTell && right.ok() && q.plausibleRight(right) && q.closesClause(right.b+1) {
		if leftEdge || q.lex.v2 && k >= 1 && q.sentenceStart(k-1) {
			f.spk = right
			f.end = right.b
			return f
		}
	}
	f.spk = q.leftNP(k)
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
	for first > 0 && q.lex.det[q.low(first-1)] {
		first--
	}
	sent := q.toks[f.cueA].sent
	// After: skip a short adverbial up to "that", or a comma or colon.
	a := f.end + 1
	for m := a; m < len(q.toks) && m < a+7 && q.toks[m].sent == sent; m++ {
		if q.toks[m].kind != qWord {
			break
		}
		if q.lex.that[q.low(m)] {
			a = m
			break
		}
	}
	if a < len(q.toks) && (q.is(a, ",") || q.is(a, ":")) {
		a++
	}
	b := a
	for b < len(q.toks) && q.toks[b].sent == sent && !q.is(b, ";") && !q.used[b] {
		b++
	}
	b--
	for b >= a && q.toks[b].kind == qPunct {
		b--
	}
	if a < len(q.toks) && q.toks[a].sent == sent && q.countWords(a, b) >= 3 && !q.startsAdverbial(a, b) {
		return a, b
	}
	// Before: "…, X said." — the sentence up to the comma before the frame.
	if first == 0 || !q.is(first-1, ",") && !q.isDash(first-1) && q.toks[first-1].kind != qMark {
		return -1, -1
	}
	e := first - 1
	for e >= 0 && q.toks[e].kind != qWord && q.toks[e].kind != qMark {
		e--
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
