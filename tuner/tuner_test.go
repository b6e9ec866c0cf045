package tuner

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/synaptune/synaptune/engine"
)

// ballStick is a CellFactory of built-in mechanisms for tests that must
// not depend on the NMODL and HOC packages: a passive soma and dendrite.
type ballStick struct{ reg *engine.Registry }

func (b ballStick) Registry() *engine.Registry { return b.reg }
func (b ballStick) Templates() []string        { return []string{"BallStick"} }
func (b ballStick) NewCell(m *engine.Model, name string) (*Cell, error) {
	if name != "BallStick" {
		return nil, fmt.Errorf("unknown template %q", name)
	}
	soma, dend := m.NewSection("soma"), m.NewSection("dend")
	for _, err := range []error{soma.SetL(15), soma.SetDiam(15), dend.SetL(150), dend.SetDiam(3), dend.SetNseg(3),
		dend.Connect(soma, 1, 0), soma.Insert("pas"), dend.Insert("pas")} {
		if err != nil {
			return nil, err
		}
	}
	return &Cell{All: []*engine.Section{soma, dend}, Soma: []*engine.Section{soma}}, nil
}

func ballStickSettings(t *testing.T) *Settings {
	t.Helper()
	s, err := ParseSettings([]byte(`{
	  "general_settings": {"vclamp": true, "tstart": 100, "tdur": 60},
	  "conn_type_settings": {
	    "E": {"spec_settings": {"post_cell": "BallStick", "vclamp_amp": -70, "sec_x": 0.5, "sec_id": 1, "level_of_detail": "exp2syn"},
	          "spec_syn_param": {"tau1": 0.5, "tau2": 6, "e": 0, "initW": 3}},
	    "I": {"spec_settings": {"post_cell": "BallStick", "vclamp_amp": -50, "sec_x": 0.5, "sec_id": 0, "level_of_detail": "ExpSyn"},
	          "spec_syn_param": {"tau": 4, "e": -80}}
	  },
	  "connection": "E", "other_vars_to_record": ["g", "nosuch"]}`))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func newBallStickTuner(t *testing.T) *Tuner {
	t.Helper()
	tu, err := New(ballStickSettings(t), ballStick{engine.Builtins()})
	if err != nil {
		t.Fatal(err)
	}
	return tu
}

func TestTunerSetupAndWarnings(t *testing.T) {
	tu := newBallStickTuner(t)
	if tu.Synapse() != "Exp2Syn" {
		t.Errorf("exp2syn alias resolved to %q", tu.Synapse())
	}
	w := strings.Join(tu.Warnings(), "\n")
	for _, want := range []string{"initW cannot be assigned", "_ref_nosuch not found"} {
		if !strings.Contains(w, want) {
			t.Errorf("warnings %q lack %q", w, want)
		}
	}
	if diff := cmp.Diff([]Param{{"tau1", 0.5}, {"tau2", 6}, {"e", 0}}, tu.Params()); diff != "" {
		t.Errorf("params (-want +got):\n%s", diff)
	}
	if err := tu.SetParam("tauX", 1); err == nil || !strings.Contains(err.Error(), `"tauX"`) {
		t.Errorf("SetParam of an unknown variable: %v", err)
	}
}

func TestSingleEventProtocol(t *testing.T) {
	tu := newBallStickTuner(t)
	r, err := tu.SingleEvent()
	if err != nil {
		t.Fatal(err)
	}
	rec := r.Recording
	if n := len(rec.T); n != 6401 {
		t.Errorf("%d samples, want 6401 (160 ms at dt 0.025, plus t=0)", n)
	}
	if got := rec.Spikes; len(got) != 1 || got[0] != 100 {
		t.Errorf("spikes %v, want [100]", got)
	}
	// Clamped at -70 from t=0, so the soma sits at the clamp level.
	if v := rec.SomaV[len(rec.SomaV)-1]; math.Abs(v+70) > 1e-2 {
		t.Errorf("soma at %v mV under a -70 mV clamp", v)
	}
	p := r.Props
	// An excitatory synapse under a -70 mV clamp draws inward clamp
	// current compensation: the clamp current rises.
	if p.Amp <= 0 || p.Latency <= 0 || p.RiseTime <= 0 || !(p.DecayTime > 1 && p.DecayTime < 20) {
		t.Errorf("implausible properties %+v", p)
	}
	if len(rec.Extra["g"]) != len(rec.T) {
		t.Errorf("g not recorded")
	}
	if len(r.Lines()) < 8 {
		t.Errorf("printout %q", r.Lines())
	}
}

func TestTrainDepressionVersusParameters(t *testing.T) {
	tu := newBallStickTuner(t)
	r1, err := tu.Train(50, 250)
	if err != nil {
		t.Fatal(err)
	}
	if len(r1.Amps) != 12 {
		t.Fatalf("%d amplitudes, want 12", len(r1.Amps))
	}
	if got := len(r1.Recording.Spikes); got != 12 {
		t.Errorf("%d spikes, want 12", got)
	}
	// Exp2Syn has no plasticity: at 50 Hz with tau2 6 ms the responses
	// summate, so later pulses are not smaller than the first.
	if !(r1.Amps[7] >= r1.Amps[0]) {
		t.Errorf("amps %v", r1.Amps)
	}
	if err := tu.SetParam("tau2", 1); err != nil {
		t.Fatal(err)
	}
	r2, err := tu.Train(50, 250)
	if err != nil {
		t.Fatal(err)
	}
	if r2.Amps[0] == r1.Amps[0] {
		t.Errorf("changing tau2 did not change the response")
	}
	if len(r2.Report()) == 0 {
		t.Error("no report")
	}
}

func TestFrequencyResponseDeterministic(t *testing.T) {
	tu := newBallStickTuner(t)
	freqs := []float64{5, 20, 50, 100}
	var calls []int
	r1, err := tu.FrequencyResponse(context.Background(), freqs, 250, func(done, total int) {
		if total != 4 {
			t.Errorf("total %d", total)
		}
		calls = append(calls, done)
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int{1, 2, 3, 4}, calls); diff != "" {
		t.Errorf("progress calls (-want +got):\n%s", diff)
	}
	old := runtime.GOMAXPROCS(1)
	r2, err := tu.FrequencyResponse(context.Background(), freqs, 250, nil)
	runtime.GOMAXPROCS(old)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(r1, r2); diff != "" {
		t.Errorf("result depends on the core count (-1 core... +1 core):\n%s", diff)
	}
	for i, f := range freqs {
		single, err := tu.Train(f, 250)
		if err != nil {
			t.Fatal(err)
		}
		if single.PPR != r1.PPR[i] || single.Induction != r1.Induction[i] {
			t.Errorf("%g Hz: sweep %v/%v, single train %v/%v", f, r1.PPR[i], r1.Induction[i], single.PPR, single.Induction)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := tu.FrequencyResponse(ctx, freqs, 250, nil); err == nil {
		t.Error("a cancelled sweep returned no error")
	}
}

func TestSwitchConnection(t *testing.T) {
	tu := newBallStickTuner(t)
	if err := tu.SetParam("tau2", 2); err != nil {
		t.Fatal(err)
	}
	if err := tu.SwitchConnection("I"); err != nil {
		t.Fatal(err)
	}
	if tu.Synapse() != "ExpSyn" {
		t.Errorf("synapse %s", tu.Synapse())
	}
	if err := tu.SwitchConnection("E"); err != nil {
		t.Fatal(err)
	}
	if v, _ := tu.Param("tau2"); v != 6 {
		t.Errorf("switching back restored tau2 = %v, want the settings' 6", v)
	}
	if err := tu.SwitchConnection("X"); err == nil {
		t.Error("unknown connection accepted")
	}
}

func TestContinuousInput(t *testing.T) {
	tu := newBallStickTuner(t)
	r, err := tu.Continuous(20, 300)
	if err != nil {
		t.Fatal(err)
	}
	// ceil(300/1000*20 + 1) = 7 pulses.
	if n := len(r.Recording.Spikes); n != 7 {
		t.Errorf("%d pulses, want 7", n)
	}
	if got, want := r.Recording.Tstop, 100.0+300+300; got != want {
		t.Errorf("tstop %v, want %v", got, want)
	}
}
