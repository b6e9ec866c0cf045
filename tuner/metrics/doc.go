// Package metrics computes bmtool's synapse metrics from recorded traces.
//
// It holds the arithmetic of bmtool's SynapseTuner and SynapseOptimizer
// (github.com/cyneuro/bmtool, bmtool/synapses.py) as pure functions of
// plain []float64 traces: it knows nothing of the simulator that produced
// them. Every trace is one sample per time step from t = 0, so sample i is
// at t = i·dt, which is how NEURON's Vector.record fills the vectors bmtool
// reads.
//
// By default (Variant Bmtool) every figure means exactly what bmtool prints:
//
//   - SynProperties is _get_syn_prop: baseline, sign, latency, peak amplitude,
//     rise time, decay time constant (least-squares exponential fit from
//     scipy's start point) and half width, with bmtool's index arithmetic.
//   - SingleEvent adds the current integral SingleEvent prints (pA·ms) and
//     reproduces bmtool's choice of traces: properties of the clamp current
//     when the voltage clamp is on, but the integral of the synaptic current
//     shifted by that clamp-current baseline.
//   - ResponseAmplitudes is _response_amplitude (one peak per pulse of a train
//     or of the continuous input), STPMetrics is _calc_ppr_induction_recovery
//     and _find_max_amp, and STP.Report returns its explanatory printout.
//   - ComputeOptimizerMetrics is SynapseOptimizer._calculate_metrics (the
//     same choices give the columns of generate_synaptic_table).
//   - Plot gives the curves _plot_model draws.
//
// Variant Corrected fixes what bmtool gets wrong, one option away rather than
// in a second copy of the code: the half width is measured between the two
// half-amplitude crossings, baseline and sign come from the trace they are
// applied to, and the optimizer's metrics use the configured rise interval
// and time step throughout.
//
// Bad input (an empty trace, NaN samples, a spike outside the trace, a
// response without a peak, a fit that does not converge) gives an error, never
// a panic. On the test traces every figure is bit-identical to bmtool's
// under numpy 1.24 and scipy 1.10, except the decay time: this package
// converges to the least-squares optimum, where scipy's MINPACK search stops
// up to ~1e-7 (relative) short of it. testdata/make_goldens.py makes the
// comparison figures by running bmtool's own code.
package metrics
