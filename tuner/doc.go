// Package tuner is synaptune's port of bmtool's SynapseTuner: it places a
// synapse on a post-synaptic cell, drives it with NetStims through NetCons
// under a voltage clamp, and computes the properties bmtool reports — the
// single-event PSC properties, the train amplitudes and the short-term
// plasticity metrics (PPR, simple PPR, induction, recovery), the frequency
// response and the synaptic table.
//
// Settings have bmtool's shape and key names (general_settings,
// conn_type_settings with spec_settings and spec_syn_param, connection,
// current_name, other_vars_to_record, slider_vars) and are read from JSON
// with errors that name the offending key.
package tuner
