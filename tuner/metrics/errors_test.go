package metrics

import (
	"errors"
	"math"
	"testing"
)

// psc returns a 200 ms recording (dt 0.025) with an inward double-exponential
// current after a spike at 100 ms.
func psc() []float64 {
	const dt = 0.025
	x := make([]float64, 8001)
	for i := range x {
		t := float64(i)*dt - 101.3
		if t > 0 {
			x[i] = -0.2 * (math.Exp(-t/10) - math.Exp(-t/1))
		}
	}
	return x
}

func withNaN(x []float64, i int) []float64 {
	y := append([]float64(nil), x...)
	y[i] = math.NaN()
	return y
}

func TestSynPropertiesErrors(t *testing.T) {
	good := psc()
	rising := make([]float64, 100)
	for i := range rising {
		rising[i] = float64(i)
	}
	spike := []float64{100}
	rise := RiseInterval{0.2, 0.8}
	for _, c := range []struct {
		name   string
		trace  []float64
		spikes []float64
		dt     float64
		rise   RiseInterval
		v      Variant
		want   error
	}{
		{"empty trace", nil, spike, 0.025, rise, Bmtool, ErrEmptyTrace},
		{"NaN after the spike", withNaN(good, 4500), spike, 0.025, rise, Bmtool, ErrNonFinite},
		{"no spikes", good, nil, 0.025, rise, Bmtool, ErrNoSpike},
		{"spike after the trace", good, []float64{500}, 0.025, rise, Bmtool, ErrSpikeOutside},
		{"negative spike time", good, []float64{-1}, 0.025, rise, Bmtool, ErrSpikeOutside},
		{"NaN spike time", good, []float64{math.NaN()}, 0.025, rise, Bmtool, ErrSpikeOutside},
		{"zero dt", good, spike, 0, rise, Bmtool, ErrBadSetting},
		{"NaN dt", good, spike, math.NaN(), rise, Bmtool, ErrBadSetting},
		{"NaN rise interval", good, spike, 0.025, RiseInterval{math.NaN(), 0.8}, Bmtool, ErrBadSetting},
		{"rise interval beyond the peak", good, spike, 0.025, RiseInterval{0.2, 1}, Bmtool, ErrNoCrossing},
		{"flat response", make([]float64, 8001), spike, 0.025, rise, Bmtool, ErrFlatResponse},
		{"no local maximum", rising, []float64{0}, 0.025, rise, Bmtool, ErrNoPeak},
		{"unknown variant", good, spike, 0.025, rise, Variant(7), ErrUnknownVariant},
	} {
		_, err := SynProperties(c.trace, c.spikes, c.dt, c.rise, c.v)
		if !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v, want %v", c.name, err, c.want)
		}
	}
	// A NaN before the spike does not matter to the properties…
	if _, err := SynProperties(withNaN(good, 10), spike, 0.025, rise, Bmtool); err != nil {
		t.Errorf("NaN before the spike: %v", err)
	}
	// …but it does to the integral over the whole recording.
	if _, err := CurrentIntegral(withNaN(good, 10), 0, 0.025); !errors.Is(err, ErrNonFinite) {
		t.Errorf("integral with NaN: err = %v", err)
	}
	if _, err := CurrentIntegral(good, 0, -0.025); !errors.Is(err, ErrBadSetting) {
		t.Errorf("integral with negative dt: err = %v", err)
	}
}

func TestSingleEventErrors(t *testing.T) {
	tr := Traces{Syn: psc(), SpikeTimes: []float64{100}, Dt: 0.025}
	if _, err := SingleEvent(tr, SingleEventSettings{VClamp: true, RiseInterval: BmtoolGeneralRiseInterval()}); !errors.Is(err, ErrEmptyTrace) {
		t.Errorf("voltage clamp without a clamp trace: err = %v", err)
	}
	if _, err := SingleEvent(tr, SingleEventSettings{RiseInterval: BmtoolGeneralRiseInterval()}); err != nil {
		t.Errorf("current clamp: %v", err)
	}
}

func TestResponseAmplitudesErrors(t *testing.T) {
	good := psc()
	ok := TrainSettings{NetConDelay: 1.3, WindowEnd: 200}
	for _, c := range []struct {
		name string
		tr   Traces
		s    TrainSettings
		want error
	}{
		{"empty synaptic current", Traces{SpikeTimes: []float64{100}, Dt: 0.025}, ok, ErrEmptyTrace},
		{"NaN in the synaptic current", Traces{Syn: withNaN(good, 3), SpikeTimes: []float64{100}, Dt: 0.025}, ok, ErrNonFinite},
		{"voltage clamp without clamp trace", Traces{Syn: good, SpikeTimes: []float64{100}, Dt: 0.025},
			TrainSettings{VClamp: true, NetConDelay: 1.3, WindowEnd: 200}, ErrEmptyTrace},
		{"no spikes", Traces{Syn: good, Dt: 0.025}, ok, ErrNoSpike},
		{"negative NetCon delay", Traces{Syn: good, SpikeTimes: []float64{100}, Dt: 0.025},
			TrainSettings{NetConDelay: -1, WindowEnd: 200}, ErrBadSetting},
		{"NaN window end", Traces{Syn: good, SpikeTimes: []float64{100}, Dt: 0.025},
			TrainSettings{NetConDelay: 1.3, WindowEnd: math.NaN()}, ErrBadSetting},
		{"negative later spike", Traces{Syn: good, SpikeTimes: []float64{100, -5}, Dt: 0.025}, ok, ErrSpikeOutside},
		{"flat response", Traces{Syn: make([]float64, 100), SpikeTimes: []float64{1}, Dt: 0.025}, ok, ErrFlatResponse},
		{"windows after the recording", Traces{Syn: good, SpikeTimes: []float64{100, 300, 400}, Dt: 0.025}, ok, ErrEmptyWindow},
		{"zero dt", Traces{Syn: good, SpikeTimes: []float64{100}}, ok, ErrBadSetting},
		{"unknown variant", Traces{Syn: good, SpikeTimes: []float64{100}, Dt: 0.025},
			TrainSettings{NetConDelay: 1.3, WindowEnd: 200, Variant: -1}, ErrUnknownVariant},
	} {
		_, err := ResponseAmplitudes(c.tr, c.s)
		if !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v, want %v", c.name, err, c.want)
		}
	}
}

func TestSTPMetricsErrorsAndMissingPulses(t *testing.T) {
	if _, err := STPMetrics(nil); !errors.Is(err, ErrNoAmplitudes) {
		t.Errorf("no amplitudes: err = %v", err)
	}
	if _, err := STPMetrics([]float64{0.1, math.Inf(1)}); err == nil {
		t.Error("infinite amplitude: no error")
	}
	// Continuous input with few pulses: the metrics whose pulses are missing
	// are NaN, as numpy's mean of an empty slice.
	for _, c := range []struct {
		amps                             []float64
		ppr, simple, induction, recovery bool // defined?
	}{
		{[]float64{0.1}, false, false, false, false},
		{[]float64{0.1, 0.08}, true, true, false, false},
		{[]float64{0.1, 0.08, 0.07, 0.06, 0.05, 0.05}, true, true, true, true}, // recovery: (empty mean − mean) → NaN
		{[]float64{0.1, 0.08, 0.07, 0.06, 0.05, 0.05, 0.05, 0.05, 0.09}, true, true, true, true},
	} {
		m, err := STPMetrics(c.amps)
		if err != nil {
			t.Fatal(err)
		}
		if math.IsNaN(m.PPR) == c.ppr || math.IsNaN(m.SimplePPR) == c.simple || math.IsNaN(m.Induction) == c.induction {
			t.Errorf("%d pulses: ppr %v simple %v induction %v", len(c.amps), m.PPR, m.SimplePPR, m.Induction)
		}
		if len(c.amps) < 9 && !math.IsNaN(m.Recovery) {
			t.Errorf("%d pulses: recovery %v, want NaN", len(c.amps), m.Recovery)
		}
		if len(c.amps) >= 9 && math.IsNaN(m.Recovery) {
			t.Errorf("%d pulses: recovery NaN", len(c.amps))
		}
	}
	if lines := (STP{}).Report(50, 250); lines != nil {
		t.Errorf("report without amplitudes: %q", lines)
	}
}

func TestMaxAmplitudePA(t *testing.T) {
	for _, c := range []struct {
		amps []float64
		want float64
	}{
		{[]float64{0.1, 0.2, 0.05}, 200},
		{[]float64{-0.1, -0.3, 0.05}, -300},
		{[]float64{-0.1, 0.1}, 100}, // |min| not larger: the maximum
	} {
		if got := maxAmplitudePA(c.amps); got != c.want {
			t.Errorf("maxAmplitudePA(%v) = %v, want %v", c.amps, got, c.want)
		}
	}
}

func TestOptimizerMetricsErrors(t *testing.T) {
	// bmtool's argument-less _get_syn_prop() reads a dt 0.05 recording at
	// the indices of dt 0.025: the first spike falls past its end.
	const dt = 0.05
	x := make([]float64, 12001)
	for i := range x {
		if tt := float64(i)*dt - 501.3; tt > 0 {
			x[i] = -0.2 * (math.Exp(-tt/10) - math.Exp(-tt/1))
		}
	}
	single := &Traces{Syn: x, SpikeTimes: []float64{500}, Dt: dt}
	s := OptimizerSettings{RiseInterval: BmtoolGeneralRiseInterval()}
	if _, err := ComputeOptimizerMetrics(single, nil, s); !errors.Is(err, ErrSpikeOutside) {
		t.Errorf("module dt mismatch: err = %v, want ErrSpikeOutside", err)
	}
	s.Variant = Corrected
	m, err := ComputeOptimizerMetrics(single, nil, s)
	if err != nil {
		t.Fatalf("corrected: %v", err)
	}
	if m.Latency <= 0 || m.Induction != 0 {
		t.Errorf("corrected metrics %+v", m)
	}
	s.Variant = 9
	if _, err := ComputeOptimizerMetrics(single, nil, s); !errors.Is(err, ErrUnknownVariant) {
		t.Errorf("unknown variant: err = %v", err)
	}
	if _, err := m.Value("inductance"); !errors.Is(err, ErrUnknownMetric) {
		t.Errorf("unknown metric: err = %v", err)
	}
	// Nothing run: every metric is 0, as in bmtool.
	zero, err := ComputeOptimizerMetrics(nil, nil, OptimizerSettings{})
	if err != nil || zero != (OptimizerMetrics{}) {
		t.Errorf("no protocol: %+v, %v", zero, err)
	}
}
