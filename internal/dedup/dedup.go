// Package dedup fingerprints article text so that exact copies and
// near-duplicates (the same wire story lightly edited, re-headlined or wrapped
// in other boilerplate) can be found without comparing every pair. It computes
// fingerprints and similarity; finding candidates in storage and deciding what
// to link is left to the caller.
//
// Near-duplicates use MinHash over word shingles with locality-sensitive
// banding: two texts whose shingle sets have Jaccard similarity J share at
// least one band with probability 1-(1-J^Rows)^Bands.
package dedup

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Signature shape. 20 bands of 5 rows make pairs with Jaccard 0.6 candidates
// with probability 0.80 and 0.7 with 0.98, while pairs below 0.3 almost never
// meet (0.05).
const (
	Bands     = 20
	Rows      = 5
	Size      = Bands * Rows
	shingleK  = 3
	minTokens = 8 // shorter texts get no near-duplicate signature
)

// Threshold is the estimated Jaccard similarity at and above which two texts
// are taken as copies of one report.
const Threshold = 0.5

// Signature is a MinHash signature.
type Signature [Size]uint32

// Fingerprint is what dedup knows about one text.
type Fingerprint struct {
	Exact string     // hex SHA-256 (first 16 bytes) of the folded word sequence
	Sig   *Signature // nil when the text is too short for near-duplicate matching
}

// Of fingerprints text. Case, punctuation and spacing do not change the
// fingerprint; words do.
func Of(text string) Fingerprint {
	words := Words(text)
	h := sha256.New()
	for _, w := range words {
		h.Write([]byte(w))
		h.Write([]byte{0})
	}
	fp := Fingerprint{Exact: hex.EncodeToString(h.Sum(nil)[:16])}
	if len(words) >= minTokens {
		fp.Sig = minhash(words)
	}
	return fp
}

// Words splits text into lower-cased words of letters, digits and the marks
// that go with them, in Unicode NFC, so that "café" is one word however its
// accent is encoded.
func Words(text string) []string {
	return strings.FieldsFunc(strings.ToLower(norm.NFC.String(text)), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.IsMark(r)
	})
}

func minhash(words []string) *Signature {
	var sig Signature
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	var buf []byte
	for i := 0; i+shingleK <= len(words); i++ {
		buf = buf[:0]
		for _, w := range words[i : i+shingleK] {
			buf = append(buf, w...)
			buf = append(buf, 0)
		}
		x := fnv64(buf)
		// Derive Size independent hash values from one 64-bit shingle hash
		// (Kirsch–Mitzenmacher double hashing).
		a, b := uint32(x), uint32(x>>32)|1
		for j := range sig {
			v := mix32(a + uint32(j)*b)
			if v < sig[j] {
				sig[j] = v
			}
		}
	}
	return &sig
}

// fnv64 is FNV-1a: stable across runs and Go versions, unlike maphash.
func fnv64(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// mix32 is the murmur3 finaliser: it spreads the double-hashed values so the
// minima of different rows are independent enough.
func mix32(h uint32) uint32 {
	h ^= h >> 16
	h *= 0x85ebca6b
	h ^= h >> 13
	h *= 0xc2b2ae35
	h ^= h >> 16
	return h
}

// BandKeys returns one key per band; texts sharing a key are near-duplicate
// candidates. Keys are positive int64 so that any SQL store can index them.
func (s *Signature) BandKeys() [Bands]int64 {
	var keys [Bands]int64
	var buf [4 * Rows]byte
	for band := range Bands {
		for r := range Rows {
			binary.LittleEndian.PutUint32(buf[4*r:], s[band*Rows+r])
		}
		keys[band] = int64((fnv64(buf[:]) ^ uint64(band)*0x9e3779b97f4a7c15) >> 1)
	}
	return keys
}

// Similarity estimates the Jaccard similarity of the shingle sets behind two
// signatures.
func (s *Signature) Similarity(o *Signature) float64 {
	same := 0
	for i := range s {
		if s[i] == o[i] {
			same++
		}
	}
	return float64(same) / Size
}

// Bytes encodes the signature for storage.
func (s *Signature) Bytes() []byte {
	b := make([]byte, 4*Size)
	for i, v := range s {
		binary.LittleEndian.PutUint32(b[4*i:], v)
	}
	return b
}

// ParseSignature decodes a stored signature; ok is false for malformed bytes.
func ParseSignature(b []byte) (*Signature, bool) {
	if len(b) != 4*Size {
		return nil, false
	}
	var s Signature
	for i := range s {
		s[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return &s, true
}
