package engine

import (
	"math"
	"testing"

	"github.com/synaptune/synaptune/internal/libm"
)

// This file measures what code written for one particular cell can do: the
// benchmark cell of BenchmarkRun600ms with every operation NEURON performs
// (hh with its rate table, pas, the IClamp, the axial terms, the Hines
// solve of its five nodes, the cnexp updates), in the same order and with
// the same roundings, but written out by hand: the matrix in local
// variables, no mechanism interface, the solve unrolled. It is not used by
// the engine. docs/performance.md compares it with the engine to tell what
// a general engine costs over the floor of the arithmetic itself, and what
// a generator of per-model Go code could gain. Its traces are checked bit
// for bit against the engine's.

// handWrittenCell holds the benchmark cell's constants and its rate table.
type handWrittenCell struct {
	a, b  [5]float64 // axial coefficients of nodes 1..4 (node 0 is the root)
	fac1  float64    // point-process area factor of soma(0.5)
	table *HHTable
}

func newHandWrittenCell(c *Compiled) *handWrittenCell {
	hw := &handWrittenCell{fac1: c.areaFac[1], table: &HHTable{}}
	copy(hw.a[:], c.a)
	copy(hw.b[:], c.b)
	hw.table.Build(6.3)
	return hw
}

// run simulates 600 ms from -65 mV (NEURON's run()) and returns the soma
// voltage of every step appended to out[:0]. With skip, a step that left
// every voltage and gate unchanged starts a run of steps that are only
// recorded, up to the IClamp's next switch, as the engine's SetSkipSteady
// does. The state lives in the slices v and gates between steps, as it
// would in any simulator that can be stopped and inspected.
func (hw *handWrittenCell) run(out []float64, v, gates []float64, skip bool) []float64 {
	const (
		dt, nsteps                     = 0.025, 24000
		gpas, epas                     = 0.001, -70.0
		gnabar, gkbar, gl, el, ena, ek = .12, .036, .0003, -54.3, 50.0, -77.0
		del, dur, amp                  = 10.0, 580.0, 0.2
	)
	a1, a2, a3, a4 := hw.a[1], hw.a[2], hw.a[3], hw.a[4]
	b1, b2, b3, b4 := hw.b[1], hw.b[2], hw.b[3], hw.b[4]
	fac1, tb := hw.fac1, hw.table
	for i := range v {
		v[i] = -65
	}
	r := tb.Rates(v[1])
	gates[0], gates[1], gates[2] = r.Minf, r.Hinf, r.Ninf
	t := 0.0
	until := math.Inf(-1) // steps before until are skipped
	out = append(out[:0], v[1])
	for step := 0; step < nsteps; step++ {
		if t2 := t + float64(0.5*dt) + float64(0.5*dt); t2 < until {
			t = t2
			out = append(out, v[1])
			continue
		}
		v0, v1, v2, v3, v4 := v[0], v[1], v[2], v[3], v[4]
		m, h, n := gates[0], gates[1], gates[2]
		t += float64(0.5 * dt)
		// pas at dend(0.5), node 3
		vp := v3 + .001
		i1 := float64(gpas * (vp - epas))
		i0 := float64(gpas * (v3 - epas))
		rhs3 := 0 - i0
		d3 := 0 + (i1-i0)/.001
		// hh at soma(0.5), node 1
		gna := gnabar * m * m * m * h
		gk := gkbar * n * n * n * n
		vp = v1 + .001
		ina1, ik1, il1 := float64(gna*(vp-ena)), float64(gk*(vp-ek)), float64(gl*(vp-el))
		ina0, ik0, il0 := float64(gna*(v1-ena)), float64(gk*(v1-ek)), float64(gl*(v1-el))
		hi1, hi0 := ina1+ik1+il1, ina0+ik0+il0
		rhs1 := 0 - hi0
		d1 := 0 + (hi1-hi0)/.001
		// IClamp at soma(0.5)
		ic := 0.0
		if t < del+dur && t >= del {
			ic = amp
		}
		rhs1 += float64(ic * fac1)
		d1 -= float64(((ic - ic) / .001) * fac1)
		// capacitance and axial terms, in node order
		cfac := .001 * (1 / dt)
		dv := v0 - v1
		rhs1 -= float64(b1 * dv)
		d1 += float64(cfac * 1)
		d1 -= b1
		rhs0 := 0 + float64(a1*dv)
		d0 := 0 - a1
		dv = v1 - v2
		rhs2 := 0 - float64(b2*dv)
		d2 := 0 - b2
		rhs1 += float64(a2 * dv)
		d1 -= a2
		dv = v2 - v3
		rhs3 -= float64(b3 * dv)
		d3 += float64(cfac * 1)
		d3 -= b3
		rhs2 += float64(a3 * dv)
		d2 -= a3
		dv = v3 - v4
		rhs4 := 0 - float64(b4*dv)
		d4 := 0 - b4
		rhs3 += float64(a4 * dv)
		d3 -= a4
		// Hines elimination towards the root, then back substitution
		f := a4 / d4
		d3 -= float64(f * b4)
		rhs3 -= float64(f * rhs4)
		f = a3 / d3
		d2 -= float64(f * b3)
		rhs2 -= float64(f * rhs3)
		f = a2 / d2
		d1 -= float64(f * b2)
		rhs1 -= float64(f * rhs2)
		f = a1 / d1
		d0 -= float64(f * b1)
		rhs0 -= float64(f * rhs1)
		rhs0 /= d0
		rhs1 = (rhs1 - float64(b1*rhs0)) / d1
		rhs2 = (rhs2 - float64(b2*rhs1)) / d2
		rhs3 = (rhs3 - float64(b3*rhs2)) / d3
		rhs4 = (rhs4 - float64(b4*rhs3)) / d4
		nv0, nv1, nv2, nv3, nv4 := v0+rhs0, v1+rhs1, v2+rhs2, v3+rhs3, v4+rhs4
		t += float64(0.5 * dt)
		// hh states at the new voltage
		r := tb.Rates(nv1)
		nm := m + float64((1.-libm.Exp(dt*((-1.0)/r.Mtau)))*(-(r.Minf/r.Mtau)/((-1.0)/r.Mtau)-m))
		nh := h + float64((1.-libm.Exp(dt*((-1.0)/r.Htau)))*(-(r.Hinf/r.Htau)/((-1.0)/r.Htau)-h))
		nn := n + float64((1.-libm.Exp(dt*((-1.0)/r.Ntau)))*(-(r.Ninf/r.Ntau)/((-1.0)/r.Ntau)-n))
		moved := (math.Float64bits(nv0) ^ math.Float64bits(v0)) | (math.Float64bits(nv1) ^ math.Float64bits(v1)) |
			(math.Float64bits(nv2) ^ math.Float64bits(v2)) | (math.Float64bits(nv3) ^ math.Float64bits(v3)) |
			(math.Float64bits(nv4) ^ math.Float64bits(v4)) | (math.Float64bits(nm) ^ math.Float64bits(m)) |
			(math.Float64bits(nh) ^ math.Float64bits(h)) | (math.Float64bits(nn) ^ math.Float64bits(n))
		v[0], v[1], v[2], v[3], v[4] = nv0, nv1, nv2, nv3, nv4
		gates[0], gates[1], gates[2] = nm, nh, nn
		out = append(out, nv1)
		if z := float64(nv0*0) + float64(nv1*0) + float64(nv2*0) + float64(nv3*0) + float64(nv4*0) +
			float64(nm*0) + float64(nh*0) + float64(nn*0); z != 0 {
			return nil // not finite: the caller reports it
		}
		if skip && moved == 0 {
			until = nextBoundary(t, del, del+dur)
		}
	}
	return out
}

// TestHandWrittenStepMatchesEngine checks that the hand-written benchmark
// cell computes the engine's soma voltage bit for bit, every step and
// with steady steps skipped.
func TestHandWrittenStepMatchesEngine(t *testing.T) {
	c := benchModel(&testing.B{})
	hw := newHandWrittenCell(c)
	for _, skip := range []bool{false, true} {
		s, err := c.NewSim()
		if err != nil {
			t.Fatal(err)
		}
		s.SetSkipSteady(skip)
		ref, err := s.VoltageRef(c.sectionsByName()["soma"], 0.5)
		if err != nil {
			t.Fatal(err)
		}
		tr := s.Record(ref)
		if err := s.Run(600); err != nil {
			t.Fatal(err)
		}
		got := hw.run(nil, make([]float64, 5), make([]float64, 3), skip)
		if len(got) != len(tr.Values) {
			t.Fatalf("skip %v: %d samples, engine %d", skip, len(got), len(tr.Values))
		}
		for i := range got {
			if math.Float64bits(got[i]) != math.Float64bits(tr.Values[i]) {
				t.Fatalf("skip %v: sample %d is %v, engine %v", skip, i, got[i], tr.Values[i])
			}
		}
	}
}

// BenchmarkHandWrittenRun600ms is BenchmarkRun600ms for the hand-written
// cell: "default" skips steady steps, "every-step" computes all 24,000.
func BenchmarkHandWrittenRun600ms(b *testing.B) {
	for _, mode := range []struct {
		name string
		skip bool
	}{{"default", true}, {"every-step", false}} {
		b.Run(mode.name, func(b *testing.B) {
			hw := newHandWrittenCell(benchModel(b))
			out := make([]float64, 0, 24001)
			v, gates := make([]float64, 5), make([]float64, 3)
			for i := 0; i < b.N; i++ {
				out = hw.run(out, v, gates, mode.skip)
			}
			if len(out) != 24001 {
				b.Fatalf("recorded %d samples, want 24001", len(out))
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/24000, "ns/step")
		})
	}
}
