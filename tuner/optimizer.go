package tuner

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/synaptune/synaptune/tuner/metrics"
	"github.com/synaptune/synaptune/tuner/optimize"
)

// Bound is one parameter's search interval.
type Bound struct {
	Name   string
	Lo, Hi float64
}

// CostFunc turns the metrics of one evaluation into the cost to minimise,
// as the cost_function of bmtool's optimize_parameters: metrics maps bmtool's
// metric names (induction, ppr, recovery, simple_ppr, max_amplitude,
// rise_time, decay_time, latency, half_width, baseline, amp) to values.
type CostFunc func(metrics, targets map[string]float64) float64

// DefaultCost is bmtool's default cost: the squared induction error.
func DefaultCost(m, targets map[string]float64) float64 {
	d := m["induction"] - targets["induction"]
	return d * d
}

// weightedResiduals returns the residuals of WeightedCost(weights): for
// each target in name order, √w·(metric − target).
func weightedResiduals(weights, targets map[string]float64) func(m map[string]float64) []float64 {
	names := make([]string, 0, len(targets))
	for k := range targets {
		names = append(names, k)
	}
	sort.Strings(names)
	return func(m map[string]float64) []float64 {
		r := make([]float64, len(names))
		for i, k := range names {
			w, ok := weights[k]
			if !ok {
				w = 1
			}
			r[i] = math.Sqrt(w) * (m[k] - targets[k])
		}
		return r
	}
}

// WeightedCost returns the weighted sum of squared errors over the targets;
// a target without a weight has weight 1. The seed demo's custom cost is
// WeightedCost(map[string]float64{"simple_ppr": 3}) with targets induction,
// simple_ppr and recovery.
func WeightedCost(weights map[string]float64) CostFunc {
	return func(m, targets map[string]float64) float64 {
		names := make([]string, 0, len(targets))
		for k := range targets {
			names = append(names, k)
		}
		sort.Strings(names) // a fixed summation order
		sum := 0.0
		for _, k := range names {
			w, ok := weights[k]
			if !ok {
				w = 1
			}
			d := m[k] - targets[k]
			sum += float64(w * d * d)
		}
		return sum
	}
}

// Target is one metric value to reach.
type Target struct {
	Name  string
	Value float64
}

// OptimizeOptions are bmtool's optimize_parameters arguments.
type OptimizeOptions struct {
	// Targets are the metric values to reach, in the order the summary
	// prints them.
	Targets []Target
	// Bounds are the parameters to search and their intervals, in order.
	Bounds []Bound
	// Cost is the cost function. When nil, the cost is the weighted sum
	// of squared errors over the targets if Weights is not nil (a target
	// without a weight has weight 1), and bmtool's DefaultCost otherwise.
	// Both are least-squares costs, which the default method minimises by
	// Levenberg–Marquardt; a Go function is minimised by bounded BFGS.
	Cost CostFunc
	// Weights are the weights of the squared errors when Cost is nil; the
	// seed demo's cost is Weights {"simple_ppr": 3} with targets
	// induction, simple_ppr and recovery.
	Weights map[string]float64
	// RunSingleEvent and RunTrainInput choose the protocols each
	// evaluation simulates (bmtool's defaults: false and true).
	RunSingleEvent, RunTrainInput bool
	// SingleEventForResult, with RunSingleEvent and RunTrainInput, runs
	// the single event once, for the returned parameters, instead of in
	// every evaluation: the search then simulates the train alone. It
	// needs a least-squares cost (Cost nil) whose targets are all train
	// metrics (induction, ppr, recovery, simple_ppr, max_amplitude), which
	// no single-event metric can change; the result is the same, and the
	// metrics of the path lack the single-event ones.
	SingleEventForResult bool
	// TrainFrequency (Hz) and TrainDelay (ms) describe the train; zero
	// means 50 Hz and 250 ms.
	TrainFrequency, TrainDelay float64
	// Init is "middle_guess" (bmtool's) or "random"; empty means
	// "middle_guess".
	Init string
	// Seed seeds the random initial guess and the global method.
	Seed uint64
	// Method names the search method: "lm" (Levenberg–Marquardt, the
	// default for least-squares costs: see Cost), "bfgs" (the default for
	// a Go cost function: a bounded quasi-Newton search from the initial
	// guess, like bmtool's SLSQP), "auto" (a short global CMA-ES search,
	// then bfgs: for costs with several minima) or "cmaes" (global only).
	Method string
	// MaxEvaluations bounds the simulations; zero means the method's default.
	MaxEvaluations int
	// TargetCost stops the search once the cost is at or below it; zero
	// means DefaultTargetCost, a negative value never stops early.
	TargetCost float64
	// Apply sets the optimal parameters on the tuner afterwards; otherwise
	// the tuner's parameters are left as they were.
	Apply bool
	// Progress, if not nil, reports the search's progress.
	Progress func(evaluations int, bestCost float64)

	method optimize.Method // set by tests to try method settings
}

// OptimizationStep is one evaluation of the search.
type OptimizationStep struct {
	Params  map[string]float64
	Metrics map[string]float64
	Error   float64
	Failed  error
}

// OptimizationResult is bmtool's SynapseOptimizationResult plus the search's
// bookkeeping.
type OptimizationResult struct {
	// OptimalParams are the best parameters found.
	OptimalParams map[string]float64
	// ParamOrder lists the parameter names in the order of the bounds.
	ParamOrder []string
	// AchievedMetrics are the metrics of OptimalParams (not of the last
	// point evaluated, as in bmtool).
	AchievedMetrics map[string]float64
	// TargetMetrics are the targets; TargetOrder their order.
	TargetMetrics map[string]float64
	TargetOrder   []string
	// Error is the cost at OptimalParams.
	Error float64
	// Path holds every evaluation in order.
	Path []OptimizationStep
	// Evaluations counts the simulations (each of one or two protocols).
	Evaluations int
	// Method names the search method; Runtime is its wall time.
	Method  string
	Runtime time.Duration
}

// DefaultMethod is the search method Optimize uses for a cost given as a
// Go function when none is named.
const DefaultMethod = optimize.NameProjectedBFGS

// DefaultLeastSquaresMethod is the search method Optimize uses for the
// least-squares costs (DefaultCost, Weights) when none is named.
const DefaultLeastSquaresMethod = optimize.NameLevenbergMarquardt

// localSearch is the tuner's setting of the local method: its steps stop
// when they change the normalised parameters by less than 1e-8 or the
// projected gradient falls below 1e-9, which a simulated cost resolves;
// the package's tighter defaults suit exact test functions and make a
// simulated cost with an unreachable target run to the evaluation limit.
func localSearch() optimize.ProjectedBFGS {
	return optimize.ProjectedBFGS{StepTol: 1e-8, GradTol: 1e-9}
}

// methodFor returns the named method with the tuner's settings; the
// empty name picks the default for the kind of cost.
func methodFor(name string, leastSquares bool) (optimize.Method, error) {
	if name == "" {
		name = DefaultMethod
		if leastSquares {
			name = DefaultLeastSquaresMethod
		}
	}
	switch name {
	case optimize.NameProjectedBFGS:
		m := localSearch()
		return &m, nil
	case optimize.NameLevenbergMarquardt:
		if !leastSquares {
			return nil, fmt.Errorf("method %s needs a least-squares cost (Weights or the default cost), not a Go function", name)
		}
		// the same stopping rules as the local search
		return &optimize.LevenbergMarquardt{StepTol: 1e-8, GradTol: 1e-9}, nil
	case optimize.NameAuto:
		return &optimize.Auto{Local: localSearch(), LocalFirst: true}, nil
	}
	return optimize.MethodByName(name)
}

// DefaultTargetCost is the cost at which the search stops by default: a sum
// of squared errors this small means every metric is within about 1e-6 of
// its target.
const DefaultTargetCost = 1e-12

// Optimizer is bmtool's SynapseOptimizer for a Tuner.
type Optimizer struct {
	t *Tuner
}

// NewOptimizer returns an optimizer of t's active connection.
func NewOptimizer(t *Tuner) *Optimizer { return &Optimizer{t: t} }

// Optimize searches the bounded parameters for the lowest cost. Every
// evaluation simulates with the tuner's other parameters unchanged; bounds
// hold for every evaluation; a simulation error or a NaN cost counts as a
// failed evaluation, never as a result.
func (o *Optimizer) Optimize(ctx context.Context, opts OptimizeOptions) (*OptimizationResult, error) {
	t := o.t
	if len(opts.Targets) == 0 {
		return nil, fmt.Errorf("optimize: no target metrics")
	}
	known := map[string]bool{}
	for _, n := range metrics.OptimizerMetricNames() {
		known[n] = true
	}
	targets := map[string]float64{}
	var targetOrder []string
	for _, tg := range opts.Targets {
		k, v := tg.Name, tg.Value
		if _, dup := targets[k]; dup {
			return nil, fmt.Errorf("optimize: target %s given twice", k)
		}
		targets[k] = v
		targetOrder = append(targetOrder, k)
		if !known[k] {
			return nil, fmt.Errorf("optimize: unknown metric %q (known: %s)", k, strings.Join(metrics.OptimizerMetricNames(), ", "))
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("optimize: target %s is %v", k, v)
		}
	}
	if len(opts.Bounds) == 0 {
		return nil, fmt.Errorf("optimize: no parameters to search")
	}
	params := make([]optimize.Param, len(opts.Bounds))
	names := make([]string, len(opts.Bounds))
	for i, b := range opts.Bounds {
		if !t.cur.synVars[b.Name] {
			return nil, fmt.Errorf("optimize: %s has no parameter %q", t.cur.synName, b.Name)
		}
		if b.Lo > b.Hi {
			return nil, fmt.Errorf("optimize: bounds of %s: lower %v above upper %v", b.Name, b.Lo, b.Hi)
		}
		params[i] = optimize.Param{Name: b.Name, Lo: b.Lo, Hi: b.Hi}
		names[i] = b.Name
	}
	if !opts.RunSingleEvent && !opts.RunTrainInput {
		return nil, fmt.Errorf("optimize: neither the single event nor the train is run")
	}
	singleEachEvaluation := opts.RunSingleEvent
	if opts.SingleEventForResult {
		if !opts.RunSingleEvent || !opts.RunTrainInput {
			return nil, fmt.Errorf("optimize: SingleEventForResult needs both the single event and the train")
		}
		if opts.Cost != nil {
			return nil, fmt.Errorf("optimize: SingleEventForResult needs a least-squares cost (Weights or the default), not a Go function")
		}
		for _, tg := range opts.Targets {
			if !metrics.IsTrainMetric(tg.Name) {
				return nil, fmt.Errorf("optimize: SingleEventForResult: target %s is a single-event metric", tg.Name)
			}
		}
		singleEachEvaluation = false
	}
	freq, delay := opts.TrainFrequency, opts.TrainDelay
	if freq == 0 {
		freq = 50
	}
	if delay == 0 {
		delay = 250
	}
	cost := opts.Cost
	var residuals func(m map[string]float64) []float64
	if cost == nil {
		cost, residuals = DefaultCost, func(m map[string]float64) []float64 {
			return []float64{m["induction"] - targets["induction"]}
		}
		if opts.Weights != nil {
			cost, residuals = WeightedCost(opts.Weights), weightedResiduals(opts.Weights, targets)
		}
	}
	initName := opts.Init
	switch initName {
	case "", "middle_guess", "middle":
		initName = "middle"
	case "random":
	default:
		return nil, fmt.Errorf("optimize: init guess must be middle_guess or random, got %q", opts.Init)
	}
	init, err := optimize.ParseInitGuess(initName)
	if err != nil {
		return nil, fmt.Errorf("optimize: %w", err)
	}
	method, err := methodFor(opts.Method, residuals != nil)
	if err != nil {
		return nil, fmt.Errorf("optimize: %w", err)
	}
	if opts.method != nil {
		method = opts.method
	}
	targetCost := opts.TargetCost
	switch {
	case targetCost == 0:
		targetCost = DefaultTargetCost
	case targetCost < 0:
		targetCost = 0
	}
	type payload struct {
		metrics map[string]float64
	}
	objective := func(ctx context.Context, x []float64) (float64, any, error) {
		p := make(map[string]float64, len(x))
		for i, v := range x {
			p[names[i]] = v
		}
		m, err := t.Metrics(p, singleEachEvaluation, opts.RunTrainInput, freq, delay)
		if err != nil {
			return 0, nil, err
		}
		mm := m.Map()
		return cost(mm, targets), payload{mm}, nil
	}
	settings := &optimize.Settings{Init: init, Seed: opts.Seed, MaxEvaluations: opts.MaxEvaluations, TargetCost: targetCost}
	if opts.Progress != nil {
		settings.Progress = func(p optimize.Progress) { opts.Progress(p.Evaluations, p.BestCost) }
	}
	problem := optimize.Problem{Params: params, Objective: objective}
	if residuals != nil {
		problem.Residuals = func(p any) []float64 {
			if pl, ok := p.(payload); ok {
				return residuals(pl.metrics)
			}
			return nil
		}
	}
	res, err := optimize.Minimize(ctx, problem, settings, method)
	if res == nil {
		return nil, fmt.Errorf("optimize: %w", err)
	}
	out := &OptimizationResult{OptimalParams: res.Params(), ParamOrder: names, TargetMetrics: targets, TargetOrder: targetOrder,
		Error: res.Cost, Evaluations: res.Evaluations, Method: res.Method, Runtime: res.Runtime}
	for _, ev := range res.History {
		step := OptimizationStep{Params: map[string]float64{}, Error: ev.Cost, Failed: ev.Err}
		for i, v := range ev.X {
			step.Params[names[i]] = v
		}
		if p, ok := ev.Payload.(payload); ok {
			step.Metrics = p.metrics
		}
		out.Path = append(out.Path, step)
	}
	if p, ok := res.Payload.(payload); ok {
		out.AchievedMetrics = p.metrics
		if opts.SingleEventForResult {
			// the single event of the result, merged with its train metrics
			se, err := t.Metrics(out.OptimalParams, true, false, freq, delay)
			if err != nil {
				return out, fmt.Errorf("optimize: single event of the result: %w", err)
			}
			merged := se.Map()
			for _, k := range metrics.TrainMetricNames() {
				merged[k] = p.metrics[k]
			}
			out.AchievedMetrics = merged
		}
	}
	if err != nil {
		return out, fmt.Errorf("optimize: %w", err)
	}
	if opts.Apply {
		for k, v := range out.OptimalParams {
			t.params[k] = v
		}
	}
	return out, nil
}

// Summary returns what bmtool's plot_optimization_results prints.
func (r *OptimizationResult) Summary() []string {
	lines := []string{"Optimization Results:", fmt.Sprintf("Final Error: %s", pyExp(r.Error)), "", "Target Metrics:"}
	for _, k := range r.TargetOrder {
		if v, ok := r.AchievedMetrics[k]; ok {
			lines = append(lines, fmt.Sprintf("%s: %s (target: %s)", k, metrics.PyFixed(v, 3), metrics.PyFixed(r.TargetMetrics[k], 3)))
		}
	}
	lines = append(lines, "", "Optimal Parameters:")
	for _, k := range r.ParamOrder {
		lines = append(lines, fmt.Sprintf("%s: %s", k, metrics.PyFixed(r.OptimalParams[k], 3)))
	}
	return lines
}

// pyExp formats like Python's f"{x:.2e}".
func pyExp(x float64) string {
	s := fmt.Sprintf("%.2e", x)
	return s
}
