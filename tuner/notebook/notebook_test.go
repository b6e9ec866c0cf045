package notebook

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/synaptune/synaptune/kernel/memory"
	"github.com/synaptune/synaptune/tuner"
	"github.com/synaptune/synaptune/tuner/interactive"
	"github.com/synaptune/synaptune/tuner/plot"
)

const fakeLibrary = "/* echarts stand-in */"

func seed(t *testing.T, conn string) (*Tuner, *memory.Frontend) {
	t.Helper()
	fe := memory.New()
	tu, err := Seed(conn, Options{Frontend: fe, ECharts: []byte(fakeLibrary)})
	if err != nil {
		t.Fatal(err)
	}
	return tu, fe
}

// charts counts the outputs that hold an echarts figure.
func charts(fe *memory.Frontend) int {
	n := 0
	for _, o := range fe.Outputs() {
		if strings.Contains(o.HTML, "echarts") {
			n++
		}
	}
	return n
}

func TestSingleEventDrawsAndPrintsSeedNumbers(t *testing.T) {
	tu, fe := seed(t, "Dep2FSI")
	if _, err := tu.SingleEvent(); err != nil {
		t.Fatal(err)
	}
	printed := fe.Printed()
	for _, want := range []string{
		"('baseline', 0.03107559632675816)",
		"('amp', 0.16000855570656114)",
		"('latency', 1.35)",
		"Current Integral in pA*ms: -15777.35",
	} {
		if !strings.Contains(printed, want) {
			t.Errorf("printout lacks %q:\n%s", want, printed)
		}
	}
	if got := charts(fe); got != 1 {
		t.Errorf("%d chart outputs, want 1", got)
	}
	// The library goes once per program, before the first figure.
	if _, err := tu.Train(50, 250); err != nil {
		t.Fatal(err)
	}
	lib := 0
	for _, s := range fe.Transients() {
		if strings.Contains(s, fakeLibrary) {
			lib++
		}
	}
	if lib != 1 {
		t.Errorf("library sent %d times, want 1", lib)
	}
	if !strings.Contains(fe.Printed(), "Short Term Plasticity Results for 50Hz with 250 Delay") {
		t.Errorf("train report missing:\n%s", fe.Printed())
	}
}

func TestFrequencyResponseShowsProgressFigureAndTable(t *testing.T) {
	tu, fe := seed(t, "Dep2FSI")
	res, err := tu.STPFrequencyResponse([]float64{10, 50}, 250, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.PPR) != 2 {
		t.Fatalf("PPR has %d values, want 2", len(res.PPR))
	}
	var progress bool
	for _, o := range fe.Outputs() {
		if strings.Contains(o.HTML, "<progress") && strings.Contains(o.HTML, `value="2"`) {
			progress = true
		}
	}
	if !progress {
		t.Errorf("no finished progress bar among outputs: %+v", fe.Outputs())
	}
	if charts(fe) != 1 {
		t.Errorf("want one chart")
	}
	lines := FrequencyTable(res)
	if len(lines) != 3 || !strings.Contains(fe.Printed(), lines[2]) {
		t.Errorf("table %q not printed:\n%s", lines, fe.Printed())
	}
}

func TestSynapticTableCoversEveryConnection(t *testing.T) {
	tu, fe := seed(t, "Dep2FSI")
	rows, err := tu.SynapticTable(50, 250)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Fatalf("%d rows, want 2", len(rows))
	}
	for _, name := range []string{"Fac2FSI", "Dep2FSI"} {
		if !strings.Contains(fe.Printed(), name) {
			t.Errorf("table lacks %s:\n%s", name, fe.Printed())
		}
	}
	if charts(fe) != 1 {
		t.Errorf("want one chart")
	}
}

func TestInteractiveTunerHeadlessDrawsOnce(t *testing.T) {
	tu, fe := seed(t, "Dep2FSI")
	fe.SetConnected(false)
	end, err := tu.InteractiveTuner()
	if err != nil {
		t.Fatal(err)
	}
	if end != interactive.EndHeadless {
		t.Errorf("ending %q, want %q", end, interactive.EndHeadless)
	}
	if charts(fe) != 1 {
		t.Errorf("want one chart, outputs: %d", len(fe.Outputs()))
	}
	for _, o := range fe.Outputs() {
		if strings.Contains(o.HTML, fakeLibrary) {
			t.Errorf("output %s keeps the library; it must only be sent as a transient output", o.ID)
		}
	}
	if !strings.Contains(fe.Printed(), "ended (headless)") {
		t.Errorf("no summary line: %q", fe.Printed())
	}
}

func TestMissingLibraryNamesSetupCommand(t *testing.T) {
	s, err := tuner.SeedSettings()
	if err != nil {
		t.Fatal(err)
	}
	m, err := tuner.EmbeddedModels()
	if err != nil {
		t.Fatal(err)
	}
	_, err = New(s, m, Options{Frontend: memory.New(), EChartsCache: t.TempDir()})
	if !errors.Is(err, plot.ErrEChartsMissing) || !strings.Contains(err.Error(), "make notebooks") {
		t.Errorf("error %v: want ErrEChartsMissing naming `make notebooks`", err)
	}
}

func TestSeedRejectsUnknownConnection(t *testing.T) {
	if _, err := Seed("Nope2FSI", Options{Frontend: memory.New(), ECharts: []byte(fakeLibrary)}); err == nil {
		t.Error("want an error for an unknown connection")
	}
}

func TestOptimizeAndPlotResults(t *testing.T) {
	if testing.Short() {
		t.Skip("optimisation runs many simulations")
	}
	tu, fe := seed(t, "Dep2FSI")
	res, err := tu.Optimize(tuner.OptimizeOptions{
		Targets:        []tuner.Target{{Name: "induction", Value: -0.75}, {Name: "simple_ppr", Value: 0.8}, {Name: "recovery", Value: 0}},
		Bounds:         []tuner.Bound{{Name: "Dep", Lo: 0, Hi: 800}, {Name: "Fac", Lo: 0, Hi: 100}, {Name: "Use", Lo: 0.1, Hi: 1}},
		RunSingleEvent: true, RunTrainInput: true,
		Cost: func(m, tg map[string]float64) float64 {
			sq := func(x float64) float64 { return x * x }
			return sq(m["induction"]-tg["induction"]) + 3*sq(m["simple_ppr"]-tg["simple_ppr"]) + sq(m["recovery"]-tg["recovery"])
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	var status string
	for _, o := range fe.Outputs() {
		if strings.Contains(o.HTML, "synaptune-optimize-status") {
			status = o.HTML
		}
	}
	if want := fmt.Sprintf("Optimized: %d simulations", res.Evaluations); !strings.Contains(status, want) {
		t.Errorf("status %q lacks %q", status, want)
	}
	if err := tu.PlotOptimizationResults(res); err != nil {
		t.Fatal(err)
	}
	printed := fe.Printed()
	for _, want := range []string{"Optimization Results:", "Optimal Parameters:", "Short Term Plasticity Results for 50Hz", "('amp', "} {
		if !strings.Contains(printed, want) {
			t.Errorf("printout lacks %q", want)
		}
	}
	if got := charts(fe); got != 3 {
		t.Errorf("%d charts, want 3 (convergence, train, single event)", got)
	}
	if v, _ := tu.Param("Use"); v != res.OptimalParams["Use"] {
		t.Errorf("Use = %v after plotting, want the optimum %v", v, res.OptimalParams["Use"])
	}
}
