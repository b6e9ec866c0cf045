package metrics

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPlot(t *testing.T) {
	syn := []float64{0, 0, 0.5, -1, -2, -1}
	clamp := []float64{9, 3, 1, 2, 4, 3}
	soma := []float64{70, 60, -65, -64, -63, -64}
	// Spike at 0.0625 ms, dt 0.025: both floor (baselines) and round (the
	// clamp and voltage panels) give sample 2.
	tr := Traces{Syn: syn, Clamp: clamp, SpikeTimes: []float64{0.0625}, Dt: 0.025}

	p, err := Plot(tr, soma, true, Bmtool)
	if err != nil {
		t.Fatal(err)
	}
	// Baseline from the clamp current (1), applied to the synaptic current.
	want := PlotData{
		SynPA:   []float64{-1000, -1000, -500, -2000, -3000, -2000},
		ClampPA: []float64{0, 0, 0, 1000, 3000, 2000},
	}
	if diff := cmp.Diff(want, p); diff != "" {
		t.Errorf("voltage clamp, bmtool (-want +got):\n%s", diff)
	}

	p, err = Plot(tr, soma, true, Corrected)
	if err != nil {
		t.Fatal(err)
	}
	want.SynPA = []float64{-500, -500, 0, -1500, -2500, -1500}
	if diff := cmp.Diff(want, p); diff != "" {
		t.Errorf("voltage clamp, corrected (-want +got):\n%s", diff)
	}

	p, err = Plot(tr, soma, false, Bmtool)
	if err != nil {
		t.Fatal(err)
	}
	want = PlotData{
		SynPA: []float64{-500, -500, 0, -1500, -2500, -1500},
		SomaV: []float64{-65, -65, -65, -64, -63, -64},
	}
	if diff := cmp.Diff(want, p); diff != "" {
		t.Errorf("current clamp (-want +got):\n%s", diff)
	}

	if _, err := Plot(tr, nil, false, Bmtool); !errors.Is(err, ErrSpikeOutside) {
		t.Errorf("no soma voltage: err = %v", err)
	}
	if _, err := Plot(Traces{SpikeTimes: []float64{0}, Dt: 0.025}, nil, false, Bmtool); !errors.Is(err, ErrEmptyTrace) {
		t.Errorf("no synaptic current: err = %v", err)
	}
}
