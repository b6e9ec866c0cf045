package nmodl

// Inlining of PROCEDURE calls and detection of statements that cannot
// stop a block. Both only remove call and check overhead: every
// floating-point operation is the same, in the same order, as in the
// called routine.

// inlineProc compiles the statement "name(args)" of a PROCEDURE without a
// TABLE, VERBATIM or (direct or indirect) call of itself into the caller's
// frame: the arguments are evaluated in order into fresh stack slots of
// the caller, the procedure's other locals get fresh zeroed slots, and the
// body runs in place. This is what invokeArgs does, without the call
// frame. It returns nil when the call is not inlined.
func (c *compiler) inlineProc(e *Call) execFn {
	fn := c.callOf(e)
	if fn == nil || fn.Kind != FuncProcedure || fn.Table != nil || fn.Proc == nil || fn.Proc.Body == nil ||
		c.subst != nil || c.locals == nil || len(e.Args) != len(fn.Proc.Args) || c.inlining[fn.Proc] {
		return nil
	}
	pr := fn.Proc
	ok := true
	walkStmts(pr.Body, func(s Stmt) {
		switch s.(type) {
		case *VerbatimStmt, *SolveStmt, *TableStmt:
			ok = false
		}
	})
	if !ok || c.recursive(fn) {
		return nil
	}
	args := make([]evalFn, len(e.Args))
	for i, a := range e.Args {
		args[i] = c.expr(a)
		if args[i] == nil {
			return nil
		}
	}
	// lay the callee's locals out above the caller's, as frameLocals does
	r := c.cur
	base := r.nlocals
	n := 0
	syms := c.m.Locals[pr]
	added := map[*Symbol]int{}
	for _, a := range pr.Args {
		for _, s := range syms {
			if s.Kind == SymArg && s.Name == a.Name && s.Pos == a.Pos {
				added[s] = base + n
			}
		}
		n++
	}
	nArgs := n
	for _, s := range syms {
		if _, done := added[s]; done {
			continue
		}
		if s.Kind == SymFuncValue || s.Kind == SymFlag {
			return nil
		}
		added[s] = base + n
		n += max(s.Size, 1)
	}
	for s, off := range added {
		c.locals[s] = off
	}
	r.nlocals = base + n
	if c.inlining == nil {
		c.inlining = map[*Proc]bool{}
	}
	c.inlining[pr] = true
	body := c.block(pr.Body)
	delete(c.inlining, pr)
	for s := range added {
		delete(c.locals, s)
	}
	zeroFrom, zeroTo := base+nArgs, base+n
	if len(args) == 1 {
		a0 := args[0]
		return func(m *Machine) {
			v := a0(m) // may grow (move) the stack
			m.stack[m.fp+base] = v
			clear(m.stack[m.fp+zeroFrom : m.fp+zeroTo])
			body(m)
		}
	}
	return func(m *Machine) {
		for i, a := range args {
			v := a(m)
			m.stack[m.fp+base+i] = v
		}
		clear(m.stack[m.fp+zeroFrom : m.fp+zeroTo])
		body(m)
	}
}

// recursive reports whether fn can call itself, directly or through other
// user routines.
func (c *compiler) recursive(fn *Func) bool {
	seen := map[*Proc]bool{}
	var calls func(pr *Proc) bool
	calls = func(pr *Proc) bool {
		if seen[pr] {
			return false
		}
		seen[pr] = true
		found := false
		walkStmts(pr.Body, func(s Stmt) {
			stmtExprs(s, func(x Expr) {
				walkExpr(x, func(x Expr) {
					call, ok := x.(*Call)
					if !ok || found {
						return
					}
					f := c.callOf(call)
					if f == nil || f.Proc == nil {
						return
					}
					if f.Proc == fn.Proc || calls(f.Proc) {
						found = true
					}
				})
			})
		})
		return found
	}
	return calls(fn.Proc)
}

// stmtExprs calls fn for every expression directly in statement s.
func stmtExprs(s Stmt, fn func(Expr)) {
	switch s := s.(type) {
	case *AssignStmt:
		fn(s.LHS)
		fn(s.RHS)
	case *CallStmt:
		fn(s.Call)
	case *IfStmt:
		fn(s.Cond)
	case *WhileStmt:
		fn(s.Cond)
	case *FromStmt:
		fn(s.From)
		fn(s.To)
		if s.By != nil {
			fn(s.By)
		}
	}
}

// cannotStop reports whether a compiled statement can never set
// Machine.returned or Machine.err: a plain assignment to a scalar whose
// right-hand side reads only scalars and constants and calls only numeric
// builtins, or a call of an inlined procedure made of such statements. A
// block of such statements needs no check after each one.
func (c *compiler) cannotStop(s Stmt) bool {
	switch s := s.(type) {
	case *AssignStmt:
		if s.LHS.Index != nil || s.LHS.Prime > 1 || s.LHS.Prime == 1 && !c.pureDeriv {
			return false
		}
		if sym := c.refOf(s.LHS); sym == nil || sym.Size > 0 {
			return false
		}
		return c.pureExpr(s.RHS)
	case *CallStmt:
		fn := c.callOf(s.Call)
		if fn == nil || fn.Kind != FuncProcedure || fn.Proc == nil || !c.inlined[s] {
			return false
		}
		for _, a := range s.Call.Args {
			if !c.pureExpr(a) {
				return false
			}
		}
		pure := true
		for _, st := range fn.Proc.Body.Stmts {
			if !c.cannotStop(st) {
				pure = false
			}
		}
		return pure
	}
	return false
}

// pureExpr reports whether evaluating e cannot fail.
func (c *compiler) pureExpr(e Expr) bool {
	pure := true
	walkExpr(e, func(x Expr) {
		switch x := x.(type) {
		case *NumberLit, *Paren, *Unary, *Binary:
		case *VarRef:
			if x.Index != nil || x.Prime > 0 {
				pure = false
			}
			if sym := c.refOf(x); sym == nil || sym.Size > 0 {
				pure = false
			}
		case *Call:
			f := c.callOf(x)
			if f == nil || f.Kind != FuncBuiltin || f.Builtin == nil || f.Builtin.Event ||
				f.Builtin.Unsupported != "" || f.Builtin.Fn == nil {
				pure = false
			}
		default:
			pure = false
		}
	})
	return pure
}

// writtenFirst returns the frame offsets that stmts certainly assign
// before anything reads them, following the statements in order (and into
// the bodies of called procedures) up to the first statement it cannot
// follow: a branch, a loop, a call of a FUNCTION or of a tabulated
// procedure, VERBATIM. An adapter need not load such a variable before
// running the routine: the routine overwrites it before any use. With
// cnexp set, "x' = f" statements are the cnexp update of x (which reads x).
func (c *compiler) writtenFirst(stmts []Stmt, cnexp bool) map[int]bool {
	written, read := map[int]bool{}, map[int]bool{}
	mark := func(sym *Symbol, into map[int]bool) {
		if sym == nil {
			return
		}
		off, ok := c.slotOf[sym]
		if !ok {
			return
		}
		for i := 0; i < max(sym.Size, 1); i++ {
			if !written[off+i] {
				into[off+i] = true
			}
		}
	}
	// reads marks what e reads; false if e calls a user routine.
	reads := func(e Expr) bool {
		ok := true
		walkExpr(e, func(x Expr) {
			switch x := x.(type) {
			case *VarRef:
				mark(c.refOf(x), read)
			case *Call:
				if f := c.callOf(x); f == nil || f.Kind != FuncBuiltin || f.Builtin == nil || f.Builtin.Event {
					ok = false
				}
			}
		})
		return ok
	}
	depth := 0
	var walk func(stmts []Stmt) bool
	walk = func(stmts []Stmt) bool {
		for _, s := range stmts {
			switch s := s.(type) {
			case *SolveStmt, *TableStmt, *ConductanceStmt, *MutexStmt:
				continue
			case *AssignStmt:
				if s.LHS.Index != nil || s.LHS.Prime > 1 || s.LHS.Prime == 1 && !cnexp {
					return false
				}
				if !reads(s.RHS) {
					return false
				}
				sym := c.refOf(s.LHS)
				if s.LHS.Prime == 1 {
					mark(sym, read)
					continue
				}
				if sym != nil && sym.Size == 0 {
					if off, ok := c.slotOf[sym]; ok && !read[off] {
						written[off] = true
					}
				}
			case *CallStmt:
				fn := c.callOf(s.Call)
				if fn == nil || fn.Kind != FuncProcedure || fn.Table != nil || fn.Proc == nil || fn.Proc.Body == nil || depth > 20 {
					return false
				}
				for _, a := range s.Call.Args {
					if !reads(a) {
						return false
					}
				}
				depth++
				ok := walk(fn.Proc.Body.Stmts)
				depth--
				if !ok {
					return false
				}
			default:
				return false
			}
		}
		return true
	}
	walk(stmts)
	return written
}

// chainFast compiles a left-to-right chain "a op b op c ..." of at least
// three scalar mechanism variables with one operator, + or *, as one
// closure with a loop: ((a op b) op c) op ..., the same operations in the
// same order as the nested closures. It returns nil for anything else.
func (c *compiler) chainFast(e *Binary) evalFn {
	if e.Op != "*" && e.Op != "+" {
		return nil
	}
	var offs []int
	var leaf func(x Expr) bool
	leaf = func(x Expr) bool {
		if b, ok := x.(*Binary); ok && b.Op == e.Op {
			return leaf(b.X) && leaf(b.Y) && isLeafRef(b.Y)
		}
		if !isLeafRef(x) {
			return false
		}
		op, ok := c.operand(x)
		if !ok || op.kind != opF {
			return false
		}
		offs = append(offs, op.off)
		return true
	}
	if !leaf(e.X) || !isLeafRef(e.Y) || !leaf(e.Y) || len(offs) < 3 {
		return nil
	}
	o0, o1, rest := offs[0], offs[1], offs[2:]
	if e.Op == "*" {
		return func(m *Machine) float64 {
			fr := m.Frame
			p := fr[o0] * fr[o1]
			for _, o := range rest {
				p = p * fr[o]
			}
			return p
		}
	}
	return func(m *Machine) float64 {
		fr := m.Frame
		p := fr[o0] + fr[o1]
		for _, o := range rest {
			p = p + fr[o]
		}
		return p
	}
}

// isLeafRef reports whether x is a plain variable reference (no
// parentheses, index or prime).
func isLeafRef(x Expr) bool {
	r, ok := x.(*VarRef)
	return ok && r.Index == nil && r.Prime == 0
}

// sequence returns a closure running list in order, written out for up to
// four statements (no loop) and in groups of four beyond.
func sequence(list []execFn) execFn {
	switch len(list) {
	case 0:
		return func(*Machine) {}
	case 1:
		return list[0]
	case 2:
		a, b := list[0], list[1]
		return func(m *Machine) { a(m); b(m) }
	case 3:
		a, b, c := list[0], list[1], list[2]
		return func(m *Machine) { a(m); b(m); c(m) }
	case 4:
		a, b, c, d := list[0], list[1], list[2], list[3]
		return func(m *Machine) { a(m); b(m); c(m); d(m) }
	}
	var groups []execFn
	for i := 0; i < len(list); i += 4 {
		groups = append(groups, sequence(list[i:min(i+4, len(list))]))
	}
	if len(groups) <= 4 {
		return sequence(groups)
	}
	return func(m *Machine) {
		for _, g := range groups {
			g(m)
		}
	}
}
