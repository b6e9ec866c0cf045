package tuner

import (
	"math"

	"github.com/synaptune/synaptune/tuner/metrics"
	"github.com/synaptune/synaptune/tuner/plot"
)

// PlotTraces turns a recording of the active connection into the curves
// bmtool's _plot_model draws: the synaptic current in pA with its baseline
// removed, the clamp current (under voltage clamp) or the soma voltage, and
// the other recorded variables.
func (t *Tuner) PlotTraces(rec *Recording) (plot.Traces, error) {
	pd, err := metrics.Plot(metrics.Traces{Syn: rec.Syn, Clamp: rec.Clamp, SpikeTimes: rec.Spikes, Dt: rec.Dt},
		rec.SomaV, t.VClamp(), t.variant)
	if err != nil {
		return plot.Traces{}, err
	}
	tr := plot.Traces{Connection: t.cur.conn.Name, T: rec.T, SynI: pd.SynPA, ClampI: pd.ClampPA, SomaV: pd.SomaV}
	for _, name := range t.settings.OtherVarsToRecord {
		if v, ok := rec.Extra[name]; ok {
			tr.Extra = append(tr.Extra, plot.Recorded{Name: name, Values: v})
		}
	}
	return tr, nil
}

// SingleEventFigure draws a SingleEvent result as bmtool does (from
// tstart−5 ms to tstart+tdur).
func (t *Tuner) SingleEventFigure(r *SingleEventResult) (plot.Figure, error) {
	tr, err := t.PlotTraces(r.Recording)
	if err != nil {
		return plot.Figure{}, err
	}
	g := t.settings.General
	return plot.SingleEvent(tr, plot.SingleEventWindow(g.TStart, g.TDur))
}

// TrainFigure draws a train with its numbered response peaks.
func (t *Tuner) TrainFigure(r *TrainResult) (plot.Figure, error) {
	tr, err := t.PlotTraces(r.Recording)
	if err != nil {
		return plot.Figure{}, err
	}
	return plot.Train(tr, plot.TrainWindow(t.settings.General.TStart, 1000/r.Freq, r.Recording.Tstop), r.PeakIndex)
}

// FrequencyResponseFigure draws stp_frequency_response's three panels.
func FrequencyResponseFigure(r *FrequencyResponse, logFrequency bool) (plot.Figure, error) {
	return plot.FrequencyResponse(plot.FrequencyData{Frequencies: r.Frequencies, PPR: r.PPR, SimplePPR: r.SimplePPR,
		Induction: r.Induction, Recovery: r.Recovery}, logFrequency)
}

// SynapticTableFigure draws generate_synaptic_table's bar charts.
func SynapticTableFigure(rows []TableRow, stpFrequency float64) (plot.Figure, error) {
	var pr []plot.TableRow
	for _, r := range rows {
		pr = append(pr, plot.TableRow{Connection: r.Connection, RiseTime: r.RiseTime, DecayTime: r.DecayTime,
			PPR: r.PPR, SimplePPR: r.SimplePPR, Induction: r.Induction, Recovery: r.Recovery})
	}
	return plot.SynapticTable(pr, stpFrequency)
}

// ConvergenceFigure draws plot_optimization_results' error and parameter
// paths.
func ConvergenceFigure(r *OptimizationResult) (plot.Figure, error) {
	var d plot.ConvergenceData
	for _, s := range r.Path {
		e := s.Error
		if math.IsInf(e, 0) || math.IsNaN(e) {
			e = 0 // a failed evaluation: drawn as a gap
		}
		d.Errors = append(d.Errors, e)
	}
	for _, name := range r.ParamOrder {
		p := plot.ParamPath{Name: name}
		for _, s := range r.Path {
			p.Values = append(p.Values, s.Params[name])
		}
		d.Params = append(d.Params, p)
	}
	return plot.Convergence(d)
}
