package metrics

import (
	"fmt"
	"math"
)

// TrainSettings are the settings bmtool's _response_amplitude reads.
type TrainSettings struct {
	// VClamp is the tuner's vclamp flag. In Variant Bmtool the baseline and
	// sign then come from the clamp current (and are applied to the synaptic
	// current).
	VClamp bool
	// NetConDelay is general_settings["delay"] (ms): each response window
	// starts at a spike time plus this delay.
	NetConDelay float64
	// WindowEnd closes the last window (ms): NEURON's h.tstop when the
	// amplitudes are taken. For the 8+4 pulse train that is the train's
	// tstop; in bmtool's continuous-input mode h.tstop is not updated by the
	// run, so it is whatever the previous protocol left (600 ms after
	// SingleEvent with the default settings).
	WindowEnd float64
	// Variant selects bmtool's arithmetic or the corrected one.
	Variant Variant
}

// Amplitudes are the per-pulse response peaks of a train.
type Amplitudes struct {
	// Amps are the peak heights (nA, baseline removed, times the sign), one
	// per response window.
	Amps []float64
	// PeakIndex are the sample indices of the peaks (bmtool's tuner.ispk,
	// used to label the pulses in its plot).
	PeakIndex []int
}

// ResponseAmplitudes is bmtool's _response_amplitude: the synaptic current
// minus a baseline, times a sign, is cut into windows that start at each
// spike time plus the NetCon delay and end at the next one (the last at
// WindowEnd plus the delay), sample indices floor((t + delay)/dt); the
// maximum of each window is that pulse's amplitude.
//
// Baseline and sign are those of BaselineAndSign on the clamp current under
// voltage clamp (Variant Bmtool) or on the synaptic current (voltage clamp
// off, or Variant Corrected). When a window is empty because the recording
// ends before it, bmtool drops the last window and tries again once; so does
// this function, and it returns ErrEmptyWindow if that does not help.
func ResponseAmplitudes(tr Traces, s TrainSettings) (Amplitudes, error) {
	a, err := responseAmplitudes(tr, s)
	if err != nil {
		return Amplitudes{}, fmt.Errorf("metrics: response amplitudes: %w", err)
	}
	return a, nil
}

func responseAmplitudes(tr Traces, s TrainSettings) (Amplitudes, error) {
	if err := s.Variant.check(); err != nil {
		return Amplitudes{}, err
	}
	if err := checkDt(tr.Dt); err != nil {
		return Amplitudes{}, err
	}
	if err := checkFinite("synaptic current", tr.Syn); err != nil {
		return Amplitudes{}, err
	}
	if !(s.NetConDelay >= 0) || math.IsInf(s.NetConDelay, 1) {
		return Amplitudes{}, fmt.Errorf("%w: NetCon delay %v ms", ErrBadSetting, s.NetConDelay)
	}
	if math.IsNaN(s.WindowEnd) || math.IsInf(s.WindowEnd, 0) {
		return Amplitudes{}, fmt.Errorf("%w: window end %v ms", ErrBadSetting, s.WindowEnd)
	}
	ref, name, err := tr.analysed(s.VClamp && s.Variant == Bmtool)
	if err != nil {
		return Amplitudes{}, err
	}
	baseline, sign, err := baselineAndSign(ref, tr.SpikeTimes, tr.Dt)
	if err != nil {
		return Amplitudes{}, fmt.Errorf("%s: %w", name, err)
	}
	if sign == 0 {
		return Amplitudes{}, fmt.Errorf("%s: %w", name, ErrFlatResponse)
	}
	isyn := make([]float64, len(tr.Syn))
	for i, v := range tr.Syn {
		isyn[i] = (v - baseline) * sign
	}
	edges := make([]int, 0, len(tr.SpikeTimes)+1)
	for _, t := range append(append([]float64(nil), tr.SpikeTimes...), s.WindowEnd) {
		if !(t >= 0) || math.IsInf(t, 1) {
			return Amplitudes{}, fmt.Errorf("%w: spike or window end at %v ms", ErrSpikeOutside, t)
		}
		e := math.Floor((t + s.NetConDelay) / tr.Dt)
		edges = append(edges, int(math.Min(e, float64(len(isyn)))))
	}
	amps, idx, ok := windowMaxima(isyn, edges)
	if !ok && len(edges) > 1 {
		amps, idx, ok = windowMaxima(isyn, edges[:len(edges)-1])
	}
	if !ok {
		return Amplitudes{}, fmt.Errorf("%w: a response window starts after the %d-sample recording ends or before the previous one",
			ErrEmptyWindow, len(isyn))
	}
	return Amplitudes{Amps: amps, PeakIndex: idx}, nil
}

// windowMaxima returns the maximum and its first index in x[e[i]:e[i+1]]
// for every window, or false if a window is empty. Edges are clipped to len(x).
func windowMaxima(x []float64, edges []int) ([]float64, []int, bool) {
	amps := make([]float64, 0, len(edges))
	idx := make([]int, 0, len(edges))
	for i := 0; i+1 < len(edges); i++ {
		lo, hi := edges[i], edges[i+1]
		if lo >= hi {
			return nil, nil, false
		}
		best := lo
		for j := lo + 1; j < hi; j++ {
			if x[j] > x[best] {
				best = j
			}
		}
		amps = append(amps, x[best])
		idx = append(idx, best)
	}
	return amps, idx, true
}
