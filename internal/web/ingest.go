package web

import (
	"context"
	"io"
	"log/slog"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/tocsin/tocsin/internal/ingest"
	"github.com/tocsin/tocsin/internal/news"
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
	if opts.Facts != nil {
		opts.Facts = guarded{opts.Facts, s.log}
	}
	rec := &recorder{next: opts.Cluster}
	opts.Cluster = rec
	opts.OnRejection = func(r ingest.Rejection) {
		s.log.Warn("ingest rejected", "input", r.Input, "line", r.Line, "reason", r.Reason)
	}
	sum, err := ingest.Run(ctx, s.cfg.Store, inputs, opts)
	s.metrics.ingested(sum)
	if sum.Accepted+sum.Duplicates+sum.Near > 0 {
		v, _ := s.changes.current()
		s.answers.noteChange(v+1, rec.changed())
		s.changes.publish()
	}
	return sum, rec.ids, err
}

// RunIngest runs one ingest of another producer (the feed poller) in turn
// with the server's own: the clusterer and the store's writer take one run
// at a time. Its signature fits feeds.Options.Run. Pages are told when it
// stored something, and the run counts in the ingest metrics.
func (s *Server) RunIngest(ctx context.Context, st store.Store, inputs []string, opts ingest.Options) (ingest.Summary, error) {
	s.metrics.queued.Inc()
	s.ingestMu.Lock()
	s.metrics.queued.Dec()
	defer s.ingestMu.Unlock()
	if opts.Facts != nil {
		opts.Facts = guarded{opts.Facts, s.log}
	}
	if opts.OnRejection == nil {
		opts.OnRejection = func(r ingest.Rejection) {
			s.log.Warn("ingest rejected", "input", r.Input, "line", r.Line, "reason", r.Reason)
		}
	}
	sum, err := ingest.Run(ctx, st, inputs, opts)
	s.metrics.ingested(sum)
	if sum.Accepted+sum.Duplicates+sum.Near > 0 {
		s.changes.publish()
	}
	return sum, err
}

// recorder notes the originals the pipeline stores, on their way to the
// clusterer, and their index terms, which tell the response cache what
// searches the run can change.
type recorder struct {
	next    ingest.Assigner
	ids     []string
	terms   runTerms
	tooMany bool // terms beyond maxRunTerms: not kept
}

func (r *recorder) Assign(ctx context.Context, tx store.Tx, d store.Doc) error {
	r.ids = append(r.ids, d.Article.ID)
	r.note(d)
	if r.next == nil {
		return nil
	}
	return r.next.Assign(ctx, tx, d)
}

// maxRunTerms bounds the terms a run notes: a run storing more (a start-up
// ingest of a whole corpus) changes most searches anyway.
const maxRunTerms = 100000

// note adds the index terms of d to the run's, until there are too many.
func (r *recorder) note(d store.Doc) {
	if r.tooMany {
		return
	}
	if r.terms.terms == nil {
		r.terms.terms = map[string]bool{}
	}
	for t := range strings.FieldsSeq(d.Terms) {
		r.terms.terms[t] = true
	}
	if !slices.Contains(r.terms.langs, d.Article.Lang) {
		r.terms.langs = append(r.terms.langs, d.Article.Lang)
	}
	if len(r.terms.terms) > maxRunTerms {
		r.tooMany, r.terms = true, runTerms{}
	}
}

// changed returns the terms of the run for the response cache, nil when
// not all were noted.
func (r *recorder) changed() *runTerms {
	if r.tooMany {
		return nil
	}
	return &r.terms
}

// guarded keeps the server up when fact extraction panics on an article:
// the article is stored without facts and the panic logged. A panic in a
// parser goroutine would otherwise end the process with every request in
// flight.
type guarded struct {
	x   ingest.Extractor
	log *slog.Logger
}

func (g guarded) Extract(a *news.Article) (f news.Facts) {
	defer func() {
		if p := recover(); p != nil {
			g.log.Error("fact extraction panicked; article stored without facts", "article", a.ID, "title", a.Title, "panic", p, "stack", string(debug.Stack()))
			f = news.Facts{Lang: a.Lang}
		}
	}()
	return g.x.Extract(a)
}
