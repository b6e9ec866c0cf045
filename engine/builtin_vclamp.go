package engine

import (
	"errors"
	"math"
)

// VClamp is NEURON's two-electrode voltage clamp: a three-state amplifier
// circuit (internal potential vi, output vo, error e) with gain, rstim and
// time constants tau1 and tau2, holding amp[j] for dur[j], j = 0, 1, 2. Its
// linear system is solved by Gaussian elimination with partial pivoting in
// exactly the order of NEURON's scopmath simeq, which matters: the clamp
// current amplifies rounding by the gain.
type VClamp struct{}

var vclampSpec = Spec{Name: "VClamp", Kind: Point, ElectrodeCurrent: true, Variables: []Variable{
	{Name: "dur", Role: Parameter, Size: 3},
	{Name: "amp", Role: Parameter, Size: 3},
	{Name: "gain", Role: Parameter, Default: 1e5},
	{Name: "rstim", Role: Parameter, Default: 1},
	{Name: "tau1", Role: Parameter, Default: .001},
	{Name: "tau2", Role: Parameter, Default: 0},
	{Name: "e0", Role: Parameter},
	{Name: "vo0", Role: Parameter},
	{Name: "vi0", Role: Parameter},
	{Name: "fac", Role: Parameter, Default: 0},
	{Name: "i", Role: Assigned},
	{Name: "stim", Role: Assigned},
	{Name: "tc", Role: Assigned},
	{Name: "e", Role: State},
	{Name: "vo", Role: State},
	{Name: "vi", Role: State},
}}

const (
	vcDur   = 0 // 3 slots
	vcAmp   = 3 // 3 slots
	vcGain  = 6
	vcRstim = 7
	vcTau1  = 8
	vcTau2  = 9
	vcE0    = 10
	vcVo0   = 11
	vcVi0   = 12
	vcFac   = 13
	vcI     = 14
	vcStim  = 15
	vcTc    = 16
	vcE     = 17
	vcVo    = 18
	vcVi    = 19
)

// Spec describes VClamp.
func (VClamp) Spec() *Spec { return vclampSpec.clone() }

// Init starts the amplifier at the node voltage.
func (VClamp) Init(b *Block, e *Env) error {
	x := b.Vars
	for k, nd := range b.Node {
		v := e.V[nd]
		x[vcE][k], x[vcVi][k], x[vcVo][k] = x[vcE0][k], x[vcVi0][k], x[vcVo0][k]
		x[vcE0][k] = 0
		x[vcVo][k] = v
		x[vcVo0][k] = v
		x[vcVi][k] = v
		x[vcVi0][k] = v
		x[vcE][k] = 0
	}
	return nil
}

func vclampStim(x [][]float64, k int, t float64) {
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

var errSingular = errors.New("singular clamp matrix")

// vclampCur is icur(): it solves the clamp circuit for (vi, vo, e) and
// returns the electrode current.
func vclampCur(x [][]float64, k int, t, v, dt float64) (float64, error) {
	if t > x[vcTc][k] {
		x[vcE0][k] = 0.0
		x[vcVo0][k] = 0.0
		return 0.0, nil
	}
	var c [3][4]float64
	lt1 := x[vcTau1][k] / dt
	lt2 := x[vcTau2][k] / dt
	fac, gain := x[vcFac][k], x[vcGain][k]
	vo0, vi0, e0, stim := x[vcVo0][k], x[vcVi0][k], x[vcE0][k], x[vcStim][k]
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
	if err := simeq3(&c, &sol); err != nil {
		return 0, err
	}
	x[vcVi][k], x[vcVo][k], x[vcE][k] = sol[0], sol[1], sol[2]
	return (x[vcVo][k] - v) / x[vcRstim][k], nil
}

// simeq3 solves a 3×3 system (augmented by its right-hand side) in the
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

// Current selects the clamp level at mid-step time and injects the
// amplifier's current, solving the circuit at v+0.001 and then at v.
func (VClamp) Current(b *Block, e *Env) {
	x := b.Vars
	for k, nd := range b.Node {
		v := e.V[nd]
		vclampStim(x, k, e.T)
		i1, err1 := vclampCur(x, k, e.T, v+.001, e.Dt)
		vclampStim(x, k, e.T)
		i0, err0 := vclampCur(x, k, e.T, v, e.Dt)
		if err1 != nil || err0 != nil {
			i0 = math.NaN() // reported by the finiteness check
		}
		x[vcI][k] = i0
		e.AddElectrodeCurrent(nd, i1, i0)
	}
}

// State recomputes the current with the new voltage and saves the circuit
// state for the next step.
func (VClamp) State(b *Block, e *Env) error {
	x := b.Vars
	for k, nd := range b.Node {
		i, err := vclampCur(x, k, e.T, e.V[nd], e.Dt)
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

// StationaryUntil returns the next change of command level after t, or the
// end of the clamp (100 ms after the last level, where icur stops).
func (VClamp) StationaryUntil(b *Block, t float64) float64 {
	next := math.Inf(1)
	x := b.Vars
	for k := range b.Node {
		tc := 0.0
		for j := 0; j <= 2; j++ {
			tc = tc + x[vcDur+j][k]
			next = math.Min(next, nextBoundary(t, tc, tc+100.0))
		}
	}
	return next
}
