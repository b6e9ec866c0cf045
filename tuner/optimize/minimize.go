package optimize

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"time"
)

// Minimize searches the box of p for the lowest cost with method m (the
// default method, DefaultMethodName, when m is nil) under settings s (the
// zero Settings when s is nil).
//
// The result is returned whenever the problem and settings are valid, also
// alongside an error: when the context is cancelled (the error wraps the
// context's error) or when no evaluation succeeded. Its X is the best point
// evaluated, never one outside the bounds.
func Minimize(ctx context.Context, p Problem, s *Settings, m Method) (*Result, error) {
	began := time.Now()
	if err := p.Validate(); err != nil {
		return nil, err
	}
	var set Settings
	if s != nil {
		set = *s
	}
	if m == nil {
		var err error
		if m, err = MethodByName(DefaultMethodName); err != nil {
			return nil, err
		}
	}
	if err := checkSettings(&p, &set); err != nil {
		return nil, err
	}
	r := &run{
		ctx:      ctx,
		prob:     &p,
		sp:       newSpace(&p),
		set:      set,
		workers:  set.Workers,
		maxEvals: set.MaxEvaluations,
		best:     -1,
	}
	if r.workers == 0 {
		r.workers = runtime.GOMAXPROCS(0)
	}
	if r.maxEvals == 0 {
		r.maxEvals = DefaultMaxEvaluations
	}
	x0 := initialPoint(&p, &set)

	var status Status
	var err error
	if r.sp.dim() == 0 {
		// Every parameter is fixed: the only point is the start.
		_, err = r.evaluate([][]float64{nil}, PurposeStep)
		status = StatusConverged
	} else {
		status, err = m.minimize(r, start{u: r.sp.coords(x0)})
	}
	var st *stop
	if errors.As(err, &st) {
		status, err = st.status, nil
		if st.cause != nil {
			err = fmt.Errorf("optimize: %s run cancelled after %d evaluations: %w", m.Name(), len(r.history), st.cause)
		}
	}
	if err != nil && !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
		return nil, fmt.Errorf("optimize: %s: %w", m.Name(), err)
	}

	res := &Result{
		Method:      m.Name(),
		Status:      status,
		Names:       p.Names(),
		X:           x0,
		Cost:        math.Inf(1),
		BestIndex:   r.best,
		History:     r.history,
		Evaluations: len(r.history),
		Iterations:  r.iter,
	}
	if r.best >= 0 {
		b := r.history[r.best]
		res.X, res.Cost, res.Payload = b.X, b.Cost, b.Payload
	} else if err == nil {
		if status != StatusCancelled {
			res.Status = StatusFailed
		}
		err = fmt.Errorf("optimize: %s: none of %d evaluations succeeded", m.Name(), len(r.history))
		if len(r.history) > 0 {
			err = fmt.Errorf("%w; the last: %w", err, r.history[len(r.history)-1].Err)
		}
	}
	res.Runtime = time.Since(began)
	return res, err
}

// checkSettings rejects settings Minimize cannot honour.
func checkSettings(p *Problem, s *Settings) error {
	switch {
	case s.MaxEvaluations < 0:
		return fmt.Errorf("optimize: MaxEvaluations %d is negative", s.MaxEvaluations)
	case s.MaxIterations < 0:
		return fmt.Errorf("optimize: MaxIterations %d is negative", s.MaxIterations)
	case s.Workers < 0:
		return fmt.Errorf("optimize: Workers %d is negative", s.Workers)
	case math.IsNaN(s.TargetCost):
		return errors.New("optimize: TargetCost is NaN")
	case s.Init != InitMiddle && s.Init != InitRandom:
		return fmt.Errorf("optimize: unknown initial guess %v", s.Init)
	}
	if s.X0 != nil {
		if len(s.X0) != len(p.Params) {
			return fmt.Errorf("optimize: X0 has %d values for %d parameters", len(s.X0), len(p.Params))
		}
		for i, v := range s.X0 {
			par := p.Params[i]
			if !(v >= par.Lo && v <= par.Hi) {
				return fmt.Errorf("optimize: X0 value %g of parameter %q is outside [%g, %g]", v, par.Name, par.Lo, par.Hi)
			}
		}
	}
	return nil
}

// Stream numbers of the run's random generators: one PCG stream per use,
// all from Settings.Seed, so adding a use never shifts another's numbers.
const (
	streamInit  = 0x696e6974 // "init"
	streamCMAES = 0x636d6165 // "cmae"
)

// newRand returns the generator of one stream of a seed.
func newRand(seed, stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, stream))
}

// initialPoint returns the starting point in problem units.
func initialPoint(p *Problem, s *Settings) []float64 {
	if s.X0 != nil {
		return append([]float64(nil), s.X0...)
	}
	x := make([]float64, len(p.Params))
	rng := newRand(s.Seed, streamInit)
	for i, par := range p.Params {
		switch s.Init {
		case InitRandom:
			x[i] = clamp(par.Lo+rng.Float64()*(par.Hi-par.Lo), par.Lo, par.Hi)
		default:
			// bmtool's (lo + hi) / 2, halved first only if the sum overflows.
			m := (par.Lo + par.Hi) / 2
			if math.IsInf(m, 0) {
				m = par.Lo/2 + par.Hi/2
			}
			x[i] = m
		}
	}
	return x
}
