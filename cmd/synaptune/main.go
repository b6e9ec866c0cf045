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
