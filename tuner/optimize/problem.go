package optimize

import (
	"context"
	"errors"
	"fmt"
	"math"
)

// Param is one named parameter of a Problem and the closed interval
// [Lo, Hi] it must stay in. Lo == Hi fixes the parameter at that value: it
// is passed to the objective but not searched.
type Param struct {
	Name   string
	Lo, Hi float64
}

// Objective returns the cost to minimise at the parameter values x, given
// in the order of Problem.Params and in the problem's own units. It may
// also return a payload, an opaque value stored with the evaluation in the
// history (the tuner keeps the metrics of each simulation there).
//
// x is a fresh slice for every call and may be kept. A method evaluates
// several points at once, so the objective must be safe for concurrent
// use. A non-nil error, a NaN or an infinite cost marks the evaluation as
// failed: it is recorded in the history with an infinite cost and is never
// returned as the best point. The context is the one given to Minimize; an
// objective that takes long should return when it is done.
type Objective func(ctx context.Context, x []float64) (cost float64, payload any, err error)

// Problem is a bounded minimisation problem: a cost over a box of named
// parameters.
type Problem struct {
	// Params names the parameters and bounds them. The order is the order
	// of every parameter vector in this package.
	Params []Param
	// Objective is the cost function.
	Objective Objective
	// Residuals, when not nil, makes the problem a least-squares one: it
	// returns the residuals of an evaluation from the payload the
	// objective returned with its cost, which must be the sum of their
	// squares (up to rounding). The Levenberg–Marquardt method needs it.
	Residuals func(payload any) []float64
}

// ErrNonFiniteCost is recorded as the error of an evaluation whose
// objective returned a NaN or infinite cost without an error.
var ErrNonFiniteCost = errors.New("objective returned a non-finite cost")

// Validate reports the first defect of p: no parameters, an empty or
// duplicate name, a NaN or infinite bound, a lower bound above the upper
// bound, or a nil objective.
func (p *Problem) Validate() error {
	if len(p.Params) == 0 {
		return errors.New("optimize: problem has no parameters")
	}
	seen := make(map[string]int, len(p.Params))
	for i, par := range p.Params {
		if par.Name == "" {
			return fmt.Errorf("optimize: parameter %d has an empty name", i)
		}
		if j, dup := seen[par.Name]; dup {
			return fmt.Errorf("optimize: parameter %q is listed twice (positions %d and %d)", par.Name, j, i)
		}
		seen[par.Name] = i
		if math.IsNaN(par.Lo) || math.IsNaN(par.Hi) {
			return fmt.Errorf("optimize: parameter %q has a NaN bound [%g, %g]", par.Name, par.Lo, par.Hi)
		}
		if math.IsInf(par.Lo, 0) || math.IsInf(par.Hi, 0) {
			return fmt.Errorf("optimize: parameter %q has an infinite bound [%g, %g]; bounds must be finite", par.Name, par.Lo, par.Hi)
		}
		if par.Lo > par.Hi {
			return fmt.Errorf("optimize: parameter %q has lower bound %g above upper bound %g", par.Name, par.Lo, par.Hi)
		}
	}
	if p.Objective == nil {
		return errors.New("optimize: problem has no objective")
	}
	return nil
}

// Names returns the parameter names in order.
func (p *Problem) Names() []string {
	names := make([]string, len(p.Params))
	for i, par := range p.Params {
		names[i] = par.Name
	}
	return names
}

// Scale returns the factor bmtool divides parameter i by to normalise it,
// max(|Lo|, |Hi|), or 1 when both bounds are zero (the parameter is then
// fixed at 0 and the factor only has to be nonzero).
func (p *Problem) Scale(i int) float64 {
	s := math.Max(math.Abs(p.Params[i].Lo), math.Abs(p.Params[i].Hi))
	if s == 0 {
		return 1
	}
	return s
}

// Normalize returns x divided parameter by parameter by Scale.
func (p *Problem) Normalize(x []float64) []float64 {
	u := make([]float64, len(x))
	for i := range x {
		u[i] = x[i] / p.Scale(i)
	}
	return u
}

// Denormalize undoes Normalize and clips the result to the bounds, so that
// rounding never leaves the box.
func (p *Problem) Denormalize(u []float64) []float64 {
	x := make([]float64, len(u))
	for i := range u {
		x[i] = clamp(u[i]*p.Scale(i), p.Params[i].Lo, p.Params[i].Hi)
	}
	return x
}

func clamp(v, lo, hi float64) float64 {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

// space is the search space the methods see: the normalised coordinates
// of the free (not fixed) parameters, each in [lo[k], hi[k]].
type space struct {
	prob   *Problem
	free   []int     // problem index of each free coordinate
	lo, hi []float64 // normalised bounds of each free coordinate
	fixed  []float64 // full parameter vector holding the fixed values
}

func newSpace(p *Problem) *space {
	s := &space{prob: p, fixed: make([]float64, len(p.Params))}
	for i, par := range p.Params {
		if par.Lo == par.Hi {
			s.fixed[i] = par.Lo
			continue
		}
		sc := p.Scale(i)
		s.free = append(s.free, i)
		s.lo = append(s.lo, par.Lo/sc)
		s.hi = append(s.hi, par.Hi/sc)
	}
	return s
}

// dim is the number of free coordinates.
func (s *space) dim() int { return len(s.free) }

// params maps free normalised coordinates to a full parameter vector in
// problem units, clipped to the bounds.
func (s *space) params(u []float64) []float64 {
	x := append([]float64(nil), s.fixed...)
	for k, i := range s.free {
		par := s.prob.Params[i]
		x[i] = clamp(u[k]*s.prob.Scale(i), par.Lo, par.Hi)
	}
	return x
}

// coords maps a full parameter vector to free normalised coordinates.
func (s *space) coords(x []float64) []float64 {
	u := make([]float64, len(s.free))
	for k, i := range s.free {
		u[k] = clamp(x[i]/s.prob.Scale(i), s.lo[k], s.hi[k])
	}
	return u
}

// project clips u into the box in place and returns the squared distance
// it moved.
func (s *space) project(u []float64) float64 {
	var d2 float64
	for k := range u {
		c := clamp(u[k], s.lo[k], s.hi[k])
		d := u[k] - c
		d2 += float64(d * d)
		u[k] = c
	}
	return d2
}

// width returns the normalised width of free coordinate k.
func (s *space) width(k int) float64 { return s.hi[k] - s.lo[k] }
