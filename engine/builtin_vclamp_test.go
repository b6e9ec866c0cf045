package engine

import (
	"fmt"
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
	r[1] -= float64(p[1] * r[0])
	r[2] -= float64(p[2] * r[0])
	r[3] -= float64(p[3] * r[0])
	r = perm[2]
	r[1] -= float64(p[1] * r[0])
	r[2] -= float64(p[2] * r[0])
	r[3] -= float64(p[3] * r[0])
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
	r[2] -= float64(p[2] * r[1])
	r[3] -= float64(p[3] * r[1])
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
	s1 -= float64(r[2] * s2)
	r = perm[0]
	s0 := r[3]
	s0 -= float64(r[1] * s1)
	s0 -= float64(r[2] * s2)
	soln[0], soln[1], soln[2] = s0, s1, s2
	return nil
}

// icurReference is icur as NEURON writes it: the augmented matrix built
// and solved by simeq3 in one go.
func icurReference(lt1, lt2, fac, gain, v, vo0, vi0, e0, stim float64) ([3]float64, error) {
	var c [3][4]float64
	c[0][0] -= 1.0
	c[0][3] -= v
	c[0][1] += float64(fac * 1.0)
	c[0][3] += float64(fac * v)
	c[1][1] -= float64(lt2 * 1.0)
	c[1][3] -= float64(lt2 * vo0)
	c[1][1] -= 1.0
	c[1][2] -= float64(gain * 1.0)
	c[2][3] -= stim
	c[2][2] += 1.0
	c[2][0] -= 1.0
	c[2][2] += 1.0
	c[2][0] -= float64(lt1 * 1.0)
	c[2][2] += float64(lt1 * 1.0)
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
	var vpos [3]int
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
			// the right-hand side as icur builds it, and as the clamp does
			var rhs [3]float64
			rhs[0] -= v
			rhs[0] += float64(fac * v)
			rhs[1] -= float64(lt2 * vo0)
			rhs[2] -= stim
			rhs[2] -= lt1 * (vi0 - e0)
			rhs[2] -= 0.0
			r1, r2 := vclampRhs12(lt1, lt2, vo0, vi0, e0, stim)
			kept := [3]float64{vclampRhs0(v, fac), r1, r2}
			for i := range rhs {
				if !sameFloatBits(kept[i], rhs[i]) {
					t.Fatalf("rhs %d: kept %v, icur %v", i, kept[i], rhs[i])
				}
			}
			var got [3]float64
			got[0], got[1], got[2] = lu.solve(rhs[0], rhs[1], rhs[2])
			for i := range got {
				if !sameFloatBits(got[i], want[i]) {
					t.Fatalf("solution %d: kept %v, simeq3 %v (lt1 %v lt2 %v fac %v gain %v; v %v vo0 %v vi0 %v e0 %v stim %v)",
						i, got[i], want[i], lt1, lt2, fac, gain, v, vo0, vi0, e0, stim)
				}
			}
			// two right-hand sides differing in row 0, as Current solves them
			va := wide()
			if rng.IntN(2) == 0 {
				va = v + .001
			}
			wantA, _ := icurReference(lt1, lt2, fac, gain, va, vo0, vi0, e0, stim)
			sa1, sb0, sb1, sb2 := lu.solvePair(vclampRhs0(va, fac), rhs[0], r1, r2)
			for i, gw := range [][2]float64{{sa1, wantA[1]}, {sb0, want[0]}, {sb1, want[1]}, {sb2, want[2]}} {
				if !sameFloatBits(gw[0], gw[1]) {
					t.Fatalf("paired solution %d: kept %v, simeq3 %v (lt1 %v lt2 %v fac %v gain %v; va %v v %v vo0 %v vi0 %v e0 %v stim %v)",
						i, gw[0], gw[1], lt1, lt2, fac, gain, va, v, vo0, vi0, e0, stim)
				}
			}
		}
		if errLU == nil {
			sw := 0
			if lu.swap1 {
				sw = 1
			}
			pivots[[4]int{lu.rows[0], lu.rows[1], lu.rows[2], sw}] = true
			vpos[lu.vpos]++
		}
	}
	if len(pivots) < 4 {
		t.Errorf("only %d pivot orders met: %v", len(pivots), pivots)
	}
	for j, n := range vpos {
		if n == 0 {
			t.Errorf("row 0 never pivot %d", j)
		}
	}
	t.Logf("pivot orders met: %v; row 0's pivot position: %v", pivots, vpos)
}

// sameFloatBits reports whether a and b are the same float64, bit for bit
// (NaN payloads included).
func sameFloatBits(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b)
}

// The plain computation: NEURON's VClamp as vclmp.mod's C does it, every
// call recomputing the level, the quotients, the matrix and its solution by
// simeq3. The clamp's shortcuts (the kept quotients and elimination, one
// vstim a Current, the shared rows of the two solves, the quotient by
// rstim = 1 left out, the first icur's outputs not stored) are checked
// against it.

func vclampStimReference(x [][]float64, k int, t float64) {
	x[vcTc][k] = 0.0
	for j := 0; j <= 2; j++ {
		x[vcStim][k] = x[vcAmp+j][k]
		x[vcTc][k] = x[vcTc][k] + x[vcDur+j][k]
		if t < x[vcTc][k] {
			x[vcTc][k] = x[vcTc][k] + 100.0
			break
		}
	}
}

func vclampCurReference(x [][]float64, k int, t, v, dt float64) (float64, error) {
	if t > x[vcTc][k] {
		x[vcE0][k] = 0.0
		x[vcVo0][k] = 0.0
		return 0.0, nil
	}
	lt1 := x[vcTau1][k] / dt
	lt2 := x[vcTau2][k] / dt
	sol, err := icurReference(lt1, lt2, x[vcFac][k], x[vcGain][k], v, x[vcVo0][k], x[vcVi0][k], x[vcE0][k], x[vcStim][k])
	if err != nil {
		return 0, err
	}
	x[vcVi][k], x[vcVo][k], x[vcE][k] = sol[0], sol[1], sol[2]
	return (x[vcVo][k] - v) / x[vcRstim][k], nil
}

func vclampCurrentReference(b *Block, e *Env) {
	x := b.Vars
	for k, nd := range b.Node {
		v := e.V[nd]
		vclampStimReference(x, k, e.T)
		i1, err1 := vclampCurReference(x, k, e.T, v+.001, e.Dt)
		vclampStimReference(x, k, e.T)
		i0, err0 := vclampCurReference(x, k, e.T, v, e.Dt)
		if err1 != nil || err0 != nil {
			i0 = math.NaN()
		}
		x[vcI][k] = i0
		e.AddElectrodeCurrent(nd, i1, i0)
	}
}

func vclampStateReference(b *Block, e *Env) error {
	x := b.Vars
	for k, nd := range b.Node {
		i, err := vclampCurReference(x, k, e.T, e.V[nd], e.Dt)
		if err != nil {
			return err
		}
		x[vcI][k] = i
		x[vcE0][k] = x[vcE][k]
		x[vcVo0][k] = x[vcVo][k]
		x[vcVi0][k] = x[vcVi][k]
	}
	return nil
}

// vclampSlotName names a slot of the clamp's variables.
func vclampSlotName(slot int) string {
	switch {
	case slot < vcAmp:
		return fmt.Sprintf("dur[%d]", slot-vcDur)
	case slot < vcGain:
		return fmt.Sprintf("amp[%d]", slot-vcAmp)
	}
	return vclampSpec.Variables[slot-vcGain+2].Name
}

// TestVClampIsPlainComputation runs random sequences of steps (Current,
// then State) through the clamp and through the plain computation, with
// parameters, dt, levels and durations changing between steps, and
// compares every variable and the matrix entries the clamp adds to, bit
// for bit: clamps on and off, every pivot order, rstim 1 and not,
// singular circuits, signed zeros, two clamps on one node.
func TestVClampIsPlainComputation(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	pick := func(vals ...float64) float64 { return vals[rng.IntN(len(vals))] }
	wide := func() float64 {
		x := math.Pow(10, rng.Float64()*8-4)
		if rng.IntN(4) == 0 {
			x = -x
		}
		return x
	}
	const n, nodes = 3, 2
	node := []int{0, 1, 0}
	newBlock := func() *Block {
		vars := make([][]float64, len(vclampSpec.Variables)+4)
		for i := range vars {
			vars[i] = make([]float64, n)
		}
		return &Block{Mech: &VClamp{}, N: n, Node: node, Vars: vars, Private: &vclampPrivate{}}
	}
	if vclampSlotName(vcVi) != "vi" || vclampSlotName(vcGain) != "gain" || vclampSlotName(vcAmp+2) != "amp[2]" {
		t.Fatal("the slot names do not match the spec")
	}
	var calls, off, singular, unitR int
	var vpos [3]int // solves by row 0's pivot position
	for seq := 0; seq < 400; seq++ {
		got, want := newBlock(), newBlock()
		set := func(slot, k int, v float64) { got.Vars[slot][k], want.Vars[slot][k] = v, v }
		dt := pick(.025, .1, .01, 1/3.)
		for k := 0; k < n; k++ {
			for j := 0; j < 3; j++ {
				set(vcDur+j, k, pick(0, 1, 2.5, 1e9, rng.Float64()*5))
				set(vcAmp+j, k, pick(-70, 0, -50, wide()))
			}
			set(vcGain, k, 1e5)
			set(vcRstim, k, 1)
			set(vcTau1, k, .001)
			set(vcTau2, k, 0)
			set(vcFac, k, 0)
		}
		v := make([]float64, nodes)
		for i := range v {
			v[i] = -65 + 10*rng.Float64()
		}
		af := []float64{0.0795, 1e2 / 3.7}
		envs := func(tm float64) (*Env, *Env) {
			mk := func() *Env {
				return &Env{T: tm, Dt: dt, V: v, AreaFactor: af, Rhs: make([]float64, nodes), D: make([]float64, nodes)}
			}
			eg, ew := mk(), mk()
			for i := 0; i < nodes; i++ {
				r, d := pick(0, math.Copysign(0, -1), wide()), pick(0, math.Copysign(0, -1), wide())
				eg.Rhs[i], ew.Rhs[i], eg.D[i], ew.D[i] = r, r, d, d
			}
			return eg, ew
		}
		eg, ew := envs(0)
		if err := (&VClamp{}).Init(got, eg); err != nil {
			t.Fatal(err)
		}
		if err := (&VClamp{}).Init(want, ew); err != nil {
			t.Fatal(err)
		}
		compare := func(what string, step int, eg, ew *Env) {
			t.Helper()
			for slot := range got.Vars {
				for k := 0; k < n; k++ {
					if !sameFloatBits(got.Vars[slot][k], want.Vars[slot][k]) {
						t.Fatalf("sequence %d step %d, after %s: %s[%d] %v, plain %v",
							seq, step, what, vclampSlotName(slot), k,
							got.Vars[slot][k], want.Vars[slot][k])
					}
				}
			}
			for i := 0; i < nodes; i++ {
				if !sameFloatBits(eg.Rhs[i], ew.Rhs[i]) || !sameFloatBits(eg.D[i], ew.D[i]) {
					t.Fatalf("sequence %d step %d, after %s: node %d rhs %v d %v, plain rhs %v d %v",
						seq, step, what, i, eg.Rhs[i], eg.D[i], ew.Rhs[i], ew.D[i])
				}
			}
		}
		tm := 0.0
		for step := 0; step < 60; step++ {
			// sometimes change a parameter of one instance, or dt
			if rng.IntN(5) == 0 {
				k := rng.IntN(n)
				switch rng.IntN(9) {
				case 0:
					set(vcTau1, k, pick(.001, 0, math.Copysign(0, -1), -dt, wide()))
				case 1:
					set(vcTau2, k, pick(0, math.Copysign(0, -1), -dt, wide()))
				case 2:
					set(vcFac, k, pick(0, math.Copysign(0, -1), 10, wide()))
				case 3:
					set(vcGain, k, pick(1e5, 0, wide()))
				case 4:
					set(vcRstim, k, pick(1, 2, .5, wide()))
				case 5:
					dt = pick(.025, .1, .01, 1/3.)
				case 6:
					j := rng.IntN(3)
					set(vcDur+j, k, pick(0, 1, 1e9, rng.Float64()*5))
				case 7:
					set(vcAmp+rng.IntN(3), k, pick(-70, 0, wide()))
				case 8:
					set(vcGain, k, math.NaN())
				}
			}
			for i := range v {
				v[i] += rng.NormFloat64()
				if rng.IntN(50) == 0 {
					v[i] = pick(0, math.Copysign(0, -1))
				}
			}
			tm += dt / 2
			eg, ew := envs(tm)
			(&VClamp{}).Current(got, eg)
			vclampCurrentReference(want, ew)
			compare("Current", step, eg, ew)
			for k, c := range got.Private.(*vclampPrivate).inst {
				if c.lu.ok && !(tm > got.Vars[vcTc][k]) {
					vpos[c.lu.vpos]++
				}
			}
			tm += dt / 2
			eg, ew = envs(tm)
			errG := (&VClamp{}).State(got, eg)
			errW := vclampStateReference(want, ew)
			if (errG == nil) != (errW == nil) {
				t.Fatalf("sequence %d step %d: State error %v, plain %v", seq, step, errG, errW)
			}
			compare("State", step, eg, ew)
			for k := 0; k < n; k++ {
				calls++
				switch {
				case tm > got.Vars[vcTc][k]:
					off++
				case errW != nil:
					singular++
				case got.Vars[vcRstim][k] == 1:
					unitR++
				}
			}
			if errW != nil {
				// a singular circuit: start the instance afresh
				for k := 0; k < n; k++ {
					set(vcTau2, k, 0)
					set(vcGain, k, 1e5)
				}
			}
		}
	}
	if off == 0 || singular == 0 || unitR == 0 || unitR == calls-off-singular || vpos[0] == 0 || vpos[1] == 0 || vpos[2] == 0 {
		t.Errorf("cases not all met: %d calls, %d off, %d singular, %d with rstim 1, row 0's pivot position %v",
			calls, off, singular, unitR, vpos)
	}
	t.Logf("%d instance steps: %d with the clamp off, %d singular, %d with rstim 1; row 0's pivot position %v",
		calls, off, singular, unitR, vpos)
}
