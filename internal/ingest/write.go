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

// writer stores results in input order, in batched transactions.
type writer struct {
	tally
	st store.Store

	tx      store.Tx
	pending Summary // counts of the open transaction, added to sum on commit
	opened  time.Time
	events  []string // assigned in the open transaction, for OnCommit
}

// eventsTx notes the events the clusterer assigns articles to.
type eventsTx struct {
	store.Tx
	events *[]string
}

func (t eventsTx) Assign(ctx context.Context, a store.Assignment) error {
	if err := t.Tx.Assign(ctx, a); err != nil {
		return err
	}
	if !slices.Contains(*t.events, a.Event) {
		*t.events = append(*t.events, a.Event)
	}
	return nil
}

// tick commits a transaction that has been open for BatchDelay.
func (w *writer) tick() error {
	if w.tx != nil && time.Since(w.opened) >= w.opts.BatchDelay {
		return w.commit()
	}
	return nil
}

// store handles one result: reports a rejection, or links the article to an
// earlier copy and inserts it.
func (w *writer) store(ctx context.Context, r result) error {
	if r.reject != "" {
		w.reject(Rejection{Input: r.input, Line: r.line, Reason: r.reject})
		return nil
	}
	// Storing outlives cancellation: on an interrupt, what was read before
	// it is still stored and committed.
	ctx = context.WithoutCancel(ctx)
	if w.tx == nil {
		tx, err := w.st.Begin(ctx)
		if err != nil {
			return fmt.Errorf("store: %w", err)
		}
		w.tx, w.opened = tx, time.Now()
	}
	a := r.doc.Article
	a.Ingested = w.opts.Now().UTC().Truncate(time.Second)
	fp, err := w.tx.Fingerprint(ctx, a.ID)
	switch {
	case err == nil && fp == a.Fingerprint:
		w.pending.Unchanged++
		return w.maybeCommit()
	case err == nil:
		// The input reused an id for other text: keep the article under its
		// content id and remember the one it came with.
		given := a.ID
		a.ID = contentID(a)
		a.Extra = withField(a.Extra, "input_id", given)
		if fp, err := w.tx.Fingerprint(ctx, a.ID); err == nil && fp == a.Fingerprint {
			w.pending.Unchanged++
			return w.maybeCommit()
		} else if err != nil && !errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("store: %w", err)
		}
	case !errors.Is(err, store.ErrNotFound):
		return fmt.Errorf("store: %w", err)
	}
	if orig, err := w.tx.FindExact(ctx, a.Fingerprint); err == nil {
		a.DuplicateOf, a.Similarity = orig, 1
	} else if !errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("store: %w", err)
	} else if r.doc.Sig != nil {
		cands, err := w.tx.FindNear(ctx, r.doc.Sig.BandKeys())
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
	if err := w.tx.Insert(ctx, r.doc); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	if a.DuplicateOf == "" && w.opts.Cluster != nil {
		tx := w.tx
		if w.opts.OnCommit != nil {
			tx = eventsTx{Tx: w.tx, events: &w.events}
		}
		if err := w.opts.Cluster.Assign(ctx, tx, r.doc); err != nil {
			return fmt.Errorf("cluster: %w", err)
		}
	}
	switch {
	case a.DuplicateOf == "":
		w.pending.Accepted++
	case a.Similarity == 1:
		w.pending.Duplicates++
	default:
		w.pending.Near++
	}
	return w.maybeCommit()
}

func (w *writer) maybeCommit() error {
	n := w.pending.Accepted + w.pending.Duplicates + w.pending.Near + w.pending.Unchanged
	if n >= w.opts.BatchSize {
		return w.commit()
	}
	return nil
}

func (w *writer) commit() error {
	if w.tx == nil {
		return nil
	}
	err := w.tx.Commit()
	w.tx = nil
	events := w.events
	w.events = nil
	if err != nil {
		w.pending = Summary{}
		return fmt.Errorf("store: commit: %w", err)
	}
	if len(events) > 0 && w.opts.OnCommit != nil {
		w.opts.OnCommit(events)
	}
	w.sum.Accepted += w.pending.Accepted
	w.sum.Duplicates += w.pending.Duplicates
	w.sum.Near += w.pending.Near
	w.sum.Unchanged += w.pending.Unchanged
	w.pending = Summary{}
	w.progress()
	return nil
}

func (w *writer) abort() {
	if w.tx != nil {
		w.tx.Rollback()
		w.tx = nil
	}
	w.pending = Summary{}
	w.events = nil
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
