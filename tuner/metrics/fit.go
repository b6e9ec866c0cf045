package metrics

import (
	"fmt"
	"math"
)

// fitExpDecay fits a·exp(−t/τ) to y sampled at t = dt·i by least squares,
// starting from (a0, tau0) as bmtool's curve_fit call does, and returns the
// optimum (a, τ).
//
// scipy's curve_fit runs MINPACK's Levenberg–Marquardt (lmdif) and stops
// once a step changes the parameters by less than 1.5e-8 relative. Here a
// Levenberg–Marquardt iteration on the exact gradient and Hessian (a damped
// Newton method: the Hessian plus λ times the diagonal of JᵀJ, λ shrinking
// after every successful step) runs from the same start until the steps
// fall to rounding level, so the result is the optimum scipy stops near.
//
// The problem is solved in the scaled variables u = a/|a0| and w = τ/tau0,
// both of order 1 at the start, so that one set of tolerances fits every
// trace.
func fitExpDecay(y []float64, dt, a0, tau0 float64) (a, tau float64, err error) {
	if len(y) < 2 {
		return 0, 0, fmt.Errorf("%w: %d samples from the peak to the end of the decay, at least 2 needed for 2 parameters",
			ErrFitFailed, len(y))
	}
	if !(tau0 > 0) || math.IsInf(tau0, 1) || math.IsNaN(a0) || math.IsInf(a0, 0) {
		return 0, 0, fmt.Errorf("%w: bad start point a=%v tau=%v", ErrFitFailed, a0, tau0)
	}
	scale := math.Abs(a0)
	if scale == 0 {
		scale = 1
	}
	f := expDecayProblem{ys: make([]float64, len(y)), ts: make([]float64, len(y))}
	for i := range y {
		f.ys[i] = y[i] / scale
		f.ts[i] = dt * float64(i) / tau0
	}
	u, w, err := f.minimize(a0/scale, 1)
	if err != nil {
		return 0, 0, err
	}
	a, tau = u*scale, w*tau0
	if !(tau > 0) || math.IsInf(tau, 0) || math.IsNaN(a) || math.IsInf(a, 0) {
		return 0, 0, fmt.Errorf("%w: optimum a=%v tau=%v", ErrFitFailed, a, tau)
	}
	return a, tau, nil
}

// expDecayProblem is ½·Σ (u·exp(−t_i/w) − y_i)² in scaled variables.
type expDecayProblem struct {
	ys, ts []float64
}

// cost returns ½·Σ r², +Inf outside the domain (w ≤ 0) or on overflow.
func (p expDecayProblem) cost(u, w float64) float64 {
	if !(w > 0) {
		return math.Inf(1)
	}
	s := 0.0
	for i, t := range p.ts {
		r := float64(u*math.Exp(-t/w)) - p.ys[i]
		s += float64(r * r)
	}
	if math.IsNaN(s) {
		return math.Inf(1)
	}
	return s / 2
}

// derivatives returns the gradient g, the exact Hessian h (h[0]=∂uu,
// h[1]=∂uw, h[2]=∂ww) and the diagonal of the Gauss–Newton matrix JᵀJ.
func (p expDecayProblem) derivatives(u, w float64) (g [2]float64, h [3]float64, jtj [2]float64) {
	w2 := w * w
	for i, t := range p.ts {
		e := math.Exp(-t / w)
		r := float64(u*e) - p.ys[i]
		de := e * t / w2 // ∂e/∂w
		ju, jw := e, u*de
		g[0] += float64(r * ju)
		g[1] += float64(r * jw)
		h[0] += float64(ju * ju)
		h[1] += float64(ju*jw) + float64(r*de)
		h[2] += float64(jw*jw) + float64(r*u*e*t*(t-2*w)/(w2*w2))
		jtj[0] += float64(ju * ju)
		jtj[1] += float64(jw * jw)
	}
	return g, h, jtj
}

const (
	fitMaxIterations = 1000
	fitStepTolerance = 1e-14 // relative step at which the search has converged
	fitMaxDamping    = 1e20
)

// minimize runs the damped Newton (Levenberg–Marquardt) iteration from
// (u, w).
func (p expDecayProblem) minimize(u, w float64) (float64, float64, error) {
	c := p.cost(u, w)
	if math.IsInf(c, 1) {
		return 0, 0, fmt.Errorf("%w: the start point gives no finite residual", ErrFitFailed)
	}
	lambda := 1e-3
	for iter := 0; iter < fitMaxIterations; iter++ {
		g, h, d := p.derivatives(u, w)
		if g[0] == 0 && g[1] == 0 {
			return u, w, nil
		}
		for {
			// Solve (H + λ·diag(JᵀJ))·δ = −g; increase λ until the matrix is
			// positive definite and the step lowers the cost.
			a00, a01, a11 := h[0]+float64(lambda*d[0]), h[1], h[2]+float64(lambda*d[1])
			det := float64(a00*a11) - float64(a01*a01)
			if a00 > 0 && a11 > 0 && det > 0 {
				du := (float64(-g[0]*a11) + float64(g[1]*a01)) / det
				dw := (float64(-g[1]*a00) + float64(g[0]*a01)) / det
				nu, nw := u+du, w+dw
				if nc := p.cost(nu, nw); nc <= c {
					small := math.Abs(du) <= fitStepTolerance*math.Abs(nu) &&
						math.Abs(dw) <= fitStepTolerance*math.Abs(nw)
					u, w, c = nu, nw, nc
					lambda = math.Max(lambda/10, 1e-12)
					if small {
						return u, w, nil
					}
					break
				}
				if math.Abs(du) <= fitStepTolerance*math.Abs(u) && math.Abs(dw) <= fitStepTolerance*math.Abs(w) {
					// Steps at rounding level no longer lower the cost: converged.
					return u, w, nil
				}
			}
			lambda = math.Max(lambda*10, 1e-6)
			if lambda > fitMaxDamping {
				return 0, 0, fmt.Errorf("%w: no descent from a=%v tau=%v (scaled), gradient %v",
					ErrFitFailed, u, w, g)
			}
		}
	}
	return 0, 0, fmt.Errorf("%w: no convergence in %d iterations", ErrFitFailed, fitMaxIterations)
}
