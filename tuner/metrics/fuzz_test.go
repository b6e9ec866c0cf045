package metrics

import (
	"encoding/binary"
	"math"
	"testing"
)

// floatsFromBytes turns fuzz input into up to 4096 samples.
func floatsFromBytes(b []byte) []float64 {
	n := min(len(b)/8, 4096)
	x := make([]float64, n)
	for i := range x {
		x[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
	}
	return x
}

// FuzzSynProperties checks that arbitrary traces give properties or an
// error, never a panic, and that the properties are finite.
func FuzzSynProperties(f *testing.F) {
	seed := make([]byte, 8*400)
	for i := range 400 {
		v := 0.0
		if t := float64(i)*0.025 - 1.3; t > 0 {
			v = -0.2 * (math.Exp(-t/3) - math.Exp(-t/0.5))
		}
		binary.LittleEndian.PutUint64(seed[8*i:], math.Float64bits(v))
	}
	f.Add(seed, 0.0, 0.025, 0.2, 0.8)
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9}, 0.0, 0.025, 0.1, 0.9)
	f.Fuzz(func(t *testing.T, b []byte, spike, dt, lo, hi float64) {
		x := floatsFromBytes(b)
		for _, v := range []Variant{Bmtool, Corrected} {
			p, err := SynProperties(x, []float64{spike}, dt, RiseInterval{lo, hi}, v)
			if err != nil {
				continue
			}
			for _, f := range []float64{p.Baseline, p.Sign, p.Latency, p.Amp, p.RiseTime, p.DecayTime, p.HalfWidth} {
				if math.IsNaN(f) || math.IsInf(f, 0) {
					t.Fatalf("non-finite property in %+v", p)
				}
			}
		}
		_, _ = ResponseAmplitudes(Traces{Syn: x, Clamp: x, SpikeTimes: []float64{spike, spike + 1}, Dt: dt},
			TrainSettings{VClamp: true, NetConDelay: 1.3, WindowEnd: spike + 2})
	})
}
