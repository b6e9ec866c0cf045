package nmodl

import (
	"math"
	"strings"

	"github.com/synaptune/synaptune/internal/libm"
)

// parseExprText parses generated C-like expression text with the NMODL
// expression grammar (the operators involved bind the same way in C).
func parseExprText(text string) (Expr, error) {
	p := &parser{lx: newLexer("<generated>", []byte(text)), defines: map[string]int{}}
	var e Expr
	err := func() (err error) {
		defer func() {
			if r := recover(); r != nil {
				b, ok := r.(bail)
				if !ok {
					panic(r)
				}
				err = b.err
			}
		}()
		p.next()
		e = p.expr()
		if p.tok.kind != tokEOF {
			p.fail(p.tok.pos, "unexpected %s after expression", p.tok.describe())
		}
		return nil
	}()
	return e, err
}

// refOf resolves a variable reference, looking first at references the
// compiler generated itself.
func (c *compiler) refOf(r *VarRef) *Symbol {
	if s, ok := c.genRefs[r]; ok {
		return s
	}
	return c.m.Refs[r]
}

func (c *compiler) callOf(e *Call) *Func {
	if f, ok := c.genCalls[e]; ok {
		return f
	}
	return c.m.Calls[e]
}

// derivRoutine compiles a DERIVATIVE block as its own routine, with each
// "x' = f" statement compiled by prime.
func (c *compiler) derivRoutine(blk *Proc, name string, extra []*Symbol, prime func(s *AssignStmt, x *Symbol) execFn) *Routine {
	r := c.newRoutine(name, nil)
	saved := c.cur
	c.cur = r
	c.frameLocals(r, blk, extra)
	c.primeHook = prime
	r.body = c.block(blk.Body)
	c.primeHook = nil
	c.cur = saved
	return r
}

// cnexp builds nocmodl's cnexp step: the DERIVATIVE block runs in order
// with each "x' = f" replaced by the exact update text nocmodl generates,
// so later equations see already updated states.
func (c *compiler) cnexp(sv *Solve, parent *Routine) execFn {
	blk := sv.Block
	c.pureDeriv = true
	defer func() { c.pureDeriv = false }()
	r := c.derivRoutine(blk, "cnexp "+blk.Name.Name, nil, func(s *AssignStmt, x *Symbol) execFn {
		isState := func(v *VarRef) bool { return c.refOf(v) == x && v.Prime == 0 }
		de, eq, res := cnexpParts(x.Name, s.RHS, isState)
		if res.problem != "" || res.fallback {
			return nil // reported by cnexpImpossible
		}
		// resolve the generated names like the originals
		names := map[string]*Symbol{}
		funcs := map[string]*Func{}
		walkExpr(s.RHS, func(e Expr) {
			switch e := e.(type) {
			case *VarRef:
				names[e.Name] = c.refOf(e)
			case *Call:
				funcs[e.Name] = c.callOf(e)
			}
		})
		names[x.Name] = x
		compile := func(text string) evalFn {
			e, err := parseExprText(text)
			if err != nil {
				c.errorf(s.Pos, "internal: cnexp text %q: %v", text, err)
				return nil
			}
			walkExpr(e, func(e Expr) {
				switch e := e.(type) {
				case *VarRef:
					c.genRefs[e] = names[e.Name]
				case *Call:
					c.genCalls[e] = funcs[e.Name]
				}
			})
			return c.expr(e)
		}
		off := c.slotOf[x]
		dtOff := c.slotOf[c.m.Lookup("dt")]
		c.cur.writes[off] = true
		c.cur.reads[off] = true
		c.cur.reads[dtOff] = true
		if eq == "" && de != "" {
			// nocmodl's text for an equation not linear in x:
			// x = x + (1. - exp(dt*(de)))*( - x)
			def := compile(de)
			if def == nil {
				return nil
			}
			exp := c.builtin1(c.m.Funcs["exp"].Builtin)
			return func(m *Machine) {
				xv := m.Frame[off]
				m.Frame[off] = xv + float64((1.-exp(m.Frame[dtOff]*(def(m))))*(-xv))
			}
		}
		if f := c.cnexpRelax(off, dtOff, de, eq, names); f != nil {
			return f
		}
		eqf := compile(eq)
		if eqf == nil {
			return nil
		}
		if de == "" {
			// x = x - dt*(eq)
			return func(m *Machine) {
				xv := m.Frame[off]
				m.Frame[off] = xv - float64(m.Frame[dtOff]*(eqf(m)))
			}
		}
		def := compile(de)
		if def == nil {
			return nil
		}
		exp := c.builtin1(c.m.Funcs["exp"].Builtin)
		// x = x + (1. - exp(dt*(de)))*(eq - x), evaluated as the C text
		return func(m *Machine) {
			xv := m.Frame[off]
			m.Frame[off] = xv + float64((1.-exp(m.Frame[dtOff]*(def(m))))*(eqf(m)-xv))
		}
	})
	parent.calls = append(parent.calls, r)
	return c.invoke0(r, sv.Stmt.Pos)
}

// cnexpRelax returns one closure for the two commonest cnexp updates,
// "x' = (A - x)/B" and "x' = -x/B" with A and B scalar mechanism
// variables, computing exactly what the generic closures compute from
// nocmodl's text (same operations, same order); nil for other equations.
//
//	x + (1. - exp(dt*((-1.0)/B)))*(-(A/B)/((-1.0)/B) - x)
//	x + (1. - exp(dt*((-1.0)/B)))*((-0.0)/((-1.0)/B) - x)
func (c *compiler) cnexpRelax(off, dtOff int, de, eq string, names map[string]*Symbol) execFn {
	frameVar := func(name string) (int, bool) {
		sym := names[name]
		if sym == nil || sym.Size > 0 || c.subst != nil {
			return 0, false
		}
		if _, local := c.locals[sym]; local {
			return 0, false
		}
		o, ok := c.slotOf[sym]
		return o, ok
	}
	exp := c.builtin1(c.m.Funcs["exp"].Builtin)
	if bName, ok := strings.CutPrefix(de, "( ( ( - 1.0 ) ) ) / "); ok {
		rest, ok := strings.CutPrefix(eq, "- ( ( ( ")
		aName, ok2 := strings.CutSuffix(rest, " ) ) / "+bName+" ) / ( ( ( ( - 1.0 ) ) ) / "+bName+" )")
		if !ok || !ok2 {
			return nil
		}
		aOff, okA := frameVar(aName)
		bOff, okB := frameVar(bName)
		if !okA || !okB {
			return nil
		}
		c.cur.reads[aOff] = true
		c.cur.reads[bOff] = true
		if c.opts.Math1["exp"] == nil {
			return func(m *Machine) {
				fr := m.Frame
				xv := fr[off]
				b := fr[bOff]
				a := -1.0 / b
				fr[off] = xv + float64((1.-libm.Exp(fr[dtOff]*a))*(-(fr[aOff]/b)/a-xv))
			}
		}
		return func(m *Machine) {
			fr := m.Frame
			xv := fr[off]
			b := fr[bOff]
			a := -1.0 / b
			fr[off] = xv + float64((1.-exp(fr[dtOff]*a))*(-(fr[aOff]/b)/a-xv))
		}
	}
	if bName, ok := strings.CutPrefix(de, "( - 1.0 ) / "); ok && eq == "- ( 0.0 ) / ( ( - 1.0 ) / "+bName+" )" {
		bOff, okB := frameVar(bName)
		if !okB {
			return nil
		}
		c.cur.reads[bOff] = true
		negZero := math.Copysign(0, -1)
		if c.opts.Math1["exp"] == nil {
			return func(m *Machine) {
				fr := m.Frame
				xv := fr[off]
				a := -1.0 / fr[bOff]
				fr[off] = xv + float64((1.-libm.Exp(fr[dtOff]*a))*(negZero/a-xv))
			}
		}
		return func(m *Machine) {
			fr := m.Frame
			xv := fr[off]
			a := -1.0 / fr[bOff]
			fr[off] = xv + float64((1.-exp(fr[dtOff]*a))*(negZero/a-xv))
		}
	}
	return nil
}

// invoke0 returns a closure calling r without arguments, as invoke does.
func (c *compiler) invoke0(r *Routine, pos Pos) execFn {
	return func(m *Machine) {
		if m.depth >= maxDepthCalls {
			m.fail(pos, "recursion too deep in %s", r.Name)
			return
		}
		base := m.sp
		if !m.reserve(r.nlocals, r.nzero) {
			m.fail(pos, "recursion too deep in %s", r.Name)
			return
		}
		oldFP := m.fp
		m.fp = base
		m.depth++
		r.body(m)
		m.depth--
		m.fp = oldFP
		m.sp = base
	}
}

// cnexpImpossible tells why nocmodl would integrate a DERIVATIVE block
// with derivimplicit instead of cnexp ("" if it uses cnexp): the
// derivative of some equation with respect to its state cannot be formed.
// Equations nocmodl cannot translate at all are reported as errors.
func (c *compiler) cnexpImpossible(blk *Proc) string {
	why := ""
	walkStmts(blk.Body, func(s Stmt) {
		a, ok := s.(*AssignStmt)
		if !ok || a.LHS.Prime == 0 {
			return
		}
		x := c.refOf(a.LHS)
		if x == nil {
			return
		}
		isState := func(v *VarRef) bool { return c.refOf(v) == x && v.Prime == 0 }
		_, _, res := cnexpParts(x.Name, a.RHS, isState)
		switch {
		case res.problem != "":
			c.errorf(a.Pos, "%s (NEURON 8.2.2 cannot build this file either)", res.problem)
		case res.fallback && why == "":
			why = "the derivative of " + x.Name + "' with respect to " + x.Name + " cannot be formed"
		}
	})
	return why
}

// euler builds scopmath's euler step: the block computes every derivative
// from the current states, then each state advances by dt times its
// derivative, in declaration order of the equations.
func (c *compiler) euler(sv *Solve, parent *Routine) execFn {
	blk := sv.Block
	states := c.derivStates(blk)
	ds := make([]*Symbol, len(states))
	dsOf := map[*Symbol]*Symbol{}
	for i, s := range states {
		ds[i] = &Symbol{Name: "D" + s.Name, Kind: SymLocal}
		dsOf[s] = ds[i]
	}
	r := c.derivRoutine(blk, "euler "+blk.Name.Name, ds, func(s *AssignStmt, x *Symbol) execFn {
		val := c.expr(s.RHS)
		off := c.locals[dsOf[x]]
		if val == nil {
			return nil
		}
		return func(m *Machine) { m.stack[m.fp+off] = val(m) }
	})
	type upd struct{ state, d int }
	var ups []upd
	for _, s := range states {
		ups = append(ups, upd{c.slotOf[s], c.locals[dsOf[s]]})
		r.writes[c.slotOf[s]] = true
		r.reads[c.slotOf[s]] = true
	}
	dtOff := c.slotOf[c.m.Lookup("dt")]
	r.reads[dtOff] = true
	body := r.body
	r.body = func(m *Machine) {
		body(m)
		if m.err != nil {
			return
		}
		dt := m.Frame[dtOff]
		for _, u := range ups {
			m.Frame[u.state] += float64(dt * m.stack[m.fp+u.d])
		}
	}
	parent.calls = append(parent.calls, r)
	pos := sv.Stmt.Pos
	return func(m *Machine) { c.invoke(m, r, nil, pos) }
}

func indexOf(list []*Symbol, s *Symbol) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// derivStates lists the states given a derivative in blk, in order.
func (c *compiler) derivStates(blk *Proc) []*Symbol {
	var out []*Symbol
	walkStmts(blk.Body, func(s Stmt) {
		if a, ok := s.(*AssignStmt); ok && a.LHS.Prime > 0 {
			if sym := c.refOf(a.LHS); sym != nil {
				out = append(out, sym)
			}
		}
	})
	return out
}

// walkExpr calls fn for e and every subexpression.
func walkExpr(e Expr, fn func(Expr)) {
	if e == nil {
		return
	}
	fn(e)
	switch e := e.(type) {
	case *VarRef:
		walkExpr(e.Index, fn)
	case *Call:
		for _, a := range e.Args {
			walkExpr(a, fn)
		}
	case *Unary:
		walkExpr(e.X, fn)
	case *Binary:
		walkExpr(e.X, fn)
		walkExpr(e.Y, fn)
	case *Paren:
		walkExpr(e.X, fn)
	}
}
