package optimize

import (
	"context"
	"fmt"
	"math"
	"sync"
	"sync/atomic"
)

// stop ends a method early; it carries the Status the run ends with.
type stop struct {
	status Status
	cause  error // the context's error for StatusCancelled
}

func (s *stop) Error() string { return "optimize: run stopped: " + s.status.String() }

// start is where a method begins: free normalised coordinates and, when
// known, their cost.
type start struct {
	u         []float64
	cost      float64
	evaluated bool
}

// run is the state of one Minimize call shared by the methods: the search
// space, the history and the limits.
type run struct {
	ctx      context.Context
	prob     *Problem
	sp       *space
	set      Settings
	workers  int
	maxEvals int
	history  []Evaluation
	best     int // index into history of the lowest cost, -1 when none
	iter     int
}

// outcome is one objective call before it enters the history.
type outcome struct {
	cost    float64
	payload any
	err     error
}

// evaluate evaluates the given free normalised points (projected into the
// box first), concurrently, and appends them to the history in order. It
// returns their costs, +Inf for failed ones. A non-nil error is a *stop:
// the budget is spent, the target is reached or the context is done; the
// method must then return it.
func (r *run) evaluate(us [][]float64, purpose Purpose) ([]float64, error) {
	purposes := make([]Purpose, len(us))
	for i := range purposes {
		purposes[i] = purpose
	}
	return r.evaluateMixed(us, purposes)
}

// evaluateMixed is evaluate with a purpose per point.
func (r *run) evaluateMixed(us [][]float64, purposes []Purpose) ([]float64, error) {
	if err := r.ctx.Err(); err != nil {
		return nil, &stop{status: StatusCancelled, cause: err}
	}
	remaining := r.maxEvals - len(r.history)
	if remaining <= 0 {
		return nil, &stop{status: StatusEvaluationLimit}
	}
	costs := make([]float64, len(us))
	for i := range costs {
		costs[i] = math.Inf(1)
	}
	n := min(len(us), remaining)
	xs := make([][]float64, n)
	for i := range n {
		u := append([]float64(nil), us[i]...)
		r.sp.project(u)
		xs[i] = r.sp.params(u)
	}
	outs := r.callAll(xs)
	for i, o := range outs {
		costs[i] = o.cost
		e := Evaluation{
			Index:     len(r.history),
			Iteration: r.iter,
			Purpose:   purposes[i],
			X:         xs[i],
			Cost:      o.cost,
			Err:       o.err,
			Payload:   o.payload,
		}
		r.history = append(r.history, e)
		if o.err == nil && (r.best < 0 || o.cost < r.history[r.best].Cost) {
			r.best = e.Index
		}
	}
	if r.set.Progress != nil {
		p := Progress{Evaluations: len(r.history), Iteration: r.iter, BestCost: math.Inf(1)}
		if r.best >= 0 {
			p.BestCost = r.history[r.best].Cost
		}
		r.set.Progress(p)
	}
	switch {
	case r.set.TargetCost > 0 && r.best >= 0 && r.history[r.best].Cost <= r.set.TargetCost:
		return costs, &stop{status: StatusTargetReached}
	case r.ctx.Err() != nil:
		return costs, &stop{status: StatusCancelled, cause: r.ctx.Err()}
	case n < len(us) || len(r.history) >= r.maxEvals:
		return costs, &stop{status: StatusEvaluationLimit}
	}
	return costs, nil
}

// callAll calls the objective at every x with at most r.workers calls at
// once; outcome i belongs to x i whatever the order they finish in.
func (r *run) callAll(xs [][]float64) []outcome {
	outs := make([]outcome, len(xs))
	w := min(r.workers, len(xs))
	if w <= 1 {
		for i, x := range xs {
			outs[i] = r.call(x)
		}
		return outs
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range w {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(xs) {
					return
				}
				outs[i] = r.call(xs[i])
			}
		})
	}
	wg.Wait()
	return outs
}

// call runs the objective once on a copy of x and turns every way it can
// fail into an error with an infinite cost.
func (r *run) call(x []float64) (o outcome) {
	defer func() {
		if p := recover(); p != nil {
			o = outcome{cost: math.Inf(1), err: fmt.Errorf("optimize: objective panicked at %v: %v", x, p)}
		}
	}()
	c, payload, err := r.prob.Objective(r.ctx, append([]float64(nil), x...))
	switch {
	case err != nil:
		return outcome{cost: math.Inf(1), payload: payload, err: fmt.Errorf("optimize: objective at %v: %w", x, err)}
	case math.IsNaN(c) || math.IsInf(c, 0):
		return outcome{cost: math.Inf(1), payload: payload, err: fmt.Errorf("optimize: objective at %v returned %v: %w", x, c, ErrNonFiniteCost)}
	}
	return outcome{cost: c, payload: payload}
}

// nextIteration starts a new major iteration, or stops the run when
// Settings.MaxIterations have been done.
func (r *run) nextIteration() error {
	if r.set.MaxIterations > 0 && r.iter >= r.set.MaxIterations {
		return &stop{status: StatusIterationLimit}
	}
	r.iter++
	return nil
}

// bestStart returns the best point so far as a start for another method.
func (r *run) bestStart() (start, bool) {
	if r.best < 0 {
		return start{}, false
	}
	e := r.history[r.best]
	return start{u: r.sp.coords(e.X), cost: e.Cost, evaluated: true}, true
}
