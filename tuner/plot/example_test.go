package plot_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/synaptune/synaptune/tuner/plot"
)

// axisNames prints the names of a figure's y axes, one per panel.
func axisNames(f plot.Figure) {
	var o struct {
		YAxis []struct{ Name string } `json:"yAxis"`
	}
	if err := json.Unmarshal(f.Option, &o); err != nil {
		fmt.Println(err)
		return
	}
	for _, y := range o.YAxis {
		fmt.Printf("%q\n", y.Name)
	}
}

func ExampleSingleEvent() {
	const n, dt, tstart = 8000, 0.025, 100.0
	tr := plot.Traces{Connection: "PN2FSI", T: make([]float64, n), SynI: make([]float64, n), SomaV: make([]float64, n)}
	u := make([]float64, n)
	for i := range tr.T {
		tr.T[i] = float64(i) * dt
		if s := tr.T[i] - tstart; s >= 0 {
			tr.SynI[i] = 50 * (math.Exp(-s/5) - math.Exp(-s/0.5))
		}
		tr.SomaV[i] = -70 + tr.SynI[i]/20
		u[i] = 0.4
	}
	tr.Extra = []plot.Recorded{{Name: "u", Values: u}}
	f, err := plot.SingleEvent(tr, plot.SingleEventWindow(tstart, 50))
	if err != nil {
		fmt.Println(err)
		return
	}
	axisNames(f)
	// Output:
	// "Synaptic Current (pA)"
	// "Soma Voltage (mV)"
	// "U"
}

func ExampleTrain() {
	// Two pulses, 20 ms apart, with their peaks at samples 60 and 260.
	n := 400
	tr := plot.Traces{T: make([]float64, n), SynI: make([]float64, n), ClampI: make([]float64, n)}
	for i := range tr.T {
		tr.T[i] = float64(i) * 0.1
		tr.SynI[i] = -math.Abs(math.Sin(float64(i) * math.Pi / 200))
	}
	f, err := plot.Train(tr, plot.TrainWindow(1, 20, 40), []int{100, 300})
	if err != nil {
		fmt.Println(err)
		return
	}
	var o struct {
		Series []struct {
			MarkPoint struct {
				Data []struct {
					Coord []float64
					Value string
				}
			} `json:"markPoint"`
		}
	}
	_ = json.Unmarshal(f.Option, &o)
	for _, m := range o.Series[0].MarkPoint.Data {
		fmt.Println(m.Value, m.Coord)
	}
	// Output:
	// 1 [10 -1]
	// 2 [30 -1]
}

func ExampleFrequencyResponse() {
	f, err := plot.FrequencyResponse(plot.FrequencyData{
		Frequencies: []float64{10, 20, 50},
		PPR:         []float64{1.1, 1.2, 1.3},
		SimplePPR:   []float64{1.05, 1.1, 1.2},
		Induction:   []float64{0.1, 0.2, 0.3},
		Recovery:    []float64{0, -0.1, -0.2},
	}, true)
	if err != nil {
		fmt.Println(err)
		return
	}
	axisNames(f)
	// Output:
	// "Paired Pulse Ratio"
	// "Induction"
	// "Recovery"
}

func ExampleConvergence() {
	f, err := plot.Convergence(plot.ConvergenceData{
		Errors: []float64{1, 0.1, 0.01},
		Params: []plot.ParamPath{{Name: "Use", Values: []float64{0.5, 0.3, 0.25}}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	axisNames(f)
	// Output:
	// "Error"
	// "Parameter Value"
}

func ExampleSynapticTable() {
	f, err := plot.SynapticTable([]plot.TableRow{
		{Connection: "PN2FSI", RiseTime: 0.6, DecayTime: 3.2, PPR: 0.9, SimplePPR: 0.92, Induction: -0.1, Recovery: 0.02},
	}, 50)
	if err != nil {
		fmt.Println(err)
		return
	}
	axisNames(f)
	// Output:
	// "Time (ms)"
	// ""
	// "Induction"
	// "Recovery"
}

func ExampleFigure_HTML() {
	f, err := plot.Convergence(plot.ConvergenceData{Errors: []float64{1, 0.5}})
	if err != nil {
		fmt.Println(err)
		return
	}
	html, err := f.HTMLWithID("convergence")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strings.SplitN(html, "\n", 2)[0])
	// Output:
	// <div id="convergence" class="synaptune-plot" style="width:100%;height:400px;max-width:800px"></div>
}

func ExampleReduce() {
	y := make([]float64, 100000)
	y[31415] = 7 // a narrow spike
	idx, err := plot.Reduce(y, plot.MaxDisplayPoints)
	if err != nil {
		fmt.Println(err)
		return
	}
	kept := false
	for _, i := range idx {
		kept = kept || i == 31415
	}
	fmt.Println(len(idx) <= plot.MaxDisplayPoints, kept)
	// Output:
	// true true
}

func ExampleEChartsLibrary() {
	dir, _ := os.MkdirTemp("", "synaptune-cache-")
	defer os.RemoveAll(dir)
	_, err := plot.EChartsLibrary(dir)
	fmt.Println(errors.Is(err, plot.ErrEChartsMissing), strings.Contains(err.Error(), "go run ./cmd/synaptune setup-echarts"))
	// Output:
	// true true
}

func ExampleSaveSynapticCurrent() {
	dir, _ := os.MkdirTemp("", "synaptune-save-")
	defer os.RemoveAll(dir)
	tr := plot.Traces{Connection: "PN2FSI", T: []float64{0, 1, 2, 3}, SynI: []float64{0, 20, 10, 5}}
	path := filepath.Join(dir, "plot.png")
	if err := plot.SaveSynapticCurrent(path, tr, plot.Window{From: 0, To: 3}); err != nil {
		fmt.Println(err)
		return
	}
	b, _ := os.ReadFile(path)
	fmt.Printf("%q\n", b[1:4])
	// Output:
	// "PNG"
}
