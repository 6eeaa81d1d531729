package eval

import (
	"strings"
	"unicode"
)

// Rouge is ROUGE-N of a candidate text against a reference: n-gram
// overlap (each n-gram counted at most as often as the other text has it)
// over the reference's n-grams (recall) and the candidate's (precision).
type Rouge struct {
	N         int     `json:"n"`
	Recall    float64 `json:"recall"`
	Precision float64 `json:"precision"`
	F1        float64 `json:"f1"`
}

// RougeN compares candidate with reference on n-grams of lower-cased
// words (runs of letters and digits; no stemming, no stop-word removal).
func RougeN(n int, candidate, reference string) Rouge {
	c, r := ngrams(n, candidate), ngrams(n, reference)
	var overlap, nc, nr int
	for g, k := range c {
		nc += k
		overlap += min(k, r[g])
	}
	for _, k := range r {
		nr += k
	}
	out := Rouge{N: n}
	if nr > 0 {
		out.Recall = float64(overlap) / float64(nr)
	}
	if nc > 0 {
		out.Precision = float64(overlap) / float64(nc)
	}
	if out.Recall+out.Precision > 0 {
		out.F1 = 2 * out.Recall * out.Precision / (out.Recall + out.Precision)
	}
	return out
}

func ngrams(n int, s string) map[string]int {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	out := map[string]int{}
	for i := 0; i+n <= len(words); i++ {
		out[strings.Join(words[i:i+n], " ")]++
	}
	return out
}
