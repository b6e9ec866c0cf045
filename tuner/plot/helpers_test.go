package plot

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// synthTrain is a synaptic current (pA) sampled every 0.025 ms for 970 ms
// (38,800 samples): 8 pulses at 50 Hz from 100 ms, a 250 ms pause, then 4
// more, each a difference of exponentials (0.5 ms rise, 6 ms decay) whose
// amplitude first facilitates and then depresses, plus a little noise. The
// current is negative when sign is −1. It returns the times, the current and
// the sample index of each pulse's peak: the extreme of sign·current between
// one pulse and the next, as bmtool finds them.
func synthTrain(sign float64) (t, cur []float64, peaks []int) {
	const n, dt = 38800, 0.025
	var onsets []float64
	for k := range 8 {
		onsets = append(onsets, 100+20*float64(k))
	}
	for k := range 4 {
		onsets = append(onsets, 100+7*20+250+20*float64(k))
	}
	amps := []float64{40, 55, 62, 60, 52, 45, 40, 36, 48, 44, 41, 39}
	rng := rand.New(rand.NewPCG(7, 11))
	t = make([]float64, n)
	cur = make([]float64, n)
	for i := range t {
		t[i] = float64(i) * dt
		y := 0.0
		for k, on := range onsets {
			if s := t[i] - on; s >= 0 {
				y += amps[k] * (math.Exp(-s/6) - math.Exp(-s/0.5))
			}
		}
		cur[i] = sign*y + 0.3*rng.NormFloat64()
	}
	for k, on := range onsets {
		lo := int(on / dt)
		hi := n
		if k+1 < len(onsets) {
			hi = int(onsets[k+1] / dt)
		}
		best := lo
		for i := lo; i < hi; i++ {
			if sign*cur[i] > sign*cur[best] {
				best = i
			}
		}
		peaks = append(peaks, best)
	}
	return t, cur, peaks
}

// option decodes a figure's option.
func option(t *testing.T, f Figure) map[string]any {
	t.Helper()
	var o map[string]any
	if err := json.Unmarshal(f.Option, &o); err != nil {
		t.Fatalf("option is not JSON: %v", err)
	}
	return o
}

// list returns o[key] as a list of objects.
func list(t *testing.T, o map[string]any, key string) []map[string]any {
	t.Helper()
	raw, ok := o[key].([]any)
	if !ok {
		t.Fatalf("%s is %T, want a list", key, o[key])
	}
	out := make([]map[string]any, len(raw))
	for i, x := range raw {
		out[i], ok = x.(map[string]any)
		if !ok {
			t.Fatalf("%s[%d] is %T, want an object", key, i, x)
		}
	}
	return out
}

// field returns each object's value of key (nil where missing).
func field(objs []map[string]any, key string) []any {
	out := make([]any, len(objs))
	for i, o := range objs {
		out[i] = o[key]
	}
	return out
}

// points returns a series' [x, y] data.
func points(t *testing.T, s map[string]any) [][2]float64 {
	t.Helper()
	raw, ok := s["data"].([]any)
	if !ok {
		t.Fatalf("series %v: data is %T", s["name"], s["data"])
	}
	out := make([][2]float64, len(raw))
	for i, p := range raw {
		xy, ok := p.([]any)
		if !ok || len(xy) != 2 {
			t.Fatalf("series %v: point %d is %v", s["name"], i, p)
		}
		x, _ := xy[0].(float64)
		y, _ := xy[1].(float64)
		out[i] = [2]float64{x, y}
	}
	return out
}

// shown is x as the option writes it (7 significant digits).
func shown(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 7, 64), 64)
	return v
}
