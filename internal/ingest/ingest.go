// Package ingest reads news from files, directory trees, standard input and
// URLs in the formats Tocsin knows (plain text, HTML, JSON Lines, news-please
// JSON), turns each document into an article, folds exact and near-duplicate
// copies onto their first copy, and stores the result. Parsing runs in
// parallel; storing is one ordered step in batched transactions, so the same
// input in the same order always gives the same store and a killed process
// loses at most the batch it had not committed.
package ingest

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tocsin/tocsin/internal/dedup"
	"github.com/tocsin/tocsin/internal/extract"
	"github.com/tocsin/tocsin/internal/fetch"
	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
	"github.com/tocsin/tocsin/internal/text"
)

// Options configure an ingest run. Zero values mean the defaults.
type Options struct {
	Format      string        // forced input format (see NormalizeFormat); "" detects per input
	MaxSize     int64         // largest document or JSON record accepted; default 16 MiB
	Workers     int           // parallel parsers; default the number of CPUs
	BatchSize   int           // articles per transaction; default 500
	BatchDelay  time.Duration // longest an accepted article waits for its commit; default 1s
	Fetch       fetch.Options // for URL inputs
	Now         func() time.Time
	Stdin       io.Reader       // read for the input "-"; default os.Stdin
	StdinName   string          // names the input "-" in articles' origin and rejections; default "-"
	OnRejection func(Rejection) // called for each rejected input, in input order
	OnProgress  func(Progress)  // called as inputs are read and articles stored
	Facts       Extractor       // when not nil, extracts each article's facts in the parsers
	Cluster     Assigner        // when not nil, assigns each new original article to an event
	// OnCommit, when not nil, is called after each committed transaction
	// with the events it changed, each once: those its articles were
	// assigned to, those linked, and those a link moved to another
	// storyline (store.Tx.Link), so that alerting sees every event as it
	// changes and a server knows which of its kept reports are outdated.
	OnCommit func(events []string)
}

// Assigner places a newly stored original article into an event, writing
// through the transaction that stored it. Calls come in input order from
// one goroutine.
type Assigner interface {
	Assign(ctx context.Context, tx store.Tx, d store.Doc) error
}

// Extractor extracts the facts of one article; it must be safe for
// concurrent use.
type Extractor interface {
	Extract(a *news.Article) news.Facts
}

func (o *Options) defaults() {
	if o.MaxSize <= 0 {
		o.MaxSize = 16 << 20
	}
	if o.Workers <= 0 {
		o.Workers = runtime.NumCPU()
	}
	if o.BatchSize <= 0 {
		o.BatchSize = 500
	}
	if o.BatchDelay <= 0 {
		o.BatchDelay = time.Second
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Stdin == nil {
		o.Stdin = os.Stdin
	}
	if o.Fetch.MaxSize <= 0 {
		o.Fetch.MaxSize = o.MaxSize
	}
}

// Rejection is an input, or one record of it, that was not stored.
type Rejection struct {
	Input  string `json:"input"`
	Line   int    `json:"line,omitempty"` // JSON Lines record, 1-based
	Reason string `json:"reason"`
}

func (r Rejection) String() string {
	if r.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", r.Input, r.Line, r.Reason)
	}
	return fmt.Sprintf("%s: %s", r.Input, r.Reason)
}

// Summary counts what a run did. Stored counts are of committed articles.
type Summary struct {
	Inputs     int           `json:"inputs"`     // files, URLs and streams read
	Accepted   int           `json:"accepted"`   // new originals stored
	Duplicates int           `json:"duplicates"` // stored as exact copies of an earlier article
	Near       int           `json:"near_duplicates"`
	Unchanged  int           `json:"unchanged"` // already stored: nothing to do
	Rejected   int           `json:"rejected"`
	Bytes      int64         `json:"bytes"` // input bytes read
	Elapsed    time.Duration `json:"elapsed_ns"`
	Rejections []Rejection   `json:"rejections,omitempty"` // the first maxKeptRejections
}

// maxKeptRejections bounds the memory a summary holds for reasons; every
// rejection is still counted and reported through OnRejection.
const maxKeptRejections = 1000

// Progress reports a run in flight.
type Progress struct {
	BytesRead  int64
	BytesTotal int64 // 0 when unknown (standard input, URLs)
	Stored     int   // articles committed so far, duplicates included
	Rejected   int
}

// job is one document or JSON record on its way through the pipeline.
type job struct {
	seq    int
	input  string
	line   int
	data   []byte
	format string
	url    string
	reject string // set when the reader already refused it
}

// result is a parsed job.
type result struct {
	job
	doc store.Doc
}

// Run ingests inputs into st: paths to files or directories, "-" for
// standard input, and http(s) URLs. It returns an error only when the store
// fails; bad input is counted and reported, and the run goes on.
func Run(ctx context.Context, st store.Store, inputs []string, opts Options) (Summary, error) {
	opts.defaults()
	w := &writer{st: st, tally: tally{opts: opts}}
	err := process(ctx, inputs, &w.tally, w.store, w.tick)
	if err != nil {
		w.abort()
	} else {
		err = w.commit()
	}
	return w.done(), err
}

// Part is one run of a group (Parse, StoreGroup): its inputs, what "-"
// reads, and the clusterer its originals go to (nil: the Options.Cluster
// of Parse).
type Part struct {
	Inputs  []string
	Stdin   io.Reader
	Cluster Assigner
}

// Parsed is a part read and parsed by Parse, waiting to be stored by
// StoreGroup.
type Parsed struct {
	w       *writer
	results []result
}

// Summary is what the part did so far: its rejections by the reader
// before StoreGroup, everything after.
func (p *Parsed) Summary() Summary { return p.w.done() }

// Parse reads and parses a part as Run would (facts extracted), storing
// nothing: a server parses the posts that arrive while its one writer
// stores earlier ones, so that the writer is held only while storing. On
// an error (a bad forced format, ctx done) nothing of the part is stored.
func Parse(ctx context.Context, p Part, opts Options) (*Parsed, error) {
	opts.Stdin = p.Stdin
	if p.Cluster != nil {
		opts.Cluster = p.Cluster
	}
	opts.defaults()
	out := &Parsed{w: &writer{tally: tally{opts: opts}}}
	err := process(ctx, p.Inputs, &out.w.tally, func(_ context.Context, r result) error {
		out.results = append(out.results, r)
		return nil
	}, nil)
	return out, err
}

// StoreGroup stores parsed parts in st, in order, as one transaction: a
// server that has several small posts waiting writes the pages they share
// (the index pages of the events, the newest rows) once rather than once
// per post. It returns a summary per part; on an error nothing of the
// group is stored. OnCommit of opts is called once, after the commit,
// with the events of every part.
func StoreGroup(ctx context.Context, st store.Store, parts []*Parsed, opts Options) ([]Summary, error) {
	tx, err := st.Begin(context.Background())
	if err != nil {
		return summaries(parts), fmt.Errorf("store: %w", err)
	}
	var events []string
	if opts.OnCommit != nil {
		tx = eventsTx{Tx: tx, events: &events}
	}
	for _, p := range parts {
		w := p.w
		w.st, w.shared = st, tx
		for _, r := range p.results {
			if err = w.store(ctx, r); err != nil {
				break
			}
		}
		if err == nil {
			err = w.commit()
		}
		if err != nil {
			tx.Rollback()
			return summaries(parts), err
		}
	}
	if err := tx.Commit(); err != nil {
		return summaries(parts), fmt.Errorf("store: commit: %w", err)
	}
	if len(events) > 0 {
		opts.OnCommit(events)
	}
	return summaries(parts), nil
}

// summaries completes the summaries of a group's parts.
func summaries(parts []*Parsed) []Summary {
	out := make([]Summary, len(parts))
	for i, p := range parts {
		out[i] = p.Summary()
	}
	return out
}

// Each reads and parses inputs like Run but stores nothing: it calls fn
// with every article, in input order. An error from fn stops the run.
func Each(ctx context.Context, inputs []string, opts Options, fn func(store.Doc) error) (Summary, error) {
	opts.defaults()
	t := &tally{opts: opts}
	err := process(ctx, inputs, t, func(_ context.Context, r result) error {
		if r.reject != "" {
			t.reject(Rejection{Input: r.input, Line: r.line, Reason: r.reject})
			return nil
		}
		t.sum.Accepted++
		return fn(r.doc)
	}, nil)
	return t.done(), err
}

// process runs the pipeline: one reader, parallel parsers, and consume
// called with every result in input order. tick, when not nil, runs after
// each result arrives, in order or not, so that a consumer can act on time.
func process(ctx context.Context, inputs []string, t *tally, consume func(context.Context, result) error, tick func() error) error {
	opts := t.opts
	forced, err := NormalizeFormat(opts.Format)
	if err != nil {
		return err
	}
	t.start = time.Now()
	r := &reader{opts: opts, format: forced, client: fetch.New(opts.Fetch)}
	r.total = r.plan(inputs)
	t.reader = r

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// inflight bounds the jobs between reader and consumer so that a slow
	// document cannot make the reorder buffer grow without limit.
	inflight := make(chan struct{}, 8*opts.Workers+64)
	jobs := make(chan job, 4*opts.Workers)
	results := make(chan result, 4*opts.Workers)

	go func() {
		defer close(jobs)
		r.run(ctx, inputs, func(j job) bool {
			select {
			case inflight <- struct{}{}:
			case <-ctx.Done():
				return false
			}
			select {
			case jobs <- j:
				return true
			case <-ctx.Done():
				return false
			}
		})
	}()
	var wg sync.WaitGroup
	for range opts.Workers {
		wg.Go(func() {
			for j := range jobs {
				results <- parse(j, opts)
			}
		})
	}
	go func() { wg.Wait(); close(results) }()
	defer func() {
		cancel()
		for range results { // let the parsers finish after an early return
		}
	}()

	waiting := map[int]result{}
	next := 0
	for res := range results {
		waiting[res.seq] = res
		for {
			r, ok := waiting[next]
			if !ok {
				break
			}
			delete(waiting, next)
			next++
			<-inflight
			if err := consume(ctx, r); err != nil {
				return err
			}
		}
		if tick != nil {
			if err := tick(); err != nil {
				return err
			}
		}
	}
	return nil
}

// parse turns a job into an article ready for storing.
func parse(j job, opts Options) result {
	res := result{job: j}
	if j.reject != "" {
		return res
	}
	var a *news.Article
	var err error
	switch j.format {
	case FormatText:
		a, err = parseText(j.data)
	case FormatHTML:
		a, err = parseHTML(j.data, j.url)
	case FormatJSON:
		a, err = parseRecord(j.data)
	default:
		err = fmt.Errorf("unknown format %q", j.format)
	}
	if err != nil {
		res.reject = err.Error()
		return res
	}
	if a.URL == "" {
		a.URL = j.url
	}
	if a.Source == "" && a.URL != "" {
		a.Source = host(a.URL)
	}
	a.Origin = j.input
	a.Size = len(j.data)
	if a.Lang == "" {
		a.Lang = news.Undetermined
	}
	fp := dedup.Of(a.Body)
	a.Fingerprint = fp.Exact
	if a.ID == "" {
		a.ID = contentID(a) // of the title as given: an input keeps the id it had before headlines were cut
	}
	a.Title = extract.Headline(a.Title, a.Source, a.URL)
	res.doc = store.Doc{Article: a, Sig: fp.Sig, Terms: text.TermString(a.Lang, a.Title+"\n"+a.Body)}
	if opts.Facts != nil {
		f := opts.Facts.Extract(a)
		res.doc.Facts = &f
	}
	res.data = nil // the article holds what is needed; free the raw bytes early
	return res
}

// reader turns inputs into jobs, in order.
type reader struct {
	opts   Options
	format string
	client *fetch.Client
	total  int64
	inputs int
	read   atomic.Int64
	seq    int
}

// plan sums the sizes of the files to be read, for progress; URLs and
// standard input are of unknown size.
func (r *reader) plan(inputs []string) int64 {
	var total int64
	for _, in := range inputs {
		if in == "-" || isURL(in) {
			continue
		}
		filepath.WalkDir(in, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() && hidden(path, in) {
				return filepath.SkipDir
			}
			if d.Type().IsRegular() && !hidden(path, in) {
				if info, err := d.Info(); err == nil {
					total += info.Size()
				}
			}
			return nil
		})
	}
	return total
}

// hidden reports dot files and folders below root, which a walk skips.
func hidden(path, root string) bool {
	return path != root && strings.HasPrefix(filepath.Base(path), ".")
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// run reads every input and sends its jobs to emit, which returns false when
// the run is cancelled.
func (r *reader) run(ctx context.Context, inputs []string, emit func(job) bool) {
	send := func(j job) bool {
		j.seq = r.seq
		r.seq++
		return emit(j)
	}
	for _, in := range inputs {
		if ctx.Err() != nil {
			return
		}
		switch {
		case in == "-":
			r.inputs++
			if !r.stream(ctx, cmp.Or(r.opts.StdinName, "-"), r.opts.Stdin, -1, "", send) {
				return
			}
		case isURL(in):
			r.inputs++
			doc, err := r.client.Get(ctx, in)
			if err != nil {
				if !send(job{input: in, reject: err.Error()}) {
					return
				}
				continue
			}
			r.read.Add(int64(len(doc.Body)))
			if !r.stream(ctx, in, bytes.NewReader(doc.Body), int64(len(doc.Body)), doc.URL, send) {
				return
			}
		default:
			if !r.walk(ctx, in, send) {
				return
			}
		}
	}
}

// walk reads a file or every regular file below a directory, in lexical order.
func (r *reader) walk(ctx context.Context, root string, send func(job) bool) bool {
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			r.inputs++
			if !send(job{input: path, reject: readError(err)}) {
				return ctx.Err()
			}
			return nil
		}
		if hidden(path, root) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		r.inputs++
		if !d.Type().IsRegular() {
			if !send(job{input: path, reject: "not a regular file"}) {
				return ctx.Err()
			}
			return nil
		}
		f, err := os.Open(path)
		if err != nil {
			if !send(job{input: path, reject: readError(err)}) {
				return ctx.Err()
			}
			return nil
		}
		defer f.Close()
		size := int64(-1)
		if info, err := f.Stat(); err == nil {
			size = info.Size()
		}
		if !r.stream(ctx, path, f, size, "", send) {
			return ctx.Err()
		}
		return nil
	})
	return err == nil || !errors.Is(err, ctx.Err())
}

func readError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// stream reads one input: JSON Lines record by record, anything else as one
// document. size is -1 when unknown.
func (r *reader) stream(ctx context.Context, name string, src io.Reader, size int64, pageURL string, send func(job) bool) bool {
	counted := &countingReader{r: src, n: &r.read, skip: pageURL != ""}
	br := bufio.NewReaderSize(counted, 64<<10)
	head, err := br.Peek(8192)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return send(job{input: name, reject: readError(err)})
	}
	format := r.format
	if format == FormatAuto {
		f, err := sniff(head)
		if err != nil {
			return send(job{input: name, reject: err.Error()})
		}
		format = f
	} else if len(bytes.TrimSpace(head)) == 0 {
		return send(job{input: name, reject: "empty input"})
	}
	if format == FormatJSON && jsonLines(head) {
		return r.lines(ctx, name, br, pageURL, send)
	}
	if size > r.opts.MaxSize {
		io.Copy(io.Discard, br) // count the bytes as read for progress
		return send(job{input: name, reject: fmt.Sprintf("%d bytes exceeds the size limit of %d bytes (--max-size)", size, r.opts.MaxSize)})
	}
	data, err := io.ReadAll(io.LimitReader(br, r.opts.MaxSize+1))
	if err != nil {
		return send(job{input: name, reject: readError(err)})
	}
	if int64(len(data)) > r.opts.MaxSize {
		io.Copy(io.Discard, br)
		return send(job{input: name, reject: fmt.Sprintf("exceeds the size limit of %d bytes (--max-size)", r.opts.MaxSize)})
	}
	if format == FormatJSON {
		return r.document(name, data, pageURL, send)
	}
	return send(job{input: name, data: data, format: format, url: pageURL})
}

// jsonLines reports whether a JSON input holds one object per line: its
// first line is a complete object on its own.
func jsonLines(head []byte) bool {
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(head) == 0 || head[0] != '{' {
		return false
	}
	line, _, found := bytes.Cut(head, []byte("\n"))
	if !found && len(head) == 8192 {
		return true // a first line longer than the sniffed head: a JSONL record
	}
	return jsonComplete(line)
}

// jsonComplete reports whether b is exactly one JSON value.
func jsonComplete(b []byte) bool {
	d := jsonDecoder(b)
	var v struct{}
	if d.Decode(&v) != nil {
		return false
	}
	_, err := d.Token()
	return err == io.EOF
}

// document splits a whole JSON document, one object or an array of objects,
// into records.
func (r *reader) document(name string, data []byte, pageURL string, send func(job) bool) bool {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) > 0 && trimmed[0] == '[' {
		items, err := splitArray(trimmed)
		if err != nil {
			return send(job{input: name, reject: "truncated or invalid JSON: " + err.Error()})
		}
		for i, item := range items {
			if !send(job{input: name, line: i + 1, data: item, format: FormatJSON, url: pageURL}) {
				return false
			}
		}
		return true
	}
	if !jsonComplete(trimmed) {
		_, err := splitArray(append(append([]byte("["), trimmed...), ']'))
		return send(job{input: name, reject: "truncated or invalid JSON: " + fmt.Sprint(err)})
	}
	return send(job{input: name, data: trimmed, format: FormatJSON, url: pageURL})
}

// lines reads JSON Lines, one job per non-empty line.
func (r *reader) lines(ctx context.Context, name string, br *bufio.Reader, pageURL string, send func(job) bool) bool {
	for n := 1; ; n++ {
		if ctx.Err() != nil {
			return false
		}
		line, tooLong, err := readLine(br, r.opts.MaxSize)
		if len(bytes.TrimSpace(line)) > 0 || tooLong {
			j := job{input: name, line: n, data: line, format: FormatJSON, url: pageURL}
			if tooLong {
				j.data, j.reject = nil, fmt.Sprintf("record exceeds the size limit of %d bytes (--max-size)", r.opts.MaxSize)
			}
			if !send(j) {
				return false
			}
		}
		if err == io.EOF {
			return true
		}
		if err != nil {
			return send(job{input: name, line: n, reject: readError(err)})
		}
	}
}

// readLine reads one line of at most max bytes; a longer line is consumed
// and reported as too long.
func readLine(br *bufio.Reader, max int64) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if int64(len(line)+len(chunk)) > max+1 {
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		return bytes.TrimRight(line, "\r\n"), tooLong, err
	}
}
