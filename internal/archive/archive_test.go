package archive

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tocsin/tocsin/internal/dedup"
	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
	"github.com/tocsin/tocsin/internal/store/sqlite"
	"github.com/tocsin/tocsin/internal/text"
)

var ctx = context.Background()

func open(t *testing.T) store.Store {
	t.Helper()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func doc(id, lang, title, body string) store.Doc {
	pub := time.Date(2024, 3, 22, 18, 0, 0, 0, time.UTC)
	fp := dedup.Of(body)
	a := &news.Article{ID: id, Lang: lang, Title: title, Body: body, Published: &pub, Format: news.FormatText,
		Ingested: pub.Add(time.Hour), Size: len(body), Fingerprint: fp.Exact, Origin: "test"}
	return store.Doc{Article: a, Sig: fp.Sig, Terms: text.TermString(lang, title+"\n"+body)}
}

// events records assignments, one event per article, so that a test can
// see which articles were clustered.
type events struct{ assigned []string }

func (e *events) Assign(ctx context.Context, tx store.Tx, d store.Doc) error {
	e.assigned = append(e.assigned, d.Article.ID)
	return tx.Assign(ctx, store.Assignment{Article: d.Article.ID, Event: "ev-" + d.Article.ID, Created: true, Title: d.Article.Title})
}

func TestExportImport(t *testing.T) {
	src := open(t)
	orig := doc("a", "en", "Flood in Lyon", "The river burst its banks and flooded the lower town of Lyon overnight, officials said.")
	orig.Facts = &news.Facts{Lang: "en", Type: news.EventType{Type: news.TypeDisaster, Confidence: 0.7}}
	dup := doc("b", "en", "Flood (copy)", orig.Article.Body)
	dup.Article.DuplicateOf, dup.Article.Similarity = "a", 1
	other := doc("c", "de", "Brand im Hafen", "Ein Großbrand hat in der Nacht eine Lagerhalle im Hafen zerstört, teilte die Feuerwehr mit.")
	tx, err := src.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []store.Doc{orig, dup, other} {
		if err := tx.Insert(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if n, err := Export(ctx, src, &out); err != nil || n != 3 {
		t.Fatalf("export: %d, %v; want 3 articles", n, err)
	}

	dst := open(t)
	ev := &events{}
	sum, err := Import(ctx, dst, bytes.NewReader(out.Bytes()), "x.jsonl", ev)
	if err != nil || sum.Imported != 3 || sum.Rejected != 0 {
		t.Fatalf("import: %+v, %v; want 3 imported", sum, err)
	}
	if strings.Join(ev.assigned, ",") != "a,c" {
		t.Errorf("clustered %v, want the originals a,c in order", ev.assigned)
	}
	var again bytes.Buffer
	if _, err := Export(ctx, dst, &again); err != nil || again.String() != out.String() {
		t.Errorf("re-export differs (%v):\n%s\nwant\n%s", err, again.String(), out.String())
	}
	if f, err := dst.Facts(ctx, "a"); err != nil || f.Type.Type != news.TypeDisaster {
		t.Errorf("facts of a after import: %+v, %v", f, err)
	}
	if list, err := dst.Articles(ctx, store.ArticleQuery{Search: "Lagerhallen"}); err != nil || len(list) != 1 {
		t.Errorf("imported German article not searchable by stem: %v, %v", list, err)
	}

	// Importing again stores nothing new; bad lines are named and skipped.
	input := out.String() + "{broken\n" + `{"article":{"id":"d","title":"T","body":"x","lang":"en","fingerprint":"f","duplicate_of":"zz"}}` + "\n" +
		`{"article":{"title":"no id","lang":"en","fingerprint":"f"}}` + "\n"
	sum, err = Import(ctx, dst, strings.NewReader(input), "x.jsonl", nil)
	if err != nil || sum.Imported != 0 || sum.Unchanged != 3 || sum.Rejected != 3 {
		t.Fatalf("second import: %+v, %v; want 3 unchanged, 3 rejected", sum, err)
	}
	for i, want := range []string{"x.jsonl:4: not an archive record", "x.jsonl:5: article d is a duplicate of zz, which is not stored", "x.jsonl:6: article without id"} {
		if !strings.HasPrefix(sum.Rejections[i], want) {
			t.Errorf("rejection %d = %q, want %q…", i, sum.Rejections[i], want)
		}
	}
}
