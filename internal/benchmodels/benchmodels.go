// Package benchmodels builds the models that benchmarks in several packages
// share, so that their figures are comparable.
package benchmodels

import (
	"testing"

	"github.com/synaptune/synaptune/engine"
)

// FSIChannels compiles a one-section cell (L = diam = 15 µm) with the
// project's leak, nainter and kdrinter, taken from reg (compiled NMODL or
// native Go), and an IClamp of 0.05 nA from 10 to 590 ms.
func FSIChannels(reg *engine.Registry) (*engine.Compiled, error) {
	m := engine.NewModel(reg)
	soma := m.NewSection("soma")
	for _, err := range []error{soma.SetL(15), soma.SetDiam(15), soma.Insert("leak"), soma.Insert("nainter"), soma.Insert("kdrinter"),
		soma.Set("glbar_leak", 1.0/12000), soma.Set("el_leak", -70), soma.Set("ena", 45), soma.Set("ek", -80),
		soma.Set("gnabar_nainter", 0.035), soma.Set("gkdrbar_kdrinter", 0.008)} {
		if err != nil {
			return nil, err
		}
	}
	stim, err := m.AddPointProcess("IClamp", soma, 0.5)
	if err != nil {
		return nil, err
	}
	for k, v := range map[string]float64{"del": 10, "dur": 580, "amp": 0.05} {
		if err := stim.Set(k, v); err != nil {
			return nil, err
		}
	}
	return m.Compile()
}

// RunFSIChannels runs the FSIChannels cell built from reg for 600 ms at
// dt 0.025 (24,000 steps) per iteration and reports ns a step.
func RunFSIChannels(b *testing.B, reg *engine.Registry) {
	c, err := FSIChannels(reg)
	if err != nil {
		b.Fatal(err)
	}
	sim, err := c.NewSim()
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := sim.Run(600); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/24000, "ns/step")
}
