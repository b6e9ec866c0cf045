package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/synaptune/synaptune/tuner/plot"
)

// cmdSetupECharts installs the echarts library (npm echarts, pinned and
// sha256-checked) into synaptune's cache, where serve and the notebooks read
// it.
func cmdSetupECharts(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("setup-echarts", flag.ContinueOnError)
	cache := fs.String("cache", "", "cache `folder` (default: the user cache folder's synaptune)")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	path, err := plot.InstallECharts(ctx, *cache)
	if err != nil {
		return fmt.Errorf("setup-echarts: %w", err)
	}
	fmt.Fprintf(stdout, "echarts %s is in %s\n", plot.EChartsVersion, path)
	return nil
}
