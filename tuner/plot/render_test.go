package plot

import (
	"strings"
	"testing"

	"github.com/synaptune/synaptune/internal/nodetest"
)

// renderSVG draws figures with the real echarts library in node (echarts'
// server-side SVG renderer, no browser) and returns the SVG of each.
func renderSVG(t *testing.T, figs ...Figure) []string {
	t.Helper()
	realLibrary(t)
	path, err := EChartsPath("")
	if err != nil {
		t.Fatal(err)
	}
	var in []map[string]any
	for _, f := range figs {
		in = append(in, map[string]any{"option": f.Option, "width": f.Width, "height": f.Height})
	}
	var res []struct{ SVG, Error string }
	nodetest.Run(t, "the figures through echarts", in, &res, "testdata/ssr.js", path)
	svgs := make([]string, len(res))
	for i, r := range res {
		if r.Error != "" {
			t.Errorf("figure %d: echarts: %s", i, r.Error)
		}
		svgs[i] = r.SVG
	}
	return svgs
}

// TestFiguresRenderWithECharts hands every figure to echarts 5.4.3 itself
// and checks that it draws the labels, titles and lines.
func TestFiguresRenderWithECharts(t *testing.T) {
	tt, cur, peaks := synthTrain(1)
	train, err := Train(Traces{Connection: "FSI2PN", T: tt, SynI: cur, SomaV: flat(len(tt), -70)}, TrainWindow(100, 20, 970), peaks)
	if err != nil {
		t.Fatal(err)
	}
	single, err := SingleEvent(event(true, Recorded{Name: "facil", Values: flat(17000, 1)}), SingleEventWindow(100, 300))
	if err != nil {
		t.Fatal(err)
	}
	freq, err := FrequencyResponse(frequencyData(), true)
	if err != nil {
		t.Fatal(err)
	}
	conv, err := Convergence(ConvergenceData{Errors: []float64{10, 1, 0.1}, Params: []ParamPath{{"Use", []float64{0.5, 0.4, 0.3}}}})
	if err != nil {
		t.Fatal(err)
	}
	table, err := SynapticTable([]TableRow{{Connection: "PN2FSI", RiseTime: 1, DecayTime: 4, PPR: 1.1, SimplePPR: 1, Induction: 0.2, Recovery: 0.1}}, 50)
	if err != nil {
		t.Fatal(err)
	}
	figs := []Figure{single, train, freq, conv, table}
	want := [][]string{
		{"Connection: PN2FSI", "Synaptic Current (pA)", "VClamp Current (pA)", "Facil", "Time (ms)"},
		{"Connection: FSI2PN", "Synaptic Current (pA)", "Soma Voltage (mV)", ">12<", ">1<"},
		{"PPR vs Frequency", "Paired Pulse Ratio", "Frequency (Hz)", "Normalized PPR", "Simple PPR", "Recovery vs Frequency"},
		{"Error Convergence", "Convergence of Use", "Parameter Value", "Iteration"},
		{"Synaptic Parameters Across Connections (STP at 50.0Hz)", "Rise and Decay Times", "STP Recovery", "PN2FSI"},
	}
	for i, svg := range renderSVG(t, figs...) {
		if !strings.HasPrefix(svg, "<svg") || !strings.Contains(svg, "<path") {
			t.Errorf("figure %d: no drawing: %.200s", i, svg)
			continue
		}
		for _, w := range want[i] {
			if !strings.Contains(svg, w) {
				t.Errorf("figure %d: the drawing lacks %q", i, w)
			}
		}
	}
}
