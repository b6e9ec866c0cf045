package nmodl_test

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/synaptune/synaptune/engine"
	"github.com/synaptune/synaptune/engine/nmodl"
)

// memoRun runs the clamped FSI-like cell with a GABA_A_STP synapse driven
// late (first event at 300 ms, so the cell is steady before it) to 600 ms
// and returns its traces and the sim.
func memoRun(t *testing.T, memo, skip bool) (map[string][]float64, *engine.Sim) {
	t.Helper()
	reg := engine.Builtins()
	_, err := nmodl.LoadDir(filepath.Join("..", "..", "tuner", "models"), reg)
	check(t, err)
	m := engine.NewModel(reg)
	m.Celsius = 20
	soma, dend := fsiLike(t, m)
	syn, err := m.AddPointProcess("GABA_A_STP", dend, 0.5)
	check(t, err)
	setAll(t, syn, map[string]float64{"initW": 20, "tau_r_GABAA": 0.9, "tau_d_GABAA": 15, "e_GABAA": -75, "Use": 0.4, "Dep": 190})
	ns, err := m.AddArtificialCell("NetStim")
	check(t, err)
	setAll(t, ns, map[string]float64{"start": 300, "interval": 20, "number": 8})
	_, err = m.NewNetCon(ns, syn, 1.3, 1)
	check(t, err)
	vcl, err := m.AddPointProcess("VClamp", soma, 0.5)
	check(t, err)
	for j, d := range []float64{50, 400, 1e9} {
		check(t, vcl.SetElement("dur", j, d))
		check(t, vcl.SetElement("amp", j, -55))
	}
	comp, err := m.Compile()
	check(t, err)
	sim, err := comp.NewSim()
	check(t, err)
	sim.SetSkipSteady(skip)
	sim.SetMemoize(memo)
	ref := func(r engine.Ref, err error) engine.Ref { t.Helper(); check(t, err); return r }
	traces := map[string]*engine.Trace{
		"t":      sim.Record(sim.TimeRef()),
		"syn i":  sim.Record(ref(sim.PointRef(syn, "i"))),
		"vcl i":  sim.Record(ref(sim.PointRef(vcl, "i"))),
		"soma v": sim.Record(ref(sim.VoltageRef(soma, 0.5))),
		"dend v": sim.Record(ref(sim.VoltageRef(dend, 0.5))),
		"dend m": sim.Record(ref(sim.RangeRef(dend, 0.5, "m_nainter"))),
		"pr":     sim.Record(ref(sim.PointRef(syn, "record_Pr"))),
	}
	check(t, sim.Init(70))
	check(t, sim.ContinueRun(600))
	out := map[string][]float64{}
	for k, tr := range traces {
		out[k] = tr.Values
	}
	return out, sim
}

// TestMemoAndSkippingAreExact runs the same model with neither
// memoisation nor skipping of steady steps, with memoisation alone, and
// with both: every sample must be bitwise the same, and each shortcut must
// have been taken.
func TestMemoAndSkippingAreExact(t *testing.T) {
	want, plain := memoRun(t, false, false)
	if plain.SkippedSteps() != 0 {
		t.Fatalf("skipping off, yet %d steps skipped", plain.SkippedSteps())
	}
	for _, tc := range []struct {
		name       string
		memo, skip bool
	}{{"memo", true, false}, {"memo+skip", true, true}, {"skip", false, true}} {
		got, sim := memoRun(t, tc.memo, tc.skip)
		hits := 0
		for _, b := range sim.Blocks() {
			cur, state := nmodl.MemoHits(b)
			hits += cur + state
		}
		if tc.memo && hits == 0 {
			t.Errorf("%s: no routine call was answered from memory", tc.name)
		}
		if !tc.memo && hits != 0 {
			t.Errorf("%s: %d calls answered from memory with memoisation off", tc.name, hits)
		}
		if tc.skip && sim.SkippedSteps() == 0 {
			t.Errorf("%s: no step skipped", tc.name)
		}
		for name, w := range want {
			g := got[name]
			if len(g) != len(w) {
				t.Fatalf("%s: %s has %d samples, want %d", tc.name, name, len(g), len(w))
			}
			for i := range w {
				if math.Float64bits(g[i]) != math.Float64bits(w[i]) {
					t.Fatalf("%s: %s sample %d (t=%g) is %v, want %v", tc.name, name, i, want["t"][i], g[i], w[i])
				}
			}
		}
		t.Logf("%s: %d calls from memory, %d steps skipped", tc.name, hits, sim.SkippedSteps())
	}
}
