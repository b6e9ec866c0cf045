package tuner

import (
	"context"
	"testing"

	"github.com/synaptune/synaptune/internal/benchmodels"
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
	benchmodels.RunFSIChannels(b, models.Registry())
}
