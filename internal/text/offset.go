package text

import "unicode/utf8"

// RuneCounter converts byte offsets into one string to rune (character)
// offsets. Conversions cost time proportional to the distance from the
// previous one, so converting the sorted offsets of all tokens or sentences
// of a text takes one pass over it.
type RuneCounter struct {
	s    string
	b, r int // byte offset b is rune offset r
}

// NewRuneCounter returns a RuneCounter for s.
func NewRuneCounter(s string) *RuneCounter { return &RuneCounter{s: s} }

// Runes returns the rune offset of byte offset i, which must be between 0 and
// len(s) and on a rune boundary.
func (c *RuneCounter) Runes(i int) int {
	if i < c.b {
		if i < c.b-i { // closer to the start than to the last position
			c.b, c.r = 0, 0
		} else {
			c.r -= utf8.RuneCountInString(c.s[i:c.b])
			c.b = i
			return c.r
		}
	}
	c.r += utf8.RuneCountInString(c.s[c.b:i])
	c.b = i
	return c.r
}

// RuneOffset returns the rune offset of byte offset i in s; use a
// RuneCounter to convert many offsets.
func RuneOffset(s string, i int) int { return utf8.RuneCountInString(s[:i]) }
