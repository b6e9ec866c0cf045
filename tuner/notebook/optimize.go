package notebook

import (
	"fmt"
	"html"
	"math"
	"sync"
	"time"

	"github.com/synaptune/synaptune/kernel"
	"github.com/synaptune/synaptune/tuner"
)

// optimizeRun remembers the protocol of the last Optimize call, which
// PlotOptimizationResults re-runs at the optimum.
type optimizeRun struct {
	result                     *tuner.OptimizationResult
	singleEvent, train         bool
	trainFrequency, trainDelay float64
}

// Optimize searches the bounded parameters for the lowest cost (bmtool's
// SynapseOptimizer.optimize_parameters, through tuner.NewOptimizer), showing
// a status line with the number of simulations and the best cost so far,
// updated in place. The stop button ends the search early with an error.
// opts.Progress, if set, is called as well.
func (t *Tuner) Optimize(opts tuner.OptimizeOptions) (*tuner.OptimizationResult, error) {
	ctx, cancel := interruptible()
	defer cancel()
	status := kernel.OutputID(t.fe.NewID("synaptune-optimize-"))
	start := time.Now()
	var mu sync.Mutex
	var last time.Time
	show := func(evals int, best float64, final bool) {
		mu.Lock()
		defer mu.Unlock()
		if !final && time.Since(last) < kernel.DefaultProgressInterval {
			return
		}
		last = time.Now()
		bestText := "–"
		if !math.IsInf(best, 0) && !math.IsNaN(best) {
			bestText = fmt.Sprintf("%.3g", best)
		}
		word := "Optimizing"
		if final {
			word = "Optimized"
		}
		_ = t.fe.UpdateHTML(status, fmt.Sprintf(`<div class="synaptune-optimize-status">%s: %d simulations, best cost %s, %s</div>`,
			word, evals, html.EscapeString(bestText), time.Since(start).Round(100*time.Millisecond)))
	}
	show(0, math.Inf(1), true)
	user := opts.Progress
	opts.Progress = func(evals int, best float64) {
		show(evals, best, false)
		if user != nil {
			user(evals, best)
		}
	}
	res, err := tuner.NewOptimizer(t.Tuner).Optimize(ctx, opts)
	if err != nil {
		_ = t.Sync()
		return nil, fmt.Errorf("notebook: optimize: %w", err)
	}
	show(res.Evaluations, res.Error, true)
	freq, delay := opts.TrainFrequency, opts.TrainDelay
	if freq == 0 {
		freq = 50
	}
	if delay == 0 {
		delay = 250
	}
	t.lastOpt = &optimizeRun{result: res, singleEvent: opts.RunSingleEvent, train: opts.RunTrainInput,
		trainFrequency: freq, trainDelay: delay}
	return res, t.Sync()
}

// PlotOptimizationResults shows an optimisation's result as bmtool's
// plot_optimization_results does: the convergence of the error and each
// parameter's path, the summary (final error, achieved and target metrics,
// optimal parameters), then — with the optimal parameters set on the tuner —
// the train and the single event, each with its figure and printout. The
// protocols and the train's frequency and delay are those of the Optimize
// call that produced r (for a result from elsewhere: both, at 50 Hz and
// 250 ms).
func (t *Tuner) PlotOptimizationResults(r *tuner.OptimizationResult) error {
	if r == nil {
		return fmt.Errorf("notebook: plot optimization results: no result")
	}
	run := optimizeRun{singleEvent: true, train: true, trainFrequency: 50, trainDelay: 250}
	if t.lastOpt != nil && t.lastOpt.result == r {
		run = *t.lastOpt
	}
	fig, err := tuner.ConvergenceFigure(r)
	if err != nil {
		return fmt.Errorf("notebook: convergence figure: %w", err)
	}
	if err := t.Show(fig); err != nil {
		return err
	}
	if err := t.Println(r.Summary()...); err != nil {
		return err
	}
	for _, name := range r.ParamOrder {
		if err := t.SetParam(name, r.OptimalParams[name]); err != nil {
			return fmt.Errorf("notebook: set optimal %s: %w", name, err)
		}
	}
	if run.train {
		if _, err := t.Train(run.trainFrequency, run.trainDelay); err != nil {
			return err
		}
	}
	if run.singleEvent {
		if _, err := t.SingleEvent(); err != nil {
			return err
		}
	}
	return t.Sync()
}
