package optimize

import "context"

// Test problems with known optima, in problem units.

// shiftedQuadratic has its minimum 0 inside the box, at Dep 310, Fac 12,
// Use 0.37, on bmtool-like bounds; a coupling term makes it non-separable.
func shiftedQuadratic() Problem {
	return Problem{
		Params: []Param{{"Dep", 0, 800}, {"Fac", 0, 100}, {"Use", 0.1, 1}},
		Objective: func(_ context.Context, x []float64) (float64, any, error) {
			a := (x[0] - 310) / 800
			b := (x[1] - 12) / 100
			c := x[2] - 0.37
			return a*a + 3*b*b + c*c + a*c, nil, nil
		},
	}
}

// boundQuadratic has its unconstrained minimum outside the box [0, 1]³
// at (1.5, 0.3, −0.2); the box minimum is (1, 0.3, 0) with cost 0.29.
func boundQuadratic() Problem {
	return Problem{
		Params: []Param{{"a", 0, 1}, {"b", 0, 1}, {"c", 0, 1}},
		Objective: func(_ context.Context, x []float64) (float64, any, error) {
			a, b, c := x[0]-1.5, x[1]-0.3, x[2]+0.2
			return a*a + b*b + c*c, nil, nil
		},
	}
}

// rosenbrock is Rosenbrock's valley in the box [−2, 2]×[−1, 3], minimum 0
// at (1, 1).
func rosenbrock() Problem {
	return Problem{
		Params: []Param{{"x", -2, 2}, {"y", -1, 3}},
		Objective: func(_ context.Context, x []float64) (float64, any, error) {
			a, b := 1-x[0], x[1]-x[0]*x[0]
			return a*a + 100*b*b, nil, nil
		},
	}
}

// tiltedWells is a sum of tilted double wells, (x² − 1)² + 0.3·x per
// coordinate, in [−1.5, 2.5]³: eight minima, the global one at every
// coordinate −1.0368…, from the middle start the local method rolls into
// the worst, every coordinate +0.9612….
func tiltedWells() Problem {
	return Problem{
		Params: []Param{{"p", -1.5, 2.5}, {"q", -1.5, 2.5}, {"r", -1.5, 2.5}},
		Objective: func(_ context.Context, x []float64) (float64, any, error) {
			var s float64
			for _, v := range x {
				w := v*v - 1
				s += w*w + 0.3*v
			}
			return s, nil, nil
		},
	}
}

// tiltedWellMin is the global minimiser of one tilted well, the root of
// 4x³ − 4x + 0.3 near −1, and tiltedWellsMin the global minimum.
var tiltedWellMin, tiltedWellsMin = func() (float64, float64) {
	x := -1.0
	for range 50 {
		x -= (4*x*x*x - 4*x + 0.3) / (12*x*x - 4)
	}
	w := x*x - 1
	return x, 3 * (w*w + 0.3*x)
}()
