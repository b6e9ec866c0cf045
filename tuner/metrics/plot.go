package metrics

import (
	"fmt"
	"math"
)

// PlotData are the curves bmtool's _plot_model draws, computed from the
// recorded traces (the x axis is t = i·dt).
type PlotData struct {
	// SynPA is the synaptic current in pA with the baseline removed but the
	// sign kept: (Syn − baseline)·1000, where the baseline is that of
	// BaselineAndSign on the analysed trace (the clamp current under voltage
	// clamp in Variant Bmtool, the synaptic current otherwise).
	SynPA []float64
	// ClampPA is set under voltage clamp: (Clamp − Clamp[k])·1000 with the
	// samples before k set to 0, k = round(spikeTimes[0]/dt) (bmtool rounds
	// here where it floors elsewhere; halves round to even).
	ClampPA []float64
	// SomaV is set without voltage clamp: the soma voltage (mV) with the
	// samples before k held at its value at k.
	SomaV []float64
}

// Plot returns the curves bmtool's _plot_model draws for a recording; somaV
// is the recorded soma voltage, needed only when vclamp is false.
func Plot(tr Traces, somaV []float64, vclamp bool, v Variant) (PlotData, error) {
	p, err := plot(tr, somaV, vclamp, v)
	if err != nil {
		return PlotData{}, fmt.Errorf("metrics: plot data: %w", err)
	}
	return p, nil
}

func plot(tr Traces, somaV []float64, vclamp bool, v Variant) (PlotData, error) {
	if err := v.check(); err != nil {
		return PlotData{}, err
	}
	if len(tr.Syn) == 0 {
		return PlotData{}, fmt.Errorf("synaptic current: %w", ErrEmptyTrace)
	}
	ref, name, err := tr.analysed(vclamp && v == Bmtool)
	if err != nil {
		return PlotData{}, err
	}
	baseline, _, err := baselineAndSign(ref, tr.SpikeTimes, tr.Dt)
	if err != nil {
		return PlotData{}, fmt.Errorf("%s: %w", name, err)
	}
	var out PlotData
	out.SynPA = make([]float64, len(tr.Syn))
	for i, x := range tr.Syn {
		out.SynPA[i] = (x - baseline) * 1000
	}
	second, label := tr.Clamp, "clamp current"
	if !vclamp {
		second, label = somaV, "soma voltage"
	}
	k := int(math.RoundToEven(tr.SpikeTimes[0] / tr.Dt))
	if k >= len(second) {
		return PlotData{}, fmt.Errorf("%s: %w: first spike is sample %d of %d", label, ErrSpikeOutside, k, len(second))
	}
	held := make([]float64, len(second))
	if vclamp {
		for i := k; i < len(second); i++ {
			held[i] = (second[i] - second[k]) * 1000
		}
		out.ClampPA = held
	} else {
		for i := range held {
			held[i] = second[max(i, k)]
		}
		out.SomaV = held
	}
	return out, nil
}
