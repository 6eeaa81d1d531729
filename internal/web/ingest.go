package web

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"runtime/debug"
	"slices"
	"strings"
	"time"

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
	opts := s.pipeline(s.cfg.Pipeline)
	opts.Stdin = stdin
	opts.OnProgress = onProgress
	rec := &recorder{next: opts.Cluster}
	opts.Cluster = rec
	events := eventSet{}
	opts.OnCommit = events.collect(opts.OnCommit)
	defer s.turns.store()()
	sum, err := ingest.Run(ctx, s.cfg.Store, inputs, opts)
	s.stored(sum, rec.changed(), events)
	return sum, rec.ids, err
}

// post is a POST /api/articles body, parsed, waiting for the writer, and
// what storing it gave once done.
type post struct {
	parsed *ingest.Parsed
	rec    *recorder
	size   int // of the body
	done   bool
	sum    ingest.Summary
	err    error
}

// maxGroupBytes bounds the bodies of the posts stored in one transaction:
// the writer excludes every other writer while it runs.
const maxGroupBytes = 4 << 20

// ingestPost stores a posted body of articles, like Ingest of "-". The
// body is parsed (facts extracted) before the post queues for the writer,
// so that posts arriving together are parsed while the writer stores
// earlier ones: the writer, one goroutine, is what bounds the ingest rate.
// The first queued post to get the writer stores all those queued, in
// the order they were parsed, in one transaction (ingest.StoreGroup), and
// the others find theirs done: under load the commits, which write every
// index page an article touched, are shared by several posts instead of
// paid by each (docs/serve.md, "Ingest under load").
func (s *Server) ingestPost(ctx context.Context, body []byte) (ingest.Summary, []string, error) {
	opts := s.pipeline(s.cfg.Pipeline)
	// Half the processors parse posts, one post each, so that a burst of
	// posts does not crowd out the writer and the reads.
	opts.Workers = 1
	p := &post{rec: &recorder{next: opts.Cluster}, size: len(body)}
	select {
	case s.parsing <- struct{}{}:
	case <-ctx.Done():
		return ingest.Summary{}, nil, ctx.Err()
	}
	var err error
	p.parsed, err = ingest.Parse(ctx, ingest.Part{Inputs: []string{"-"}, Stdin: bytes.NewReader(body), Cluster: p.rec}, opts)
	<-s.parsing
	if err != nil {
		return p.parsed.Summary(), nil, err
	}
	s.postsMu.Lock()
	s.posts = append(s.posts, p)
	s.postsMu.Unlock()
	s.metrics.queued.Inc()
	s.ingestMu.Lock()
	s.metrics.queued.Dec()
	defer s.ingestMu.Unlock()
	if wait := s.cfg.PostGap - time.Since(s.lastPost); !p.done && wait > 0 {
		time.Sleep(wait) // the posts arriving meanwhile join this one
	}
	for !p.done { // a long queue is taken maxGroupBytes at a time
		s.storePosts(ctx, s.takePosts())
	}
	if p.err != nil {
		return p.sum, nil, p.err
	}
	return p.sum, p.rec.ids, nil
}

// takePosts removes the oldest queued posts, at least one and at most
// maxGroupBytes of them.
func (s *Server) takePosts() []*post {
	s.postsMu.Lock()
	defer s.postsMu.Unlock()
	n, size := 0, 0
	for n < len(s.posts) && (n == 0 || size+s.posts[n].size <= maxGroupBytes) {
		size += s.posts[n].size
		n++
	}
	group := slices.Clone(s.posts[:n])
	s.posts = slices.Delete(s.posts, 0, n)
	return group
}

// storePosts stores a group of posts in one transaction; the caller holds
// ingestMu. The group is stored whole even when the request that took the
// writer is cancelled: the other posts' clients still wait for theirs.
func (s *Server) storePosts(ctx context.Context, group []*post) {
	parsed := make([]*ingest.Parsed, len(group))
	for i, p := range group {
		parsed[i] = p.parsed
	}
	s.lastPost = time.Now()
	opts := s.cfg.Pipeline
	events := eventSet{} // of the whole group: each post's run notes them all
	opts.OnCommit = events.collect(opts.OnCommit)
	storing := s.turns.store()
	sums, err := ingest.StoreGroup(context.WithoutCancel(ctx), s.cfg.Store, parsed, opts)
	storing()
	for i, p := range group {
		p.done, p.sum, p.err = true, sums[i], err
		if err == nil {
			s.stored(sums[i], p.rec.changed(), events)
		}
	}
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
	events := eventSet{}
	opts.OnCommit = events.collect(opts.OnCommit)
	defer s.turns.store()()
	sum, err := ingest.Run(ctx, st, inputs, s.pipeline(opts))
	s.stored(sum, nil, events)
	return sum, err
}

// pipeline returns opts with fact extraction guarded against panics and
// rejections logged unless the caller reports them.
func (s *Server) pipeline(opts ingest.Options) ingest.Options {
	if opts.Facts != nil {
		opts.Facts = guarded{opts.Facts, s.log}
	}
	if opts.OnRejection == nil {
		opts.OnRejection = func(r ingest.Rejection) {
			s.log.Warn("ingest rejected", "input", r.Input, "line", r.Line, "reason", r.Reason)
		}
	}
	return opts
}

// stored counts a run in the metrics and, when it stored something, tells
// the response cache which searches it may change (terms; nil: any), the
// report cache which events it changed, and pages that there is news.
func (s *Server) stored(sum ingest.Summary, terms *runTerms, events eventSet) {
	s.metrics.ingested(sum)
	if sum.Accepted+sum.Duplicates+sum.Near > 0 {
		v := s.version()
		s.answers.noteChange(v+1, terms)
		s.reports.noteChange(v+1, events)
		s.changes.publish()
	}
}

// eventSet collects the events an ingest run's transactions changed, which
// tell the report cache what reports the run outdates.
type eventSet map[string]bool

// collect returns an ingest.Options.OnCommit that adds the events of each
// commit to es, then calls next (if any).
func (es eventSet) collect(next func(events []string)) func(events []string) {
	return func(events []string) {
		for _, id := range events {
			es[id] = true
		}
		if next != nil {
			next(events)
		}
	}
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
