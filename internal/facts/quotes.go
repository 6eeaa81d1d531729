package facts

import (
	"slices"
	"strings"

	"github.com/tocsin/tocsin/internal/news"
)

// region is a stretch of text between double quotation marks: tokens open
// and close are the marks. A quote left open at the end of a paragraph (the
// convention for quotes running over several paragraphs) ends at the last
// token of the paragraph, with open set on the region that continues it.
type region struct {
	open, close int
	unclosed    bool // close is the last token inside, not a mark
	cont        bool // continues the previous region's quote in a new paragraph
}

// inner returns the first and last token inside r.
func (r region) inner() (int, int) {
	if r.unclosed {
		return r.open + 1, r.close
	}
	return r.open + 1, r.close - 1
}

// frame is the attribution found for a quote or for reported speech: the
// speaker phrase and the cue, as token ranges.
type frame struct {
	spk        np
	cueA, cueB int
	end        int // last token of the frame
	after      bool
}

func (f frame) ok() bool { return f.spk.ok() }

// qrec is a quote being built.
type qrec struct {
	a, b     int // content tokens, inclusive
	text     string
	f        frame
	direct   bool
	inherit  int // index+1 of the quote whose speaker this one continues
	speaker  string
	entity   string
	spkStart int // byte offset of the speaker phrase (or its antecedent), -1 if none
}

// Quotes returns the direct quotes and reported speech of d with their
// speakers, in text order.
//
// Direct quotes are the text between double quotation marks (ingest folds
// all quote styles to '"'), attributed through a speech cue right after the
// closing mark ("…," he said; "…", sagte Neumann; "…", a-t-il déclaré) or
// right before the opening one (Simonyan commented: "…"). A quote split by
// its cue ("A," he said. "B.") is one quote whose Text joins the parts with
// a space and whose Span covers both; a quote that follows an attributed one
// without a cue of its own continues its speaker. Quoted fragments of fewer
// than four words without a cue are scare quotes or titles ("neutralized",
// the band "Piknik") and are not returned.
//
// Reported speech is a clause governed by a speech verb with a subject ("X
// said that …", "…, X said", "Dazu sagte Neumann, …") or introduced by an
// attributing preposition ("according to X, …", "laut X", "selon X", "по
// словам X"). Speakers are resolved as docs/facts-quotes.md describes;
// mentions may be nil.
func Quotes(d *Doc, mentions []news.Mention) []news.Quote {
	if d == nil || d.Text == "" {
		return nil
	}
	q := scan(d, lexicon(d.Lang))
	regions := q.regions
	usedCue := make([]bool, len(q.toks))
	var recs []qrec
	prevAttributed := -1 // index into recs of the last quote with a speaker
	for ri, r := range regions {
		a, b := r.inner()
		if a > b {
			continue
		}
		f := q.quoteFrame(r)
		rec := qrec{a: r.open, b: r.close, direct: true, f: f}
		words := q.countWords(a, b)
		switch {
		case f.ok():
			usedCue[f.cueA] = true
		case r.cont && prevAttributed >= 0:
			rec.inherit = prevAttributed + 1
		case prevAttributed >= 0 && ri > 0 && q.splitContinues(recs[prevAttributed], r):
			// "A," he said. "B." — one quote.
			p := &recs[prevAttributed]
			pa, pb := region{open: p.a, close: p.b}.inner()
			p.b = r.close
			p.text = q.slice(pa, pb) + " " + q.quoteText(a, b)
			continue
		case words >= 4 && q.toks[a].upper && prevAttributed >= 0 && q.toks[r.open].sent-q.toks[recs[prevAttributed].b].sent <= 2 && q.sentenceStart(r.open):
			rec.inherit = prevAttributed + 1
		case words >= 4:
			// A quote without a speaker the text names.
		default:
			continue // scare quotes, titles, names
		}
		rec.text = q.quoteText(a, b)
		recs = append(recs, rec)
		if f.ok() || rec.inherit > 0 {
			prevAttributed = len(recs) - 1
		}
	}
	q.used = usedCue
	recs = q.reported(recs, usedCue)
	slices.SortStableFunc(recs, func(x, y qrec) int { return x.a - y.a })
	res := newSpeakerResolver(q, mentions)
	out := make([]news.Quote, 0, len(recs))
	for i := range recs {
		r := &recs[i]
		if r.inherit > 0 {
			continue
		}
		r.speaker, r.entity = res.resolve(r.f.spk)
		res.addSpeaker(r.speaker, r.entity, r.f.spk)
	}
	for i := range recs {
		r := &recs[i]
		if r.direct && !r.f.ok() && r.inherit == 0 && q.insideReported(recs, i) {
			continue // a fragment of reported speech, returned with it
		}
		cue := ""
		if r.f.ok() {
			cue = q.slice(r.f.cueA, r.f.cueB)
		}
		if r.inherit > 0 {
			// Find the speaker of the quote this one continues.
			for j := i - 1; j >= 0; j-- {
				if recs[j].direct && recs[j].f.ok() && recs[j].a < r.a {
					r.speaker, r.entity = recs[j].speaker, recs[j].entity
					break
				}
			}
		}
		out = append(out, news.Quote{
			Text:    r.text,
			Span:    d.Span(q.toks[r.a].start, q.toks[r.b].end),
			Speaker: r.speaker,
			Entity:  r.entity,
			Cue:     cue,
			Direct:  r.direct,
		})
	}
	return out
}

// insideReported reports whether direct quote i without a speaker lies
// inside the content of a reported-speech record.
func (q *qdoc) insideReported(recs []qrec, i int) bool {
	for j := range recs {
		if j != i && !recs[j].direct && recs[j].a <= recs[i].a && recs[j].b >= recs[i].b {
			return true
		}
	}
	return false
}

// countWords counts the word tokens from a to b.
func (q *qdoc) countWords(a, b int) int {
	n := 0
	for i := a; i <= b; i++ {
		if q.toks[i].kind == qWord {
			n++
		}
	}
	return n
}

// quoteText returns the words between tokens a and b with the punctuation
// that ends a quote before its cue ("…," he said) removed.
func (q *qdoc) quoteText(a, b int) string {
	for b > a && q.toks[b].kind == qPunct && (q.is(b, ",") || q.isDash(b) || q.is(b, ":")) {
		b--
	}
	return strings.TrimSpace(q.slice(a, b))
}

// sentenceStart reports whether token i begins a sentence or paragraph.
func (q *qdoc) sentenceStart(i int) bool {
	if i == 0 || q.toks[i].para {
		return true
	}
	return q.toks[i-1].sent != q.toks[i].sent || q.endsSentence(i-1) || q.is(i-1, ":")
}

// pairQuotes pairs the double quotation marks of each paragraph. A mark
// with a space before and a word after opens; with a word before and a space
// or punctuation after it closes; otherwise marks alternate. A mark that
// opens while a quote is open ends the open quote just before it, which
// recovers from a lost closing mark.
func (q *qdoc) pairQuotes() []region {
	var out []region
	open := -1
	contNext := false
	s := q.d.Text
	for i := range q.toks {
		t := q.toks[i]
		if t.para && open >= 0 && i > open+1 {
			// A quote still open at the end of a paragraph continues if the
			// next paragraph starts with a mark.
			if t.kind == qMark {
				out = append(out, region{open: open, close: i - 1, unclosed: true, cont: contNext})
				contNext = true
			}
			open = -1
		} else if t.para {
			open = -1
			if t.kind != qMark {
				contNext = false
			}
		}
		if t.kind != qMark {
			continue
		}
		before := t.start == 0 || isSpaceOrOpen(s[t.start-1])
		after := t.end >= len(s) || isSpaceOrClose(s[t.end])
		opener := before && !after
		closer := after && !before
		if open < 0 {
			if closer && !t.para {
				continue
			}
			open = i
			continue
		}
		if opener && i > open+1 {
			out = append(out, region{open: open, close: i - 1, unclosed: true, cont: contNext})
			contNext = false
			open = i
			continue
		}
		if i == open+1 {
			open = -1
			continue
		}
		out = append(out, region{open: open, close: i, cont: contNext})
		contNext = false
		open = -1
	}
	return out
}

func isSpaceOrOpen(c byte) bool {
	switch c {
	case ' ', '\n', '\t', '(', '[', '-', ':':
		return true
	}
	return false
}

func isSpaceOrClose(c byte) bool {
	switch c {
	case ' ', '\n', '\t', ')', ']', ',', '.', ';', ':', '!', '?', '-':
		return true
	}
	return c >= 0x80 // a dash or other non-ASCII punctuation
}

// quoteFrame finds the attribution of the quote in r: after the closing
// mark first ("…," he said), then before the opening one (he said: "…").
func (q *qdoc) quoteFrame(r region) frame {
	if !r.unclosed {
		before := q.frameBefore(r.open)
		if before.ok() && !q.is(r.open-1, ":") && !q.is(r.open-1, ",") && q.continuesAfter(r.close) {
			// Bush said "local forces" must lead: the quote is a fragment
			// of reported speech.
			before = frame{spk: np{0, -1}}
		}
		if before.ok() && (q.is(r.open-1, ":") || q.cue(r.open-1) != 0) {
			return before
		}
		if f := q.frameAfter(r); f.ok() {
			return f
		}
		return before
	}
	return q.frameBefore(r.open)
}

// frameAfter looks for "…," he said / "…," said Neumann / "…", so Neumann.
func (q *qdoc) frameAfter(r region) frame {
	i := r.close + 1
	for n := 0; n < 2 && i < len(q.toks) && (q.is(i, ",") || q.isDash(i)); n++ {
		i++
	}
	if i >= len(q.toks) || q.toks[i].kind != qWord || q.toks[i].para {
		return frame{spk: np{0, -1}}
	}
	a, b := r.inner()
	endPunct := b >= a && (q.is(b, ".") || q.is(b, "!") || q.is(b, "?")) && i == r.close+1
	for k := i; k < len(q.toks) && k < i+25; k++ {
		t := q.toks[k]
		if t.kind == qMark || q.endsSentence(k) {
			break
		}
		if t.kind != qWord {
			continue
		}
		w := q.low(k)
		kind := q.lex.cues[w]
		if kind == 0 {
			kind = q.hyphenCue(k)
		}
		if kind == cueObj {
			break // the clause has a verb of its own
		}
		if kind == 0 {
			continue
		}
		f := frame{cueA: k, cueB: k, end: k, after: true}
		switch {
		case kind == cuePrep:
			if k != i {
				return frame{spk: np{0, -1}}
			}
			f.spk, f.cueB = q.prepSource(k)
			f.end = f.spk.b
		case k == i:
			if p := q.hyphenPronoun(k); p.ok() {
				f.spk = p
			} else {
				f.spk = q.rightNP(k)
				f.end = f.spk.b
			}
		default:
			if kind == cueParticle {
				return frame{spk: np{0, -1}}
			}
			j := k - 1
			for j >= i && q.c(j, cAux) {
				j--
			}
			for m := i; m < j; m++ {
				if q.is(m, ",") { // "Name, a research group, told"
					j = m - 1
					break
				}
			}
			f.spk = q.trimNP(np{i, j})
			if !f.spk.ok() && kind != cueTell {
				f.spk = q.rightNP(k) // "…", a déclaré le ministre
				f.end = max(f.spk.b, k)
			}
			if f.spk.ok() && q.c(f.spk.a, cBound) || k-i > 12 && j == k-1 {
				return frame{spk: np{0, -1}}
			}
		}
		if kind == cueTell {
			if o := q.rightNP(k); o.ok() && o.b-o.a < 5 {
				f.cueB = o.b
				f.end = o.b
			}
		}
		if endPunct && q.toks[i].upper && (k != i && !q.shortToEnd(f.end) || !q.closesSoon(f.end)) {
			return frame{spk: np{0, -1}}
		}
		return f
	}
	return frame{spk: np{0, -1}}
}

// closesSoon reports whether the sentence ends within a few words after i
// with no quotation and no "that" between: after a quote that ended its
// sentence, "Trump said on Friday." is a frame, "Russia insisted that
// Pyongyang "stop …"" is a sentence of its own.
func (q *qdoc) closesSoon(i int) bool {
	if i < 0 {
		return true // no frame to judge
	}
	for k := i + 1; k < len(q.toks) && k <= i+4; k++ {
		if q.toks[k].sent != q.toks[i].sent || q.endsSentence(k) {
			return true
		}
		if q.toks[k].kind == qMark || q.c(k, cThat) {
			return false
		}
	}
	return i+1 >= len(q.toks)
}

// shortToEnd reports whether the sentence ends within a few tokens after i.
func (q *qdoc) shortToEnd(i int) bool {
	for k := i + 1; k < len(q.toks) && k <= i+5; k++ {
		if q.endsSentence(k) || q.toks[k].kind == qMark {
			return true
		}
		if q.toks[k].sent != q.toks[i].sent {
			return true
		}
	}
	return i+1 >= len(q.toks)
}

// hyphenCue recognises French inverted verbs with a pronoun: "a-t-il
// déclaré" (the cue is the next word), "dit-il", "ajoute-t-elle".
func (q *qdoc) hyphenCue(k int) uint8 {
	w := q.low(k)
	i := strings.IndexByte(w, '-')
	if i <= 0 {
		return 0
	}
	if q.lex.cues[w[:i]] == cueVerb {
		return cueVerb
	}
	return 0
}

// hyphenPronoun returns the inverted pronoun subject of "dit-il" or of
// "a-t-il déclaré" as the one-token phrase holding it.
func (q *qdoc) hyphenPronoun(k int) np {
	w := q.low(k)
	if strings.HasSuffix(w, "-il") || strings.HasSuffix(w, "-elle") || strings.HasSuffix(w, "-ils") || strings.HasSuffix(w, "-elles") {
		return np{k, k}
	}
	if k > 0 {
		p := q.low(k - 1)
		if strings.HasSuffix(p, "-il") || strings.HasSuffix(p, "-elle") {
			return np{k - 1, k - 1}
		}
	}
	return np{0, -1}
}

// frameBefore looks for a cue in the few tokens before an opening mark:
// "Simonyan commented: "…"", "he said in an interview, "…"", "Dazu sagte
// Neumann: "…"", "asking their citizens to "…"".
func (q *qdoc) frameBefore(open int) frame {
	none := frame{spk: np{0, -1}}
	for k := open - 1; k >= 0 && k >= open-8; k-- {
		t := q.toks[k]
		if t.kind == qMark || q.endsSentence(k) || t.quote != 0 {
			return none
		}
		if t.kind != qWord {
			continue
		}
		w := q.low(k)
		kind := q.lex.cues[w]
		if kind == 0 || kind == cueParticle {
			continue
		}
		if kind == cuePrep {
			spk, cueB := q.prepSource(k)
			if !spk.ok() {
				continue
			}
			return frame{spk: spk, cueA: k, cueB: cueB, end: spk.b}
		}
		if q.passive(k) {
			return none
		}
		if k < open-1 && !q.is(open-1, ":") && !q.is(open-1, ",") && !q.c(open-1, cThat) {
			// A quoted fragment inside reported speech: "called the plan "a
			// disaster"" is the content of "called", not a quote of its own.
			return none
		}
		f := frame{cueA: k, cueB: k, end: k}
		right := q.rightNP(k)
		if kind != cueTell && right.ok() && right.b < open && (q.is(right.b+1, ":") || q.is(right.b+1, ",") || right.b+1 == open) &&
			(q.lex.v2 || k == 0 || q.toks[k-1].kind != qWord || q.toks[k-1].sent != t.sent) && q.plausibleRight(right) {
			f.spk = right
			f.end = right.b
			return f
		}
		f.spk = q.leftNP(k)
		if !f.spk.ok() {
			return none
		}
		if kind == cueTell && right.ok() && right.b < open && right.b-right.a < 5 {
			f.cueB = right.b
		}
		return f
	}
	return none
}

// plausibleRight reports whether p may be an inverted subject: a name, a
// pronoun or a short description starting with an article.
func (q *qdoc) plausibleRight(p np) bool {
	if !p.ok() || p.b-p.a > 7 {
		return false
	}
	w := q.low(p.a)
	return q.toks[p.a].upper || q.lex.pron[w] || p.a > 0 && q.c(p.a-1, cDet)
}

// passive reports whether the verb at k is a passive participle ("was
// told", "wurde gesagt").
func (q *qdoc) passive(k int) bool {
	if k == 0 || q.toks[k-1].kind != qWord {
		return false
	}
	switch q.low(k - 1) {
	case "was", "were", "been", "being", "be", "is", "are", "wurde", "wurden", "été":
		return true
	}
	return false
}

// prepSource returns the source after an attributing preposition at k
// ("according to the ministry", "laut Neumann", "по словам Пескова") and the
// last token of the cue.
func (q *qdoc) prepSource(k int) (np, int) {
	w := q.low(k)
	cueB := k
	if next, ok := q.lex.prepNext[w]; ok {
		if k+1 >= len(q.toks) || !containsWord(next, q.low(k+1)) {
			return np{0, -1}, k
		}
		cueB = k + 1
	}
	if w == "zufolge" {
		return np{0, -1}, k
	}
	j := cueB + 1
	for j < len(q.toks) && q.toks[j].kind == qWord && (q.c(j, cDet) || q.low(j) == "von") && q.lex.lang == "de" && w == "nach" {
		j++
	}
	if j >= len(q.toks) || q.toks[j].kind != qWord {
		return np{0, -1}, cueB
	}
	// Up to a comma within 16 tokens, or to the end of the sentence when the
	// preposition closes it ("…, according to data released by the
	// regulators."); else the name-like words.
	end := -1
	for m := j; m < len(q.toks) && m < j+16 && q.toks[m].sent == q.toks[k].sent; m++ {
		if q.is(m, ",") || q.is(m, ":") || q.is(m, ";") {
			end = m - 1
			break
		}
		if q.toks[m].kind == qMark || q.endsSentence(m) {
			if k > 0 && (q.is(k-1, ",") || q.isDash(k-1)) && q.toks[m].kind != qMark {
				end = m - 1
			}
			break
		}
	}
	if end > j+8 {
		// A long source holds no verb: "according to the agency X raided Y"
		// has lost its comma.
		for m := j + 1; m <= end; m++ {
			if lw := q.low(m); lw == "who" || lw == "which" || lw == "whose" {
				// "according to a senior official who spoke on the
				// condition of anonymity": the source ends at the
				// relative clause.
				end = m - 1
				break
			}
			if q.verbLike(m) && !pollWords[q.low(end)] {
				end = -1
				break
			}
		}
	}
	if end < 0 || end > j+14 {
		for j < len(q.toks) && q.toks[j].kind == qWord && q.c(j, cDet) {
			j++
		}
		end = j
		for m := j + 1; m < len(q.toks) && m < j+6 && q.toks[m].kind == qWord; m++ {
			lw := q.low(m)
			if !q.toks[m].upper && !q.lex.det[lw] && !isLinkWord(lw) {
				break
			}
			end = m
		}
	}
	return q.trimNP(np{j, end}), cueB
}

func isLinkWord(w string) bool {
	switch w {
	case "of", "for", "der", "des", "von", "de", "du", "del", "della", "di", "van", "het":
		return true
	}
	return false
}

func containsWord(list, w string) bool {
	for _, f := range strings.Fields(list) {
		if f == w {
			return true
		}
	}
	return false
}

// splitContinues reports whether region r continues quote p after p's
// cue: "A," he said. "B." or "A," he said, "b."
func (q *qdoc) splitContinues(p qrec, r region) bool {
	if !p.f.ok() || !p.f.after || !p.direct || p.f.end < p.b {
		return false
	}
	sent := q.toks[p.f.cueA].sent
	for i := p.f.end + 1; i < r.open; i++ {
		t := q.toks[i]
		if t.kind == qMark || t.kind == qWord && (t.sent != sent || q.cue(i) != 0) {
			return false
		}
	}
	return true
}

// continuesAfter reports whether the sentence goes on with a lowercase word
// right after the closing mark at i.
func (q *qdoc) continuesAfter(i int) bool {
	j := i + 1
	return j < len(q.toks) && q.toks[j].kind == qWord && !q.toks[j].upper && q.toks[j].sent == q.toks[i].sent && q.cue(j) == 0
}
