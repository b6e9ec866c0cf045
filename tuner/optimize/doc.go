// Package optimize minimises a cost over a box of named parameters, the
// search behind the tuner's SynapseOptimizer.
//
// It knows nothing of synapses or simulators: a Problem is a list of
// parameters with bounds and an Objective that returns a cost (and an
// opaque payload, such as the metrics a simulation produced) for a vector
// of parameter values. Minimize runs a Method on it under some Settings
// and returns a Result: the best point evaluated with its cost and
// payload, the full history of evaluations, counts, wall time and why the
// run ended. The shape follows gonum's optimize package (Problem, Method,
// Settings, Result), which this package builds on.
//
// # Search space
//
// As in bmtool's SynapseOptimizer, every parameter is divided by
// max(|lo|, |hi|) of its bounds, so that the methods work on numbers of
// similar size; a parameter with both bounds zero is divided by 1. A
// parameter with lo == hi is held fixed and not searched. The objective
// always receives values in the problem's own units, and always within
// the bounds: every method projects its trial points onto the box before
// they are evaluated, and the conversion back from normalised units is
// clipped so that rounding cannot step outside.
//
// The starting point is the middle of the box (bmtool's "middle_guess"),
// a uniform random point drawn from Settings.Seed ("random"), or
// Settings.X0.
//
// # Methods
//
//   - "bfgs" (ProjectedBFGS) is a bounded quasi-Newton method for smooth
//     costs: gradient projection with Powell-damped BFGS and a projected
//     Armijo line search, on finite-difference gradients. It reaches an
//     optimum on a bound exactly. It was preferred to gonum's BFGS or
//     LBFGS on a smooth bound transform (x = mid + half·sin z): the
//     transform puts a stationary point at every bound, whatever the sign
//     of the gradient there, so a start on a bound never leaves it, and it
//     approaches an optimum on a bound slowly (on a quadratic with its
//     optimum on two bounds, 189 evaluations against 20; see
//     TestProjectionAgainstSineTransform).
//   - "cmaes" (CMAES) is gonum's CMA-ES (CmaEsChol), a derivative-free
//     global search, with out-of-box samples projected and penalised. It
//     finds the global basin of a multimodal cost, but gonum's variant
//     closes in on the optimum slowly.
//   - "auto" (Auto), the default, runs CMA-ES for a few generations and
//     then "bfgs" from the best point found: the global basin of the first
//     and the fast, exact finish of the second. Auto.LocalFirst adds a
//     local phase before the global one, which ends the run early when
//     Settings.TargetCost is reachable from the start.
//
// # Evaluations
//
// Points a method needs at the same time — the probes of a
// finite-difference gradient, a CMA-ES population — are evaluated
// concurrently by Settings.Workers goroutines (GOMAXPROCS by default), so
// the objective must be safe for concurrent use. Results are collected by
// index, so the history and the result are the same whatever the number of
// workers or cores, and the same for the same seed.
//
// An objective that returns an error, a NaN or an infinite cost (or
// panics) makes a failed evaluation: it is kept in the history with its
// error and an infinite cost, the methods treat it as worse than any
// other point, and it is never the result.
//
// A run stops when the method converges, when Settings.MaxEvaluations or
// Settings.MaxIterations are used up, when a cost reaches
// Settings.TargetCost, or when the context is cancelled; Settings.Progress
// hears of every batch of evaluations.
package optimize
