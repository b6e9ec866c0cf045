package tuner

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func seedProblem() OptimizeOptions {
	return OptimizeOptions{
		Targets:        []Target{{"induction", -0.75}, {"simple_ppr", 0.8}, {"recovery", 0}},
		Bounds:         []Bound{{"Dep", 0, 800}, {"Fac", 0, 100}, {"Use", 0.1, 1}},
		Weights:        map[string]float64{"simple_ppr": 3},
		RunSingleEvent: true,
		RunTrainInput:  true,
		Init:           "middle_guess",
	}
}

// TestOptimizerSeedProblem is the seed demo's optimisation: Dep2FSI to
// induction -0.75, simple PPR 0.8, recovery 0 with the seed's cost.
func TestOptimizerSeedProblem(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates a few hundred trains")
	}
	// the seed's cost as weights (a least-squares cost: Levenberg–Marquardt)
	// and as a Go function (bounded BFGS)
	goCost := seedProblem()
	goCost.Weights, goCost.Cost = nil, WeightedCost(map[string]float64{"simple_ppr": 3})
	for _, tc := range []struct {
		opts   OptimizeOptions
		method string
	}{{seedProblem(), "lm"}, {goCost, "bfgs"}} {
		t.Run(tc.method, func(t *testing.T) { checkSeedOptimum(t, tc.opts, tc.method) })
	}
}

func checkSeedOptimum(t *testing.T, opts OptimizeOptions, method string) {
	tu := seedTuner(t, "Dep2FSI")
	before := tu.Params()
	res, err := NewOptimizer(tu).Optimize(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if res.Method != method {
		t.Errorf("method %s, want %s", res.Method, method)
	}
	t.Logf("method %s, %d evaluations, %v, cost %.3g, params %v", res.Method, res.Evaluations, res.Runtime, res.Error, res.OptimalParams)
	if res.Error > 1e-6 {
		t.Errorf("cost %g, want <= 1e-6", res.Error)
	}
	for _, step := range res.Path {
		for _, b := range opts.Bounds {
			if v := step.Params[b.Name]; v < b.Lo || v > b.Hi {
				t.Fatalf("evaluated %s = %v outside [%v, %v]", b.Name, v, b.Lo, b.Hi)
			}
		}
	}
	// The tuner's parameters are untouched, and re-simulating the optimum
	// gives the reported metrics.
	for i, p := range tu.Params() {
		if p != before[i] {
			t.Errorf("optimizer changed the tuner's %s", p.Name)
		}
	}
	m, err := tu.Metrics(res.OptimalParams, true, true, 50, 250)
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range opts.Targets {
		got, _ := m.Value(tg.Name)
		if got != res.AchievedMetrics[tg.Name] {
			t.Errorf("re-simulated %s = %v, reported %v", tg.Name, got, res.AchievedMetrics[tg.Name])
		}
		if math.Abs(got-tg.Value) > 2e-3 {
			t.Errorf("%s = %v, target %v", tg.Name, got, tg.Value)
		}
	}
	sum := strings.Join(res.Summary(), "\n")
	for _, want := range []string{"Optimization Results:", "induction: -0.750 (target: -0.750)", "Optimal Parameters:"} {
		if !strings.Contains(sum, want) {
			t.Errorf("summary lacks %q:\n%s", want, sum)
		}
	}
}

func TestOptimizerErrors(t *testing.T) {
	tu := newBallStickTuner(t)
	ok := OptimizeOptions{Targets: []Target{{"induction", 0}}, Bounds: []Bound{{"tau2", 1, 10}}, RunTrainInput: true}
	for _, tc := range []struct {
		name string
		edit func(o *OptimizeOptions)
		want string
	}{
		{"no targets", func(o *OptimizeOptions) { o.Targets = nil }, "no target"},
		{"unknown metric", func(o *OptimizeOptions) { o.Targets = []Target{{"inductance", 0}} }, `unknown metric "inductance"`},
		{"no bounds", func(o *OptimizeOptions) { o.Bounds = nil }, "no parameters"},
		{"unknown parameter", func(o *OptimizeOptions) { o.Bounds = []Bound{{"Dep", 0, 1}} }, `no parameter "Dep"`},
		{"lo above hi", func(o *OptimizeOptions) { o.Bounds = []Bound{{"tau2", 10, 1}} }, "lower 10 above upper 1"},
		{"no protocol", func(o *OptimizeOptions) { o.RunTrainInput = false }, "neither"},
		{"init", func(o *OptimizeOptions) { o.Init = "best" }, "init guess"},
		{"method", func(o *OptimizeOptions) { o.Method = "slsqp2" }, "slsqp2"},
		{"lm on a Go cost", func(o *OptimizeOptions) { o.Method, o.Cost = "lm", DefaultCost }, "method lm needs a least-squares cost"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := ok
			tc.edit(&o)
			_, err := NewOptimizer(tu).Optimize(context.Background(), o)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestOptimizerReproducibleAndBounded(t *testing.T) {
	tu := newBallStickTuner(t)
	opts := OptimizeOptions{Targets: []Target{{"simple_ppr", 1.2}}, Bounds: []Bound{{"tau2", 1, 10}, {"tau1", 0.1, 0.9}},
		Cost: WeightedCost(nil), RunTrainInput: true, Init: "random", Seed: 7, MaxEvaluations: 60, Method: "cmaes"}
	r1, err := NewOptimizer(tu).Optimize(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	r2, err := NewOptimizer(tu).Optimize(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(r1.Path) != len(r2.Path) {
		t.Fatalf("histories of %d and %d evaluations", len(r1.Path), len(r2.Path))
	}
	for i := range r1.Path {
		for _, n := range []string{"tau1", "tau2"} {
			if r1.Path[i].Params[n] != r2.Path[i].Params[n] {
				t.Fatalf("evaluation %d differs between two seeded runs", i)
			}
		}
		if v := r1.Path[i].Params["tau2"]; v < 1 || v > 10 {
			t.Fatalf("tau2 = %v outside its bounds", v)
		}
	}
}

// TestSingleEventForResult: running the single event once, for the result,
// finds what running it in every evaluation finds, and reports the same
// metrics; the path's metrics then lack the single-event ones.
func TestSingleEventForResult(t *testing.T) {
	tu := newBallStickTuner(t)
	opts := OptimizeOptions{Targets: []Target{{"simple_ppr", 1.2}, {"induction", 0.1}}, Bounds: []Bound{{"tau2", 1, 10}, {"tau1", 0.1, 0.9}},
		Weights: map[string]float64{}, RunSingleEvent: true, RunTrainInput: true, MaxEvaluations: 24}
	each, err := NewOptimizer(tu).Optimize(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	opts.SingleEventForResult = true
	once, err := NewOptimizer(tu).Optimize(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(each.OptimalParams, once.OptimalParams); diff != "" || each.Error != once.Error || each.Evaluations != once.Evaluations {
		t.Errorf("params (-each +once):\n%s\nerror %v and %v, evaluations %d and %d", diff, each.Error, once.Error, each.Evaluations, once.Evaluations)
	}
	if diff := cmp.Diff(each.AchievedMetrics, once.AchievedMetrics); diff != "" {
		t.Errorf("achieved metrics (-each +once):\n%s", diff)
	}
	if _, ok := each.Path[0].Metrics["rise_time"]; !ok {
		t.Errorf("the path of a run with single events lacks rise_time: %v", each.Path[0].Metrics)
	}
	if v := once.Path[0].Metrics["rise_time"]; v != 0 {
		t.Errorf("the path of a run with one single event has rise_time %v", v)
	}
	for _, tc := range []struct {
		name string
		edit func(o *OptimizeOptions)
		want string
	}{
		{"single-event target", func(o *OptimizeOptions) { o.Targets = append(o.Targets, Target{"rise_time", 1}) }, "target rise_time is a single-event metric"},
		{"Go cost", func(o *OptimizeOptions) { o.Cost = DefaultCost }, "needs a least-squares cost"},
		{"no train", func(o *OptimizeOptions) { o.RunTrainInput = false }, "needs both"},
	} {
		o := opts
		tc.edit(&o)
		if _, err := NewOptimizer(tu).Optimize(context.Background(), o); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
}
