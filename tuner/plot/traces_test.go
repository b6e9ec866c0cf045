package plot

import (
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// event returns traces of a single event: 425 ms at dt = 0.025 ms with the
// synaptic input at 100 ms.
func event(vclamp bool, extra ...Recorded) Traces {
	const n, dt = 17000, 0.025
	tr := Traces{Connection: "PN2FSI", T: make([]float64, n), SynI: make([]float64, n), Extra: extra}
	second := make([]float64, n)
	for i := range tr.T {
		tr.T[i] = float64(i) * dt
		if s := tr.T[i] - 100; s >= 0 {
			tr.SynI[i] = -80 * (math.Exp(-s/5) - math.Exp(-s/0.4))
		}
		second[i] = -70 + tr.SynI[i]/100
	}
	if vclamp {
		tr.ClampI = second
	} else {
		tr.SomaV = second
	}
	return tr
}

func flat(n int, v float64) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = v
	}
	return out
}

func TestSingleEventPanels(t *testing.T) {
	extra := []Recorded{{Name: "u", Values: flat(17000, 0.3)}, {Name: "tau_F", Unit: "ms", Values: flat(17000, 40)}}
	for _, tc := range []struct {
		name   string
		tr     Traces
		yNames []any
		xNames []any
	}{
		{"current clamp", event(false), []any{"Synaptic Current (pA)", "Soma Voltage (mV)"}, []any{"Time (ms)", "Time (ms)"}},
		{"voltage clamp", event(true), []any{"Synaptic Current (pA)", "VClamp Current (pA)"}, []any{"Time (ms)", "Time (ms)"}},
		// bmtool labels the last two panels' x axes (the top-right one too
		// when the count is odd) and capitalises the variable names.
		{"three panels", event(false, extra[0]), []any{"Synaptic Current (pA)", "Soma Voltage (mV)", "U"}, []any{nil, "Time (ms)", "Time (ms)"}},
		{"four panels", event(true, extra...), []any{"Synaptic Current (pA)", "VClamp Current (pA)", "U", "Tau_f (ms)"}, []any{nil, nil, "Time (ms)", "Time (ms)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := SingleEvent(tc.tr, SingleEventWindow(100, 300))
			if err != nil {
				t.Fatal(err)
			}
			o := option(t, f)
			n := len(tc.yNames)
			if diff := cmp.Diff(tc.yNames, field(list(t, o, "yAxis"), "name")); diff != "" {
				t.Errorf("y axis names (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.xNames, field(list(t, o, "xAxis"), "name")); diff != "" {
				t.Errorf("x axis names (-want +got):\n%s", diff)
			}
			if got := len(list(t, o, "grid")); got != n {
				t.Errorf("%d grids, want %d", got, n)
			}
			for i, x := range list(t, o, "xAxis") {
				// The window is tstart − 5 to tstart + tdur.
				if x["min"] != 95.0 || x["max"] != 400.0 {
					t.Errorf("x axis %d spans [%v, %v], want [95, 400]", i, x["min"], x["max"])
				}
				if gi, _ := x["gridIndex"].(float64); int(gi) != i {
					t.Errorf("x axis %d on grid %v", i, x["gridIndex"])
				}
			}
			series := list(t, o, "series")
			if diff := cmp.Diff(tc.yNames, field(series, "name")); diff != "" {
				t.Errorf("series (-want +got):\n%s", diff)
			}
			for i, s := range series {
				xi, _ := s["xAxisIndex"].(float64)
				yi, _ := s["yAxisIndex"].(float64)
				if int(xi) != i || int(yi) != i {
					t.Errorf("series %d on axes %v/%v", i, s["xAxisIndex"], s["yAxisIndex"])
				}
				pts := points(t, s)
				if len(pts) > MaxDisplayPoints {
					t.Errorf("series %d sends %d points", i, len(pts))
				}
				if pts[0][0] != 94.975 || pts[len(pts)-1][0] != 400.025 {
					t.Errorf("series %d spans [%v, %v] ms, want the window [95, 400] and one sample more", i, pts[0][0], pts[len(pts)-1][0])
				}
			}
			title := list(t, map[string]any{"t": []any{o["title"]}}, "t")[0]
			if title["text"] != "Connection: PN2FSI" {
				t.Errorf("title %v", title["text"])
			}
			checkInteractive(t, o, n)
		})
	}
}

// checkInteractive checks the tooltip, the zoom linked over all n panels and
// the toolbox's save-as-image.
func checkInteractive(t *testing.T, o map[string]any, n int) {
	t.Helper()
	if tt, _ := o["tooltip"].(map[string]any); tt["trigger"] != "axis" {
		t.Errorf("tooltip %v", o["tooltip"])
	}
	all := make([]any, n)
	for i := range all {
		all[i] = float64(i)
	}
	zooms := list(t, o, "dataZoom")
	if diff := cmp.Diff([]any{"inside", "slider"}, field(zooms, "type")); diff != "" {
		t.Errorf("data zoom (-want +got):\n%s", diff)
	}
	for _, z := range zooms {
		if diff := cmp.Diff(all, z["xAxisIndex"]); diff != "" {
			t.Errorf("zoom %v axes (-want +got):\n%s", z["type"], diff)
		}
	}
	checkToolbox(t, o)
}

func checkToolbox(t *testing.T, o map[string]any) {
	t.Helper()
	tb, _ := o["toolbox"].(map[string]any)
	feat, _ := tb["feature"].(map[string]any)
	save, _ := feat["saveAsImage"].(map[string]any)
	if save["show"] != true || save["type"] != "png" {
		t.Errorf("toolbox %v has no save-as-image", tb)
	}
}

func TestTrainNumbersEveryPeak(t *testing.T) {
	tt, cur, peaks := synthTrain(1)
	tr := Traces{Connection: "FSI2PN", T: tt, SynI: cur, SomaV: flat(len(tt), -70)}
	f, err := Train(tr, TrainWindow(100, 20, 970), peaks)
	if err != nil {
		t.Fatal(err)
	}
	o := option(t, f)
	series := list(t, o, "series")
	syn := series[0]
	mp, _ := syn["markPoint"].(map[string]any)
	raw, _ := mp["data"].([]any)
	if len(raw) != len(peaks) {
		t.Fatalf("%d peak markers, want %d", len(raw), len(peaks))
	}
	pts := points(t, syn)
	if len(pts) > MaxDisplayPoints {
		t.Errorf("synaptic current sends %d points, want ≤ %d", len(pts), MaxDisplayPoints)
	}
	t.Logf("38,800 samples → %d points on the synaptic-current panel, option %d bytes", len(pts), len(f.Option))
	sent := map[[2]float64]bool{}
	for _, p := range pts {
		sent[p] = true
	}
	for k, p := range peaks {
		m, _ := raw[k].(map[string]any)
		want := []any{shown(tt[p]), shown(cur[p])}
		if diff := cmp.Diff(want, m["coord"]); diff != "" {
			t.Errorf("marker %d: coord (-want +got):\n%s", k+1, diff)
		}
		if !sent[[2]float64{shown(tt[p]), shown(cur[p])}] {
			t.Errorf("peak %d (%v ms, %v pA) is not on the drawn line", k+1, tt[p], cur[p])
		}
	}
	var labels []any
	for _, r := range raw {
		labels = append(labels, r.(map[string]any)["value"])
	}
	if diff := cmp.Diff([]any{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"}, labels); diff != "" {
		t.Errorf("marker labels (-want +got):\n%s", diff)
	}
	if x := list(t, o, "xAxis")[0]; shown(x["min"].(float64)) != shown(100-20.0/3) || x["max"] != 970.0 {
		t.Errorf("window [%v, %v], want [tstart − interval/3, tstop]", x["min"], x["max"])
	}
}

func TestTrainMarksOnlyPeaksInTheWindow(t *testing.T) {
	tt, cur, peaks := synthTrain(1)
	tr := Traces{T: tt, SynI: cur, ClampI: flat(len(tt), 0)}
	// From 150 ms on: the first three of the 50 Hz pulses (100, 120, 140 ms) are out.
	f, err := Train(tr, Window{From: 150, To: 970}, peaks)
	if err != nil {
		t.Fatal(err)
	}
	mp, _ := list(t, option(t, f), "series")[0]["markPoint"].(map[string]any)
	raw, _ := mp["data"].([]any)
	var labels []any
	for _, r := range raw {
		labels = append(labels, r.(map[string]any)["value"])
	}
	if diff := cmp.Diff([]any{"4", "5", "6", "7", "8", "9", "10", "11", "12"}, labels); diff != "" {
		t.Errorf("marker labels (-want +got):\n%s", diff)
	}
}

func TestTracesErrors(t *testing.T) {
	good := event(false)
	bad := func(change func(*Traces)) Traces {
		tr := event(false)
		change(&tr)
		return tr
	}
	for _, tc := range []struct {
		name  string
		tr    Traces
		w     Window
		peaks []int
		want  string
	}{
		{"no time", Traces{}, Window{0, 1}, nil, "no time points"},
		{"both second panels", bad(func(tr *Traces) { tr.ClampI = tr.SomaV }), Window{0, 1}, nil, "both ClampI and SomaV"},
		{"no second panel", bad(func(tr *Traces) { tr.SomaV = nil }), Window{0, 1}, nil, "neither ClampI nor SomaV"},
		{"short current", bad(func(tr *Traces) { tr.SynI = tr.SynI[1:] }), Window{0, 1}, nil, "Synaptic Current (pA) has 16999 values for 17000"},
		{"short extra", bad(func(tr *Traces) { tr.Extra = []Recorded{{Name: "u", Values: []float64{1}}} }), Window{0, 1}, nil, "U has 1 values"},
		{"NaN", bad(func(tr *Traces) { tr.SomaV[7] = math.NaN() }), Window{0, 1}, nil, "Soma Voltage (mV)[7] is NaN"},
		{"time goes back", bad(func(tr *Traces) { tr.T[3] = 0 }), Window{0, 1}, nil, "not increasing at T[3]"},
		{"empty window", good, Window{5, 5}, nil, "empty window"},
		{"peak outside", good, Window{0, 1}, []int{3, 17000}, "peak 2 is sample 17000 of 17000"},
	} {
		_, err := Train(tc.tr, tc.w, tc.peaks)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want it to mention %q", tc.name, err, tc.want)
		}
	}
}

func TestCapitalize(t *testing.T) {
	for in, want := range map[string]string{"": "", "u": "U", "tau_F": "Tau_f", "Use": "Use", "ÉTAT": "État"} {
		if got := capitalize(in); got != want {
			t.Errorf("capitalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func BenchmarkTrainFigure(b *testing.B) {
	tt, cur, peaks := synthTrain(1)
	tr := Traces{T: tt, SynI: cur, SomaV: flat(len(tt), -70)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Train(tr, TrainWindow(100, 20, 970), peaks); err != nil {
			b.Fatal(err)
		}
	}
}
