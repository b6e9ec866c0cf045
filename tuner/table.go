package tuner

import (
	"context"
	"fmt"
	"math"
	"sync"

	"github.com/synaptune/synaptune/tuner/metrics"
)

// TableRow is one connection's line of bmtool's synaptic table.
type TableRow struct {
	Connection string
	// RiseTime and DecayTime (ms) come from SingleEvent (the configured rise
	// interval); Latency, HalfWidth (ms), PeakAmplitude and Baseline (nA)
	// from bmtool's argument-less _get_syn_prop (20–80 %, module dt).
	RiseTime, DecayTime, Latency, HalfWidth, PeakAmplitude, Baseline float64
	// PPR, SimplePPR, Induction and Recovery come from one train at the
	// table's frequency and delay.
	PPR, SimplePPR, Induction, Recovery float64
	// Err is set (and the figures are NaN) when the connection could not be
	// analysed; bmtool prints a warning and carries on.
	Err error
}

// Metrics evaluates one set of synaptic parameters the way bmtool's
// SynapseOptimizer._calculate_metrics does: a single event and/or one train
// at freq Hz with delay ms, reduced to bmtool's metrics. The tuner's own
// parameters are not changed. It is safe to call concurrently with other
// Metrics calls.
func (t *Tuner) Metrics(params map[string]float64, singleEvent, train bool, freq, delay float64) (metrics.OptimizerMetrics, error) {
	p := t.paramsCopy()
	for k, v := range params {
		if !t.cur.synVars[k] {
			return metrics.OptimizerMetrics{}, fmt.Errorf("%s has no variable %q", t.cur.synName, k)
		}
		p[k] = v
	}
	g := t.settings.General
	var single, tr *metrics.Traces
	var windowEnd float64
	var st stimulus
	if train {
		var err error
		if st, err = t.trainStimulus(freq, delay); err != nil {
			return metrics.OptimizerMetrics{}, err
		}
		windowEnd = st.tstop
	}
	// The two protocols are independent simulations: run them at once.
	var wg sync.WaitGroup
	var errSingle, errTrain error
	if singleEvent {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rec, err := t.cur.run(t.singleEventStimulus(), p, t.settings.CurrentName, nil)
			if err != nil {
				errSingle = err
				return
			}
			x := rec.export().traces(true)
			single = &x
		}()
	}
	if train {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rec, err := t.cur.run(st, p, t.settings.CurrentName, nil)
			if err != nil {
				errTrain = err
				return
			}
			x := rec.export().traces(g.VClamp)
			tr = &x
		}()
	}
	wg.Wait()
	if errSingle != nil {
		return metrics.OptimizerMetrics{}, errSingle
	}
	if errTrain != nil {
		return metrics.OptimizerMetrics{}, errTrain
	}
	return metrics.ComputeOptimizerMetrics(single, tr, metrics.OptimizerSettings{
		VClamp:       g.VClamp,
		RiseInterval: metrics.RiseInterval{Lo: g.RiseInterval[0], Hi: g.RiseInterval[1]},
		NetConDelay:  g.Delay,
		WindowEnd:    windowEnd,
		Variant:      t.variant,
	})
}

// SynapticTable is bmtool's generate_synaptic_table: every connection with
// its settings' parameters, a single event and one train at freq Hz with
// delay ms. The active connection and its current parameters are restored
// afterwards. progress, if not nil, is called after each connection.
func (t *Tuner) SynapticTable(ctx context.Context, freq, delay float64, progress func(done, total int)) ([]TableRow, error) {
	orig, origParams := t.cur.conn.Name, t.paramsCopy()
	defer func() {
		if err := t.SwitchConnection(orig); err == nil {
			t.params = origParams
		}
	}()
	var rows []TableRow
	names := t.settings.ConnectionNames()
	for i, name := range names {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		row := TableRow{Connection: name}
		err := t.SwitchConnection(name)
		var m metrics.OptimizerMetrics
		if err == nil {
			m, err = t.Metrics(nil, true, true, freq, delay)
		}
		if err != nil {
			nan := math.NaN()
			row.RiseTime, row.DecayTime, row.Latency, row.HalfWidth, row.PeakAmplitude, row.Baseline = nan, nan, nan, nan, nan, nan
			row.PPR, row.SimplePPR, row.Induction, row.Recovery = nan, nan, nan, nan
			row.Err = fmt.Errorf("failed to analyze connection %q: %w", name, err)
		} else {
			row.RiseTime, row.DecayTime, row.Latency, row.HalfWidth = m.RiseTime, m.DecayTime, m.Latency, m.HalfWidth
			row.PeakAmplitude, row.Baseline = m.Amp, m.Baseline
			row.PPR, row.SimplePPR, row.Induction, row.Recovery = m.PPR, m.SimplePPR, m.Induction, m.Recovery
		}
		rows = append(rows, row)
		if progress != nil {
			progress(i+1, len(names))
		}
	}
	return rows, nil
}
