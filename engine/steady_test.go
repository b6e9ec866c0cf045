package engine

import (
	"context"
	"errors"
	"math"
	"testing"
)

// steadyModel is a passive two-section cell that goes quiet between
// things that happen at known times: the VClamp changes level at 100 and
// 300 ms, an IClamp pulse runs from 400 to 450 ms, NetStim drives an
// Exp2Syn from 600 ms, a VecStim an ExpSyn at 700 and 900 ms, and the
// soma's spikes (threshold -62 mV, crossed while the clamp is at -60 mV)
// go to the ExpSyn through a NetCon with delay.
func steadyModel(t *testing.T) (*Compiled, *PointProcess, map[string]func(*Sim) Ref) {
	t.Helper()
	m := NewModel(Builtins())
	soma, dend := m.NewSection("soma"), m.NewSection("dend")
	mustAll(t, soma.SetL(20), soma.SetDiam(20), dend.SetL(200), dend.SetDiam(2), dend.SetNseg(3),
		dend.Connect(soma, 1, 0), soma.Insert("pas"), dend.Insert("pas"))
	vcl, err := m.AddPointProcess("VClamp", soma, 0.5)
	mustAll(t, err)
	for j, x := range [][2]float64{{100, -70}, {200, -60}, {1e9, -65}} {
		mustAll(t, vcl.SetElement("dur", j, x[0]), vcl.SetElement("amp", j, x[1]))
	}
	ic, err := m.AddPointProcess("IClamp", dend, 0.9)
	mustAll(t, err)
	mustAll(t, ic.Set("del", 400), ic.Set("dur", 50), ic.Set("amp", 0.05))
	e2, err := m.AddPointProcess("Exp2Syn", dend, 0.5)
	mustAll(t, err)
	ns, err := m.AddArtificialCell("NetStim")
	mustAll(t, err)
	mustAll(t, ns.Set("start", 600), ns.Set("interval", 50), ns.Set("number", 3))
	_, err = m.NewNetCon(ns, e2, 1, 0.002)
	mustAll(t, err)
	es, err := m.AddPointProcess("ExpSyn", dend, 0.2)
	mustAll(t, err)
	vs, err := m.AddArtificialCell("VecStim")
	mustAll(t, err)
	vs.SetVector([]float64{700, 900})
	_, err = m.NewNetCon(vs, es, 2, 0.001)
	mustAll(t, err)
	_, err = m.NewNetConFromVoltage(soma, 0.5, -62, es, 5, 0.001)
	mustAll(t, err)
	c, err := m.Compile()
	mustAll(t, err)
	refs := map[string]func(*Sim) Ref{
		"t":       func(s *Sim) Ref { return s.TimeRef() },
		"v soma":  func(s *Sim) Ref { r, _ := s.VoltageRef(soma, 0.5); return r },
		"v dend":  func(s *Sim) Ref { r, _ := s.VoltageRef(dend, 0.9); return r },
		"VClamp":  func(s *Sim) Ref { r, _ := s.PointRef(vcl, "i"); return r },
		"Exp2Syn": func(s *Sim) Ref { r, _ := s.PointRef(e2, "i"); return r },
		"ExpSyn":  func(s *Sim) Ref { r, _ := s.PointRef(es, "g"); return r },
	}
	return c, ic, refs
}

func mustAll(t *testing.T, errs ...error) {
	t.Helper()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}

// runSteady runs the model to 1200 ms, with a change of the IClamp
// amplitude at 500 ms, skipping steady steps or not.
func runSteady(t *testing.T, c *Compiled, ic *PointProcess, refs map[string]func(*Sim) Ref, skip bool) (map[string][]float64, int) {
	t.Helper()
	s, err := c.NewSim()
	mustAll(t, err)
	s.SetSkipSteady(skip)
	traces := map[string]*Trace{}
	for name, ref := range refs {
		traces[name] = s.Record(ref(s))
	}
	mustAll(t, s.Init(-65), s.ContinueRun(500))
	skipped := s.SkippedSteps()
	amp, err := s.PointElementRef(ic, "amp", 0)
	mustAll(t, err)
	mustAll(t, s.Set(amp, 0.02), s.ContinueRun(1200))
	out := map[string][]float64{}
	for name, tr := range traces {
		out[name] = tr.Values
	}
	return out, skipped + s.SkippedSteps()
}

func TestSkipSteadyIsExact(t *testing.T) {
	c, ic, refs := steadyModel(t)
	want, none := runSteady(t, c, ic, refs, false)
	got, skipped := runSteady(t, c, ic, refs, true)
	if none != 0 {
		t.Errorf("with skipping off, %d steps were skipped", none)
	}
	// the cell is quiet for most of the 48,000 steps
	if skipped < 20000 {
		t.Errorf("only %d steps skipped; the model is steady for most of its run", skipped)
	}
	for name, w := range want {
		g := got[name]
		if len(g) != len(w) {
			t.Fatalf("%s: %d samples, want %d", name, len(g), len(w))
		}
		for i := range w {
			if math.Float64bits(g[i]) != math.Float64bits(w[i]) {
				t.Fatalf("%s: sample %d (t=%g) is %v with skipping, %v without", name, i, want["t"][i], g[i], w[i])
			}
		}
	}
}

// TestCancelWhileSkipping checks that a run cancelled during a steady
// stretch stops within 1000 steps, as a computed run does, and can go on.
func TestCancelWhileSkipping(t *testing.T) {
	c, _, _ := steadyModel(t)
	s, err := c.NewSim()
	mustAll(t, err)
	tr := s.Record(s.TimeRef())
	mustAll(t, s.Init(-65), s.ContinueRun(250)) // steady from well before 250 ms
	skipped := s.SkippedSteps()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	t0 := s.T()
	if err := s.ContinueRunContext(ctx, 290); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled run returned %v", err)
	}
	if steps := math.Round((s.T() - t0) / s.Dt()); steps < 1 || steps > 1000 {
		t.Errorf("cancelled run advanced %v steps, want 1..1000", steps)
	}
	if s.SkippedSteps() == skipped {
		t.Errorf("no step skipped: the stretch was not steady")
	}
	mustAll(t, s.ContinueRun(290))
	if n := len(tr.Values); n != 290/0.025+1 {
		t.Errorf("%d samples after resuming to 290 ms, want %v", n, 290/0.025+1)
	}
}

func TestStationaryUntilOfClamps(t *testing.T) {
	m := NewModel(Builtins())
	soma := m.NewSection("soma")
	vcl, err := m.AddPointProcess("VClamp", soma, 0.5)
	mustAll(t, err)
	for j, d := range []float64{100, 200, 50} {
		mustAll(t, vcl.SetElement("dur", j, d))
	}
	ic, err := m.AddPointProcess("IClamp", soma, 0.5)
	mustAll(t, err)
	mustAll(t, ic.Set("del", 10), ic.Set("dur", 5))
	se, err := m.AddPointProcess("SEClamp", soma, 0.5)
	mustAll(t, err)
	mustAll(t, se.Set("dur1", 20), se.Set("dur2", 30), se.Set("dur3", 5))
	c, err := m.Compile()
	mustAll(t, err)
	s, err := c.NewSim()
	mustAll(t, err)
	mustAll(t, s.Init(-65))
	blocks := map[string]*Block{}
	for _, b := range s.blocks {
		blocks[b.Mech.Spec().Name] = b
	}
	for _, tc := range []struct {
		mech    string
		t, want float64
	}{
		{"IClamp", 0, 10}, {"IClamp", 10, 15}, {"IClamp", 14.9, 15}, {"IClamp", 15, math.Inf(1)},
		{"VClamp", 0, 100}, {"VClamp", 100, 200}, {"VClamp", 250, 300}, {"VClamp", 300, 350},
		{"VClamp", 360, 400}, {"VClamp", 449, 450}, {"VClamp", 450, math.Inf(1)},
		{"SEClamp", 0, 20}, {"SEClamp", 20, 50}, {"SEClamp", 50, 55}, {"SEClamp", 55, math.Inf(1)},
	} {
		b := blocks[tc.mech]
		got := b.Mech.(Stationary).StationaryUntil(b, tc.t)
		if got != tc.want {
			t.Errorf("%s.StationaryUntil(%g) = %g, want %g", b.Mech.Spec().Name, tc.t, got, tc.want)
		}
	}
}

// TestFrozenStepsAreExact runs a clamped hh soma with a dendrite (and two
// weak SEClamps), whose Exp2Syn and ExpSyn are driven every 300 ms: between events only the
// synapses' conductances change (hh, which uses ions, stays frozen), so
// most steps are computed partly frozen. Every sample of voltages, gates,
// ion current, clamp current and synaptic conductances must equal the
// plain computation's, and the steps of both must be accounted for.
func TestFrozenStepsAreExact(t *testing.T) {
	m := NewModel(Builtins())
	soma, dend := m.NewSection("soma"), m.NewSection("dend")
	mustAll(t, soma.SetL(20), soma.SetDiam(20), dend.SetL(150), dend.SetDiam(2), dend.SetNseg(3),
		dend.Connect(soma, 1, 0), soma.Insert("hh"), dend.Insert("pas"))
	vcl, err := m.AddPointProcess("VClamp", soma, 0.5)
	mustAll(t, err)
	mustAll(t, vcl.SetElement("dur", 0, 1e9), vcl.SetElement("amp", 0, -70))
	e2, err := m.AddPointProcess("Exp2Syn", dend, 0.5)
	mustAll(t, err)
	mustAll(t, e2.Set("tau1", 0.5), e2.Set("tau2", 8))
	es, err := m.AddPointProcess("ExpSyn", soma, 0.5)
	mustAll(t, err)
	// two weak SEClamps on one dendrite node: a block whose additions
	// cannot be saved apart, called in every frozen step
	for _, amp := range []float64{-60, -75} {
		se, err := m.AddPointProcess("SEClamp", dend, 5.0/6)
		mustAll(t, err)
		mustAll(t, se.Set("rs", 2000), se.Set("dur1", 1e9), se.Set("amp1", amp))
	}
	ns, err := m.AddArtificialCell("NetStim")
	mustAll(t, err)
	mustAll(t, ns.Set("start", 50), ns.Set("interval", 300), ns.Set("number", 4))
	_, err = m.NewNetCon(ns, e2, 1, 0.004)
	mustAll(t, err)
	_, err = m.NewNetCon(ns, es, 3, 0.002)
	mustAll(t, err)
	c, err := m.Compile()
	mustAll(t, err)
	run := func(skip bool) ([][]float64, *Sim) {
		s, err := c.NewSim()
		mustAll(t, err)
		s.SetSkipSteady(skip)
		var refs []Ref
		for _, x := range []float64{0.5} {
			r, err := s.VoltageRef(soma, x)
			mustAll(t, err)
			refs = append(refs, r)
			for _, name := range []string{"m_hh", "h_hh", "n_hh", "ina"} {
				r, err := s.RangeRef(soma, x, name)
				mustAll(t, err)
				refs = append(refs, r)
			}
		}
		for _, x := range []float64{1.0 / 6, 0.5, 5.0 / 6} {
			r, err := s.VoltageRef(dend, x)
			mustAll(t, err)
			refs = append(refs, r)
		}
		for _, pr := range []struct {
			pp   *PointProcess
			name string
		}{{vcl, "i"}, {e2, "g"}, {e2, "A"}, {es, "g"}, {es, "i"}} {
			r, err := s.PointRef(pr.pp, pr.name)
			mustAll(t, err)
			refs = append(refs, r)
		}
		var trs []*Trace
		for _, r := range refs {
			trs = append(trs, s.Record(r))
		}
		tt := s.Record(s.TimeRef())
		mustAll(t, s.Init(-65), s.ContinueRun(1300))
		out := [][]float64{tt.Values}
		for _, tr := range trs {
			out = append(out, tr.Values)
		}
		return out, s
	}
	want, plain := run(false)
	got, s := run(true)
	if plain.FrozenSteps() != 0 || plain.SkippedSteps() != 0 {
		t.Errorf("with shortcuts off: %d frozen, %d skipped steps", plain.FrozenSteps(), plain.SkippedSteps())
	}
	if s.FrozenSteps() < 10000 {
		t.Errorf("only %d of 52,000 steps computed partly frozen", s.FrozenSteps())
	}
	for k := range want {
		if len(got[k]) != len(want[k]) {
			t.Fatalf("trace %d: %d samples, want %d", k, len(got[k]), len(want[k]))
		}
		for i := range want[k] {
			if math.Float64bits(got[k][i]) != math.Float64bits(want[k][i]) {
				t.Fatalf("trace %d, sample %d (t=%g): %v with shortcuts, %v without", k, i, want[0][i], got[k][i], want[k][i])
			}
		}
	}
	t.Logf("%d steps frozen, %d skipped", s.FrozenSteps(), s.SkippedSteps())
}
