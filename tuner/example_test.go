package tuner_test

import (
	"context"
	"fmt"
	"log"

	"github.com/synaptune/synaptune/tuner"
)

// The seed demo's SingleEvent for Dep2FSI on the embedded models prints
// bmtool's figures (NEURON 8.2.2 prints the same).
func ExampleTuner_SingleEvent() {
	settings, err := tuner.SeedSettings()
	if err != nil {
		log.Fatal(err)
	}
	settings.Connection = "Dep2FSI"
	models, err := tuner.EmbeddedModels()
	if err != nil {
		log.Fatal(err)
	}
	t, err := tuner.New(settings, models)
	if err != nil {
		log.Fatal(err)
	}
	r, err := t.SingleEvent()
	if err != nil {
		log.Fatal(err)
	}
	p := r.Props
	fmt.Println(p.Baseline, p.Sign, p.Latency, p.Amp, p.RiseTime, p.HalfWidth)
	fmt.Printf("decay %.4f ms, integral %.2f pA·ms\n", p.DecayTime, r.CurrentIntegral)
	// Output:
	// 0.03107559632675816 1 1.35 0.16000855570656114 1.35 14.850000000000001
	// decay 15.1823 ms, integral -15777.35 pA·ms
}

// A 50 Hz train on the depressing Dep2FSI synapse: the STP metrics bmtool
// reports for the seed (NEURON 8.2.2) to four decimals.
func ExampleTuner_Train() {
	settings, _ := tuner.SeedSettings()
	settings.Connection = "Dep2FSI"
	models, _ := tuner.EmbeddedModels()
	t, err := tuner.New(settings, models)
	if err != nil {
		log.Fatal(err)
	}
	r, err := t.Train(50, 250)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("simple PPR %.4f, PPR %.4f, induction %.4f, max %.2f pA\n", r.SimplePPR, r.PPR, r.Induction, r.MaxAmpPA)
	// Output:
	// simple PPR 0.9053, PPR -0.0956, induction -0.8208, max 128.93 pA
}

// Settings are bmtool's dictionaries as JSON; mistakes name the key.
func ExampleParseSettings() {
	_, err := tuner.ParseSettings([]byte(`{"general_settings": {"tstrat": 500},
		"conn_type_settings": {}}`))
	fmt.Println(err)
	// Output:
	// general_settings.tstrat: unknown key "tstrat" (known keys: celsius, delay, dt, rise_interval, tdur, threshold, tstart, vclamp, weight)
}

// The frequency response runs its trains in parallel; the figures do not
// depend on the number of cores. They are bmtool's (on NEURON 8.2.2) to
// four decimals.
func ExampleTuner_FrequencyResponse() {
	settings, _ := tuner.SeedSettings()
	settings.Connection = "Fac2FSI"
	models, _ := tuner.EmbeddedModels()
	t, err := tuner.New(settings, models)
	if err != nil {
		log.Fatal(err)
	}
	r, err := t.FrequencyResponse(context.Background(), []float64{10, 50}, 250, nil)
	if err != nil {
		log.Fatal(err)
	}
	for i, f := range r.Frequencies {
		fmt.Printf("%g Hz: simple PPR %.4f, induction %.4f\n", f, r.SimplePPR[i], r.Induction[i])
	}
	// Output:
	// 10 Hz: simple PPR 1.5491, induction 0.5312
	// 50 Hz: simple PPR 1.9088, induction 0.7709
}

// The seed demo's optimisation: Dep2FSI to an induction of −0.75, a simple
// PPR of 0.8 and a recovery of 0, with the demo's cost (squared errors, the
// PPR's weighted three times) given as weights, so that the search is a
// least-squares one (Levenberg–Marquardt).
func ExampleOptimizer_Optimize() {
	settings, err := tuner.SeedSettings()
	if err != nil {
		log.Fatal(err)
	}
	settings.Connection = "Dep2FSI"
	models, err := tuner.EmbeddedModels()
	if err != nil {
		log.Fatal(err)
	}
	t, err := tuner.New(settings, models)
	if err != nil {
		log.Fatal(err)
	}
	res, err := tuner.NewOptimizer(t).Optimize(context.Background(), tuner.OptimizeOptions{
		Targets:        []tuner.Target{{Name: "induction", Value: -0.75}, {Name: "simple_ppr", Value: 0.8}, {Name: "recovery", Value: 0}},
		Bounds:         []tuner.Bound{{Name: "Dep", Lo: 0, Hi: 800}, {Name: "Fac", Lo: 0, Hi: 100}, {Name: "Use", Lo: 0.1, Hi: 1}},
		Weights:        map[string]float64{"simple_ppr": 3},
		RunSingleEvent: true,
		RunTrainInput:  true,
	})
	if err != nil {
		log.Fatal(err)
	}
	m := res.AchievedMetrics
	fmt.Printf("%s, %d evaluations, cost below 1e-12: %v\n", res.Method, res.Evaluations, res.Error < 1e-12)
	fmt.Printf("induction %.6f, simple_ppr %.6f, recovery %.6f\n", m["induction"], m["simple_ppr"], m["recovery"])
	fmt.Printf("Dep %.2f ms, Fac %.2f ms, Use %.4f\n", res.OptimalParams["Dep"], res.OptimalParams["Fac"], res.OptimalParams["Use"])
	// Output:
	// lm, 36 evaluations, cost below 1e-12: true
	// induction -0.750000, simple_ppr 0.800000, recovery 0.000000
	// Dep 108.89 ms, Fac 12.81 ms, Use 0.6011
}
