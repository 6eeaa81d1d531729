// Package eval scores Tocsin's output against gold annotations: clusterings
// (B-cubed and pairwise precision, recall and F1) and graded similarities
// (Pearson correlation). It computes metrics only; reading corpora and
// running the pipeline is left to the caller.
package eval

import "math"

// PRF is precision, recall and their harmonic mean.
type PRF struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func prf(p, r float64) PRF {
	f := 0.0
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return PRF{Precision: p, Recall: r, F1: f}
}

// Clustering compares a predicted clustering with the gold one.
type Clustering struct {
	Items     int `json:"items"`
	Predicted int `json:"predicted_clusters"`
	Gold      int `json:"gold_clusters"`
	BCubed    PRF `json:"bcubed"`
	Pairwise  PRF `json:"pairwise"`
}

// Clusters scores predicted against gold: both map each item to its
// cluster label. Items missing from predicted count as singletons.
func Clusters(predicted, gold map[string]string) Clustering {
	type pair struct{ p, g string }
	joint := map[pair]int{}
	pSize := map[string]int{}
	gSize := map[string]int{}
	for item, g := range gold {
		p, ok := predicted[item]
		if !ok {
			p = "\x00singleton:" + item
		}
		joint[pair{p, g}]++
		pSize[p]++
		gSize[g]++
	}
	n := float64(len(gold))
	res := Clustering{Items: len(gold), Predicted: len(pSize), Gold: len(gSize)}
	if n == 0 {
		return res
	}
	// B-cubed: every item of cell (p, g) has precision n_pg/n_p and recall
	// n_pg/n_g.
	var bp, br float64
	var tp, predPairs, goldPairs float64
	for k, c := range joint {
		cf := float64(c)
		bp += cf * cf / float64(pSize[k.p])
		br += cf * cf / float64(gSize[k.g])
		tp += pairs(c)
	}
	for _, c := range pSize {
		predPairs += pairs(c)
	}
	for _, c := range gSize {
		goldPairs += pairs(c)
	}
	res.BCubed = prf(bp/n, br/n)
	res.Pairwise = prf(ratio(tp, predPairs), ratio(tp, goldPairs))
	return res
}

func pairs(n int) float64 { return float64(n) * float64(n-1) / 2 }

// ratio is a/b, and 1 when there is nothing to get wrong (b == 0).
func ratio(a, b float64) float64 {
	if b == 0 {
		return 1
	}
	return a / b
}

// Pearson returns the Pearson correlation of x and y, NaN when undefined.
func Pearson(x, y []float64) float64 {
	if len(x) != len(y) || len(x) < 2 {
		return math.NaN()
	}
	var mx, my float64
	for i := range x {
		mx += x[i]
		my += y[i]
	}
	mx /= float64(len(x))
	my /= float64(len(y))
	var sxy, sxx, syy float64
	for i := range x {
		dx, dy := x[i]-mx, y[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	if sxx == 0 || syy == 0 {
		return math.NaN()
	}
	return sxy / math.Sqrt(sxx*syy)
}
