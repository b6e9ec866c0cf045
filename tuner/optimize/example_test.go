package optimize_test

import (
	"context"
	"fmt"
	"log"
	"math"

	"github.com/synaptune/synaptune/tuner/optimize"
)

// rosenbrock is Rosenbrock's valley, minimum 0 at (1, 1). It is a sum of
// two squares, whose terms it returns as the payload.
func rosenbrock(_ context.Context, x []float64) (float64, any, error) {
	a, b := 1-x[0], x[1]-x[0]*x[0]
	return a*a + 100*b*b, []float64{a, 10 * b}, nil
}

// rosenbrockResiduals reads the residuals from rosenbrock's payload.
func rosenbrockResiduals(payload any) []float64 { return payload.([]float64) }

// Minimize with the default method ("auto") on a cost with eight minima:
// the global phase finds the deepest, the local phase pins it down.
func ExampleMinimize() {
	wells := func(_ context.Context, x []float64) (float64, any, error) {
		var s float64
		for _, v := range x {
			w := v*v - 1
			s += w*w + 0.3*v // a tilted double well per parameter
		}
		return s, nil, nil
	}
	p := optimize.Problem{
		Params:    []optimize.Param{{Name: "p", Lo: -1.5, Hi: 2.5}, {Name: "q", Lo: -1.5, Hi: 2.5}, {Name: "r", Lo: -1.5, Hi: 2.5}},
		Objective: wells,
	}
	res, err := optimize.Minimize(context.Background(), p, &optimize.Settings{Seed: 1}, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("method:", res.Method, "status:", res.Status)
	fmt.Printf("x: %.6f\n", res.X)
	fmt.Printf("cost: %.9f\n", res.Cost)
	fmt.Println("evaluations:", res.Evaluations)
	// Output:
	// method: auto status: converged
	// x: [-1.035579 -1.035579 -1.035579]
	// cost: -0.916285451
	// evaluations: 324
}

// The projected BFGS method ends exactly on the bounds that hold the
// optimum: here a and c, while b is free.
func ExampleProjectedBFGS() {
	p := optimize.Problem{
		Params: []optimize.Param{{Name: "a", Lo: 0, Hi: 1}, {Name: "b", Lo: 0, Hi: 1}, {Name: "c", Lo: 0, Hi: 1}},
		Objective: func(_ context.Context, x []float64) (float64, any, error) {
			a, b, c := x[0]-1.5, x[1]-0.3, x[2]+0.2 // unconstrained minimum outside the box
			return a*a + b*b + c*c, nil, nil
		},
	}
	res, err := optimize.Minimize(context.Background(), p, nil, &optimize.ProjectedBFGS{})
	if err != nil {
		log.Fatal(err)
	}
	x := res.Params()
	fmt.Printf("%v: a %.6g, b %.6g, c %.6g\n", res.Status, x["a"], x["b"], x["c"])
	fmt.Printf("cost %.12f after %d evaluations in %d iterations\n", res.Cost, res.Evaluations, res.Iterations)
	// Output:
	// converged: a 1, b 0.3, c 0
	// cost 0.290000000000 after 20 evaluations in 4 iterations
}

// Every method on Rosenbrock's valley in a box, from the middle guess.
func ExampleMethodByName() {
	p := optimize.Problem{
		Params:    []optimize.Param{{Name: "x", Lo: -2, Hi: 2}, {Name: "y", Lo: -1, Hi: 3}},
		Objective: rosenbrock,
		Residuals: rosenbrockResiduals, // a least-squares problem: "lm" applies
	}
	for _, name := range optimize.MethodNames() {
		m, err := optimize.MethodByName(name)
		if err != nil {
			log.Fatal(err)
		}
		res, err := optimize.Minimize(context.Background(), p, nil, m)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%-5s %-16s cost %.0e x %.4f evaluations %d\n", name, res.Status, res.Cost, res.X, res.Evaluations)
	}
	// Output:
	// auto  converged        cost 1e-21 x [1.0000 1.0000] evaluations 324
	// bfgs  converged        cost 1e-21 x [1.0000 1.0000] evaluations 102
	// cmaes evaluation limit cost 6e-10 x [1.0000 1.0000] evaluations 2000
	// lm    converged        cost 1e-23 x [1.0000 1.0000] evaluations 63
}

// bmtool's normalisation of the seed's bounds: each parameter divided by
// the larger magnitude of its bounds.
func ExampleProblem_Normalize() {
	p := optimize.Problem{Params: []optimize.Param{
		{Name: "Dep", Lo: 0, Hi: 800}, {Name: "Fac", Lo: 0, Hi: 100}, {Name: "Use", Lo: 0.1, Hi: 1},
	}}
	fmt.Println(p.Normalize([]float64{400, 50, 0.55}))
	fmt.Println(p.Denormalize([]float64{0.25, 0.1, 0.05})) // clipped to the bounds
	// Output:
	// [0.5 0.5 0.55]
	// [200 10 0.1]
}

// The objective's payload (here a map of metrics) is kept with every
// evaluation, and the result carries the payload of the best point.
func ExampleResult() {
	type metrics map[string]float64
	p := optimize.Problem{
		Params: []optimize.Param{{Name: "Use", Lo: 0.1, Hi: 1}},
		Objective: func(_ context.Context, x []float64) (float64, any, error) {
			induction := 0.5 - x[0] // a stand-in for a simulation
			cost := (induction + 0.1) * (induction + 0.1)
			return cost, metrics{"induction": induction}, nil
		},
	}
	res, err := optimize.Minimize(context.Background(), p, &optimize.Settings{TargetCost: 1e-12}, &optimize.ProjectedBFGS{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Status)
	fmt.Printf("Use %.6f induction %.6f\n", res.X[0], res.Payload.(metrics)["induction"])
	first := res.History[0]
	fmt.Printf("first evaluation: Use %.2f induction %.2f cost %.4f\n", first.X[0], first.Payload.(metrics)["induction"], first.Cost)
	// Output:
	// target reached
	// Use 0.600000 induction -0.100000
	// first evaluation: Use 0.55 induction -0.05 cost 0.0025
}

// A least-squares fit in a box: the decay of y = a·exp(−t/τ) + c through
// five noiseless points. The objective returns the residuals as its
// payload, and Problem.Residuals reads them back, which the
// Levenberg–Marquardt method needs.
func ExampleLevenbergMarquardt() {
	ts := []float64{0, 1, 2, 4, 8}
	ys := make([]float64, len(ts))
	for i, t := range ts {
		ys[i] = 2*math.Exp(-t/3) + 0.5
	}
	p := optimize.Problem{
		Params: []optimize.Param{{Name: "a", Lo: 0, Hi: 10}, {Name: "tau", Lo: 0.1, Hi: 20}, {Name: "c", Lo: -1, Hi: 1}},
		Objective: func(_ context.Context, x []float64) (float64, any, error) {
			res := make([]float64, len(ts))
			cost := 0.0
			for i, t := range ts {
				res[i] = x[0]*math.Exp(-t/x[1]) + x[2] - ys[i]
				cost += res[i] * res[i]
			}
			return cost, res, nil
		},
		Residuals: func(payload any) []float64 { return payload.([]float64) },
	}
	res, err := optimize.Minimize(context.Background(), p, nil, &optimize.LevenbergMarquardt{})
	if err != nil {
		log.Fatal(err)
	}
	x := res.Params()
	fmt.Printf("%v: a %.6f, tau %.6f, c %.6f, cost below 1e-20: %v\n", res.Status, x["a"], x["tau"], x["c"], res.Cost < 1e-20)
	// Output:
	// converged: a 2.000000, tau 3.000000, c 0.500000, cost below 1e-20: true
}
