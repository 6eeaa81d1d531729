// Package archive writes a store's articles, with their facts, as JSON
// Lines and reads them back into a store: to move a store from SQLite to
// PostgreSQL and back, or to keep a copy. Events are not written: the
// reader rebuilds them by clustering the articles in their original order,
// which gives the events the writer's store had when a single clusterer
// made them in that order.
package archive

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/tocsin/tocsin/internal/dedup"
	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
	"github.com/tocsin/tocsin/internal/text"
)

// Record is one line of an archive: an article as stored (a duplicate
// names its original in duplicate_of) and the facts of an original, when
// they were extracted.
type Record struct {
	Article news.Article `json:"article"`
	Facts   *news.Facts  `json:"facts,omitempty"`
}

// Export writes every article of st, duplicates included, in insertion
// order, and returns how many it wrote.
func Export(ctx context.Context, st store.Store, w io.Writer) (int, error) {
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	n := 0
	err := st.Dump(ctx, func(r store.Replayed) error {
		n++
		return enc.Encode(Record{Article: r.Article, Facts: r.Facts})
	})
	if err != nil {
		return n, fmt.Errorf("export: %w", err)
	}
	return n, bw.Flush()
}

// Assigner places a newly stored original article into an event, writing
// through the transaction that stored it (cluster.Live does).
type Assigner interface {
	Assign(ctx context.Context, tx store.Tx, d store.Doc) error
}

// Summary counts what an import did.
type Summary struct {
	Imported   int      `json:"imported"`  // articles stored, duplicates included
	Unchanged  int      `json:"unchanged"` // already stored with the same text
	Rejected   int      `json:"rejected"`
	Rejections []string `json:"rejections,omitempty"` // the first maxRejections, as "name:line: reason"
}

const (
	maxRejections = 1000
	batchSize     = 500
	maxLine       = 64 << 20
)

// Import reads an archive from r (named name in messages) into st, in
// order, assigning each new original to an event through assign when it is
// not nil. A bad line is rejected with its number and the reason, and the
// rest goes on; an error is returned only when reading or the store fails.
// Articles already stored with the same text are left as they are, so an
// interrupted import can be run again.
func Import(ctx context.Context, st store.Store, r io.Reader, name string, assign Assigner) (Summary, error) {
	var sum Summary
	reject := func(line int, reason string) {
		sum.Rejected++
		if len(sum.Rejections) < maxRejections {
			sum.Rejections = append(sum.Rejections, fmt.Sprintf("%s:%d: %s", name, line, reason))
		}
	}
	// Lines wait in a batch, bad ones too, so that rejections are
	// reported in line order.
	type pending struct {
		line   int
		rec    Record
		reject string
	}
	var batch []pending
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		tx, err := st.Begin(ctx)
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		var imported, unchanged int
		for _, p := range batch {
			if p.reject != "" {
				reject(p.line, p.reject)
				continue
			}
			ok, reason, err := put(ctx, tx, &p.rec, assign)
			if err != nil {
				tx.Rollback()
				return fmt.Errorf("import %s:%d: %w", name, p.line, err)
			}
			switch {
			case reason != "":
				reject(p.line, reason)
			case ok:
				imported++
			default:
				unchanged++
			}
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("import: commit: %w", err)
		}
		sum.Imported += imported
		sum.Unchanged += unchanged
		batch = batch[:0]
		return nil
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), maxLine)
	line := 0
	for sc.Scan() {
		line++
		if len(sc.Bytes()) == 0 {
			continue
		}
		p := pending{line: line}
		if err := json.Unmarshal(sc.Bytes(), &p.rec); err != nil {
			p.reject = "not an archive record: " + err.Error()
		} else {
			p.reject = check(&p.rec.Article)
		}
		batch = append(batch, p)
		if len(batch) >= batchSize {
			if err := flush(); err != nil {
				return sum, err
			}
		}
	}
	if err := sc.Err(); err != nil {
		return sum, fmt.Errorf("read %s after line %d: %w", name, line, err)
	}
	return sum, flush()
}

// check returns why an article cannot be stored as it is, or "".
func check(a *news.Article) string {
	switch {
	case a.ID == "":
		return "article without id"
	case a.Fingerprint == "":
		return fmt.Sprintf("article %s without fingerprint", a.ID)
	case a.Lang == "":
		return fmt.Sprintf("article %s without language", a.ID)
	case a.DuplicateOf == a.ID:
		return fmt.Sprintf("article %s is a duplicate of itself", a.ID)
	}
	return ""
}

// put stores one record through tx. It reports whether it stored it, or
// the reason it refused it.
func put(ctx context.Context, tx store.Tx, rec *Record, assign Assigner) (bool, string, error) {
	a := &rec.Article
	fp, err := tx.Fingerprint(ctx, a.ID)
	switch {
	case err == nil && fp == a.Fingerprint:
		return false, "", nil
	case err == nil:
		return false, fmt.Sprintf("article %s is already stored with other text", a.ID), nil
	case !errors.Is(err, store.ErrNotFound):
		return false, "", err
	}
	if a.DuplicateOf != "" {
		if _, err := tx.Fingerprint(ctx, a.DuplicateOf); errors.Is(err, store.ErrNotFound) {
			return false, fmt.Sprintf("article %s is a duplicate of %s, which is not stored", a.ID, a.DuplicateOf), nil
		} else if err != nil {
			return false, "", err
		}
		return true, "", tx.Insert(ctx, store.Doc{Article: a})
	}
	d := store.Doc{Article: a, Sig: dedup.Of(a.Body).Sig, Terms: text.TermString(a.Lang, a.Title+"\n"+a.Body), Facts: rec.Facts}
	if err := tx.Insert(ctx, d); err != nil {
		return false, "", err
	}
	if assign != nil {
		if err := assign.Assign(ctx, tx, d); err != nil {
			return false, "", fmt.Errorf("cluster: %w", err)
		}
	}
	return true, "", nil
}
