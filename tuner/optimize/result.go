package optimize

import (
	"fmt"
	"time"
)

// Purpose says why a method asked for an evaluation.
type Purpose int

const (
	// PurposeStep is a candidate point of the method: the start, a line
	// search trial or a restart.
	PurposeStep Purpose = iota
	// PurposeGradient is a finite-difference probe around the current
	// point.
	PurposeGradient
	// PurposeSample is a member of a CMA-ES population.
	PurposeSample
)

// String names the purpose.
func (p Purpose) String() string {
	switch p {
	case PurposeStep:
		return "step"
	case PurposeGradient:
		return "gradient"
	case PurposeSample:
		return "sample"
	}
	return fmt.Sprintf("Purpose(%d)", int(p))
}

// Evaluation is one call of the objective, as kept in Result.History.
type Evaluation struct {
	// Index is the position in the history, from 0.
	Index int
	// Iteration is the method's major iteration when the point was asked
	// for: 0 for the start and the first gradient of the local method,
	// k for the trials and gradient of its k-th step, k for the samples
	// of the k-th CMA-ES generation (from 1). Auto numbers its local
	// phase on from its global one.
	Iteration int
	// Purpose says why the point was evaluated.
	Purpose Purpose
	// X holds the parameter values in problem units, in Problem.Params
	// order; it always lies within the bounds.
	X []float64
	// Cost is the objective's value, or +Inf when the evaluation failed.
	Cost float64
	// Err is nil for a good evaluation; otherwise the objective's error,
	// ErrNonFiniteCost, or a recovered panic.
	Err error
	// Payload is what the objective returned with the cost.
	Payload any
}

// Failed reports whether the evaluation failed.
func (e *Evaluation) Failed() bool { return e.Err != nil }

// Status says why a run ended.
type Status int

const (
	// StatusConverged means the method's own convergence test passed
	// (small projected gradient, step or cost change; a CMA-ES
	// distribution that collapsed or stopped improving).
	StatusConverged Status = iota + 1
	// StatusStalled means the method found no lower cost near its best
	// point (a failed line search), usually the noise floor of the cost.
	StatusStalled
	// StatusTargetReached means a cost at or below Settings.TargetCost.
	StatusTargetReached
	// StatusEvaluationLimit means Settings.MaxEvaluations was used up.
	StatusEvaluationLimit
	// StatusIterationLimit means Settings.MaxIterations was reached.
	StatusIterationLimit
	// StatusCancelled means the context was cancelled.
	StatusCancelled
	// StatusFailed means no evaluation succeeded where the method needed
	// one (for instance at the starting point of the local method).
	StatusFailed
)

// String names the status.
func (s Status) String() string {
	switch s {
	case StatusConverged:
		return "converged"
	case StatusStalled:
		return "stalled"
	case StatusTargetReached:
		return "target reached"
	case StatusEvaluationLimit:
		return "evaluation limit"
	case StatusIterationLimit:
		return "iteration limit"
	case StatusCancelled:
		return "cancelled"
	case StatusFailed:
		return "failed"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// Result is the outcome of Minimize.
type Result struct {
	// Method is the name of the method that ran.
	Method string
	// Status says why the run ended.
	Status Status
	// Names are the parameter names, in the order of X.
	Names []string
	// X is the best point found, in problem units: the evaluation of
	// lowest cost, not the last one (the start point when every
	// evaluation failed).
	X []float64
	// Cost is the cost at X (+Inf when every evaluation failed).
	Cost float64
	// Payload is the objective's payload at X.
	Payload any
	// BestIndex is the index of X's evaluation in History, or -1 when
	// every evaluation failed.
	BestIndex int
	// History holds every evaluation in order.
	History []Evaluation
	// Evaluations is len(History).
	Evaluations int
	// Iterations is the number of major iterations the method completed.
	Iterations int
	// Runtime is the wall time of the run.
	Runtime time.Duration
}

// Params returns X keyed by parameter name.
func (r *Result) Params() map[string]float64 {
	m := make(map[string]float64, len(r.Names))
	for i, n := range r.Names {
		if i < len(r.X) {
			m[n] = r.X[i]
		}
	}
	return m
}
