package plot

import (
	"fmt"
	"math"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// TableRow is one connection's row of bmtool's generate_synaptic_table.
type TableRow struct {
	Connection string
	// RiseTime and DecayTime are in ms.
	RiseTime, DecayTime float64
	// PPR, SimplePPR, Induction and Recovery are dimensionless.
	PPR, SimplePPR, Induction, Recovery float64
}

// SynapticTable draws bmtool's synaptic-table bar charts, one bar group per
// connection: "Rise and Decay Times" (ms), "Paired-Pulse Ratios" with a
// reference line at 1, "STP Induction" and "STP Recovery" with reference
// lines at 0. stpFrequency (Hz) goes into the title as bmtool writes it. A
// NaN value (a metric that could not be computed) leaves its bar out.
func SynapticTable(rows []TableRow, stpFrequency float64) (Figure, error) {
	if len(rows) == 0 {
		return Figure{}, fmt.Errorf("plot: synaptic table: no connections")
	}
	names := make([]string, len(rows))
	col := func(get func(TableRow) float64) []num {
		v := make([]num, len(rows))
		for i, r := range rows {
			v[i] = num(get(r))
		}
		return v
	}
	for i, r := range rows {
		names[i] = r.Connection
		for _, x := range []float64{r.RiseTime, r.DecayTime, r.PPR, r.SimplePPR, r.Induction, r.Recovery} {
			if math.IsInf(x, 0) {
				return Figure{}, fmt.Errorf("plot: synaptic table: row %d (%s) has an infinite value", i, r.Connection)
			}
		}
	}

	const width, height = 1200, 820
	boxes := panelBoxes(4, 2, width, height, false)
	title := fmt.Sprintf("Synaptic Parameters Across Connections (STP at %sHz)", pyFloat(stpFrequency))
	bar := charts.NewBar()
	bar.SetGlobalOptions(commonOptions(title, "synaptic-table", 4)...)
	bar.SetGlobalOptions(
		gridOptions(boxes),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis", AxisPointer: &opts.AxisPointer{Type: "shadow"}}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "30px", Left: "80px"}),
	)
	bar.SetXAxis(names)
	withPanelTitles(&bar.BaseConfiguration, title, boxes, []string{"Rise and Decay Times", "Paired-Pulse Ratios", "STP Induction", "STP Recovery"})
	yNames := []string{"Time (ms)", "", "Induction", "Recovery"}
	for i, name := range yNames {
		x := opts.XAxis{Type: "category", Data: names, GridIndex: i, AxisLabel: &opts.AxisLabel{Rotate: 45, Interval: "0"}}
		y := yAxis(i, name, "value")
		y.Scale = nil
		if i == 0 {
			bar.SetGlobalOptions(charts.WithXAxisOpts(x), charts.WithYAxisOpts(y))
		} else {
			bar.ExtendXAxis(x)
			bar.ExtendYAxis(y)
		}
	}
	add := func(name string, panel int, v []num, color string, ref float64, withRef bool) {
		so := []charts.SeriesOpts{
			charts.WithSeriesOpts(func(s *charts.SingleSeries) {
				s.XAxisIndex, s.YAxisIndex = panel, panel
				s.Data = v
			}),
		}
		if color != "" {
			so = append(so, charts.WithItemStyleOpts(opts.ItemStyle{Color: color}))
		}
		if withRef {
			so = append(so, referenceLine(ref))
		}
		bar.AddSeries(name, nil, so...)
	}
	add("rise_time", 0, col(func(r TableRow) float64 { return r.RiseTime }), "", 0, false)
	add("decay_time", 0, col(func(r TableRow) float64 { return r.DecayTime }), "", 0, false)
	add("ppr", 1, col(func(r TableRow) float64 { return r.PPR }), "", 1, true)
	add("simple_ppr", 1, col(func(r TableRow) float64 { return r.SimplePPR }), "", 0, false)
	add("induction", 2, col(func(r TableRow) float64 { return r.Induction }), "green", 0, true)
	add("recovery", 3, col(func(r TableRow) float64 { return r.Recovery }), "orange", 0, true)
	return finish(bar, width, height)
}

// pyFloat formats x as Python's str(float) does for ordinary values: the
// shortest form that reads back exactly, with ".0" on whole numbers.
func pyFloat(x float64) string {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if x == math.Trunc(x) && !math.IsInf(x, 0) && math.Abs(x) < 1e16 {
		s += ".0"
	}
	return s
}
