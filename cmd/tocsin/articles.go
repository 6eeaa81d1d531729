package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
)

func runArticles(ctx context.Context, args []string) error {
	fs := newFlags("articles", "[flags]")
	db := dbFlag(fs)
	search := fs.String("search", "", `full-text query: words (all must match), "phrases", prefix*`)
	since := fs.String("since", "", "published at or after: 2024-03-22, RFC 3339, or a duration back from now (48h, 7d)")
	until := fs.String("until", "", "published before (same forms as --since)")
	lang := fs.String("lang", "", "language (ISO 639-1)")
	source := fs.String("source", "", "outlet")
	dups := fs.Bool("duplicates", false, "include copies of other articles")
	limit := fs.Int("limit", 100, "most articles to list (0: all)")
	offset := fs.Int("offset", 0, "skip this many first")
	format := formatFlag(fs)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	q := store.ArticleQuery{Search: *search, Lang: *lang, Source: *source, Duplicates: *dups, Limit: *limit, Offset: *offset}
	var err error
	if q.Since, err = parseWhen(*since, time.Now()); err != nil {
		return fmt.Errorf("%w: --since: %v", errUsage, err)
	}
	if q.Until, err = parseWhen(*until, time.Now()); err != nil {
		return fmt.Errorf("%w: --until: %v", errUsage, err)
	}
	st, err := openListing(ctx, *db, *format)
	if err != nil {
		return err
	}
	defer st.Close()
	list, err := st.Articles(ctx, q)
	if err != nil {
		return err
	}
	return printList(os.Stdout, *format, list, []string{"ID", "PUBLISHED", "LANG", "SOURCE", "AGENCY", "TITLE"}, func(a news.Article) []string {
		title := a.Title
		if a.DuplicateOf != "" {
			title = "(copy of " + a.DuplicateOf + ") " + title
		}
		return []string{a.ID, dateOrUnknown(a.Published), a.Lang, cut(a.Source, 24), a.Agency, cut(title, 80)}
	})
}

func runArticle(ctx context.Context, args []string) error {
	fs := newFlags("article", "[flags] ID")
	db := dbFlag(fs)
	format := formatFlag(fs)
	ids, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(ids) != 1 {
		return fmt.Errorf("%w: want one article id", errUsage)
	}
	st, err := openListing(ctx, *db, *format)
	if err != nil {
		return err
	}
	defer st.Close()
	a, err := st.Article(ctx, ids[0])
	if err != nil {
		return err
	}
	f, err := storedFacts(ctx, st, a.ID)
	if err != nil {
		return err
	}
	if *format != "table" {
		return printList(os.Stdout, *format, []articleFacts{{a, f}}, nil, nil)
	}
	printArticle(os.Stdout, a, f)
	return nil
}

func runStats(ctx context.Context, args []string) error {
	fs := newFlags("stats", "[flags]")
	db := dbFlag(fs)
	format := formatFlag(fs)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	st, err := openListing(ctx, *db, *format)
	if err != nil {
		return err
	}
	defer st.Close()
	s, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	if *format != "table" {
		return printList(os.Stdout, *format, []store.Stats{s}, nil, nil)
	}
	w := os.Stdout
	fmt.Fprintf(w, "articles     %d (%d originals, %d duplicates)\n", s.Articles, s.Originals, s.Duplicates)
	fmt.Fprintf(w, "undated      %d\n", s.Undated)
	fmt.Fprintf(w, "input        %.1f MB\n", float64(s.Bytes)/1e6)
	fmt.Fprintf(w, "published    %s to %s\n", dateOrUnknown(s.First), dateOrUnknown(s.Last))
	fmt.Fprintf(w, "languages    %s\n", counts(s.Languages, 12))
	fmt.Fprintf(w, "sources      %s\n", counts(s.Sources, 12))
	fmt.Fprintf(w, "formats      %s\n", counts(s.Formats, 12))
	return nil
}
