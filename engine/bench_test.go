package engine

import "testing"

// benchModel is the benchmark cell: a soma with hh and a dendrite with pas
// (nseg 1 each), driven by an IClamp that makes the soma fire.
func benchModel(b *testing.B) *Compiled {
	m := NewModel(Builtins())
	m.Celsius = 6.3
	soma := m.NewSection("soma")
	dend := m.NewSection("dend")
	for _, err := range []error{
		soma.SetL(20), soma.SetDiam(20), dend.SetL(200), dend.SetDiam(2),
		dend.Connect(soma, 1, 0), soma.Insert("hh"), dend.Insert("pas"),
	} {
		if err != nil {
			b.Fatal(err)
		}
	}
	stim, err := m.AddPointProcess("IClamp", soma, 0.5)
	if err != nil {
		b.Fatal(err)
	}
	for name, v := range map[string]float64{"del": 10, "dur": 580, "amp": 0.2} {
		if err := stim.Set(name, v); err != nil {
			b.Fatal(err)
		}
	}
	c, err := m.Compile()
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// BenchmarkRun600ms runs the benchmark cell for 600 ms at dt 0.025
// (24,000 steps), as NEURON's run() with tstop 600, recording the soma
// voltage. One iteration is one whole run. "default" skips steady steps as
// every Sim does (the soma settles after its first spikes, and the 10 ms
// before the pulse and after it are quiet); "every-step" computes all
// 24,000 steps.
func BenchmarkRun600ms(b *testing.B) {
	for _, mode := range []struct {
		name string
		skip bool
	}{{"default", true}, {"every-step", false}} {
		b.Run(mode.name, func(b *testing.B) {
			c := benchModel(b)
			s, err := c.NewSim()
			if err != nil {
				b.Fatal(err)
			}
			s.SetSkipSteady(mode.skip)
			soma := c.sectionsByName()["soma"]
			ref, err := s.VoltageRef(soma, 0.5)
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

// BenchmarkNewSim measures making a simulation from a compiled model.
func BenchmarkNewSim(b *testing.B) {
	c := benchModel(b)
	for i := 0; i < b.N; i++ {
		if _, err := c.NewSim(); err != nil {
			b.Fatal(err)
		}
	}
}
