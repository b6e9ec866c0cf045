package engine

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/synaptune/synaptune/internal/tracecmp"
)

// The golden files are written by testdata/neuron_reference.py running each
// model in NEURON 8.2.2; each test below builds the same model with package
// engine and compares every recorded sample. Never edit a golden by hand:
// regenerate with
//
//	/usr/bin/python3 engine/testdata/neuron_reference.py engine/testdata/golden

type golden struct {
	Case     string               `json:"case"`
	Traces   map[string][]float64 `json:"traces"`
	Spikes   []float64            `json:"spikes"`
	Geometry []struct {
		Name     string  `json:"name"`
		L        float64 `json:"L"`
		Ri1      float64 `json:"ri1"`
		Segments []struct {
			X, Area, Ri, Diam float64
		} `json:"segments"`
	} `json:"geometry"`
}

func loadGolden(t *testing.T, name string) *golden {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "golden", name+".json"))
	if err != nil {
		t.Fatalf("golden %s: %v", name, err)
	}
	var g golden
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatalf("golden %s: %v", name, err)
	}
	return &g
}

func compareTraces(t *testing.T, g *golden, got map[string]*Trace) {
	t.Helper()
	vals := make(map[string][]float64, len(got))
	for k, tr := range got {
		vals[k] = tr.Values
	}
	tracecmp.CheckAll(t, g.Case, vals, g.Traces, tracecmp.DefaultRelTol)
}

func compareSeries(t *testing.T, label string, got, want []float64) {
	t.Helper()
	tracecmp.Check(t, label, got, want, tracecmp.DefaultRelTol)
}

func mustRef(t *testing.T) func(Ref, error) Ref {
	return func(r Ref, err error) Ref {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func newSection(t *testing.T, m *Model, name string, l, diam float64, nseg int) *Section {
	t.Helper()
	s := m.NewSection(name)
	if l > 0 {
		must(t, s.SetL(l))
		must(t, s.SetDiam(diam))
	}
	must(t, s.SetNseg(nseg))
	return s
}

func compileSim(t *testing.T, m *Model) *Sim {
	t.Helper()
	c, err := m.Compile()
	if err != nil {
		t.Fatal(err)
	}
	s, err := c.NewSim()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestGoldenPassive(t *testing.T) {
	g := loadGolden(t, "passive")
	m := NewModel(Builtins())
	soma := newSection(t, m, "soma", 20, 20, 1)
	dend := newSection(t, m, "dend", 200, 2, 5)
	must(t, dend.Connect(soma, 1, 0))
	for _, s := range []*Section{soma, dend} {
		must(t, s.Insert("pas"))
		must(t, s.SetRa(100))
	}
	must(t, dend.Set("g_pas", 0.0002))
	must(t, dend.Set("e_pas", -65))
	stim, err := m.AddPointProcess("IClamp", soma, 0.5)
	must(t, err)
	must(t, stim.Set("del", 5))
	must(t, stim.Set("dur", 20))
	must(t, stim.Set("amp", 0.1))
	s := compileSim(t, m)
	r := mustRef(t)
	got := map[string]*Trace{
		"t":          s.Record(s.TimeRef()),
		"soma_v":     s.Record(r(s.VoltageRef(soma, 0.5))),
		"dend_v":     s.Record(r(s.VoltageRef(dend, 0.5))),
		"dend_end_v": s.Record(r(s.VoltageRef(dend, 1))),
		"stim_i":     s.Record(r(s.PointRef(stim, "i"))),
		"soma_i_pas": s.Record(r(s.RangeRef(soma, 0.5, "i_pas"))),
	}
	must(t, s.Run(40))
	compareTraces(t, g, got)
}

func TestGoldenHH(t *testing.T) {
	g := loadGolden(t, "hh")
	m := NewModel(Builtins())
	soma := newSection(t, m, "soma", 20, 20, 1)
	must(t, soma.Insert("hh"))
	stim, err := m.AddPointProcess("IClamp", soma, 0.5)
	must(t, err)
	must(t, stim.Set("del", 5))
	must(t, stim.Set("dur", 30))
	must(t, stim.Set("amp", 0.3))
	s := compileSim(t, m)
	r := mustRef(t)
	got := map[string]*Trace{"t": s.Record(s.TimeRef()), "v": s.Record(r(s.VoltageRef(soma, 0.5)))}
	for _, name := range []string{"m", "h", "n", "il"} {
		got[name] = s.Record(r(s.RangeRef(soma, 0.5, name+"_hh")))
	}
	got["ina"] = s.Record(r(s.RangeRef(soma, 0.5, "ina")))
	must(t, s.Run(50))
	compareTraces(t, g, got)
}

func branchedModel(t *testing.T) (m *Model, soma, d1, d2, d3 *Section) {
	m = NewModel(Builtins())
	soma = m.NewSection("soma")
	d1 = m.NewSection("d1")
	d2 = m.NewSection("d2")
	d3 = m.NewSection("d3")
	for _, p := range [][4]float64{{0, 0, 0, 12}, {6, 1, 0, 14}, {14, 0, 0, 10}} {
		must(t, soma.Pt3dAdd(p[0], p[1], p[2], p[3]))
	}
	must(t, d1.Connect(soma, 1, 0))
	must(t, d2.Connect(soma, 0.5, 0))
	must(t, d3.Connect(d1, 1, 0))
	for _, p := range [][4]float64{{0, 0, 0, 3}, {30, 10, 0, 2.5}, {60, 12, 5, 2.0}, {100, 20, 5, 1.2}} {
		must(t, d1.Pt3dAdd(p[0], p[1], p[2], p[3]))
	}
	must(t, d1.SetNseg(5))
	must(t, d2.SetL(80))
	must(t, d2.SetDiam(1.7))
	must(t, d2.SetNseg(3))
	must(t, d3.SetL(50))
	must(t, d3.SetDiam(0.7))
	must(t, d3.SetNseg(4))
	m.DefineShape()
	for _, s := range []*Section{soma, d1, d2, d3} {
		must(t, s.SetRa(123))
		must(t, s.SetCm(1.1))
	}
	must(t, soma.Insert("hh"))
	for _, s := range []*Section{d1, d2, d3} {
		must(t, s.Insert("pas"))
		must(t, s.Set("e_pas", -65))
	}
	return m, soma, d1, d2, d3
}

func TestGoldenBranchedGeometry(t *testing.T) {
	g := loadGolden(t, "branched")
	m, soma, d1, d2, d3 := branchedModel(t)
	c, err := m.Compile()
	must(t, err)
	secs := map[string]*Section{"soma": soma, "d1": d1, "d2": d2, "d3": d3}
	for _, gs := range g.Geometry {
		sec := secs[gs.Name]
		if d := math.Abs(sec.L() - gs.L); d > 1e-12*gs.L {
			t.Errorf("%s: L %v, NEURON %v", gs.Name, sec.L(), gs.L)
		}
		for _, seg := range gs.Segments {
			area, err := c.Area(sec, seg.X)
			must(t, err)
			ri, err := c.Ri(sec, seg.X)
			must(t, err)
			diam, err := c.Diam(sec, seg.X)
			must(t, err)
			for _, q := range []struct {
				what      string
				got, want float64
			}{{"area", area, seg.Area}, {"ri", ri, seg.Ri}, {"diam", diam, seg.Diam}} {
				if rel := math.Abs(q.got-q.want) / math.Abs(q.want); rel > 1e-12 {
					t.Errorf("%s(%g) %s = %.17g, NEURON %.17g (rel %.3g)", gs.Name, seg.X, q.what, q.got, q.want, rel)
				}
			}
		}
		ri1, err := c.Ri(sec, 1)
		must(t, err)
		if rel := math.Abs(ri1-gs.Ri1) / gs.Ri1; rel > 1e-12 {
			t.Errorf("%s(1) ri = %.17g, NEURON %.17g", gs.Name, ri1, gs.Ri1)
		}
	}
}

func TestGoldenBranched(t *testing.T) {
	g := loadGolden(t, "branched")
	m, soma, d1, d2, d3 := branchedModel(t)
	stim, err := m.AddPointProcess("IClamp", d3, 0.9)
	must(t, err)
	must(t, stim.Set("del", 2))
	must(t, stim.Set("dur", 20))
	must(t, stim.Set("amp", 0.08))
	s := compileSim(t, m)
	r := mustRef(t)
	got := map[string]*Trace{
		"t":         s.Record(s.TimeRef()),
		"soma_v":    s.Record(r(s.VoltageRef(soma, 0.5))),
		"d1_v":      s.Record(r(s.VoltageRef(d1, 0.3))),
		"d2_v":      s.Record(r(s.VoltageRef(d2, 0.9))),
		"d3_v":      s.Record(r(s.VoltageRef(d3, 0.9))),
		"d2_root_v": s.Record(r(s.VoltageRef(d2, 0))),
	}
	must(t, s.Run(30))
	compareTraces(t, g, got)
}

func TestGoldenSynapses(t *testing.T) {
	g := loadGolden(t, "synapses")
	m := NewModel(Builtins())
	soma := newSection(t, m, "soma", 15, 15, 1)
	dend := newSection(t, m, "dend", 150, 3, 3)
	must(t, dend.Connect(soma, 1, 0))
	must(t, soma.Insert("pas"))
	must(t, dend.Insert("pas"))
	e1, err := m.AddPointProcess("ExpSyn", soma, 0.5)
	must(t, err)
	must(t, e1.Set("tau", 2))
	e2, err := m.AddPointProcess("Exp2Syn", dend, 0.3)
	must(t, err)
	must(t, e2.Set("tau1", 0.5))
	must(t, e2.Set("tau2", 8))
	must(t, e2.Set("e", -10))
	ns, err := m.AddArtificialCell("NetStim")
	must(t, err)
	must(t, ns.Set("start", 5))
	must(t, ns.Set("interval", 7))
	must(t, ns.Set("number", 4))
	nc1, err := m.NewNetCon(ns, e1, 1.3, 0.005)
	must(t, err)
	_, err = m.NewNetCon(ns, e2, 0.7, 0.003)
	must(t, err)
	s := compileSim(t, m)
	r := mustRef(t)
	spikes, err := s.RecordSpikes(nc1)
	must(t, err)
	got := map[string]*Trace{
		"t":         s.Record(s.TimeRef()),
		"soma_v":    s.Record(r(s.VoltageRef(soma, 0.5))),
		"dend_v":    s.Record(r(s.VoltageRef(dend, 0.3))),
		"expsyn_i":  s.Record(r(s.PointRef(e1, "i"))),
		"expsyn_g":  s.Record(r(s.PointRef(e1, "g"))),
		"exp2syn_i": s.Record(r(s.PointRef(e2, "i"))),
		"exp2syn_g": s.Record(r(s.PointRef(e2, "g"))),
	}
	must(t, s.Run(50))
	compareTraces(t, g, got)
	compareSeries(t, "synapses/spikes", spikes.Values, g.Spikes)
}

func TestGoldenVecStim(t *testing.T) {
	g := loadGolden(t, "vecstim")
	m := NewModel(Builtins())
	soma := newSection(t, m, "soma", 15, 15, 1)
	must(t, soma.Insert("pas"))
	syn, err := m.AddPointProcess("ExpSyn", soma, 0.5)
	must(t, err)
	must(t, syn.Set("tau", 3))
	vs, err := m.AddArtificialCell("VecStim")
	must(t, err)
	vs.SetVector([]float64{2.5, 3.3, 10.05, 17})
	nc, err := m.NewNetCon(vs, syn, 0.1, 0.01)
	must(t, err)
	s := compileSim(t, m)
	r := mustRef(t)
	spikes, err := s.RecordSpikes(nc)
	must(t, err)
	got := map[string]*Trace{
		"t":     s.Record(s.TimeRef()),
		"v":     s.Record(r(s.VoltageRef(soma, 0.5))),
		"syn_i": s.Record(r(s.PointRef(syn, "i"))),
	}
	must(t, s.Run(30))
	compareTraces(t, g, got)
	compareSeries(t, "vecstim/spikes", spikes.Values, g.Spikes)
}

func TestGoldenThreshold(t *testing.T) {
	g := loadGolden(t, "threshold")
	m := NewModel(Builtins())
	pre := newSection(t, m, "pre", 20, 20, 1)
	post := newSection(t, m, "post", 20, 20, 1)
	must(t, pre.Insert("hh"))
	must(t, post.Insert("pas"))
	stim, err := m.AddPointProcess("IClamp", pre, 0.5)
	must(t, err)
	must(t, stim.Set("del", 2))
	must(t, stim.Set("dur", 40))
	must(t, stim.Set("amp", 0.4))
	syn, err := m.AddPointProcess("Exp2Syn", post, 0.5)
	must(t, err)
	must(t, syn.Set("tau1", 0.3))
	must(t, syn.Set("tau2", 4))
	nc, err := m.NewNetConFromVoltage(pre, 0.5, -20, syn, 2, 0.002)
	must(t, err)
	s := compileSim(t, m)
	r := mustRef(t)
	spikes, err := s.RecordSpikes(nc)
	must(t, err)
	got := map[string]*Trace{
		"t":      s.Record(s.TimeRef()),
		"pre_v":  s.Record(r(s.VoltageRef(pre, 0.5))),
		"post_v": s.Record(r(s.VoltageRef(post, 0.5))),
		"syn_i":  s.Record(r(s.PointRef(syn, "i"))),
	}
	must(t, s.Run(50))
	compareTraces(t, g, got)
	compareSeries(t, "threshold/spikes", spikes.Values, g.Spikes)
}

func TestGoldenSEClamp(t *testing.T) {
	g := loadGolden(t, "seclamp")
	m := NewModel(Builtins())
	soma := newSection(t, m, "soma", 20, 20, 1)
	must(t, soma.Insert("hh"))
	c, err := m.AddPointProcess("SEClamp", soma, 0.5)
	must(t, err)
	for name, v := range map[string]float64{"dur1": 5, "amp1": -70, "dur2": 10, "amp2": -20, "dur3": 10, "amp3": -60, "rs": 0.5} {
		must(t, c.Set(name, v))
	}
	s := compileSim(t, m)
	r := mustRef(t)
	got := map[string]*Trace{
		"t": s.Record(s.TimeRef()),
		"v": s.Record(r(s.VoltageRef(soma, 0.5))),
		"i": s.Record(r(s.PointRef(c, "i"))),
	}
	must(t, s.Run(30))
	compareTraces(t, g, got)
}

func TestGoldenVClamp(t *testing.T) {
	g := loadGolden(t, "vclamp")
	m := NewModel(Builtins())
	soma := newSection(t, m, "soma", 20, 20, 1)
	dend := newSection(t, m, "dend", 100, 2, 1)
	must(t, dend.Connect(soma, 1, 0))
	must(t, soma.Insert("hh"))
	must(t, dend.Insert("pas"))
	c, err := m.AddPointProcess("VClamp", soma, 0.5)
	must(t, err)
	for j, da := range [][2]float64{{5, -70}, {10, 0}, {10, -50}} {
		must(t, c.SetElement("dur", j, da[0]))
		must(t, c.SetElement("amp", j, da[1]))
	}
	s := compileSim(t, m)
	r := mustRef(t)
	got := map[string]*Trace{
		"t":      s.Record(s.TimeRef()),
		"v":      s.Record(r(s.VoltageRef(soma, 0.5))),
		"dend_v": s.Record(r(s.VoltageRef(dend, 1))),
		"i":      s.Record(r(s.PointRef(c, "i"))),
	}
	must(t, s.Run(30))
	compareTraces(t, g, got)
}

func TestGoldenInit70(t *testing.T) {
	g := loadGolden(t, "init70")
	m := NewModel(Builtins())
	m.Celsius = 20
	soma := newSection(t, m, "soma", 20, 20, 1)
	dend := newSection(t, m, "dend", 100, 2, 3)
	must(t, dend.Connect(soma, 1, 0))
	must(t, soma.Insert("hh"))
	must(t, dend.Insert("pas"))
	syn, err := m.AddPointProcess("ExpSyn", dend, 0.5)
	must(t, err)
	ns, err := m.AddArtificialCell("NetStim")
	must(t, err)
	must(t, ns.Set("start", 3))
	must(t, ns.Set("interval", 5))
	must(t, ns.Set("number", 3))
	_, err = m.NewNetCon(ns, syn, 1, 0.01)
	must(t, err)
	s := compileSim(t, m)
	r := mustRef(t)
	got := map[string]*Trace{
		"t":      s.Record(s.TimeRef()),
		"v":      s.Record(r(s.VoltageRef(soma, 0.5))),
		"dend_v": s.Record(r(s.VoltageRef(dend, 0.5))),
		"syn_i":  s.Record(r(s.PointRef(syn, "i"))),
	}
	must(t, s.Init(70))
	must(t, s.ContinueRun(25))
	compareTraces(t, g, got)
}

func TestGoldenHHDirect(t *testing.T) {
	g := loadGolden(t, "hh_direct")
	m := NewModel(Builtins())
	soma := newSection(t, m, "soma", 20, 20, 1)
	dend := newSection(t, m, "dend", 100, 2, 2)
	must(t, dend.Connect(soma, 1, 0))
	must(t, soma.Insert("hh"))
	must(t, dend.Insert("pas"))
	must(t, m.SetGlobal("hh", "usetable", 0))
	must(t, soma.Set("v", -60))
	must(t, dend.Set("v", -72))
	stim, err := m.AddPointProcess("IClamp", soma, 0.5)
	must(t, err)
	must(t, stim.Set("del", 1))
	must(t, stim.Set("dur", 10))
	must(t, stim.Set("amp", 0.2))
	s := compileSim(t, m)
	r := mustRef(t)
	got := map[string]*Trace{
		"t":      s.Record(s.TimeRef()),
		"v":      s.Record(r(s.VoltageRef(soma, 0.5))),
		"dend_v": s.Record(r(s.VoltageRef(dend, 0.75))),
		"m":      s.Record(r(s.RangeRef(soma, 0.5, "m_hh"))),
	}
	must(t, s.InitKeep())
	must(t, s.ContinueRun(20))
	compareTraces(t, g, got)
}

func TestDeleteSection(t *testing.T) {
	m := NewModel(Builtins())
	a, b, c := m.NewSection("a"), m.NewSection("b"), m.NewSection("c")
	must(t, b.Connect(a, 1, 0))
	must(t, c.Connect(b, 1, 0))
	if _, err := m.AddPointProcess("IClamp", b, 0.5); err != nil {
		t.Fatal(err)
	}
	if err := m.DeleteSection(b); err == nil {
		t.Fatal("deleted a section with a point process on it")
	}
	m2 := NewModel(Builtins())
	a, b, c = m2.NewSection("a"), m2.NewSection("b"), m2.NewSection("c")
	must(t, b.Connect(a, 1, 0))
	must(t, c.Connect(b, 1, 0))
	must(t, m2.DeleteSection(b))
	if p, _, _ := c.Parent(); p != nil {
		t.Errorf("child of a deleted section still has parent %s", p.Name())
	}
	if got := len(m2.Sections()); got != 2 {
		t.Errorf("%d sections after delete, want 2", got)
	}
	comp, err := m2.Compile()
	must(t, err)
	if comp.NumNodes() != 2+2*2 {
		t.Errorf("%d nodes, want 6 (two roots)", comp.NumNodes())
	}
}
