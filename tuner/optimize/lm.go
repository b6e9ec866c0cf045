package optimize

import (
	"errors"
	"math"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// LevenbergMarquardt is a bounded Levenberg–Marquardt method for
// least-squares problems: costs that are the sum of squared residuals,
// which the problem exposes through Problem.Residuals. It fits a linear
// model of the residuals (a finite-difference Jacobian, one probe per
// coordinate, evaluated concurrently) and steps to the model's damped
// minimum: (JᵀJ + λ·diag(JᵀJ))·s = −Jᵀr on the coordinates not held on a
// bound, projected into the box. The damping λ follows Nielsen's rule:
// it shrinks after a step that lowers the cost as the model predicted and
// grows after a failed one.
//
// Each trial point is evaluated together with the Jacobian's probes
// around it, in one concurrent batch: an accepted step, the usual case,
// then needs no second round of evaluations. On a problem whose target
// is reachable (zero residual) the method converges quadratically, where
// a quasi-Newton method on the cost must first learn the curvature.
//
// The zero value uses the defaults documented on each field.
type LevenbergMarquardt struct {
	// GradStep, GradTol, StepTol and FuncTol mean what they mean for
	// ProjectedBFGS (the gradient being the cost's, 2·Jᵀr), with the same
	// defaults.
	GradStep, GradTol, StepTol, FuncTol float64
	// InitDamping is λ relative to the largest diagonal element of JᵀJ at
	// the start; zero means 1, a start assumed far from the optimum
	// (1e-3 is the classic value for a start close to it).
	InitDamping float64
}

// Name returns NameLevenbergMarquardt.
func (*LevenbergMarquardt) Name() string { return NameLevenbergMarquardt }

func (m *LevenbergMarquardt) withDefaults() LevenbergMarquardt {
	c := *m
	positiveOr(&c.GradStep, 1e-7)
	positiveOr(&c.GradTol, 1e-10)
	positiveOr(&c.StepTol, 1e-12)
	positiveOr(&c.FuncTol, 1e-14)
	positiveOr(&c.InitDamping, 1)
	return c
}

// errNoResiduals is returned when the method runs on a problem without
// residuals.
var errNoResiduals = errors.New("the Levenberg–Marquardt method needs Problem.Residuals (a least-squares cost)")

// lmPoint is an evaluated point with its residuals.
type lmPoint struct {
	u    []float64
	cost float64
	res  []float64 // nil when the evaluation failed
}

// lmProbe is one finite-difference probe: coordinate k moved by h.
type lmProbe struct {
	k int
	h float64
}

func (m *LevenbergMarquardt) minimize(r *run, st start) (Status, error) {
	if r.prob.Residuals == nil {
		return 0, errNoResiduals
	}
	c := m.withDefaults()
	sp := r.sp
	n := sp.dim()
	x := append([]float64(nil), st.u...)
	sp.project(x)

	// The start and its Jacobian probes, in one batch.
	cur, jac, err := c.evaluateWithProbes(r, x)
	if err != nil {
		return 0, err
	}
	if cur.res == nil {
		return StatusFailed, nil
	}
	lambda := -1.0 // set from JᵀJ at the first iteration
	nu := 2.0
	// speculate: evaluate a trial's Jacobian probes with it, which pays
	// when the trial is accepted; after a rejection, trials go alone until
	// one is accepted.
	speculate := true
	for {
		if jac == nil {
			if jac, err = c.jacobian(r, cur); err != nil {
				return 0, err
			}
		}
		jtj, grad := normalEquations(jac, cur.res)
		if projectedGradientNorm(sp, cur.u, grad) <= c.GradTol {
			return StatusConverged, nil
		}
		if lambda < 0 {
			maxDiag := 0.0
			for k := range n {
				maxDiag = math.Max(maxDiag, jtj.At(k, k))
			}
			lambda = c.InitDamping * maxDiag
			if lambda == 0 {
				lambda = c.InitDamping
			}
		}
		if err := r.nextIteration(); err != nil {
			return 0, err
		}
		accepted := false
		for range maxBacktracks {
			trial, ok := dampedStep(sp, jtj, grad, cur.u, lambda)
			if !ok {
				lambda *= nu
				nu *= 2
				continue
			}
			step := make([]float64, n)
			floats.SubTo(step, trial, cur.u)
			if floats.Norm(step, math.Inf(1)) <= c.StepTol {
				return StatusConverged, nil
			}
			// predicted cost |r + J·s|² of the linear model
			pred := 0.0
			for i, ri := range cur.res {
				v := ri
				for k := range n {
					v += jac.At(i, k) * step[k]
				}
				pred += float64(v * v)
			}
			var next lmPoint
			var nextJac *mat.Dense
			if speculate {
				next, nextJac, err = c.evaluateWithProbes(r, trial)
			} else {
				var out []lmPoint
				out, err = r.evaluateResiduals([][]float64{trial}, []Purpose{PurposeStep})
				if len(out) > 0 {
					next = out[0]
				}
			}
			if err != nil {
				return 0, err
			}
			speculate = next.res != nil && next.cost < cur.cost
			if next.res != nil && next.cost < cur.cost {
				rho := (cur.cost - next.cost) / math.Max(cur.cost-pred, math.SmallestNonzeroFloat64)
				lambda *= math.Max(1.0/3, 1-math.Pow(2*rho-1, 3))
				nu = 2
				small := cur.cost-next.cost <= c.FuncTol*math.Max(math.Abs(cur.cost), math.Abs(next.cost))
				cur, jac = next, nextJac
				accepted = true
				if small {
					return StatusConverged, nil
				}
				break
			}
			lambda *= nu
			nu *= 2
		}
		if !accepted {
			return StatusStalled, nil
		}
	}
}

// normalEquations returns JᵀJ and the cost's gradient 2·Jᵀr.
func normalEquations(jac *mat.Dense, res []float64) (*mat.SymDense, []float64) {
	_, n := jac.Dims()
	jtj := mat.NewSymDense(n, nil)
	jtj.SymOuterK(1, jac.T())
	g := mat.NewVecDense(n, nil)
	g.MulVec(jac.T(), mat.NewVecDense(len(res), append([]float64(nil), res...)))
	grad := make([]float64, n)
	for k := range n {
		grad[k] = 2 * g.AtVec(k)
	}
	return jtj, grad
}

// dampedStep solves the damped normal equations on the coordinates not
// held on a bound and returns the projected trial point.
func dampedStep(sp *space, jtj *mat.SymDense, grad, u []float64, lambda float64) ([]float64, bool) {
	free := freeCoords(sp, u, grad)
	if len(free) == 0 {
		return nil, false
	}
	a := mat.NewSymDense(len(free), nil)
	b := mat.NewVecDense(len(free), nil)
	for p, i := range free {
		b.SetVec(p, -grad[i]/2)
		for q := p; q < len(free); q++ {
			v := jtj.At(i, free[q])
			if p == q {
				// Marquardt's scaling, with a floor for a coordinate the
				// residuals do not see
				v += lambda * math.Max(v, 1e-12)
			}
			a.SetSym(p, q, v)
		}
	}
	var chol mat.Cholesky
	if !chol.Factorize(a) {
		return nil, false
	}
	var s mat.VecDense
	if err := chol.SolveVecTo(&s, b); err != nil {
		return nil, false
	}
	trial := append([]float64(nil), u...)
	for p, i := range free {
		trial[i] += s.AtVec(p)
	}
	sp.project(trial)
	return trial, true
}

// probesAt returns the forward-difference probes around u: each coordinate
// moved by GradStep of its width, away from the nearer bound when the
// step would leave the box.
func (c *LevenbergMarquardt) probesAt(sp *space, u []float64) ([]lmProbe, [][]float64) {
	probes := make([]lmProbe, len(u))
	pts := make([][]float64, len(u))
	for k := range u {
		h := c.GradStep * sp.width(k)
		if u[k]+h > sp.hi[k] {
			h = -h
		}
		p := append([]float64(nil), u...)
		p[k] += h
		sp.project(p)
		probes[k] = lmProbe{k, p[k] - u[k]}
		pts[k] = p
	}
	return probes, pts
}

// evaluateWithProbes evaluates u and the Jacobian probes around it in one
// batch. The Jacobian is nil when u failed; a probe that failed is taken
// again on the other side (see completeJacobian).
func (c *LevenbergMarquardt) evaluateWithProbes(r *run, u []float64) (lmPoint, *mat.Dense, error) {
	probes, pts := c.probesAt(r.sp, u)
	batch := append([][]float64{u}, pts...)
	purposes := make([]Purpose, len(batch))
	purposes[0] = PurposeStep
	for i := 1; i < len(batch); i++ {
		purposes[i] = PurposeGradient
	}
	out, err := r.evaluateResiduals(batch, purposes)
	if err != nil {
		return lmPoint{}, nil, err
	}
	p := out[0]
	if p.res == nil {
		return p, nil, nil
	}
	jac, err := c.completeJacobian(r, p, probes, out[1:])
	return p, jac, err
}

// jacobian probes around p and returns the Jacobian.
func (c *LevenbergMarquardt) jacobian(r *run, p lmPoint) (*mat.Dense, error) {
	probes, pts := c.probesAt(r.sp, p.u)
	purposes := make([]Purpose, len(pts))
	for i := range purposes {
		purposes[i] = PurposeGradient
	}
	out, err := r.evaluateResiduals(pts, purposes)
	if err != nil {
		return nil, err
	}
	return c.completeJacobian(r, p, probes, out)
}

// completeJacobian forms the forward-difference Jacobian at p from the
// probes' results, probing once more, on the other side, each coordinate
// whose probe failed; a coordinate without a good probe gets a zero column.
func (c *LevenbergMarquardt) completeJacobian(r *run, p lmPoint, probes []lmProbe, out []lmPoint) (*mat.Dense, error) {
	jac := mat.NewDense(len(p.res), len(probes), nil)
	var again []lmProbe
	var pts [][]float64
	for k, pr := range probes {
		if !setColumn(jac, p, pr, out[k]) {
			q := append([]float64(nil), p.u...)
			q[pr.k] -= pr.h
			r.sp.project(q)
			if h := q[pr.k] - p.u[pr.k]; h != 0 {
				again = append(again, lmProbe{pr.k, h})
				pts = append(pts, q)
			}
		}
	}
	if len(again) == 0 {
		return jac, nil
	}
	purposes := make([]Purpose, len(pts))
	for i := range purposes {
		purposes[i] = PurposeGradient
	}
	out2, err := r.evaluateResiduals(pts, purposes)
	if err != nil {
		return nil, err
	}
	for i, pr := range again {
		setColumn(jac, p, pr, out2[i])
	}
	return jac, nil
}

// setColumn sets the Jacobian's column of probe pr from its result q; it
// reports false if the probe failed or did not move.
func setColumn(jac *mat.Dense, p lmPoint, pr lmProbe, q lmPoint) bool {
	m := len(p.res)
	if q.res == nil || len(q.res) != m || pr.h == 0 {
		return false
	}
	for i := range m {
		d := (q.res[i] - p.res[i]) / pr.h
		if math.IsNaN(d) || math.IsInf(d, 0) {
			d = 0
		}
		jac.Set(i, pr.k, d)
	}
	return true
}

// evaluateResiduals evaluates a batch like run.evaluate, each point with
// its own purpose, and returns the points with their costs and residuals.
func (r *run) evaluateResiduals(us [][]float64, purposes []Purpose) ([]lmPoint, error) {
	first := len(r.history)
	costs, err := r.evaluateMixed(us, purposes)
	out := make([]lmPoint, len(us))
	for i := range us {
		out[i] = lmPoint{u: append([]float64(nil), us[i]...), cost: math.Inf(1)}
		r.sp.project(out[i].u)
		if i < len(costs) {
			out[i].cost = costs[i]
		}
		if h := first + i; h < len(r.history) && r.history[h].Err == nil {
			res := r.prob.Residuals(r.history[h].Payload)
			if len(res) > 0 && !floats.HasNaN(res) {
				out[i].res = res
			}
		}
	}
	return out, err
}
