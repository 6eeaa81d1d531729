package facts

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// authority is a source a sentence attributes its statements to: "the
// Kremlin" in "..., the Kremlin said", "police" in "according to police".
type authority struct {
	at   int // token index of the cue
	name string
}

// pronouns are never an authority on their own.
var pronouns = set("he she they it we i you er sie es il elle ils elles on él ella ellos lui lei loro он она они wir nous")

// authority returns the authority nearest to toks[at] in the sentence, or
// "".
func (sc *figScan) authority(at int) string {
	if !sc.done {
		sc.auth = sc.authorities()
		sc.done = true
	}
	best, dist := "", 1<<30
	for _, a := range sc.auth {
		d := a.at - at
		if d < 0 {
			d = -d
		}
		if d < dist {
			best, dist = a.name, d
		}
	}
	return best
}

// authorities finds the attributions in the sentence.
func (sc *figScan) authorities() []authority {
	toks := sc.toks
	var out []authority
	for i := 0; i < len(toks); i++ {
		for _, p := range according {
			if !toks[i].is(wAccording) {
				break
			}
			if i+len(p) > len(toks) {
				continue
			}
			ok := true
			for k, w := range p {
				if toks[i+k].fold != w {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			if name := sc.npAfter(i + len(p)); name != "" {
				out = append(out, authority{i, name})
			}
		}
		if !toks[i].is(wSays) && !(toks[i].fold == "dit" || toks[i].fold == "detto") {
			continue
		}
		if name := sc.npBefore(i); name != "" {
			out = append(out, authority{i, name})
		} else if name := sc.npAfter(i + 1); name != "" && (i == 0 || toks[i-1].punct) {
			out = append(out, authority{i, name}) // "..., said police"
		}
	}
	return out
}

// authWord reports whether t may be part of an authority's name: a
// capitalised word or a word of the authority lexicon.
func authWord(t ftok) bool {
	if t.punct || t.digits {
		return t.raw == "'s" || t.raw == "’s"
	}
	if t.is(wPronoun) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.raw)
	if i := strings.IndexAny(t.raw, "'’"); i > 0 && i < 3 { // "l'Intérieur"
		r2, _ := utf8.DecodeRuneInString(t.raw[i+len("'"):])
		if t.raw[i] != '\'' {
			r2, _ = utf8.DecodeRuneInString(t.raw[i+len("’"):])
		}
		return unicode.IsUpper(r2)
	}
	return unicode.IsUpper(r) || t.is(wAuthNoun)
}

var skipBeforeSays = set("later also earlier have has had previously then initially now officially further had first")

// npBefore reads the authority before a speech verb at toks[i] ("Russian
// authorities later spoke of").
func (sc *figScan) npBefore(i int) string {
	toks := sc.toks
	k := i - 1
	for n := 0; n < 2 && k >= 0 && skipBeforeSays[toks[k].fold]; n++ {
		k--
	}
	end := k + 1
	start := end
	for k >= 0 && end-k <= 6 && authWord(toks[k]) {
		start = k
		k--
	}
	return sc.name(start, end)
}

// npAfter reads the authority after toks[i] ("according to the Health
// Ministry").
func (sc *figScan) npAfter(i int) string {
	toks := sc.toks
	end := i
	for end < len(toks) && end-i < 6 && authWord(toks[end]) {
		end++
	}
	return sc.name(i, end)
}

// name returns toks[start:end] as written, without leading or trailing
// articles; "" when only articles remain or the words are not a name.
func (sc *figScan) name(start, end int) string {
	toks := sc.toks
	for start < end && toks[end-1].fold == "the" {
		end--
	}
	for start < end && toks[start].is(wAuthNoun) && isArticle(toks[start].fold) && start+1 < end && !authContent(toks[start+1:end]) {
		start++
	}
	if start >= end || !authContent(toks[start:end]) {
		return ""
	}
	return strings.TrimSpace(sc.d.Text[toks[start].start:toks[end-1].end])
}

func isArticle(w string) bool {
	switch w {
	case "the", "die", "der", "des", "la", "le", "les", "el", "los", "las", "il", "de", "het":
		return true
	}
	return false
}

// authContent reports whether the words hold something besides articles.
func authContent(ts []ftok) bool {
	for _, t := range ts {
		if !isArticle(t.fold) && !t.punct {
			return true
		}
	}
	return false
}
