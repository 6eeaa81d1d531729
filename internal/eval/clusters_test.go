package eval

import (
	"math"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestClusters(t *testing.T) {
	// Gold: {a b c} {d e}; predicted: {a b} {c d e}.
	gold := map[string]string{"a": "1", "b": "1", "c": "1", "d": "2", "e": "2"}
	pred := map[string]string{"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}
	got := Clusters(pred, gold)
	// B-cubed precision per item: a 1, b 1, c 1/3, d 2/3, e 2/3 → 11/15.
	// Recall: a 2/3, b 2/3, c 1/3, d 1, e 1 → 11/15.
	if !near(got.BCubed.Precision, 11.0/15) || !near(got.BCubed.Recall, 11.0/15) || !near(got.BCubed.F1, 11.0/15) {
		t.Errorf("B-cubed = %+v, want 11/15 each", got.BCubed)
	}
	// Pairs: predicted {ab} {cd ce de} = 4, gold {ab ac bc} {de} = 4, both: ab, de = 2.
	if !near(got.Pairwise.Precision, 0.5) || !near(got.Pairwise.Recall, 0.5) {
		t.Errorf("pairwise = %+v, want 0.5/0.5", got.Pairwise)
	}
	if got.Items != 5 || got.Predicted != 2 || got.Gold != 2 {
		t.Errorf("counts = %+v", got)
	}
}

func TestClustersEdgeCases(t *testing.T) {
	gold := map[string]string{"a": "1", "b": "1", "c": "2"}
	perfect := Clusters(map[string]string{"a": "p", "b": "p", "c": "q"}, gold)
	if perfect.BCubed.F1 != 1 || perfect.Pairwise.F1 != 1 {
		t.Errorf("perfect clustering scored %+v", perfect)
	}
	// Everything apart: B-cubed precision 1, recall (1/2+1/2+1)/3; no
	// predicted pairs, so pairwise precision is vacuously 1 and recall 0.
	apart := Clusters(map[string]string{}, gold)
	if !near(apart.BCubed.Precision, 1) || !near(apart.BCubed.Recall, 2.0/3) || apart.Pairwise.Recall != 0 || apart.Predicted != 3 {
		t.Errorf("singletons scored %+v", apart)
	}
	// Everything together: precision per item a 2/3, b 2/3, c 1/3.
	together := Clusters(map[string]string{"a": "x", "b": "x", "c": "x"}, gold)
	if !near(together.BCubed.Precision, 5.0/9) || !near(together.BCubed.Recall, 1) || !near(together.Pairwise.Precision, 1.0/3) {
		t.Errorf("one cluster scored %+v", together)
	}
}

func TestPearson(t *testing.T) {
	if r := Pearson([]float64{1, 2, 3}, []float64{2, 4, 6}); !near(r, 1) {
		t.Errorf("perfect correlation = %v", r)
	}
	if r := Pearson([]float64{1, 2, 3}, []float64{3, 2, 1}); !near(r, -1) {
		t.Errorf("perfect anti-correlation = %v", r)
	}
	// Hand-computed: x = 1 2 3 4, y = 1 3 2 4 → r = 0.8.
	if r := Pearson([]float64{1, 2, 3, 4}, []float64{1, 3, 2, 4}); !near(r, 0.8) {
		t.Errorf("r = %v, want 0.8", r)
	}
	if r := Pearson([]float64{1, 1}, []float64{1, 2}); !math.IsNaN(r) {
		t.Errorf("constant input: r = %v, want NaN", r)
	}
}
