package metrics

import (
	"math"
	"testing"
)

// Expected strings were printed by Python 3.11 / numpy 1.24.
func TestPyRepr(t *testing.T) {
	tenth, fifth := 0.1, 0.2
	for _, c := range []struct {
		v    float64
		want string
	}{
		{0.03107559632675816, "0.03107559632675816"},
		{1, "1.0"},
		{-1, "-1.0"},
		{1.35, "1.35"},
		{tenth + fifth, "0.30000000000000004"},
		{1e-5, "1e-05"},
		{1.5e-5, "1.5e-05"},
		{0.0001, "0.0001"},
		{123456, "123456.0"},
		{1e16, "1e+16"},
		{9999999999999998, "9999999999999998.0"},
		{1e22, "1e+22"},
		{math.Copysign(0, -1), "-0.0"},
		{0, "0.0"},
		{2.5e-310, "2.5e-310"},
		{15.182312345678901, "15.1823123456789"},
		{1.0 / 3, "0.3333333333333333"},
		{math.NaN(), "nan"},
		{math.Inf(1), "inf"},
		{math.Inf(-1), "-inf"},
	} {
		if got := PyRepr(c.v); got != c.want {
			t.Errorf("PyRepr(%v) = %q, want %q", c.v, got, c.want)
		}
	}
}

func TestPyFixed(t *testing.T) {
	for _, c := range []struct {
		v    float64
		prec int
		want string
	}{
		{-15777.349, 2, "-15777.35"},
		{0.125, 2, "0.12"}, // exact tie: to even
		{0.375, 2, "0.38"},
		{2.5, 0, "2"},
		{3.5, 0, "4"},
		{-0.0004, 3, "-0.000"},
		{1e22, 2, "10000000000000000000000.00"},
		{0.0005, 3, "0.001"}, // 0.0005 is slightly above the tie in binary
		{0.0015, 3, "0.002"},
		{125.0025, 3, "125.002"},
		{math.NaN(), 3, "nan"},
		{math.Inf(-1), 2, "-inf"},
	} {
		if got := PyFixed(c.v, c.prec); got != c.want {
			t.Errorf("PyFixed(%v, %d) = %q, want %q", c.v, c.prec, got, c.want)
		}
	}
}

func TestPyNumber(t *testing.T) {
	for _, c := range []struct {
		v    float64
		want string
	}{{50, "50"}, {250, "250"}, {12.5, "12.5"}, {0.5, "0.5"}, {-3, "-3"}} {
		if got := pyNumber(c.v); got != c.want {
			t.Errorf("pyNumber(%v) = %q, want %q", c.v, got, c.want)
		}
	}
}
