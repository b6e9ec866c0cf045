package plot

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Traces are the curves of one simulation as bmtool's _plot_model draws them
// (tuner/metrics.PlotData computes the first three from the recordings).
// All series have one value per time point.
type Traces struct {
	// Connection names the connection; the figure's title is
	// "Connection: <Connection>".
	Connection string
	// T is the time of each sample in ms, increasing.
	T []float64
	// SynI is the synaptic current in pA with its baseline removed.
	SynI []float64
	// ClampI is the voltage-clamp current in pA, set under voltage clamp.
	// Exactly one of ClampI and SomaV is set.
	ClampI []float64
	// SomaV is the soma voltage in mV, set without voltage clamp.
	SomaV []float64
	// Extra are further recorded variables, one panel each, in this order.
	Extra []Recorded
}

// Recorded is one extra recorded variable.
type Recorded struct {
	// Name is the variable's name as recorded (for example "u" or "tau_r").
	// The panel's axis label is the name capitalised as Python's
	// str.capitalize does, as bmtool labels it.
	Name string
	// Unit, when set, is appended to the axis label in parentheses.
	Unit string
	// Values has one value per time point.
	Values []float64
}

// Window is the time range a trace figure shows, in ms.
type Window struct {
	From, To float64
}

// SingleEventWindow is the range bmtool shows for a single event: from
// tstart − 5 ms to tstart + tdur.
func SingleEventWindow(tstart, tdur float64) Window {
	return Window{From: tstart - 5, To: tstart + tdur}
}

// TrainWindow is the range bmtool's interactive tuner shows for a pulse
// train: from tstart minus a third of the pulse interval to tstop (all in ms).
func TrainWindow(tstart, interval, tstop float64) Window {
	return Window{From: tstart - interval/3, To: tstop}
}

// SingleEvent draws the figure of bmtool's SingleEvent: the synaptic current
// (pA), then the clamp current (pA) or the soma voltage (mV), then one panel
// per extra variable, two panels per row, over the window w.
func SingleEvent(tr Traces, w Window) (Figure, error) {
	return traceFigure(tr, w, nil)
}

// Train draws the figure of a pulse train: the panels of SingleEvent, with
// the synaptic current's peaks numbered 1, 2, … in order. peaks are the
// sample indices of the peaks (bmtool's ispk); they always survive the
// display reduction.
func Train(tr Traces, w Window, peaks []int) (Figure, error) {
	return traceFigure(tr, w, peaks)
}

type panel struct {
	label  string
	values []float64
}

func (tr Traces) panels() ([]panel, error) {
	n := len(tr.T)
	if n == 0 {
		return nil, fmt.Errorf("plot: traces: no time points")
	}
	for i := 1; i < n; i++ {
		if !(tr.T[i] > tr.T[i-1]) {
			return nil, fmt.Errorf("plot: traces: time is not increasing at T[%d] = %v (T[%d] = %v)", i, tr.T[i], i-1, tr.T[i-1])
		}
	}
	if err := checkFinite("T", tr.T); err != nil {
		return nil, err
	}
	ps := []panel{{"Synaptic Current (pA)", tr.SynI}}
	switch {
	case tr.ClampI != nil && tr.SomaV != nil:
		return nil, fmt.Errorf("plot: traces: both ClampI and SomaV are set; set one")
	case tr.ClampI != nil:
		ps = append(ps, panel{"VClamp Current (pA)", tr.ClampI})
	case tr.SomaV != nil:
		ps = append(ps, panel{"Soma Voltage (mV)", tr.SomaV})
	default:
		return nil, fmt.Errorf("plot: traces: neither ClampI nor SomaV is set")
	}
	for _, e := range tr.Extra {
		label := capitalize(e.Name)
		if e.Unit != "" {
			label += " (" + e.Unit + ")"
		}
		ps = append(ps, panel{label, e.Values})
	}
	for _, p := range ps {
		if len(p.values) != n {
			return nil, fmt.Errorf("plot: traces: %s has %d values for %d time points", p.label, len(p.values), n)
		}
		if err := checkFinite(p.label, p.values); err != nil {
			return nil, err
		}
	}
	return ps, nil
}

// capitalize does what Python's str.capitalize does: the first character in
// upper case, the rest in lower case.
func capitalize(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + strings.ToLower(s[i+len(string(r)):])
	}
	return s
}

// crop returns the index range [lo, hi) of the samples inside w, widened by
// one sample on each side so that the line reaches the window's edges.
func crop(t []float64, w Window) (lo, hi int) {
	lo, hi = 0, len(t)
	for lo < hi && t[lo] < w.From {
		lo++
	}
	for hi > lo && t[hi-1] > w.To {
		hi--
	}
	return max(lo-1, 0), min(hi+1, len(t))
}

func traceFigure(tr Traces, w Window, peaks []int) (Figure, error) {
	ps, err := tr.panels()
	if err != nil {
		return Figure{}, err
	}
	if !(w.From < w.To) {
		return Figure{}, fmt.Errorf("plot: traces: empty window [%v, %v] ms", w.From, w.To)
	}
	for i, k := range peaks {
		if k < 0 || k >= len(tr.T) {
			return Figure{}, fmt.Errorf("plot: traces: peak %d is sample %d of %d", i+1, k, len(tr.T))
		}
	}
	lo, hi := crop(tr.T, w)
	var keep []int
	for _, k := range peaks {
		if k >= lo && k < hi {
			keep = append(keep, k-lo)
		}
	}

	const cols, width = 2, 1000
	rows := (len(ps) + cols - 1) / cols
	height := 120 + 280*rows
	boxes := panelBoxes(len(ps), cols, width, height, true)

	line := charts.NewLine()
	line.SetGlobalOptions(commonOptions("Connection: "+tr.Connection, "synaptic-traces", len(ps))...)
	line.SetGlobalOptions(
		gridOptions(boxes),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		zoomOptions(indices(len(ps))),
	)
	for i, p := range ps {
		x := xAxis(i, "", "value")
		if i >= len(ps)-cols {
			x.Name = "Time (ms)"
		}
		x.Scale = nil
		x.Min, x.Max = num(w.From), num(w.To)
		y := yAxis(i, p.label, "value")
		if i == 0 {
			line.SetGlobalOptions(charts.WithXAxisOpts(x), charts.WithYAxisOpts(y))
		} else {
			line.ExtendXAxis(x)
			line.ExtendYAxis(y)
		}
		var k []int
		if i == 0 {
			k = keep
		}
		data, err := reduced(tr.T[lo:hi], p.values[lo:hi], k...)
		if err != nil {
			return Figure{}, fmt.Errorf("plot: traces: %s: %w", p.label, err)
		}
		seriesOpts := []charts.SeriesOpts{
			charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false), XAxisIndex: i, YAxisIndex: i}),
			charts.WithLineStyleOpts(opts.LineStyle{Width: 1.5}),
			charts.WithSeriesOpts(func(s *charts.SingleSeries) { s.Data = data }),
		}
		if i == 0 && len(peaks) > 0 {
			seriesOpts = append(seriesOpts, peakMarkers(tr, peaks, w))
		}
		line.AddSeries(p.label, nil, seriesOpts...)
	}
	return finish(line, width, height)
}

// peakMarkers numbers the synaptic current's peaks 1, 2, … as bmtool does;
// peaks outside the window keep their numbers but are not drawn.
func peakMarkers(tr Traces, peaks []int, w Window) charts.SeriesOpts {
	var items []opts.MarkPointNameCoordItem
	for i, k := range peaks {
		if tr.T[k] < w.From || tr.T[k] > w.To {
			continue
		}
		label := fmt.Sprint(i + 1)
		items = append(items, opts.MarkPointNameCoordItem{
			Name:       "Peak " + label,
			Coordinate: []any{num(tr.T[k]), num(tr.SynI[k])},
			Value:      label,
			Symbol:     "pin",
			SymbolSize: 30,
		})
	}
	return charts.WithMarkPointNameCoordItemOpts(items...)
}
