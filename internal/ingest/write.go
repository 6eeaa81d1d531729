package ingest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync/atomic"
	"time"

	"github.com/tocsin/tocsin/internal/dedup"
	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
)

// tally counts a run and reports its rejections and progress.
type tally struct {
	opts   Options
	reader *reader
	start  time.Time
	sum    Summary
}

func (t *tally) reject(r Rejection) {
	t.sum.Rejected++
	if len(t.sum.Rejections) < maxKeptRejections {
		t.sum.Rejections = append(t.sum.Rejections, r)
	}
	if t.opts.OnRejection != nil {
		t.opts.OnRejection(r)
	}
	t.progress()
}

func (t *tally) progress() {
	if t.opts.OnProgress == nil || t.reader == nil {
		return
	}
	t.opts.OnProgress(Progress{
		BytesRead:  t.reader.read.Load(),
		BytesTotal: t.reader.total,
		Stored:     t.sum.Accepted + t.sum.Duplicates + t.sum.Near,
		Rejected:   t.sum.Rejected,
	})
}

// done completes the summary.
func (t *tally) done() Summary {
	if t.reader != nil {
		t.sum.Inputs = t.reader.inputs
		t.sum.Bytes = t.reader.read.Load()
		t.sum.Elapsed = time.Since(t.start)
	}
	return t.sum
}

// writer stores results in input order, in batched transactions. A batch
// is gathered in memory first and written in one go, so that the write
// transaction — which excludes every other writer to the store, in this
// process or another — stays open only as long as storing takes, not while
// articles are being parsed and their facts extracted.
type writer struct {
	tally
	st store.Store

	batch  []result
	opened time.Time // when the batch's first article arrived
	shared store.Tx  // StoreGroup's transaction, committed by it; nil: one per batch
}

// eventsTx notes the events the clusterer changes: those it assigns
// articles to, those it links, and those a link moves.
type eventsTx struct {
	store.Tx
	events *[]string
}

func (t eventsTx) Assign(ctx context.Context, a store.Assignment) error {
	if err := t.Tx.Assign(ctx, a); err != nil {
		return err
	}
	t.note(a.Event)
	return nil
}

func (t eventsTx) Link(ctx context.Context, l news.EventLink) ([]string, error) {
	moved, err := t.Tx.Link(ctx, l)
	if err != nil {
		return nil, err
	}
	t.note(l.From, l.To)
	t.note(moved...)
	return moved, nil
}

func (t eventsTx) note(ids ...string) {
	for _, id := range ids {
		if !slices.Contains(*t.events, id) {
			*t.events = append(*t.events, id)
		}
	}
}

// tick commits a batch that has been waiting for BatchDelay.
func (w *writer) tick() error {
	if len(w.batch) > 0 && time.Since(w.opened) >= w.opts.BatchDelay {
		return w.commit()
	}
	return nil
}

// store takes one result: reports a rejection, or adds the article to the
// batch, committing the batch when it is full.
func (w *writer) store(_ context.Context, r result) error {
	if r.reject != "" {
		w.reject(Rejection{Input: r.input, Line: r.line, Reason: r.reject})
		return nil
	}
	if len(w.batch) == 0 {
		w.opened = time.Now()
	}
	w.batch = append(w.batch, r)
	if len(w.batch) >= w.opts.BatchSize {
		return w.commit()
	}
	return nil
}

// commit writes the batch in one transaction, or into the group's shared
// transaction (StoreGroup), which its caller commits. Storing outlives
// cancellation: on an interrupt, what was read before it is still stored.
func (w *writer) commit() error {
	if len(w.batch) == 0 {
		return nil
	}
	ctx := context.Background()
	batch := w.batch
	w.batch = nil
	tx := w.shared
	var events []string // assigned in this transaction, for OnCommit
	if tx == nil {
		var err error
		if tx, err = w.st.Begin(ctx); err != nil {
			return fmt.Errorf("store: %w", err)
		}
		if w.opts.OnCommit != nil {
			tx = eventsTx{Tx: tx, events: &events}
		}
	}
	var pending Summary
	for _, r := range batch {
		if err := w.write(ctx, tx, r, &pending); err != nil {
			if w.shared == nil {
				tx.Rollback()
			}
			return err
		}
	}
	if w.shared == nil {
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("store: commit: %w", err)
		}
		if len(events) > 0 && w.opts.OnCommit != nil {
			w.opts.OnCommit(events)
		}
	}
	w.sum.Accepted += pending.Accepted
	w.sum.Duplicates += pending.Duplicates
	w.sum.Near += pending.Near
	w.sum.Unchanged += pending.Unchanged
	w.progress()
	return nil
}

// write links one article to an earlier copy, if any, inserts it and, for
// an original, assigns its event, counting what it did in pending.
func (w *writer) write(ctx context.Context, tx store.Tx, r result, pending *Summary) error {
	a := r.doc.Article
	a.Ingested = w.opts.Now().UTC().Truncate(time.Second)
	fp, err := tx.Fingerprint(ctx, a.ID)
	switch {
	case err == nil && fp == a.Fingerprint:
		pending.Unchanged++
		return nil
	case err == nil:
		// The input reused an id for other text: keep the article under its
		// content id and remember the one it came with.
		given := a.ID
		a.ID = contentID(a)
		a.Extra = withField(a.Extra, "input_id", given)
		if fp, err := tx.Fingerprint(ctx, a.ID); err == nil && fp == a.Fingerprint {
			pending.Unchanged++
			return nil
		} else if err != nil && !errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("store: %w", err)
		}
	case !errors.Is(err, store.ErrNotFound):
		return fmt.Errorf("store: %w", err)
	}
	if orig, err := tx.FindExact(ctx, a.Fingerprint); err == nil {
		a.DuplicateOf, a.Similarity = orig, 1
	} else if !errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("store: %w", err)
	} else if r.doc.Sig != nil {
		cands, err := tx.FindNear(ctx, r.doc.Sig.BandKeys())
		if err != nil {
			return fmt.Errorf("store: %w", err)
		}
		best := 0.0
		for _, c := range cands {
			if s := r.doc.Sig.Similarity(c.Sig); s >= dedup.Threshold && s > best {
				best, a.DuplicateOf, a.Similarity = s, c.ID, s
			}
		}
	}
	if err := tx.Insert(ctx, r.doc); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	if a.DuplicateOf == "" && w.opts.Cluster != nil {
		if err := w.opts.Cluster.Assign(ctx, tx, r.doc); err != nil {
			return fmt.Errorf("cluster: %w", err)
		}
	}
	switch {
	case a.DuplicateOf == "":
		pending.Accepted++
	case a.Similarity == 1:
		pending.Duplicates++
	default:
		pending.Near++
	}
	return nil
}

func (w *writer) abort() {
	w.batch = nil
}

// withField adds one string field to a JSON object of extra fields.
func withField(extra json.RawMessage, key, value string) json.RawMessage {
	m := map[string]json.RawMessage{}
	if len(extra) > 0 {
		json.Unmarshal(extra, &m)
	}
	m[key] = mustJSON(value)
	return mustJSON(m)
}

// countingReader counts the bytes read from a file for progress. URL bodies
// are counted when fetched, so skip is set for them.
type countingReader struct {
	r    io.Reader
	n    *atomic.Int64
	skip bool
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if !c.skip {
		c.n.Add(int64(n))
	}
	return n, err
}

func jsonDecoder(b []byte) *json.Decoder {
	return json.NewDecoder(bytes.NewReader(b))
}

// splitArray splits a JSON array into its elements.
func splitArray(b []byte) ([][]byte, error) {
	d := jsonDecoder(b)
	if _, err := d.Token(); err != nil {
		return nil, jsonError(err)
	}
	var items [][]byte
	for d.More() {
		var raw json.RawMessage
		if err := d.Decode(&raw); err != nil {
			return nil, jsonError(err)
		}
		items = append(items, raw)
	}
	if _, err := d.Token(); err != nil {
		return nil, jsonError(err)
	}
	return items, nil
}
