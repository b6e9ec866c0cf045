package plot

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// titles returns the texts of the option's titles after the first (the
// figure's own), one per panel.
func panelTitleTexts(t *testing.T, o map[string]any) []any {
	t.Helper()
	return field(list(t, o, "title")[1:], "text")
}

// markLineY returns the y of each horizontal mark line of a series.
func markLineY(s map[string]any) []any {
	ml, _ := s["markLine"].(map[string]any)
	raw, _ := ml["data"].([]any)
	var out []any
	for _, d := range raw {
		out = append(out, d.(map[string]any)["yAxis"])
	}
	return out
}

func frequencyData() FrequencyData {
	return FrequencyData{
		Frequencies: []float64{1, 5, 10, 20, 50, 100},
		PPR:         []float64{1.0, 1.05, 1.1, 1.2, 1.3, 1.25},
		SimplePPR:   []float64{1.0, 1.02, 1.08, 1.15, 1.2, 1.1},
		Induction:   []float64{0, 0.05, 0.1, 0.2, 0.3, 0.2},
		Recovery:    []float64{0, -0.01, -0.02, -0.05, -0.1, -0.2},
	}
}

func TestFrequencyResponsePanels(t *testing.T) {
	for _, log := range []bool{false, true} {
		f, err := FrequencyResponse(frequencyData(), log)
		if err != nil {
			t.Fatal(err)
		}
		o := option(t, f)
		if diff := cmp.Diff([]any{"PPR vs Frequency", "Induction vs Frequency", "Recovery vs Frequency"}, panelTitleTexts(t, o)); diff != "" {
			t.Errorf("panel titles (-want +got):\n%s", diff)
		}
		xs := list(t, o, "xAxis")
		if diff := cmp.Diff([]any{"Frequency (Hz)", "Frequency (Hz)", "Frequency (Hz)"}, field(xs, "name")); diff != "" {
			t.Errorf("x axis names (-want +got):\n%s", diff)
		}
		wantType := "value"
		if log {
			wantType = "log"
		}
		if diff := cmp.Diff([]any{wantType, wantType, wantType}, field(xs, "type")); diff != "" {
			t.Errorf("log=%v: x axis types (-want +got):\n%s", log, diff)
		}
		if diff := cmp.Diff([]any{"Paired Pulse Ratio", "Induction", "Recovery"}, field(list(t, o, "yAxis"), "name")); diff != "" {
			t.Errorf("y axis names (-want +got):\n%s", diff)
		}
		series := list(t, o, "series")
		if diff := cmp.Diff([]any{"Normalized PPR", "Simple PPR", "Induction", "Recovery"}, field(series, "name")); diff != "" {
			t.Errorf("series (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]any{"circle", "rect", "circle", "circle"}, field(series, "symbol")); diff != "" {
			t.Errorf("markers (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]any{nil, nil, 1.0, 2.0}, field(series, "yAxisIndex")); diff != "" {
			t.Errorf("series panels (-want +got):\n%s", diff)
		}
		// Reference lines: 1 for the PPR, 0 for induction and recovery.
		refs := [][]any{markLineY(series[0]), markLineY(series[1]), markLineY(series[2]), markLineY(series[3])}
		if diff := cmp.Diff([][]any{{1.0}, nil, {0.0}, {0.0}}, refs); diff != "" {
			t.Errorf("reference lines (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([][2]float64{{1, 1}, {5, 1.05}, {10, 1.1}, {20, 1.2}, {50, 1.3}, {100, 1.25}}, points(t, series[0])); diff != "" {
			t.Errorf("PPR points (-want +got):\n%s", diff)
		}
		checkToolbox(t, o)
	}
}

func TestFrequencyResponseErrors(t *testing.T) {
	d := frequencyData()
	d.Recovery = d.Recovery[:2]
	if _, err := FrequencyResponse(d, false); err == nil || !strings.Contains(err.Error(), "Recovery has 2 values for 6 frequencies") {
		t.Errorf("short recovery: %v", err)
	}
	d = frequencyData()
	d.Frequencies[0] = 0
	if _, err := FrequencyResponse(d, false); err != nil {
		t.Errorf("0 Hz on a linear axis: %v", err)
	}
	if _, err := FrequencyResponse(d, true); err == nil || !strings.Contains(err.Error(), "Frequencies[0] = 0 Hz cannot go on a log axis") {
		t.Errorf("0 Hz on a log axis: %v", err)
	}
	if _, err := FrequencyResponse(FrequencyData{}, false); err == nil {
		t.Error("no frequencies: no error")
	}
}

func TestConvergencePanels(t *testing.T) {
	d := ConvergenceData{
		Errors: []float64{10, 3, 1, 0.2, 0},
		Params: []ParamPath{{"Use", []float64{0.5, 0.4, 0.35, 0.3, 0.3}}, {"tau_f", []float64{10, 20, 30, 35, 36}}},
	}
	f, err := Convergence(d)
	if err != nil {
		t.Fatal(err)
	}
	o := option(t, f)
	if diff := cmp.Diff([]any{"Error Convergence", "Convergence of Use", "Convergence of tau_f"}, panelTitleTexts(t, o)); diff != "" {
		t.Errorf("panel titles (-want +got):\n%s", diff)
	}
	ys := list(t, o, "yAxis")
	if diff := cmp.Diff([]any{"Error", "Parameter Value", "Parameter Value"}, field(ys, "name")); diff != "" {
		t.Errorf("y axis names (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]any{"log", "value", "value"}, field(ys, "type")); diff != "" {
		t.Errorf("y axis types (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]any{"Iteration", "Iteration", "Iteration"}, field(list(t, o, "xAxis"), "name")); diff != "" {
		t.Errorf("x axis names (-want +got):\n%s", diff)
	}
	series := list(t, o, "series")
	if diff := cmp.Diff([]any{"Error", "Use", "tau_f"}, field(series, "name")); diff != "" {
		t.Errorf("series (-want +got):\n%s", diff)
	}
	// A zero error cannot sit on the log axis: it is a gap (null).
	raw := series[0]["data"].([]any)
	if diff := cmp.Diff([]any{4.0, nil}, raw[4]); diff != "" {
		t.Errorf("zero error point (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([][2]float64{{0, 10}, {1, 20}, {2, 30}, {3, 35}, {4, 36}}, points(t, series[2])); diff != "" {
		t.Errorf("tau_f path (-want +got):\n%s", diff)
	}
	checkToolbox(t, o)

	for _, bad := range []ConvergenceData{
		{},
		{Errors: []float64{1, -1}},
		{Errors: []float64{1, 2}, Params: []ParamPath{{"Use", []float64{1}}}},
	} {
		if _, err := Convergence(bad); err == nil {
			t.Errorf("Convergence(%+v): no error", bad)
		}
	}
}

func TestSynapticTablePanels(t *testing.T) {
	rows := []TableRow{
		{Connection: "PN2FSI", RiseTime: 0.5, DecayTime: 3, PPR: 0.8, SimplePPR: 0.85, Induction: -0.2, Recovery: 0.05},
		{Connection: "FSI2PN", RiseTime: 1, DecayTime: 9, PPR: 1.2, SimplePPR: 1.1, Induction: 0.1, Recovery: -0.02},
	}
	f, err := SynapticTable(rows, 50)
	if err != nil {
		t.Fatal(err)
	}
	o := option(t, f)
	if got := list(t, o, "title")[0]["text"]; got != "Synaptic Parameters Across Connections (STP at 50.0Hz)" {
		t.Errorf("title %q", got)
	}
	if diff := cmp.Diff([]any{"Rise and Decay Times", "Paired-Pulse Ratios", "STP Induction", "STP Recovery"}, panelTitleTexts(t, o)); diff != "" {
		t.Errorf("panel titles (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]any{"Time (ms)", nil, "Induction", "Recovery"}, field(list(t, o, "yAxis"), "name")); diff != "" {
		t.Errorf("y axis names (-want +got):\n%s", diff)
	}
	for i, x := range list(t, o, "xAxis") {
		if diff := cmp.Diff([]any{"PN2FSI", "FSI2PN"}, x["data"]); diff != "" || x["type"] != "category" {
			t.Errorf("x axis %d (%v) categories (-want +got):\n%s", i, x["type"], diff)
		}
	}
	series := list(t, o, "series")
	if diff := cmp.Diff([]any{"rise_time", "decay_time", "ppr", "simple_ppr", "induction", "recovery"}, field(series, "name")); diff != "" {
		t.Errorf("series (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]any{nil, nil, 1.0, 1.0, 2.0, 3.0}, field(series, "xAxisIndex")); diff != "" {
		t.Errorf("series panels (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]any{3.0, 9.0}, series[1]["data"]); diff != "" {
		t.Errorf("decay times (-want +got):\n%s", diff)
	}
	var colors []any
	for _, s := range series[4:] {
		colors = append(colors, s["itemStyle"].(map[string]any)["color"])
	}
	if diff := cmp.Diff([]any{"green", "orange"}, colors); diff != "" {
		t.Errorf("colours (-want +got):\n%s", diff)
	}
	refs := [][]any{markLineY(series[2]), markLineY(series[4]), markLineY(series[5])}
	if diff := cmp.Diff([][]any{{1.0}, {0.0}, {0.0}}, refs); diff != "" {
		t.Errorf("reference lines (-want +got):\n%s", diff)
	}
	if _, err := SynapticTable(nil, 50); err == nil {
		t.Error("no rows: no error")
	}
}

func TestPyFloat(t *testing.T) {
	for x, want := range map[float64]string{50: "50.0", 12.5: "12.5", 0.1: "0.1", 100: "100.0"} {
		if got := pyFloat(x); got != want {
			t.Errorf("pyFloat(%v) = %q, want %q", x, got, want)
		}
	}
}
