package nmodl_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/synaptune/synaptune/engine"
	"github.com/synaptune/synaptune/engine/nmodl"
	"github.com/synaptune/synaptune/internal/libm"
)

// goNainter is tuner/models/nainter.mod written by hand in Go against the
// engine's Mechanism interface, with the arithmetic nocmodl generates. It
// exists to measure the compiled NMODL against native Go
// (BenchmarkNainter) and to check both give the same numbers.
type goNainter struct{}

var goNainterSpec = engine.Spec{Name: "nainter", Kind: engine.Density,
	Variables: []engine.Variable{
		{Name: "gnabar", Role: engine.Parameter, Default: 0.035},
		{Name: "mv_05", Role: engine.Parameter, Default: -18.5},
		{Name: "hv_05", Role: engine.Parameter, Default: -29},
		{Name: "mtau_inv", Role: engine.Parameter, Default: 2.1},
		{Name: "htau_inv", Role: engine.Parameter, Default: 0.045},
		{Name: "ina", Role: engine.Assigned},
		{Name: "gna", Role: engine.Assigned},
		{Name: "minf", Role: engine.Assigned},
		{Name: "hinf", Role: engine.Assigned},
		{Name: "mtau", Role: engine.Assigned},
		{Name: "htau", Role: engine.Assigned},
		{Name: "m", Role: engine.State},
		{Name: "h", Role: engine.State},
	},
	Ions: []engine.IonUse{{Ion: "na", Read: []string{"ena"}, Write: []string{"ina"}}},
}

const (
	gnGnabar = iota
	gnMv05
	gnHv05
	gnMtauInv
	gnHtauInv
	gnIna
	gnGna
	gnMinf
	gnHinf
	gnMtau
	gnHtau
	gnM
	gnH
)

func (goNainter) Spec() *engine.Spec { return &goNainterSpec }

func (goNainter) rate(x [][]float64, k int, vm float64) {
	ma := float64(x[gnMtauInv][k] * libm.Exp((vm-x[gnMv05][k])/11.75))
	mb := float64(x[gnMtauInv][k] * libm.Exp(-(vm-x[gnMv05][k])/27))
	mrate := ma + mb
	x[gnMinf][k] = ma / mrate
	x[gnMtau][k] = 1 / (mrate)
	ha := float64(x[gnHtauInv][k] * libm.Exp(-(vm-x[gnHv05][k])/33))
	hb := float64(x[gnHtauInv][k] * libm.Exp((vm-x[gnHv05][k])/12.2))
	hrate := ha + hb
	x[gnHinf][k] = ha / hrate
	x[gnHtau][k] = 1 / (hrate)
}

func (n goNainter) Init(b *engine.Block, e *engine.Env) error {
	for k, nd := range b.Node {
		n.rate(b.Vars, k, e.V[nd])
		b.Vars[gnM][k] = b.Vars[gnMinf][k]
		b.Vars[gnH][k] = b.Vars[gnHinf][k]
	}
	return nil
}

func (goNainter) Current(b *engine.Block, e *engine.Env) {
	x := b.Vars
	na := &e.Ions[b.IonIndex[0]]
	for k, nd := range b.Node {
		v, ena := e.V[nd], na.E[nd]
		m, h := x[gnM][k], x[gnH][k]
		gna := x[gnGnabar][k] * m * m * m * h
		i1 := float64(gna * ((v + .001) - ena))
		i0 := float64(gna * (v - ena))
		x[gnGna][k], x[gnIna][k] = gna, i0
		na.DIDV[nd] += (i1 - i0) / .001
		na.I[nd] += i0
		e.AddDensityCurrent(nd, i1, i0)
	}
}

func (n goNainter) State(b *engine.Block, e *engine.Env) error {
	x := b.Vars
	dt := e.Dt
	for k, nd := range b.Node {
		n.rate(x, k, e.V[nd])
		mtau, htau := x[gnMtau][k], x[gnHtau][k]
		x[gnM][k] = x[gnM][k] + float64((1.-libm.Exp(dt*((-1.0)/mtau)))*(-(x[gnMinf][k]/mtau)/((-1.0)/mtau)-x[gnM][k]))
		x[gnH][k] = x[gnH][k] + float64((1.-libm.Exp(dt*((-1.0)/htau)))*(-(x[gnHinf][k]/htau)/((-1.0)/htau)-x[gnH][k]))
	}
	return nil
}

// nainterCell is a passive soma with nainter, held near threshold by an
// IClamp; compiled says which nainter to use.
func nainterCell(tb testing.TB, compiled bool) (*engine.Sim, *engine.Trace) {
	tb.Helper()
	reg := engine.Builtins()
	if compiled {
		mech, err := nmodl.CompileMechanism("nainter.mod", readModel(tb, filepath.Join("..", "..", "tuner", "models", "nainter.mod")))
		if err != nil {
			tb.Fatal(err)
		}
		if err := reg.Add(mech); err != nil {
			tb.Fatal(err)
		}
	} else if err := reg.Add(goNainter{}); err != nil {
		tb.Fatal(err)
	}
	m := engine.NewModel(reg)
	soma := m.NewSection("soma")
	for _, err := range []error{soma.SetL(15), soma.SetDiam(15), soma.SetNseg(4), soma.Insert("pas"), soma.Insert("nainter"),
		soma.Set("ena", 45), soma.Set("mv_05_nainter", -35.5), soma.Set("hv_05_nainter", -39),
		soma.Set("mtau_inv_nainter", 8.4), soma.Set("htau_inv_nainter", 0.135), soma.Set("gnabar_nainter", 0.01)} {
		if err != nil {
			tb.Fatal(err)
		}
	}
	stim, err := m.AddPointProcess("IClamp", soma, 0.5)
	if err != nil {
		tb.Fatal(err)
	}
	for k, v := range map[string]float64{"del": 10, "dur": 500, "amp": 0.02} {
		if err := stim.Set(k, v); err != nil {
			tb.Fatal(err)
		}
	}
	c, err := m.Compile()
	if err != nil {
		tb.Fatal(err)
	}
	sim, err := c.NewSim()
	if err != nil {
		tb.Fatal(err)
	}
	ref, err := sim.RangeRef(soma, 0.5, "m_nainter")
	if err != nil {
		tb.Fatal(err)
	}
	return sim, sim.Record(ref)
}

func TestCompiledNainterMatchesHandwritten(t *testing.T) {
	a, ta := nainterCell(t, true)
	b, tb := nainterCell(t, false)
	for _, s := range []*engine.Sim{a, b} {
		if err := s.Run(100); err != nil {
			t.Fatal(err)
		}
	}
	for i := range ta.Values {
		if ta.Values[i] != tb.Values[i] {
			t.Fatalf("sample %d: compiled m %v, hand-written %v", i, ta.Values[i], tb.Values[i])
		}
	}
}

// BenchmarkNainter runs 600 ms of a 4-segment soma with pas and nainter,
// with the compiled NMODL nainter and with the hand-written Go one.
// BenchmarkNainter compares the compiled nainter.mod with the hand-written
// one, both computing every step ("NMODL" without memoisation, the
// compiled code alone; "NMODL-memo" as a Sim runs it by default, minus the
// skipping of steady steps, which the hand-written mechanism does not
// allow).
func BenchmarkNainter(b *testing.B) {
	for _, c := range []struct {
		name           string
		compiled, memo bool
	}{{"NMODL", true, false}, {"NMODL-memo", true, true}, {"Go", false, false}} {
		b.Run(c.name, func(b *testing.B) {
			sim, _ := nainterCell(b, c.compiled)
			sim.SetSkipSteady(false)
			sim.SetMemoize(c.memo)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if err := sim.Run(600); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/24000, "ns/step")
		})
	}
}

func readModel(tb testing.TB, path string) []byte {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}
