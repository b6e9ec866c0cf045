package gen_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/synaptune/synaptune/engine"
	"github.com/synaptune/synaptune/engine/gen/internal/kernels"
	"github.com/synaptune/synaptune/engine/gen/internal/testmodels"
)

// kernelFor maps each test model to its committed kernel.
var kernelFor = map[string]engine.Kernel{
	"BenchCell": kernels.BenchCell{},
	"Passive":   kernels.Passive{},
	"Branched":  kernels.Branched{},
	"TwoCells":  kernels.TwoCells{},
	"Synapses":  kernels.Synapses{},
	"Clamped":   kernels.Clamped{},
	"Network":   kernels.Network{},
}

// counting wraps a kernel and counts the steps it took.
type counting struct {
	engine.Kernel
	steps, skipped int
}

func (c *counting) Advance(f *engine.KernelFrame) (int, error) {
	n, err := c.Kernel.Advance(f)
	c.steps += n
	c.skipped += f.Skipped
	return n, err
}

// recorded is a Sim with traces of t and of the voltage at both ends and
// every segment centre of every section.
type recorded struct {
	s      *engine.Sim
	traces []*engine.Trace
}

func newRecorded(t *testing.T, c testmodels.Case, k engine.Kernel, skip bool) recorded {
	t.Helper()
	s, err := c.Compiled.NewSim()
	if err != nil {
		t.Fatal(err)
	}
	s.SetSkipSteady(skip)
	if k != nil {
		if err := s.SetKernel(k); err != nil {
			t.Fatal(err)
		}
	}
	r := recorded{s: s, traces: []*engine.Trace{s.Record(s.TimeRef())}}
	for _, nc := range c.Spikes {
		tr, err := s.RecordSpikes(nc)
		if err != nil {
			t.Fatal(err)
		}
		r.traces = append(r.traces, tr)
	}
	for _, sec := range c.Sections {
		xs := []float64{0, 1}
		for j := 0; j < sec.Nseg(); j++ {
			xs = append(xs, (float64(j)+0.5)/float64(sec.Nseg()))
		}
		for _, x := range xs {
			ref, err := s.VoltageRef(sec, x)
			if err != nil {
				t.Fatal(err)
			}
			r.traces = append(r.traces, s.Record(ref))
		}
	}
	return r
}

// sameBits reports the first difference between two runs: a trace sample,
// a mechanism variable or a global, or an ion's current.
func sameBits(t *testing.T, label string, want, got recorded) {
	t.Helper()
	for i, tr := range want.traces {
		g := got.traces[i].Values
		if len(g) != len(tr.Values) {
			t.Fatalf("%s: %s has %d samples with the kernel, %d without", label, tr.Name(), len(g), len(tr.Values))
		}
		for k, x := range tr.Values {
			if math.Float64bits(x) != math.Float64bits(g[k]) {
				t.Fatalf("%s: %s sample %d is %v with the kernel, %v without", label, tr.Name(), k, g[k], x)
			}
		}
	}
	for bi, b := range want.s.Blocks() {
		gb := got.s.Blocks()[bi]
		for slot, col := range b.Vars {
			for i, x := range col {
				if math.Float64bits(x) != math.Float64bits(gb.Vars[slot][i]) {
					t.Fatalf("%s: %s variable slot %d instance %d is %v with the kernel, %v without", label, b.Mech.Spec().Name, slot, i, gb.Vars[slot][i], x)
				}
			}
		}
		for i, x := range b.Globals {
			if math.Float64bits(x) != math.Float64bits(gb.Globals[i]) {
				t.Fatalf("%s: %s global %d is %v with the kernel, %v without", label, b.Mech.Spec().Name, i, gb.Globals[i], x)
			}
		}
	}
}

// TestKernelsMatchEngine runs every test model with and without its
// kernel — computing every step, skipping steady ones, and from
// finitialize(70) with a changed dt and temperature —, in pieces (so that
// the kernel resumes mid-run), and compares every recorded sample and
// every mechanism variable bit for bit after each piece. It also checks
// that the kernel computed most of the steps.
func TestKernelsMatchEngine(t *testing.T) {
	cases, err := testmodels.All()
	if err != nil {
		t.Fatal(err)
	}
	type run struct {
		skip         bool
		v0, dt, temp float64 // temp 0: the model's
	}
	for _, c := range cases {
		for _, r := range []run{{false, -65, 0.025, 0}, {true, -65, 0.025, 0}, {true, 70, 0.01, 22}} {
			k := &counting{Kernel: kernelFor[c.Name]}
			want, got := newRecorded(t, c, nil, r.skip), newRecorded(t, c, k, r.skip)
			for _, rec := range []recorded{want, got} {
				if err := rec.s.SetDt(r.dt); err != nil {
					t.Fatal(err)
				}
				if r.temp != 0 {
					if err := rec.s.SetCelsius(r.temp); err != nil {
						t.Fatal(err)
					}
				}
				if err := rec.s.Init(r.v0); err != nil {
					t.Fatal(err)
				}
			}
			label := fmt.Sprintf("%s %+v", c.Name, r)
			const pieces = 7
			for p := 1; p <= pieces; p++ {
				tstop := c.Tstop * float64(p) / pieces
				for _, rec := range []recorded{want, got} {
					if err := rec.s.ContinueRun(tstop); err != nil {
						t.Fatalf("%s: %v", label, err)
					}
				}
				sameBits(t, fmt.Sprintf("%s to %g ms", label, tstop), want, got)
			}
			for i := range c.Spikes {
				if n := len(want.traces[1+i].Values); n == 0 {
					t.Errorf("%s: spike source %d never fired; the case tests nothing", label, i)
				}
			}
			steps := len(want.traces[0].Values) - 1
			if k.steps < steps*9/10 {
				t.Errorf("%s: the kernel took %d of %d steps", label, k.steps, steps)
			}
			if !r.skip && k.skipped != 0 {
				t.Errorf("%s: the kernel skipped %d steps with skipping off", label, k.skipped)
			}
			t.Logf("%s: %d steps, the kernel took %d (%d of them only recorded)", label, steps, k.steps, k.skipped)
		}
	}
}

// BenchmarkRun600ms is engine's BenchmarkRun600ms with the generated
// kernel: the benchmark cell (testmodels.BenchCell) run for 600 ms at dt
// 0.025 (24,000 steps) as NEURON's run() with tstop 600, recording the
// soma voltage. "default" skips steady steps, "every-step" computes all.
func BenchmarkRun600ms(b *testing.B) {
	for _, mode := range []struct {
		name string
		skip bool
	}{{"default", true}, {"every-step", false}} {
		b.Run("kernel/"+mode.name, func(b *testing.B) {
			c, err := testmodels.BenchCell()
			if err != nil {
				b.Fatal(err)
			}
			s, err := c.Compiled.NewSim()
			if err != nil {
				b.Fatal(err)
			}
			if err := s.SetKernel(kernels.BenchCell{}); err != nil {
				b.Fatal(err)
			}
			s.SetSkipSteady(mode.skip)
			ref, err := s.VoltageRef(c.Sections[0], 0.5)
			if err != nil {
				b.Fatal(err)
			}
			tr := s.Record(ref)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if err := s.Run(600); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			if len(tr.Values) != 24001 {
				b.Fatalf("recorded %d samples, want 24001", len(tr.Values))
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/24000, "ns/step")
			b.ReportMetric(float64(s.SkippedSteps()), "skipped-steps")
		})
	}
}

// BenchmarkTestModels runs each test model for ten times its test
// duration, as run() does, with and without its kernel (steady steps
// skipped, the Sim's shortcuts on).
func BenchmarkTestModels(b *testing.B) {
	cases, err := testmodels.All()
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range cases {
		for _, k := range []engine.Kernel{nil, kernelFor[c.Name]} {
			name := c.Name + "/engine"
			if k != nil {
				name = c.Name + "/kernel"
			}
			b.Run(name, func(b *testing.B) {
				s, err := c.Compiled.NewSim()
				if err != nil {
					b.Fatal(err)
				}
				if err := s.SetKernel(k); err != nil {
					b.Fatal(err)
				}
				for i := 0; i < b.N; i++ {
					if err := s.Run(10 * c.Tstop); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
