package main

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"os"
	"strings"

	"github.com/synaptune/synaptune/tuner/plot"
)

// report collects figures and printed text into one self-contained HTML
// page (the echarts library inlined, nothing loaded from the network).
type report struct {
	title string
	parts []string
}

func (r *report) heading(s string) { r.parts = append(r.parts, "<h2>"+html.EscapeString(s)+"</h2>") }

func (r *report) text(lines []string) {
	r.parts = append(r.parts, "<pre>"+html.EscapeString(strings.Join(lines, "\n"))+"</pre>")
}

func (r *report) figure(f plot.Figure, err error) error {
	if err != nil {
		return err
	}
	r.parts = append(r.parts, f.HTML())
	return nil
}

// echartsLibrary returns the cached echarts library, installing it from
// the npm registry on first use.
func echartsLibrary(ctx context.Context, stderr io.Writer) ([]byte, error) {
	lib, err := plot.EChartsLibrary("")
	if err == nil {
		return lib, nil
	}
	if !errors.Is(err, plot.ErrEChartsMissing) {
		return nil, err
	}
	fmt.Fprintln(stderr, "synaptune: installing the echarts library (npm pack echarts@5.4.3) into the user cache")
	if _, err := plot.InstallECharts(ctx, ""); err != nil {
		return nil, fmt.Errorf("echarts library: %w (run `go run ./cmd/synaptune setup-echarts`)", err)
	}
	return plot.EChartsLibrary("")
}

func (r *report) write(ctx context.Context, path string, stderr io.Writer) error {
	lib, err := echartsLibrary(ctx, stderr)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
	b.WriteString(html.EscapeString(r.title))
	b.WriteString("</title><style>body{font-family:sans-serif;margin:2em;max-width:1200px}pre{background:#f6f6f6;padding:1em;overflow-x:auto}</style></head><body>\n<h1>")
	b.WriteString(html.EscapeString(r.title))
	b.WriteString("</h1>\n")
	b.WriteString(plot.LoaderHTML(lib))
	for _, p := range r.parts {
		b.WriteString(p)
		b.WriteString("\n")
	}
	b.WriteString("</body></html>\n")
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
