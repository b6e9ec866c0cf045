package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/synaptune/synaptune/tuner"
	"github.com/synaptune/synaptune/tuner/metrics"
	"github.com/synaptune/synaptune/tuner/optimize"
)

// parsePairs parses "a=1,b=2" in order.
func parsePairs(flagName, s string) ([]tuner.Target, error) {
	var out []tuner.Target
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	for _, part := range strings.Split(s, ",") {
		name, val, ok := strings.Cut(part, "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" {
			return nil, fmt.Errorf("%s: %q is not name=value", flagName, part)
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %q is not a number", flagName, name, val)
		}
		out = append(out, tuner.Target{Name: name, Value: v})
	}
	return out, nil
}

// parseBounds parses "Dep=0:800,Use=0.1:1".
func parseBounds(s string) ([]tuner.Bound, error) {
	var out []tuner.Bound
	for _, part := range strings.Split(s, ",") {
		name, rng, ok := strings.Cut(part, "=")
		name = strings.TrimSpace(name)
		lo, hi, ok2 := strings.Cut(rng, ":")
		if !ok || !ok2 || name == "" {
			return nil, fmt.Errorf("--bounds: %q is not name=lo:hi", part)
		}
		l, err1 := strconv.ParseFloat(strings.TrimSpace(lo), 64)
		h, err2 := strconv.ParseFloat(strings.TrimSpace(hi), 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("--bounds: %s: %q is not lo:hi", name, rng)
		}
		out = append(out, tuner.Bound{Name: name, Lo: l, Hi: h})
	}
	return out, nil
}

func cmdOptimize(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("optimize", flag.ContinueOnError)
	var c common
	c.register(fs, true)
	targets := fs.String("targets", "", "target metrics, e.g. induction=-0.75,simple_ppr=0.8,recovery=0 (required)")
	bounds := fs.String("bounds", "", "parameter bounds, e.g. Dep=0:800,Fac=0:100,Use=0.1:1 (required)")
	weights := fs.String("weights", "", "weights of the squared errors, e.g. simple_ppr=3 (others 1); without it the cost is bmtool's default, the squared induction error")
	init := fs.String("init", "middle", "initial guess: middle or random")
	seed := fs.Uint64("seed", 0, "seed of the random initial guess and the global search")
	method := fs.String("method", "", "search method: "+strings.Join(optimize.MethodNames(), ", ")+" (default "+tuner.DefaultLeastSquaresMethod+", the costs of this command being least-squares ones)")
	freq := fs.Float64("freq", 50, "train frequency (Hz)")
	delay := fs.Float64("delay", 250, "train delay (ms)")
	noSingle := fs.Bool("no-single-event", false, "do not simulate the single event")
	singleEach := fs.Bool("single-event-each-evaluation", false, "simulate the single event in every evaluation, as bmtool does; by default, when every target is a train metric, the single event is simulated once, for the result, which its metrics cannot change")
	maxEval := fs.Int("max-evaluations", 0, "bound on the number of evaluations (0: the method's default)")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	tg, err := parsePairs("--targets", *targets)
	if err != nil {
		return err
	}
	if len(tg) == 0 {
		return fmt.Errorf("--targets is required")
	}
	if *bounds == "" {
		return fmt.Errorf("--bounds is required")
	}
	bd, err := parseBounds(*bounds)
	if err != nil {
		return err
	}
	opts := tuner.OptimizeOptions{Targets: tg, Bounds: bd, RunSingleEvent: !*noSingle, RunTrainInput: true,
		TrainFrequency: *freq, TrainDelay: *delay, Seed: *seed, Method: *method, MaxEvaluations: *maxEval}
	opts.SingleEventForResult = opts.RunSingleEvent && !*singleEach
	for _, x := range tg {
		if !metrics.IsTrainMetric(x.Name) {
			opts.SingleEventForResult = false
		}
	}
	switch *init {
	case "middle", "middle_guess":
		opts.Init = "middle_guess"
	case "random":
		opts.Init = "random"
	default:
		return fmt.Errorf("--init must be middle or random, got %q", *init)
	}
	if *weights != "" {
		w, err := parsePairs("--weights", *weights)
		if err != nil {
			return err
		}
		wm := map[string]float64{}
		for _, x := range w {
			wm[x.Name] = x.Value
		}
		opts.Weights = wm
	}
	t, err := c.tuner()
	if err != nil {
		return err
	}
	printWarnings(stderr, t)
	res, err := tuner.NewOptimizer(t).Optimize(ctx, opts)
	if err != nil {
		return err
	}
	if c.json {
		params := map[string]jsonFloat{}
		for k, v := range res.OptimalParams {
			params[k] = jsonFloat(v)
		}
		m := map[string]jsonFloat{}
		for k, v := range res.AchievedMetrics {
			m[k] = jsonFloat(v)
		}
		return writeJSON(stdout, map[string]any{"params": params, "metrics": m, "error": jsonFloat(res.Error),
			"evaluations": res.Evaluations, "method": res.Method})
	}
	printLines(stdout, res.Summary())
	fmt.Fprintf(stdout, "\n%d evaluations (%s) in %v\n", res.Evaluations, res.Method, res.Runtime.Round(1e6))
	return nil
}
