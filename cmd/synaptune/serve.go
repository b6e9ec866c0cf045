package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/synaptune/synaptune/kernel/web"
	"github.com/synaptune/synaptune/tuner/interactive"
	"github.com/synaptune/synaptune/tuner/plot"
)

// finalPageGrace is how long serve keeps serving after the interactive tuner
// ends by itself (Done or the idle timeout), so that the page receives its
// final state before the server closes.
const finalPageGrace = 500 * time.Millisecond

// cmdServe shows the interactive tuner on a local web page until Ctrl-C,
// the Done button or the idle timeout.
func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	var c common
	c.register(fs, false)
	addr := fs.String("addr", web.DefaultAddr, "`host:port` to listen on; a non-loopback host exposes the session (the token still guards it)")
	cache := fs.String("cache", "", "echarts cache `folder` (default: the user cache folder's synaptune)")
	idle := fs.Duration("idle", 0, "stop after this long without an event (0: never)")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	if _, err := plot.EChartsLibrary(*cache); err != nil {
		if errors.Is(err, plot.ErrEChartsMissing) {
			return fmt.Errorf("serve: %w\nInstall it once with: synaptune setup-echarts", err)
		}
		return fmt.Errorf("serve: %w", err)
	}
	lib, err := plot.EChartsPath(*cache)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	tu, err := c.tuner()
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	printWarnings(stderr, tu)
	srv, err := web.New(web.Options{Addr: *addr, Title: "synaptune interactive tuner", EChartsFile: lib,
		Logger: slog.New(slog.NewTextHandler(stderr, nil))})
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	wd, err := os.Getwd()
	if err != nil {
		_ = srv.Close()
		return fmt.Errorf("serve: %w", err)
	}
	timeout := *idle
	if timeout <= 0 {
		timeout = -1
	}
	it, err := interactive.New(tu, srv, interactive.Options{IdleTimeout: timeout, ConnectWait: -1, SaveDir: wd})
	if err != nil {
		_ = srv.Close()
		return fmt.Errorf("serve: %w", err)
	}

	serveCtx, stopServing := context.WithCancel(context.Background())
	defer stopServing()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(serveCtx) }()
	fmt.Fprintf(stdout, "synaptune interactive tuner: open %s\n", srv.URL())
	fmt.Fprintln(stdout, "Press Ctrl-C to stop.")

	ending, runErr := it.Run(ctx)
	fmt.Fprintf(stdout, "interactive tuner ended: %s\n", ending)
	if ending != interactive.EndCancelled {
		select {
		case <-time.After(finalPageGrace):
		case <-ctx.Done():
		}
	}
	stopServing()
	serveErr := <-served
	if runErr != nil {
		return fmt.Errorf("serve: %w", runErr)
	}
	if serveErr != nil {
		return fmt.Errorf("serve: %w", serveErr)
	}
	return nil
}
