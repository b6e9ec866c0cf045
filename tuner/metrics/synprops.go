package metrics

import (
	"fmt"
	"math"
)

// SynProps are the properties of one synaptic response, as bmtool's
// _get_syn_prop returns them.
//
// Currents are in the trace's unit (nA for NEURON point processes), times in
// ms. The response is measured on the trace from the first spike on, with the
// baseline subtracted and multiplied by Sign, so Amp is positive whether the
// current is inward or outward.
type SynProps struct {
	// Baseline is the trace's value at the sample of the first spike,
	// index floor(tspk/dt).
	Baseline float64
	// Sign is the sign (+1 or −1) of the largest deviation from the baseline
	// after the spike; it turns the response into a positive bump.
	Sign float64
	// Latency is dt·(k+1), where k is the first step after the spike at which
	// the response increases.
	Latency float64
	// Amp is the height of the first local maximum (scipy's find_peaks) of
	// the response, above the baseline.
	Amp float64
	// RiseTime is the time between the first samples above Lo·Amp and above
	// Hi·Amp of the rise interval, counted on the rise before the peak.
	RiseTime float64
	// DecayTime is the time constant τ of the least-squares fit of
	// a·exp(−t/τ) to the response from the peak to the first sample before
	// it rises again (or the end of the trace), started, like bmtool's
	// scipy curve_fit, from a = Amp and τ = dt·n/2 for n fitted samples.
	// The fit keeps τ positive: a segment no decaying exponential fits
	// (it can only happen for traces that are not synaptic responses) gives
	// ErrFitFailed where scipy might return a negative τ.
	DecayTime float64
	// HalfWidth is the time the response spends above half its amplitude.
	// bmtool subtracts the index of the rising half-amplitude crossing
	// counted from the rise start (Latency) from the index of the falling
	// crossing counted from the spike, so its figure is longer by
	// Latency − dt; Variant Corrected measures between the two crossings. When the
	// response never falls below half amplitude, the end of the trace counts
	// as the falling crossing.
	HalfWidth float64
}

// BaselineAndSign is bmtool's _get_syn_prop(short=True): the trace's value
// at the first spike (index floor(spikeTimes[0]/dt)) and the sign of the
// largest deviation from it at or after that sample.
func BaselineAndSign(trace, spikeTimes []float64, dt float64) (baseline, sign float64, err error) {
	_, baseline, sign, err = response(trace, spikeTimes, dt)
	if err != nil {
		return 0, 0, fmt.Errorf("metrics: baseline and sign: %w", err)
	}
	return baseline, sign, nil
}

// baselineAndSign is BaselineAndSign without the package prefix on errors.
func baselineAndSign(trace, spikeTimes []float64, dt float64) (float64, float64, error) {
	_, baseline, sign, err := response(trace, spikeTimes, dt)
	return baseline, sign, err
}

// response returns the baseline-free, sign-corrected response from the
// first spike on (a new slice), the baseline and the sign.
func response(trace, spikeTimes []float64, dt float64) ([]float64, float64, float64, error) {
	if err := checkDt(dt); err != nil {
		return nil, 0, 0, err
	}
	if len(trace) == 0 {
		return nil, 0, 0, ErrEmptyTrace
	}
	if len(spikeTimes) == 0 {
		return nil, 0, 0, ErrNoSpike
	}
	t0 := spikeTimes[0]
	if !(t0 >= 0) || math.IsInf(t0, 1) {
		return nil, 0, 0, fmt.Errorf("%w: first spike at %v ms", ErrSpikeOutside, t0)
	}
	fi := math.Floor(t0 / dt)
	if fi >= float64(len(trace)) {
		return nil, 0, 0, fmt.Errorf("%w: first spike at %v ms is sample %v, the trace has %d samples of %v ms",
			ErrSpikeOutside, t0, fi, len(trace), dt)
	}
	ispk := int(fi)
	if err := checkFinite("trace after the first spike", trace[ispk:]); err != nil {
		return nil, 0, 0, err
	}
	base := trace[ispk]
	resp := make([]float64, len(trace)-ispk)
	imax, amax := 0, -1.0
	for i := range resp {
		resp[i] = trace[ispk+i] - base
		if a := math.Abs(resp[i]); a > amax {
			imax, amax = i, a
		}
	}
	sign := numpySign(resp[imax])
	return resp, base, sign, nil
}

// SynProperties is bmtool's _get_syn_prop on one trace: the synaptic current
// or, as bmtool does under voltage clamp, the clamp current. spikeTimes are
// the recorded NetCon event times (only the first is used), dt the sampling
// step (ms) and rise the rise-time interval.
//
// With Variant Corrected only HalfWidth changes: it is measured between the
// two half-amplitude crossings.
func SynProperties(trace, spikeTimes []float64, dt float64, rise RiseInterval, v Variant) (SynProps, error) {
	p, err := synProperties(trace, spikeTimes, dt, rise, v)
	if err != nil {
		return SynProps{}, fmt.Errorf("metrics: synaptic properties: %w", err)
	}
	return p, nil
}

func synProperties(trace, spikeTimes []float64, dt float64, rise RiseInterval, v Variant) (SynProps, error) {
	if err := v.check(); err != nil {
		return SynProps{}, err
	}
	if err := rise.check(); err != nil {
		return SynProps{}, err
	}
	isyn, base, sign, err := response(trace, spikeTimes, dt)
	if err != nil {
		return SynProps{}, err
	}
	if sign == 0 {
		return SynProps{}, ErrFlatResponse
	}
	for i := range isyn {
		isyn[i] *= sign
	}
	ipk, ok := firstLocalMax(isyn)
	if !ok {
		return SynProps{}, ErrNoPeak
	}
	peak := isyn[ipk]
	// The response before the peak always rises somewhere: isyn[ipk-1] < peak.
	istart, _ := firstRise(isyn[:ipk+1])
	latency := dt * float64(istart+1)

	rising := isyn[istart : ipk+1]
	rt1, ok1 := firstAbove(rising, rise.Lo*peak)
	rt2, ok2 := firstAbove(rising, rise.Hi*peak)
	if !ok1 || !ok2 {
		return SynProps{}, fmt.Errorf("%w: rise interval (%v, %v) of peak %v", ErrNoCrossing, rise.Lo, rise.Hi, peak)
	}
	riseTime := float64(rt2-rt1) * dt

	iend := len(isyn) - 1
	if k, ok := firstRise(isyn[ipk:]); ok {
		iend = k + ipk
	}
	decayLen := iend - ipk + 1
	_, tau, err := fitExpDecay(isyn[ipk:iend+1], dt, peak, dt*float64(decayLen)/2)
	if err != nil {
		return SynProps{}, err
	}

	hw1, ok := firstAbove(rising, 0.5*peak)
	if !ok {
		return SynProps{}, fmt.Errorf("%w: half amplitude of peak %v", ErrNoCrossing, peak)
	}
	hw2 := len(isyn)
	if k, ok := firstBelow(isyn[ipk:], 0.5*peak); ok {
		hw2 = k + ipk
	}
	if v == Corrected {
		hw1 += istart
	}
	return SynProps{
		Baseline:  base,
		Sign:      sign,
		Latency:   latency,
		Amp:       peak,
		RiseTime:  riseTime,
		DecayTime: tau,
		HalfWidth: dt * float64(hw2-hw1),
	}, nil
}
