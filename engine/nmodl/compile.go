package nmodl

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/synaptune/synaptune/internal/libm"
)

// Options adjusts compilation.
type Options struct {
	// Math1 and Math2 replace built-in functions of one and two arguments
	// by name, for example "exp" and "log" by ports of the C library NEURON
	// links against, for bit-identical results; Math2["pow"] also serves
	// the ^ operator.
	Math1 map[string]func(float64) float64
	Math2 map[string]func(float64, float64) float64
}

// Slot is one mechanism-level variable in a Machine's frame.
type Slot struct {
	Name   string
	Sym    *Symbol
	Offset int
	Size   int // 1 for scalars
}

// Program is a compiled mechanism: routines made of Go closures over a
// slot-indexed frame of float64 values, with every variable resolved to a
// slot at compile time and constant subexpressions folded.
type Program struct {
	Model *Model
	// Slots lists the frame layout: every PARAMETER, ASSIGNED, STATE,
	// ion variable, special variable (v, t, dt, celsius, diam, area),
	// file-level LOCAL and POINTER of the mechanism.
	Slots     []Slot
	FrameSize int

	// Initial sets the states to their START values (0 by default) and
	// runs the INITIAL block. Current runs the BREAKPOINT block without its
	// SOLVE statements; Currents gives the frame offsets of the currents it
	// computes, in NEURON's summation order. State runs the SOLVE
	// statements of BREAKPOINT (the integration step). NetReceive and
	// NetInitial take the NET_RECEIVE arguments. Any of them may be nil.
	Initial    *Routine
	Current    *Routine
	State      *Routine
	NetReceive *Routine
	NetInitial *Routine
	Currents   []int
	// Funcs holds the FUNCTIONs and PROCEDUREs, callable from outside
	// (hoc) with their arguments.
	Funcs map[string]*Routine
	// Warnings lists what the compiler changed, as nocmodl prints it
	// (a cnexp block that is not linear is integrated by derivimplicit).
	Warnings []*Error

	byName   map[string]int
	defaults []float64
	tables   []*tableDef
	newtons  []int // sizes of the derivimplicit blocks
}

// Routine is one compiled block.
type Routine struct {
	Name string
	// NArgs is the number of arguments (NET_RECEIVE arguments for
	// NetReceive and NetInitial).
	NArgs int
	// Reads and Writes list the frame offsets the routine (and what it
	// calls) reads and writes, sorted, so an adapter can load and store
	// only those.
	Reads, Writes []int

	prog    *Program
	nlocals int
	// nzero is how many locals are zeroed on entry: the routine's own;
	// the slots of inlined procedures above them are set by the inlined
	// code before use.
	nzero   int
	body    execFn
	isFunc  bool
	value   int // stack offset of a FUNCTION's value
	hasFlag bool
	calls   []*Routine
	reads   map[int]bool
	writes  map[int]bool
	table   *tableDef // set on a FUNCTION/PROCEDURE with a TABLE
	raw     *Routine  // the untabulated body of a tabulated routine
	// noLoad lists frame offsets the routine assigns before reading them
	// (see writtenFirst), which an adapter need not load.
	noLoad map[int]bool
	// effects marks a routine that calls printf or an event function
	// (net_send, net_event, net_move) itself; see hasEffects.
	effects bool
}

// hasEffects tells whether the routine or anything it calls has an effect
// beyond its frame: output or events.
func (r *Routine) hasEffects() bool {
	seen := map[*Routine]bool{}
	var walk func(*Routine) bool
	walk = func(r *Routine) bool {
		if r == nil || seen[r] {
			return false
		}
		seen[r] = true
		if r.effects {
			return true
		}
		for _, c := range r.calls {
			if walk(c) {
				return true
			}
		}
		return walk(r.raw)
	}
	return walk(r)
}

type (
	evalFn func(m *Machine) float64
	execFn func(m *Machine)
)

// Slot returns the frame offset of a mechanism-level variable.
func (p *Program) Slot(name string) (int, bool) {
	off, ok := p.byName[name]
	return off, ok
}

// Run executes the routine with the given arguments (NET_RECEIVE
// arguments are copied back into args, since the block may change them).
// It returns a FUNCTION's value.
func (r *Routine) Run(m *Machine, args ...float64) (float64, error) {
	return r.run(m, args, 0)
}

// Receive runs a NET_RECEIVE routine (or its INITIAL block) with the
// NetCon's arguments and the event flag; changes to args persist.
func (r *Routine) Receive(m *Machine, args []float64, flag float64) error {
	_, err := r.run(m, args, flag)
	return err
}

func (r *Routine) run(m *Machine, args []float64, flag float64) (float64, error) {
	if m.prog != r.prog {
		return 0, fmt.Errorf("routine %s run on a machine of another program", r.Name)
	}
	if len(args) != r.NArgs {
		return 0, fmt.Errorf("%s takes %d arguments, got %d", r.Name, r.NArgs, len(args))
	}
	m.reset()
	m.push(r.nlocals, r.nzero)
	copy(m.stack[m.fp:], args)
	if r.hasFlag {
		m.stack[m.fp+r.NArgs] = flag
	}
	r.body(m)
	copy(args, m.stack[m.fp:m.fp+r.NArgs])
	v := 0.0
	if r.isFunc {
		v = m.stack[m.fp+r.value]
	}
	m.pop(0, r.nlocals)
	err := m.err
	m.err = nil
	if err != nil {
		return v, fmt.Errorf("%s: %w", r.Name, err)
	}
	return v, nil
}

// exec runs a routine without arguments (INITIAL, BREAKPOINT, the state
// step), as run does for an empty argument list.
func (r *Routine) exec(m *Machine) error {
	m.err = nil
	m.returned = false
	m.depth = 0
	m.fp, m.sp = 0, 0
	if n := r.nlocals; n > 0 {
		m.push(n, r.nzero)
	}
	r.body(m)
	m.sp = 0
	if err := m.err; err != nil {
		m.err = nil
		return fmt.Errorf("%s: %w", r.Name, err)
	}
	return nil
}

// Compile turns a checked Model into a Program. It fails, with positioned
// errors, if the model cannot be instantiated or uses a construct the
// compiler does not handle (for example derivimplicit).
func Compile(m *Model, opts Options) (*Program, error) {
	if err := m.CanInstantiate(); err != nil {
		return nil, err
	}
	c := &compiler{
		m:        m,
		opts:     opts,
		p:        &Program{Model: m, Funcs: map[string]*Routine{}, byName: map[string]int{}},
		routines: map[*Proc]*Routine{},
		genRefs:  map[*VarRef]*Symbol{},
		genCalls: map[*Call]*Func{},
	}
	c.layout()
	c.compileAll()
	if len(c.errs) > 0 {
		sortErrors(c.errs)
		return nil, c.errs
	}
	c.closeAccess()
	return c.p, nil
}

type compiler struct {
	m      *Model
	opts   Options
	p      *Program
	errs   ErrorList
	slotOf map[*Symbol]int
	// per routine
	cur      *Routine
	locals   map[*Symbol]int
	routines map[*Proc]*Routine
	// genRefs and genCalls resolve the names of expressions the compiler
	// generates (cnexp updates), without touching the shared Model.
	genRefs  map[*VarRef]*Symbol
	genCalls map[*Call]*Func
	// primeHook compiles "x' = f" inside a DERIVATIVE block.
	primeHook func(s *AssignStmt, x *Symbol) execFn
	// subst maps the arguments of a FUNCTION being inlined to the
	// caller's operands.
	subst map[*Symbol]operand
	// inlining holds the procedures being inlined, inlined the call
	// statements compiled inline, and pureDeriv is set while compiling a
	// cnexp block, whose "x' = f" updates cannot fail when f cannot.
	inlining  map[*Proc]bool
	inlined   map[*CallStmt]bool
	pureDeriv bool
}

func (c *compiler) errorf(pos Pos, format string, args ...any) {
	c.errs = append(c.errs, errorf(pos, format, args...))
}

// layout assigns frame offsets to the mechanism-level symbols.
func (c *compiler) layout() {
	c.slotOf = map[*Symbol]int{}
	add := func(s *Symbol) {
		size := s.Size
		if size < 1 {
			size = 1
		}
		off := c.p.FrameSize
		c.p.Slots = append(c.p.Slots, Slot{Name: s.Name, Sym: s, Offset: off, Size: size})
		c.p.byName[s.Name] = off
		c.slotOf[s] = off
		c.p.FrameSize += size
		for i := 0; i < size; i++ {
			c.p.defaults = append(c.p.defaults, s.Default)
		}
	}
	for _, name := range []string{"v", "t", "dt", "celsius", "diam", "area"} {
		add(c.m.Lookup(name))
	}
	for _, s := range c.m.Symbols {
		switch s.Kind {
		case SymConstant, SymSpecial:
			continue
		}
		add(s)
	}
	hasTable := false
	for _, f := range c.m.Funcs {
		if f.Table != nil {
			hasTable = true
		}
	}
	if hasTable && c.m.Lookup("usetable") == nil {
		add(&Symbol{Name: "usetable", Kind: SymParameter, Global: true, Default: 1, HasDefault: true})
	}
}

func (c *compiler) newRoutine(name string, pr *Proc) *Routine {
	r := &Routine{Name: name, prog: c.p, reads: map[int]bool{}, writes: map[int]bool{}}
	if pr != nil {
		c.routines[pr] = r
	}
	return r
}

// frameLocals lays out the stack frame of a routine: arguments first (in
// order), then flag or the function value, then every other local.
func (c *compiler) frameLocals(r *Routine, pr *Proc, extra []*Symbol) {
	c.locals = map[*Symbol]int{}
	n := 0
	syms := c.m.Locals[pr]
	for _, a := range pr.Args {
		for _, s := range syms {
			if s.Kind == SymArg && s.Name == a.Name && s.Pos == a.Pos {
				c.locals[s] = n
			}
		}
		n++
	}
	r.NArgs = len(pr.Args)
	for _, s := range syms {
		if _, done := c.locals[s]; done {
			continue
		}
		switch s.Kind {
		case SymFlag:
			r.hasFlag = true
			c.locals[s] = n
			n++
		case SymFuncValue:
			r.isFunc = true
			r.value = n
			c.locals[s] = n
			n++
		}
	}
	for _, s := range append(syms, extra...) {
		if _, done := c.locals[s]; !done {
			c.locals[s] = n
			size := s.Size
			if size < 1 {
				size = 1
			}
			n += size
		}
	}
	r.nlocals = n
	r.nzero = n
}

func (c *compiler) compileAll() {
	m := c.m
	// user callables first, so calls can refer to them (recursion works
	// through the Routine pointer whose body is filled in later)
	var funcs []*Func
	for _, name := range m.FuncNames() {
		f := m.Funcs[name]
		if f.Kind == FuncFunction || f.Kind == FuncProcedure {
			funcs = append(funcs, f)
			r := c.newRoutine(name, f.Proc)
			c.p.Funcs[name] = r
		}
	}
	for _, f := range funcs {
		r := c.p.Funcs[f.Name]
		c.cur = r
		c.frameLocals(r, f.Proc, nil)
		body := c.block(f.Proc.Body)
		r.body = body
		if f.Table != nil {
			c.tabulate(f, r)
		}
	}
	if m.Initial != nil || len(stateSymbols(m)) > 0 {
		r := c.newRoutine("INITIAL", m.Initial)
		c.cur = r
		var body execFn = func(*Machine) {}
		if m.Initial != nil {
			c.frameLocals(r, m.Initial, nil)
			body = c.block(m.Initial.Body)
		} else {
			c.locals = map[*Symbol]int{}
		}
		init := c.stateStart()
		r.body = func(mm *Machine) {
			init(mm)
			body(mm)
		}
		c.p.Initial = r
	}
	if bp := m.Breakpoint; bp != nil {
		r := c.newRoutine("BREAKPOINT", bp)
		c.cur = r
		c.frameLocals(r, bp, nil)
		r.body = c.blockFiltered(bp.Body, func(s Stmt) bool {
			_, isSolve := s.(*SolveStmt)
			return !isSolve
		})
		c.p.Current = r
		r.noLoad = c.writtenFirst(bp.Body.Stmts, false)
		for _, s := range m.Currents {
			c.p.Currents = append(c.p.Currents, c.slotOf[s])
			r.reads[c.slotOf[s]] = true
		}
		c.compileState()
	}
	if nr := m.NetReceive; nr != nil {
		r := c.newRoutine("NET_RECEIVE", nr)
		c.cur = r
		c.frameLocals(r, nr, nil)
		r.body = c.blockFiltered(nr.Body, func(s Stmt) bool {
			_, isInit := s.(*NetInitialStmt)
			return !isInit
		})
		c.p.NetReceive = r
		if ni := m.NetInitial; ni != nil {
			ri := c.newRoutine("NET_RECEIVE INITIAL", nil)
			c.cur = ri
			c.frameLocals(ri, nr, nil)
			ri.body = c.block(ni.Body)
			c.p.NetInitial = ri
		}
	}
}

func stateSymbols(m *Model) []*Symbol {
	var out []*Symbol
	for _, s := range m.Symbols {
		if s.Kind == SymState {
			out = append(out, s)
		}
	}
	return out
}

// stateStart sets every STATE to its START value (0 if none), as nocmodl's
// initmodel does with the x0 parameters before the INITIAL block.
func (c *compiler) stateStart() execFn {
	type st struct {
		off, n int
		v      float64
	}
	var list []st
	for _, d := range c.m.File.States {
		s := c.m.Lookup(d.Name)
		if s == nil || s.Kind != SymState {
			continue
		}
		v := 0.0
		if d.Start != nil {
			v = *d.Start
		}
		n := s.Size
		if n < 1 {
			n = 1
		}
		off := c.slotOf[s]
		for i := 0; i < n; i++ {
			c.cur.writes[off+i] = true
		}
		list = append(list, st{off, n, v})
	}
	return func(m *Machine) {
		for _, s := range list {
			for i := 0; i < s.n; i++ {
				m.Frame[s.off+i] = s.v
			}
		}
	}
}

// compileState builds the routine run by nrn_state: the SOLVE statements
// of BREAKPOINT in order.
func (c *compiler) compileState() {
	var parts []execFn
	r := c.newRoutine("STATE", nil)
	for _, sv := range c.m.Solves {
		if sv.In != ProcBreakpoint {
			continue
		}
		c.cur = r
		switch sv.Block.Kind {
		case ProcProcedure:
			callee := c.p.Funcs[sv.Block.Name.Name]
			r.calls = append(r.calls, callee)
			pos := sv.Stmt.Pos
			parts = append(parts, func(m *Machine) { c.invoke(m, callee, nil, pos) })
		case ProcDerivative:
			switch sv.Method {
			case "cnexp":
				if why := c.cnexpImpossible(sv.Block); why != "" {
					// nocmodl: "Could not translate using cnexp method;
					// using derivimplicit" (deriv.cpp cvode_cnexp_success)
					c.p.Warnings = append(c.p.Warnings, errorf(sv.Stmt.Pos,
						"could not translate %s using cnexp (%s); using derivimplicit", sv.Block.Name.Name, why))
					parts = append(parts, c.derivimplicit(sv, r))
					break
				}
				parts = append(parts, c.cnexp(sv, r))
			case "euler":
				parts = append(parts, c.euler(sv, r))
			case "derivimplicit":
				parts = append(parts, c.derivimplicit(sv, r))
			default:
				c.errorf(sv.Stmt.Pos, "METHOD %s is not compiled yet", sv.Method)
			}
		default:
			c.errorf(sv.Stmt.Pos, "SOLVE of a %s block is not compiled", sv.Block.Kind)
		}
	}
	if len(parts) == 0 {
		return
	}
	if len(parts) == 1 {
		r.body = parts[0]
		if sv := c.m.Solves[0]; sv.In == ProcBreakpoint && sv.Block.Kind == ProcDerivative && len(r.calls) == 1 &&
			r.calls[0].Name == "cnexp "+sv.Block.Name.Name {
			// the state step is the DERIVATIVE block's cnexp routine
			r.calls[0].noLoad = c.writtenFirst(sv.Block.Body.Stmts, true)
			r.noLoad = r.calls[0].noLoad
		}
		c.p.State = r
		return
	}
	r.body = func(m *Machine) {
		for _, p := range parts {
			p(m)
			if m.err != nil {
				return
			}
		}
	}
	c.p.State = r
}

// invokeArgs calls a user routine, evaluating its arguments straight into
// the callee's stack frame.
func (c *compiler) invokeArgs(m *Machine, r *Routine, args []evalFn, pos Pos) float64 {
	if r.table != nil {
		return c.lookupTable(m, r, args[0](m), pos)
	}
	if m.depth >= maxDepthCalls {
		m.fail(pos, "recursion too deep in %s", r.Name)
		return 0
	}
	base := m.sp
	if !m.reserve(r.nlocals, r.nzero) {
		m.fail(pos, "recursion too deep in %s", r.Name)
		return 0
	}
	for i, a := range args {
		v := a(m)
		m.stack[base+i] = v
	}
	oldFP := m.fp
	m.fp = base
	m.depth++
	r.body(m)
	m.depth--
	v := 0.0
	if r.isFunc {
		v = m.stack[base+r.value]
	}
	m.fp = oldFP
	m.sp = base
	return v
}

// invoke calls a user routine with evaluated arguments.
func (c *compiler) invoke(m *Machine, r *Routine, args []float64, pos Pos) float64 {
	if r.table != nil {
		return c.lookupTable(m, r, args[0], pos)
	}
	if m.depth >= maxDepthCalls {
		m.fail(pos, "recursion too deep in %s", r.Name)
		return 0
	}
	old := m.push(r.nlocals, r.nzero)
	if old < 0 {
		m.fail(pos, "recursion too deep in %s", r.Name)
		return 0
	}
	m.depth++
	copy(m.stack[m.fp:], args)
	r.body(m)
	m.depth--
	v := 0.0
	if r.isFunc {
		v = m.stack[m.fp+r.value]
	}
	m.pop(old, r.nlocals)
	return v
}

func (c *compiler) block(b *Block) execFn {
	return c.blockFiltered(b, func(Stmt) bool { return true })
}

func (c *compiler) blockFiltered(b *Block, keep func(Stmt) bool) execFn {
	if b == nil {
		return func(*Machine) {}
	}
	var list []execFn
	canStop := false
	for _, s := range b.Stmts {
		if !keep(s) {
			continue
		}
		if f := c.stmt(s); f != nil {
			list = append(list, f)
			if !c.cannotStop(s) {
				canStop = true
			}
		}
	}
	switch len(list) {
	case 0:
		return func(*Machine) {}
	case 1:
		return list[0]
	}
	if !canStop {
		// no statement can return or fail: no check between them
		return sequence(list)
	}
	return func(m *Machine) {
		for _, f := range list {
			f(m)
			if m.returned || m.err != nil {
				return
			}
		}
	}
}

// cond compiles an expression used as a condition (if, while) to a
// boolean closure. As in C, a value is true when it is not 0 (NaN is true)
// and comparisons with NaN are false.
func (c *compiler) cond(e Expr) func(*Machine) bool {
	for {
		p, ok := e.(*Paren)
		if !ok {
			break
		}
		e = p.X
	}
	switch e := e.(type) {
	case *Binary:
		switch e.Op {
		case "&&", "||":
			x, y := c.cond(e.X), c.cond(e.Y)
			if x == nil || y == nil {
				return nil
			}
			if e.Op == "&&" {
				return func(m *Machine) bool { return x(m) && y(m) }
			}
			return func(m *Machine) bool { return x(m) || y(m) }
		case "<", "<=", ">", ">=", "==", "!=":
			xo, ok1 := c.operand(e.X)
			yo, ok2 := c.operand(e.Y)
			if !ok1 || !ok2 {
				return nil
			}
			if f := compareFast(e.Op, xo, yo); f != nil {
				return f
			}
		}
	case *Unary:
		if e.Op == "!" {
			x := c.cond(e.X)
			if x == nil {
				return nil
			}
			return func(m *Machine) bool { return !x(m) }
		}
	}
	f := c.expr(e)
	if f == nil {
		return nil
	}
	return func(m *Machine) bool { return f(m) != 0 }
}

func (c *compiler) stmt(s Stmt) execFn {
	switch s := s.(type) {
	case *AssignStmt:
		if s.LHS.Prime > 0 && c.primeHook != nil {
			x := c.refOf(s.LHS)
			if s.LHS.Prime > 1 || s.LHS.Index != nil || x == nil || x.Kind != SymState {
				c.errorf(s.Pos, "derivative %s%s is not compiled", s.LHS.Name, primes(s.LHS.Prime))
				return nil
			}
			return c.primeHook(s, x)
		}
		if s.LHS.Prime > 0 {
			c.errorf(s.Pos, "derivative %s%s can only be compiled by an integration method", s.LHS.Name, primes(s.LHS.Prime))
			return nil
		}
		if sym := c.refOf(s.LHS); s.LHS.Index == nil && sym != nil && sym.Size == 0 {
			if f := c.assignBinary(sym, s.RHS); f != nil {
				return f
			}
		}
		set := c.lvalue(s.LHS)
		val := c.expr(s.RHS)
		if set == nil || val == nil {
			return nil
		}
		if sym := c.refOf(s.LHS); s.LHS.Index == nil && sym != nil && sym.Size == 0 {
			if off, ok := c.locals[sym]; ok {
				return func(m *Machine) { m.stack[m.fp+off] = val(m) }
			}
			if off, ok := c.slotOf[sym]; ok {
				return func(m *Machine) { m.Frame[off] = val(m) }
			}
		}
		return func(m *Machine) { set(m, val(m)) }
	case *CallStmt:
		if f := c.inlineProc(s.Call); f != nil {
			if c.inlined == nil {
				c.inlined = map[*CallStmt]bool{}
			}
			c.inlined[s] = true
			return f
		}
		f := c.call(s.Call)
		if f == nil {
			return nil
		}
		return func(m *Machine) { f(m) }
	case *IfStmt:
		cond := c.cond(s.Cond)
		then := c.block(s.Then)
		var els execFn
		if s.Else != nil {
			els = c.block(s.Else)
		}
		if cond == nil {
			return nil
		}
		if els == nil {
			return func(m *Machine) {
				if cond(m) {
					then(m)
				}
			}
		}
		return func(m *Machine) {
			if cond(m) {
				then(m)
			} else {
				els(m)
			}
		}
	case *WhileStmt:
		cond := c.cond(s.Cond)
		body := c.block(s.Body)
		if cond == nil {
			return nil
		}
		return func(m *Machine) {
			for cond(m) {
				body(m)
				if m.returned || m.err != nil {
					return
				}
			}
		}
	case *FromStmt:
		from, to := c.expr(s.From), c.expr(s.To)
		by := evalFn(func(*Machine) float64 { return 1 })
		if s.By != nil {
			by = c.expr(s.By)
		}
		body := c.block(s.Body)
		var loopVar *Symbol
		for sym := range c.locals {
			if sym.Kind == SymLoopVar && sym.Pos == s.Var.Pos {
				loopVar = sym
			}
		}
		if from == nil || to == nil || by == nil || loopVar == nil {
			if loopVar == nil {
				c.errorf(s.Pos, "internal: loop variable %s has no slot", s.Var.Name)
			}
			return nil
		}
		off := c.locals[loopVar]
		pos := s.Pos
		return func(m *Machine) {
			// C: for (i = (int)from; i <= (int)to; i += (int)by)
			a, b, st := int(from(m)), int(to(m)), int(by(m))
			if st == 0 {
				m.fail(pos, "FROM loop with step 0")
				return
			}
			for i := a; i <= b; i += st {
				m.stack[m.fp+off] = float64(i)
				body(m)
				if m.returned || m.err != nil {
					return
				}
			}
		}
	case *VerbatimStmt:
		for _, v := range c.m.Verbatims {
			if v.Stmt == s && v.ReturnGuard {
				return func(m *Machine) { m.returned = true }
			}
		}
		c.errorf(s.Pos, "VERBATIM block cannot be compiled")
		return nil
	case *BlockStmt:
		return c.block(s.Block)
	case *TableStmt, *ConductanceStmt, *MutexStmt, *NetInitialStmt:
		return nil
	case *SolveStmt:
		c.errorf(s.Pos, "SOLVE here is not compiled")
		return nil
	}
	c.errorf(s.StmtPos(), "statement %T is not compiled", s)
	return nil
}

// assignBinary compiles "target = x op y" for a scalar target and an
// arithmetic right-hand side into one closure (see assignFast).
func (c *compiler) assignBinary(target *Symbol, rhs Expr) execFn {
	for {
		p, ok := rhs.(*Paren)
		if !ok {
			break
		}
		rhs = p.X
	}
	b, ok := rhs.(*Binary)
	if !ok || (b.Op != "+" && b.Op != "-" && b.Op != "*" && b.Op != "/") {
		return nil
	}
	x, ok1 := c.operand(b.X)
	y, ok2 := c.operand(b.Y)
	if !ok1 || !ok2 || x.kind == opK && y.kind == opK {
		return nil
	}
	if f := c.chainFast(b); f != nil {
		if off, ok := c.locals[target]; ok {
			return func(m *Machine) { m.stack[m.fp+off] = f(m) }
		}
		if off, ok := c.slotOf[target]; ok {
			c.cur.writes[off] = true
			return func(m *Machine) { m.Frame[off] = f(m) }
		}
	}
	if off, ok := c.locals[target]; ok {
		return assignFast(false, off, b.Op, x, y)
	}
	if off, ok := c.slotOf[target]; ok {
		c.cur.writes[off] = true
		return assignFast(true, off, b.Op, x, y)
	}
	return nil
}

// lvalue returns a setter for an assignment target.
func (c *compiler) lvalue(r *VarRef) func(*Machine, float64) {
	sym := c.refOf(r)
	if sym == nil {
		c.errorf(r.Pos, "internal: %s is not resolved", r.Name)
		return nil
	}
	idx, size, pos := c.index(r, sym)
	if off, ok := c.locals[sym]; ok {
		if idx == nil {
			return func(m *Machine, v float64) { m.stack[m.fp+off] = v }
		}
		return func(m *Machine, v float64) {
			if i, ok := boundIndex(m, idx, size, pos, r.Name); ok {
				m.stack[m.fp+off+i] = v
			}
		}
	}
	off, ok := c.slotOf[sym]
	if !ok {
		c.errorf(r.Pos, "%s cannot be assigned", r.Name)
		return nil
	}
	for i := 0; i < size; i++ {
		c.cur.writes[off+i] = true
	}
	if idx == nil {
		return func(m *Machine, v float64) { m.Frame[off] = v }
	}
	return func(m *Machine, v float64) {
		if i, ok := boundIndex(m, idx, size, pos, r.Name); ok {
			m.Frame[off+i] = v
		}
	}
}

func (c *compiler) index(r *VarRef, sym *Symbol) (evalFn, int, Pos) {
	size := sym.Size
	if size < 1 {
		size = 1
	}
	if r.Index == nil {
		return nil, size, r.Pos
	}
	return c.expr(r.Index), size, r.Index.ExprPos()
}

func boundIndex(m *Machine, idx evalFn, size int, pos Pos, name string) (int, bool) {
	f := idx(m)
	i := int(f) // C's (int) conversion truncates toward zero
	if f != f || i < 0 || i >= size {
		m.fail(pos, "index %v out of range for %s[%d]", f, name, size)
		return 0, false
	}
	return i, true
}

// constant is an evalFn whose value is known at compile time.
type constant struct{ v float64 }

// expr compiles an expression. It returns nil after recording an error.
func (c *compiler) expr(e Expr) evalFn {
	f, _ := c.exprConst(e)
	return f
}

// exprConst compiles e and, if e is constant, also returns its value.
func (c *compiler) exprConst(e Expr) (evalFn, *constant) {
	konst := func(v float64) (evalFn, *constant) {
		return func(*Machine) float64 { return v }, &constant{v}
	}
	switch e := e.(type) {
	case *NumberLit:
		return konst(e.Value)
	case *Paren:
		return c.exprConst(e.X)
	case *VarRef:
		sym := c.refOf(e)
		if sym == nil {
			c.errorf(e.Pos, "internal: %s is not resolved", e.Name)
			return nil, nil
		}
		if e.Prime > 0 {
			c.errorf(e.Pos, "derivative %s%s cannot be read here", e.Name, primes(e.Prime))
			return nil, nil
		}
		if sym.Kind == SymConstant || sym.Kind == SymSpecial && sym.Name == "PI" {
			return konst(sym.Default)
		}
		if op, ok := c.subst[sym]; ok {
			if op.kind == opK {
				return konst(op.k)
			}
			return op.f, nil
		}
		idx, size, pos := c.index(e, sym)
		if off, ok := c.locals[sym]; ok {
			if idx == nil {
				return func(m *Machine) float64 { return m.stack[m.fp+off] }, nil
			}
			return func(m *Machine) float64 {
				if i, ok := boundIndex(m, idx, size, pos, e.Name); ok {
					return m.stack[m.fp+off+i]
				}
				return 0
			}, nil
		}
		off, ok := c.slotOf[sym]
		if !ok {
			c.errorf(e.Pos, "%s has no storage", e.Name)
			return nil, nil
		}
		for i := 0; i < size; i++ {
			c.cur.reads[off+i] = true
		}
		if idx == nil {
			return func(m *Machine) float64 { return m.Frame[off] }, nil
		}
		return func(m *Machine) float64 {
			if i, ok := boundIndex(m, idx, size, pos, e.Name); ok {
				return m.Frame[off+i]
			}
			return 0
		}, nil
	case *Unary:
		x, xc := c.exprConst(e.X)
		if x == nil {
			return nil, nil
		}
		if e.Op == "-" {
			if xc != nil {
				return konst(-xc.v)
			}
			if f := c.wrapBinary("-", e.X); f != nil {
				return f, nil
			}
			if op, ok := c.operand(e.X); ok {
				switch op.kind {
				case opF:
					off := op.off
					return func(m *Machine) float64 { return -m.Frame[off] }, nil
				case opS:
					off := op.off
					return func(m *Machine) float64 { return -m.stack[m.fp+off] }, nil
				}
			}
			return func(m *Machine) float64 { return -x(m) }, nil
		}
		if xc != nil {
			return konst(b2f(xc.v == 0))
		}
		return func(m *Machine) float64 { return b2f(x(m) == 0) }, nil
	case *Binary:
		return c.binary(e)
	case *Call:
		f := c.call(e)
		if f == nil {
			return nil, nil
		}
		fn := c.callOf(e)
		if fn != nil && fn.Kind == FuncBuiltin && fn.Builtin.Fn != nil && e.Name != "at_time" {
			// fold pure builtins of constant arguments
			vals := make([]float64, len(e.Args))
			for i, a := range e.Args {
				_, ac := c.exprConst(a)
				if ac == nil {
					return f, nil
				}
				vals[i] = ac.v
			}
			return konst(c.builtinFn(fn.Builtin)(vals))
		}
		return f, nil
	case *StringLit:
		c.errorf(e.Pos, "a string is not a number")
		return nil, nil
	}
	c.errorf(e.ExprPos(), "expression %T is not compiled", e)
	return nil, nil
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// opKind classifies an operand for binaryFast.
type opKind int

const (
	opE opKind = iota // any expression (call f)
	opF               // scalar frame variable at off
	opS               // scalar stack variable at m.fp+off
	opK               // constant k
)

// operand is a compiled expression with its kind.
type operand struct {
	kind opKind
	off  int
	k    float64
	f    evalFn
}

// operand compiles e and tells whether it is a constant or a plain scalar
// variable, which binaryFast reads without a closure call.
func (c *compiler) operand(e Expr) (operand, bool) {
	for {
		p, ok := e.(*Paren)
		if !ok {
			break
		}
		e = p.X
	}
	f, k := c.exprConst(e)
	if f == nil {
		return operand{}, false
	}
	if k != nil {
		return operand{kind: opK, k: k.v, f: f}, true
	}
	if r, ok := e.(*VarRef); ok && r.Index == nil && r.Prime == 0 {
		sym := c.refOf(r)
		if op, ok := c.subst[sym]; ok {
			return op, true
		}
		if off, ok := c.locals[sym]; ok && sym.Size == 0 {
			return operand{kind: opS, off: off, f: f}, true
		}
		if off, ok := c.slotOf[sym]; ok && sym.Size == 0 {
			return operand{kind: opF, off: off, f: f}, true
		}
	}
	return operand{kind: opE, f: f}, true
}

// wrapBinary compiles f(e) for f "-" or "exp" as one closure when e is
// an arithmetic operation (see wrapBinaryFast); nil otherwise. Call it
// only after e compiled without error.
func (c *compiler) wrapBinary(f string, e Expr) evalFn {
	for {
		p, ok := e.(*Paren)
		if !ok {
			break
		}
		e = p.X
	}
	b, ok := e.(*Binary)
	if !ok || (b.Op != "+" && b.Op != "-" && b.Op != "*" && b.Op != "/") {
		return nil
	}
	x, ok1 := c.operand(b.X)
	y, ok2 := c.operand(b.Y)
	if !ok1 || !ok2 || x.kind == opK && y.kind == opK {
		return nil
	}
	return wrapBinaryFast(f, b.Op, x, y)
}

func (c *compiler) binary(e *Binary) (evalFn, *constant) {
	xo, ok1 := c.operand(e.X)
	yo, ok2 := c.operand(e.Y)
	if !ok1 || !ok2 {
		return nil, nil
	}
	x, y := xo.f, yo.f
	var xc, yc *constant
	if xo.kind == opK {
		xc = &constant{xo.k}
	}
	if yo.kind == opK {
		yc = &constant{yo.k}
	}
	var op func(a, b float64) float64
	switch e.Op {
	case "+":
		op = func(a, b float64) float64 { return a + b }
	case "-":
		op = func(a, b float64) float64 { return a - b }
	case "*":
		op = func(a, b float64) float64 { return a * b }
	case "/":
		op = func(a, b float64) float64 { return a / b }
	case "^":
		pow := math.Pow
		if f := c.opts.Math2["pow"]; f != nil {
			pow = f
		}
		op = pow
	case "<":
		op = func(a, b float64) float64 { return b2f(a < b) }
	case "<=":
		op = func(a, b float64) float64 { return b2f(a <= b) }
	case ">":
		op = func(a, b float64) float64 { return b2f(a > b) }
	case ">=":
		op = func(a, b float64) float64 { return b2f(a >= b) }
	case "==":
		op = func(a, b float64) float64 { return b2f(a == b) }
	case "!=":
		op = func(a, b float64) float64 { return b2f(a != b) }
	case "&&":
		if xc != nil && yc != nil {
			return func(*Machine) float64 { return b2f(xc.v != 0 && yc.v != 0) }, &constant{b2f(xc.v != 0 && yc.v != 0)}
		}
		return func(m *Machine) float64 { return b2f(x(m) != 0 && y(m) != 0) }, nil
	case "||":
		if xc != nil && yc != nil {
			return func(*Machine) float64 { return b2f(xc.v != 0 || yc.v != 0) }, &constant{b2f(xc.v != 0 || yc.v != 0)}
		}
		return func(m *Machine) float64 { return b2f(x(m) != 0 || y(m) != 0) }, nil
	default:
		c.errorf(e.Pos, "operator %s is not compiled", e.Op)
		return nil, nil
	}
	if xc != nil && yc != nil {
		v := op(xc.v, yc.v)
		return func(*Machine) float64 { return v }, &constant{v}
	}
	if f := c.chainFast(e); f != nil {
		return f, nil
	}
	if f := binaryFast(e.Op, xo, yo); f != nil {
		return f, nil
	}
	return func(m *Machine) float64 { return op(x(m), y(m)) }, nil
}

// builtinFn returns a builtin's implementation, honouring Options.Math1
// and Options.Math2.
func (c *compiler) builtinFn(b *Builtin) func([]float64) float64 {
	if f := c.opts.Math1[b.Name]; f != nil && b.NArgs == 1 {
		return func(a []float64) float64 { return f(a[0]) }
	}
	if f := c.opts.Math2[b.Name]; f != nil && b.NArgs == 2 {
		return func(a []float64) float64 { return f(a[0], a[1]) }
	}
	return b.Fn
}

func (c *compiler) builtin1(b *Builtin) func(float64) float64 {
	if f := c.opts.Math1[b.Name]; f != nil {
		return f
	}
	return b.F1
}

func (c *compiler) builtin2(b *Builtin) func(float64, float64) float64 {
	if f := c.opts.Math2[b.Name]; f != nil {
		return f
	}
	return b.F2
}

// call compiles a call; the result evaluates to the FUNCTION's value (0
// for procedures and event calls).
func (c *compiler) call(e *Call) evalFn {
	fn := c.callOf(e)
	if fn == nil {
		c.errorf(e.Pos, "internal: call of %s is not resolved", e.Name)
		return nil
	}
	if fn.Kind == FuncBuiltin && (e.Name == "printf" || fn.Builtin.Event) && c.cur != nil {
		c.cur.effects = true
	}
	if fn.Kind == FuncBuiltin && e.Name == "printf" {
		return c.printf(e)
	}
	args := make([]evalFn, len(e.Args))
	for i, a := range e.Args {
		args[i] = c.expr(a)
		if args[i] == nil {
			return nil
		}
	}
	pos := e.Pos
	switch fn.Kind {
	case FuncBuiltin:
		b := fn.Builtin
		if b.Event {
			return c.eventCall(e, args)
		}
		impl := c.builtinFn(b)
		if impl == nil {
			c.errorf(e.Pos, "%s is not compiled", e.Name)
			return nil
		}
		switch {
		case len(args) == 1 && b.F1 != nil:
			a0 := args[0]
			if b.Name == "exp" && c.opts.Math1["exp"] == nil {
				if f := c.wrapBinary("exp", e.Args[0]); f != nil {
					return f
				}
				if op, ok := c.operand(e.Args[0]); ok {
					switch op.kind {
					case opF:
						off := op.off
						return func(m *Machine) float64 { return libm.Exp(m.Frame[off]) }
					case opS:
						off := op.off
						return func(m *Machine) float64 { return libm.Exp(m.stack[m.fp+off]) }
					}
				}
				return func(m *Machine) float64 { return libm.Exp(a0(m)) }
			}
			f1 := c.builtin1(b)
			return func(m *Machine) float64 { return f1(a0(m)) }
		case len(args) == 2 && b.F2 != nil:
			a0, a1 := args[0], args[1]
			f2 := c.builtin2(b)
			return func(m *Machine) float64 { return f2(a0(m), a1(m)) }
		}
		return func(m *Machine) float64 {
			vals := make([]float64, len(args))
			for i, a := range args {
				vals[i] = a(m)
			}
			return impl(vals)
		}
	case FuncFunction, FuncProcedure:
		if f := c.inline(fn, e); f != nil {
			return f
		}
		r := c.p.Funcs[e.Name]
		c.cur.calls = append(c.cur.calls, r)
		return func(m *Machine) float64 { return c.invokeArgs(m, r, args, pos) }
	}
	c.errorf(e.Pos, "%s is not compiled", e.Name)
	return nil
}

// inline compiles a call of a one-statement FUNCTION ("f = expr", no
// LOCALs, no TABLE, no user calls) whose arguments are constants or plain
// variables by substituting the arguments into expr: the value is the same
// double the called function would return, without a call frame.
func (c *compiler) inline(fn *Func, e *Call) evalFn {
	pr := fn.Proc
	if fn.Kind != FuncFunction || fn.Table != nil || pr.Body == nil || len(pr.Body.Locals) > 0 ||
		len(pr.Body.Stmts) != 1 || c.subst != nil {
		return nil
	}
	as, ok := pr.Body.Stmts[0].(*AssignStmt)
	if !ok || as.LHS.Index != nil || as.LHS.Prime > 0 {
		return nil
	}
	if v := c.m.Refs[as.LHS]; v == nil || v.Kind != SymFuncValue {
		return nil
	}
	simple := true
	walkExpr(as.RHS, func(x Expr) {
		switch x := x.(type) {
		case *Call:
			if f := c.m.Calls[x]; f == nil || f.Kind != FuncBuiltin || f.Builtin.Event || x.Name == "printf" {
				simple = false
			}
		case *VarRef:
			if s := c.m.Refs[x]; s == nil || s.Kind == SymFuncValue {
				simple = false
			}
		}
	})
	if !simple {
		return nil
	}
	subst := map[*Symbol]operand{}
	for i, a := range pr.Args {
		op, ok := c.operand(e.Args[i])
		if !ok || op.kind == opE {
			return nil
		}
		for _, s := range c.m.Locals[pr] {
			if s.Kind == SymArg && s.Name == a.Name && s.Pos == a.Pos {
				subst[s] = op
			}
		}
	}
	c.subst = subst
	f := c.expr(as.RHS)
	c.subst = nil
	return f
}

func (c *compiler) eventCall(e *Call, args []evalFn) evalFn {
	pos := e.Pos
	name := e.Name
	return func(m *Machine) float64 {
		if m.Events == nil {
			m.fail(pos, "%s: no event handler", name)
			return 0
		}
		switch name {
		case "net_send":
			m.Events.NetSend(args[0](m), args[1](m))
		case "net_event":
			m.Events.NetEvent(args[0](m))
		case "net_move":
			m.Events.NetMove(args[0](m))
		}
		return 0
	}
}

// printf supports the C conversions %g %f %e %d %s with optional width
// and precision; the output goes to Machine.Out.
func (c *compiler) printf(e *Call) evalFn {
	if len(e.Args) == 0 {
		return func(*Machine) float64 { return 0 }
	}
	format, ok := e.Args[0].(*StringLit)
	if !ok {
		c.errorf(e.Pos, "printf needs a format string")
		return nil
	}
	var args []evalFn
	for _, a := range e.Args[1:] {
		f := c.expr(a)
		if f == nil {
			return nil
		}
		args = append(args, f)
	}
	text := strings.NewReplacer(`\n`, "\n", `\t`, "\t").Replace(format.Text)
	return func(m *Machine) float64 {
		if m.Out == nil {
			return 0
		}
		vals := make([]any, len(args))
		for i, a := range args {
			vals[i] = cFormatArg(a(m))
		}
		fmt.Fprintf(m.Out, cFormat(text), vals...)
		return 0
	}
}

type cFloat float64

func cFormatArg(v float64) any { return cFloat(v) }

// Format prints %d as an integer and the rest like float64.
func (f cFloat) Format(s fmt.State, verb rune) {
	if verb == 'd' || verb == 'i' {
		fmt.Fprintf(s, "%d", int64(f))
		return
	}
	w, wok := s.Width()
	p, pok := s.Precision()
	spec := "%"
	if s.Flag('-') {
		spec += "-"
	}
	if wok {
		spec += fmt.Sprint(w)
	}
	if !pok && (verb == 'g' || verb == 'f' || verb == 'e') {
		p, pok = 6, true
	}
	if pok {
		spec += "." + fmt.Sprint(p)
	}
	fmt.Fprintf(s, spec+string(verb), float64(f))
}

func cFormat(s string) string { return strings.ReplaceAll(s, "%i", "%d") }

// closeAccess computes each routine's transitive reads and writes.
func (c *compiler) closeAccess() {
	all := []*Routine{c.p.Initial, c.p.Current, c.p.State, c.p.NetReceive, c.p.NetInitial}
	for _, r := range c.p.Funcs {
		all = append(all, r)
		if r.raw != nil {
			all = append(all, r.raw)
		}
	}
	for _, r := range all {
		if r == nil {
			continue
		}
		reads, writes := map[int]bool{}, map[int]bool{}
		seen := map[*Routine]bool{}
		var visit func(x *Routine)
		visit = func(x *Routine) {
			if seen[x] {
				return
			}
			seen[x] = true
			for k := range x.reads {
				reads[k] = true
			}
			for k := range x.writes {
				writes[k] = true
			}
			for _, y := range x.calls {
				visit(y)
			}
			if x.raw != nil {
				visit(x.raw)
			}
		}
		visit(r)
		r.Reads, r.Writes = sortedOffsets(reads), sortedOffsets(writes)
	}
}

func sortedOffsets(s map[int]bool) []int {
	out := make([]int, 0, len(s))
	for k := range s {
		out = append(out, k)
	}
	sort.Ints(out)
	return out
}
