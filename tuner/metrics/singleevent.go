package metrics

import (
	"fmt"
)

// Traces are the vectors bmtool records in one simulation, one sample per
// time step from t = 0.
type Traces struct {
	// Syn is the synaptic current (the point process's current_name, nA).
	Syn []float64
	// Clamp is the voltage clamp's current (nA). It may be nil when the
	// voltage clamp is off, and for trains in Variant Corrected.
	Clamp []float64
	// SpikeTimes are the event times both NetCons record (ms), in order.
	SpikeTimes []float64
	// Dt is the sampling step (ms), NEURON's h.dt.
	Dt float64
}

// analysed returns the trace bmtool's _get_syn_prop measures: the clamp
// current under voltage clamp, the synaptic current otherwise.
func (tr Traces) analysed(vclamp bool) ([]float64, string, error) {
	if !vclamp {
		return tr.Syn, "synaptic current", nil
	}
	if len(tr.Clamp) == 0 {
		return nil, "", fmt.Errorf("clamp current: %w (the voltage clamp is on)", ErrEmptyTrace)
	}
	return tr.Clamp, "clamp current", nil
}

// SingleEventSettings are the settings bmtool's SingleEvent reads.
type SingleEventSettings struct {
	// VClamp is general_settings["vclamp"]: measure the clamp current.
	VClamp bool
	// RiseInterval is general_settings["rise_interval"].
	RiseInterval RiseInterval
	// Variant selects bmtool's arithmetic or the corrected one.
	Variant Variant
}

// SingleEventResult is what SingleEvent prints.
type SingleEventResult struct {
	Props SynProps
	// CurrentIntegral is the integral of the synaptic current minus a
	// baseline, in pA·ms, over the whole recording (trapezoid rule, step dt).
	CurrentIntegral float64
}

// SingleEvent computes what bmtool's SingleEvent prints after a run with
// one synaptic event: the properties of the analysed trace (the clamp current
// when VClamp is set, else the synaptic current) and the current integral.
//
// bmtool integrates the synaptic current from t = 0 to the end, in pA·ms:
// np.trapz((Syn − baseline)·1000, dx=dt), with the baseline of the analysed
// trace. Under voltage clamp that is the clamp current's baseline, so the
// integral then also holds the clamp's holding current times the run length.
// Variant Corrected subtracts the synaptic current's own baseline (its value
// at the first spike) and measures the half width between the crossings.
func SingleEvent(tr Traces, s SingleEventSettings) (SingleEventResult, error) {
	r, err := singleEvent(tr, s)
	if err != nil {
		return SingleEventResult{}, fmt.Errorf("metrics: single event: %w", err)
	}
	return r, nil
}

func singleEvent(tr Traces, s SingleEventSettings) (SingleEventResult, error) {
	trace, name, err := tr.analysed(s.VClamp)
	if err != nil {
		return SingleEventResult{}, err
	}
	props, err := synProperties(trace, tr.SpikeTimes, tr.Dt, s.RiseInterval, s.Variant)
	if err != nil {
		return SingleEventResult{}, fmt.Errorf("%s: %w", name, err)
	}
	baseline := props.Baseline
	if s.Variant == Corrected && s.VClamp {
		baseline, _, err = baselineAndSign(tr.Syn, tr.SpikeTimes, tr.Dt)
		if err != nil {
			return SingleEventResult{}, fmt.Errorf("synaptic current: %w", err)
		}
	}
	integral, err := CurrentIntegral(tr.Syn, baseline, tr.Dt)
	if err != nil {
		return SingleEventResult{}, err
	}
	return SingleEventResult{Props: props, CurrentIntegral: integral}, nil
}

// CurrentIntegral is the integral SingleEvent prints, in pA·ms: the
// trapezoid rule with step dt (ms) over (syn − baseline)·1000, syn in nA.
// The arithmetic repeats numpy's np.trapz, summation order included.
func CurrentIntegral(syn []float64, baseline, dt float64) (float64, error) {
	if err := checkDt(dt); err != nil {
		return 0, fmt.Errorf("metrics: current integral: %w", err)
	}
	if err := checkFinite("synaptic current", syn); err != nil {
		return 0, fmt.Errorf("metrics: current integral: %w", err)
	}
	pa := make([]float64, len(syn))
	for i, v := range syn {
		pa[i] = (v - baseline) * 1000
	}
	return numpyTrapzDx(pa, dt), nil
}

// Lines returns what bmtool's SingleEvent(plot_and_print=True) prints, one
// string a line: each property as a Python tuple, e.g.
// "('baseline', 0.03107559632675816)", then
// "Current Integral in pA*ms: -15777.35".
func (r SingleEventResult) Lines() []string {
	p := r.Props
	tuple := func(name string, v float64) string { return "('" + name + "', " + PyRepr(v) + ")" }
	return []string{
		tuple("baseline", p.Baseline),
		tuple("sign", p.Sign),
		tuple("latency", p.Latency),
		tuple("amp", p.Amp),
		tuple("rise_time", p.RiseTime),
		tuple("decay_time", p.DecayTime),
		tuple("half_width", p.HalfWidth),
		"Current Integral in pA*ms: " + PyFixed(r.CurrentIntegral, 2),
	}
}
