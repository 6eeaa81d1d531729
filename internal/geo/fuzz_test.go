package geo

import "testing"

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Köln", "Saint-Étienne", "Москва", "  a  b ", "U.S.", "ß", "İstanbul", "Ωmega", "ǅ", "ﬁ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Fold(s)
		if k2 := Fold(k); k2 != k {
			t.Errorf("Fold not idempotent: Fold(%q) = %q, Fold(%q) = %q", s, k, k, k2)
		}
		if len(k) > 0 && (k[0] == ' ' || k[len(k)-1] == ' ') {
			t.Errorf("Fold(%q) = %q has outer spaces", s, k)
		}
	})
}

func FuzzResolve(f *testing.F) {
	g, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"Paris, TX", "the Russian region of Kaluga", "под Москвой", ",", "a,b,c", "near near", "'s"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		g.Resolve(s, Hint{Countries: []string{"US"}})
		g.Lookup(s)
		g.Class(s)
		StripCue(s)
	})
}
