package tuner

import (
	"math"
	"testing"
)

func TestVClampSwitchAndAmplitude(t *testing.T) {
	tu := newBallStickTuner(t)
	if !tu.VClamp() || tu.VClampAmp() != -70 {
		t.Fatalf("initial vclamp %v amp %g, want true -70", tu.VClamp(), tu.VClampAmp())
	}
	tu.SetVClamp(false)
	if err := tu.SetVClampAmp(-55); err != nil {
		t.Fatal(err)
	}
	s := tu.Settings()
	c, err := s.Lookup(tu.Connection())
	if err != nil {
		t.Fatal(err)
	}
	if s.General.VClamp || c.Spec.VClampAmp != -55 || tu.VClampAmp() != -55 {
		t.Errorf("settings vclamp %v amp %g, tuner amp %g; want false -55 -55", s.General.VClamp, c.Spec.VClampAmp, tu.VClampAmp())
	}
	for _, bad := range []float64{math.NaN(), math.Inf(-1)} {
		if err := tu.SetVClampAmp(bad); err == nil {
			t.Errorf("SetVClampAmp(%v) accepted", bad)
		}
	}
	if tu.VClampAmp() != -55 {
		t.Errorf("a rejected amplitude changed the clamp level to %g", tu.VClampAmp())
	}
}

// The clamp level reaches the simulation: the soma follows the clamp.
func TestVClampAmpReachesSimulation(t *testing.T) {
	tu := newBallStickTuner(t)
	last := func() float64 {
		r, err := tu.SingleEvent()
		if err != nil {
			t.Fatal(err)
		}
		v := r.Recording.SomaV
		return v[len(v)-1]
	}
	if err := tu.SetVClampAmp(-40); err != nil {
		t.Fatal(err)
	}
	if v := last(); math.Abs(v+40) > 1 {
		t.Errorf("soma at %g mV under a -40 mV clamp", v)
	}
	if err := tu.SetVClampAmp(-80); err != nil {
		t.Fatal(err)
	}
	if v := last(); math.Abs(v+80) > 1 {
		t.Errorf("soma at %g mV under a -80 mV clamp", v)
	}
}
