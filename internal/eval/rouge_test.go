package eval

import (
	"math"
	"testing"
)

// The expected values are counted by hand.
func TestRougeN(t *testing.T) {
	for _, tc := range []struct {
		n         int
		cand, ref string
		r, p, f1  float64
	}{
		// cand: the cat sat on the mat (6); ref: the cat lay on the mat (6).
		// Unigrams shared: the×2, cat, on, mat = 5.
		{1, "The cat sat on the mat.", "the cat lay on the mat", 5.0 / 6, 5.0 / 6, 5.0 / 6},
		// Bigrams: cand {the cat, cat sat, sat on, on the, the mat}, ref
		// {the cat, cat lay, lay on, on the, the mat}: 3 shared of 5.
		{2, "The cat sat on the mat.", "the cat lay on the mat", 3.0 / 5, 3.0 / 5, 3.0 / 5},
		// Clipped counts: "the the the" against "the cat": overlap 1.
		{1, "the the the", "the cat", 1.0 / 2, 1.0 / 3, 2 * (0.5 * (1.0 / 3)) / (0.5 + 1.0/3)},
		{2, "one", "one two", 0, 0, 0},
		{1, "", "", 0, 0, 0},
	} {
		got := RougeN(tc.n, tc.cand, tc.ref)
		if math.Abs(got.Recall-tc.r) > 1e-9 || math.Abs(got.Precision-tc.p) > 1e-9 || math.Abs(got.F1-tc.f1) > 1e-9 {
			t.Errorf("ROUGE-%d(%q, %q) = %+v, want R %.3f P %.3f F1 %.3f", tc.n, tc.cand, tc.ref, got, tc.r, tc.p, tc.f1)
		}
	}
}
