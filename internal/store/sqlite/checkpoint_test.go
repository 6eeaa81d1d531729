package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A commit reaches the database file by the checkpointer's hand, with no
// further commit: the writer no longer checkpoints below its fallback.
func TestCommitsAreCheckpointedInTheBackground(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tocsin.db")
	s := openAt(t, path)
	s.checkpoints.close()
	c, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	s.checkpoints = startCheckpoints(c, 10*time.Millisecond)

	const body = "Rescue teams searched the collapsed parking garage in Quillota through the night, the regional governor said."
	tx, err := s.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Insert(ctx, bandDoc("garage", body)); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte("parking garage in Quillota")) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the committed article never reached the database file")
		}
	}
}

// Closing a store twice is harmless, as closing its connections is.
func TestCloseTwice(t *testing.T) {
	s := openAt(t, "")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s.Close() // must not panic
}
