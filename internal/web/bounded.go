package web

// bounded holds the entries of one of the server's caches within its
// bounds: at most max entries, and at most maxBytes of what they cost.
// The cache's own lock guards it.
type bounded[V interface{ cost() int }] struct {
	max      int
	maxBytes int
	entries  map[string]V
	bytes    int // the entries' costs
}

func newBounded[V interface{ cost() int }](max, maxBytes int) bounded[V] {
	return bounded[V]{max: max, maxBytes: maxBytes, entries: map[string]V{}}
}

// drop forgets the entry of key, if any.
func (b *bounded[V]) drop(key string) {
	if e, ok := b.entries[key]; ok {
		b.bytes -= e.cost()
		delete(b.entries, key)
	}
}

// makeRoom drops entries until more new ones costing moreBytes fit: when
// they do not, every entry stale reports first (stale may be nil), then
// any (map order is random). It reports false, dropping nothing, for what
// would not fit in an empty cache.
func (b *bounded[V]) makeRoom(more, moreBytes int, stale func(V) bool) bool {
	if more > b.max || moreBytes > b.maxBytes {
		return false
	}
	fits := func() bool { return len(b.entries)+more <= b.max && b.bytes+moreBytes <= b.maxBytes }
	if fits() {
		return true
	}
	if stale != nil {
		for k, e := range b.entries {
			if stale(e) {
				b.drop(k)
			}
		}
	}
	for k := range b.entries {
		if fits() {
			break
		}
		b.drop(k)
	}
	return true
}
