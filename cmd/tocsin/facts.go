package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/tocsin/tocsin/internal/facts"
	"github.com/tocsin/tocsin/internal/ingest"
	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
)

// newExtractor loads the fact extractor ingest runs.
func newExtractor() (ingest.Extractor, error) {
	return facts.New()
}

// articleFacts is an article with its facts, as `article` and `facts`
// print them in JSON.
type articleFacts struct {
	news.Article
	Facts *news.Facts `json:"facts"`
}

func runFacts(ctx context.Context, args []string) error {
	fs := newFlags("facts", "[flags] FILE|URL|-...\n\nPrints the facts of articles without storing them.")
	format := formatFlag(fs)
	inFormat := fs.String("input", "auto", "input format: "+strings.Join(ingest.Formats, ", "))
	allowPrivate := fs.Bool("allow-private", false, "allow URLs that resolve to loopback or private addresses")
	inputs, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(inputs) == 0 {
		return fmt.Errorf("%w: give files, URLs or - for standard input", errUsage)
	}
	if err := checkFormat(*format); err != nil {
		return err
	}
	x, err := newExtractor()
	if err != nil {
		return err
	}
	var out []articleFacts
	sum, err := ingest.Each(ctx, inputs, ingest.Options{
		Format: *inFormat, Facts: x, Fetch: fetchOptions(30*time.Second, 16<<20, *allowPrivate),
		OnRejection: func(r ingest.Rejection) { fmt.Fprintf(os.Stderr, "rejected %s\n", r) },
	}, func(d store.Doc) error {
		out = append(out, articleFacts{*d.Article, d.Facts})
		return nil
	})
	if err != nil {
		return err
	}
	if *format == "table" {
		for i, af := range out {
			if i > 0 {
				fmt.Println()
			}
			printArticle(os.Stdout, af.Article, af.Facts)
		}
	} else if err := printList(os.Stdout, *format, out, nil, nil); err != nil {
		return err
	}
	if sum.Rejected > 0 {
		return errRejected
	}
	return nil
}

// printArticle writes an article and its facts for a reader.
func printArticle(w io.Writer, a news.Article, f *news.Facts) {
	fmt.Fprintf(w, "%s\n%s\n\n", a.Title, strings.Repeat("=", min(len([]rune(a.Title)), 80)))
	for _, kv := range [][2]string{
		{"id", a.ID}, {"published", dateOrUnknown(a.Published)}, {"language", a.Lang}, {"source", a.Source},
		{"agency", a.Agency}, {"author", a.Author}, {"url", a.URL}, {"duplicate of", a.DuplicateOf},
		{"format", a.Format}, {"origin", a.Origin}, {"size", fmt.Sprintf("%d bytes", a.Size)}, {"fingerprint", a.Fingerprint},
	} {
		if kv[1] != "" {
			fmt.Fprintf(w, "%-13s %s\n", kv[0]+":", kv[1])
		}
	}
	if f != nil {
		printFacts(w, f)
	}
	fmt.Fprintf(w, "\n%s\n", a.Body)
}

func printFacts(w io.Writer, f *news.Facts) {
	fmt.Fprintf(w, "\nEvent type    %s (confidence %.2f)\n", f.Type.Type, f.Type.Confidence)
	m := f.Main
	if m.When != nil {
		fmt.Fprintf(w, "When          %s\n", m.When.Format("2006-01-02 15:04"))
	}
	if m.Where != nil {
		fmt.Fprintf(w, "Where         %s, %s (%.3f, %.3f)\n", m.Where.Name, m.Where.Country, m.Where.Lat, m.Where.Lon)
	}
	for _, kv := range [][2]string{{"Who", m.Who}, {"What", m.What}, {"Why", m.Why}, {"How", m.How}} {
		if kv[1] != "" {
			fmt.Fprintf(w, "%-13s %s\n", kv[0], kv[1])
		}
	}
	if len(f.Entities) > 0 {
		fmt.Fprintln(w, "\nEntities")
		ents := append([]news.Entity(nil), f.Entities...)
		sort.SliceStable(ents, func(i, j int) bool {
			if ents[i].Type != ents[j].Type {
				return ents[i].Type > ents[j].Type // PER, ORG, MISC, LOC
			}
			return ents[i].Count > ents[j].Count
		})
		for _, e := range ents {
			extra := ""
			if len(e.Aliases) > 0 {
				extra = "  (" + strings.Join(e.Aliases, "; ") + ")"
			}
			if e.Place != nil {
				extra += fmt.Sprintf("  %s %.3f,%.3f", e.Place.Country, e.Place.Lat, e.Place.Lon)
			}
			fmt.Fprintf(w, "  %-4s %s ×%d%s\n", e.Type, e.Name, e.Count, extra)
		}
	}
	if len(f.Figures) > 0 {
		fmt.Fprintln(w, "\nFigures")
		for _, g := range f.Figures {
			by := ""
			if g.Authority != "" {
				by = " — " + g.Authority
			}
			fmt.Fprintf(w, "  %-9s %s%s  %q%s\n", g.Kind, qualified(g), "", g.Text, by)
		}
	}
	if len(f.Dates) > 0 {
		fmt.Fprintln(w, "\nDates")
		for _, d := range f.Dates {
			v := "unresolved"
			if parts := strings.TrimSpace(d.Weekday + " " + d.Clock); parts != "" {
				v += " (" + parts + ")"
			}
			if d.Value != nil {
				v = d.Value.Format("2006-01-02 15:04") + " (" + d.Granularity + ")"
			}
			fmt.Fprintf(w, "  %-28q %s\n", d.Text, v)
		}
	}
	if len(f.Quotes) > 0 {
		fmt.Fprintln(w, "\nQuotes")
		for _, q := range f.Quotes {
			who := q.Speaker
			if who == "" {
				who = "(unattributed)"
			}
			kind := "reported"
			if q.Direct {
				kind = "direct"
			}
			fmt.Fprintf(w, "  %s [%s, %s]: %q\n", who, kind, q.Cue, cut(q.Text, 160))
		}
	}
	if len(f.Claims) > 0 {
		fmt.Fprintln(w, "\nClaims")
		for _, c := range f.Claims {
			fmt.Fprintf(w, "  %s %s %s: %q\n", c.Actor, c.Stance, c.Target, cut(c.Text, 140))
		}
	}
}

func qualified(g news.Figure) string {
	switch g.Qualifier {
	case "exact":
		return fmt.Sprint(g.Value)
	case "vague":
		if g.High > 0 {
			return fmt.Sprintf("%d–%d (vague)", g.Low, g.High)
		}
	}
	if g.High > 0 && g.High != g.Low {
		return fmt.Sprintf("%d–%d", g.Low, g.High)
	}
	return strings.ReplaceAll(g.Qualifier, "_", " ") + " " + fmt.Sprint(g.Value)
}

// storedFacts returns the facts of an article, nil when it has none.
func storedFacts(ctx context.Context, st store.Store, id string) (*news.Facts, error) {
	f, err := st.Facts(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &f, nil
}
