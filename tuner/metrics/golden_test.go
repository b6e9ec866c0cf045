package metrics

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"math"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The goldens are bmtool's own figures (bmtool's code run by numpy 1.24 and
// scipy 1.10) on synthetic traces. Regenerate them with
//
//	/usr/bin/python3 tuner/metrics/testdata/make_goldens.py --bmtool DIR --rev REV \
//	    > tuner/metrics/testdata/goldens.json
//
// where DIR holds a fetched copy of bmtool's `bmtool` package (never
// committed). They are produced by bmtool, not by this package, so there is
// no -update flag: never edit them by hand.

type recipe struct {
	N         int     `json:"n"`
	Base      float64 `json:"base"`
	Transient *struct {
		Amp float64 `json:"amp"`
		Q   float64 `json:"q"`
	} `json:"transient"`
	Pulses []struct {
		Onset int     `json:"onset"`
		Amp   float64 `json:"amp"`
		Qd    float64 `json:"qd"`
		Qr    float64 `json:"qr"`
	} `json:"pulses"`
	Ripple *struct {
		Amp  float64 `json:"amp"`
		Mult int     `json:"mult"`
		Mod  int     `json:"mod"`
	} `json:"ripple"`
	Quantum float64 `json:"quantum"`
}

// buildTrace evaluates a recipe with the same IEEE operations, in the same
// order, as make_goldens.py's build_trace.
func buildTrace(r recipe) []float64 {
	dec := make([]float64, len(r.Pulses))
	ris := make([]float64, len(r.Pulses))
	for k := range dec {
		dec[k], ris[k] = 1, 1
	}
	var tcur float64
	if r.Transient != nil {
		tcur = r.Transient.Amp
	}
	out := make([]float64, r.N)
	for i := range out {
		v := r.Base
		if r.Transient != nil {
			v += tcur
			tcur = tcur * r.Transient.Q
		}
		for k, p := range r.Pulses {
			if i >= p.Onset {
				v += float64(p.Amp * (dec[k] - ris[k]))
				dec[k] = dec[k] * p.Qd
				ris[k] = ris[k] * p.Qr
			}
		}
		if r.Ripple != nil {
			v += float64(r.Ripple.Amp * (float64((i*r.Ripple.Mult)%r.Ripple.Mod)/float64(r.Ripple.Mod) - 0.5))
		}
		if r.Quantum != 0 {
			v = float64(math.RoundToEven(v/r.Quantum) * r.Quantum)
		}
		out[i] = v
	}
	return out
}

func traceSHA(x []float64) string {
	b := make([]byte, 8*len(x))
	for i, v := range x {
		binary.LittleEndian.PutUint64(b[8*i:], math.Float64bits(v))
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

type goldenSingle struct {
	Name         string    `json:"name"`
	Syn          string    `json:"syn"`
	Clamp        string    `json:"clamp"`
	SpikeTimes   []float64 `json:"spike_times"`
	Dt           float64   `json:"dt"`
	VClamp       bool      `json:"vclamp"`
	RiseInterval []float64 `json:"rise_interval"`
	Bmtool       struct {
		Baseline        float64  `json:"baseline"`
		Sign            float64  `json:"sign"`
		Latency         float64  `json:"latency"`
		Amp             float64  `json:"amp"`
		RiseTime        float64  `json:"rise_time"`
		DecayTime       float64  `json:"decay_time"`
		HalfWidth       float64  `json:"half_width"`
		CurrentIntegral float64  `json:"current_integral"`
		Printed         []string `json:"printed"`
	} `json:"bmtool"`
	DecayTimeOptimum float64 `json:"decay_time_optimum"`
	Corrected        struct {
		HalfWidth       float64 `json:"half_width"`
		CurrentIntegral float64 `json:"current_integral"`
	} `json:"corrected"`
}

type goldenSTP struct {
	Amps      []float64 `json:"amps"`
	PeakIndex []int     `json:"peak_index"`
	PPR       float64   `json:"ppr"`
	Induction float64   `json:"induction"`
	Recovery  float64   `json:"recovery"`
	SimplePPR float64   `json:"simple_ppr"`
	MaxAmpPA  float64   `json:"max_amp_pA"`
	Printed   []string  `json:"printed"`
}

type goldenTrain struct {
	Name        string    `json:"name"`
	Syn         string    `json:"syn"`
	Clamp       string    `json:"clamp"`
	SpikeTimes  []float64 `json:"spike_times"`
	Dt          float64   `json:"dt"`
	VClamp      bool      `json:"vclamp"`
	NetConDelay float64   `json:"netcon_delay"`
	WindowEnd   float64   `json:"window_end"`
	Freq        float64   `json:"freq"`
	Delay       float64   `json:"delay"`
	Bmtool      goldenSTP `json:"bmtool"`
	Corrected   goldenSTP `json:"corrected"`
}

type goldenOptimizer struct {
	Name             string             `json:"name"`
	SingleSyn        string             `json:"single_syn"`
	SingleClamp      string             `json:"single_clamp"`
	TrainSyn         string             `json:"train_syn"`
	TrainClamp       string             `json:"train_clamp"`
	SingleSpikeTimes []float64          `json:"single_spike_times"`
	TrainSpikeTimes  []float64          `json:"train_spike_times"`
	Dt               float64            `json:"dt"`
	VClamp           bool               `json:"vclamp"`
	RiseInterval     []float64          `json:"rise_interval"`
	NetConDelay      float64            `json:"netcon_delay"`
	WindowEnd        float64            `json:"window_end"`
	Bmtool           map[string]float64 `json:"bmtool"`
	BmtoolKeys       []string           `json:"bmtool_keys"`
}

type goldens struct {
	Numpy     string            `json:"numpy"`
	Scipy     string            `json:"scipy"`
	ModuleDt  float64           `json:"module_dt"`
	Single    []goldenSingle    `json:"single_event"`
	Train     []goldenTrain     `json:"train"`
	Optimizer []goldenOptimizer `json:"optimizer"`
	Traces    map[string]struct {
		Recipe recipe `json:"recipe"`
		SHA256 string `json:"sha256"`
	} `json:"traces"`
}

// loadGoldens reads testdata/goldens.json and rebuilds its traces, checking
// each against the SHA-256 the Python script recorded.
func loadGoldens(t testing.TB) (goldens, map[string][]float64) {
	t.Helper()
	raw, err := os.ReadFile("testdata/goldens.json")
	if err != nil {
		t.Fatal(err)
	}
	var g goldens
	if err := json.Unmarshal(raw, &g); err != nil {
		t.Fatal(err)
	}
	traces := make(map[string][]float64, len(g.Traces))
	for name, tr := range g.Traces {
		x := buildTrace(tr.Recipe)
		if got := traceSHA(x); got != tr.SHA256 {
			t.Fatalf("trace %s: rebuilt trace differs from the Python one (sha256 %s, want %s)", name, got, tr.SHA256)
		}
		traces[name] = x
	}
	return g, traces
}

// relDiff is |got − want| / max(|want|, tiny).
func relDiff(got, want float64) float64 {
	d := math.Abs(got - want)
	if d == 0 {
		return 0
	}
	return d / math.Max(math.Abs(want), 1e-300)
}

// closeTo checks got against want within rel relative (or abs absolute, for
// figures near zero) and records the largest relative difference seen.
func closeTo(t *testing.T, what string, got, want, rel float64, worst *float64) {
	t.Helper()
	r := relDiff(got, want)
	if worst != nil && r > *worst {
		*worst = r
	}
	if r > rel && math.Abs(got-want) > rel*1e-3 {
		t.Errorf("%s = %.17g, want %.17g (relative difference %.3g)", what, got, want, r)
	}
}

const (
	tolExact = 1e-9 // every figure except the decay fit
	tolFit   = 1e-6 // decay time against scipy's MINPACK result
)

func TestGoldenSingleEvent(t *testing.T) {
	g, traces := loadGoldens(t)
	var worst, worstFit, worstOpt float64
	for _, c := range g.Single {
		t.Run(c.Name, func(t *testing.T) {
			tr := Traces{Syn: traces[c.Syn], Clamp: traces[c.Clamp], SpikeTimes: c.SpikeTimes, Dt: c.Dt}
			s := SingleEventSettings{VClamp: c.VClamp, RiseInterval: RiseInterval{c.RiseInterval[0], c.RiseInterval[1]}}
			r, err := SingleEvent(tr, s)
			if err != nil {
				t.Fatal(err)
			}
			p, w := r.Props, c.Bmtool
			closeTo(t, "baseline", p.Baseline, w.Baseline, tolExact, &worst)
			closeTo(t, "sign", p.Sign, w.Sign, tolExact, &worst)
			closeTo(t, "latency", p.Latency, w.Latency, tolExact, &worst)
			closeTo(t, "amp", p.Amp, w.Amp, tolExact, &worst)
			closeTo(t, "rise_time", p.RiseTime, w.RiseTime, tolExact, &worst)
			closeTo(t, "half_width", p.HalfWidth, w.HalfWidth, tolExact, &worst)
			closeTo(t, "current_integral", r.CurrentIntegral, w.CurrentIntegral, tolExact, &worst)
			closeTo(t, "decay_time vs scipy", p.DecayTime, w.DecayTime, tolFit, &worstFit)
			closeTo(t, "decay_time vs optimum", p.DecayTime, c.DecayTimeOptimum, 1e-8, &worstOpt)

			got := r.Lines()
			// The decay time's last digits differ from scipy's stopping point;
			// compare that line to the printout of our own figure instead.
			want := append([]string(nil), w.Printed...)
			want[5] = "('decay_time', " + PyRepr(p.DecayTime) + ")"
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("printed lines (-bmtool +ours):\n%s", diff)
			}
			if got[5][:len("('decay_time', ")+6] != w.Printed[5][:len("('decay_time', ")+6] {
				t.Errorf("decay time printed as %s, bmtool %s", got[5], w.Printed[5])
			}

			s.Variant = Corrected
			rc, err := SingleEvent(tr, s)
			if err != nil {
				t.Fatal(err)
			}
			closeTo(t, "corrected half_width", rc.Props.HalfWidth, c.Corrected.HalfWidth, tolExact, &worst)
			closeTo(t, "corrected current_integral", rc.CurrentIntegral, c.Corrected.CurrentIntegral, tolExact, &worst)
			if rc.Props.HalfWidth >= p.HalfWidth {
				t.Errorf("corrected half width %v not shorter than bmtool's %v", rc.Props.HalfWidth, p.HalfWidth)
			}
		})
	}
	t.Logf("single event: worst relative difference %.3g (exact figures), decay time %.3g vs scipy, %.3g vs the least-squares optimum",
		worst, worstFit, worstOpt)
}

func TestGoldenTrain(t *testing.T) {
	g, traces := loadGoldens(t)
	var worst float64
	for _, c := range g.Train {
		t.Run(c.Name, func(t *testing.T) {
			tr := Traces{Syn: traces[c.Syn], Clamp: traces[c.Clamp], SpikeTimes: c.SpikeTimes, Dt: c.Dt}
			for _, v := range []Variant{Bmtool, Corrected} {
				want := c.Bmtool
				if v == Corrected {
					want = c.Corrected
				}
				s := TrainSettings{VClamp: c.VClamp, NetConDelay: c.NetConDelay, WindowEnd: c.WindowEnd, Variant: v}
				a, m, err := TrainMetrics(tr, s)
				if err != nil {
					t.Fatalf("%v: %v", v, err)
				}
				if len(a.Amps) != len(want.Amps) {
					t.Fatalf("%v: %d amplitudes, want %d", v, len(a.Amps), len(want.Amps))
				}
				for i := range a.Amps {
					closeTo(t, v.String()+" amp", a.Amps[i], want.Amps[i], tolExact, &worst)
				}
				if want.PeakIndex != nil {
					if diff := cmp.Diff(want.PeakIndex, a.PeakIndex); diff != "" {
						t.Errorf("peak indices (-bmtool +ours):\n%s", diff)
					}
				}
				closeTo(t, v.String()+" ppr", m.PPR, want.PPR, tolExact, &worst)
				closeTo(t, v.String()+" induction", m.Induction, want.Induction, tolExact, &worst)
				closeTo(t, v.String()+" recovery", m.Recovery, want.Recovery, tolExact, &worst)
				closeTo(t, v.String()+" simple_ppr", m.SimplePPR, want.SimplePPR, tolExact, &worst)
				closeTo(t, v.String()+" max_amp_pA", m.MaxAmpPA, want.MaxAmpPA, tolExact, &worst)
				if want.Printed != nil {
					if diff := cmp.Diff(want.Printed, m.Report(c.Freq, c.Delay)); diff != "" {
						t.Errorf("printout (-bmtool +ours):\n%s", diff)
					}
				}
			}
		})
	}
	t.Logf("trains: worst relative difference %.3g", worst)
}

func TestGoldenOptimizerMetrics(t *testing.T) {
	g, traces := loadGoldens(t)
	if diff := cmp.Diff(g.Optimizer[0].BmtoolKeys, OptimizerMetricNames()); diff != "" {
		t.Errorf("metric names (-bmtool +ours):\n%s", diff)
	}
	if g.ModuleDt != BmtoolModuleDt {
		t.Errorf("bmtool's module-time dt is %v, BmtoolModuleDt %v", g.ModuleDt, BmtoolModuleDt)
	}
	var worst, worstFit float64
	for _, c := range g.Optimizer {
		t.Run(c.Name, func(t *testing.T) {
			single := &Traces{Syn: traces[c.SingleSyn], Clamp: traces[c.SingleClamp], SpikeTimes: c.SingleSpikeTimes, Dt: c.Dt}
			train := &Traces{Syn: traces[c.TrainSyn], Clamp: traces[c.TrainClamp], SpikeTimes: c.TrainSpikeTimes, Dt: c.Dt}
			s := OptimizerSettings{VClamp: c.VClamp, RiseInterval: RiseInterval{c.RiseInterval[0], c.RiseInterval[1]},
				NetConDelay: c.NetConDelay, WindowEnd: c.WindowEnd}
			m, err := ComputeOptimizerMetrics(single, train, s)
			if err != nil {
				t.Fatal(err)
			}
			got := m.Map()
			for _, k := range c.BmtoolKeys {
				tol, w := tolExact, &worst
				if k == "decay_time" {
					tol, w = tolFit, &worstFit
				}
				closeTo(t, k, got[k], c.Bmtool[k], tol, w)
			}
		})
	}
	t.Logf("optimizer metrics: worst relative difference %.3g (exact figures), %.3g (decay time vs scipy)", worst, worstFit)
}
