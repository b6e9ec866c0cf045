package plot

import (
	"fmt"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// FrequencyData are the short-term plasticity metrics at each input
// frequency, as bmtool's stp_frequency_response returns them. All slices
// have one value per frequency.
type FrequencyData struct {
	// Frequencies are the input frequencies in Hz.
	Frequencies []float64
	// PPR is the normalised paired-pulse ratio (dimensionless).
	PPR []float64
	// SimplePPR is the simple paired-pulse ratio, second over first
	// response (dimensionless).
	SimplePPR []float64
	// Induction and Recovery are bmtool's STP induction and recovery
	// (dimensionless).
	Induction []float64
	Recovery  []float64
}

// FrequencyResponse draws bmtool's frequency analysis: three panels side by
// side with the PPR (normalised and simple), the induction and the recovery
// against the frequency in Hz, each with a dashed reference line (at 1 for
// the PPR, at 0 for the others). logFrequency selects a log frequency axis,
// which needs positive frequencies.
func FrequencyResponse(d FrequencyData, logFrequency bool) (Figure, error) {
	n := len(d.Frequencies)
	if n == 0 {
		return Figure{}, fmt.Errorf("plot: frequency response: no frequencies")
	}
	for _, s := range []struct {
		name string
		v    []float64
	}{{"Frequencies", d.Frequencies}, {"PPR", d.PPR}, {"SimplePPR", d.SimplePPR}, {"Induction", d.Induction}, {"Recovery", d.Recovery}} {
		if len(s.v) != n {
			return Figure{}, fmt.Errorf("plot: frequency response: %s has %d values for %d frequencies", s.name, len(s.v), n)
		}
		if err := checkFinite(s.name, s.v); err != nil {
			return Figure{}, fmt.Errorf("plot: frequency response: %w", err)
		}
	}
	axisType := "value"
	if logFrequency {
		axisType = "log"
		for i, f := range d.Frequencies {
			if f <= 0 {
				return Figure{}, fmt.Errorf("plot: frequency response: Frequencies[%d] = %v Hz cannot go on a log axis", i, f)
			}
		}
	}

	const width, height = 1200, 420
	boxes := panelBoxes(3, 3, width, height, false)
	line := charts.NewLine()
	line.SetGlobalOptions(commonOptions("", "frequency-response", 3)...)
	line.SetGlobalOptions(
		gridOptions(boxes),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "30px", Left: "80px"}),
	)
	withPanelTitles(&line.BaseConfiguration, "", boxes, []string{"PPR vs Frequency", "Induction vs Frequency", "Recovery vs Frequency"})
	yNames := []string{"Paired Pulse Ratio", "Induction", "Recovery"}
	for i, name := range yNames {
		x, y := xAxis(i, "Frequency (Hz)", axisType), yAxis(i, name, "value")
		if i == 0 {
			line.SetGlobalOptions(charts.WithXAxisOpts(x), charts.WithYAxisOpts(y))
		} else {
			line.ExtendXAxis(x)
			line.ExtendYAxis(y)
		}
	}
	add := func(name string, panel int, v []float64, symbol string, ref float64, withRef bool) {
		so := []charts.SeriesOpts{
			charts.WithLineChartOpts(opts.LineChart{Symbol: symbol, SymbolSize: 7, ShowSymbol: opts.Bool(true), XAxisIndex: panel, YAxisIndex: panel}),
			charts.WithSeriesOpts(func(s *charts.SingleSeries) { s.Data = pairs(d.Frequencies, v) }),
		}
		if withRef {
			so = append(so, referenceLine(ref))
		}
		line.AddSeries(name, nil, so...)
	}
	add("Normalized PPR", 0, d.PPR, "circle", 1, true)
	add("Simple PPR", 0, d.SimplePPR, "rect", 0, false)
	add("Induction", 1, d.Induction, "circle", 0, true)
	add("Recovery", 2, d.Recovery, "circle", 0, true)
	return finish(line, width, height)
}

// referenceLine draws a dashed grey horizontal line at y on the series' panel.
func referenceLine(y float64) charts.SeriesOpts {
	return func(s *charts.SingleSeries) {
		charts.WithMarkLineNameYAxisItemOpts(opts.MarkLineNameYAxisItem{Name: fmt.Sprintf("y = %g", y), YAxis: num(y)})(s)
		charts.WithMarkLineStyleOpts(opts.MarkLineStyle{
			Symbol:    []string{"none", "none"},
			LineStyle: &opts.LineStyle{Color: "gray", Type: "dashed", Opacity: opts.Float(0.5)},
			Label:     &opts.Label{Show: opts.Bool(false)},
		})(s)
	}
}
