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
//	synaptune optimize      --settings FILE --targets induction=-0.75,simple_ppr=0.8,recovery=0 --bounds Dep=0:800,Fac=0:100,Use=0.1:1 [--weights simple_ppr=3] [--init middle|random] [--seed N] [--method NAME] [--freq HZ --delay MS] [--no-single-event] [--json]
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

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "synaptune:", err)
		os.Exit(1)
	}
}

const usage = `usage: synaptune <command> [flags]

commands:
  single-event   one synaptic event under voltage clamp: PSC properties
  train          8 pulses, a delay, 4 pulses (or --duration for continuous input): STP metrics
  freq-response  the STP metrics over a sweep of train frequencies
  table          the synaptic table of every connection
  optimize       find synaptic parameters that reach target metrics
  demo           the seed demo (Dep2FSI and Fac2FSI on the embedded models)
  serve          the interactive tuner on a local web page (prints its URL)
  setup-echarts  install the echarts library (npm echarts, sha256-checked) into the cache

Run 'synaptune <command> -h' for a command's flags.`

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return fmt.Errorf("no command given")
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "single-event":
		return cmdSingleEvent(ctx, rest, stdout, stderr)
	case "train":
		return cmdTrain(ctx, rest, stdout, stderr)
	case "freq-response":
		return cmdFreqResponse(ctx, rest, stdout, stderr)
	case "table":
		return cmdTable(ctx, rest, stdout, stderr)
	case "demo":
		return cmdDemo(ctx, rest, stdout, stderr)
	case "optimize":
		return cmdOptimize(ctx, rest, stdout, stderr)
	case "serve":
		return cmdServe(ctx, rest, stdout, stderr)
	case "setup-echarts":
		return cmdSetupECharts(ctx, rest, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, usage)
		return nil
	}
	fmt.Fprintln(stderr, usage)
	return fmt.Errorf("unknown command %q", cmd)
}
