// Command synaptune tunes chemical synapses the way bmtool's SynapseTuner
// does, on synaptune's own NEURON-compatible simulator, from the command
// line.
//
// Usage:
//
//	synaptune single-event  --settings FILE [--connection NAME] [model flags] [--json] [--trace FILE]
//	synaptune train         --settings FILE [--freq HZ] [--delay MS] [--duration MS] [model flags] [--json] [--trace FILE]
//	synaptune freq-response --settings FILE [--freqs 1,2,5] [--delay MS] [model flags] [--json]
//	synaptune table         --settings FILE [--freq HZ] [--delay MS] [model flags] [--json]
//	synaptune optimize      --settings FILE --targets induction=-0.75,simple_ppr=0.8,recovery=0 --bounds Dep=0:800,Fac=0:100,Use=0.1:1 [--weights simple_ppr=3] [--init middle|random] [--seed N] [--method NAME] [--freq HZ --delay MS] [--no-single-event | --single-event-each-evaluation] [--json]
//	synaptune demo          [--json]
//	synaptune serve         --settings FILE [model flags] [--addr 127.0.0.1:0] [--idle DURATION]
//	synaptune setup-echarts [--cache DIR]
//
// Model flags: --mechanisms DIR (a folder of .mod files) and --templates
// FILE (a .hoc file); without them the embedded models are used. --variant
// corrected selects the corrected protocol instead of bmtool's.
//
// --settings is a JSON file with bmtool's keys: general_settings,
// conn_type_settings, connection, current_name, other_vars_to_record,
// slider_vars (and optionally mechanisms_dir, templates_dir,
// json_folder_path). Errors go to stderr with exit status 1.
package main
