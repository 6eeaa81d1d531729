package facts

import (
	"testing"

	"github.com/tocsin/tocsin/internal/news"
)

// TestQuotesLeadingDash: a text opening with a dash before its first
// speech frame ("- Police say …", as some crawled articles do) once made
// contentBefore index before the first token.
func TestQuotesLeadingDash(t *testing.T) {
	body := "- Detroit Police say a man who they had in custody is not the suspect they're searching for."
	d := NewDoc(body, "en", nil)
	ms := []news.Mention{{Span: news.Span{Start: 2, End: 16}, Text: "Detroit Police", Type: news.ORG}}
	qs := Quotes(d, ms)
	for _, q := range qs {
		if q.Text == "" {
			t.Errorf("empty quote %+v", q)
		}
	}
}
