package tracecmp

import (
	"math"
	"testing"
)

func TestCompare(t *testing.T) {
	want := []float64{0, 1, 2, 3}
	for _, tc := range []struct {
		name    string
		got     []float64
		maxRel  float64
		at      int
		lengths bool
	}{
		{"equal", []float64{0, 1, 2, 3}, 0, 0, true},
		{"one off", []float64{0, 1, 2.3, 3}, 0.1, 2, true},
		{"NaN", []float64{0, math.NaN(), 2, 3}, math.Inf(1), 1, true},
		{"short", []float64{0, 1}, 0, 0, false},
	} {
		r := Compare(tc.got, want)
		if r.LenMatch != tc.lengths {
			t.Errorf("%s: LenMatch %v", tc.name, r.LenMatch)
			continue
		}
		if !tc.lengths {
			continue
		}
		if math.Abs(r.MaxRel-tc.maxRel) > 1e-12 && !(math.IsInf(tc.maxRel, 1) && math.IsInf(r.MaxRel, 1)) {
			t.Errorf("%s: MaxRel %v, want %v", tc.name, r.MaxRel, tc.maxRel)
		}
		if r.At != tc.at {
			t.Errorf("%s: At %d, want %d", tc.name, r.At, tc.at)
		}
	}
	// A constant reference is measured against its magnitude.
	if r := Compare([]float64{2, 2.2}, []float64{2, 2}); math.Abs(r.MaxRel-0.1) > 1e-12 {
		t.Errorf("constant reference: MaxRel %v, want 0.1", r.MaxRel)
	}
}
