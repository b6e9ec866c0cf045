package widgets

import (
	"math"

	"github.com/synaptune/synaptune/kernel"
)

// decodeFloat accepts a finite JSON number.
func decodeFloat(m kernel.Message) (float64, bool) {
	var f float64
	if err := m.Decode(&f); err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// decodeInt accepts a JSON number and rounds it to the nearest integer
// (front ends may send 4 as 4.0).
func decodeInt(m kernel.Message) (int, bool) {
	f, ok := decodeFloat(m)
	if !ok || math.Abs(f) > 1<<53 {
		return 0, false
	}
	return int(math.Round(f)), true
}

// decodeBool accepts true/false, and the numbers 0 and 1 (GoNB comms carry no
// booleans).
func decodeBool(m kernel.Message) (bool, bool) {
	var b bool
	if err := m.Decode(&b); err == nil {
		return b, true
	}
	n, ok := decodeInt(m)
	if !ok || (n != 0 && n != 1) {
		return false, false
	}
	return n == 1, true
}

// decodeString accepts a JSON string.
func decodeString(m kernel.Message) (string, bool) {
	var s string
	if err := m.Decode(&s); err != nil {
		return "", false
	}
	return s, true
}
