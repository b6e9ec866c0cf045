package nmodl_test

import (
	"path/filepath"
	"testing"

	"github.com/synaptune/synaptune/engine"
	"github.com/synaptune/synaptune/engine/nmodl"
)

// BenchmarkFSIChannels runs a one-section cell with the compiled leak,
// nainter and kdrinter for 600 ms at dt 0.025 (24,000 steps) per iteration.
func BenchmarkFSIChannels(b *testing.B) {
	reg := engine.Builtins()
	if _, err := nmodl.LoadDir(filepath.Join("..", "..", "tuner", "models"), reg); err != nil {
		b.Fatal(err)
	}
	m := engine.NewModel(reg)
	soma := m.NewSection("soma")
	for _, err := range []error{soma.SetL(15), soma.SetDiam(15), soma.Insert("leak"), soma.Insert("nainter"), soma.Insert("kdrinter"),
		soma.Set("glbar_leak", 1.0/12000), soma.Set("el_leak", -70), soma.Set("ena", 45), soma.Set("ek", -80),
		soma.Set("gnabar_nainter", 0.035), soma.Set("gkdrbar_kdrinter", 0.008)} {
		if err != nil {
			b.Fatal(err)
		}
	}
	stim, err := m.AddPointProcess("IClamp", soma, 0.5)
	if err != nil {
		b.Fatal(err)
	}
	for k, v := range map[string]float64{"del": 10, "dur": 580, "amp": 0.05} {
		if err := stim.Set(k, v); err != nil {
			b.Fatal(err)
		}
	}
	c, err := m.Compile()
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
