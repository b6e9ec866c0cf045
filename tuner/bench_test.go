package tuner

import (
	"context"
	"testing"

	"github.com/synaptune/synaptune/engine"
)

// BenchmarkFrequencyResponse runs the seed's stp_frequency_response for
// Dep2FSI: bmtool's 16 frequencies, delay 250 ms, on all cores. One
// iteration is one whole sweep (the models are loaded once, outside).
func BenchmarkFrequencyResponse(b *testing.B) {
	tu := seedTuner(&testing.T{}, "Dep2FSI")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := tu.FrequencyResponse(context.Background(), nil, 250, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTrain runs one train of the seed's Dep2FSI connection (8
// pulses, 250 ms, 4 pulses) at a low and a high frequency.
func BenchmarkTrain(b *testing.B) {
	for _, c := range []struct {
		name string
		freq float64
	}{{"1Hz", 1}, {"10Hz", 10}, {"50Hz", 50}} {
		b.Run(c.name, func(b *testing.B) {
			tu := seedTuner(&testing.T{}, "Dep2FSI")
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := tu.Train(c.freq, 250); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkFSIChannelsNative is engine/nmodl's BenchmarkFSIChannels (a
// one-section cell with leak, nainter and kdrinter and an IClamp, 600 ms at
// dt 0.025 per iteration) with the native versions of the channels.
func BenchmarkFSIChannelsNative(b *testing.B) {
	models, err := EmbeddedModels()
	if err != nil {
		b.Fatal(err)
	}
	m := engine.NewModel(models.Registry())
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
