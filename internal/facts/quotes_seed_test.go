package facts

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tocsin/tocsin/internal/extract"
)

func TestSeedsDump(t *testing.T) {
	files, _ := filepath.Glob("/work/shared/corpora/seeds/*.txt")
	if len(files) == 0 || os.Getenv("SEEDS") == "" {
		t.Skip()
	}
	for _, f := range files {
		b, _ := os.ReadFile(f)
		d := NewDoc(extract.Normalize(string(b)), "en", nil)
		t.Logf("== %s", filepath.Base(f))
		for _, q := range Quotes(d, nil) {
			t.Logf("Q direct=%v spk=%q cue=%q text=%q", q.Direct, q.Speaker, q.Cue, trunc(q.Text))
		}
		for _, c := range Claims(d, nil) {
			t.Logf("C %s actor=%q target=%q text=%q", c.Stance, c.Actor, c.Target, trunc(c.Text))
		}
	}
}

func trunc(s string) string {
	if len(s) > 90 {
		return s[:90] + "…"
	}
	return strings.ReplaceAll(s, "\n", " ")
}
