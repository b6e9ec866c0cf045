package kernel

import (
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"sync/atomic"
)

// IDs hands out identifiers that are unique within one front end and, thanks
// to a random part, unlikely to collide with those of another program writing
// to the same page (each GoNB cell is a separate program).
type IDs struct {
	base string
	next atomic.Int64
}

// NewIDs returns an ID source with a random base.
func NewIDs() *IDs {
	var b [4]byte
	if _, err := rand.Read(b[:]); err != nil {
		// crypto/rand does not fail on supported platforms; fall back to a fixed base.
		return NewIDsWithBase("x")
	}
	return NewIDsWithBase(hex.EncodeToString(b[:]))
}

// NewIDsWithBase returns an ID source with a fixed base, for reproducible output
// in tests and golden files.
func NewIDsWithBase(base string) *IDs {
	return &IDs{base: base}
}

// New returns prefix followed by the base and a counter, e.g. "w3f9a1c2e-7".
func (g *IDs) New(prefix string) string {
	n := g.next.Add(1)
	return prefix + g.base + "-" + strconv.FormatInt(n, 10)
}
