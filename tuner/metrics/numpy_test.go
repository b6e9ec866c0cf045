package metrics

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Expected figures were printed by numpy 1.24 (amplitudes in nA times 1000).
func TestNumpyPercentileAndMean(t *testing.T) {
	for _, c := range []struct {
		nA        []float64
		p90, mean float64
	}{
		{[]float64{1}, 1000, 1000},
		{[]float64{3, 1}, 2800, 2000},
		{[]float64{5, 1, 4, 2, 3}, 4600, 3000},
		{[]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 10900, 6500},
		{[]float64{0.1, 0.7, 0.3, 0.9, 0.2, 0.35, 0.8, 0.11, 0.55, 0.41, 0.67, 0.05}, 790, 428.3333333333333},
	} {
		pa := make([]float64, len(c.nA))
		for i, v := range c.nA {
			pa[i] = v * 1000
		}
		if got := numpyPercentile(pa, 90); got != c.p90 {
			t.Errorf("percentile90(%v) = %.17g, want %.17g", pa, got, c.p90)
		}
		if got := numpyMean(pa); got != c.mean {
			t.Errorf("mean(%v) = %.17g, want %.17g", pa, got, c.mean)
		}
	}
	if !math.IsNaN(numpyMean(nil)) || !math.IsNaN(numpyPercentile(nil, 90)) {
		t.Error("mean and percentile of nothing should be NaN")
	}
}

func TestNumpySumOrder(t *testing.T) {
	// Pairwise summation keeps 1 + n·eps/4 terms that plain left-to-right
	// addition loses: 1 followed by 2^20 copies of 2^-53 sums to exactly 1
	// left to right, but numpy's blocks add up the small terms first.
	x := make([]float64, 1<<20+1)
	x[0] = 1
	for i := 1; i < len(x); i++ {
		x[i] = 0x1p-53
	}
	naive := 0.0
	for _, v := range x {
		naive += v
	}
	if naive != 1 {
		t.Fatalf("naive sum %v", naive)
	}
	if got := numpySum(x); !(got > 1) {
		t.Errorf("numpySum = %v, want > 1 (pairwise blocks)", got)
	}
	if got := pairwiseSum([]float64{1, 2, 3}); got != 6 {
		t.Errorf("pairwiseSum small = %v", got)
	}
}

func TestFirstLocalMax(t *testing.T) {
	for _, c := range []struct {
		x    []float64
		want int
		ok   bool
	}{
		{[]float64{0, 1, 0}, 1, true},
		{[]float64{0, 1, 1, 1, 0}, 2, true},    // plateau: middle
		{[]float64{0, 1, 1, 1, 1, 0}, 2, true}, // even plateau: rounded down
		{[]float64{0, 1, 1, 2, 0}, 3, true},    // a rising plateau is no peak
		{[]float64{0, 1, 2, 3}, 0, false},      // the last sample is never a peak
		{[]float64{3, 2, 1}, 0, false},         // nor the first
		{[]float64{0, 2, 2}, 0, false},         // plateau running into the end
		{[]float64{0, 0.5, 0.2, 1, 0}, 1, true},
		{nil, 0, false},
	} {
		got, ok := firstLocalMax(c.x)
		if got != c.want || ok != c.ok {
			t.Errorf("firstLocalMax(%v) = %d, %v; want %d, %v", c.x, got, ok, c.want, c.ok)
		}
	}
}

func TestResponseWindowsDropLastWhenEmpty(t *testing.T) {
	// Inward (negative) bumps of height k+1 peaking at samples 50, 150, 250
	// and 350 of a 400-sample recording.
	syn := make([]float64, 400)
	for i := range syn {
		k, j := i/100, i%100
		syn[i] = -float64(k+1) * math.Max(0, 1-math.Abs(float64(j-50))/25)
	}
	cases := []struct {
		name   string
		spikes []float64
		amps   []float64
		peaks  []int
	}{
		{"all windows", []float64{0, 2.5, 5}, []float64{1, 2, 4}, []int{50, 150, 350}},
		// The third spike's window starts where the recording ends: bmtool
		// drops the last window and keeps the first two.
		{"last window empty", []float64{0, 2.5, 12}, []float64{1, 4}, []int{50, 350}},
	}
	for _, c := range cases {
		tr := Traces{Syn: syn, SpikeTimes: c.spikes, Dt: 0.025}
		a, err := ResponseAmplitudes(tr, TrainSettings{NetConDelay: 0, WindowEnd: 30})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if diff := cmp.Diff(c.amps, a.Amps); diff != "" {
			t.Errorf("%s: amplitudes (-want +got):\n%s", c.name, diff)
		}
		if diff := cmp.Diff(c.peaks, a.PeakIndex); diff != "" {
			t.Errorf("%s: peak indices (-want +got):\n%s", c.name, diff)
		}
	}
}
