package facts

import (
	"github.com/tocsin/tocsin/internal/news"
)

// Claims returns who claims responsibility, denies, blames or warns in d,
// in text order. Each claim has its Actor as named in the text (resolved
// like quote speakers: surnames to full names, "he" to the previous actor,
// descriptions completed from earlier names), the Target it blames or
// claims or what it denies or warns of, and the clause it was read from.
//
// Triggers are the verbs and phrases of claimTriggers per language
// ("claimed responsibility", "rejected", "accuses … of", "hinting at",
// "warned of", "urged citizens to avoid", "bestreitet", "wirft … vor",
// "revendiqué", "niega", "smentisce", "отрицает"). Triggers inside
// quotation marks and after a modal ("would claim") are skipped. mentions
// may be nil.
func Claims(d *Doc, mentions []news.Mention) []news.Claim {
	if d == nil || d.Text == "" {
		return nil
	}
	lex := lexicon(d.Lang)
	if len(lex.claims.first) == 0 {
		lex = lexicon("en")
	}
	q := scan(d, lex)
	res := newSpeakerResolver(q, mentions)
	var out []news.Claim
	lastSent, lastActor, lastEntity := int32(-1), "", ""
	for k := 0; k < len(q.toks); k++ {
		t := q.toks[k]
		if t.kind != qWord || q.longQuote(k) { // short quoted names stay visible: "Islamic State"
			continue
		}
		trig, end, ok := q.matchTrigger(k)
		if !ok || q.modalBefore(k) {
			continue
		}
		if weakWarn[q.low(k)] && !q.followedBy(end, warnTo, 6) {
			continue
		}
		actor := q.claimActor(k)
		var name, entity string
		if actor.ok() {
			name, entity = res.resolve(actor)
			res.addSpeaker(name, entity, actor)
		} else if t.sent == lastSent {
			name, entity = lastActor, lastEntity // "… and, in a first reaction, warned …"
		} else {
			continue
		}
		if name == "" {
			continue
		}
		tgtA, tgtB := q.claimTarget(end, trig.stance)
		first, last := k, end
		if actor.ok() && actor.a < first {
			first = actor.a
		}
		if tgtB > last {
			last = tgtB
		}
		if actor.ok() && actor.b > last {
			last = actor.b
		}
		c := news.Claim{
			Actor:  name,
			Entity: entity,
			Stance: trig.stance,
			Text:   q.slice(first, last),
			Span:   d.Span(q.toks[first].start, q.toks[last].end),
		}
		if tgtA >= 0 {
			c.Target = q.slice(tgtA, tgtB)
		}
		out = append(out, c)
		lastSent, lastActor, lastEntity = t.sent, name, entity
		k = end
	}
	return out
}

// matchTrigger matches a claim trigger starting at token k and returns it
// with its last token.
func (q *qdoc) matchTrigger(k int) (claimTrigger, int, bool) {
	if q.lex.cls != nil && !q.c(k, cClaim) {
		return claimTrigger{}, k, false
	}
	cands := q.lex.claims.first[q.low(k)]
	for _, t := range cands {
		i := k
		ok := true
		for w := 1; w < len(t.words) && ok; w++ {
			ok = false
			limit := i + 1
			if t.gap[w] {
				limit = i + 5
			}
			for j := i + 1; j <= limit && j < len(q.toks) && q.toks[j].sent == q.toks[k].sent; j++ {
				if q.toks[j].kind == qWord && q.low(j) == t.words[w] {
					i, ok = j, true
					break
				}
			}
		}
		if ok {
			return t, i, true
		}
	}
	return claimTrigger{}, k, false
}

// modalBefore reports whether a modal verb or negation governs token k
// ("would claim", "did not deny").
func (q *qdoc) modalBefore(k int) bool {
	for j := k - 1; j >= 0 && j >= k-2; j-- {
		switch q.low(j) {
		case "would", "could", "might", "may", "not", "never", "n't", "würde", "könnte", "nicht", "pourrait", "podría", "potrebbe", "может", "не", "nie", "zou", "niet":
			return true
		}
	}
	return false
}

// followedBy reports whether one of words comes within n tokens after k.
func (q *qdoc) followedBy(k int, words map[string]bool, n int) bool {
	for j := k + 1; j < len(q.toks) && j <= k+n && q.toks[j].sent == q.toks[k].sent; j++ {
		if q.toks[j].kind == qWord && words[q.low(j)] {
			return true
		}
	}
	return false
}

// claimActor finds who makes the claim at trigger k: the subject before it
// ("Kiev representatives rejected"), before the verb of a noun trigger
// ("IS distributed a letter of responsibility"), the subject of the main
// clause after a participle ("Hinting at …, President Putin said"), a
// short quoted name ('the militia "Islamic State" distributed'), or the
// subject that opens the sentence ("The embassy …, but advised …").
func (q *qdoc) claimActor(k int) np {
	noun := nounTrigger[q.low(k)]
	if !noun {
		if p := q.leftNP(k); p.ok() && !q.isRelative(p) {
			return p
		}
	}
	j := k - 1
	if noun && j >= 0 && q.toks[j].kind == qWord && possessive(q.text(j)) {
		return np{j, j} // "IS's letter of responsibility"
	}
	for j >= 0 && q.toks[j].kind == qWord && q.c(j, cDet) {
		j--
	}
	if noun {
		// "the militia "Islamic State" distributed a letter of responsibility"
		if j < 0 || q.toks[j].kind != qWord || q.toks[j].sent != q.toks[k].sent || q.sentenceStart(j) {
			return np{0, -1}
		}
		if p := q.leftNP(j); p.ok() && !q.isRelative(p) {
			return p
		}
		if j > 0 && q.toks[j-1].kind == qMark {
			return q.quotedName(j - 1)
		}
		return np{0, -1}
	}
	if q.sentenceStart(k) || k > 0 && q.sentenceStart(k-1) && q.toks[k-1].upper {
		for m := k + 1; m < len(q.toks) && m < k+20 && q.toks[m].sent == q.toks[k].sent; m++ {
			if q.is(m, ",") {
				for v := m + 1; v < len(q.toks) && v < m+10 && q.toks[v].sent == q.toks[k].sent; v++ {
					if q.toks[v].kind == qWord && !q.toks[v].upper && !q.c(v, cDet) {
						return q.trimNP(np{m + 1, v - 1})
					}
				}
				break
			}
		}
	}
	// The sentence's opening subject, up to its first comma or verb.
	s := k
	for s > 0 && q.toks[s-1].sent == q.toks[k].sent {
		s--
	}
	if s < k && q.toks[s].upper {
		e := s
		for e+1 < k && q.toks[e+1].kind == qWord && (q.toks[e+1].upper || q.c(e+1, cDet) || e+1-s < 3 && !q.c(e+1, cAux) && !q.c(e+1, cFinite) && q.cue(e+1) == 0) {
			e++
		}
		if e < k && e-s < 6 {
			return q.trimNP(np{s, e})
		}
	}
	return np{0, -1}
}

// nounTrigger are the first words of claim triggers that are nouns: their
// actor is the subject of the verb before them or a possessive.
var nounTrigger = wordSet("letter statement claim bekennerschreiben bekennerbrief reisewarnung travel")

// quotedName returns the words of a short quotation ending at mark j, as a
// name: the militia "Islamic State".
func (q *qdoc) quotedName(j int) np {
	for o := j - 1; o >= 0 && o >= j-5; o-- {
		if q.toks[o].kind == qMark {
			if o+1 <= j-1 && q.toks[o+1].upper {
				return np{o + 1, j - 1}
			}
			return np{0, -1}
		}
	}
	return np{0, -1}
}

// isRelative reports whether p is a relative pronoun or clause opener.
func (q *qdoc) isRelative(p np) bool {
	return p.a == p.b && q.c(p.a, cBound)
}

// claimTarget returns the object of a claim after its trigger: whom it
// blames ("accuses the US of training …" → "the US"), what it claims or
// denies ("claimed responsibility for the attack" → "the attack"), what it
// warns of. It stops at the end of the clause and after twelve words.
func (q *qdoc) claimTarget(end int, stance string) (int, int) {
	a := end + 1
	sent := q.toks[end].sent
	if a < len(q.toks) && q.toks[a].kind == qWord {
		switch q.low(a) {
		case "of", "for", "about", "against", "that", "to", "vor", "für", "de", "du", "des", "di", "del", "в", "о", "за", "o", "voor", "van":
			if stance != news.Blames {
				a++
			}
		}
	}
	b := a - 1
	for m := a; m < len(q.toks) && m < a+12 && q.toks[m].sent == sent; m++ {
		t := q.toks[m]
		if t.kind == qPunct && !q.is(m, "(") && !q.is(m, ")") && !q.is(m, "-") {
			break
		}
		w := q.low(m)
		if m == a && q.c(m, cFinite) {
			break // "IS's letter of responsibility is genuine"
		}
		if m > a && (stance == news.Blames && (w == "of" || w == "for" || w == "de" || w == "в" || w == "за" || w == "di" || w == "van")) {
			break
		}
		if m > a && (w == "and" || w == "but" || w == "und" || w == "et" || w == "y" || w == "e" || w == "и" || w == "en") {
			break
		}
		b = m
	}
	if b < a {
		return -1, -1
	}
	return a, b
}
