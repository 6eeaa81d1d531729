package web

import (
	"context"
	"sync"
)

// turns hands reads their turns (Config.MaxReads), first come, first
// served. While the writer stores, fewer reads are served at once
// (storingMax): the writer is one goroutine doing a processor's work, and
// among readers that keep every processor busy it got half of one, so
// that under a steady stream of posts it fell behind however cheap each
// article was, while queued posts, and the age of what readers see, grew
// without bound. Reads already served keep their turn.
type turns struct {
	mu         sync.Mutex
	busy       int // turns held
	max        int // turns while the writer is idle
	storingMax int // turns while it stores
	storing    int // writers storing (the server has one; the count keeps nesting safe)
	waiting    []chan struct{}
}

func newTurns(max, storingMax int) *turns {
	return &turns{max: max, storingMax: min(max, storingMax)}
}

// limit is the number of turns that may be held now; the caller holds mu.
func (t *turns) limit() int {
	if t.storing > 0 {
		return t.storingMax
	}
	return t.max
}

// take waits for a turn; false when ctx ended first, holding none.
func (t *turns) take(ctx context.Context) bool {
	t.mu.Lock()
	if len(t.waiting) == 0 && t.busy < t.limit() {
		t.busy++
		t.mu.Unlock()
		return true
	}
	ready := make(chan struct{}, 1)
	t.waiting = append(t.waiting, ready)
	t.mu.Unlock()
	select {
	case <-ready:
		return true
	case <-ctx.Done():
		t.mu.Lock()
		defer t.mu.Unlock()
		for i, w := range t.waiting {
			if w == ready {
				t.waiting = append(t.waiting[:i], t.waiting[i+1:]...)
				return false
			}
		}
		// Handed a turn as ctx ended: give it on.
		t.busy--
		t.wake()
		return false
	}
}

// done gives a turn back.
func (t *turns) done() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.busy--
	t.wake()
}

// wake hands free turns to the longest waiting reads; the caller holds mu.
func (t *turns) wake() {
	for len(t.waiting) > 0 && t.busy < t.limit() {
		t.busy++
		t.waiting[0] <- struct{}{}
		t.waiting = t.waiting[1:]
	}
}

// store marks the writer storing until the function it returns is called.
func (t *turns) store() (done func()) {
	t.mu.Lock()
	t.storing++
	t.mu.Unlock()
	return func() {
		t.mu.Lock()
		defer t.mu.Unlock()
		t.storing--
		t.wake()
	}
}

// taking returns f called in a read's turn.
func taking[T any](t *turns, f func(context.Context, string) (T, error)) func(context.Context, string) (T, error) {
	return func(ctx context.Context, id string) (T, error) {
		if !t.take(ctx) {
			var zero T
			return zero, ctx.Err()
		}
		defer t.done()
		return f(ctx, id)
	}
}
