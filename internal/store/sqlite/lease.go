package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Lease takes or renews holder's lease on key. SQLite is one machine's
// file, so the local clock is every holder's clock.
func (s *Store) Lease(ctx context.Context, key, holder string, ttl time.Duration) (bool, error) {
	now := time.Now()
	var got string
	err := s.w.QueryRowContext(ctx, `INSERT INTO leases (key, holder, expires) VALUES (?1, ?2, ?3)
		ON CONFLICT (key) DO UPDATE SET holder = excluded.holder, expires = excluded.expires
		WHERE leases.holder = excluded.holder OR leases.expires <= ?4
		RETURNING holder`, key, holder, now.Add(ttl).UnixNano(), now.UnixNano()).Scan(&got)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil // held by another, unexpired
	}
	if err != nil {
		return false, fmt.Errorf("lease %s: %w", key, err)
	}
	return got == holder, nil
}

// Release gives up holder's lease on key.
func (s *Store) Release(ctx context.Context, key, holder string) error {
	if _, err := s.w.ExecContext(ctx, `DELETE FROM leases WHERE key = ? AND holder = ?`, key, holder); err != nil {
		return fmt.Errorf("release %s: %w", key, err)
	}
	return nil
}
