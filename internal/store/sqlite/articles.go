package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tocsin/tocsin/internal/dedup"
	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
	"github.com/tocsin/tocsin/internal/text"
)

// timeLayout is fixed-width so that stored times sort as text.
const timeLayout = "2006-01-02T15:04:05Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// tx is a write transaction.
type tx struct {
	tx *sql.Tx
	// fts holds full-text rows until commit: FTS5 flushes its pending
	// index at every statement savepoint, so one insert per article would
	// write the index once per article instead of once per batch.
	fts   []any
	stmts map[string]*sql.Stmt
	// inserted maps the originals inserted in this transaction to their
	// seq, so that assigning one does not look up the row just written.
	inserted map[string]int64
	// titles are the originals' titles, for the search ranker once
	// committed (a seq rolled back is given again).
	titles []store.SearchHit
	ranker *store.Ranker
	// bands is the store's near-duplicate index, caught up once per
	// transaction (caughtUp) before its own articles, which own indexes
	// until the next transaction's catch-up reads them from the table.
	bands    *bandIndex
	caughtUp bool
	own      bandIndex
	// known is the store's set of stored entities; entities are those
	// this transaction inserted or found stored, known once committed.
	known    *entitySet
	entities []string
	// recent is the store's index of recent originals, given this
	// transaction's as it commits; base is the highest seq before it.
	recent *recentIndex
	base   int64
	// checkpoints is told of the commit.
	checkpoints *checkpointer
}

// stmt prepares query once per transaction: preparing is a large part of
// the cost of the small statements run for every article.
func (t *tx) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := t.stmts[query]; ok {
		return st, nil
	}
	st, err := t.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if t.stmts == nil {
		t.stmts = map[string]*sql.Stmt{}
	}
	t.stmts[query] = st
	return st, nil
}

// queryRow runs a prepared single-row query.
func (t *tx) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := t.stmt(ctx, query)
	if err != nil {
		// sql.Row carries no error of its own making: run it unprepared,
		// which reports the same error on Scan.
		return t.tx.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

func (t *tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

// ftsRows bounds one multi-row insert into the full-text index.
const ftsRows = 200

// Begin starts a write transaction.
func (s *Store) Begin(ctx context.Context) (store.Tx, error) {
	t, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("begin: %w", err)
	}
	tx := &tx{tx: t, ranker: &s.ranker, bands: &s.bands, known: &s.known, recent: s.recent, checkpoints: s.checkpoints}
	// The transaction holds the write lock from its start (immediate):
	// no other writer stores an article before it commits.
	if err := t.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM articles`).Scan(&tx.base); err != nil {
		t.Rollback()
		return nil, fmt.Errorf("begin: %w", err)
	}
	return tx, nil
}

func (t *tx) Commit() error {
	rows := t.fts // flush consumes t.fts
	if err := t.flush(); err != nil {
		t.tx.Rollback()
		return err
	}
	var top int64
	if err := t.tx.QueryRow(`SELECT coalesce(max(seq), 0) FROM articles`).Scan(&top); err != nil {
		t.tx.Rollback()
		return fmt.Errorf("commit: %w", err)
	}
	t.recent.stage(context.Background(), t.base, top, rows)
	if err := t.tx.Commit(); err != nil {
		t.recent.commit(top, false)
		return err
	}
	t.checkpoints.committed()
	t.recent.commit(top, true)
	t.ranker.Keep(t.titles)
	t.known.add(t.entities)
	return nil
}

// catchUpBands brings the near-duplicate index up to date, before the
// transaction's own articles (which it keeps apart until commit).
func (t *tx) catchUpBands(ctx context.Context) error {
	if t.caughtUp {
		return nil
	}
	if err := t.bands.catchUp(ctx, t.tx); err != nil {
		return fmt.Errorf("load near-duplicate index: %w", err)
	}
	t.caughtUp = true
	return nil
}

func (t *tx) flush() error {
	for len(t.fts) > 0 {
		n := min(len(t.fts), 4*ftsRows)
		rows := strings.Repeat(",(?,?,?,?)", n/4)[1:]
		if _, err := t.tx.Exec(`INSERT INTO articles_fts (rowid, title, body, terms) VALUES `+rows, t.fts[:n]...); err != nil {
			return fmt.Errorf("index articles: %w", err)
		}
		t.fts = t.fts[n:]
	}
	return nil
}

func (t *tx) Rollback() error { return t.tx.Rollback() }

func (t *tx) Fingerprint(ctx context.Context, id string) (string, error) {
	var fp string
	err := t.queryRow(ctx, `SELECT fingerprint FROM articles WHERE id = ?`, id).Scan(&fp)
	if errors.Is(err, sql.ErrNoRows) {
		return "", store.ErrNotFound
	}
	return fp, err
}

func (t *tx) FindExact(ctx context.Context, fingerprint string) (string, error) {
	var id string
	err := t.queryRow(ctx, `SELECT id FROM articles WHERE fingerprint = ? AND duplicate_of IS NULL ORDER BY seq LIMIT 1`, fingerprint).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", store.ErrNotFound
	}
	return id, err
}

func (t *tx) FindNear(ctx context.Context, keys [dedup.Bands]int64) ([]store.Candidate, error) {
	if err := t.catchUpBands(ctx); err != nil {
		return nil, err
	}
	seqs := t.own.lookup(t.bands.lookup(nil, keys[:]), keys[:])
	if len(seqs) == 0 {
		return nil, nil
	}
	st, err := t.stmt(ctx, `SELECT a.id, a.minhash FROM articles a WHERE a.seq IN (SELECT value FROM json_each(?)) ORDER BY a.seq`)
	if err != nil {
		return nil, fmt.Errorf("find near duplicates: %w", err)
	}
	rows, err := st.QueryContext(ctx, jsonList(seqs))
	if err != nil {
		return nil, fmt.Errorf("find near duplicates: %w", err)
	}
	defer rows.Close()
	var out []store.Candidate
	for rows.Next() {
		var c store.Candidate
		var raw []byte
		if err := rows.Scan(&c.ID, &raw); err != nil {
			return nil, err
		}
		if sig, ok := dedup.ParseSignature(raw); ok {
			c.Sig = sig
			out = append(out, c)
		}
	}
	return out, rows.Err()
}

func (t *tx) Insert(ctx context.Context, d store.Doc) error {
	a, sig := d.Article, d.Sig
	var published, dupOf, extra, similarity any
	if a.Published != nil {
		published = formatTime(*a.Published)
	}
	if a.DuplicateOf != "" {
		dupOf, similarity = a.DuplicateOf, a.Similarity
	}
	if len(a.Extra) > 0 {
		extra = string(a.Extra)
	}
	var minhash []byte
	if sig != nil {
		minhash = sig.Bytes()
	}
	res, err := t.exec(ctx, `INSERT INTO articles
		(id, url, source, agency, author, title, body, published, lang, ingested, size, format, origin, fingerprint, minhash, duplicate_of, similarity, extra)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		a.ID, a.URL, a.Source, a.Agency, a.Author, a.Title, a.Body, published, a.Lang, formatTime(a.Ingested),
		a.Size, a.Format, a.Origin, a.Fingerprint, minhash, dupOf, similarity, extra)
	if err != nil {
		return fmt.Errorf("insert article %s: %w", a.ID, err)
	}
	if a.DuplicateOf != "" {
		return nil // copies are neither indexed nor candidates: their original is
	}
	seq, err := res.LastInsertId()
	if err != nil {
		return err
	}
	if t.inserted == nil {
		t.inserted = map[string]int64{}
	}
	t.inserted[a.ID] = seq
	t.fts = append(t.fts, seq, a.Title, a.Body, d.Terms)
	t.titles = append(t.titles, store.SearchHit{Seq: seq, Title: a.Title, Lang: a.Lang})
	if d.Facts != nil {
		if err := t.insertFacts(ctx, seq, d.Facts); err != nil {
			return fmt.Errorf("store facts of %s: %w", a.ID, err)
		}
	}
	if sig != nil {
		if err := t.catchUpBands(ctx); err != nil {
			return err
		}
		keys := sig.BandKeys()
		if _, err := t.exec(ctx, `INSERT INTO article_band_keys (seq, keys) VALUES (?,?)`, seq, formatBandKeys(keys[:])); err != nil {
			return fmt.Errorf("index article %s: %w", a.ID, err)
		}
		t.own.add(seq, keys[:])
	}
	return nil
}

const articleColumns = `a.id, a.url, a.source, a.agency, a.author, a.title, a.body, a.published, a.lang, a.ingested,
	a.size, a.format, a.origin, a.fingerprint, a.duplicate_of, a.similarity, a.extra`

func scanArticle(row interface{ Scan(...any) error }) (news.Article, error) {
	var a news.Article
	var published, dupOf, extra sql.NullString
	var similarity sql.NullFloat64
	var ingested string
	err := row.Scan(&a.ID, &a.URL, &a.Source, &a.Agency, &a.Author, &a.Title, &a.Body, &published, &a.Lang, &ingested,
		&a.Size, &a.Format, &a.Origin, &a.Fingerprint, &dupOf, &similarity, &extra)
	if err != nil {
		return a, err
	}
	if published.Valid {
		t, err := time.Parse(timeLayout, published.String)
		if err != nil {
			return a, fmt.Errorf("article %s: bad published time %q", a.ID, published.String)
		}
		a.Published = &t
	}
	if a.Ingested, err = time.Parse(timeLayout, ingested); err != nil {
		return a, fmt.Errorf("article %s: bad ingested time %q", a.ID, ingested)
	}
	a.DuplicateOf, a.Similarity = dupOf.String, similarity.Float64
	if extra.Valid {
		a.Extra = json.RawMessage(extra.String)
	}
	return a, nil
}

// Article returns one article by id.
func (s *Store) Article(ctx context.Context, id string) (news.Article, error) {
	a, err := scanArticle(s.r.QueryRowContext(ctx, `SELECT `+articleColumns+` FROM articles a WHERE a.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("article %s: %w", id, store.ErrNotFound)
	}
	return a, err
}

// Articles lists articles matching q: by search rank when searching, else
// newest first (undated last).
func (s *Store) Articles(ctx context.Context, q store.ArticleQuery) ([]news.Article, error) {
	where, args := articleWhere(q)
	if strings.TrimSpace(q.Search) != "" {
		return s.search(ctx, q, where, args)
	}
	if !q.Duplicates {
		where = append(where, `a.duplicate_of IS NULL`)
	}
	query := `SELECT ` + articleColumns + ` FROM articles a`
	if len(where) > 0 {
		query += ` WHERE ` + strings.Join(where, ` AND `)
	}
	query += ` ORDER BY a.published IS NULL, a.published DESC, a.seq DESC` + page(q.Limit, q.Offset)
	return s.readArticles(ctx, query, args...)
}

// articleWhere is the filter of q but for its search.
func articleWhere(q store.ArticleQuery) ([]string, []any) {
	var where []string
	var args []any
	if !q.Since.IsZero() {
		where = append(where, `a.published >= ?`)
		args = append(args, formatTime(q.Since))
	}
	if !q.Until.IsZero() {
		where = append(where, `a.published < ?`)
		args = append(args, formatTime(q.Until))
	}
	if q.Lang != "" {
		where = append(where, `a.lang = ?`)
		args = append(args, q.Lang)
	}
	if q.Source != "" {
		where = append(where, `a.source = ?`)
		args = append(args, q.Source)
	}
	return where, args
}

// search lists the matches of q.Search that pass the filters where: the
// newest store.Window of them, ranked by store.Ranker. FTS5's bm25
// counted every match of each word and looked up each match's size, per
// query: nine tenths of a search's cost with 500 matches.
func (s *Store) search(ctx context.Context, q store.ArticleQuery, where []string, args []any) ([]news.Article, error) {
	var upTo int64 // the store's size, for the languages, the window and the weights
	if err := s.queryRow(ctx, `SELECT coalesce(max(seq), 0) FROM articles`).Scan(&upTo); err != nil {
		return nil, fmt.Errorf("search articles: %w", err)
	}
	langs := []string{q.Lang}
	if q.Lang == "" {
		var err error
		if langs, err = s.languagesAt(ctx, upTo); err != nil {
			return nil, err
		}
	}
	units := store.SplitSearch(q.Search)
	match := matchExpr(units, langs)
	if match == "" {
		return nil, nil
	}
	// The full-text index holds originals only (Insert), so no duplicate
	// is ever a match, and FTS5 reads matches in rowid order, so the
	// newest come first.
	order := ` ORDER BY f.rowid DESC`
	w := store.Window(q.Limit, q.Offset)
	if w > 0 {
		order += fmt.Sprintf(` LIMIT %d`, w)
	}
	var query string
	switch {
	case len(where) == 0:
		query = `SELECT f.rowid FROM articles_fts f WHERE articles_fts MATCH ?`
	case q.Source != "":
		// A source's articles, from its index, are few next to the
		// matches of a common word: testing each match against them in
		// memory reads no article row per match, which took 125 ms for
		// a word in 40,000 articles. (The + keeps SQLite from looking
		// each of them up in FTS5 instead, 0.4 ms apiece.)
		query = `SELECT f.rowid FROM articles_fts f WHERE articles_fts MATCH ?
			AND +f.rowid IN (SELECT a.seq FROM articles a WHERE ` + strings.Join(where, ` AND `) + `)`
	default:
		// CROSS JOIN keeps the index the outer loop: led by a filter's
		// index instead, SQLite looks each article up in FTS5, which
		// costs far more than scanning the matches.
		query = `SELECT f.rowid FROM articles_fts f CROSS JOIN articles a ON a.seq = f.rowid
			WHERE articles_fts MATCH ? AND ` + strings.Join(where, ` AND `)
	}
	args = append([]any{match}, args...)
	mark := func(seqs []int64) ([]uint64, error) { return s.ranker.Marks(units, seqs, s.titles(ctx)) }
	var seqs []int64
	var marks []uint64
	var err error
	if w > 0 && w <= store.SearchWindow { // pages far out are rare: not kept, so that windows stay small
		recent := ""
		if len(where) == 0 {
			recent = match
		}
		seqs, marks, err = s.matches(ctx, fmt.Sprint(units), query, order, args, w, upTo, recent, mark)
	} else if seqs, err = column[int64](ctx, s, query+order, args...); err == nil {
		marks, err = mark(seqs)
	}
	if err != nil {
		return nil, fmt.Errorf("search articles: %w", err)
	}
	weights, err := s.unitWeights(ctx, units, langs, upTo)
	if err != nil {
		return nil, err
	}
	seqs = store.Order(seqs, marks, weights)
	if seqs = store.PageOf(seqs, q.Limit, q.Offset); len(seqs) == 0 {
		return nil, nil
	}
	// Only the page's articles are read whole: bodies are most of a row.
	bySeq, missing := s.pages.get(seqs)
	if len(missing) > 0 {
		read, err := s.articlesBySeq(ctx, missing)
		if err != nil {
			return nil, fmt.Errorf("search articles: %w", err)
		}
		s.pages.put(read)
		maps.Copy(bySeq, read)
	}
	out := make([]news.Article, 0, len(seqs))
	for _, seq := range seqs {
		if a, ok := bySeq[seq]; ok {
			out = append(out, a)
		}
	}
	return out, nil
}

// articlesBySeq reads articles by insertion number.
func (s *Store) articlesBySeq(ctx context.Context, seqs []int64) (map[int64]news.Article, error) {
	rows, err := s.query(ctx, `SELECT `+articleColumns+`, a.seq FROM articles a WHERE a.seq IN (SELECT value FROM json_each(?))`, jsonList(seqs))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]news.Article{}
	for rows.Next() {
		var seq int64
		a, err := scanArticle(scanAppend{rows, []any{&seq}})
		if err != nil {
			return nil, err
		}
		out[seq] = a
	}
	return out, rows.Err()
}

// pageCache keeps the articles that search pages showed, by insertion
// number: reading and decoding the 20 articles of a page was a third of a
// search's cost under ingest, where a popular search is answered afresh
// every time new articles match it, mostly with the same first page. A
// stored article never changes.
type pageCache struct {
	mu       sync.Mutex
	articles map[int64]news.Article
	bytes    int
}

// maxPageBytes bounds the bytes of the articles a pageCache keeps.
const maxPageBytes = 32 << 20

func articleBytes(a news.Article) int {
	return 256 + len(a.Title) + len(a.Body) + len(a.URL) + len(a.Extra)
}

// get returns the kept articles of seqs, and the seqs it does not keep.
func (c *pageCache) get(seqs []int64) (map[int64]news.Article, []int64) {
	out := make(map[int64]news.Article, len(seqs))
	var missing []int64
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, seq := range seqs {
		if a, ok := c.articles[seq]; ok {
			out[seq] = a
		} else {
			missing = append(missing, seq)
		}
	}
	return out, missing
}

// put keeps articles, dropping arbitrary ones (map order is random) to
// stay within maxPageBytes.
func (c *pageCache) put(articles map[int64]news.Article) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.articles == nil {
		c.articles = map[int64]news.Article{}
	}
	for seq, a := range articles {
		if _, ok := c.articles[seq]; ok {
			continue
		}
		n := articleBytes(a)
		for old, o := range c.articles {
			if c.bytes+n <= maxPageBytes {
				break
			}
			c.bytes -= articleBytes(o)
			delete(c.articles, old)
		}
		if c.bytes+n <= maxPageBytes {
			c.articles[seq] = a
			c.bytes += n
		}
	}
}

// titles reads the titles and languages of articles by insertion number,
// for the search ranker.
func (s *Store) titles(ctx context.Context) func(seqs []int64) ([]store.SearchHit, error) {
	return func(seqs []int64) ([]store.SearchHit, error) {
		rows, err := s.query(ctx, `SELECT seq, title, lang FROM articles WHERE seq IN (SELECT value FROM json_each(?))`, jsonList(seqs))
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []store.SearchHit
		for rows.Next() {
			var h store.SearchHit
			if err := rows.Scan(&h.Seq, &h.Title, &h.Lang); err != nil {
				return nil, err
			}
			out = append(out, h)
		}
		return out, rows.Err()
	}
}

// jsonList is seqs as a JSON array: one parameter whatever their number,
// so that the statement is prepared once (json_each reads it).
func jsonList(seqs []int64) string {
	b := make([]byte, 0, 8*len(seqs)+2)
	b = append(b, '[')
	for i, seq := range seqs {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, seq, 10)
	}
	return string(append(b, ']'))
}

// unitWeights returns the weights of units in a store of size articles
// (nil for one unit: a weight changes no order then).
func (s *Store) unitWeights(ctx context.Context, units []store.SearchUnit, langs []string, size int64) ([]float64, error) {
	if len(units) < 2 {
		return nil, nil
	}
	out := make([]float64, len(units))
	for i, u := range units {
		match := matchExpr([]store.SearchUnit{u}, langs)
		if match == "" {
			continue
		}
		var err error
		out[i], err = s.ranker.Weight(match, size, func() (n int, lowest int64, err error) {
			err = s.queryRow(ctx, fmt.Sprintf(`SELECT count(*), coalesce(min(rowid), 0) FROM (SELECT rowid FROM articles_fts
				WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT %d)`, store.SearchWindow), match).Scan(&n, &lowest)
			return n, lowest, err
		})
		if err != nil {
			return nil, fmt.Errorf("search weights: %w", err)
		}
	}
	return out, nil
}

// readArticles runs a query of articleColumns.
func (s *Store) readArticles(ctx context.Context, query string, args ...any) ([]news.Article, error) {
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	defer rows.Close()
	var out []news.Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// languages returns the languages of stored articles.
func (s *Store) languages(ctx context.Context) ([]string, error) {
	var upTo int64
	if err := s.queryRow(ctx, `SELECT coalesce(max(seq), 0) FROM articles`).Scan(&upTo); err != nil {
		return nil, fmt.Errorf("list languages: %w", err)
	}
	return s.languagesAt(ctx, upTo)
}

// languagesAt returns the languages of stored articles, upTo being the
// highest seq just read: they are read again only once articles have been
// stored since the last read, which under ingest is a tenth of a second
// rather than every search.
func (s *Store) languagesAt(ctx context.Context, upTo int64) ([]string, error) {
	s.langs.mu.Lock()
	keptUpTo, kept := s.langs.upTo, s.langs.list
	s.langs.mu.Unlock()
	if keptUpTo == upTo && kept != nil {
		return kept, nil
	}
	// DISTINCT would read the whole lang index (2.2 s of CPU in 20 s of
	// the serve benchmark, once per search); stepping from one language to
	// the next seeks the index once per language.
	langs, err := column[string](ctx, s, `WITH RECURSIVE l(lang) AS (
		SELECT min(lang) FROM articles
		UNION ALL SELECT (SELECT min(lang) FROM articles WHERE lang > l.lang) FROM l WHERE l.lang IS NOT NULL)
		SELECT lang FROM l WHERE lang IS NOT NULL`)
	if err != nil {
		return nil, fmt.Errorf("list languages: %w", err)
	}
	if langs == nil {
		langs = []string{}
	}
	s.langs.mu.Lock()
	if upTo >= s.langs.upTo { // read at least as late as what is kept
		s.langs.upTo, s.langs.list = upTo, langs
	}
	s.langs.mu.Unlock()
	return langs, nil
}

func nullTime(s sql.NullString) *time.Time {
	if !s.Valid {
		return nil
	}
	t, err := time.Parse(timeLayout, s.String)
	if err != nil {
		return nil
	}
	return &t
}

// Stats summarises the store.
func (s *Store) Stats(ctx context.Context) (store.Stats, error) {
	st := store.Stats{Languages: map[string]int{}, Sources: map[string]int{}, Formats: map[string]int{}}
	var first, last sql.NullString
	err := s.r.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE duplicate_of IS NULL),
		count(*) FILTER (WHERE published IS NULL), coalesce(sum(size), 0), min(published), max(published) FROM articles`).
		Scan(&st.Articles, &st.Originals, &st.Undated, &st.Bytes, &first, &last)
	if err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	st.Duplicates = st.Articles - st.Originals
	st.First, st.Last = nullTime(first), nullTime(last)
	for _, g := range []struct {
		query string
		into  map[string]int
	}{
		{`SELECT lang, count(*) FROM articles WHERE duplicate_of IS NULL GROUP BY lang`, st.Languages},
		{`SELECT source, count(*) FROM articles WHERE duplicate_of IS NULL GROUP BY source`, st.Sources},
		{`SELECT format, count(*) FROM articles GROUP BY format`, st.Formats},
	} {
		rows, err := s.r.QueryContext(ctx, g.query)
		if err != nil {
			return st, fmt.Errorf("stats: %w", err)
		}
		for rows.Next() {
			var k string
			var n int
			if err := rows.Scan(&k, &n); err != nil {
				rows.Close()
				return st, err
			}
			g.into[k] = n
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return st, err
		}
	}
	return st, nil
}

// matchExpr turns a search's units into an FTS5 expression: every word or
// "quoted phrase" must match, as written in title or body, or by its stems
// in any of langs; a prefix unit matches as written only.
func matchExpr(units []store.SearchUnit, langs []string) string {
	var parts []string
	for _, unit := range units {
		words := text.Terms("", unit.Text)
		if len(words) == 0 {
			continue
		}
		phrase := quote(strings.Join(words, " "))
		// Stems of the unit in every language, so that inflected forms meet.
		// A prefix is matched as written only: the stem of a prefix is no
		// prefix of the word's stem ("evacuat" vs "evacu").
		seen := map[string]bool{}
		alts := []string{}
		for _, l := range langs {
			st := quote(text.TermString(l, strings.Join(words, " ")))
			if st != `""` && !seen[st] {
				seen[st] = true
				alts = append(alts, st)
			}
		}
		var expr string
		if unit.Prefix {
			expr = fmt.Sprintf(`{title body} : %s*`, phrase)
		} else {
			// A stem phrase that is the written one is looked up once, in
			// the three columns: FTS5 looks each phrase up in every segment
			// of its index, and half of the words searched are their own
			// stem.
			cols := `{title body}`
			if i := slices.Index(alts, phrase); i >= 0 {
				cols, alts = `{title body terms}`, slices.Delete(alts, i, i+1)
			}
			expr = cols + ` : ` + phrase
			if len(alts) > 0 {
				expr += ` OR terms : (` + strings.Join(alts, " OR ") + `)`
			}
		}
		parts = append(parts, "("+expr+")")
	}
	return strings.Join(parts, " AND ")
}

func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
