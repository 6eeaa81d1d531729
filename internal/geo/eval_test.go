package geo

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// The evaluations below read corpora outside the repository and are skipped
// unless asked for:
//
//	GEO_EVAL_CORPORA=/work/shared/corpora go test -run Eval -v ./internal/geo
//
// GEO_EVAL_DATA=dir evaluates places.tsv.gz and countries.tsv.gz from dir
// instead of the embedded data (to compare builds of ./gen).

func evalGaz(t *testing.T) (*Gazetteer, string) {
	t.Helper()
	root := os.Getenv("GEO_EVAL_CORPORA")
	if root == "" {
		t.Skip("GEO_EVAL_CORPORA not set")
	}
	dir := os.Getenv("GEO_EVAL_DATA")
	if dir == "" {
		return gaz(t), root
	}
	p, err := os.ReadFile(filepath.Join(dir, "places.tsv.gz"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := os.ReadFile(filepath.Join(dir, "countries.tsv.gz"))
	if err != nil {
		t.Fatal(err)
	}
	g, err := Load(p, c)
	if err != nil {
		t.Fatal(err)
	}
	return g, root
}

func eachLine(t *testing.T, path string, fn func([]byte)) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		fn(sc.Bytes())
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

// TestEvalNERCoverage measures which share of distinct LOC spans of the NER
// corpora the gazetteer knows (recall of names, regions and rivers
// included, so below 100% by design) and which share of PER and ORG spans
// it also knows (a measure of ambiguity, lower is better).
func TestEvalNERCoverage(t *testing.T) {
	g, root := evalGaz(t)
	files := []string{"conll-en-val", "wikineural-de-val", "wikineural-fr-val", "wikineural-it-val",
		"wikineural-es-val", "wikineural-ru-val", "conll-nl-val", "wikiann-pl-val"}
	for _, name := range files {
		spans := map[string]map[string]bool{"LOC": {}, "PER": {}, "ORG": {}}
		eachLine(t, filepath.Join(root, "ner", name+".jsonl"), func(b []byte) {
			var s struct {
				Tokens []string `json:"tokens"`
				Tags   []string `json:"tags"`
			}
			if err := json.Unmarshal(b, &s); err != nil {
				t.Fatal(err)
			}
			for i := 0; i < len(s.Tags); i++ {
				if !strings.HasPrefix(s.Tags[i], "B-") {
					continue
				}
				typ := s.Tags[i][2:]
				j := i + 1
				for j < len(s.Tags) && s.Tags[j] == "I-"+typ {
					j++
				}
				if m := spans[typ]; m != nil {
					m[strings.Join(s.Tokens[i:j], " ")] = true
				}
			}
		})
		var out []string
		for _, typ := range []string{"LOC", "PER", "ORG"} {
			n, hit := 0, 0
			for s := range spans[typ] {
				n++
				if _, ok := g.Resolve(s, Hint{}); ok {
					hit++
				}
			}
			out = append(out, typ+" "+pct(hit, n))
		}
		sort.Strings(out[1:])
		t.Logf("%-20s known: %s", name, strings.Join(out, ", "))
	}
}

// TestEvalGVA resolves the city of every Gun Violence Archive incident,
// alone with a US hint and as "city, state", and counts answers within
// 25 km of the gold point.
func TestEvalGVA(t *testing.T) {
	g, root := evalGaz(t)
	type inc struct {
		City, State string
		Lat, Lon    float64
	}
	seen := map[inc]bool{}
	eachLine(t, filepath.Join(root, "gva", "dev.jsonl"), func(b []byte) {
		var r struct {
			Incident inc `json:"incident"`
		}
		if err := json.Unmarshal(b, &r); err != nil {
			t.Fatal(err)
		}
		if r.Incident.City != "" && r.Incident.Lat != 0 {
			seen[r.Incident] = true
		}
	})
	var n, alone, alonePlain, withState, found int
	for in := range seen {
		n++
		gold := Place{Lat: in.Lat, Lon: in.Lon}
		if p, ok := g.Resolve(in.City, Hint{Countries: []string{"US"}}); ok {
			found++
			if Distance(p, gold) < 25 {
				alone++
			}
		}
		if p, ok := g.Resolve(in.City, Hint{}); ok && Distance(p, gold) < 25 {
			alonePlain++
		}
		if p, ok := g.Resolve(in.City+", "+in.State, Hint{}); ok && Distance(p, gold) < 25 {
			withState++
		}
	}
	t.Logf("GVA incidents %d: city found %s; within 25 km: city+US hint %s, city alone %s, \"city, state\" %s",
		n, pct(found, n), pct(alone, n), pct(alonePlain, n), pct(withState, n))
}

func pct(a, b int) string {
	if b == 0 {
		return "0/0"
	}
	return fmt.Sprintf("%d/%d (%d%%)", a, b, a*100/b)
}
