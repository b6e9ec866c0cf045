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

// vclampPrivate holds each instance's eliminated matrix.
type vclampPrivate struct{ lu []vclampLU }

// NewPrivate allocates the per-Sim cache of eliminated matrices.
func (VClamp) NewPrivate() (any, error) { return &vclampPrivate{}, nil }

// vclampLUs returns the block's per-instance eliminations.
func vclampLUs(b *Block) []vclampLU {
	p := b.Private.(*vclampPrivate)
	if len(p.lu) != b.N {
		p.lu = make([]vclampLU, b.N)
	}
	return p.lu
}

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
// returns the electrode current. The circuit's matrix depends only on the
// parameters and dt, so its elimination is kept (vclampLU) and each call
// replays only the right-hand side's operations, which are exactly those
// simeq3 performs on it.
func vclampCur(x [][]float64, k int, t, v, dt float64, lu *vclampLU) (float64, error) {
	if t > x[vcTc][k] {
		x[vcE0][k] = 0.0
		x[vcVo0][k] = 0.0
		return 0.0, nil
	}
	lt1 := x[vcTau1][k] / dt
	lt2 := x[vcTau2][k] / dt
	fac, gain := x[vcFac][k], x[vcGain][k]
	vo0, vi0, e0, stim := x[vcVo0][k], x[vcVi0][k], x[vcE0][k], x[vcStim][k]
	if !lu.ok || lu.lt1 != lt1 || lu.lt2 != lt2 || lu.fac != fac || lu.gain != gain {
		if err := lu.factor(lt1, lt2, fac, gain); err != nil {
			return 0, err
		}
	}
	// the right-hand side, built as icur builds it
	var rhs [3]float64
	rhs[0] -= v
	rhs[0] += fac * v
	rhs[1] -= lt2 * vo0
	rhs[2] -= stim
	rhs[2] -= lt1 * (vi0 - e0)
	rhs[2] -= 0.0
	sol := lu.solve(rhs)
	x[vcVi][k], x[vcVo][k], x[vcE][k] = sol[0], sol[1], sol[2]
	return (x[vcVo][k] - v) / x[vcRstim][k], nil
}

// vclampMatrix is icur's matrix (the augmented column left at 0).
func vclampMatrix(lt1, lt2, fac, gain float64) [3][4]float64 {
	var c [3][4]float64
	c[0][0] -= 1.0
	c[0][1] += fac * 1.0
	c[1][1] -= lt2 * 1.0
	c[1][1] -= 1.0
	c[1][2] -= gain * 1.0
	c[2][2] += 1.0
	c[2][0] -= 1.0
	c[2][2] += 1.0
	c[2][0] -= lt1 * 1.0
	c[2][2] += lt1 * 1.0
	return c
}

// vclampLU is the elimination of one clamp's matrix by simeq3, as the
// values its right-hand-side operations use: the row order, the pivots and
// the multipliers, taken when simeq3 takes them.
type vclampLU struct {
	ok                  bool
	lt1, lt2, fac, gain float64
	rows                [3]int // row of the first, second and third pivot
	d0, d1, d2          float64
	m1, m2, m3          float64 // eliminated entries: rows[1] and rows[2] in column 0, rows[2] in column 1
	u01, u02, u12       float64 // the pivot rows' normalised entries
	swap1               bool    // the column-1 pivot swapped rows[1] and rows[2]
}

// factor runs simeq3's elimination on the matrix, recording what the
// right-hand side's operations will need.
func (lu *vclampLU) factor(lt1, lt2, fac, gain float64) error {
	c := vclampMatrix(lt1, lt2, fac, gain)
	perm := [3]int{0, 1, 2}
	// column 0
	p, isave := 0, 0
	if math.Abs(c[p][0]) < math.Abs(c[1][0]) {
		p, isave = 1, 1
	}
	if math.Abs(c[p][0]) < math.Abs(c[2][0]) {
		p, isave = 2, 2
	}
	if math.Abs(c[p][0]) < 1.e-20 {
		lu.ok = false
		return errSingular
	}
	if p != perm[0] {
		perm[isave] = perm[0]
		perm[0] = p
	}
	pr := &c[p]
	lu.d0 = pr[0]
	pr[1] /= pr[0]
	pr[2] /= pr[0]
	r := &c[perm[1]]
	lu.m1 = r[0]
	r[1] -= pr[1] * r[0]
	r[2] -= pr[2] * r[0]
	r = &c[perm[2]]
	lu.m2 = r[0]
	r[1] -= pr[1] * r[0]
	r[2] -= pr[2] * r[0]
	lu.u01, lu.u02 = pr[1], pr[2]
	// column 1
	lu.rows[0] = perm[0]
	first, second := perm[1], perm[2]
	lu.swap1 = false
	if math.Abs(c[first][1]) < math.Abs(c[second][1]) {
		first, second = second, first
		lu.swap1 = true
	}
	if math.Abs(c[first][1]) < 1.e-20 {
		lu.ok = false
		return errSingular
	}
	pr = &c[first]
	lu.d1 = pr[1]
	pr[2] /= pr[1]
	r = &c[second]
	lu.m3 = r[1]
	r[2] -= pr[2] * r[1]
	lu.u12 = pr[2]
	// column 2
	if math.Abs(c[second][2]) < 1.e-20 {
		lu.ok = false
		return errSingular
	}
	lu.d2 = c[second][2]
	lu.rows[1], lu.rows[2] = first, second
	lu.lt1, lu.lt2, lu.fac, lu.gain, lu.ok = lt1, lt2, fac, gain, true
	return nil
}

// solve replays simeq3's operations on the right-hand side b.
func (lu *vclampLU) solve(b [3]float64) [3]float64 {
	// column 0: the pivot row divided, the others reduced (in the row order
	// before column 1's pivoting)
	b0 := b[lu.rows[0]] / lu.d0
	r1, r2 := lu.rows[1], lu.rows[2]
	if lu.swap1 {
		r1, r2 = r2, r1
	}
	// r1 and r2 are now the rows in simeq3's perm[1] and perm[2] order
	// after column 0, whose reductions use m1 and m2 in that order.
	b1 := b[r1] - b0*lu.m1
	b2 := b[r2] - b0*lu.m2
	if lu.swap1 {
		b1, b2 = b2, b1
	}
	// column 1
	b1 /= lu.d1
	b2 -= b1 * lu.m3
	// column 2
	b2 /= lu.d2
	// back substitution
	s2 := b2
	s1 := b1
	s1 -= lu.u12 * s2
	s0 := b0
	s0 -= lu.u01 * s1
	s0 -= lu.u02 * s2
	return [3]float64{s0, s1, s2}
}

// Current selects the clamp level at mid-step time and injects the
// amplifier's current, solving the circuit at v+0.001 and then at v.
func (VClamp) Current(b *Block, e *Env) {
	x := b.Vars
	lus := vclampLUs(b)
	for k, nd := range b.Node {
		v := e.V[nd]
		vclampStim(x, k, e.T)
		i1, err1 := vclampCur(x, k, e.T, v+.001, e.Dt, &lus[k])
		vclampStim(x, k, e.T)
		i0, err0 := vclampCur(x, k, e.T, v, e.Dt, &lus[k])
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
	lus := vclampLUs(b)
	for k, nd := range b.Node {
		i, err := vclampCur(x, k, e.T, e.V[nd], e.Dt, &lus[k])
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
