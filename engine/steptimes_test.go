package engine

import (
	"math"
	"math/rand/v2"
	"testing"
)

// naiveStepTimes is stepTimes written as Step advances time, one step at
// a time.
func naiveStepTimes(t, half, until, end float64, max int) (int, float64, []float64) {
	var times []float64
	n := 0
	for ; n < max && t < end; n++ {
		t2 := (t + half) + half
		if t2 >= until {
			break
		}
		t = t2
		times = append(times, t)
	}
	return n, t, times
}

// TestStepTimesMatchesStepping compares the counted runs of steady steps
// with adding the half steps one by one: the number of steps, the final
// time and every step's time, bit for bit, for time steps that are and
// are not binary fractions, from t = 0 and from arbitrary times, across
// binade boundaries, stopped by until, end and max.
func TestStepTimesMatchesStepping(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	dts := []float64{0.025, 0.1, 0.01, 1.0 / 3, 0.0125, 0.005, 0.2, 1, 0.025 * 3, 1e-3, 0.05}
	for trial := 0; trial < 3000; trial++ {
		dt := dts[trial%len(dts)]
		if trial%7 == 6 {
			dt = rng.Float64() * 0.3
		}
		half := float64(0.5 * dt)
		// a start time reached by stepping (as in a Sim), or arbitrary
		t0 := 0.0
		if trial%2 == 0 {
			for k := rng.IntN(3000); k > 0; k-- {
				t0 = (t0 + half) + half
			}
		} else {
			t0 = rng.Float64() * math.Ldexp(1, rng.IntN(12))
		}
		span := dt * float64(1+rng.IntN(50000))
		until, end := t0+span*rng.Float64()*2, t0+span
		switch trial % 5 {
		case 0:
			until = math.Inf(1)
		case 1:
			end = math.Inf(1)
		}
		max := 1 + rng.IntN(60000)
		wantN, wantT, wantTimes := naiveStepTimes(t0, half, until, end, max)
		var times []float64
		n, tt := stepTimes(t0, half, until, end, max, true, &times)
		if n != wantN || math.Float64bits(tt) != math.Float64bits(wantT) {
			t.Fatalf("dt %v from %v (until %v, end %v, max %d): %d steps to %v, stepping %d to %v", dt, t0, until, end, max, n, tt, wantN, wantT)
		}
		if len(times) != len(wantTimes) {
			t.Fatalf("dt %v from %v: %d times, stepping %d", dt, t0, len(times), len(wantTimes))
		}
		for k := range times {
			if math.Float64bits(times[k]) != math.Float64bits(wantTimes[k]) {
				t.Fatalf("dt %v from %v: step %d at %v, stepping %v", dt, t0, k+1, times[k], wantTimes[k])
			}
		}
	}
}
