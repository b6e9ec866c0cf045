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
func (*VClamp) Spec() *Spec { return vclampSpec.clone() }

// vclampPrivate holds each instance's kept quotients and elimination.
type vclampPrivate struct{ inst []vclampInst }

// NewPrivate allocates the per-Sim cache of eliminated matrices.
func (*VClamp) NewPrivate() (any, error) { return &vclampPrivate{}, nil }

// vclampInsts returns the block's per-instance kept state.
func vclampInsts(b *Block) []vclampInst {
	p := b.Private.(*vclampPrivate)
	if len(p.inst) != b.N {
		p.inst = make([]vclampInst, b.N)
	}
	return p.inst
}

// Init starts the amplifier at the node voltage.
func (*VClamp) Init(b *Block, e *Env) error {
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

// vclampLaterLevel is vstim() past the first level, whose end is tc:
// the command level stim at time t and the end of the clamp (100 ms after
// the end of the level in force, or the end of the last level if t is past
// it), with vstim's additions in its order.
func vclampLaterLevel(x [][]float64, k int, t, tc float64) (stim, tcOut float64) {
	stim = x[vcAmp+1][k]
	tc = tc + x[vcDur+1][k]
	if t < tc {
		return stim, tc + 100.0
	}
	stim = x[vcAmp+2][k]
	tc = tc + x[vcDur+2][k]
	if t < tc {
		return stim, tc + 100.0
	}
	return stim, tc
}

var errSingular = errors.New("singular clamp matrix")

// vclampInst is what one instance keeps between calls: icur's quotients
// lt1 = tau1/dt and lt2 = tau2/dt and the elimination of its matrix (which
// depends on lt1, lt2, fac and gain only), valid while the operands have
// the bits they were computed from (the same operands give the same
// quotients and the same elimination).
type vclampInst struct {
	tau1, tau2, dt, fac, gain uint64 // operand bits; meaningful while lu.ok
	lt1, lt2                  float64
	lu                        vclampLU
}

// holds reports whether lt1, lt2 and the elimination are those of the
// operands.
func (c *vclampInst) holds(tau1, tau2, dt, fac, gain float64) bool {
	// (^ and | bind alike in Go: the parentheses matter)
	d := (math.Float64bits(tau1) ^ c.tau1) | (math.Float64bits(tau2) ^ c.tau2) | (math.Float64bits(dt) ^ c.dt) |
		(math.Float64bits(fac) ^ c.fac) | (math.Float64bits(gain) ^ c.gain)
	return d == 0 && c.lu.ok
}

// refresh recomputes the quotients and the elimination, as icur does on
// every call.
func (c *vclampInst) refresh(tau1, tau2, dt, fac, gain float64) error {
	lt1 := tau1 / dt
	lt2 := tau2 / dt
	if err := c.lu.factor(lt1, lt2, fac, gain); err != nil {
		return err
	}
	c.lt1, c.lt2 = lt1, lt2
	c.tau1, c.tau2, c.dt = math.Float64bits(tau1), math.Float64bits(tau2), math.Float64bits(dt)
	c.fac, c.gain = math.Float64bits(fac), math.Float64bits(gain)
	return nil
}

// icur's right-hand side is built as icur builds it:
//
//	rhs[0] = (0 - v) + fac*v
//	rhs[1] = 0 - lt2*vo0
//	rhs[2] = ((0 - stim) - lt1*(vi0 - e0)) - 0.0
//
// The last subtraction of +0 is left out: x - 0 is x, bit for bit, for
// every x that is not a signalling NaN, and a difference never is one.
// Rows 1 and 2 do not depend on v, so the two solves of a Current share
// them.

// vclampRhs12 returns rows 1 and 2 of icur's right-hand side.
func vclampRhs12(lt1, lt2, vo0, vi0, e0, stim float64) (r1, r2 float64) {
	r1 = 0 - float64(lt2*vo0)
	r2 = (0 - stim) - float64(lt1*(vi0-e0))
	return r1, r2
}

// vclampRhs0 returns row 0 of icur's right-hand side.
func vclampRhs0(v, fac float64) float64 { return (0 - v) + float64(fac*v) }

// vclampMatrix is icur's matrix (the augmented column left at 0).
func vclampMatrix(lt1, lt2, fac, gain float64) [3][4]float64 {
	var c [3][4]float64
	c[0][0] -= 1.0
	c[0][1] += float64(fac * 1.0)
	c[1][1] -= float64(lt2 * 1.0)
	c[1][1] -= 1.0
	c[1][2] -= float64(gain * 1.0)
	c[2][2] += 1.0
	c[2][0] -= 1.0
	c[2][2] += 1.0
	c[2][0] -= float64(lt1 * 1.0)
	c[2][2] += float64(lt1 * 1.0)
	return c
}

// vclampLU is the elimination of one clamp's matrix by simeq3, as the
// values its right-hand-side operations use: the rows in pivot order, the
// pivots and the multipliers, taken when simeq3 takes them. A row's
// column-0 multiplier belongs to the row, whichever of the later pivots it
// becomes, so the rows are kept in their final pivot order.
type vclampLU struct {
	ok            bool
	rows          [3]int // row of the first, second and third pivot
	vpos          int    // position of row 0 (the only row whose rhs depends on v) in rows
	d0, d1, d2    float64
	m1, m2, m3    float64 // eliminated entries: rows[1] and rows[2] in column 0, rows[2] in column 1
	u01, u02, u12 float64 // the pivot rows' normalised entries
	swap1         bool    // the column-1 pivot swapped simeq3's perm[1] and perm[2]
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
	m1 := r[0]
	r[1] -= float64(pr[1] * r[0])
	r[2] -= float64(pr[2] * r[0])
	r = &c[perm[2]]
	m2 := r[0]
	r[1] -= float64(pr[1] * r[0])
	r[2] -= float64(pr[2] * r[0])
	lu.u01, lu.u02 = pr[1], pr[2]
	// column 1
	lu.rows[0] = perm[0]
	first, second := perm[1], perm[2]
	lu.swap1 = false
	if math.Abs(c[first][1]) < math.Abs(c[second][1]) {
		first, second = second, first
		m1, m2 = m2, m1
		lu.swap1 = true
	}
	if math.Abs(c[first][1]) < 1.e-20 {
		lu.ok = false
		return errSingular
	}
	lu.m1, lu.m2 = m1, m2
	pr = &c[first]
	lu.d1 = pr[1]
	pr[2] /= pr[1]
	r = &c[second]
	lu.m3 = r[1]
	r[2] -= float64(pr[2] * r[1])
	lu.u12 = pr[2]
	// column 2
	if math.Abs(c[second][2]) < 1.e-20 {
		lu.ok = false
		return errSingular
	}
	lu.d2 = c[second][2]
	lu.rows[1], lu.rows[2] = first, second
	for j, row := range lu.rows {
		if row == 0 {
			lu.vpos = j
		}
	}
	lu.ok = true
	return nil
}

// solve replays simeq3's operations on the right-hand side (b0, b1, b2)
// and returns the solution.
func (lu *vclampLU) solve(b0, b1, b2 float64) (s0, s1, s2 float64) {
	b := [4]float64{b0, b1, b2}
	r0, r1, r2 := lu.rows[0]&3, lu.rows[1]&3, lu.rows[2]&3
	// column 0: the pivot row divided, the others reduced
	y0 := b[r0] / lu.d0
	y1 := b[r1] - float64(y0*lu.m1)
	y2 := b[r2] - float64(y0*lu.m2)
	// column 1
	y1 /= lu.d1
	y2 -= float64(y1 * lu.m3)
	// column 2
	y2 /= lu.d2
	// back substitution
	s2 = y2
	s1 = y1
	s1 -= float64(lu.u12 * s2)
	s0 = y0
	s0 -= float64(lu.u01 * s1)
	s0 -= float64(lu.u02 * s2)
	return s0, s1, s2
}

// solvePair solves for two right-hand sides (ba, b1, b2) and (bb, b1, b2)
// that differ only in row 0, as two calls of solve would, computing once
// what the two share: the operations that do not depend on row 0's entry
// (which ones depends on where row 0 falls in the pivot order). For the
// first it returns only s1 (the output vo).
func (lu *vclampLU) solvePair(ba, bb, b1, b2 float64) (sa1, sb0, sb1, sb2 float64) {
	d0, d1, d2, m1, m2, m3 := lu.d0, lu.d1, lu.d2, lu.m1, lu.m2, lu.m3
	u01, u02, u12 := lu.u01, lu.u02, lu.u12
	switch lu.vpos {
	case 2: // row 0 is the last pivot (the clamp's usual order)
		p, q := b1, b2 // rows[0], rows[1]
		if lu.rows[0] == 2 {
			p, q = b2, b1
		}
		y0 := p / d0
		y1 := q - float64(y0*m1)
		y1 /= d1
		// first right-hand side
		y2 := ba - float64(y0*m2)
		y2 -= float64(y1 * m3)
		y2 /= d2
		sa1 = y1
		sa1 -= float64(u12 * y2)
		// second
		y2 = bb - float64(y0*m2)
		y2 -= float64(y1 * m3)
		y2 /= d2
		sb2 = y2
		sb1 = y1
		sb1 -= float64(u12 * sb2)
		sb0 = y0
		sb0 -= float64(u01 * sb1)
		sb0 -= float64(u02 * sb2)
		return sa1, sb0, sb1, sb2
	case 1: // row 0 is the second pivot
		p, q := b1, b2 // rows[0], rows[2]
		if lu.rows[0] == 2 {
			p, q = b2, b1
		}
		y0 := p / d0
		y2s := q - float64(y0*m2)
		// first
		y1 := ba - float64(y0*m1)
		y1 /= d1
		y2 := y2s - float64(y1*m3)
		y2 /= d2
		sa1 = y1
		sa1 -= float64(u12 * y2)
		// second
		y1 = bb - float64(y0*m1)
		y1 /= d1
		y2 = y2s - float64(y1*m3)
		y2 /= d2
		sb2 = y2
		sb1 = y1
		sb1 -= float64(u12 * sb2)
		sb0 = y0
		sb0 -= float64(u01 * sb1)
		sb0 -= float64(u02 * sb2)
		return sa1, sb0, sb1, sb2
	}
	// row 0 is the first pivot: nothing but the right-hand side is shared
	p, q := b1, b2 // rows[1], rows[2]
	if lu.rows[1] == 2 {
		p, q = b2, b1
	}
	y0 := ba / d0
	y1 := p - float64(y0*m1)
	y2 := q - float64(y0*m2)
	y1 /= d1
	y2 -= float64(y1 * m3)
	y2 /= d2
	sa1 = y1
	sa1 -= float64(u12 * y2)
	y0 = bb / d0
	y1 = p - float64(y0*m1)
	y2 = q - float64(y0*m2)
	y1 /= d1
	y2 -= float64(y1 * m3)
	y2 /= d2
	sb2 = y2
	sb1 = y1
	sb1 -= float64(u12 * sb2)
	sb0 = y0
	sb0 -= float64(u01 * sb1)
	sb0 -= float64(u02 * sb2)
	return sa1, sb0, sb1, sb2
}

// Current selects the clamp level at mid-step time and injects the
// amplifier's current, solving the circuit at v+0.001 and then at v.
//
// It is NEURON's vstim(); icur(v+0.001); vstim(); icur(v) with what the
// repetitions recompute from unchanged operands done once: the second
// vstim (icur writes none of its operands), the quotients, the matrix and
// its elimination, the right-hand side's rows 1 and 2 and the operations
// that use only them; and the first icur's vi, vo and e, which the second
// overwrites, are not stored. vstim's first level and solvePair's usual
// pivot order are written out here (the same operations).
func (*VClamp) Current(b *Block, e *Env) {
	x := b.Vars
	_ = x[vcVi]
	insts := vclampInsts(b)
	t, dt := e.T, e.Dt
	for k, nd := range b.Node {
		// vstim
		tc := 0.0
		stim := x[vcAmp][k]
		tc = tc + x[vcDur][k]
		if t < tc {
			tc = tc + 100.0
		} else {
			stim, tc = vclampLaterLevel(x, k, t, tc)
		}
		x[vcStim][k] = stim
		x[vcTc][k] = tc
		if t > tc {
			// icur: the clamp is off
			x[vcE0][k] = 0.0
			x[vcVo0][k] = 0.0
			x[vcI][k] = 0.0
			e.AddElectrodeCurrent(nd, 0.0, 0.0)
			continue
		}
		c := &insts[k]
		fac := x[vcFac][k]
		if tau1, tau2, gain := x[vcTau1][k], x[vcTau2][k], x[vcGain][k]; !c.holds(tau1, tau2, dt, fac, gain) {
			if err := c.refresh(tau1, tau2, dt, fac, gain); err != nil {
				x[vcI][k] = math.NaN() // reported by the finiteness check
				e.AddElectrodeCurrent(nd, 0, math.NaN())
				continue
			}
		}
		v := e.V[nd]
		va := v + .001
		r1, r2 := vclampRhs12(c.lt1, c.lt2, x[vcVo0][k], x[vcVi0][k], x[vcE0][k], stim)
		ba, bb := vclampRhs0(va, fac), vclampRhs0(v, fac)
		lu := &c.lu
		var voa, vi, vo, ee float64
		if lu.vpos == 2 {
			// solvePair's first case
			p, q := r1, r2
			if lu.rows[0] == 2 {
				p, q = r2, r1
			}
			d2, m2, m3, u12 := lu.d2, lu.m2, lu.m3, lu.u12
			y0 := p / lu.d0
			y1 := q - float64(y0*lu.m1)
			y1 /= lu.d1
			y2 := ba - float64(y0*m2)
			y2 -= float64(y1 * m3)
			y2 /= d2
			voa = y1
			voa -= float64(u12 * y2)
			y2 = bb - float64(y0*m2)
			y2 -= float64(y1 * m3)
			y2 /= d2
			ee = y2
			vo = y1
			vo -= float64(u12 * ee)
			vi = y0
			vi -= float64(lu.u01 * vo)
			vi -= float64(lu.u02 * ee)
		} else {
			voa, vi, vo, ee = lu.solvePair(ba, bb, r1, r2)
		}
		x[vcVi][k], x[vcVo][k], x[vcE][k] = vi, vo, ee
		i1, i0 := voa-va, vo-v
		// (vo - v)/rstim; a quotient by 1 is its dividend
		if rstim := x[vcRstim][k]; rstim != 1 {
			i1 /= rstim
			i0 /= rstim
		}
		x[vcI][k] = i0
		e.AddElectrodeCurrent(nd, i1, i0)
	}
}

// State recomputes the current with the new voltage (icur) and saves the
// circuit state for the next step. solve's usual pivot order is written
// out here (the same operations).
func (*VClamp) State(b *Block, e *Env) error {
	x := b.Vars
	_ = x[vcVi]
	insts := vclampInsts(b)
	t, dt := e.T, e.Dt
	for k, nd := range b.Node {
		if t > x[vcTc][k] {
			// icur zeroes e0 and vo0 and returns 0; the saves overwrite them
			x[vcI][k] = 0.0
			x[vcE0][k] = x[vcE][k]
			x[vcVo0][k] = x[vcVo][k]
			x[vcVi0][k] = x[vcVi][k]
			continue
		}
		c := &insts[k]
		fac := x[vcFac][k]
		if tau1, tau2, gain := x[vcTau1][k], x[vcTau2][k], x[vcGain][k]; !c.holds(tau1, tau2, dt, fac, gain) {
			if err := c.refresh(tau1, tau2, dt, fac, gain); err != nil {
				return err
			}
		}
		v := e.V[nd]
		r1, r2 := vclampRhs12(c.lt1, c.lt2, x[vcVo0][k], x[vcVi0][k], x[vcE0][k], x[vcStim][k])
		r0 := vclampRhs0(v, fac)
		lu := &c.lu
		var vi, vo, ee float64
		if lu.vpos == 2 {
			p, q := r1, r2
			if lu.rows[0] == 2 {
				p, q = r2, r1
			}
			y0 := p / lu.d0
			y1 := q - float64(y0*lu.m1)
			y2 := r0 - float64(y0*lu.m2)
			y1 /= lu.d1
			y2 -= float64(y1 * lu.m3)
			y2 /= lu.d2
			ee = y2
			vo = y1
			vo -= float64(lu.u12 * ee)
			vi = y0
			vi -= float64(lu.u01 * vo)
			vi -= float64(lu.u02 * ee)
		} else {
			vi, vo, ee = lu.solve(r0, r1, r2)
		}
		x[vcVi][k], x[vcVo][k], x[vcE][k] = vi, vo, ee
		i := vo - v
		if rstim := x[vcRstim][k]; rstim != 1 {
			i /= rstim
		}
		x[vcI][k] = i
		x[vcE0][k] = ee
		x[vcVo0][k] = vo
		x[vcVi0][k] = vi
	}
	return nil
}

// StationaryUntil returns the next change of command level after t, or the
// end of the clamp (100 ms after the last level, where icur stops).
func (*VClamp) StationaryUntil(b *Block, t float64) float64 {
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
