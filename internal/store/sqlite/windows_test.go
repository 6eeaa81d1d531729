package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
	"github.com/tocsin/tocsin/internal/text"
)

// A kept search window must give the matches and title marks that reading
// the index afresh gives, whoever stored the articles since (this process
// or another on the same file), and must not be changed by its caller
// reordering or changing what it gets.
func TestSearchWindowsFollowNewArticles(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tocsin.db")
	s := openAt(t, path)
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
				if n%2 == 0 { // a match by its body only: its title marks nothing
					title = fmt.Sprintf("Storm damage in village %d", n)
				}
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
	units := []store.SearchUnit{{Text: "flood"}}
	args := []any{matchExpr(units, []string{"en"})}
	mark := func(seqs []int64) ([]uint64, error) { return s.ranker.Marks(units, seqs, s.titles(ctx)) }
	check := func(when string) {
		t.Helper()
		var upTo int64
		if err := s.queryRow(ctx, `SELECT max(seq) FROM articles`).Scan(&upTo); err != nil {
			t.Fatal(err)
		}
		got, marks, err := s.matches(ctx, "flood", query, order, args, 3, upTo, args[0].(string), mark)
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
		wantMarks, err := mark(want)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(marks, wantMarks) {
			t.Errorf("%s: kept marks %v, marked afresh %v", when, marks, wantMarks)
		}
		slices.Reverse(got) // as a caller may reorder what it is given
		marks[0] ^= 1
	}
	// covered tells whether the recent articles' index answers for the
	// articles after seq after, and if so that it answers as the store's
	// index does.
	covered := func(after int64) bool {
		t.Helper()
		var upTo int64
		if err := s.queryRow(ctx, `SELECT max(seq) FROM articles`).Scan(&upTo); err != nil {
			t.Fatal(err)
		}
		got, ok, err := s.recent.newer(ctx, args[0].(string), after, upTo, 10)
		if err != nil || !ok {
			return false
		}
		want, err := column[int64](ctx, s, query+` AND f.rowid > ? ORDER BY f.rowid DESC`, args[0], after)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("after %d: the recent index gives %v, the store's %v", after, got, want)
		}
		return true
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
	if covered(9) {
		t.Error("the recent index answers for articles another process stored")
	}
	add(s, true, true) // a12, a13: the index starts afresh after a11
	add(s, false, true)
	check("stored here after the others")
	if !covered(11) || !covered(13) {
		t.Error("the recent index does not answer for the articles stored here")
	}
	if covered(10) {
		t.Error("the recent index answers for articles stored before it started afresh")
	}
}

// The page cache gives back the articles it was given and keeps within its
// bound in bytes, dropping what it must.
func TestPageCacheBound(t *testing.T) {
	var c pageCache
	body := strings.Repeat("x", 1<<20) // a megabyte: the bound holds a few dozen
	all := map[int64]news.Article{}
	var seqs []int64
	for seq := int64(1); seq <= 100; seq++ {
		all[seq] = news.Article{ID: fmt.Sprint("a", seq), Body: body}
		seqs = append(seqs, seq)
	}
	c.put(all)
	if c.bytes > maxPageBytes {
		t.Errorf("kept %d bytes, bound %d", c.bytes, maxPageBytes)
	}
	got, missing := c.get(seqs)
	if len(got) == 0 || len(missing) == 0 || len(got)+len(missing) != len(seqs) {
		t.Fatalf("got %d, missing %d of %d", len(got), len(missing), len(seqs))
	}
	for seq, a := range got {
		if a.ID != all[seq].ID {
			t.Errorf("seq %d: got %s, want %s", seq, a.ID, all[seq].ID)
		}
	}
}

// The recent articles' index gets a transaction's articles before it
// commits, but answers for them only once it has committed; the articles
// of a transaction that fails to commit are forgotten, since their seqs
// are given again, and those committed before are still answered for.
func TestRecentIndexCoversOnlyCommitted(t *testing.T) {
	ctx := context.Background()
	s := openAt(t, "")
	match := matchExpr([]store.SearchUnit{{Text: "flood"}}, []string{"en"})
	row := func(seq int64) []any {
		title, body := fmt.Sprint("River floods village ", seq), "The river burst its banks."
		return []any{seq, title, body, text.TermString("en", title+"\n"+body)}
	}
	r := s.recent
	r.stage(ctx, 0, 2, append(row(1), row(2)...))
	if _, ok, _ := r.newer(ctx, match, 0, 2, 10); ok {
		t.Error("staged articles are answered for before their commit")
	}
	r.commit(2, true)
	if got, ok, err := r.newer(ctx, match, 0, 2, 10); err != nil || !ok || !slices.Equal(got, []int64{2, 1}) {
		t.Errorf("once committed: %v, %v, %v; want [2 1], true", got, ok, err)
	}
	r.stage(ctx, 2, 3, row(3))
	if got, ok, err := r.newer(ctx, match, 0, 2, 10); err != nil || !ok || !slices.Equal(got, []int64{2, 1}) {
		t.Errorf("with seq 3 staged, up to 2: %v, %v, %v; want [2 1], true", got, ok, err)
	}
	r.commit(3, false)
	if _, ok, _ := r.newer(ctx, match, 0, 3, 10); ok {
		t.Error("after a failed commit, answers for its articles")
	}
	if got, ok, err := r.newer(ctx, match, 0, 2, 10); err != nil || !ok || !slices.Equal(got, []int64{2, 1}) {
		t.Errorf("after a failed commit, up to 2: %v, %v, %v; want [2 1], true", got, ok, err)
	}
	other := row(3)
	other[1] = "Nothing happened"
	other[3] = text.TermString("en", "Nothing happened\nThe river burst its banks.")
	r.stage(ctx, 2, 3, other) // seq 3 given again, to another article
	r.commit(3, true)
	if got, ok, err := r.newer(ctx, match, 0, 3, 10); err != nil || !ok || !slices.Equal(got, []int64{2, 1}) {
		t.Errorf("seq 3 given again: %v, %v, %v; want [2 1], true", got, ok, err)
	}
}

// The recent articles' index answers across its slices, one per
// transaction, as one index would, and drops the oldest past recentSlots
// transactions or maxRecent articles.
func TestRecentIndexSlices(t *testing.T) {
	ctx := context.Background()
	s := openAt(t, "")
	r := s.recent
	match := matchExpr([]store.SearchUnit{{Text: "flood"}}, []string{"en"})
	floods := func(seq int64) bool { return seq%3 == 0 }
	rows := func(lo, hi int64) []any {
		var out []any
		for seq := lo + 1; seq <= hi; seq++ {
			title := fmt.Sprint("Storm reaches town ", seq)
			if floods(seq) {
				title = fmt.Sprint("River floods village ", seq)
			}
			out = append(out, seq, title, "", text.TermString("en", title))
		}
		return out
	}
	want := func(after, upTo int64, n int) []int64 {
		var seqs []int64
		for seq := upTo; seq > after && len(seqs) < n; seq-- {
			if floods(seq) {
				seqs = append(seqs, seq)
			}
		}
		return seqs
	}
	var hi int64
	add := func(n int64) {
		r.stage(ctx, hi, hi+n, rows(hi, hi+n))
		r.commit(hi+n, true)
		hi += n
	}
	for range 10 {
		add(5)
	}
	for _, c := range []struct {
		after, upTo int64
		n           int
	}{{45, 50, 10}, {44, 50, 10}, {0, 50, 100}, {0, 50, 4}, {12, 38, 100}, {12, 38, 3}, {20, 20, 10}} {
		got, ok, err := r.newer(ctx, match, c.after, c.upTo, c.n)
		if w := want(c.after, c.upTo, c.n); err != nil || !ok || !slices.Equal(got, w) {
			t.Errorf("(%d, %d] at most %d: %v, %v, %v; want %v", c.after, c.upTo, c.n, got, ok, err, w)
		}
	}
	r.stage(ctx, hi, hi+1, rows(hi, hi+1)) // never told whether it committed
	for range recentSlots {
		add(1)
	}
	if len(r.slots) != recentSlots {
		t.Errorf("%d tables made, want %d", len(r.slots), recentSlots)
	}
	lo := hi - recentSlots
	if _, ok, _ := r.newer(ctx, match, lo-1, hi, 10); ok {
		t.Errorf("answers for seq %d, past the %d newest transactions", lo, recentSlots)
	}
	if got, ok, err := r.newer(ctx, match, lo, hi, 100); err != nil || !ok || !slices.Equal(got, want(lo, hi, 100)) {
		t.Errorf("the %d newest transactions: %v, %v, %v; want %v", recentSlots, got, ok, err, want(lo, hi, 100))
	}
	add(maxRecent)
	if _, ok, _ := r.newer(ctx, match, hi-maxRecent-1, hi, 10); ok {
		t.Errorf("answers for more than %d articles", maxRecent)
	}
	if got, ok, err := r.newer(ctx, match, hi-maxRecent, hi, 5); err != nil || !ok || !slices.Equal(got, want(hi-maxRecent, hi, 5)) {
		t.Errorf("a transaction of %d articles: %v, %v, %v", maxRecent, got, ok, err)
	}
}
