package sqlite

import (
	"context"
	"database/sql"
	"sync"
	"time"
)

// checkpointer copies the WAL into the database file in the background,
// on its own connection, every checkpointEvery when something was
// committed since. Left to SQLite, the checkpoint runs in the commit that
// passes the WAL's threshold: that commit then waits for the copy and two
// fsyncs, about a second on the benchmark machine for 128 MB of WAL, during
// which the one writer stores nothing and its posts queue. A passive
// checkpoint runs beside the writer and the readers and never waits for
// them; it copies what no reader still needs, and the next one the rest.
type checkpointer struct {
	db      *sql.DB // one connection, for checkpoints only
	every   time.Duration
	written chan struct{} // holds a token when a commit came since the last checkpoint
	stop    chan struct{}
	done    chan struct{}
	closed  sync.Once
}

// checkpointEvery spaces the checkpoints: at the benchmark's 200 articles
// a second, some 40 pages an article, one copies about as many pages as
// the writer's threshold once did (32,000): a page that many commits
// change is copied once for all of them.
const checkpointEvery = 4 * time.Second

// fallbackCheckpoint is the writer's own threshold in WAL pages (512 MB),
// which bounds the WAL should the checkpoints fall behind or fail.
const fallbackCheckpoint = "wal_autocheckpoint(131072)"

func startCheckpoints(db *sql.DB, every time.Duration) *checkpointer {
	db.SetMaxOpenConns(1)
	c := &checkpointer{db: db, every: every, written: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	go c.run()
	return c
}

func (c *checkpointer) run() {
	defer close(c.done)
	tick := time.NewTicker(c.every)
	defer tick.Stop()
	for {
		select {
		case <-c.stop:
			return
		case <-tick.C:
		}
		select {
		case <-c.written:
		default:
			continue
		}
		// An error (another process checkpointing, say) leaves the WAL
		// to the next checkpoint or to the writer's fallback.
		c.db.ExecContext(context.Background(), `PRAGMA wal_checkpoint(PASSIVE)`)
	}
}

// committed tells the checkpointer that the WAL grew.
func (c *checkpointer) committed() {
	select {
	case c.written <- struct{}{}:
	default:
	}
}

// close stops the checkpoints; closing the store's last connection
// checkpoints what is left. A store closed twice closes it twice.
func (c *checkpointer) close() error {
	c.closed.Do(func() { close(c.stop) })
	<-c.done
	return c.db.Close()
}
