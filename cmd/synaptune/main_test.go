package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/synaptune/synaptune/tuner/plot"
)

func seedFile(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "tuner", "models", "seed.json"))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "seed.json")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func runCLI(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, &out, &errOut)
	return out.String(), errOut.String(), err
}

func TestSingleEventJSON(t *testing.T) {
	trace := filepath.Join(t.TempDir(), "trace.json")
	out, _, err := runCLI(t, "single-event", "--settings", seedFile(t), "--connection", "Dep2FSI", "--json", "--trace", trace)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]float64
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v in %q", err, out)
	}
	for _, k := range []string{"baseline", "sign", "latency", "amp", "rise_time", "decay_time", "half_width", "current_integral"} {
		if _, ok := got[k]; !ok {
			t.Errorf("key %s missing from %v", k, got)
		}
	}
	if got["baseline"] != 0.03107559632675816 || got["amp"] != 0.16000855570656114 {
		t.Errorf("baseline %v amp %v, want the seed's 0.03107559632675816 and 0.16000855570656114", got["baseline"], got["amp"])
	}
	data, err := os.ReadFile(trace)
	if err != nil {
		t.Fatal(err)
	}
	var tr map[string][]float64
	if err := json.Unmarshal(data, &tr); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"t", "syn_i", "vclamp_i", "soma_v", "record_Pr", "record_use"} {
		if len(tr[k]) != 24001 {
			t.Errorf("trace %s has %d samples, want 24001", k, len(tr[k]))
		}
	}
}

func TestTrainAndFreqResponseJSON(t *testing.T) {
	settings := seedFile(t)
	out, _, err := runCLI(t, "train", "--settings", settings, "--freq", "20", "--delay", "100", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var tr struct {
		Freq, Delay float64
		Amps        []float64
		PPR         float64 `json:"ppr"`
		MaxAmpPA    float64 `json:"max_amp_pA"`
	}
	if err := json.Unmarshal([]byte(out), &tr); err != nil {
		t.Fatal(err)
	}
	if tr.Freq != 20 || tr.Delay != 100 || len(tr.Amps) != 12 || tr.MaxAmpPA == 0 {
		t.Errorf("train JSON %+v", tr)
	}
	out, _, err = runCLI(t, "freq-response", "--settings", settings, "--freqs", "5,50", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var fr map[string][]float64
	if err := json.Unmarshal([]byte(out), &fr); err != nil {
		t.Fatal(err)
	}
	if len(fr["frequencies"]) != 2 || len(fr["ppr"]) != 2 || len(fr["simple_ppr"]) != 2 {
		t.Errorf("freq-response JSON %v", fr)
	}
}

func TestCLIErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"general_settings": {"tstrat": 5}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "no command"},
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"single-event"}, "--settings is required"},
		{[]string{"single-event", "--settings", bad}, "general_settings.tstrat: unknown key"},
		{[]string{"single-event", "--settings", filepath.Join(dir, "none.json")}, "none.json"},
		{[]string{"train", "--settings", seedFile(t), "--connection", "Nope"}, `connection "Nope" not found`},
		{[]string{"freq-response", "--settings", seedFile(t), "--freqs", "5,x"}, `--freqs: "x"`},
		{[]string{"train", "--settings", seedFile(t), "--variant", "odd"}, "--variant"},
		{[]string{"single-event", "--settings", seedFile(t), "--mechanisms", dir}, "no .mod files"},
	} {
		_, _, err := runCLI(t, tc.args...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: error %v, want one containing %q", tc.args, err, tc.want)
		}
	}
}

func TestOptimizeCLI(t *testing.T) {
	settings := seedFile(t)
	out, _, err := runCLI(t, "optimize", "--settings", settings, "--connection", "Dep2FSI",
		"--targets", "induction=-0.75,simple_ppr=0.8,recovery=0", "--bounds", "Dep=0:800,Fac=0:100,Use=0.1:1",
		"--weights", "simple_ppr=3", "--max-evaluations", "12", "--no-single-event", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Params      map[string]float64
		Metrics     map[string]float64
		Error       float64
		Evaluations int
		Method      string
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v in %q", err, out)
	}
	if len(got.Params) != 3 || got.Evaluations == 0 || got.Evaluations > 12+8 || got.Method == "" {
		t.Errorf("optimize JSON %+v", got)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"optimize", "--settings", settings, "--bounds", "Dep=0:1"}, "--targets is required"},
		{[]string{"optimize", "--settings", settings, "--targets", "induction=0"}, "--bounds is required"},
		{[]string{"optimize", "--settings", settings, "--targets", "induction=0", "--bounds", "Dep=5:1"}, "lower 5 above upper 1"},
		{[]string{"optimize", "--settings", settings, "--targets", "inductance=0", "--bounds", "Dep=0:1"}, `unknown metric "inductance"`},
		{[]string{"optimize", "--settings", settings, "--targets", "induction=0", "--bounds", "Depp=0:1"}, `no parameter "Depp"`},
		{[]string{"optimize", "--settings", settings, "--targets", "induction=x", "--bounds", "Dep=0:1"}, "not a number"},
	} {
		_, _, err := runCLI(t, tc.args...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: error %v, want %q", tc.args, err, tc.want)
		}
	}
}

func TestDemoWritesReport(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole demo")
	}
	if _, err := plot.EChartsLibrary(""); err != nil && os.Getenv("CI") == "" {
		t.Skipf("echarts library not installed: %v", err)
	}
	path := filepath.Join(t.TempDir(), "demo.html")
	out, _, err := runCLI(t, "demo", "--report", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"('baseline', 0.03107559632675816)", "Short Term Plasticity Results for 50Hz with 250 Delay", "Report with the plots"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q", want)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	page := string(data)
	for _, want := range []string{"Connection: Dep2FSI", "Connection: Fac2FSI", "echarts", "PPR vs Frequency"} {
		if !strings.Contains(page, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	// Nothing may be loaded from the network: no script, style or image
	// comes from a URL (the inlined library mentions URLs only in text).
	for _, bad := range []string{`src="http`, `href="http`, `src='http`, `@import`} {
		if strings.Contains(page, bad) {
			t.Errorf("report loads a remote resource (%s)", bad)
		}
	}
}
