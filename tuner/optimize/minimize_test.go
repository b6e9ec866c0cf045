package optimize

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var allMethods = []string{NameProjectedBFGS, NameCMAES, NameAuto}

func method(t testing.TB, name string) Method {
	t.Helper()
	m, err := MethodByName(name)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// guarded wraps p's objective with a check that every point lies within
// the bounds, and counts the calls.
func guarded(t *testing.T, p Problem, calls *atomic.Int64) Problem {
	inner := p.Objective
	params := p.Params
	p.Objective = func(ctx context.Context, x []float64) (float64, any, error) {
		calls.Add(1)
		if len(x) != len(params) {
			t.Errorf("objective got %d values for %d parameters", len(x), len(params))
		}
		for i, v := range x {
			if !(v >= params[i].Lo && v <= params[i].Hi) {
				t.Errorf("objective evaluated %s = %v outside [%v, %v]", params[i].Name, v, params[i].Lo, params[i].Hi)
			}
		}
		return inner(ctx, x)
	}
	return p
}

func TestBoundsHoldForEveryEvaluation(t *testing.T) {
	// Besides the test problems: optima pushed hard against bounds of
	// every sign, a fixed parameter, a zero-width parameter at 0 and a
	// very narrow one.
	edge := Problem{
		Params: []Param{{"neg", -3, -1}, {"fixed", 2, 2}, {"zero", 0, 0}, {"narrow", 100, 100.001}, {"pos", 0.1, 1}},
		Objective: func(_ context.Context, x []float64) (float64, any, error) {
			return 5*x[0] - x[3] + (x[4]-7)*(x[4]-7) + x[1] + x[2], nil, nil
		},
	}
	problems := map[string]Problem{
		"shifted quadratic": shiftedQuadratic(), "bound quadratic": boundQuadratic(),
		"rosenbrock": rosenbrock(), "tilted wells": tiltedWells(), "edge": edge,
	}
	for pname, p := range problems {
		for _, mname := range allMethods {
			for _, init := range []InitGuess{InitMiddle, InitRandom} {
				t.Run(fmt.Sprintf("%s/%s/%s", pname, mname, init), func(t *testing.T) {
					var calls atomic.Int64
					res, err := Minimize(context.Background(), guarded(t, p, &calls), &Settings{Init: init, Seed: 11, MaxEvaluations: 600}, method(t, mname))
					if err != nil {
						t.Fatal(err)
					}
					if int(calls.Load()) != res.Evaluations || len(res.History) != res.Evaluations {
						t.Errorf("%d calls, %d evaluations, %d in history", calls.Load(), res.Evaluations, len(res.History))
					}
					for i, e := range res.History {
						if e.Index != i {
							t.Fatalf("history[%d].Index = %d", i, e.Index)
						}
					}
				})
			}
		}
	}
	// The edge problem's optimum is every parameter on its bound.
	res, err := Minimize(context.Background(), edge, nil, method(t, NameProjectedBFGS))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]float64{-3, 2, 0, 100.001, 1}, res.X); diff != "" {
		t.Errorf("edge optimum (-want +got):\n%s", diff)
	}
}

// historyView is what must repeat between runs.
type historyView struct {
	Index, Iteration int
	Purpose          Purpose
	X                []float64
	Cost             float64
	Err              string
}

func view(h []Evaluation) []historyView {
	v := make([]historyView, len(h))
	for i, e := range h {
		v[i] = historyView{e.Index, e.Iteration, e.Purpose, e.X, e.Cost, fmt.Sprint(e.Err)}
	}
	return v
}

func TestReproducible(t *testing.T) {
	// A failing region exercises the failure paths too.
	p := tiltedWells()
	inner := p.Objective
	p.Objective = func(ctx context.Context, x []float64) (float64, any, error) {
		if x[0] > 2 {
			return math.NaN(), nil, nil
		}
		return inner(ctx, x)
	}
	for _, mname := range allMethods {
		t.Run(mname, func(t *testing.T) {
			runOnce := func(procs, workers int) *Result {
				defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
				res, err := Minimize(context.Background(), p, &Settings{Init: InitRandom, Seed: 42, Workers: workers, MaxEvaluations: 500}, method(t, mname))
				if err != nil {
					t.Fatal(err)
				}
				return res
			}
			first := runOnce(2, 0)
			for _, c := range []struct{ procs, workers int }{{2, 0}, {1, 0}, {1, 5}, {2, 1}} {
				again := runOnce(c.procs, c.workers)
				if diff := cmp.Diff(view(first.History), view(again.History)); diff != "" {
					t.Errorf("GOMAXPROCS %d, workers %d: history differs (-first +again):\n%s", c.procs, c.workers, diff)
				}
				if first.Cost != again.Cost || first.BestIndex != again.BestIndex || first.Status != again.Status {
					t.Errorf("GOMAXPROCS %d, workers %d: result %v/%d/%v, first %v/%d/%v", c.procs, c.workers,
						again.Cost, again.BestIndex, again.Status, first.Cost, first.BestIndex, first.Status)
				}
			}
			other, err := Minimize(context.Background(), p, &Settings{Init: InitRandom, Seed: 43, MaxEvaluations: 500}, method(t, mname))
			if err != nil {
				t.Fatal(err)
			}
			if cmp.Equal(view(first.History), view(other.History)) {
				t.Error("seeds 42 and 43 gave the same history")
			}
		})
	}
}

var errSimulation = errors.New("simulation diverged")

// hostile is the shifted quadratic with holes: NaN above Dep 600, an
// error above Fac 80, a panic below Use 0.15 and +Inf in a band of Dep.
func hostile() Problem {
	p := shiftedQuadratic()
	inner := p.Objective
	p.Objective = func(ctx context.Context, x []float64) (float64, any, error) {
		switch {
		case x[0] > 600:
			return math.NaN(), "nan", nil
		case x[1] > 80:
			return 0, "error", errSimulation
		case x[2] < 0.15:
			panic("boom")
		case x[0] > 500 && x[0] < 520:
			return math.Inf(1), "inf", nil
		}
		c, _, err := inner(ctx, x)
		return c, "ok", err
	}
	return p
}

func TestFailedEvaluations(t *testing.T) {
	for _, mname := range allMethods {
		t.Run(mname, func(t *testing.T) {
			res, err := Minimize(context.Background(), hostile(), &Settings{MaxEvaluations: 1000}, method(t, mname))
			if err != nil {
				t.Fatal(err)
			}
			if res.BestIndex < 0 || res.Payload != "ok" || res.History[res.BestIndex].Failed() {
				t.Fatalf("best %d with payload %v", res.BestIndex, res.Payload)
			}
			limit := 1e-12
			if mname == NameCMAES {
				limit = 1e-4 // gonum's CMA-ES closes in slowly
			}
			if res.Cost > limit {
				t.Errorf("cost %g, want at most %g", res.Cost, limit)
			}
			kinds := map[string]int{}
			for _, e := range res.History {
				if math.IsNaN(e.Cost) {
					t.Fatalf("evaluation %d has a NaN cost", e.Index)
				}
				if e.Failed() != math.IsInf(e.Cost, 1) {
					t.Fatalf("evaluation %d: cost %v, error %v", e.Index, e.Cost, e.Err)
				}
				switch {
				case errors.Is(e.Err, errSimulation):
					kinds["error"]++
				case errors.Is(e.Err, ErrNonFiniteCost):
					kinds["non-finite"]++
				case e.Err != nil:
					kinds["panic"]++
				}
			}
			t.Logf("failures: %v of %d", kinds, res.Evaluations)
		})
	}
	// A start on the edge of three holes: the forward probes of Dep and
	// Fac fail (and are taken again on the other side), central probes
	// fail for all three parameters.
	for _, tc := range []struct {
		m          *ProjectedBFGS
		minFailed  int
		methodName string
	}{{&ProjectedBFGS{}, 2, "forward"}, {&ProjectedBFGS{Central: true}, 3, "central"}} {
		res, err := Minimize(context.Background(), hostile(), &Settings{X0: []float64{600, 80, 0.15}}, tc.m)
		if err != nil || res.Cost > 1e-12 {
			t.Errorf("bfgs (%s) from the edge of the holes: cost %g, error %v", tc.methodName, res.Cost, err)
			continue
		}
		failed := 0
		for _, e := range res.History {
			if e.Failed() {
				failed++
			}
		}
		if failed < tc.minFailed {
			t.Errorf("bfgs (%s) from the edge of the holes: %d failed evaluations, want at least %d", tc.methodName, failed, tc.minFailed)
		}
	}
	// A start in a hole: the global methods leave it, the local one
	// reports that it cannot start.
	set := &Settings{X0: []float64{700, 12, 0.37}, MaxEvaluations: 800}
	res, err := Minimize(context.Background(), hostile(), set, method(t, NameAuto))
	if err != nil || res.Cost > 1e-6 {
		t.Errorf("auto from a NaN start: cost %g, error %v", res.Cost, err)
	}
	res, err = Minimize(context.Background(), hostile(), set, method(t, NameProjectedBFGS))
	if err == nil || res.Status != StatusFailed || !errors.Is(err, ErrNonFiniteCost) {
		t.Errorf("bfgs from a NaN start: status %v, error %v", res.Status, err)
	}
}

func TestEveryEvaluationFails(t *testing.T) {
	p := Problem{Params: []Param{{"a", 0, 1}, {"b", 0, 1}}, Objective: func(context.Context, []float64) (float64, any, error) {
		return 0, nil, errSimulation
	}}
	for _, mname := range allMethods {
		res, err := Minimize(context.Background(), p, &Settings{MaxEvaluations: 100}, method(t, mname))
		if !errors.Is(err, errSimulation) || res == nil || res.BestIndex != -1 || !math.IsInf(res.Cost, 1) {
			t.Errorf("%s: result %+v, error %v", mname, res, err)
		}
	}
}

func TestConvergence(t *testing.T) {
	type want struct {
		x      []float64
		xTol   float64 // relative to the box width
		cost   float64
		minTol float64
	}
	problems := []struct {
		name string
		p    func() Problem
		want want
		// methods that must reach it from both starts
		methods []string
	}{
		{"shifted quadratic", shiftedQuadratic, want{[]float64{310, 12, 0.37}, 1e-7, 0, 1e-14}, []string{NameProjectedBFGS, NameAuto}},
		{"bound quadratic", boundQuadratic, want{[]float64{1, 0.3, 0}, 1e-8, 0.29, 1e-14}, []string{NameProjectedBFGS, NameAuto}},
		{"rosenbrock", rosenbrock, want{[]float64{1, 1}, 1e-7, 0, 1e-14}, []string{NameProjectedBFGS, NameAuto}},
		{"tilted wells", tiltedWells, want{[]float64{tiltedWellMin, tiltedWellMin, tiltedWellMin}, 1e-7, tiltedWellsMin, 1e-12}, []string{NameAuto}},
		// gonum's CMA-ES is slower to close in: looser figures.
		{"shifted quadratic", shiftedQuadratic, want{[]float64{310, 12, 0.37}, 2e-3, 0, 1e-5}, []string{NameCMAES}},
		{"bound quadratic", boundQuadratic, want{[]float64{1, 0.3, 0}, 1e-3, 0.29, 1e-6}, []string{NameCMAES}},
		{"tilted wells", tiltedWells, want{[]float64{tiltedWellMin, tiltedWellMin, tiltedWellMin}, 5e-3, tiltedWellsMin, 1e-4}, []string{NameCMAES}},
	}
	for _, pc := range problems {
		for _, mname := range pc.methods {
			for _, init := range []InitGuess{InitMiddle, InitRandom} {
				t.Run(fmt.Sprintf("%s/%s/%s", pc.name, mname, init), func(t *testing.T) {
					p := pc.p()
					res, err := Minimize(context.Background(), p, &Settings{Init: init, Seed: 1}, method(t, mname))
					if err != nil {
						t.Fatal(err)
					}
					if math.Abs(res.Cost-pc.want.cost) > pc.want.minTol {
						t.Errorf("cost %.10g, want %.10g ± %g (status %v, %d evaluations)", res.Cost, pc.want.cost, pc.want.minTol, res.Status, res.Evaluations)
					}
					for i, w := range pc.want.x {
						tol := pc.want.xTol * (p.Params[i].Hi - p.Params[i].Lo)
						if math.Abs(res.X[i]-w) > tol {
							t.Errorf("%s = %.10g, want %.10g ± %g", p.Params[i].Name, res.X[i], w, tol)
						}
					}
				})
			}
		}
	}
	// The local method alone stays in the basin it starts in.
	res, err := Minimize(context.Background(), tiltedWells(), nil, method(t, NameProjectedBFGS))
	if err != nil || res.Cost < 0.88 {
		t.Errorf("bfgs on tilted wells from the middle: cost %g, error %v; want the local minimum 0.8824", res.Cost, err)
	}
}

func TestBestIsReturnedNotLast(t *testing.T) {
	// Payload is the point as text; the best point must come with its
	// own payload, whatever was evaluated last.
	p := boundQuadratic()
	inner := p.Objective
	p.Objective = func(ctx context.Context, x []float64) (float64, any, error) {
		c, _, err := inner(ctx, x)
		return c, fmt.Sprint(x), err
	}
	res, err := Minimize(context.Background(), p, nil, method(t, NameAuto))
	if err != nil {
		t.Fatal(err)
	}
	best := res.History[res.BestIndex]
	if res.Payload != fmt.Sprint(best.X) || res.Cost != best.Cost || !cmp.Equal(res.X, best.X) {
		t.Errorf("result %v %v %v, best evaluation %v %v %v", res.X, res.Cost, res.Payload, best.X, best.Cost, best.Payload)
	}
	for _, e := range res.History {
		if e.Cost < res.Cost {
			t.Fatalf("evaluation %d costs %g, below the result %g", e.Index, e.Cost, res.Cost)
		}
	}
	if last := res.History[len(res.History)-1]; last.Index == res.BestIndex {
		t.Log("the last evaluation happens to be the best")
	}
	if got := res.Params(); !cmp.Equal(got, map[string]float64{"a": res.X[0], "b": res.X[1], "c": res.X[2]}) {
		t.Errorf("Params() = %v", got)
	}
}

func TestLimitsAndTarget(t *testing.T) {
	ctx := context.Background()
	for _, mname := range allMethods {
		res, err := Minimize(ctx, rosenbrock(), &Settings{MaxEvaluations: 37}, method(t, mname))
		if err != nil || res.Status != StatusEvaluationLimit || res.Evaluations != 37 {
			t.Errorf("%s: MaxEvaluations 37: status %v, %d evaluations, error %v", mname, res.Status, res.Evaluations, err)
		}
		res, err = Minimize(ctx, rosenbrock(), &Settings{MaxIterations: 3}, method(t, mname))
		if err != nil || res.Status != StatusIterationLimit || res.Iterations != 3 {
			t.Errorf("%s: MaxIterations 3: status %v, %d iterations, error %v", mname, res.Status, res.Iterations, err)
		}
		res, err = Minimize(ctx, rosenbrock(), &Settings{TargetCost: 1e-3}, method(t, mname))
		last := res.History[len(res.History)-1]
		if err != nil || res.Status != StatusTargetReached || res.Cost > 1e-3 {
			t.Errorf("%s: TargetCost 1e-3: status %v, cost %g, error %v", mname, res.Status, res.Cost, err)
		}
		// The run stops with the batch that reached the target.
		for _, e := range res.History[:len(res.History)-1] {
			if e.Cost <= 1e-3 && e.Iteration < last.Iteration && e.Purpose != PurposeGradient {
				t.Errorf("%s: evaluation %d reached the target before the run stopped", mname, e.Index)
				break
			}
		}
	}
}

func TestCancelAndProgress(t *testing.T) {
	for _, mname := range allMethods {
		t.Run(mname, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var reports []Progress
			set := &Settings{Progress: func(p Progress) {
				reports = append(reports, p)
				if p.Evaluations >= 50 {
					cancel()
				}
			}}
			res, err := Minimize(ctx, rosenbrock(), set, method(t, mname))
			if !errors.Is(err, context.Canceled) || res == nil || res.Status != StatusCancelled {
				t.Fatalf("status %v, error %v", res.Status, err)
			}
			if res.Evaluations < 50 || res.Evaluations > 50+30 {
				t.Errorf("%d evaluations after cancelling at 50", res.Evaluations)
			}
			if res.BestIndex < 0 || math.IsInf(res.Cost, 0) {
				t.Errorf("no best point after cancelling: %+v", res)
			}
			for i := 1; i < len(reports); i++ {
				if reports[i].Evaluations <= reports[i-1].Evaluations || reports[i].BestCost > reports[i-1].BestCost {
					t.Fatalf("progress %d %+v after %+v", i, reports[i], reports[i-1])
				}
			}
			if last := reports[len(reports)-1]; last.Evaluations != res.Evaluations || last.BestCost != res.Cost {
				t.Errorf("last progress %+v, result %d evaluations cost %g", last, res.Evaluations, res.Cost)
			}
		})
	}
	// Cancelled before the start: no evaluation at all.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := Minimize(ctx, rosenbrock(), nil, nil)
	if !errors.Is(err, context.Canceled) || res.Evaluations != 0 || res.Status != StatusCancelled {
		t.Errorf("pre-cancelled run: %d evaluations, status %v, error %v", res.Evaluations, res.Status, err)
	}
}

func TestAllParametersFixed(t *testing.T) {
	p := Problem{Params: []Param{{"a", 2, 2}, {"b", 0, 0}}, Objective: func(_ context.Context, x []float64) (float64, any, error) {
		return x[0] + x[1], "only", nil
	}}
	res, err := Minimize(context.Background(), p, nil, nil)
	if err != nil || res.Evaluations != 1 || res.Cost != 2 || res.Payload != "only" || res.Status != StatusConverged {
		t.Errorf("result %+v, error %v", res, err)
	}
}

func TestPenalised(t *testing.T) {
	inf := math.Inf(1)
	tests := []struct{ cost, d2, want float64 }{
		{2, 0, 2},
		{2, 0.5, 3.5},
		{-3, 0.25, -2},
		{inf, 0, inf},
		{inf, 0.1, inf},
	}
	for _, tc := range tests {
		if got := penalised(tc.cost, tc.d2); got != tc.want {
			t.Errorf("penalised(%v, %v) = %v, want %v", tc.cost, tc.d2, got, tc.want)
		}
	}
}

func TestAutoLocalFirst(t *testing.T) {
	ctx := context.Background()
	m := &Auto{LocalFirst: true}
	// A reachable target ends the run in the first, local phase.
	res, err := Minimize(ctx, shiftedQuadratic(), &Settings{TargetCost: 1e-10}, m)
	if err != nil || res.Status != StatusTargetReached || res.Evaluations > 60 {
		t.Errorf("shifted quadratic to 1e-10: status %v after %d evaluations, error %v", res.Status, res.Evaluations, err)
	}
	for _, e := range res.History {
		if e.Purpose == PurposeSample {
			t.Fatalf("evaluation %d is a CMA-ES sample: the global phase ran", e.Index)
		}
	}
	// Without a target the global phase still finds the deepest well, from
	// the middle, where the first local phase finds the shallowest.
	res, err = Minimize(ctx, tiltedWells(), nil, m)
	if err != nil || math.Abs(res.Cost-tiltedWellsMin) > 1e-12 {
		t.Errorf("tilted wells: cost %.12g, want %.12g; error %v", res.Cost, tiltedWellsMin, err)
	}
	if first := res.History[0]; first.Purpose != PurposeStep || first.Iteration != 0 {
		t.Errorf("first evaluation %+v, want the local phase's start", first)
	}
}
