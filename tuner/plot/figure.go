package plot

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Figure is one chart ready to show: the echarts option that draws it and the
// size it asks for.
type Figure struct {
	// Option is the echarts option object as JSON. The characters <, > and &
	// are escaped, so the text can sit inside a <script> element as it is.
	Option json.RawMessage
	// Width and Height are the figure's size in CSS pixels. The width is a
	// maximum: the figure shrinks with a narrower container.
	Width, Height int
}

// num is a float64 written to JSON with 7 significant digits (enough for a
// screen, and about half the bytes of the shortest exact form); NaN and
// infinities are written as null, which echarts draws as a gap.
type num float64

// MarshalJSON implements json.Marshaler.
func (x num) MarshalJSON() ([]byte, error) {
	f := float64(x)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, f, 'g', 7, 64), nil
}

// pairs returns the points (x[i], y[i]) as echarts [x, y] data.
func pairs(x, y []float64) [][2]num {
	out := make([][2]num, len(x))
	for i := range x {
		out[i] = [2]num{num(x[i]), num(y[i])}
	}
	return out
}

// nums converts values to echarts data.
func nums(v []float64) []num {
	out := make([]num, len(v))
	for i, x := range v {
		out[i] = num(x)
	}
	return out
}

// box is a panel's place in a figure, in pixels of a figure fw pixels
// wide. Horizontal positions are given to echarts as percentages of the
// figure's width, so that a figure shown in a narrower container (a
// notebook's output area) shrinks instead of being clipped.
type box struct{ left, top, width, height, fw int }

// grid returns the echarts grid that fills the box.
func (b box) grid() opts.Grid {
	return opts.Grid{Left: pct(b.left, b.fw), Top: px(b.top), Width: pct(b.width, b.fw), Height: px(b.height)}
}

// pct expresses v pixels as a percentage of total pixels.
func pct(v, total int) string {
	if total <= 0 {
		return px(v)
	}
	return strconv.FormatFloat(100*float64(v)/float64(total), 'f', 2, 64) + "%"
}

// panelBoxes lays out n panels, cols to a row, in a figure of the given size,
// in row-major order. Room is left at the top for the title, legend, toolbox
// and panel titles, at the bottom for a zoom slider when withSlider is set,
// and around each panel for its axis names and ticks.
func panelBoxes(n, cols, width, height int, withSlider bool) []box {
	const top, left, right, gapX, gapY = 95, 80, 30, 90, 70
	bottom := 55
	if withSlider {
		bottom = 90
	}
	rows := (n + cols - 1) / cols
	w := (width - left - right - gapX*(cols-1)) / cols
	h := (height - top - bottom - gapY*(rows-1)) / rows
	boxes := make([]box, n)
	for i := range boxes {
		r, c := i/cols, i%cols
		boxes[i] = box{left: left + c*(w+gapX), top: top + r*(h+gapY), width: w, height: h, fw: width}
	}
	return boxes
}

// gridOptions places one grid in each box.
func gridOptions(boxes []box) charts.GlobalOpts {
	grids := make([]opts.Grid, len(boxes))
	for i, b := range boxes {
		grids[i] = b.grid()
	}
	return charts.WithGridOpts(grids...)
}

func px(v int) string { return strconv.Itoa(v) + "px" }

// xAxis returns a value (or log) x axis named name, on grid g.
func xAxis(g int, name string, axisType string) opts.XAxis {
	return opts.XAxis{
		Type:         axisType,
		Name:         name,
		NameLocation: "middle",
		NameGap:      28,
		GridIndex:    g,
		Scale:        opts.Bool(true),
		SplitLine:    &opts.SplitLine{Show: opts.Bool(true)},
	}
}

// yAxis returns a value (or log) y axis named name, on grid g.
func yAxis(g int, name string, axisType string) opts.YAxis {
	return opts.YAxis{
		Type:         axisType,
		Name:         name,
		NameLocation: "middle",
		NameGap:      55,
		GridIndex:    g,
		Scale:        opts.Bool(true),
		SplitLine:    &opts.SplitLine{Show: opts.Bool(true)},
	}
}

// indices returns 0, 1, …, n-1.
func indices(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// commonOptions are the options every figure shares: a title, an axis
// tooltip whose pointer is linked across the panels, and a toolbox with
// save-as-image and restore.
func commonOptions(title, imageName string, nAxes int) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithTitleOpts(opts.Title{Title: title, Left: "center"}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithAxisPointerOpts(&opts.AxisPointer{
			Link: []opts.AxisPointerLink{{XAxisIndex: indices(nAxes)}},
		}),
		charts.WithToolboxOpts(opts.Toolbox{
			Show:  opts.Bool(true),
			Right: "20px",
			Feature: &opts.ToolBoxFeature{
				SaveAsImage: &opts.ToolBoxFeatureSaveAsImage{
					Show: opts.Bool(true), Type: "png", Name: imageName, Title: "Save as image",
				},
				Restore: &opts.ToolBoxFeatureRestore{Show: opts.Bool(true), Title: "Restore"},
			},
		}),
		charts.WithAnimation(false),
	}
}

// zoomOptions lets the user zoom the listed x axes together, with the mouse
// wheel inside the panels and with a slider at the bottom.
func zoomOptions(xAxes []int) charts.GlobalOpts {
	return charts.WithDataZoomOpts(
		opts.DataZoom{Type: "inside", XAxisIndex: xAxes, FilterMode: "none"},
		opts.DataZoom{Type: "slider", XAxisIndex: xAxes, FilterMode: "none"},
	)
}

// panelTitles is a go-echarts configuration visitor that replaces the single
// title with the figure title followed by one title per panel, placed above
// each grid.
type panelTitles struct {
	charts.BaseConfigurationVisitor
	main   opts.Title
	panels []opts.Title
}

// Visit implements charts.ConfigurationVisitor.
func (v panelTitles) Visit(chart map[string]any) {
	chart["title"] = append([]opts.Title{v.main}, v.panels...)
}

// withPanelTitles puts title i above box i.
func withPanelTitles(c *charts.BaseConfiguration, main string, boxes []box, titles []string) {
	v := panelTitles{main: opts.Title{Title: main, Left: "center"}}
	for i, t := range titles {
		if t == "" {
			continue
		}
		b := boxes[i]
		v.panels = append(v.panels, opts.Title{
			Title:      t,
			Left:       pct(b.left+b.width/2, b.fw),
			Top:        px(b.top - 28),
			TextAlign:  "center",
			TitleStyle: &opts.TextStyle{FontSize: 14},
		})
	}
	c.Accept(v)
}

// optionChart is what finish needs from a go-echarts chart.
type optionChart interface {
	Validate()
	JSON() map[string]any
}

// finish validates the chart and returns its option as a Figure.
func finish(c optionChart, width, height int) (Figure, error) {
	c.Validate()
	b, err := json.Marshal(c.JSON())
	if err != nil {
		return Figure{}, fmt.Errorf("plot: encoding the echarts option: %w", err)
	}
	return Figure{Option: b, Width: width, Height: height}, nil
}

// checkFinite reports the first value of v that is NaN or infinite.
func checkFinite(what string, v []float64) error {
	for i, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("plot: %s[%d] is %v", what, i, x)
		}
	}
	return nil
}
