package facts

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/tocsin/tocsin/internal/news"
)

func TestZZDebug(t *testing.T) {
	id := os.Getenv("ZZID")
	if id == "" {
		t.Skip()
	}
	f, _ := os.Open("/work/shared/corpora/gva/dev.jsonl")
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var r struct{ ID, Title, Text string }
		json.Unmarshal(sc.Bytes(), &r)
		if r.ID != id {
			continue
		}
		d := NewDoc(r.Title+"\n\n"+r.Text, "en", nil)
		figs := Figures(d)
		for _, g := range figs {
			fmt.Printf("%s %d %s %q shot=%v start=%d\n", g.Kind, g.Value, g.Qualifier, g.Text, ShotCount(g), g.Span.Start)
		}
		s := d.Sentences[min(LeadSentences, len(d.Sentences)-1)]
		fmt.Println("leadEnd", d.Span(s.End, s.End).Start, "inj", ArticleCount(d, figs, news.Injured), "killed", ArticleCount(d, figs, news.Killed))
	}
}
