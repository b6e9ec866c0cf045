package plot

import (
	"fmt"
	"math"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// ConvergenceData is an optimiser's path: the error and the parameter values
// at each iteration, as in bmtool's SynapseOptimizationResult.
type ConvergenceData struct {
	// Errors has the error of each iteration (dimensionless, ≥ 0).
	Errors []float64
	// Params has one path per optimised parameter, in display order.
	Params []ParamPath
}

// ParamPath is one parameter's value at each iteration.
type ParamPath struct {
	Name   string
	Values []float64
}

// Convergence draws bmtool's plot_optimization_results: the error against
// the iteration on a log axis ("Error Convergence"), then one panel per
// parameter ("Convergence of <name>", "Parameter Value"), stacked. An error of
// exactly zero cannot go on a log axis and is left out of the line (a gap).
func Convergence(d ConvergenceData) (Figure, error) {
	n := len(d.Errors)
	if n == 0 {
		return Figure{}, fmt.Errorf("plot: convergence: no iterations")
	}
	for i, e := range d.Errors {
		if math.IsNaN(e) || math.IsInf(e, 0) || e < 0 {
			return Figure{}, fmt.Errorf("plot: convergence: Errors[%d] = %v is not a finite error ≥ 0", i, e)
		}
	}
	for _, p := range d.Params {
		if len(p.Values) != n {
			return Figure{}, fmt.Errorf("plot: convergence: parameter %q has %d values for %d iterations", p.Name, len(p.Values), n)
		}
		if err := checkFinite(p.Name, p.Values); err != nil {
			return Figure{}, fmt.Errorf("plot: convergence: %w", err)
		}
	}
	iter := make([]float64, n)
	errs := make([]float64, n)
	for i, e := range d.Errors {
		iter[i] = float64(i)
		errs[i] = e
		if e == 0 {
			errs[i] = math.NaN() // written as null: a gap on the log axis
		}
	}

	panels := 1 + len(d.Params)
	const width = 800
	height := 100 + 300*panels
	boxes := panelBoxes(panels, 1, width, height, false)
	titles := []string{"Error Convergence"}
	line := charts.NewLine()
	line.SetGlobalOptions(commonOptions("", "optimizer-convergence", panels)...)
	line.SetGlobalOptions(
		gridOptions(boxes),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "30px", Left: "80px"}),
		charts.WithDataZoomOpts(opts.DataZoom{Type: "inside", XAxisIndex: indices(panels), FilterMode: "none"}),
	)
	for i := range panels {
		x := xAxis(i, "Iteration", "value")
		x.Scale = nil
		x.Min, x.Max = num(0), num(max(n-1, 1))
		y := yAxis(i, "Parameter Value", "value")
		if i == 0 {
			y = yAxis(0, "Error", "log")
			y.Scale = nil
			line.SetGlobalOptions(charts.WithXAxisOpts(x), charts.WithYAxisOpts(y))
		} else {
			line.ExtendXAxis(x)
			line.ExtendYAxis(y)
		}
	}
	add := func(name string, panel int, v []float64) {
		line.AddSeries(name, nil,
			charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(n <= 50), XAxisIndex: panel, YAxisIndex: panel}),
			charts.WithSeriesOpts(func(s *charts.SingleSeries) { s.Data = pairs(iter, v) }),
		)
	}
	add("Error", 0, errs)
	for i, p := range d.Params {
		titles = append(titles, "Convergence of "+p.Name)
		add(p.Name, i+1, p.Values)
	}
	withPanelTitles(&line.BaseConfiguration, "", boxes, titles)
	return finish(line, width, height)
}
