package metrics

import (
	"errors"
	"math"
	"testing"
)

func TestFitExpDecayRecoversExactExponential(t *testing.T) {
	for _, c := range []struct {
		a, tau, dt float64
		n          int
		a0, tau0   float64
	}{
		{0.16, 15.18, 0.025, 4000, 0.16, 50},
		{2.5, 3, 0.1, 200, 2.4, 10},
		{1e-4, 120, 0.025, 30000, 1e-4, 375},
		{0.3, 0.5, 0.025, 2, 0.3, 0.025}, // two samples: an exact fit
	} {
		y := make([]float64, c.n)
		for i := range y {
			y[i] = c.a * math.Exp(-c.dt*float64(i)/c.tau)
		}
		a, tau, err := fitExpDecay(y, c.dt, c.a0, c.tau0)
		if err != nil {
			t.Errorf("%+v: %v", c, err)
			continue
		}
		if relDiff(a, c.a) > 1e-12 || relDiff(tau, c.tau) > 1e-12 {
			t.Errorf("%+v: fit a=%.17g tau=%.17g (relative errors %.2g, %.2g)", c, a, tau, relDiff(a, c.a), relDiff(tau, c.tau))
		}
	}
}

func TestFitExpDecayFailures(t *testing.T) {
	rising := make([]float64, 100)
	for i := range rising {
		rising[i] = float64(i + 1)
	}
	for _, c := range []struct {
		name     string
		y        []float64
		a0, tau0 float64
	}{
		{"one sample", []float64{1}, 1, 0.0125},
		{"bad start tau", []float64{1, 0.5}, 1, 0},
		{"NaN start a", []float64{1, 0.5}, math.NaN(), 1},
		{"rising data has no finite optimum", rising, 1, 1.25},
	} {
		if _, _, err := fitExpDecay(c.y, 0.025, c.a0, c.tau0); !errors.Is(err, ErrFitFailed) {
			t.Errorf("%s: err = %v, want ErrFitFailed", c.name, err)
		}
	}
}
