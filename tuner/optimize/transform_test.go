package optimize

import (
	"context"
	"math"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
	gonum "gonum.org/v1/gonum/optimize"
)

// sineTransformLBFGS is the alternative ProjectedBFGS was preferred to:
// gonum's LBFGS, with central finite differences, on z where every
// parameter is mid + half·sin z. It returns the point reached and the
// number of evaluations.
func sineTransformLBFGS(p Problem, x0 []float64) ([]float64, int) {
	n := len(p.Params)
	toX := func(z []float64) []float64 {
		x := make([]float64, n)
		for i, par := range p.Params {
			mid, half := (par.Lo+par.Hi)/2, (par.Hi-par.Lo)/2
			x[i] = clamp(mid+half*math.Sin(z[i]), par.Lo, par.Hi)
		}
		return x
	}
	z0 := make([]float64, n)
	for i, par := range p.Params {
		mid, half := (par.Lo+par.Hi)/2, (par.Hi-par.Lo)/2
		z0[i] = math.Asin(clamp((x0[i]-mid)/half, -1, 1))
	}
	evals := 0
	f := func(z []float64) float64 {
		evals++
		c, _, _ := p.Objective(context.Background(), toX(z))
		return c
	}
	prob := gonum.Problem{Func: f, Grad: func(g, z []float64) {
		fd.Gradient(g, f, z, &fd.Settings{Formula: fd.Central})
	}}
	res, _ := gonum.Minimize(prob, z0, nil, &gonum.LBFGS{})
	return toX(res.X), evals
}

// TestProjectionAgainstSineTransform pins the reasons for the choice of
// the local method: on an optimum at bounds the transform needs many more
// evaluations, and from a start on a bound it cannot leave (sin' = 0
// there, so the transformed gradient vanishes whatever the cost's slope).
func TestProjectionAgainstSineTransform(t *testing.T) {
	p := boundQuadratic()
	want := []float64{1, 0.3, 0}
	middle := []float64{0.5, 0.5, 0.5}

	res, err := Minimize(context.Background(), p, &Settings{X0: middle}, &ProjectedBFGS{})
	if err != nil {
		t.Fatal(err)
	}
	xs, evals := sineTransformLBFGS(p, middle)
	if res.Evaluations*3 > evals {
		t.Errorf("projected BFGS took %d evaluations, the sine transform %d: want at most a third", res.Evaluations, evals)
	}
	for i := range want {
		if math.Abs(xs[i]-want[i]) > 1e-6 || res.X[i] != want[i] && math.Abs(res.X[i]-want[i]) > 1e-8 {
			t.Errorf("parameter %d: projected %v, transform %v, want %v", i, res.X[i], xs[i], want[i])
		}
	}

	// Start on the wrong bounds, slopes pointing into the box.
	corner := []float64{0, 1, 1}
	res, err = Minimize(context.Background(), p, &Settings{X0: corner}, &ProjectedBFGS{})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(res.Cost-0.29) > 1e-14 {
		t.Errorf("projected BFGS from the corner: cost %.15g, want 0.29", res.Cost)
	}
	xs, _ = sineTransformLBFGS(p, corner)
	if xs[0] != 0 || xs[2] != 1 {
		t.Errorf("the sine transform left the corner (now %v): the argument for projection no longer holds", xs)
	}
}
