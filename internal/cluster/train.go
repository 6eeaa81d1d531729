package cluster

import (
	"math"
)

// Sample is one article-event comparison seen in training, labelled with
// whether the article really belongs to the event.
type Sample struct {
	X     []float64
	Same  bool
	Group int // the corpus it comes from: each corpus weighs the same in Fit
}

// Oracle compares it with its candidate events like Assign, then puts it
// into the event of its gold label (creating it), so that the samples come
// from the event states a correct clustering would have. It returns the
// comparisons, labelled.
func (c *Clusterer) Oracle(it *Item, gold string) []Sample {
	if it.Time.After(c.now) {
		c.now = it.Time
	}
	c.evict()
	vec := c.vector(it)
	var out []Sample
	for _, e := range c.candidates(it, vec) {
		out = append(out, Sample{X: c.features(it, vec, e).vector(), Same: e.gold == gold})
	}
	c.count(it)
	for _, e := range c.Events() {
		if e.gold == gold {
			c.add(e, it, vec)
			return out
		}
	}
	e := c.create(it, vec)
	e.gold = gold
	return out
}

// Fit fits a logistic model to samples by gradient descent with L2
// regularisation; the threshold is left at 0 (even odds). Deterministic.
func Fit(samples []Sample, l2 float64, iters int) Model {
	if len(samples) == 0 {
		return Model{}
	}
	n := len(samples[0].X)
	w := make([]float64, n)
	b := 0.0
	// Weigh the classes equally within each group, and the groups equally:
	// most comparisons are negatives, and one large corpus of near-identical
	// incidents must not decide the weights for every kind of news.
	type cell struct {
		group int
		same  bool
	}
	counts := map[cell]int{}
	groups := map[int]bool{}
	for _, s := range samples {
		counts[cell{s.Group, s.Same}]++
		groups[s.Group] = true
	}
	weight := make([]float64, len(samples))
	for i, s := range samples {
		weight[i] = 0.5 / float64(len(groups)) / float64(counts[cell{s.Group, s.Same}])
	}
	lr := 1.0
	gw := make([]float64, n)
	for it := 0; it < iters; it++ {
		clear(gw)
		gb := 0.0
		for k, s := range samples {
			z := b
			for i, x := range s.X {
				z += w[i] * x
			}
			p := 1 / (1 + math.Exp(-z))
			y := 0.0
			if s.Same {
				y = 1
			}
			g := weight[k] * (p - y)
			for i, x := range s.X {
				gw[i] += g * x
			}
			gb += g
		}
		for i := range w {
			w[i] -= lr * (gw[i] + l2*w[i])
		}
		b -= lr * gb
	}
	return Model{Weights: w, Bias: b}
}
