package optimize

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// leastSquares returns the test problems that are sums of squares, with
// their residuals as the payload.
func leastSquares() map[string]struct {
	p    Problem
	x    []float64
	cost float64
} {
	type res = []float64
	return map[string]struct {
		p    Problem
		x    []float64
		cost float64
	}{
		// shiftedQuadratic written as squares: a² + 3b² + c² + ac =
		// (a + c/2)² + 3b² + ¾c²
		"shifted quadratic": {Problem{
			Params: []Param{{"Dep", 0, 800}, {"Fac", 0, 100}, {"Use", 0.1, 1}},
			Objective: func(_ context.Context, x []float64) (float64, any, error) {
				a, b, c := (x[0]-310)/800, (x[1]-12)/100, x[2]-0.37
				r := res{a + c/2, math.Sqrt(3) * b, math.Sqrt(0.75) * c}
				return r[0]*r[0] + r[1]*r[1] + r[2]*r[2], r, nil
			},
		}, []float64{310, 12, 0.37}, 0},
		"bound quadratic": {Problem{
			Params: []Param{{"a", 0, 1}, {"b", 0, 1}, {"c", 0, 1}},
			Objective: func(_ context.Context, x []float64) (float64, any, error) {
				r := res{x[0] - 1.5, x[1] - 0.3, x[2] + 0.2}
				return r[0]*r[0] + r[1]*r[1] + r[2]*r[2], r, nil
			},
		}, []float64{1, 0.3, 0}, 0.29},
		"rosenbrock": {Problem{
			Params: []Param{{"x", -2, 2}, {"y", -1, 3}},
			Objective: func(_ context.Context, x []float64) (float64, any, error) {
				r := res{1 - x[0], 10 * (x[1] - x[0]*x[0])}
				return r[0]*r[0] + r[1]*r[1], r, nil
			},
		}, []float64{1, 1}, 0},
	}
}

func residualsPayload(p any) []float64 {
	r, _ := p.([]float64)
	return r
}

func TestLevenbergMarquardtConverges(t *testing.T) {
	for name, tc := range leastSquares() {
		for _, init := range []InitGuess{InitMiddle, InitRandom} {
			t.Run(fmt.Sprintf("%s/%s", name, init), func(t *testing.T) {
				p := tc.p
				p.Residuals = residualsPayload
				var calls atomic.Int64
				res, err := Minimize(context.Background(), guarded(t, p, &calls), &Settings{Init: init, Seed: 3}, &LevenbergMarquardt{})
				if err != nil {
					t.Fatal(err)
				}
				if math.Abs(res.Cost-tc.cost) > 1e-14 {
					t.Errorf("cost %.10g, want %g (status %v, %d evaluations)", res.Cost, tc.cost, res.Status, res.Evaluations)
				}
				for i, w := range tc.x {
					if tol := 1e-7 * (p.Params[i].Hi - p.Params[i].Lo); math.Abs(res.X[i]-w) > tol {
						t.Errorf("%s = %.10g, want %.10g ± %g", p.Params[i].Name, res.X[i], w, tol)
					}
				}
				if int(calls.Load()) != res.Evaluations {
					t.Errorf("%d calls, %d evaluations", calls.Load(), res.Evaluations)
				}
				// where the residuals vanish at the optimum the same problem
				// costs BFGS more evaluations (with a bound active and
				// residuals left, LM's damping makes it slower)
				bfgs, err := Minimize(context.Background(), p, &Settings{Init: init, Seed: 3}, &ProjectedBFGS{})
				if err != nil {
					t.Fatal(err)
				}
				t.Logf("lm %d evaluations (%v), bfgs %d", res.Evaluations, res.Status, bfgs.Evaluations)
				if tc.cost == 0 && res.Evaluations > bfgs.Evaluations {
					t.Errorf("lm took %d evaluations, bfgs %d", res.Evaluations, bfgs.Evaluations)
				}
			})
		}
	}
}

func TestLevenbergMarquardtNeedsResiduals(t *testing.T) {
	_, err := Minimize(context.Background(), shiftedQuadratic(), nil, &LevenbergMarquardt{})
	if err == nil || !strings.Contains(err.Error(), "needs Problem.Residuals") {
		t.Errorf("error %v", err)
	}
}

// TestLevenbergMarquardtFailures runs on the shifted quadratic with the
// holes of hostile(): failed trials make the damping grow, failed probes
// are taken on the other side, and the optimum is still reached.
func TestLevenbergMarquardtFailures(t *testing.T) {
	p := leastSquares()["shifted quadratic"].p
	inner := p.Objective
	p.Objective = func(ctx context.Context, x []float64) (float64, any, error) {
		switch {
		case x[0] > 600:
			return math.NaN(), nil, nil
		case x[1] > 80:
			return 0, nil, errSimulation
		case x[2] < 0.15:
			panic("boom")
		}
		return inner(ctx, x)
	}
	p.Residuals = residualsPayload
	for _, x0 := range [][]float64{nil, {600, 80, 0.15}} {
		res, err := Minimize(context.Background(), p, &Settings{X0: x0}, &LevenbergMarquardt{})
		if err != nil || res.Cost > 1e-14 || res.History[res.BestIndex].Failed() {
			t.Errorf("from %v: cost %g, error %v", x0, res.Cost, err)
		}
	}
	// a start in a hole cannot start
	res, err := Minimize(context.Background(), p, &Settings{X0: []float64{700, 12, 0.37}}, &LevenbergMarquardt{})
	if err == nil || res.Status != StatusFailed || !errors.Is(err, ErrNonFiniteCost) {
		t.Errorf("from a NaN start: status %v, error %v", res.Status, err)
	}
}

func TestLevenbergMarquardtReproducible(t *testing.T) {
	p := leastSquares()["rosenbrock"].p
	p.Residuals = residualsPayload
	var views [][]historyView
	for _, workers := range []int{1, 4, 1} {
		res, err := Minimize(context.Background(), p, &Settings{Init: InitRandom, Seed: 9, Workers: workers}, &LevenbergMarquardt{})
		if err != nil {
			t.Fatal(err)
		}
		views = append(views, view(res.History))
	}
	for i := 1; i < len(views); i++ {
		if diff := cmp.Diff(views[0], views[i]); diff != "" {
			t.Errorf("run %d differs (-first +this):\n%s", i, diff)
		}
	}
}
