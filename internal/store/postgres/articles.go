package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/jackc/pgx/v5"

	"github.com/tocsin/tocsin/internal/dedup"
	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
	"github.com/tocsin/tocsin/internal/text"
)

// tx is a write transaction.
type tx struct {
	s  *Store
	tx pgx.Tx
	// titles are the originals' titles, for the search ranker once
	// committed.
	titles []store.SearchHit
}

// Begin starts a write transaction. It holds a transaction-level advisory
// lock, so that the write transactions of every process sharing the
// database run one after another: each checks duplicates and assigns events
// against all that was committed before it, and article numbers (seq) are
// handed out in commit order, which After relies on.
func (s *Store) Begin(ctx context.Context) (store.Tx, error) {
	t, err := s.pool.Begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("begin: %w", err)
	}
	if _, err := t.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, writeLock); err != nil {
		t.Rollback(ctx)
		return nil, fmt.Errorf("begin: %w", err)
	}
	return &tx{s: s, tx: t}, nil
}

// Commit and Rollback end the transaction whatever the caller's context:
// a transaction left open would hold the write lock.
func (t *tx) Commit() error {
	if err := t.tx.Commit(context.Background()); err != nil {
		return err
	}
	t.s.ranker.Keep(t.titles)
	return nil
}

func (t *tx) Rollback() error { return t.tx.Rollback(context.Background()) }

func (t *tx) Fingerprint(ctx context.Context, id string) (string, error) {
	var fp string
	err := t.tx.QueryRow(ctx, `SELECT fingerprint FROM articles WHERE id = $1`, id).Scan(&fp)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", store.ErrNotFound
	}
	return fp, err
}

func (t *tx) FindExact(ctx context.Context, fingerprint string) (string, error) {
	var id string
	err := t.tx.QueryRow(ctx, `SELECT id FROM articles WHERE fingerprint = $1 AND duplicate_of IS NULL ORDER BY seq LIMIT 1`, fingerprint).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", store.ErrNotFound
	}
	return id, err
}

func (t *tx) FindNear(ctx context.Context, keys [dedup.Bands]int64) ([]store.Candidate, error) {
	rows, err := t.tx.Query(ctx, `SELECT a.id, a.minhash FROM articles a WHERE a.seq IN (
		SELECT seq FROM article_bands WHERE band_key = ANY($1)) ORDER BY a.seq`, keys[:])
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
	var dupOf, extra *string
	var similarity *float64
	if a.DuplicateOf != "" {
		dupOf, similarity = &a.DuplicateOf, &a.Similarity
	}
	if len(a.Extra) > 0 {
		e := string(a.Extra)
		extra = &e
	}
	var minhash []byte
	if sig != nil {
		minhash = sig.Bytes()
	}
	// Duplicates are neither indexed nor candidates: their original is.
	search := `NULL::tsvector`
	if a.DuplicateOf == "" {
		search = `setweight(to_tsvector($19::regconfig, $6), 'A') || to_tsvector($19::regconfig, $7) || to_tsvector('simple', $20)`
	}
	args := []any{a.ID, a.URL, a.Source, a.Agency, a.Author, a.Title, a.Body, utc(a.Published), a.Lang, a.Ingested.UTC(),
		a.Size, a.Format, a.Origin, a.Fingerprint, minhash, dupOf, similarity, extra}
	if a.DuplicateOf == "" {
		args = append(args, t.s.config(a.Lang), text.Fold(a.Title+"\n"+a.Body))
	}
	var seq int64
	err := t.tx.QueryRow(ctx, `INSERT INTO articles
		(id, url, source, agency, author, title, body, published, lang, ingested, size, format, origin, fingerprint, minhash, duplicate_of, similarity, extra, search)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,`+search+`) RETURNING seq`, args...).Scan(&seq)
	if err != nil {
		return fmt.Errorf("insert article %s: %w", a.ID, err)
	}
	if a.DuplicateOf != "" {
		return nil
	}
	t.titles = append(t.titles, store.SearchHit{Seq: seq, Title: a.Title, Lang: a.Lang})
	// Facts, entities and band keys in one round trip.
	b := &pgx.Batch{}
	if d.Facts != nil {
		if err := queueFacts(b, seq, d.Facts); err != nil {
			return fmt.Errorf("store facts of %s: %w", a.ID, err)
		}
	}
	if sig != nil {
		keys := sig.BandKeys()
		b.Queue(`INSERT INTO article_bands (band_key, seq) SELECT DISTINCT unnest($1::bigint[]), $2::bigint`, keys[:], seq)
	}
	if b.Len() == 0 {
		return nil
	}
	if err := t.tx.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("index article %s: %w", a.ID, err)
	}
	return nil
}

// utc is a time in UTC, or nil.
func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

const articleColumns = `a.id, a.url, a.source, a.agency, a.author, a.title, a.body, a.published, a.lang, a.ingested,
	a.size, a.format, a.origin, a.fingerprint, coalesce(a.duplicate_of, ''), coalesce(a.similarity, 0), a.extra`

func scanArticle(row pgx.Row, more ...any) (news.Article, error) {
	var a news.Article
	var extra *string
	dest := append([]any{&a.ID, &a.URL, &a.Source, &a.Agency, &a.Author, &a.Title, &a.Body, &a.Published, &a.Lang, &a.Ingested,
		&a.Size, &a.Format, &a.Origin, &a.Fingerprint, &a.DuplicateOf, &a.Similarity, &extra}, more...)
	if err := row.Scan(dest...); err != nil {
		return a, err
	}
	a.Published = utc(a.Published)
	a.Ingested = a.Ingested.UTC()
	if extra != nil {
		a.Extra = json.RawMessage(*extra)
	}
	return a, nil
}

// Article returns one article by id.
func (s *Store) Article(ctx context.Context, id string) (news.Article, error) {
	a, err := scanArticle(s.pool.QueryRow(ctx, `SELECT `+articleColumns+` FROM articles a WHERE a.id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return a, fmt.Errorf("article %s: %w", id, store.ErrNotFound)
	}
	return a, err
}

// Articles lists articles matching q: by search rank when searching, else
// newest first (undated last).
func (s *Store) Articles(ctx context.Context, q store.ArticleQuery) ([]news.Article, error) {
	var where []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if !q.Duplicates || q.Search != "" {
		where = append(where, `a.duplicate_of IS NULL`)
	}
	if !q.Since.IsZero() {
		where = append(where, `a.published >= `+arg(q.Since.UTC()))
	}
	if !q.Until.IsZero() {
		where = append(where, `a.published < `+arg(q.Until.UTC()))
	}
	if q.Lang != "" {
		where = append(where, `a.lang = `+arg(q.Lang))
	}
	if q.Source != "" {
		where = append(where, `a.source = `+arg(q.Source))
	}
	if strings.TrimSpace(q.Search) != "" {
		return s.search(ctx, q, where, &args, arg)
	}
	query := `SELECT ` + articleColumns + ` FROM articles a`
	if len(where) > 0 {
		query += ` WHERE ` + strings.Join(where, ` AND `)
	}
	query += ` ORDER BY a.published DESC NULLS LAST, a.seq DESC` + page(q.Limit, q.Offset)
	rows, err := s.pool.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	return collectArticles(rows)
}

func collectArticles(rows pgx.Rows) ([]news.Article, error) {
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

// search lists the matches of q.Search that pass the filters where: the
// newest store.Window of them, ranked by store.Ranker like the SQLite
// store's (ts_rank read every match's search vector).
// args holds the filters' parameters; arg adds the search's.
func (s *Store) search(ctx context.Context, q store.ArticleQuery, where []string, args *[]any, arg func(any) string) ([]news.Article, error) {
	langs := []string{q.Lang}
	if q.Lang == "" {
		var err error
		if langs, err = s.languages(ctx); err != nil {
			return nil, err
		}
	}
	units := store.SplitSearch(q.Search)
	tsq := s.tsquery(units, langs, arg)
	if tsq == "" {
		return nil, nil
	}
	query := `SELECT a.seq FROM articles a WHERE a.search @@ (` + tsq + `) AND ` + strings.Join(where, ` AND `) +
		` ORDER BY a.seq DESC`
	if w := store.Window(q.Limit, q.Offset); w > 0 {
		query += fmt.Sprintf(` LIMIT %d`, w)
	}
	rows, err := s.pool.Query(ctx, query, *args...)
	if err != nil {
		return nil, fmt.Errorf("search articles: %w", err)
	}
	seqs, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("search articles: %w", err)
	}
	weights, err := s.unitWeights(ctx, units, langs)
	if err != nil {
		return nil, err
	}
	titles := func(seqs []int64) ([]store.SearchHit, error) {
		rows, err := s.pool.Query(ctx, `SELECT seq, title, lang FROM articles WHERE seq = ANY($1)`, seqs)
		if err != nil {
			return nil, err
		}
		return pgx.CollectRows(rows, pgx.RowToStructByPos[store.SearchHit])
	}
	if err := s.ranker.Rank(units, weights, seqs, titles); err != nil {
		return nil, fmt.Errorf("search articles: %w", err)
	}
	if seqs = store.PageOf(seqs, q.Limit, q.Offset); len(seqs) == 0 {
		return nil, nil
	}
	// Only the page's articles are read whole, in the ranked order.
	rows, err = s.pool.Query(ctx, `SELECT `+articleColumns+` FROM unnest($1::bigint[]) WITH ORDINALITY p(seq, n)
		JOIN articles a ON a.seq = p.seq ORDER BY p.n`, seqs)
	if err != nil {
		return nil, fmt.Errorf("search articles: %w", err)
	}
	return collectArticles(rows)
}

// unitWeights returns the weights of units (nil for one unit: a weight
// changes no order then).
func (s *Store) unitWeights(ctx context.Context, units []store.SearchUnit, langs []string) ([]float64, error) {
	if len(units) < 2 {
		return nil, nil
	}
	var size int64
	if err := s.pool.QueryRow(ctx, `SELECT coalesce(max(seq), 0) FROM articles`).Scan(&size); err != nil {
		return nil, fmt.Errorf("search weights: %w", err)
	}
	out := make([]float64, len(units))
	for i, u := range units {
		var args []any
		tsq := s.tsquery([]store.SearchUnit{u}, langs, func(v any) string {
			args = append(args, v)
			return fmt.Sprintf("$%d", len(args))
		})
		if tsq == "" {
			continue
		}
		var err error
		out[i], err = s.ranker.Weight(fmt.Sprint(tsq, args), size, func() (n int, lowest int64, err error) {
			err = s.pool.QueryRow(ctx, fmt.Sprintf(`SELECT count(*), coalesce(min(seq), 0) FROM (SELECT seq FROM articles a
				WHERE a.search @@ (%s) ORDER BY seq DESC LIMIT %d) w`, tsq, store.SearchWindow), args...).Scan(&n, &lowest)
			return n, lowest, err
		})
		if err != nil {
			return nil, fmt.Errorf("search weights: %w", err)
		}
	}
	return out, nil
}

// languages returns the languages of stored articles. It hops through the
// lang index one language at a time (a loose index scan) instead of reading
// every row, which a search of millions of articles would otherwise pay.
func (s *Store) languages(ctx context.Context) ([]string, error) {
	rows, err := s.pool.Query(ctx, `WITH RECURSIVE l AS (
			SELECT min(lang) AS lang FROM articles
			UNION ALL
			SELECT (SELECT min(lang) FROM articles WHERE lang > l.lang) FROM l WHERE l.lang IS NOT NULL)
		SELECT lang FROM l WHERE lang IS NOT NULL`)
	if err != nil {
		return nil, fmt.Errorf("list languages: %w", err)
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
}

// tsquery turns a user's search into a tsquery expression, adding its
// parameters through arg: every word or "quoted phrase" must match, as
// written (case and diacritics aside) or by its stems in any of langs; a
// trailing * makes a word a prefix, matched as written only — the stem of a
// prefix is no prefix of the word's stem ("evacuat" vs "evacu"). The user's
// text only ever reaches PostgreSQL as parameters of phraseto_tsquery or as
// quoted lexemes, so no query syntax leaks through.
func (s *Store) tsquery(units []store.SearchUnit, langs []string, arg func(any) string) string {
	configs := []string{}
	seen := map[string]bool{"simple": true}
	for _, l := range langs {
		if c := s.config(l); !seen[c] {
			seen[c] = true
			configs = append(configs, c)
		}
	}
	var parts []string
	for _, unit := range units {
		prefix := unit.Prefix
		words := strings.FieldsFunc(text.Fold(unit.Text), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
		})
		if len(words) == 0 {
			continue
		}
		if prefix {
			lexemes := make([]string, len(words))
			for i, w := range words {
				lexemes[i] = `'` + strings.ReplaceAll(strings.ReplaceAll(w, `\`, `\\`), `'`, `''`) + `'`
			}
			parts = append(parts, `to_tsquery('simple', `+arg(strings.Join(lexemes, " <-> ")+":*")+`)`)
			continue
		}
		written := arg(strings.Join(words, " "))
		alts := []string{`phraseto_tsquery('simple', ` + written + `)`}
		if len(configs) > 0 {
			plain := arg(unit.Text)
			for _, c := range configs {
				alts = append(alts, `phraseto_tsquery('`+c+`', `+plain+`)`)
			}
		}
		parts = append(parts, "("+strings.Join(alts, " || ")+")")
	}
	return strings.Join(parts, " && ")
}

// page is the LIMIT/OFFSET clause of a listing; limit 0 means no limit.
func page(limit, offset int) string {
	out := ""
	if limit > 0 {
		out = fmt.Sprintf(` LIMIT %d`, limit)
	}
	if offset > 0 {
		out += fmt.Sprintf(` OFFSET %d`, offset)
	}
	return out
}

// Stats summarises the store.
func (s *Store) Stats(ctx context.Context) (store.Stats, error) {
	st := store.Stats{Languages: map[string]int{}, Sources: map[string]int{}, Formats: map[string]int{}}
	err := s.pool.QueryRow(ctx, `SELECT count(*), count(*) FILTER (WHERE duplicate_of IS NULL),
		count(*) FILTER (WHERE published IS NULL), coalesce(sum(size), 0), min(published), max(published) FROM articles`).
		Scan(&st.Articles, &st.Originals, &st.Undated, &st.Bytes, &st.First, &st.Last)
	if err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	st.Duplicates = st.Articles - st.Originals
	st.First, st.Last = utc(st.First), utc(st.Last)
	for _, g := range []struct {
		query string
		into  map[string]int
	}{
		{`SELECT lang, count(*) FROM articles WHERE duplicate_of IS NULL GROUP BY lang`, st.Languages},
		{`SELECT source, count(*) FROM articles WHERE duplicate_of IS NULL GROUP BY source`, st.Sources},
		{`SELECT format, count(*) FROM articles GROUP BY format`, st.Formats},
	} {
		rows, err := s.pool.Query(ctx, g.query)
		if err != nil {
			return st, fmt.Errorf("stats: %w", err)
		}
		var k string
		var n int
		_, err = pgx.ForEachRow(rows, []any{&k, &n}, func() error {
			g.into[k] = n
			return nil
		})
		if err != nil {
			return st, fmt.Errorf("stats: %w", err)
		}
	}
	return st, nil
}
