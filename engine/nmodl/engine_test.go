package nmodl_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/synaptune/synaptune/engine"
	"github.com/synaptune/synaptune/engine/nmodl"
	"github.com/synaptune/synaptune/internal/tracecmp"
)

// The goldens come from testdata/engine/neuron_reference.py: NEURON 8.2.2
// runs the same cells with the project's own .mod files (tuner/models).

func modelsRegistry(t *testing.T) *engine.Registry {
	t.Helper()
	reg := engine.Builtins()
	mechs, err := nmodl.LoadDir(filepath.Join("..", "..", "tuner", "models"), reg)
	if err != nil {
		t.Fatal(err)
	}
	if len(mechs) != 6 {
		t.Fatalf("loaded %d mechanisms, want 6", len(mechs))
	}
	return reg
}

func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func fsiLike(t *testing.T, m *engine.Model) (soma, dend *engine.Section) {
	t.Helper()
	soma, dend = m.NewSection("soma"), m.NewSection("dend")
	check(t, soma.SetL(15))
	check(t, soma.SetDiam(15))
	check(t, dend.SetL(150))
	check(t, dend.SetDiam(10))
	check(t, dend.SetNseg(3))
	check(t, dend.Connect(soma, 1, 0))
	for _, s := range []*engine.Section{soma, dend} {
		check(t, s.SetRa(150))
		check(t, s.SetCm(1))
		for _, mech := range []string{"leak", "nainter", "kdrinter"} {
			check(t, s.Insert(mech))
		}
		check(t, s.Set("glbar_leak", 1.0/12000))
		check(t, s.Set("el_leak", -70))
		check(t, s.Set("ena", 45))
		check(t, s.Set("ek", -80))
	}
	check(t, soma.Set("gnabar_nainter", 0.035))
	check(t, soma.Set("gkdrbar_kdrinter", 0.008))
	check(t, dend.Set("gnabar_nainter", 0.010))
	check(t, dend.Set("gkdrbar_kdrinter", 0.003))
	return soma, dend
}

func setAll(t *testing.T, p *engine.PointProcess, kv map[string]float64) {
	t.Helper()
	for k, v := range kv {
		check(t, p.Set(k, v))
	}
}

func compareGolden(t *testing.T, name string, got map[string]*engine.Trace) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "engine", name+".json"))
	check(t, err)
	var g struct{ Traces map[string][]float64 }
	check(t, json.Unmarshal(data, &g))
	vals := make(map[string][]float64, len(got))
	for k, tr := range got {
		vals[k] = tr.Values
	}
	tracecmp.CheckAll(t, name, vals, g.Traces, tracecmp.DefaultRelTol)
}

func TestEngineGoldenFree(t *testing.T) {
	m := engine.NewModel(modelsRegistry(t))
	m.Celsius = 20
	soma, dend := fsiLike(t, m)
	stim, err := m.AddPointProcess("IClamp", soma, 0.5)
	check(t, err)
	setAll(t, stim, map[string]float64{"del": 20, "dur": 100, "amp": 0.12})
	ampa, err := m.AddPointProcess("AMPA_NMDA_STP", dend, 0.5)
	check(t, err)
	setAll(t, ampa, map[string]float64{"initW": 25, "Use": 0.13, "Dep": 100, "Fac": 200, "u0": 0.05})
	gaba, err := m.AddPointProcess("GABA_A_STP", soma, 0.5)
	check(t, err)
	setAll(t, gaba, map[string]float64{"initW": 5, "Use": 0.4, "Dep": 190, "Fac": 0})
	e2, err := m.AddPointProcess("Exp2Syn_STP", dend, 0.9)
	check(t, err)
	setAll(t, e2, map[string]float64{"initW": 2, "tau1": 0.5, "tau2": 12, "Use": 0.5, "Dep": 120, "Fac": 30})
	ns, err := m.AddArtificialCell("NetStim")
	check(t, err)
	setAll(t, ns, map[string]float64{"start": 10, "interval": 12.5, "number": 12})
	ns2, err := m.AddArtificialCell("NetStim")
	check(t, err)
	setAll(t, ns2, map[string]float64{"start": 15, "interval": 20, "number": 6})
	for _, c := range []struct {
		tgt, src *engine.PointProcess
		delay    float64
	}{{ampa, ns, 1.3}, {gaba, ns2, 0.8}, {e2, ns, 2.1}, {e2, ns2, 0.5}} {
		_, err := m.NewNetCon(c.src, c.tgt, c.delay, 1)
		check(t, err)
	}
	comp, err := m.Compile()
	check(t, err)
	sim, err := comp.NewSim()
	check(t, err)
	ref := func(r engine.Ref, err error) engine.Ref { t.Helper(); check(t, err); return r }
	got := map[string]*engine.Trace{
		"t":        sim.Record(sim.TimeRef()),
		"soma_v":   sim.Record(ref(sim.VoltageRef(soma, 0.5))),
		"dend_v":   sim.Record(ref(sim.VoltageRef(dend, 0.5))),
		"m":        sim.Record(ref(sim.RangeRef(soma, 0.5, "m_nainter"))),
		"n":        sim.Record(ref(sim.RangeRef(dend, 0.5, "n_kdrinter"))),
		"ampa_i":   sim.Record(ref(sim.PointRef(ampa, "i"))),
		"ampa_pr":  sim.Record(ref(sim.PointRef(ampa, "record_Pr"))),
		"gaba_i":   sim.Record(ref(sim.PointRef(gaba, "i"))),
		"gaba_use": sim.Record(ref(sim.PointRef(gaba, "record_use"))),
		"e2_i":     sim.Record(ref(sim.PointRef(e2, "i"))),
		"e2_pr":    sim.Record(ref(sim.PointRef(e2, "Pr"))),
	}
	check(t, sim.Init(-70))
	check(t, sim.ContinueRun(200))
	compareGolden(t, "free", got)
}

func TestEngineGoldenClamp(t *testing.T) {
	m := engine.NewModel(modelsRegistry(t))
	m.Celsius = 20
	soma, _ := fsiLike(t, m)
	syn, err := m.AddPointProcess("GABA_A_STP", soma, 0.5)
	check(t, err)
	setAll(t, syn, map[string]float64{"initW": 20, "tau_r_GABAA": 0.9, "tau_d_GABAA": 15, "e_GABAA": -75, "Use": 0.4, "Dep": 190, "Fac": 0})
	ns1, err := m.AddArtificialCell("NetStim")
	check(t, err)
	setAll(t, ns1, map[string]float64{"start": 50, "interval": 20, "number": 8})
	ns2, err := m.AddArtificialCell("NetStim")
	check(t, err)
	setAll(t, ns2, map[string]float64{"start": 50 + 7*20 + 100, "interval": 20, "number": 4})
	vcl, err := m.AddPointProcess("VClamp", soma, 0.5)
	check(t, err)
	for j, d := range []float64{50, 400, 1e9} {
		check(t, vcl.SetElement("dur", j, d))
		check(t, vcl.SetElement("amp", j, -55))
	}
	_, err = m.NewNetCon(ns1, syn, 1.3, 1)
	check(t, err)
	_, err = m.NewNetCon(ns2, syn, 1.3, 1)
	check(t, err)
	comp, err := m.Compile()
	check(t, err)
	sim, err := comp.NewSim()
	check(t, err)
	ref := func(r engine.Ref, err error) engine.Ref { t.Helper(); check(t, err); return r }
	got := map[string]*engine.Trace{
		"t":      sim.Record(sim.TimeRef()),
		"syn_i":  sim.Record(ref(sim.PointRef(syn, "i"))),
		"vcl_i":  sim.Record(ref(sim.PointRef(vcl, "i"))),
		"soma_v": sim.Record(ref(sim.VoltageRef(soma, 0.5))),
		"pr":     sim.Record(ref(sim.PointRef(syn, "record_Pr"))),
	}
	check(t, sim.Init(70))
	check(t, sim.ContinueRun(400))
	compareGolden(t, "clamp", got)
}

func TestNotInstantiableMechanismFailsOnUse(t *testing.T) {
	dir := t.TempDir()
	src := "NEURON { SUFFIX vb RANGE x }\nPARAMETER { x = 1 }\nBREAKPOINT {\nVERBATIM\n  x = 2;\nENDVERBATIM\n}\n"
	check(t, os.WriteFile(filepath.Join(dir, "vb.mod"), []byte(src), 0o644))
	reg := engine.Builtins()
	if _, err := nmodl.LoadDir(dir, reg); err != nil {
		t.Fatalf("loading a folder with a VERBATIM mechanism must succeed: %v", err)
	}
	m := engine.NewModel(reg)
	s := m.NewSection("soma")
	check(t, s.Insert("vb"))
	comp, err := m.Compile()
	check(t, err)
	_, err = comp.NewSim()
	if err == nil {
		t.Fatal("instantiating a VERBATIM mechanism succeeded")
	}
	for _, want := range []string{"vb", "vb.mod:4"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %q", err, want)
		}
	}
}
