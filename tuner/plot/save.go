package plot

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// The size of a saved figure: bmtool saves an 8×6 inch matplotlib figure at
// matplotlib's default 100 dots per inch.
const (
	saveWidth  = 8 * vg.Inch
	saveHeight = 6 * vg.Inch
	saveDPI    = 100
)

// SaveSynapticCurrent writes the synaptic-current panel of a trace figure to
// path, as bmtool's "Save Plot" does but without a browser: the synaptic
// current (pA) against time (ms) over the window w, with a grid, titled
// "Connection: <name>". The file's extension chooses the format: ".png"
// (800×600 pixels) or ".svg" (8×6 inches). Only T, SynI and Connection of tr
// are used.
func SaveSynapticCurrent(path string, tr Traces, w Window) (err error) {
	format := strings.ToLower(strings.TrimPrefix(filepath.Ext(path), "."))
	if format != "png" && format != "svg" {
		return fmt.Errorf("plot: save %s: unknown image format %q; use .png or .svg", path, filepath.Ext(path))
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("plot: save: %w", err)
	}
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("plot: save %s: %w", path, cerr)
		}
		if err != nil {
			os.Remove(path)
		}
	}()
	bw := bufio.NewWriter(f)
	if err := WriteSynapticCurrent(bw, format, tr, w); err != nil {
		return fmt.Errorf("plot: save %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("plot: save %s: %w", path, err)
	}
	return nil
}

// WriteSynapticCurrent writes the figure of SaveSynapticCurrent to out in the
// given format, "png" or "svg".
func WriteSynapticCurrent(out io.Writer, format string, tr Traces, w Window) error {
	if format != "png" && format != "svg" {
		return fmt.Errorf("plot: unknown image format %q; use png or svg", format)
	}
	p, err := synapticCurrentPlot(tr, w)
	if err != nil {
		return err
	}
	var c interface {
		vg.CanvasSizer
		io.WriterTo
	}
	if format == "png" {
		c = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(saveWidth, saveHeight), vgimg.UseDPI(saveDPI))}
	} else {
		c = vgsvg.New(saveWidth, saveHeight)
	}
	p.Draw(draw.New(c))
	if _, err := c.WriteTo(out); err != nil {
		return fmt.Errorf("plot: writing the %s image: %w", format, err)
	}
	return nil
}

func synapticCurrentPlot(tr Traces, w Window) (*gplot.Plot, error) {
	n := len(tr.T)
	switch {
	case n == 0:
		return nil, errors.New("plot: synaptic current: no time points")
	case len(tr.SynI) != n:
		return nil, fmt.Errorf("plot: synaptic current: %d values for %d time points", len(tr.SynI), n)
	case !(w.From < w.To):
		return nil, fmt.Errorf("plot: synaptic current: empty window [%v, %v] ms", w.From, w.To)
	}
	for i := 1; i < n; i++ {
		if !(tr.T[i] > tr.T[i-1]) {
			return nil, fmt.Errorf("plot: synaptic current: time is not increasing at T[%d] = %v (T[%d] = %v)", i, tr.T[i], i-1, tr.T[i-1])
		}
	}
	if err := checkFinite("SynI", tr.SynI); err != nil {
		return nil, fmt.Errorf("plot: synaptic current: %w", err)
	}
	lo, hi := crop(tr.T, w)
	idx, err := Reduce(tr.SynI[lo:hi], MaxDisplayPoints)
	if err != nil {
		return nil, err
	}
	xys := make(plotter.XYs, len(idx))
	for j, i := range idx {
		xys[j] = plotter.XY{X: tr.T[lo+i], Y: tr.SynI[lo+i]}
	}
	line, err := plotter.NewLine(xys)
	if err != nil {
		return nil, fmt.Errorf("plot: synaptic current: %w", err)
	}
	line.Width = vg.Points(1.5)
	p := gplot.New()
	p.Title.Text = "Connection: " + tr.Connection
	p.Title.Padding = vg.Points(6)
	p.X.Label.Text = "Time (ms)"
	p.Y.Label.Text = "Synaptic Current (pA)"
	p.Add(plotter.NewGrid(), line)
	p.X.Min, p.X.Max = w.From, w.To
	return p, nil
}
