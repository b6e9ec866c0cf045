package metrics

import (
	"fmt"
)

// OptimizerMetrics are the figures bmtool's SynapseOptimizer._calculate_metrics
// returns, which its cost functions read by name. Figures of a protocol that
// was not run are 0, as in bmtool.
type OptimizerMetrics struct {
	Induction, PPR, Recovery, SimplePPR float64
	// MaxAmplitude is STP.MaxAmpPA (pA).
	MaxAmplitude float64
	// RiseTime and DecayTime come from SingleEvent with the configured rise
	// interval and time step.
	RiseTime, DecayTime float64
	// Latency, HalfWidth, Baseline and Amp come, in Variant Bmtool, from a
	// second _get_syn_prop call with bmtool's defaults: 20–80 % rise interval
	// and the module-time dt (see OptimizerSettings.ModuleDt).
	Latency, HalfWidth, Baseline, Amp float64
}

// OptimizerMetricNames are the metric names in bmtool's order.
func OptimizerMetricNames() []string {
	return []string{"induction", "ppr", "recovery", "simple_ppr", "max_amplitude",
		"rise_time", "decay_time", "latency", "half_width", "baseline", "amp"}
}

// TrainMetricNames lists the metrics of OptimizerMetricNames that come from
// the train; the others come from the single event.
func TrainMetricNames() []string {
	return []string{"induction", "ppr", "recovery", "simple_ppr", "max_amplitude"}
}

// IsTrainMetric tells whether the named metric comes from the train.
func IsTrainMetric(name string) bool {
	for _, n := range TrainMetricNames() {
		if n == name {
			return true
		}
	}
	return false
}

// Value returns the metric bmtool calls name, or ErrUnknownMetric.
func (m OptimizerMetrics) Value(name string) (float64, error) {
	switch name {
	case "induction":
		return m.Induction, nil
	case "ppr":
		return m.PPR, nil
	case "recovery":
		return m.Recovery, nil
	case "simple_ppr":
		return m.SimplePPR, nil
	case "max_amplitude":
		return m.MaxAmplitude, nil
	case "rise_time":
		return m.RiseTime, nil
	case "decay_time":
		return m.DecayTime, nil
	case "latency":
		return m.Latency, nil
	case "half_width":
		return m.HalfWidth, nil
	case "baseline":
		return m.Baseline, nil
	case "amp":
		return m.Amp, nil
	}
	return 0, fmt.Errorf("metrics: %w %q (known: %v)", ErrUnknownMetric, name, OptimizerMetricNames())
}

// Map returns the metrics keyed by bmtool's names.
func (m OptimizerMetrics) Map() map[string]float64 {
	out := make(map[string]float64, 11)
	for _, k := range OptimizerMetricNames() {
		out[k], _ = m.Value(k)
	}
	return out
}

// OptimizerSettings are the tuner settings _calculate_metrics depends on.
type OptimizerSettings struct {
	// VClamp is the tuner's vclamp flag.
	VClamp bool
	// RiseInterval is general_settings["rise_interval"].
	RiseInterval RiseInterval
	// NetConDelay is general_settings["delay"] (ms).
	NetConDelay float64
	// WindowEnd is h.tstop after the train run (the train's tstop).
	WindowEnd float64
	// ModuleDt is the dt bmtool's argument-less _get_syn_prop() uses: h.dt
	// when bmtool.synapses was imported. 0 means BmtoolModuleDt (0.025 ms).
	// When it differs from the single-event trace's dt, bmtool reads the
	// trace at the wrong indices (or fails); Variant Corrected ignores it.
	ModuleDt float64
	// Variant selects bmtool's arithmetic or the corrected one.
	Variant Variant
}

// ComputeOptimizerMetrics is SynapseOptimizer._calculate_metrics on the
// recordings of one evaluation: single holds the single-event run
// (run_single_event) and train the 8+4 pulse train (run_train_input); either
// may be nil when that protocol is not run.
//
// In Variant Bmtool, RiseTime and DecayTime come from SingleEvent (configured
// rise interval, the trace's dt) while Latency, HalfWidth, Baseline and Amp
// come from bmtool's argument-less _get_syn_prop(): rise interval 20–80 % and
// ModuleDt. In Variant Corrected all of them come from the SingleEvent
// properties (configured rise interval and dt, corrected half width), and the
// train's baseline and sign from the synaptic current.
//
// bmtool's generate_synaptic_table makes the same choices: its rise_time and
// decay_time come from SingleEvent, its latency, half_width, peak_amplitude
// (Amp, in nA despite its documentation's pA) and baseline from the
// argument-less _get_syn_prop(), and its STP columns from the train.
func ComputeOptimizerMetrics(single, train *Traces, s OptimizerSettings) (OptimizerMetrics, error) {
	m, err := optimizerMetrics(single, train, s)
	if err != nil {
		return OptimizerMetrics{}, fmt.Errorf("metrics: optimizer metrics: %w", err)
	}
	return m, nil
}

func optimizerMetrics(single, train *Traces, s OptimizerSettings) (OptimizerMetrics, error) {
	if err := s.Variant.check(); err != nil {
		return OptimizerMetrics{}, err
	}
	var m OptimizerMetrics
	if single != nil {
		se, err := singleEvent(*single, SingleEventSettings{VClamp: s.VClamp, RiseInterval: s.RiseInterval, Variant: s.Variant})
		if err != nil {
			return OptimizerMetrics{}, fmt.Errorf("single event: %w", err)
		}
		m.RiseTime, m.DecayTime = se.Props.RiseTime, se.Props.DecayTime
		p := se.Props
		if s.Variant == Bmtool {
			dt := s.ModuleDt
			if dt == 0 {
				dt = BmtoolModuleDt
			}
			trace, name, err := single.analysed(s.VClamp)
			if err != nil {
				return OptimizerMetrics{}, err
			}
			p, err = synProperties(trace, single.SpikeTimes, dt, BmtoolDefaultRiseInterval(), Bmtool)
			if err != nil {
				return OptimizerMetrics{}, fmt.Errorf("single event, %s, default rise interval and dt %v ms: %w", name, dt, err)
			}
		}
		m.Latency, m.HalfWidth, m.Baseline, m.Amp = p.Latency, p.HalfWidth, p.Baseline, p.Amp
	}
	if train != nil {
		_, stp, err := TrainMetrics(*train, TrainSettings{VClamp: s.VClamp, NetConDelay: s.NetConDelay,
			WindowEnd: s.WindowEnd, Variant: s.Variant})
		if err != nil {
			return OptimizerMetrics{}, fmt.Errorf("train: %w", err)
		}
		m.Induction, m.PPR, m.Recovery, m.SimplePPR, m.MaxAmplitude = stp.Induction, stp.PPR, stp.Recovery, stp.SimplePPR, stp.MaxAmpPA
	}
	return m, nil
}
