package nmodl

import "math"

// tableDef is a compiled TABLE statement of a FUNCTION or PROCEDURE.
type tableDef struct {
	index  int
	fn     *Func
	raw    *Routine // the function computed directly
	n      int      // WITH: the table has n+1 entries
	from   evalFn
	to     evalFn
	depend []int // frame offsets of the DEPEND variables
	cols   []int // frame offsets of the tabulated variables (PROCEDURE)
	use    int   // frame offset of usetable
}

// tabulate turns r, the compiled body of a FUNCTION or PROCEDURE with a
// TABLE, into the table-steering routine nocmodl generates
// (parsact.cpp table_massage); the body itself moves to r.raw.
func (c *compiler) tabulate(f *Func, r *Routine) {
	raw := &Routine{Name: "_f_" + r.Name, prog: c.p, NArgs: r.NArgs, nlocals: r.nlocals, nzero: r.nzero, body: r.body,
		isFunc: r.isFunc, value: r.value, calls: r.calls, reads: r.reads, writes: r.writes}
	r.raw = raw
	r.calls = []*Routine{raw}
	r.reads, r.writes = map[int]bool{}, map[int]bool{}
	td := &tableDef{index: len(c.p.tables), fn: f, raw: raw, n: f.Table.With}
	saved := c.cur
	c.cur = r
	savedLocals := c.locals
	c.locals = map[*Symbol]int{}
	td.from = c.expr(f.Table.From)
	td.to = c.expr(f.Table.To)
	c.locals = savedLocals
	c.cur = saved
	for _, s := range f.TableDepend {
		if off, ok := c.slotOf[s]; ok {
			td.depend = append(td.depend, off)
			r.reads[off] = true
		}
	}
	for _, s := range f.TableSyms {
		if s.Size > 0 {
			c.errorf(f.Table.Pos, "TABLE of the array %s is not compiled", s.Name)
			continue
		}
		off := c.slotOf[s]
		td.cols = append(td.cols, off)
		r.writes[off] = true
	}
	td.use = c.p.byName["usetable"]
	r.reads[td.use] = true
	r.table = td
	c.p.tables = append(c.p.tables, td)
	pos := f.Table.Pos
	r.body = func(m *Machine) {
		v := c.lookupTable(m, r, m.stack[m.fp], pos)
		if r.isFunc {
			m.stack[m.fp+r.value] = v
		}
	}
}

// CheckTables rebuilds the rate tables whose DEPEND values changed (or
// that were never built), using the instance loaded in the frame, as
// NEURON's nrn_thread_table_check does with the first instance before
// finitialize and before every step.
func (p *Program) CheckTables(m *Machine) error {
	m.reset()
	for _, td := range p.tables {
		if m.Frame[td.use] == 0 {
			continue
		}
		ts := &m.tables[td.index]
		rebuild := !ts.built
		for i, off := range td.depend {
			if ts.sav == nil || ts.sav[i] != m.Frame[off] {
				rebuild = true
			}
		}
		if !rebuild {
			continue
		}
		ts.built = true
		tmin := td.from(m)
		tmax := td.to(m)
		dx := (tmax - tmin) / float64(td.n)
		ts.tmin = tmin
		ts.mfac = 1. / dx
		ncol := len(td.cols)
		if td.raw.isFunc {
			ncol = 1
		}
		if len(ts.vals) != ncol {
			ts.vals = make([][]float64, ncol)
		}
		for k := range ts.vals {
			if len(ts.vals[k]) != td.n+1 {
				ts.vals[k] = make([]float64, td.n+1)
			}
		}
		x := tmin
		for i := 0; i < td.n+1; i++ {
			v := p.callRaw(m, td.raw, x)
			if td.raw.isFunc {
				ts.vals[0][i] = v
			} else {
				for k, off := range td.cols {
					ts.vals[k][i] = m.Frame[off]
				}
			}
			x += dx
		}
		if ts.sav == nil {
			ts.sav = make([]float64, len(td.depend))
		}
		for i, off := range td.depend {
			ts.sav[i] = m.Frame[off]
		}
		if m.err != nil {
			err := m.err
			m.err = nil
			return err
		}
	}
	return nil
}

func (p *Program) callRaw(m *Machine, r *Routine, x float64) float64 {
	old := m.push(r.nlocals, r.nzero)
	m.stack[m.fp] = x
	r.body(m)
	v := 0.0
	if r.isFunc {
		v = m.stack[m.fp+r.value]
	}
	m.pop(old, r.nlocals)
	return v
}

// lookupTable evaluates a tabulated FUNCTION or PROCEDURE: the direct
// computation when usetable is 0, else linear interpolation in the table
// built by CheckTables.
func (c *compiler) lookupTable(m *Machine, r *Routine, arg float64, pos Pos) float64 {
	td := r.table
	ts := &m.tables[td.index]
	if m.Frame[td.use] == 0 {
		return c.invokeRaw(m, td.raw, arg, pos)
	}
	if !ts.built {
		m.fail(pos, "table of %s used before CheckTables built it", r.Name)
		return 0
	}
	xi := float64(ts.mfac * (arg - ts.tmin))
	if math.IsNaN(xi) {
		if td.raw.isFunc {
			return xi
		}
		for _, off := range td.cols {
			m.Frame[off] = xi
		}
		return 0
	}
	if xi <= 0. {
		if td.raw.isFunc {
			return ts.vals[0][0]
		}
		for k, off := range td.cols {
			m.Frame[off] = ts.vals[k][0]
		}
		return 0
	}
	if xi >= float64(td.n) {
		if td.raw.isFunc {
			return ts.vals[0][td.n]
		}
		for k, off := range td.cols {
			m.Frame[off] = ts.vals[k][td.n]
		}
		return 0
	}
	i := int(xi)
	if td.raw.isFunc {
		t := ts.vals[0]
		return t[i] + float64((xi-float64(i))*(t[i+1]-t[i]))
	}
	theta := xi - float64(i)
	for k, off := range td.cols {
		t := ts.vals[k]
		m.Frame[off] = t[i] + float64(theta*(t[i+1]-t[i]))
	}
	return 0
}

func (c *compiler) invokeRaw(m *Machine, r *Routine, arg float64, pos Pos) float64 {
	old := m.push(r.nlocals, r.nzero)
	if old < 0 {
		m.fail(pos, "recursion too deep in %s", r.Name)
		return 0
	}
	m.stack[m.fp] = arg
	r.body(m)
	v := 0.0
	if r.isFunc {
		v = m.stack[m.fp+r.value]
	}
	m.pop(old, r.nlocals)
	return v
}
