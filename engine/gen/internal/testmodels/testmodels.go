// Package testmodels builds the models that package gen's tests generate
// kernels for and compare with the engine.
package testmodels

import (
	"bytes"
	"fmt"
	"go/format"

	"github.com/synaptune/synaptune/engine"
	"github.com/synaptune/synaptune/engine/gen"
	"github.com/synaptune/synaptune/engine/gen/internal/inline"
)

// ProbeFile is the file of package kernels that holds Probes.
const ProbeFile = "probes_gen.go"

// Probes returns the source of package kernels' Exp and HHRates, the code
// kernels write in place of libm.Exp and engine.HHTable.Rates wrapped in
// functions, for comparing them with those.
func Probes() ([]byte, error) {
	var b bytes.Buffer
	inline.ProbeFile(&b, "kernels", Regenerate)
	return format.Source(b.Bytes())
}

// Regenerate is the command that rewrites the kernels of the cases.
const Regenerate = "go generate ./engine/gen/internal/kernels/"

// Kernel returns the source of the case's kernel, as package kernels
// holds it.
func (c Case) Kernel() ([]byte, error) {
	return gen.Kernel(c.Compiled, gen.Options{Package: "kernels", Type: c.Name, Command: Regenerate})
}

// Case is one test model.
type Case struct {
	// Name is the kernel's type name; its file is kernels/<lower name>_gen.go.
	Name string
	// Sections are the model's sections, for recording.
	Sections []*engine.Section
	// Spikes are NetCons whose sources' spikes the tests record.
	Spikes []*engine.NetCon
	// Compiled is the model.
	Compiled *engine.Compiled
	// Tstop is how long the tests run it (ms).
	Tstop float64
}

// All returns every case, built afresh.
func All() ([]Case, error) {
	var out []Case
	for _, f := range []func() (Case, error){BenchCell, Passive, Branched, TwoCells, Synapses, Clamped, Network} {
		c, err := f()
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// builder collects the first error of a sequence of model edits.
type builder struct {
	m   *engine.Model
	err error
}

func (b *builder) do(errs ...error) {
	for _, err := range errs {
		if b.err == nil && err != nil {
			b.err = err
		}
	}
}

func (b *builder) iclamp(sec *engine.Section, x, del, dur, amp float64) *engine.PointProcess {
	return b.point("IClamp", sec, x, map[string]float64{"del": del, "dur": dur, "amp": amp})
}

func (b *builder) finish(name string, tstop float64, secs ...*engine.Section) (Case, error) {
	if b.err != nil {
		return Case{}, fmt.Errorf("testmodels: %s: %w", name, b.err)
	}
	c, err := b.m.Compile()
	if err != nil {
		return Case{}, fmt.Errorf("testmodels: %s: %w", name, err)
	}
	return Case{Name: name, Sections: secs, Compiled: c, Tstop: tstop}, nil
}

// BenchCell is the cell of engine's BenchmarkRun600ms: a soma with hh and
// a dendrite with pas (nseg 1 each) at 6.3 °C, and an IClamp of 0.2 nA
// from 10 to 590 ms at the soma's centre.
func BenchCell() (Case, error) {
	b := &builder{m: engine.NewModel(engine.Builtins())}
	b.m.Celsius = 6.3
	soma, dend := b.m.NewSection("soma"), b.m.NewSection("dend")
	b.do(soma.SetL(20), soma.SetDiam(20), dend.SetL(200), dend.SetDiam(2),
		dend.Connect(soma, 1, 0), soma.Insert("hh"), dend.Insert("pas"))
	b.iclamp(soma, 0.5, 10, 580, 0.2)
	return b.finish("BenchCell", 600, soma, dend)
}

// Passive is two passive sections (nseg 3 and 5) under a current pulse.
func Passive() (Case, error) {
	b := &builder{m: engine.NewModel(engine.Builtins())}
	a, c := b.m.NewSection("a"), b.m.NewSection("b")
	b.do(a.SetL(30), a.SetDiam(10), a.SetNseg(3), c.SetL(150), c.SetDiam(1.5), c.SetNseg(5),
		c.Connect(a, 1, 0), a.Insert("pas"), c.Insert("pas"), c.Set("g_pas", 0.0002), a.SetCm(1.3))
	b.iclamp(a, 0.5, 2, 20, 0.05)
	b.iclamp(c, 0.9, 5, 3, -0.02)
	return b.finish("Passive", 40, a, c)
}

// Branched is a soma with hh from 3-D points and three passive dendrites
// (one on the soma's middle, a chain of two on its end) with nseg 5, 3
// and 4, firing under a current pulse.
func Branched() (Case, error) {
	b := &builder{m: engine.NewModel(engine.Builtins())}
	b.m.Celsius = 16
	soma, d1, d2, d3 := b.m.NewSection("soma"), b.m.NewSection("d1"), b.m.NewSection("d2"), b.m.NewSection("d3")
	for _, p := range [][4]float64{{0, 0, 0, 12}, {6, 1, 0, 14}, {14, 0, 0, 10}} {
		b.do(soma.Pt3dAdd(p[0], p[1], p[2], p[3]))
	}
	b.do(d1.Connect(soma, 1, 0), d2.Connect(soma, 0.5, 0), d3.Connect(d1, 1, 0))
	for _, p := range [][4]float64{{0, 0, 0, 3}, {30, 10, 0, 2.5}, {60, 12, 5, 2.0}, {100, 20, 5, 1.2}} {
		b.do(d1.Pt3dAdd(p[0], p[1], p[2], p[3]))
	}
	b.do(d1.SetNseg(5), d2.SetL(80), d2.SetDiam(1.7), d2.SetNseg(3), d3.SetL(50), d3.SetDiam(0.7), d3.SetNseg(4))
	b.m.DefineShape()
	for _, s := range []*engine.Section{soma, d1, d2, d3} {
		b.do(s.SetRa(123), s.SetCm(1.1))
	}
	b.do(soma.Insert("hh"))
	for _, s := range []*engine.Section{d1, d2, d3} {
		b.do(s.Insert("pas"), s.Set("e_pas", -65))
	}
	b.iclamp(soma, 0.5, 1, 30, 0.3)
	return b.finish("Branched", 60, soma, d1, d2, d3)
}

// TwoCells is two unconnected cells (two roots): an hh soma with a
// passive dendrite, and a second hh soma with its own pulse, two IClamps
// on one node; hh computes its rates without its table (usetable_hh 0).
func TwoCells() (Case, error) {
	b := &builder{m: engine.NewModel(engine.Builtins())}
	s1, d1, s2 := b.m.NewSection("s1"), b.m.NewSection("d1"), b.m.NewSection("s2")
	b.do(s1.SetL(18), s1.SetDiam(18), d1.SetL(120), d1.SetDiam(1), d1.SetNseg(2), d1.Connect(s1, 0, 0),
		s2.SetL(25), s2.SetDiam(15), s1.Insert("hh"), d1.Insert("pas"), s2.Insert("hh"), s2.Insert("pas"),
		s2.Set("gnabar_hh", 0.1), s2.Set("e_pas", -60))
	b.do(b.m.SetGlobal("hh", "usetable", 0))
	b.iclamp(s1, 0.5, 3, 10, 0.25)
	b.iclamp(s2, 0.5, 8, 30, 0.1)
	b.iclamp(s2, 0.5, 20, 2, 0.4)
	return b.finish("TwoCells", 50, s1, d1, s2)
}

// netcon connects source to target.
func (b *builder) netcon(source, target *engine.PointProcess, delay, weight float64) {
	if source == nil || target == nil {
		return
	}
	_, err := b.m.NewNetCon(source, target, delay, weight)
	b.do(err)
}

func (b *builder) point(mech string, sec *engine.Section, x float64, params map[string]float64) *engine.PointProcess {
	pp, err := b.m.AddPointProcess(mech, sec, x)
	return b.set(pp, err, params)
}

func (b *builder) artificial(mech string, params map[string]float64) *engine.PointProcess {
	pp, err := b.m.AddArtificialCell(mech)
	return b.set(pp, err, params)
}

// set records err or sets the parameters of pp.
func (b *builder) set(pp *engine.PointProcess, err error, params map[string]float64) *engine.PointProcess {
	b.do(err)
	if pp != nil {
		for name, v := range params {
			b.do(pp.Set(name, v))
		}
	}
	return pp
}

// Synapses is an hh soma with a passive dendrite (nseg 3) and synapses
// driven through NetCons: an ExpSyn on the dendrite from a NetStim, two
// Exp2Syns on the soma (one from a VecStim, one from both sources), so
// that the kernel's runs of steps end at every event.
func Synapses() (Case, error) {
	b := &builder{m: engine.NewModel(engine.Builtins())}
	soma, dend := b.m.NewSection("soma"), b.m.NewSection("dend")
	b.do(soma.SetL(20), soma.SetDiam(20), dend.SetL(300), dend.SetDiam(1.2), dend.SetNseg(3),
		dend.Connect(soma, 1, 0), soma.Insert("hh"), dend.Insert("pas"))
	ns := b.artificial("NetStim", map[string]float64{"start": 5, "interval": 7.3, "number": 5})
	vs := b.artificial("VecStim", nil)
	if vs != nil {
		vs.SetVector([]float64{12, 12.5, 30.05, 41})
	}
	es := b.point("ExpSyn", dend, 0.8, map[string]float64{"tau": 3, "e": 0})
	e2a := b.point("Exp2Syn", soma, 0.5, map[string]float64{"tau1": 0.5, "tau2": 6, "e": 0})
	e2b := b.point("Exp2Syn", soma, 0.5, map[string]float64{"tau1": 2, "tau2": 20, "e": -80})
	b.netcon(ns, es, 1.3, 0.004)
	b.netcon(vs, e2a, 0.7, 0.002)
	b.netcon(ns, e2b, 2, 0.001)
	b.netcon(vs, e2b, 0, 0.0015)
	return b.finish("Synapses", 60, soma, dend)
}

// Clamped is an hh soma under a three-level SEClamp with a passive
// dendrite carrying an ExpSyn driven by a NetStim, as the tuner's
// voltage-clamp protocols are built.
func Clamped() (Case, error) {
	b := &builder{m: engine.NewModel(engine.Builtins())}
	soma, dend := b.m.NewSection("soma"), b.m.NewSection("dend")
	b.do(soma.SetL(15), soma.SetDiam(15), dend.SetL(150), dend.SetDiam(1.5), dend.SetNseg(2),
		dend.Connect(soma, 1, 0), soma.Insert("hh"), dend.Insert("pas"))
	b.point("SEClamp", soma, 0.5, map[string]float64{"rs": 0.5, "dur1": 5, "amp1": -70, "dur2": 20, "amp2": -10, "dur3": 10, "amp3": -60})
	ns := b.artificial("NetStim", map[string]float64{"start": 2, "interval": 6, "number": 6})
	es := b.point("ExpSyn", dend, 0.5, map[string]float64{"tau": 2, "e": 0})
	b.netcon(ns, es, 0.5, 0.01)
	return b.finish("Clamped", 45, soma, dend)
}

// Network is two cells connected by a NetCon that watches the first
// cell's soma voltage: the first (hh soma, passive dendrite) fires under a
// pulse train of IClamps and excites the second (hh soma) through an
// ExpSyn; a second NetCon watches the second cell's soma and only records
// its spikes.
func Network() (Case, error) {
	b := &builder{m: engine.NewModel(engine.Builtins())}
	s1, d1, s2 := b.m.NewSection("s1"), b.m.NewSection("d1"), b.m.NewSection("s2")
	b.do(s1.SetL(20), s1.SetDiam(20), d1.SetL(150), d1.SetDiam(1.5), d1.Connect(s1, 1, 0),
		s2.SetL(20), s2.SetDiam(20), s1.Insert("hh"), d1.Insert("pas"), s2.Insert("hh"))
	for k := 0; k < 4; k++ {
		b.iclamp(s1, 0.5, 2+float64(k)*12, 2, 0.6)
	}
	syn := b.point("ExpSyn", s2, 0.5, map[string]float64{"tau": 2, "e": 0})
	var spikes []*engine.NetCon
	if syn != nil {
		nc, err := b.m.NewNetConFromVoltage(s1, 0.5, -20, syn, 1.5, 0.02)
		b.do(err)
		rec, err := b.m.NewNetConFromVoltage(s2, 0.5, 0, nil, 0, 0)
		b.do(err)
		spikes = []*engine.NetCon{nc, rec}
	}
	c, err := b.finish("Network", 60, s1, d1, s2)
	c.Spikes = spikes
	return c, err
}
