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
// 24,000 steps. The same run with the cell's generated kernel is
// engine/gen's BenchmarkRun600ms.
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

// clampedTrainModel is the clamped-train benchmark cell: a soma with hh and
// a four-segment passive dendrite (five segments), held at -70 mV by a VClamp
// while an ExpSyn on the soma is driven by a NetStim at 10 Hz, as in the
// tuner's train simulations.
func clampedTrainModel(b *testing.B) (*Compiled, *PointProcess) {
	m := NewModel(Builtins())
	m.Celsius = 6.3
	soma := m.NewSection("soma")
	dend := m.NewSection("dend")
	for _, err := range []error{
		soma.SetL(20), soma.SetDiam(20), dend.SetL(200), dend.SetDiam(2), dend.SetNseg(4),
		dend.Connect(soma, 1, 0), soma.Insert("hh"), dend.Insert("pas"),
	} {
		if err != nil {
			b.Fatal(err)
		}
	}
	vc, err := m.AddPointProcess("VClamp", soma, 0.5)
	if err != nil {
		b.Fatal(err)
	}
	for j, d := range []float64{1e9, 0, 0} {
		if err := vc.SetElement("dur", j, d); err != nil {
			b.Fatal(err)
		}
		if err := vc.SetElement("amp", j, -70); err != nil {
			b.Fatal(err)
		}
	}
	syn, err := m.AddPointProcess("ExpSyn", soma, 0.5)
	if err != nil {
		b.Fatal(err)
	}
	ns, err := m.AddArtificialCell("NetStim")
	if err != nil {
		b.Fatal(err)
	}
	for name, v := range map[string]float64{"start": 10, "interval": 100, "number": 1e9, "noise": 0} {
		if err := ns.Set(name, v); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := m.NewNetCon(ns, syn, 0, 0.001); err != nil {
		b.Fatal(err)
	}
	c, err := m.Compile()
	if err != nil {
		b.Fatal(err)
	}
	return c, vc
}

// BenchmarkClampedTrain runs the clamped cell for 1000 ms at dt 0.025
// (40,000 steps), every step computed, recording the clamp current. One
// iteration is one whole run.
func BenchmarkClampedTrain(b *testing.B) {
	c, vc := clampedTrainModel(b)
	s, err := c.NewSim()
	if err != nil {
		b.Fatal(err)
	}
	s.SetSkipSteady(false)
	ref, err := s.PointRef(vc, "i")
	if err != nil {
		b.Fatal(err)
	}
	tr := s.Record(ref)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := s.Run(1000); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if len(tr.Values) != 40001 {
		b.Fatalf("recorded %d samples, want 40001", len(tr.Values))
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/40000, "ns/step")
}
