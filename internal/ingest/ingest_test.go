package ingest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tocsin/tocsin/internal/fetch"
	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
	"github.com/tocsin/tocsin/internal/store/sqlite"
)

var ctx = context.Background()

func openStore(t *testing.T) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "tocsin.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func fixedNow() time.Time { return time.Date(2025, 8, 1, 12, 0, 0, 0, time.UTC) }

func ingestAll(t *testing.T, st store.Store, inputs []string, opts Options) Summary {
	t.Helper()
	if opts.Now == nil {
		opts.Now = fixedNow
	}
	sum, err := Run(ctx, st, inputs, opts)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return sum
}

func byOrigin(t *testing.T, st store.Store) map[string]news.Article {
	t.Helper()
	list, err := st.Articles(ctx, store.ArticleQuery{Duplicates: true})
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]news.Article{}
	for _, a := range list {
		m[filepath.Base(a.Origin)+"#"+a.Title] = a
	}
	return m
}

func find(t *testing.T, st store.Store, title string) news.Article {
	t.Helper()
	list, err := st.Articles(ctx, store.ArticleQuery{Duplicates: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range list {
		if a.Title == title {
			return a
		}
	}
	t.Fatalf("no article titled %q", title)
	return news.Article{}
}

func TestFormats(t *testing.T) {
	st := openStore(t)
	sum := ingestAll(t, st, []string{"testdata/docs"}, Options{})
	if sum.Accepted != 7 || sum.Rejected != 0 || sum.Inputs != 6 {
		t.Fatalf("summary = %+v, want 7 accepted from 6 inputs, none rejected", sum)
	}
	day := func(s string) string { return s }
	for _, tc := range []struct {
		title, format, lang, source, agency, published, author, url string
		bodyHas, bodyHasNot                                         []string
	}{
		{title: "River bursts its banks in northern town", format: "text", lang: "en", published: "2025-02-14T00:00:00Z",
			agency: "Reuters", bodyHas: []string{"evacuated about 300 people", `"We have never seen`},
			bodyHasNot: []string{"Enlarge image", "Photo:", "Residents carry", "Click here", "Coffee fanatic", "date 2025"}},
		{title: "Großbrand in Lagerhalle am Hafen", format: "text", lang: "de", agency: "dpa",
			bodyHas:    []string{"zwei Feuerwehrleute", `"Das Feuer war schwer zu kontrollieren"`},
			bodyHasNot: []string{"Bild vergrößern", "Foto:", "Lesen Sie auch", "abc/dpa", "Rauch über"}},
		{title: "Grève massive dans les transports publics", format: "text", lang: "fr", source: "Le Courrier du Soir",
			published: "2025-04-03T00:00:00Z", bodyHas: []string{`"Nous n'avons pas d'autre choix"`}, bodyHasNot: []string{"Source", "Publié"}},
		{title: "Terremoto sacude la costa norte", format: "html", lang: "es", source: "Diario del Puerto",
			published: "2025-05-06T07:30:00Z", author: "Lucía Fernández", bodyHas: []string{"magnitud 5,8", "doce personas"},
			bodyHasNot: []string{"Portada", "Suscríbete", "derechos reservados", "Privacidad"}},
		{title: "Bridge closed after truck crash", format: "jsonl", lang: "en", source: "City Gazette", published: "2025-06-02T07:15:00Z",
			url: "https://gazette.example/bridge", bodyHas: []string{"No one was hurt"}},
		{title: "Ponte chiuso dopo un incidente", format: "jsonl", lang: "it", source: "giornale.example", published: "2025-06-02T00:00:00Z",
			url: "https://www.giornale.example/ponte"},
		{title: "Zware storm veroorzaakt veel schade", format: "newsplease", lang: "nl", source: "www.nieuwsblad.example",
			published: "2025-07-01T08:45:00Z", author: "Piet Jansen", url: "https://www.nieuwsblad.example/storm"},
	} {
		t.Run(tc.title, func(t *testing.T) {
			a := find(t, st, tc.title)
			pub := ""
			if a.Published != nil {
				pub = a.Published.Format(time.RFC3339)
			}
			for _, c := range [][3]string{
				{"format", a.Format, tc.format}, {"lang", a.Lang, tc.lang}, {"source", a.Source, tc.source},
				{"agency", a.Agency, tc.agency}, {"published", pub, day(tc.published)}, {"author", a.Author, tc.author},
				{"url", a.URL, tc.url},
			} {
				if c[1] != c[2] {
					t.Errorf("%s = %q, want %q", c[0], c[1], c[2])
				}
			}
			for _, s := range tc.bodyHas {
				if !strings.Contains(a.Body, s) {
					t.Errorf("body lacks %q:\n%s", s, a.Body)
				}
			}
			for _, s := range tc.bodyHasNot {
				if strings.Contains(a.Body, s) {
					t.Errorf("body still has %q:\n%s", s, a.Body)
				}
			}
			if a.Fingerprint == "" || a.Size == 0 || a.ID == "" || !a.Ingested.Equal(fixedNow()) || a.Origin == "" {
				t.Errorf("metadata incomplete: id %q fingerprint %q size %d ingested %v origin %q", a.ID, a.Fingerprint, a.Size, a.Ingested, a.Origin)
			}
		})
	}
	rec := find(t, st, "Bridge closed after truck crash")
	if rec.ID != "rec-1" {
		t.Errorf("given id not kept: %q", rec.ID)
	}
	var extra map[string]any
	if err := json.Unmarshal(rec.Extra, &extra); err != nil || extra["event"] != "e-bridge" || extra["desk"] == nil {
		t.Errorf("unknown fields not kept: %s (%v)", rec.Extra, err)
	}
}

func TestReingestIsNoOp(t *testing.T) {
	st := openStore(t)
	first := ingestAll(t, st, []string{"testdata/docs"}, Options{})
	before, _ := st.Stats(ctx)
	second := ingestAll(t, st, []string{"testdata/docs"}, Options{Now: func() time.Time { return fixedNow().Add(time.Hour) }})
	after, _ := st.Stats(ctx)
	if second.Unchanged != first.Accepted || second.Accepted+second.Duplicates+second.Near+second.Rejected != 0 {
		t.Errorf("second run = %+v, want %d unchanged and nothing else", second, first.Accepted)
	}
	if before.Articles != after.Articles {
		t.Errorf("articles %d → %d after re-ingest", before.Articles, after.Articles)
	}
}

// write creates a file under dir with content.
func write(t testing.TB, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const wire = `Officials said on Wednesday that three people were injured when a gas explosion damaged an apartment block in the city centre. Firefighters evacuated the building and searched the ruins for several hours. The cause of the blast is being investigated, a police spokesman told reporters. Neighbours described a loud bang shortly after seven in the morning, and windows in nearby shops were shattered.`

func TestDuplicates(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "1_original.txt", "Gas explosion injures three\n\n"+wire)
	// Same words, another headline, other spacing and case: an exact copy.
	write(t, dir, "2_exact.txt", "Blast in city centre\n\n"+strings.ToUpper(wire[:1])+strings.ReplaceAll(wire[1:], ". ", ".  "))
	// The wire story lightly edited and with an outlet's boilerplate.
	edited := strings.Replace(wire, "three people", "at least three people", 1)
	edited = strings.Replace(edited, "several hours", "hours", 1)
	write(t, dir, "3_edited.txt", "Three hurt as gas blast rocks apartment block\n\n"+edited+"\n\nIt was the second explosion in the district this year.\n\nSource: Morning Post")
	// Another story in the same words of the trade.
	write(t, dir, "4_other.txt", "Warehouse fire in harbour district\n\nFirefighters fought a blaze at a warehouse in the harbour district overnight. Nobody was injured, but the building was destroyed and the road was closed until the afternoon, a fire brigade spokeswoman said on Thursday.")
	st := openStore(t)
	sum := ingestAll(t, st, []string{dir}, Options{})
	if sum.Accepted != 2 || sum.Duplicates != 1 || sum.Near != 1 {
		t.Fatalf("summary = %+v, want 2 originals, 1 exact and 1 near duplicate", sum)
	}
	orig := find(t, st, "Gas explosion injures three")
	exact := find(t, st, "Blast in city centre")
	near := find(t, st, "Three hurt as gas blast rocks apartment block")
	other := find(t, st, "Warehouse fire in harbour district")
	if exact.DuplicateOf != orig.ID || exact.Similarity != 1 {
		t.Errorf("exact copy: duplicate_of %q (%.2f), want %q", exact.DuplicateOf, exact.Similarity, orig.ID)
	}
	if near.DuplicateOf != orig.ID || near.Similarity >= 1 {
		t.Errorf("edited copy: duplicate_of %q (%.2f), want %q", near.DuplicateOf, near.Similarity, orig.ID)
	}
	if other.DuplicateOf != "" {
		t.Errorf("different story linked to %q", other.DuplicateOf)
	}
	// Copies are kept but not counted as sources: listings and search show
	// the original only.
	list, _ := st.Articles(ctx, store.ArticleQuery{Search: "explosion"})
	if len(list) != 1 || list[0].ID != orig.ID {
		t.Errorf("search shows %d articles, want the original only", len(list))
	}
}

func TestBadInputIsReportedAndTheRestGoesOn(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a_good.txt", "Good article\n\n"+wire)
	write(t, dir, "b_empty.txt", "")
	write(t, dir, "c_blank.txt", "  \n\n \t\n")
	write(t, dir, "d_binary.pdf", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\x00\x00")
	write(t, dir, "e_nul.txt", "text with a \x00 NUL byte \x00\x00 inside")
	write(t, dir, "f_latin1.txt", "Caf\xe9 ferm\xe9 apr\xe8s l'incendie\n\nLe caf\xe9 du coin est ferm\xe9.")
	write(t, dir, "g_truncated.html", "<!DOCTYPE html><html><head><title>Cut</title></head><body><article><p>"+wire+"</p>")
	write(t, dir, "h_truncated.json", `{"title": "Cut short", "text": "A record that ends in the mid`)
	write(t, dir, "i_big.txt", "Big\n\n"+strings.Repeat(wire+"\n", 40))
	write(t, dir, "j_lines.jsonl", `{"id":"l1","title":"Line one","text":"The council voted on Monday to rebuild the library that burned down last winter.","lang":"en"}`+"\n"+
		`{"id":"l2","title":"Line two","text":"Another complete record with enough words to be an article about a fire."}`+"\n"+
		`{"id":"l3","title":"Line three","text":"cut off here`)
	write(t, dir, "k_nulltext.jsonl", `{"id":"n1","title":"No text","text":""}`+"\n")
	write(t, dir, ".hidden/skip.txt", "never read")
	var reported []Rejection
	st := openStore(t)
	sum := ingestAll(t, st, []string{dir, filepath.Join(dir, "missing.txt")}, Options{
		MaxSize:     8 << 10,
		OnRejection: func(r Rejection) { reported = append(reported, r) },
	})
	want := map[string]string{
		"b_empty.txt":        "empty input",
		"c_blank.txt":        "empty input",
		"d_binary.pdf":       "binary content (application/pdf)",
		"e_nul.txt":          "binary content",
		"f_latin1.txt":       "invalid UTF-8 at byte 3",
		"g_truncated.html":   "truncated HTML",
		"h_truncated.json":   "truncated or invalid JSON",
		"i_big.txt":          "exceeds the size limit of 8192 bytes",
		"j_lines.jsonl:3":    "invalid JSON",
		"k_nulltext.jsonl:1": "record has no text",
		"missing.txt":        "no such file or directory",
	}
	got := map[string]string{}
	for _, r := range reported {
		key := filepath.Base(r.Input)
		if r.Line > 0 {
			key = fmt.Sprintf("%s:%d", key, r.Line)
		}
		got[key] = r.Reason
	}
	for k, reason := range want {
		if !strings.Contains(got[k], reason) {
			t.Errorf("%s: rejection %q, want one saying %q", k, got[k], reason)
		}
	}
	if len(got) != len(want) || sum.Rejected != len(want) {
		t.Errorf("rejected %d (%v), want %d", sum.Rejected, got, len(want))
	}
	if sum.Accepted != 3 {
		t.Errorf("summary %+v, want 3 accepted (the good file and two good JSON lines)", sum)
	}
	if got := fmt.Sprint(reported[0]); !strings.Contains(got, dir) {
		t.Errorf("rejection line %q does not name the input", got)
	}
}

func TestStdinAndForcedFormat(t *testing.T) {
	st := openStore(t)
	// Looks like JSON but is forced to be read as text.
	sum := ingestAll(t, st, []string{"-"}, Options{Stdin: strings.NewReader("{braces} in a headline\n\n" + wire), Format: "text"})
	if sum.Accepted != 1 {
		t.Fatalf("summary = %+v", sum)
	}
	a := find(t, st, "{braces} in a headline")
	if a.Origin != "-" || a.Format != news.FormatText {
		t.Errorf("origin %q format %q", a.Origin, a.Format)
	}
}

func TestURLs(t *testing.T) {
	page, err := os.ReadFile("testdata/docs/page.html")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/article", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/article", http.StatusFound) })
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "boom", http.StatusInternalServerError) })
	mux.HandleFunc("/image", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG"))
	})
	release := make(chan struct{})
	mux.HandleFunc("/hang", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	defer close(release)

	t.Run("allowed loopback", func(t *testing.T) {
		var reasons []string
		st := openStore(t)
		sum := ingestAll(t, st, []string{srv.URL + "/moved", srv.URL + "/broken", srv.URL + "/image", srv.URL + "/hang"}, Options{
			Fetch:       fetch.Options{AllowPrivate: true, Timeout: 300 * time.Millisecond},
			OnRejection: func(r Rejection) { reasons = append(reasons, r.String()) },
		})
		if sum.Accepted != 1 || sum.Rejected != 3 {
			t.Fatalf("summary = %+v (%v)", sum, reasons)
		}
		a := find(t, st, "Terremoto sacude la costa norte")
		if a.URL != srv.URL+"/article" || a.Origin != srv.URL+"/moved" {
			t.Errorf("url %q origin %q", a.URL, a.Origin)
		}
		for i, want := range []string{"/broken: HTTP 500", "/image: unsupported content type", "/hang: timed out after 300ms"} {
			if !strings.Contains(reasons[i], want) {
				t.Errorf("rejection %q, want %q", reasons[i], want)
			}
		}
	})
	t.Run("private refused by default", func(t *testing.T) {
		var reasons []string
		st := openStore(t)
		sum := ingestAll(t, st, []string{srv.URL + "/article"}, Options{OnRejection: func(r Rejection) { reasons = append(reasons, r.String()) }})
		if sum.Accepted != 0 || len(reasons) != 1 || !strings.Contains(reasons[0], "private") {
			t.Errorf("summary %+v, reasons %v: want the loopback URL refused", sum, reasons)
		}
	})
}

// titleTyper is an Extractor that records the title length as a figure, to
// see facts travel from the parsers into the store.
type titleTyper struct{}

func (titleTyper) Extract(a *news.Article) news.Facts {
	return news.Facts{Lang: a.Lang, Figures: []news.Figure{{Kind: news.Killed, Value: len(a.Title)}}, Type: news.EventType{Type: news.TypeOther, Confidence: 1}}
}

func TestFactsAreStoredForOriginals(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "1.txt", "Gas explosion injures three\n\n"+wire)
	write(t, dir, "2.txt", "Copy\n\n"+wire)
	st := openStore(t)
	ingestAll(t, st, []string{dir}, Options{Facts: titleTyper{}})
	orig, cp := find(t, st, "Gas explosion injures three"), find(t, st, "Copy")
	f, err := st.Facts(ctx, orig.ID)
	if err != nil || len(f.Figures) != 1 || f.Figures[0].Value != len(orig.Title) || f.Lang != "en" {
		t.Errorf("facts of original = %+v, %v", f, err)
	}
	if _, err := st.Facts(ctx, cp.ID); err == nil {
		t.Error("facts stored for a duplicate")
	}
}

// byTitle is an Assigner that puts an article into the event named by the
// first word of its title.
type byTitle map[string]bool

func (b byTitle) Assign(ctx context.Context, tx store.Tx, d store.Doc) error {
	ev, _, _ := strings.Cut(d.Article.Title, " ")
	created := !b[ev]
	b[ev] = true
	return tx.Assign(ctx, store.Assignment{Article: d.Article.ID, Event: ev, Created: created, Title: d.Article.Title, Score: 1})
}

// linkByTitle is byTitle that also links the article's event to the event
// named by the second word of its title, when there is one.
type linkByTitle struct{ byTitle }

func (b linkByTitle) Assign(ctx context.Context, tx store.Tx, d store.Doc) error {
	if err := b.byTitle.Assign(ctx, tx, d); err != nil {
		return err
	}
	words := strings.Fields(d.Article.Title)
	if len(words) < 2 || !b.byTitle[words[1]] {
		return nil
	}
	_, err := tx.Link(ctx, news.EventLink{From: words[0], To: words[1], Kind: news.LinkFollows, Score: 1})
	return err
}

// TestOnCommitNamesLinkedAndMovedEvents checks that OnCommit names the
// events a transaction linked and those the link moved to another
// storyline, besides those it assigned articles to.
func TestOnCommitNamesLinkedAndMovedEvents(t *testing.T) {
	titles := []string{"a one", "b one", "c b", "c a"}
	bodies := []string{
		"Police said the fire at the depot was under control by the evening.",
		"Die Feuerwehr meldete am Abend, dass der Brand gelöscht sei.",
		"Les secours ont évacué deux cents habitants du quartier.",
		"El ayuntamiento cerró la carretera durante toda la noche.",
	}
	in := titledRecords(titles, bodies)
	var batches []string
	ingestAll(t, openStore(t), []string{"-"}, Options{Stdin: strings.NewReader(in), Cluster: linkByTitle{byTitle{}}, BatchSize: 1, BatchDelay: time.Hour,
		OnCommit: func(events []string) {
			events = slices.Clone(events)
			slices.Sort(events)
			batches = append(batches, strings.Join(events, " "))
		}})
	// c joins b's storyline; then linking c to a, older, moves b and c
	// into a's.
	want := []string{"a", "b", "b c", "a b c"}
	if !slices.Equal(batches, want) {
		t.Errorf("OnCommit batches = %q, want %q", batches, want)
	}
}

func TestOnCommitNamesTheEventsOfEachBatch(t *testing.T) {
	titles := []string{"alpha one", "alpha two", "beta three", "alpha four", "gamma five"}
	bodies := []string{
		"Police said the fire at the depot was under control by the evening.",
		"Die Feuerwehr meldete am Abend, dass der Brand gelöscht sei.",
		"Les secours ont évacué deux cents habitants du quartier.",
		"El ayuntamiento cerró la carretera durante toda la noche.",
		"The regional governor promised help to the families affected.",
	}
	in := titledRecords(titles, bodies)
	st := openStore(t)
	var batches [][]string
	opts := Options{
		Stdin: strings.NewReader(in), StdinName: "https://example.org/feed.xml", Cluster: byTitle{}, BatchSize: 2, BatchDelay: time.Hour,
		OnCommit: func(events []string) {
			for _, id := range events {
				if _, err := st.Event(ctx, id); err != nil {
					t.Errorf("OnCommit named event %s before it was readable: %v", id, err)
				}
			}
			batches = append(batches, events)
		},
	}
	ingestAll(t, st, []string{"-"}, opts)
	want := [][]string{{"alpha"}, {"beta", "alpha"}, {"gamma"}}
	if fmt.Sprint(batches) != fmt.Sprint(want) {
		t.Errorf("OnCommit batches = %v, want %v", batches, want)
	}
	if a := find(t, st, "gamma five"); a.Origin != "https://example.org/feed.xml" {
		t.Errorf("origin = %q, want the StdinName", a.Origin)
	}
}
