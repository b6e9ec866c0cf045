package nmodl

import "math"

// Constants of scopmath's Newton solver (src/scopmath/errcodes.h,
// newton_struct.h).
const (
	newtonRoundoff  = 1.e-20
	newtonZero      = 1.e-8
	newtonStep      = 1.e-6
	newtonConverge  = 1.e-6
	newtonMaxChange = 0.05
	newtonMaxIters  = 50
)

// newtonSpace is the scratch of one derivimplicit block (NEURON's
// NewtonSpace), kept per Machine.
type newtonSpace struct {
	deltaX, high, low, rowmax []float64
	jac                       [][]float64
	perm                      []int
	sav, value                []float64
}

func newNewtonSpace(n int) *newtonSpace {
	ns := &newtonSpace{
		deltaX: make([]float64, n), high: make([]float64, n), low: make([]float64, n),
		rowmax: make([]float64, n), perm: make([]int, n), sav: make([]float64, n),
		value: make([]float64, n), jac: make([][]float64, n),
	}
	for i := range ns.jac {
		ns.jac[i] = make([]float64, n)
	}
	return ns
}

// derivimplicit builds NEURON's derivimplicit step as nocmodl generates
// it: the states are saved, Newton's method (scopmath nrn_newton_thread
// with a central-difference Jacobian and Crout factorisation) solves
// D(x) - (x - saved)/dt = 0 with the block as the function, and the block
// then runs once more at the solution.
func (c *compiler) derivimplicit(sv *Solve, parent *Routine) execFn {
	blk := sv.Block
	states := c.derivStates(blk)
	ds := make([]*Symbol, len(states))
	dsOf := map[*Symbol]*Symbol{}
	for i, s := range states {
		ds[i] = &Symbol{Name: "D" + s.Name, Kind: SymLocal}
		dsOf[s] = ds[i]
	}
	r := c.derivRoutine(blk, "derivimplicit "+blk.Name.Name, ds, func(s *AssignStmt, x *Symbol) execFn {
		val := c.expr(s.RHS)
		off := c.locals[dsOf[x]]
		if val == nil {
			return nil
		}
		return func(m *Machine) { m.stack[m.fp+off] = val(m) }
	})
	n := len(states)
	xs := make([]int, n)
	dOff := make([]int, n)
	for i, s := range states {
		xs[i] = c.slotOf[s]
		dOff[i] = c.locals[dsOf[s]]
		r.reads[xs[i]] = true
		r.writes[xs[i]] = true
	}
	dtOff := c.slotOf[c.m.Lookup("dt")]
	r.reads[dtOff] = true
	body := r.body
	index := len(c.p.newtons)
	c.p.newtons = append(c.p.newtons, n)
	pos := sv.Stmt.Pos
	// residual evaluates the block and the equations' deviations into
	// ns.value, as the recursive call of the generated states() does.
	residual := func(m *Machine, ns *newtonSpace) {
		body(m)
		dt := m.Frame[dtOff]
		for i := range xs {
			ns.value[i] = m.stack[m.fp+dOff[i]] - (m.Frame[xs[i]]-ns.sav[i])/dt
		}
	}
	r.body = func(m *Machine) {
		ns := m.newton(index)
		for i, off := range xs {
			ns.sav[i] = m.Frame[off]
		}
		if err := newtonSolve(m, ns, xs, residual); err != 0 {
			m.fail(pos, "derivimplicit of %s: Newton iteration %s", blk.Name.Name, newtonErrText(err))
			return
		}
		residual(m, ns)
	}
	parent.calls = append(parent.calls, r)
	return func(m *Machine) { c.invoke(m, r, nil, pos) }
}

func newtonErrText(code int) string {
	if code == 2 {
		return "met a singular Jacobian"
	}
	return "did not converge in 50 iterations"
}

// newtonSolve is scopmath's nrn_newton_thread on the frame slots xs.
func newtonSolve(m *Machine, ns *newtonSpace, xs []int, f func(*Machine, *newtonSpace)) int {
	n := len(xs)
	change := 1.0
	errCode := 0
	for count := 1; count <= newtonMaxIters; count++ {
		if change > newtonMaxChange {
			buildJacobian(m, ns, xs, f)
			for i := 0; i < n; i++ {
				ns.value[i] = -ns.value[i]
			}
			if errCode = crout(n, ns.jac, ns.perm, ns.rowmax); errCode != 0 {
				break
			}
		}
		croutSolve(n, ns.jac, ns.value, ns.perm, ns.deltaX)
		change = 0.0
		for i, off := range xs {
			if math.Abs(m.Frame[off]) > newtonZero {
				if temp := math.Abs(ns.deltaX[i] / m.Frame[off]); temp > change {
					change = temp
				}
			}
			m.Frame[off] += ns.deltaX[i]
		}
		f(m, ns)
		maxDev := 0.0
		for i := 0; i < n; i++ {
			ns.value[i] = -ns.value[i]
			if temp := math.Abs(ns.value[i]); temp > maxDev {
				maxDev = temp
			}
		}
		if change <= newtonConverge && maxDev <= newtonZero {
			break
		}
		if count == newtonMaxIters {
			errCode = 1
			break
		}
		if m.err != nil {
			break
		}
	}
	return errCode
}

// buildJacobian fills ns.jac by central differences with an increment of
// 2% of each variable, at least 1e-6, as nrn_buildjacobian_thread does.
func buildJacobian(m *Machine, ns *newtonSpace, xs []int, f func(*Machine, *newtonSpace)) {
	n := len(xs)
	for j, off := range xs {
		increment := math.Abs(0.02 * m.Frame[off])
		if !(math.Abs(increment) > newtonStep) {
			increment = newtonStep
		}
		m.Frame[off] += increment
		f(m, ns)
		copy(ns.high, ns.value)
		m.Frame[off] -= float64(2.0 * increment)
		f(m, ns)
		for i := 0; i < n; i++ {
			ns.low[i] = ns.value[i]
			ns.jac[i][j] = (ns.high[i] - ns.low[i]) / (2.0 * increment)
		}
		m.Frame[off] += increment
		f(m, ns)
	}
}

// crout is scopmath's nrn_crout_thread: LU factorisation with scaled
// partial pivoting recorded in perm; it returns 2 for a singular matrix.
func crout(n int, a [][]float64, perm []int, rowmax []float64) int {
	saveI := 0
	for i := 0; i < n; i++ {
		perm[i] = i
		k := 0
		for j := 1; j < n; j++ {
			if math.Abs(a[i][j]) > math.Abs(a[i][k]) {
				k = j
			}
		}
		rowmax[i] = a[i][k]
	}
	for r := 0; r < n; r++ {
		for i := r; i < n; i++ {
			sum := 0.0
			irow := perm[i]
			for k := 0; k < r; k++ {
				krow := perm[k]
				sum += float64(a[irow][k] * a[krow][r])
			}
			a[irow][r] -= sum
		}
		pivot := perm[r]
		equil1 := math.Abs(a[pivot][r] / rowmax[pivot])
		for i := r + 1; i < n; i++ {
			irow := perm[i]
			equil2 := math.Abs(a[irow][r] / rowmax[irow])
			if equil2 > equil1 {
				pivot = irow
				saveI = i
				equil1 = equil2
			}
		}
		if pivot != perm[r] {
			perm[saveI] = perm[r]
			perm[r] = pivot
		}
		if math.Abs(a[pivot][r]) < newtonRoundoff {
			return 2
		}
		for j := r + 1; j < n; j++ {
			sum := 0.0
			for k := 0; k < r; k++ {
				krow := perm[k]
				sum += float64(a[pivot][k] * a[krow][j])
			}
			a[pivot][j] = (a[pivot][j] - sum) / a[pivot][r]
		}
	}
	return 0
}

// croutSolve is nrn_scopmath_solve_thread: forward and back substitution
// with the factors from crout, solution in p.
func croutSolve(n int, a [][]float64, b []float64, perm []int, p []float64) {
	for i := 0; i < n; i++ {
		pivot := perm[i]
		sum := 0.0
		for j := 0; j < i; j++ {
			sum += float64(a[pivot][j] * p[j])
		}
		p[i] = (b[pivot] - sum) / a[pivot][i]
	}
	for i := n - 1; i >= 0; i-- {
		pivot := perm[i]
		sum := 0.0
		for j := i + 1; j < n; j++ {
			sum += float64(a[pivot][j] * p[j])
		}
		p[i] -= sum
	}
}
