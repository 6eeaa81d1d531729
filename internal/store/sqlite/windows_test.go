package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
	"github.com/tocsin/tocsin/internal/text"
)

// A kept search window must give what reading the index afresh gives,
// whoever stored the articles since (this process or another on the same
// file), and must not be changed by its caller reordering the matches.
func TestSearchWindowsFollowNewArticles(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tocsin.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	other, err := Open(ctx, path) // another process on the same file
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	n := 0
	add := func(st *Store, flooded ...bool) {
		t.Helper()
		tx, err := st.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range flooded {
			n++
			title, body := fmt.Sprintf("Council meeting %d", n), fmt.Sprintf("Report %d: the council met to discuss the budget for the coming year.", n)
			if f {
				title, body = fmt.Sprintf("River floods village %d", n), fmt.Sprintf("Report %d: the river burst its banks after the storm and flooded the village.", n)
			}
			a := &news.Article{ID: fmt.Sprintf("a%02d", n), Title: title, Body: body, Lang: "en", Format: news.FormatText,
				Ingested: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), Size: len(body), Fingerprint: fmt.Sprint("fp", n), Origin: "test"}
			if err := tx.Insert(ctx, store.Doc{Article: a, Terms: text.TermString("en", title+"\n"+body)}); err != nil {
				t.Fatal(err)
			}
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	const query, order = `SELECT f.rowid FROM articles_fts f WHERE articles_fts MATCH ?`, ` ORDER BY f.rowid DESC LIMIT 3`
	args := []any{matchExpr([]store.SearchUnit{{Text: "flood"}}, []string{"en"})}
	check := func(when string) {
		t.Helper()
		got, err := s.matches(ctx, query, order, args, 3)
		if err != nil {
			t.Fatal(err)
		}
		want, err := column[int64](ctx, s, query+order, args...)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: kept window %v, read afresh %v", when, got, want)
		}
		slices.Reverse(got) // as the ranker reorders what it is given
	}
	add(s, true, false, true)
	check("first search")
	check("nothing stored since")
	add(s, false, true)
	check("one more match stored here")
	add(other, true, true, false, true)
	check("three more stored by another process")
	add(other, false, false)
	check("only other articles stored")
}
