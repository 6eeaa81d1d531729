package sqlite

import (
	"context"
	"fmt"
	"slices"
	"sync"
)

// windowCache keeps the newest matches of recent searches (the window a
// search ranks) and their title marks, so that the same search asked again
// reads and marks only the matches stored since (from the recent articles'
// index when it covers them, recentIndex): a common word's newest 500
// matches cost about a millisecond and a quarter to read on a
// 100,000-article store, and marking them half a millisecond more.
// Articles and their index rows are only ever added and their filtered
// attributes (language, source, publication time) never change, so a
// window stays right once the newer matches are put in front of it.
type windowCache struct {
	mu      sync.Mutex
	windows map[string]window // by query and arguments
}

// window is the newest matches of a search, newest first, with the marks
// of their titles (store.Ranker.Marks); every article stored with seq <=
// upTo was looked at.
type window struct {
	seqs  []int64
	marks []uint64
	upTo  int64
}

// maxWindows bounds the searches kept; a window holds at most
// store.SearchWindow matches, 8 KB.
const maxWindows = 2048

// matches returns the newest n (> 0) matches of a search, with their marks
// (mark computes those of matches it is given): query selects them up to
// its last WHERE condition (an "AND f.rowid > ?" may follow), with args;
// order sorts them newest first and keeps n. upTo is the store's highest
// seq, read before: every article up to it was committed before the
// matches' read begins. key names the search's units, which the marks
// depend on. recent, when set, is the search's FTS5 expression and query
// has no filter but it: the matches stored since a kept window are then
// read from the recent articles' index when it covers them.
func (s *Store) matches(ctx context.Context, key, query, order string, args []any, n int, upTo int64, recent string, mark func([]int64) ([]uint64, error)) ([]int64, []uint64, error) {
	key += "\x00" + query + order + "\x00" + fmt.Sprint(args...)
	s.windows.mu.Lock()
	kept, ok := s.windows.windows[key]
	s.windows.mu.Unlock()
	if ok && kept.upTo == upTo {
		return slices.Clone(kept.seqs), slices.Clone(kept.marks), nil
	}
	var seqs []int64
	read := false
	if ok && recent != "" {
		var err error
		if seqs, read, err = s.recent.newer(ctx, recent, kept.upTo, upTo, n); err != nil {
			return nil, nil, err
		}
	}
	if !read {
		q, qargs := query+order, args
		if ok {
			q, qargs = query+` AND f.rowid > ?`+order, append(append([]any{}, args...), kept.upTo)
		}
		var err error
		if seqs, err = column[int64](ctx, s, q, qargs...); err != nil {
			return nil, nil, err
		}
	}
	marks, err := mark(seqs)
	if err != nil {
		return nil, nil, err
	}
	if ok {
		// Matches above the kept upTo may have been read last time
		// already (stored while it read): they are in seqs again.
		for i, seq := range kept.seqs {
			if len(seqs) == n {
				break
			}
			if seq <= kept.upTo {
				seqs, marks = append(seqs, seq), append(marks, kept.marks[i])
			}
		}
	}
	s.windows.mu.Lock()
	defer s.windows.mu.Unlock()
	if s.windows.windows == nil {
		s.windows.windows = map[string]window{}
	}
	if len(s.windows.windows) >= maxWindows {
		for k := range s.windows.windows { // any: a search asked again is read again
			delete(s.windows.windows, k)
			break
		}
	}
	s.windows.windows[key] = window{seqs: slices.Clone(seqs), marks: slices.Clone(marks), upTo: upTo}
	return seqs, marks, nil
}

// column reads the single column of a query's rows.
func column[T any](ctx context.Context, s *Store, query string, args ...any) ([]T, error) {
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
