// Package postgres is the Tocsin store for several processes sharing one
// PostgreSQL database: ingest workers and API servers on many machines. It
// keeps the store contract of package store with the same semantics as the
// SQLite store, with schema migrations embedded in the binary and full-text
// search through PostgreSQL's own language configurations. It does not
// create the database itself, only the tables in it.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tocsin/tocsin/internal/store"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is a Tocsin store in one PostgreSQL database.
type Store struct {
	pool *pgxpool.Pool
	// configs maps ISO 639-1 codes to the text search configurations this
	// server has; other languages are searched with 'simple'.
	configs map[string]string

	ranker store.Ranker // search ranking's reusable parts
}

var _ store.Store = (*Store)(nil)

// Lock keys of pg_advisory_xact_lock, derived from names so that they do
// not collide with another application's numbers by accident.
var (
	migrateLock = lockKey("tocsin.migrate")
	writeLock   = lockKey("tocsin.write")
)

func lockKey(name string) int64 {
	h := fnv.New64a()
	h.Write([]byte(name))
	return int64(h.Sum64())
}

// IsURL reports whether db names a PostgreSQL database rather than a file.
func IsURL(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// Open connects to the database at url (postgres://user@host:port/db?…),
// and brings its schema up to date.
func Open(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err) // the error names the problem, not the password
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", redact(url), err)
	}
	s := &Store{pool: pool}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open store %s: %w", redact(url), err)
	}
	if s.configs, err = s.searchConfigs(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open store %s: %w", redact(url), err)
	}
	return s, nil
}

// redact hides the password of a database URL in messages.
func redact(url string) string {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return "(bad url)"
	}
	return fmt.Sprintf("postgres://%s@%s:%d/%s", cfg.User, cfg.Host, cfg.Port, cfg.Database)
}

// Close closes the connections.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

type migration struct {
	version int
	name    string
	body    string
}

func embedded() ([]migration, error) {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []migration
	for _, name := range names {
		base := path.Base(name)
		version, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number", base)
		}
		body, err := migrations.ReadFile(name)
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version, base, string(body)})
	}
	return out, nil
}

// migrate applies the embedded migrations not yet recorded, in number
// order, each in a transaction holding an advisory lock: processes starting
// together on a new database wait for each other instead of racing.
func (s *Store) migrate(ctx context.Context) error {
	all, err := embedded()
	if err != nil {
		return err
	}
	for _, m := range append([]migration{{version: 0}}, all...) {
		err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, migrateLock); err != nil {
				return err
			}
			if m.version == 0 {
				_, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
					version integer PRIMARY KEY, name text NOT NULL, applied timestamptz NOT NULL DEFAULT now())`)
				return err
			}
			var done bool
			if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = $1)`, m.version).Scan(&done); err != nil || done {
				return err
			}
			if _, err := tx.Exec(ctx, m.body); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`, m.version, m.name)
			return err
		})
		if err != nil {
			if m.version == 0 {
				return fmt.Errorf("migrate: %w", err)
			}
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return nil
}

// Migrations lists the migrations applied to the database, in order.
func (s *Store) Migrations(ctx context.Context) ([]store.Migration, error) {
	rows, err := s.pool.Query(ctx, `SELECT version, name, applied FROM schema_migrations ORDER BY version`)
	if err != nil {
		return nil, fmt.Errorf("list migrations: %w", err)
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (store.Migration, error) {
		var m store.Migration
		err := row.Scan(&m.Version, &m.Name, &m.Applied)
		m.Applied = m.Applied.UTC()
		return m, err
	})
}

// languageConfigs maps ISO 639-1 codes to PostgreSQL text search
// configurations; the server may lack some (older versions), which are then
// left out.
var languageConfigs = map[string]string{
	"ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "da": "danish",
	"nl": "dutch", "en": "english", "fi": "finnish", "fr": "french", "de": "german",
	"el": "greek", "hi": "hindi", "hu": "hungarian", "id": "indonesian", "ga": "irish",
	"it": "italian", "lt": "lithuanian", "ne": "nepali", "no": "norwegian", "nb": "norwegian",
	"pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian", "es": "spanish",
	"sv": "swedish", "ta": "tamil", "tr": "turkish", "yi": "yiddish",
}

func (s *Store) searchConfigs(ctx context.Context) (map[string]string, error) {
	rows, err := s.pool.Query(ctx, `SELECT cfgname FROM pg_ts_config`)
	if err != nil {
		return nil, fmt.Errorf("text search configurations: %w", err)
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("text search configurations: %w", err)
	}
	have := map[string]bool{}
	for _, n := range names {
		have[n] = true
	}
	out := map[string]string{}
	for code, cfg := range languageConfigs {
		if have[cfg] {
			out[code] = cfg
		}
	}
	return out, nil
}

// config returns the text search configuration of a language.
func (s *Store) config(lang string) string {
	if c, ok := s.configs[lang]; ok {
		return c
	}
	return "simple"
}

// CreateDatabase creates the database name on the server at url (any
// database of it), for tests and benchmarks that need a fresh store, and
// returns the new database's URL.
func CreateDatabase(ctx context.Context, url, name string) (string, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return "", err
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return "", fmt.Errorf("create database %s: %w", name, err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `CREATE DATABASE `+pgx.Identifier{name}.Sanitize()); err != nil {
		return "", fmt.Errorf("create database %s: %w", name, err)
	}
	return withDatabase(url, name)
}

// DropDatabase drops the database name on the server at url, closing its
// connections.
func DropDatabase(ctx context.Context, url, name string) error {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return fmt.Errorf("drop database %s: %w", name, err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `DROP DATABASE IF EXISTS `+pgx.Identifier{name}.Sanitize()+` WITH (FORCE)`); err != nil {
		return fmt.Errorf("drop database %s: %w", name, err)
	}
	return nil
}

// withDatabase returns url with its database replaced by name.
func withDatabase(url, name string) (string, error) {
	i := strings.Index(url, "://")
	if i < 0 {
		return "", errors.New("database url has no scheme")
	}
	rest := url[i+3:]
	query := ""
	if q := strings.IndexByte(rest, '?'); q >= 0 {
		rest, query = rest[:q], rest[q:]
	}
	if slash := strings.IndexByte(rest, '/'); slash >= 0 {
		rest = rest[:slash]
	}
	return url[:i+3] + rest + "/" + name + query, nil
}

// Lease takes or renews holder's lease on key. Expiry is judged by the
// database server's clock, the one clock all workers share.
func (s *Store) Lease(ctx context.Context, key, holder string, ttl time.Duration) (bool, error) {
	var got string
	err := s.pool.QueryRow(ctx, `INSERT INTO leases (key, holder, expires)
		VALUES ($1, $2, clock_timestamp() + $3 * interval '1 microsecond')
		ON CONFLICT (key) DO UPDATE SET holder = excluded.holder, expires = excluded.expires
		WHERE leases.holder = excluded.holder OR leases.expires <= clock_timestamp()
		RETURNING holder`, key, holder, ttl.Microseconds()).Scan(&got)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil // held by another, unexpired
	}
	if err != nil {
		return false, fmt.Errorf("lease %s: %w", key, err)
	}
	return got == holder, nil
}

// Release gives up holder's lease on key.
func (s *Store) Release(ctx context.Context, key, holder string) error {
	if _, err := s.pool.Exec(ctx, `DELETE FROM leases WHERE key = $1 AND holder = $2`, key, holder); err != nil {
		return fmt.Errorf("release %s: %w", key, err)
	}
	return nil
}
