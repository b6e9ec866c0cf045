package tracecmp

import (
	"math"
	"sort"
	"testing"
)

// DefaultRelTol is the agreement the project requires of a trace: every
// sample within 1e-9 of the reference trace's range (max − min).
const DefaultRelTol = 1e-9

// Result describes the worst sample of a comparison.
type Result struct {
	MaxAbs   float64 // largest |got − want|
	MaxRel   float64 // MaxAbs / range of want
	At       int     // index of the largest difference
	Got      float64
	Want     float64
	Samples  int
	LenMatch bool
}

// Compare measures how far got is from want, relative to want's range (its
// largest magnitude when the range is 0). A NaN in got counts as an
// infinite difference.
func Compare(got, want []float64) Result {
	r := Result{Samples: len(want), LenMatch: len(got) == len(want)}
	if !r.LenMatch || len(want) == 0 {
		return r
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, w := range want {
		lo, hi = math.Min(lo, w), math.Max(hi, w)
	}
	scale := hi - lo
	if scale == 0 {
		scale = math.Max(math.Abs(hi), 1e-300)
	}
	for i := range want {
		d := math.Abs(got[i] - want[i])
		if math.IsNaN(d) {
			d = math.Inf(1)
		}
		if d > r.MaxAbs || i == 0 {
			r.MaxAbs, r.At, r.Got, r.Want = d, i, got[i], want[i]
		}
	}
	r.MaxRel = r.MaxAbs / scale
	return r
}

// Check compares got with want and fails t when a sample is further than
// relTol of want's range; it logs the agreement otherwise.
func Check(t testing.TB, label string, got, want []float64, relTol float64) {
	t.Helper()
	r := Compare(got, want)
	switch {
	case !r.LenMatch:
		t.Errorf("%s: %d samples, reference has %d", label, len(got), len(want))
	case !(r.MaxRel <= relTol):
		t.Errorf("%s: max |Δ| %.3g (%.3g of range) at sample %d: got %v, reference %v", label, r.MaxAbs, r.MaxRel, r.At, r.Got, r.Want)
	default:
		t.Logf("%s: %d samples, max |Δ| %.3g (%.3g of range)", label, r.Samples, r.MaxAbs, r.MaxRel)
	}
}

// CheckAll checks every reference trace, in name order, against the trace
// of the same name; a missing trace is an error.
func CheckAll(t testing.TB, prefix string, got map[string][]float64, want map[string][]float64, relTol float64) {
	t.Helper()
	names := make([]string, 0, len(want))
	for k := range want {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, name := range names {
		g, ok := got[name]
		if !ok {
			t.Errorf("%s/%s: not recorded", prefix, name)
			continue
		}
		Check(t, prefix+"/"+name, g, want[name], relTol)
	}
}
