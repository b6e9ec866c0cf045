package tuner

import (
	"math"
	"testing"
)

func seedTuner(t *testing.T, conn string) *Tuner {
	t.Helper()
	s, err := SeedSettings()
	if err != nil {
		t.Fatal(err)
	}
	s.Connection = conn
	m, err := EmbeddedModels()
	if err != nil {
		t.Fatal(err)
	}
	tu, err := New(s, m)
	if err != nil {
		t.Fatal(err)
	}
	return tu
}

// TestSeedSingleEventDep2FSI reproduces the figures bmtool's demo prints
// for Dep2FSI (the seed notebook, NEURON 8.2.2).
func TestSeedSingleEventDep2FSI(t *testing.T) {
	tu := seedTuner(t, "Dep2FSI")
	r, err := tu.SingleEvent()
	if err != nil {
		t.Fatal(err)
	}
	p := r.Props
	exact := []struct {
		name      string
		got, want float64
	}{
		{"baseline", p.Baseline, 0.03107559632675816},
		{"sign", p.Sign, 1.0},
		{"latency", p.Latency, 1.35},
		{"amp", p.Amp, 0.16000855570656114},
		{"rise_time", p.RiseTime, 1.35},
		{"half_width", p.HalfWidth, 14.85},
	}
	for _, c := range exact {
		if math.Abs(c.got-c.want) > 1e-12*math.Max(1, math.Abs(c.want)) {
			t.Errorf("%s = %.17g, bmtool %.17g", c.name, c.got, c.want)
		}
	}
	if rel := math.Abs(p.DecayTime-15.1823) / 15.1823; rel > 1e-4 {
		t.Errorf("decay_time = %v, bmtool 15.1823", p.DecayTime)
	}
	if math.Abs(r.CurrentIntegral-(-15777.35)) > 0.005 {
		t.Errorf("current integral %.4f pA·ms, bmtool −15777.35", r.CurrentIntegral)
	}
	for _, l := range r.Lines() {
		t.Log(l)
	}
}
