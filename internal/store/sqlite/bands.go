package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"sync"

	"github.com/tocsin/tocsin/internal/dedup"
)

// bandIndex maps the MinHash band keys of original articles to their seq,
// in memory, for near-duplicate candidates. Stored as a B-tree keyed by
// band, the keys of one article landed on dedup.Bands random pages, a
// third of the pages ingest wrote; the store now appends each article's
// keys as one row (article_band_keys, keyed by seq) and reads them here.
// The index is loaded at a transaction's first near-duplicate search or
// insert, unless loaded ahead (Store.Preload), then caught up at each transaction's first with the rows
// committed since, its own and other processes' alike, so that several
// writers on one file stay exact and a rolled back one leaves nothing.
type bandIndex struct {
	mu sync.Mutex
	// last is the highest seq whose keys are loaded.
	last int64
	// first holds one seq per key, more the few keys several originals
	// share (articles alike but below the duplicate threshold); seqs fit
	// 32 bits, which halves the index of a large store.
	first map[int64]uint32
	more  map[int64][]uint32
}

func (b *bandIndex) add(seq int64, keys []int64) {
	if b.first == nil {
		b.first, b.more = map[int64]uint32{}, map[int64][]uint32{}
	}
	for _, k := range keys {
		if _, ok := b.first[k]; ok {
			b.more[k] = append(b.more[k], uint32(seq))
		} else {
			b.first[k] = uint32(seq)
		}
	}
	b.last = max(b.last, seq)
}

// querier reads the keys: a write transaction, to see every commit before
// its own writes, or the store's readers, to load ahead (Store.Preload).
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// catchUp loads the keys stored after the last loaded. Articles are never
// deleted and a new one's seq is above every stored one's, so the keys
// any snapshot reads are all those up to its highest seq.
func (b *bandIndex) catchUp(ctx context.Context, q querier) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.first == nil {
		var n int
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM article_band_keys`).Scan(&n); err != nil {
			return err
		}
		b.first = make(map[int64]uint32, n*dedup.Bands)
		b.more = map[int64][]uint32{}
	}
	rows, err := q.QueryContext(ctx, `SELECT seq, keys FROM article_band_keys WHERE seq > ? ORDER BY seq`, b.last)
	if err != nil {
		return err
	}
	defer rows.Close()
	// The rows are read in place and parsed into one reused slice: a large
	// store's index is millions of keys, loaded at a server's first ingest.
	var keys []int64
	for rows.Next() {
		var seq int64
		var raw sql.RawBytes
		if err := rows.Scan(&seq, &raw); err != nil {
			return err
		}
		if keys, err = parseBandKeys(keys[:0], raw); err != nil {
			return fmt.Errorf("band keys of article %d: %w", seq, err)
		}
		b.add(seq, keys)
	}
	return rows.Err()
}

// lookup appends the seqs of the loaded articles that share a key with keys.
func (b *bandIndex) lookup(out []int64, keys []int64) []int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, k := range keys {
		if seq, ok := b.first[k]; ok {
			out = append(out, int64(seq))
			for _, s := range b.more[k] {
				out = append(out, int64(s))
			}
		}
	}
	return out
}

// formatBandKeys is the stored form of an article's band keys: decimal
// numbers separated by spaces, the form migration 0011 builds in SQL.
func formatBandKeys(keys []int64) string {
	b := make([]byte, 0, 20*len(keys))
	for i, k := range keys {
		if i > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendInt(b, k, 10)
	}
	return string(b)
}

// parseBandKeys appends the keys of their stored form to dst.
func parseBandKeys(dst []int64, s []byte) ([]int64, error) {
	for len(s) > 0 {
		if s[0] == ' ' {
			s = s[1:]
			continue
		}
		end := bytes.IndexByte(s, ' ')
		if end < 0 {
			end = len(s)
		}
		k, err := strconv.ParseInt(string(s[:end]), 10, 64)
		if err != nil {
			return dst, err
		}
		dst = append(dst, k)
		s = s[end:]
	}
	return dst, nil
}

// Preload loads the near-duplicate index ahead of the first ingest, which
// would otherwise wait for it: 1.5 s of CPU on a store of 100,000
// articles. A server calls it as it starts.
func (s *Store) Preload(ctx context.Context) error {
	if err := s.bands.catchUp(ctx, s.r); err != nil {
		return fmt.Errorf("load near-duplicate index: %w", err)
	}
	return nil
}
