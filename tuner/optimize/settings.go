package optimize

import "fmt"

// InitGuess chooses the starting point of a run.
type InitGuess int

const (
	// InitMiddle starts every parameter at the middle of its bounds
	// (bmtool's "middle_guess").
	InitMiddle InitGuess = iota
	// InitRandom draws every parameter uniformly within its bounds from
	// the run's seeded generator (bmtool's "random").
	InitRandom
)

// String returns bmtool's name for the guess.
func (g InitGuess) String() string {
	switch g {
	case InitMiddle:
		return "middle_guess"
	case InitRandom:
		return "random"
	}
	return fmt.Sprintf("InitGuess(%d)", int(g))
}

// ParseInitGuess accepts bmtool's names ("middle_guess", "random") and the
// short "middle".
func ParseInitGuess(name string) (InitGuess, error) {
	switch name {
	case "middle_guess", "middle":
		return InitMiddle, nil
	case "random":
		return InitRandom, nil
	}
	return 0, fmt.Errorf("optimize: unknown initial guess %q (want middle_guess, middle or random)", name)
}

// Progress is what a run reports after each batch of evaluations.
type Progress struct {
	Evaluations int     // evaluations done so far
	Iteration   int     // current major iteration of the method
	BestCost    float64 // lowest cost so far; +Inf while every evaluation failed
}

// Settings controls a run. The zero value is usable: middle guess, seed 0,
// GOMAXPROCS workers, DefaultMaxEvaluations evaluations.
type Settings struct {
	// Init chooses the starting point when X0 is nil.
	Init InitGuess
	// X0, when not nil, is the starting point in problem units, one value
	// per parameter; it must lie within the bounds.
	X0 []float64
	// Seed seeds every random choice of the run (random initial guess,
	// CMA-ES samples). Equal seeds give equal histories.
	Seed uint64
	// MaxEvaluations bounds the number of objective evaluations; zero
	// means DefaultMaxEvaluations.
	MaxEvaluations int
	// MaxIterations bounds the number of major iterations (quasi-Newton
	// steps, CMA-ES generations); zero means no bound.
	MaxIterations int
	// TargetCost, when positive, stops the run as soon as an evaluation
	// costs TargetCost or less.
	TargetCost float64
	// Workers is the number of objective evaluations run at once; zero
	// means runtime.GOMAXPROCS(0). It changes the wall time only: results
	// do not depend on it.
	Workers int
	// Progress, when not nil, is called from the goroutine that called
	// Minimize after every batch of evaluations.
	Progress func(Progress)
}

// DefaultMaxEvaluations is the evaluation budget when
// Settings.MaxEvaluations is zero.
const DefaultMaxEvaluations = 2000
