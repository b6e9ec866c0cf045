package plot

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestReduceKeepsEveryPulsePeak(t *testing.T) {
	for _, sign := range []float64{1, -1} {
		_, cur, peaks := synthTrain(sign)
		if len(cur) != 38800 || len(peaks) != 12 {
			t.Fatalf("synthetic train: %d samples, %d peaks", len(cur), len(peaks))
		}
		idx, err := Reduce(cur, MaxDisplayPoints)
		if err != nil {
			t.Fatal(err)
		}
		if len(idx) > MaxDisplayPoints {
			t.Errorf("sign %v: %d points, want ≤ %d", sign, len(idx), MaxDisplayPoints)
		}
		if len(idx) < MaxDisplayPoints/2 {
			t.Errorf("sign %v: only %d points kept: the budget is wasted", sign, len(idx))
		}
		for k, p := range peaks {
			if _, found := slices.BinarySearch(idx, p); !found {
				t.Errorf("sign %v: peak %d (sample %d, %.2f pA) lost", sign, k+1, p, cur[p])
			}
		}
	}
}

// TestReduceEnvelope checks on random walks that the kept points are sorted,
// within budget, hold the endpoints and the kept indices, and keep the
// smallest and largest value of every column of samples.
func TestReduceEnvelope(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 50 {
		n := 1 + rng.IntN(20000)
		budget := 10 + rng.IntN(3000)
		y := make([]float64, n)
		for i := 1; i < n; i++ {
			y[i] = y[i-1] + rng.NormFloat64()
		}
		keep := []int{rng.IntN(n), rng.IntN(n)}
		idx, err := Reduce(y, budget, keep...)
		if err != nil {
			t.Fatal(err)
		}
		if n <= budget {
			if len(idx) != n {
				t.Errorf("trial %d: a curve that fits (%d ≤ %d) was thinned to %d", trial, n, budget, len(idx))
			}
			continue
		}
		if len(idx) > budget {
			t.Errorf("trial %d: %d points for a budget of %d", trial, len(idx), budget)
		}
		if !slices.IsSorted(idx) || len(slices.Compact(slices.Clone(idx))) != len(idx) {
			t.Errorf("trial %d: indices not strictly increasing", trial)
		}
		for _, must := range append([]int{0, n - 1}, keep...) {
			if _, ok := slices.BinarySearch(idx, must); !ok {
				t.Errorf("trial %d: index %d not kept", trial, must)
			}
		}
		// Every column's extremes are among the kept points.
		cols := (budget - 2 - len(keep)) / 2
		for c := range cols {
			lo, hi := c*n/cols, (c+1)*n/cols
			col := y[lo:hi]
			kmin, kmax := slices.Min(col), slices.Max(col)
			var gotMin, gotMax bool
			for _, i := range idx {
				if i >= lo && i < hi {
					gotMin = gotMin || y[i] == kmin
					gotMax = gotMax || y[i] == kmax
				}
			}
			if !gotMin || !gotMax {
				t.Fatalf("trial %d: column %d [%d, %d) lost its min or max", trial, c, lo, hi)
			}
		}
	}
}

func TestReduceErrors(t *testing.T) {
	y := make([]float64, 100)
	for _, tc := range []struct {
		name   string
		budget int
		keep   []int
		want   string
	}{
		{"keep below range", 10, []int{-1}, "kept index -1 outside [0, 100)"},
		{"keep above range", 10, []int{100}, "kept index 100 outside [0, 100)"},
		{"budget too small", 5, []int{1, 2}, "budget of 5 points"},
	} {
		_, err := Reduce(y, tc.budget, tc.keep...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want it to mention %q", tc.name, err, tc.want)
		}
	}
}

func BenchmarkReduceTrain(b *testing.B) {
	_, cur, _ := synthTrain(1)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Reduce(cur, MaxDisplayPoints); err != nil {
			b.Fatal(err)
		}
	}
}
