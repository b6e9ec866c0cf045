package nmodl

import (
	"math"
	"os"
	"testing"

	"github.com/synaptune/synaptune/internal/libm"
)

// The benchmarks compare gates.mod and fourrates.mod (a two-gate channel with a rate
// procedure, usetable off) compiled by this package with the same
// mechanism written by hand in Go, both over structure-of-arrays storage
// the way an engine holds instances: one BREAKPOINT pair (v+0.001, v) and
// one cnexp step per instance.

const benchN = 1000

type soa struct {
	v, m, h, ena, ina []float64
}

func newSoa() *soa {
	s := &soa{make([]float64, benchN), make([]float64, benchN), make([]float64, benchN),
		make([]float64, benchN), make([]float64, benchN)}
	for i := range s.v {
		s.v[i] = -65 + float64(i%40)
		s.m[i], s.h[i], s.ena[i] = 0.05, 0.6, 50
	}
	return s
}

func BenchmarkGatesCompiled(b *testing.B) {
	p, err := Compile(func() *Model {
		f, err := Parse("gates.mod", mustRead(b, "testdata/gates.mod"))
		if err != nil {
			b.Fatal(err)
		}
		m, err := Check(f)
		if err != nil {
			b.Fatal(err)
		}
		return m
	}(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	mach := p.NewMachine()
	slot := func(n string) int { o, _ := p.Slot(n); return o }
	vO, mO, hO, enaO, inaO := slot("v"), slot("m"), slot("h"), slot("ena"), slot("ina")
	mach.Frame[slot("usetable")] = 0
	mach.Frame[slot("celsius")] = 6.3
	mach.Frame[slot("dt")] = 0.025
	s := newSoa()
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		for i := 0; i < benchN; i++ {
			f := mach.Frame
			f[mO], f[hO], f[enaO] = s.m[i], s.h[i], s.ena[i]
			f[vO] = s.v[i] + .001
			p.Current.Run(mach)
			i1 := f[inaO]
			f[vO] = s.v[i]
			p.Current.Run(mach)
			s.ina[i] = (i1 - f[inaO]) / .001
			p.State.Run(mach)
			s.m[i], s.h[i] = f[mO], f[hO]
		}
	}
}

func BenchmarkGatesHandWritten(b *testing.B) {
	s := newSoa()
	const gbar, q10, celsius, dt = 0.12, 3.0, 6.3, 0.025
	trap := func(x, y float64) float64 {
		if math.Abs(x/y) < 1e-6 {
			return y * (1 - x/y/2)
		}
		return x / (libm.Exp(x/y) - 1)
	}
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		for i := 0; i < benchN; i++ {
			cur := func(v float64) float64 {
				return gbar * s.m[i] * s.m[i] * s.m[i] * s.h[i] * (v - s.ena[i])
			}
			i1 := cur(s.v[i] + .001)
			s.ina[i] = (i1 - cur(s.v[i])) / .001
			v := s.v[i]
			qt := math.Pow(q10, (celsius-6.3)/10)
			a := 0.1 * trap(-(v+40), 10)
			bb := 4 * libm.Exp(-(v+65)/18)
			mtau := 1 / (qt * (a + bb))
			minf := a * mtau * qt
			a = 0.07 * libm.Exp(-(v+65)/20)
			bb = 1 / (libm.Exp(-(v+35)/10) + 1)
			htau := 1 / (qt * (a + bb))
			hinf := a * htau * qt
			m, h := s.m[i], s.h[i]
			s.m[i] = m + (1.-libm.Exp(dt*((-1.0)/mtau)))*(-(minf/mtau)/((-1.0)/mtau)-m)
			s.h[i] = h + (1.-libm.Exp(dt*((-1.0)/htau)))*(-(hinf/htau)/((-1.0)/htau)-h)
		}
	}
}

func mustRead(b *testing.B, path string) []byte {
	b.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	return src
}

func BenchmarkFourRatesCompiled(b *testing.B) {
	f, err := Parse("fourrates.mod", mustRead(b, "testdata/fourrates.mod"))
	if err != nil {
		b.Fatal(err)
	}
	model, err := Check(f)
	if err != nil {
		b.Fatal(err)
	}
	p, err := Compile(model, Options{})
	if err != nil {
		b.Fatal(err)
	}
	mach := p.NewMachine()
	slot := func(n string) int { o, _ := p.Slot(n); return o }
	vO, mO, hO, enaO, inaO := slot("v"), slot("m"), slot("h"), slot("ena"), slot("ina")
	mach.Frame[slot("dt")] = 0.025
	s := newSoa()
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		for i := 0; i < benchN; i++ {
			f := mach.Frame
			f[mO], f[hO], f[enaO] = s.m[i], s.h[i], s.ena[i]
			f[vO] = s.v[i] + .001
			p.Current.Run(mach)
			i1 := f[inaO]
			f[vO] = s.v[i]
			p.Current.Run(mach)
			s.ina[i] = (i1 - f[inaO]) / .001
			p.State.Run(mach)
			s.m[i], s.h[i] = f[mO], f[hO]
		}
	}
}

func BenchmarkFourRatesHandWritten(b *testing.B) {
	s := newSoa()
	const gmax, ka, kb, va, vb, dt = 0.03, 2.0, 0.05, -20.0, -30.0, 0.025
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		for i := 0; i < benchN; i++ {
			cur := func(v float64) float64 {
				return gmax * s.m[i] * s.m[i] * s.m[i] * s.h[i] * (v - s.ena[i])
			}
			i1 := cur(s.v[i] + .001)
			s.ina[i] = (i1 - cur(s.v[i])) / .001
			v := s.v[i]
			a := ka * libm.Exp((v-va)/12)
			bb := ka * libm.Exp(-(v-va)/25)
			c := kb * libm.Exp(-(v-vb)/30)
			d := kb * libm.Exp((v-vb)/12.5)
			sum := a + bb
			minf, mtau := a/sum, 1/sum
			sum = c + d
			hinf, htau := c/sum, 1/sum
			m, h := s.m[i], s.h[i]
			s.m[i] = m + (1.-libm.Exp(dt*((-1.0)/mtau)))*(-(minf/mtau)/((-1.0)/mtau)-m)
			s.h[i] = h + (1.-libm.Exp(dt*((-1.0)/htau)))*(-(hinf/htau)/((-1.0)/htau)-h)
		}
	}
}
