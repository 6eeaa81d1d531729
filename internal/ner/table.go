package ner

import "math"

// table is the tagger's weight table: an open-addressing hash table (linear
// probing) from feature keys to their quantised weights. A slot is stride
// 64-bit words: the first holds the key in its low half and the float32
// scale in its high half, the others the int8 weights of the tags, eight to
// a word. Key and weights share a cache line, so a lookup costs one memory
// access where a Go map and a separate weight array cost two or three.
//
// A parallel array holds one byte a slot: 0 for an empty slot, else eight
// bits of the slot's key (never 0). A lookup scans these bytes, which fit
// in the processor's caches, and reads a slot only when its byte matches:
// most lookups of absent features (nine in ten bigrams) then never touch
// the large slot array.
//
// Rows with a zero scale, whose weights are all zero, are left out.
type table struct {
	ctrl   []uint8
	slots  []uint64
	stride int
	nT     int
	shift  uint // 32 - log2(number of slots)
	mask   int
}

// slotRef is the index of a slot's first word in table.slots, or noSlot.
type slotRef int32

const noSlot slotRef = -1

func newTable(m *Model) *table {
	nT := len(m.Tags)
	t := &table{nT: nT, stride: 1 + (nT+7)/8}
	// At most two thirds full: an absent key is found after a few probes,
	// within one or two cache lines.
	n := 1024
	bits := uint(10)
	for n < len(m.keys)*3/2 {
		n *= 2
		bits++
	}
	t.shift = 32 - bits
	t.mask = n - 1
	t.ctrl = make([]uint8, n)
	t.slots = make([]uint64, n*t.stride)
	for i, k := range m.keys {
		s := m.scales[i]
		if s == 0 {
			continue // all its weights are zero
		}
		p := t.home(k)
		for t.ctrl[p] != 0 {
			p = (p + 1) & t.mask
		}
		t.ctrl[p] = ctrlByte(k)
		at := p * t.stride
		t.slots[at] = uint64(k) | uint64(math.Float32bits(s))<<32
		for j, q := range m.q[i*nT : (i+1)*nT] {
			t.slots[at+1+j/8] |= uint64(uint8(q)) << (8 * (j % 8))
		}
	}
	return t
}

// home is the first slot probed for key k. Keys are FNV hashes already;
// the multiplication spreads keys that differ only in high bits.
func (t *table) home(k uint32) int {
	return int((k * 0x9e3779b1) >> t.shift)
}

// ctrlByte is the control byte of key k: its low eight bits (home uses
// the high ones), 0 mapped to 1.
func ctrlByte(k uint32) uint8 {
	return max(uint8(k), 1)
}

// find returns the slot of key k, or noSlot.
func (t *table) find(k uint32) slotRef {
	p := t.home(k)
	c := ctrlByte(k)
	for {
		switch t.ctrl[p] {
		case 0:
			return noSlot
		case c:
			if at := p * t.stride; uint32(t.slots[at]) == k {
				return slotRef(at)
			}
		}
		p = (p + 1) & t.mask
	}
}

// findAll sets out[i] to find(keys[i]) for every key; len(out) must be
// len(keys). It looks the keys up in passes so that the memory reads of
// different keys overlap instead of waiting for each other: first the
// home control byte of every key, then the first word of every slot whose
// byte matches. Most lookups end there; the rest (a collision in the home
// slot) take the slow path, whose lines are in the cache by then.
func (t *table) findAll(keys []uint32, out []slotRef) {
	out = out[:len(keys)]
	for i, k := range keys {
		out[i] = slotRef(t.ctrl[t.home(k)])
	}
	for i, k := range keys {
		switch uint8(out[i]) {
		case 0:
			out[i] = noSlot
		case ctrlByte(k):
			out[i] = slotRef(t.home(k) * t.stride) // checked below
		default:
			out[i] = t.find(k)
		}
	}
	for i, k := range keys {
		if s := out[i]; s >= 0 && uint32(t.slots[s]) != k {
			out[i] = t.find(k)
		}
	}
}

// add adds the weights of slot s to the tag scores e (len(e) == t.nT).
// Each weight is dequantised as float32(q) * scale and rounded to float32
// before it is added, so the sums equal those of a dense float32 table
// built the same way.
func (t *table) add(e []float32, s slotRef) {
	if s < 0 {
		return
	}
	at := int(s)
	scale := math.Float32frombits(uint32(t.slots[at] >> 32))
	if t.nT <= 8 {
		w := t.slots[at+1]
		for j := range e {
			e[j] += float32(float32(int8(w>>(8*j))) * scale)
		}
		return
	}
	for j := range e {
		q := int8(t.slots[at+1+j/8] >> (8 * (j % 8)))
		e[j] += float32(float32(q) * scale)
	}
}
