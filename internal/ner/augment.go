package ner

import (
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Augment says how to make training sentences look more like news text.
// WikiANN sentences are short Wikipedia fragments that often begin with the
// entity (58% of the English ones), and almost none is in capitals, while
// news sentences are long, rarely begin with an entity, and news wires have
// all-capital headlines.
type Augment struct {
	// Concat is the share of sentences that are joined with one to three
	// other sentences of the same language into one longer sentence (a "."
	// is put between parts that do not end with punctuation). The parts
	// replace their originals.
	Concat float64
	// Caps is the share of sentences added a second time with every token
	// in capitals, like a wire headline ("SOCCER - ...").
	Caps float64
	// TitleFirst is the share of sentences beginning with an all-lower-case
	// token that are added a second time with that token title-cased, as a
	// news sentence begins.
	TitleFirst float64
	// DropLowerEnd drops the sentences, in these languages ("*": all), with
	// an entity whose last token is all lower-case: in WikiANN they are
	// mostly titles of works, taxa and list pages ("Lists of wind farms by
	// country", "German national team"), which teach the model to run an
	// entity on through lower-case words; news entities almost never end so
	// (0.2% in CoNLL, 3-16% in WikiANN).
	DropLowerEnd []string
	// DropDigits drops the sentences with an entity that has a token of
	// digits only ("Treorchy 17 Newbridge 23" is not a news entity).
	DropDigits bool
	// KeepWeight, if above 0, keeps the sentences DropLowerEnd and
	// DropDigits would drop, with their training updates scaled by it.
	KeepWeight float32
}

// IsZero reports whether a changes nothing.
func (a Augment) IsZero() bool {
	return a.Concat <= 0 && a.Caps <= 0 && a.TitleFirst <= 0 && len(a.DropLowerEnd) == 0 && !a.DropDigits
}

// AugmentSentences returns data with the changes of a applied. The result
// depends only on data, a and seed. data is not modified.
func AugmentSentences(data []Sentence, a Augment, seed uint64) []Sentence {
	if a.IsZero() {
		return data
	}
	rng := rand.New(rand.NewPCG(seed, 0x6175676d656e74))
	if len(a.DropLowerEnd) > 0 || a.DropDigits {
		var kept []Sentence
		for _, s := range data {
			lang := normLang(s.Lang)
			lowerEnd := slices.Contains(a.DropLowerEnd, "*") || slices.Contains(a.DropLowerEnd, lang)
			switch {
			case !dropSentence(s, lowerEnd, a.DropDigits):
				kept = append(kept, s)
			case a.KeepWeight > 0:
				s.weight = a.KeepWeight
				kept = append(kept, s)
			}
		}
		data = kept
	}
	var out []Sentence
	// Concatenation works on each language's sentences in a shuffled order.
	byLang := map[string][]int{}
	var langs []string
	for i, s := range data {
		l := normLang(s.Lang)
		if _, ok := byLang[l]; !ok {
			langs = append(langs, l)
		}
		byLang[l] = append(byLang[l], i)
	}
	for _, l := range langs {
		idx := byLang[l]
		if a.Concat <= 0 {
			for _, i := range idx {
				out = append(out, data[i])
			}
			continue
		}
		rng.Shuffle(len(idx), func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
		for i := 0; i < len(idx); {
			if rng.Float64() >= a.Concat {
				out = append(out, data[idx[i]])
				i++
				continue
			}
			n := min(2+rng.IntN(3), len(idx)-i)
			out = append(out, concatSentences(data, idx[i:i+n]))
			i += n
		}
	}
	n := len(out)
	for i := range n {
		s := out[i]
		if a.Caps > 0 && rng.Float64() < a.Caps {
			c := s
			c.Tokens = make([]string, len(s.Tokens))
			for j, t := range s.Tokens {
				c.Tokens[j] = strings.ToUpper(t)
			}
			out = append(out, c)
		}
		if a.TitleFirst > 0 && len(s.Tokens) > 0 && capsClass(s.Tokens[0]) == "lower" && rng.Float64() < a.TitleFirst {
			c := s
			c.Tokens = slices.Clone(s.Tokens)
			c.Tokens[0] = titleCase(s.Tokens[0])
			out = append(out, c)
		}
	}
	return out
}

func concatSentences(data []Sentence, idx []int) Sentence {
	s := Sentence{Lang: data[idx[0]].Lang, Set: data[idx[0]].Set}
	for k, i := range idx {
		p := data[i]
		if k > 0 && len(s.Tokens) > 0 {
			switch s.Tokens[len(s.Tokens)-1] {
			case ".", "!", "?", ";", ":":
			default:
				s.Tokens = append(s.Tokens, ".")
				s.Tags = append(s.Tags, "O")
			}
		}
		s.Tokens = append(s.Tokens, p.Tokens...)
		s.Tags = append(s.Tags, p.Tags...)
	}
	return s
}

func titleCase(w string) string {
	r, size := utf8.DecodeRuneInString(w)
	return string(unicode.ToTitle(r)) + w[size:]
}

// dropSentence reports whether s has an entity that ends on an all
// lower-case token (if lowerEnd) or has a token of digits only (if digits).
func dropSentence(s Sentence, lowerEnd, digits bool) bool {
	for i, t := range s.Tags {
		if t == "O" || t == "" {
			continue
		}
		w := s.Tokens[i]
		if digits && w != "" && strings.TrimFunc(w, func(r rune) bool { return r >= '0' && r <= '9' }) == "" {
			return true
		}
		last := i+1 == len(s.Tags) || !strings.HasPrefix(s.Tags[i+1], "I-")
		if lowerEnd && last && capsClass(w) == "lower" {
			return true
		}
	}
	return false
}
