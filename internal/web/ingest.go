package web

import (
	"context"
	"io"

	"github.com/tocsin/tocsin/internal/ingest"
	"github.com/tocsin/tocsin/internal/store"
)

// Ingest runs the ingest pipeline on inputs (paths, URLs, or "-" for
// stdin), after any run in progress: the clusterer takes articles one at a
// time and in order. Pages are told when it stored something. The command
// uses it for the inputs given at start-up, so they share the clusterer
// with articles posted to the API.
//
// It returns the ids of the new original articles, in input order.
func (s *Server) Ingest(ctx context.Context, inputs []string, stdin io.Reader, onProgress func(ingest.Progress)) (ingest.Summary, []string, error) {
	s.metrics.queued.Inc()
	s.ingestMu.Lock()
	s.metrics.queued.Dec()
	defer s.ingestMu.Unlock()
	opts := s.cfg.Pipeline
	opts.Stdin = stdin
	opts.OnProgress = onProgress
	rec := &recorder{next: opts.Cluster}
	opts.Cluster = rec
	opts.OnRejection = func(r ingest.Rejection) {
		s.log.Warn("ingest rejected", "input", r.Input, "line", r.Line, "reason", r.Reason)
	}
	sum, err := ingest.Run(ctx, s.cfg.Store, inputs, opts)
	s.metrics.ingested(sum)
	if sum.Accepted+sum.Duplicates+sum.Near > 0 {
		s.changes.publish()
	}
	return sum, rec.ids, err
}

// recorder notes the originals the pipeline stores, on their way to the
// clusterer.
type recorder struct {
	next ingest.Assigner
	ids  []string
}

func (r *recorder) Assign(ctx context.Context, tx store.Tx, d store.Doc) error {
	r.ids = append(r.ids, d.Article.ID)
	if r.next == nil {
		return nil
	}
	return r.next.Assign(ctx, tx, d)
}
