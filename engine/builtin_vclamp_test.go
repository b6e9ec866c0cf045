package engine

import (
	"math"
	"math/rand/v2"
	"testing"
)

// simeq3 is the reference for vclampLU: it solves a 3×3 system (augmented by its right-hand side) in the
// order of scopmath's simeq: partial pivoting through a permutation vector,
// row normalisation, row reduction and back substitution. The loops of
// simeq are written out for n = 3 (the same operations in the same order),
// and the permutation holds the rows themselves rather than their indices.
func simeq3(c *[3][4]float64, soln *[3]float64) error {
	perm := [3]*[4]float64{&c[0], &c[1], &c[2]}
	isave := 0
	// column 0
	p := perm[0]
	if r := perm[1]; math.Abs(p[0]) < math.Abs(r[0]) {
		p, isave = r, 1
	}
	if r := perm[2]; math.Abs(p[0]) < math.Abs(r[0]) {
		p, isave = r, 2
	}
	if math.Abs(p[0]) < 1.e-20 {
		return errSingular
	}
	if p != perm[0] {
		perm[isave] = perm[0]
		perm[0] = p
	}
	p[1] /= p[0]
	p[2] /= p[0]
	p[3] /= p[0]
	r := perm[1]
	r[1] -= p[1] * r[0]
	r[2] -= p[2] * r[0]
	r[3] -= p[3] * r[0]
	r = perm[2]
	r[1] -= p[1] * r[0]
	r[2] -= p[2] * r[0]
	r[3] -= p[3] * r[0]
	// column 1
	p = perm[1]
	if r := perm[2]; math.Abs(p[1]) < math.Abs(r[1]) {
		p, isave = r, 2
	}
	if math.Abs(p[1]) < 1.e-20 {
		return errSingular
	}
	if p != perm[1] {
		perm[isave] = perm[1]
		perm[1] = p
	}
	p[2] /= p[1]
	p[3] /= p[1]
	r = perm[2]
	r[2] -= p[2] * r[1]
	r[3] -= p[3] * r[1]
	// column 2
	p = perm[2]
	if math.Abs(p[2]) < 1.e-20 {
		return errSingular
	}
	p[3] /= p[2]
	// back substitution
	s2 := perm[2][3]
	r = perm[1]
	s1 := r[3]
	s1 -= r[2] * s2
	r = perm[0]
	s0 := r[3]
	s0 -= r[1] * s1
	s0 -= r[2] * s2
	soln[0], soln[1], soln[2] = s0, s1, s2
	return nil
}

// icurReference is icur as NEURON writes it: the augmented matrix built
// and solved by simeq3 in one go.
func icurReference(lt1, lt2, fac, gain, v, vo0, vi0, e0, stim float64) ([3]float64, error) {
	var c [3][4]float64
	c[0][0] -= 1.0
	c[0][3] -= v
	c[0][1] += fac * 1.0
	c[0][3] += fac * v
	c[1][1] -= lt2 * 1.0
	c[1][3] -= lt2 * vo0
	c[1][1] -= 1.0
	c[1][2] -= gain * 1.0
	c[2][3] -= stim
	c[2][2] += 1.0
	c[2][0] -= 1.0
	c[2][2] += 1.0
	c[2][0] -= lt1 * 1.0
	c[2][2] += lt1 * 1.0
	c[2][3] -= lt1 * (vi0 - e0)
	c[2][3] -= 0.0
	var sol [3]float64
	err := simeq3(&c, &sol)
	return sol, err
}

// TestVClampEliminationIsSimeq bit-compares the kept elimination with
// simeq3 on random circuits and inputs, including ones that pivot every
// way (fac and the time constants of both signs and wide magnitudes).
func TestVClampEliminationIsSimeq(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	wide := func() float64 {
		x := math.Pow(10, rng.Float64()*12-6)
		if rng.IntN(2) == 0 {
			x = -x
		}
		if rng.IntN(10) == 0 {
			x = 0
		}
		return x
	}
	pivots := map[[4]int]bool{}
	for n := 0; n < 200000; n++ {
		lt1, lt2, fac, gain := wide(), wide(), wide(), wide()
		var lu vclampLU
		errLU := lu.factor(lt1, lt2, fac, gain)
		for j := 0; j < 3; j++ {
			v, vo0, vi0, e0, stim := wide(), wide(), wide(), wide(), wide()
			want, errRef := icurReference(lt1, lt2, fac, gain, v, vo0, vi0, e0, stim)
			if (errLU != nil) != (errRef != nil) {
				t.Fatalf("singular: kept %v, simeq3 %v (lt1 %v lt2 %v fac %v gain %v)", errLU, errRef, lt1, lt2, fac, gain)
			}
			if errLU != nil {
				continue
			}
			var rhs [3]float64
			rhs[0] -= v
			rhs[0] += fac * v
			rhs[1] -= lt2 * vo0
			rhs[2] -= stim
			rhs[2] -= lt1 * (vi0 - e0)
			rhs[2] -= 0.0
			got := lu.solve(rhs)
			for i := range got {
				if math.Float64bits(got[i]) != math.Float64bits(want[i]) && !(math.IsNaN(got[i]) && math.IsNaN(want[i])) {
					t.Fatalf("solution %d: kept %v, simeq3 %v (lt1 %v lt2 %v fac %v gain %v; v %v vo0 %v vi0 %v e0 %v stim %v)",
						i, got[i], want[i], lt1, lt2, fac, gain, v, vo0, vi0, e0, stim)
				}
			}
		}
		if errLU == nil {
			sw := 0
			if lu.swap1 {
				sw = 1
			}
			pivots[[4]int{lu.rows[0], lu.rows[1], lu.rows[2], sw}] = true
		}
	}
	if len(pivots) < 4 {
		t.Errorf("only %d pivot orders met: %v", len(pivots), pivots)
	}
	t.Logf("pivot orders met: %v", pivots)
}
