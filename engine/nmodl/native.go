package nmodl

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// NativeGo returns Go source for the BREAKPOINT and SOLVE routines of a
// density mechanism or a point process: a type called typeName that embeds *Mechanism (which
// keeps providing the spec, INITIAL and everything else) and has its own
// Current and State methods. They compute exactly what the compiled
// routines compute — the same operations on the same operands in the same
// order, constant subexpressions folded the same way, nocmodl's cnexp text
// — but as straight Go on the engine's columns, without the closures and
// the frame. Every product is written as an explicit float64 conversion so
// that no Go compiler fuses it with an addition. Columns are resliced to
// their lengths before the loop over the instances (no bounds checks in
// it), loop-invariant values are read once, and the currents go into the
// matrix with Env.AddDensityCurrent's (AddPointCurrent's,
// AddElectrodeCurrent's) arithmetic on Env.Rhs and Env.D. An exp whose
// argument depends only on PARAMETERs that no block assigns, constants,
// dt and celsius keeps, per instance, its last argument and result (in
// NativeCache), and an argument with the same bits takes the same result
// (unless Env.NoMemo).
// The generated code refers to the packages engine, nmodl, internal/libm
// and math, and to the helpers of NativeGoHelpers, which the file that
// holds it must provide.
//
// Only a subset is handled: a SUFFIX or POINT_PROCESS mechanism without
// TABLEs (its NET_RECEIVE stays with the compiled Mechanism), whose
// BREAKPOINT and SOLVEd DERIVATIVE block (cnexp) use scalar variables,
// assignments, IF/ELSE, PROCEDURE calls, arithmetic and the common math
// functions, and read ion reversal potentials but no concentrations. For
// anything else NativeGo returns an error saying what it met.
func (m *Mechanism) NativeGo(typeName string) (string, error) {
	if m.instErr != nil {
		return "", m.instErr
	}
	model := m.model
	switch {
	case model.Kind != KindDensity && model.Kind != KindPointProcess:
		return "", fmt.Errorf("%s: only SUFFIX and POINT_PROCESS mechanisms", model.Name)
	case len(m.prog.tables) > 0:
		return "", fmt.Errorf("%s: TABLE", model.Name)
	case !m.timeless:
		return "", fmt.Errorf("%s: BREAKPOINT or SOLVE reads t, prints or sends events", model.Name)
	case model.Breakpoint == nil:
		return "", fmt.Errorf("%s: no BREAKPOINT", model.Name)
	}
	g := &nativeGen{m: m, model: model, slot: map[string]int{}, gslot: map[string]int{}}
	idx, gidx := 0, 0
	for _, v := range m.spec.Variables {
		size := max(v.Size, 1)
		if v.Global {
			g.gslot[v.Name] = gidx
			gidx += size
		} else {
			g.slot[v.Name] = idx
			idx += size
		}
	}
	var solve *Solve
	for _, sv := range model.Solves {
		if sv.In != ProcBreakpoint {
			continue
		}
		if solve != nil {
			return "", fmt.Errorf("%s: more than one SOLVE", model.Name)
		}
		if sv.Method != "cnexp" || sv.Block.Kind != ProcDerivative {
			return "", fmt.Errorf("%s: SOLVE %s METHOD %s", model.Name, sv.Block.Name.Name, sv.Method)
		}
		solve = sv
	}
	cur, err := g.routine(model.Breakpoint, func(s Stmt) bool { _, isSolve := s.(*SolveStmt); return !isSolve }, false)
	if err != nil {
		return "", err
	}
	var state *nativeRoutine
	if solve != nil {
		if state, err = g.routine(solve.Block, func(Stmt) bool { return true }, true); err != nil {
			return "", err
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "// %s runs %s's BREAKPOINT and SOLVE as Go (nmodl.Mechanism.NativeGo).\n", typeName, m.file)
	fmt.Fprintf(&b, "type %s struct{ *nmodl.Mechanism }\n\n", typeName)
	if err := g.writeCurrent(&b, typeName, cur); err != nil {
		return "", err
	}
	g.writeState(&b, typeName, state)
	return b.String(), nil
}

// NativeGoHelpers returns the Go declarations the code of NativeGo uses
// besides its imports: b2f and negZero.
func NativeGoHelpers() string {
	return `// b2f is NMODL's truth value.
func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// negZero is -0, which a Go constant cannot be.
var negZero = math.Copysign(0, -1)
`
}

// nativeGen holds what one mechanism's generation needs.
type nativeGen struct {
	m     *Mechanism
	model *Model
	slot  map[string]int // range variable -> engine slot
	gslot map[string]int // global -> engine global slot
}

// nativeRoutine is one routine's code and the mechanism variables it uses.
type nativeRoutine struct {
	body    string
	read    map[*Symbol]bool // mechanism-level symbols referenced
	written map[*Symbol]bool // mechanism-level symbols assigned
	dt      bool             // the cnexp update reads dt
	// sites counts the exp calls whose argument depends only on
	// PARAMETERs, constants, dt and celsius: each instance keeps the last
	// argument and result of each (cachedExp).
	sites int
}

// nativeScope is the translation state of one routine.
type nativeScope struct {
	g       *nativeGen
	r       *nativeRoutine
	idents  map[*Symbol]string // locals and arguments in scope
	inline  map[*Func]bool     // procedures being inlined (no recursion)
	counter int
	deriv   bool
	// declareAt marks the locals declared (:=) by their first assignment;
	// used records the locals' Go names that are read.
	declareAt map[*Symbol]bool
	used      map[string]bool
	// refs and calls resolve the names of the cnexp text nocmodl's
	// update is built from (the model's maps resolve the file's own).
	refs   map[*VarRef]*Symbol
	calls  map[*Call]*Func
	b      strings.Builder
	indent int
}

func (g *nativeGen) routine(p *Proc, keep func(Stmt) bool, deriv bool) (*nativeRoutine, error) {
	r := &nativeRoutine{read: map[*Symbol]bool{}, written: map[*Symbol]bool{}}
	sc := &nativeScope{g: g, r: r, idents: map[*Symbol]string{}, inline: map[*Func]bool{}, deriv: deriv, indent: 2,
		declareAt: map[*Symbol]bool{}, used: map[string]bool{},
		refs: map[*VarRef]*Symbol{}, calls: map[*Call]*Func{}}
	var stmts []Stmt
	for _, s := range p.Body.Stmts {
		if keep(s) {
			stmts = append(stmts, s)
		}
	}
	ids := sc.declare(g.model.Locals[p], stmts)
	for _, s := range stmts {
		if err := sc.stmt(s); err != nil {
			return nil, err
		}
	}
	sc.unused(ids)
	r.body = sc.b.String()
	return r, nil
}

func (sc *nativeScope) line(format string, args ...any) {
	sc.b.WriteString(strings.Repeat("\t", sc.indent))
	fmt.Fprintf(&sc.b, format, args...)
	sc.b.WriteByte('\n')
}

// declare names the LOCALs (not the arguments) of a block whose statements
// are stmts. A LOCAL is zeroed here unless the first statement that
// mentions it assigns it without reading it: it is declared there. One no
// statement mentions is left out. declare returns the Go names.
func (sc *nativeScope) declare(locals []*Symbol, stmts []Stmt) []string {
	var ids []string
	for _, sym := range locals {
		if sym.Kind == SymArg {
			continue
		}
		first := -1
		for i, s := range stmts {
			if sc.mentions(s, sym) {
				first = i
				break
			}
		}
		if first < 0 {
			continue
		}
		sc.counter++
		id := fmt.Sprintf("l%d_%s", sc.counter, sym.Name)
		sc.idents[sym] = id
		ids = append(ids, id)
		if a, ok := stmts[first].(*AssignStmt); ok && a.LHS.Prime == 0 && a.LHS.Index == nil && sc.ref(a.LHS) == sym && !sc.exprMentions(a.RHS, sym) {
			sc.declareAt[sym] = true
		} else {
			sc.line("var %s float64", id)
		}
	}
	return ids
}

// unused marks as used the names of ids nothing reads (Go requires it).
func (sc *nativeScope) unused(ids []string) {
	for _, id := range ids {
		if !sc.used[id] {
			sc.line("_ = %s", id)
		}
	}
}

// mentions tells whether statement s refers to sym (true for statements
// the generator does not handle: they fail later).
func (sc *nativeScope) mentions(s Stmt, sym *Symbol) bool {
	switch s := s.(type) {
	case *AssignStmt:
		return sc.ref(s.LHS) == sym || sc.exprMentions(s.LHS.Index, sym) || sc.exprMentions(s.RHS, sym)
	case *CallStmt:
		return sc.exprMentions(s.Call, sym)
	case *IfStmt:
		return sc.exprMentions(s.Cond, sym) || sc.blockMentions(s.Then, sym) || sc.blockMentions(s.Else, sym)
	case *BlockStmt:
		return sc.blockMentions(s.Block, sym)
	}
	return true
}

func (sc *nativeScope) blockMentions(b *Block, sym *Symbol) bool {
	if b == nil {
		return false
	}
	for _, s := range b.Stmts {
		if sc.mentions(s, sym) {
			return true
		}
	}
	return false
}

func (sc *nativeScope) exprMentions(e Expr, sym *Symbol) bool {
	found := false
	walkExpr(e, func(e Expr) {
		if v, ok := e.(*VarRef); ok && sc.ref(v) == sym {
			found = true
		}
	})
	return found
}

// ref resolves a variable reference.
func (sc *nativeScope) ref(v *VarRef) *Symbol {
	if s, ok := sc.refs[v]; ok {
		return s
	}
	return sc.g.model.Refs[v]
}

// callOf resolves a call.
func (sc *nativeScope) callOf(e *Call) *Func {
	if f, ok := sc.calls[e]; ok {
		return f
	}
	return sc.g.model.Calls[e]
}

func (sc *nativeScope) errorf(pos Pos, format string, args ...any) error {
	return fmt.Errorf("%s: %s:%d:%d: %s", sc.g.model.Name, sc.g.m.file, pos.Line, pos.Col, fmt.Sprintf(format, args...))
}

func (sc *nativeScope) stmts(b *Block) error {
	for _, s := range b.Stmts {
		if err := sc.stmt(s); err != nil {
			return err
		}
	}
	return nil
}

func (sc *nativeScope) stmt(s Stmt) error {
	switch s := s.(type) {
	case *AssignStmt:
		if s.LHS.Index != nil {
			return sc.errorf(s.Pos, "array element")
		}
		sym := sc.ref(s.LHS)
		if sym == nil {
			return sc.errorf(s.Pos, "unresolved %s", s.LHS.Name)
		}
		if s.LHS.Prime > 0 {
			if !sc.deriv || s.LHS.Prime != 1 {
				return sc.errorf(s.Pos, "derivative outside a cnexp DERIVATIVE block")
			}
			return sc.cnexp(s, sym)
		}
		target, err := sc.target(sym, s.Pos)
		if err != nil {
			return err
		}
		rhs, err := sc.expr(s.RHS)
		if err != nil {
			return err
		}
		op := "="
		if sc.declareAt[sym] {
			op = ":="
			delete(sc.declareAt, sym)
		}
		sc.line("%s %s %s", target, op, rhs)
	case *CallStmt:
		return sc.call(s.Call)
	case *IfStmt:
		cond, err := sc.expr(s.Cond)
		if err != nil {
			return err
		}
		sc.line("if %s != 0 {", cond)
		sc.indent++
		if err := sc.stmts(s.Then); err != nil {
			return err
		}
		sc.indent--
		if s.Else != nil {
			sc.line("} else {")
			sc.indent++
			if err := sc.stmts(s.Else); err != nil {
				return err
			}
			sc.indent--
		}
		sc.line("}")
	case *BlockStmt:
		sc.line("{")
		sc.indent++
		if err := sc.stmts(s.Block); err != nil {
			return err
		}
		sc.indent--
		sc.line("}")
	default:
		return sc.errorf(s.StmtPos(), "statement %T", s)
	}
	return nil
}

// target returns the Go name an assignment to sym writes.
func (sc *nativeScope) target(sym *Symbol, pos Pos) (string, error) {
	if id, ok := sc.idents[sym]; ok {
		return id, nil
	}
	if _, ok := sc.g.slot[sym.Name]; !ok || sym.IsArray() {
		return "", sc.errorf(pos, "assignment to %s, which is not a scalar range variable", sym.Name)
	}
	sc.r.written[sym] = true
	return "s_" + sym.Name, nil
}

// call inlines a PROCEDURE call: arguments evaluated in order into fresh
// variables, LOCALs zeroed (or declared at their first assignment), the
// body in the procedure's scope.
func (sc *nativeScope) call(e *Call) error {
	fn := sc.callOf(e)
	if fn == nil || fn.Kind != FuncProcedure || fn.Proc == nil || fn.Table != nil {
		return sc.errorf(e.Pos, "call of %s (only PROCEDUREs without TABLE)", e.Name)
	}
	if sc.inline[fn] {
		return sc.errorf(e.Pos, "recursive %s", e.Name)
	}
	if len(e.Args) != len(fn.Proc.Args) {
		return sc.errorf(e.Pos, "%s takes %d arguments", e.Name, len(fn.Proc.Args))
	}
	args := make([]string, len(e.Args))
	for i, a := range e.Args {
		x, err := sc.expr(a)
		if err != nil {
			return err
		}
		args[i] = x
	}
	sc.line("{ // %s", e.Name)
	sc.indent++
	saved := sc.idents
	sc.idents = map[*Symbol]string{}
	for k, v := range saved {
		sc.idents[k] = v
	}
	locals := sc.g.model.Locals[fn.Proc]
	var ids []string
	for i, argName := range fn.Proc.Args {
		var sym *Symbol
		for _, s := range locals {
			if s.Kind == SymArg && s.Name == argName.Name {
				sym = s
			}
		}
		if sym == nil {
			return sc.errorf(e.Pos, "argument %s of %s is not resolved", argName.Name, e.Name)
		}
		sc.counter++
		id := fmt.Sprintf("l%d_%s", sc.counter, sym.Name)
		sc.idents[sym] = id
		ids = append(ids, id)
		sc.line("%s := %s", id, args[i])
	}
	ids = append(ids, sc.declare(locals, fn.Proc.Body.Stmts)...)
	sc.inline[fn] = true
	err := sc.stmts(fn.Proc.Body)
	delete(sc.inline, fn)
	sc.unused(ids)
	sc.idents = saved
	sc.indent--
	sc.line("}")
	return err
}

// cnexp writes nocmodl's cnexp update of x' = rhs.
func (sc *nativeScope) cnexp(s *AssignStmt, x *Symbol) error {
	isState := func(v *VarRef) bool { return sc.ref(v) == x && v.Prime == 0 }
	de, eq, res := cnexpParts(x.Name, s.RHS, isState)
	if res.problem != "" || res.fallback {
		return sc.errorf(s.Pos, "cnexp cannot integrate %s", x.Name)
	}
	names := map[string]*Symbol{x.Name: x}
	calls := map[string]*Func{}
	var missing error
	walkExpr(s.RHS, func(e Expr) {
		switch e := e.(type) {
		case *VarRef:
			names[e.Name] = sc.ref(e)
		case *Call:
			calls[e.Name] = sc.callOf(e)
		}
	})
	parse := func(text string) (Expr, string, error) {
		e, err := parseExprText(text)
		if err != nil {
			return nil, "", sc.errorf(s.Pos, "cnexp text %q: %v", text, err)
		}
		walkExpr(e, func(e Expr) {
			switch e := e.(type) {
			case *VarRef:
				if sym := names[e.Name]; sym != nil {
					sc.refs[e] = sym
				} else {
					missing = sc.errorf(s.Pos, "cnexp name %s", e.Name)
				}
			case *Call:
				sc.calls[e] = calls[e.Name]
			}
		})
		if missing != nil {
			return nil, "", missing
		}
		g, err := sc.expr(e)
		return e, g, err
	}
	xs, err := sc.target(x, s.Pos)
	if err != nil {
		return err
	}
	sc.r.read[x] = true
	sc.r.dt = true
	// exp(dt*(d)), the product explicit so that it is never fused.
	exp := func(de string) (string, error) {
		e, d, err := parse(de)
		if err != nil {
			return "", err
		}
		arg := "float64(dt * " + d + ")"
		if ok, _ := sc.invariant(e); ok {
			return sc.cachedExp(arg), nil
		}
		return "libm.Exp(" + arg + ")", nil
	}
	switch {
	case eq == "" && de != "":
		ex, err := exp(de)
		if err != nil {
			return err
		}
		sc.line("%s = %s + float64((1. - %s)*(-%s))", xs, xs, ex, xs)
	case de == "":
		_, q, err := parse(eq)
		if err != nil {
			return err
		}
		sc.line("%s = %s - float64(dt*(%s))", xs, xs, q)
	default:
		ex, err := exp(de)
		if err != nil {
			return err
		}
		_, q, err := parse(eq)
		if err != nil {
			return err
		}
		sc.line("%s = %s + float64((1. - %s)*(%s - %s))", xs, xs, ex, q, xs)
	}
	return nil
}

// invariant tells whether e depends only on PARAMETERs no block assigns,
// constants, dt and celsius (and pure math builtins of those), so that its
// value is the same at every call as long as the user changes nothing;
// varies tells whether it depends on anything at all.
func (sc *nativeScope) invariant(e Expr) (ok, varies bool) {
	ok = true
	walkExpr(e, func(e Expr) {
		switch e := e.(type) {
		case *VarRef:
			sym := sc.ref(e)
			switch {
			case sym == nil || e.Index != nil || e.Prime > 0 || sym.IsArray():
				ok = false
			case sym.Kind == SymConstant, sym.Kind == SymSpecial && sym.Name == "PI":
			case sym.Kind == SymParameter && !sym.Written && sym.Ion == nil, sym.Kind == SymSpecial && (sym.Name == "dt" || sym.Name == "celsius"):
				varies = true
			default:
				ok = false
			}
		case *Call:
			fn := sc.callOf(e)
			if _, isMath := nativeMath(e.Name); fn == nil || fn.Kind != FuncBuiltin || !isMath {
				ok = false
			}
		}
	})
	return ok, varies
}

// cachedExp returns the Go of exp(arg) for a loop-invariant argument,
// after writing the statements that look it up: each instance keeps, in
// xe (its window of NativeCache), the last argument and result of each
// such call, and an argument with the same bits takes the same result
// (exp is a function of its argument's bits, so this changes nothing but
// the work). The statements go before the one being translated; they read
// only variables set before the loop or at its top.
func (sc *nativeScope) cachedExp(arg string) string {
	j := sc.r.sites
	sc.r.sites++
	sc.line("xa%d := %s", j, arg)
	sc.line("if !memo || math.Float64bits(xa%d) != math.Float64bits(xe[%d]) {", j, 2*j)
	sc.line("\txe[%d], xe[%d] = xa%d, libm.Exp(xa%d)", 2*j, 2*j+1, j, j)
	sc.line("}")
	return fmt.Sprintf("xe[%d]", 2*j+1)
}

// literal writes a float64 constant that Go reads back exactly.
func literal(v float64) (string, error) {
	switch {
	case math.IsInf(v, 0) || math.IsNaN(v):
		return "", fmt.Errorf("constant %v", v)
	case v == 0 && math.Signbit(v):
		return "negZero", nil
	}
	s := strconv.FormatFloat(v, 'g', -1, 64)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	if v < 0 {
		s = "(" + s + ")"
	}
	return s, nil
}

// fold returns e's value when e is constant, as the compiler folds it.
func (sc *nativeScope) fold(e Expr) (float64, bool) {
	switch e := e.(type) {
	case *NumberLit:
		return e.Value, true
	case *Paren:
		return sc.fold(e.X)
	case *VarRef:
		sym := sc.ref(e)
		if sym != nil && e.Prime == 0 && (sym.Kind == SymConstant || sym.Kind == SymSpecial && sym.Name == "PI") {
			return sym.Default, true
		}
	case *Unary:
		x, ok := sc.fold(e.X)
		if !ok {
			return 0, false
		}
		if e.Op == "-" {
			return -x, true
		}
		return b2f(x == 0), true
	case *Binary:
		x, ok1 := sc.fold(e.X)
		y, ok2 := sc.fold(e.Y)
		if !ok1 || !ok2 {
			return 0, false
		}
		switch e.Op {
		case "+":
			return x + y, true
		case "-":
			return x - y, true
		case "*":
			return x * y, true
		case "/":
			return x / y, true
		case "^":
			return math.Pow(x, y), true
		case "<":
			return b2f(x < y), true
		case "<=":
			return b2f(x <= y), true
		case ">":
			return b2f(x > y), true
		case ">=":
			return b2f(x >= y), true
		case "==":
			return b2f(x == y), true
		case "!=":
			return b2f(x != y), true
		case "&&":
			return b2f(x != 0 && y != 0), true
		case "||":
			return b2f(x != 0 || y != 0), true
		}
	case *Call:
		fn := sc.callOf(e)
		if fn == nil || fn.Kind != FuncBuiltin || fn.Builtin.Fn == nil || e.Name == "at_time" {
			return 0, false
		}
		vals := make([]float64, len(e.Args))
		for i, a := range e.Args {
			v, ok := sc.fold(a)
			if !ok {
				return 0, false
			}
			vals[i] = v
		}
		return fn.Builtin.Fn(vals), true
	}
	return 0, false
}

// nativeMath returns the Go function of a builtin the generator handles
// (the one builtinTable uses), or false.
func nativeMath(name string) (string, bool) {
	switch name {
	case "exp":
		return "libm.Exp", true
	case "log", "log10", "sqrt", "pow", "sin", "cos", "tan", "asin", "acos", "atan", "atan2",
		"sinh", "cosh", "tanh", "floor", "ceil":
		return "math." + strings.ToUpper(name[:1]) + name[1:], true
	case "fabs":
		return "math.Abs", true
	case "fmod":
		return "math.Mod", true
	}
	return "", false
}

func (sc *nativeScope) expr(e Expr) (string, error) {
	if v, ok := sc.fold(e); ok {
		return literal(v)
	}
	switch e := e.(type) {
	case *Paren:
		return sc.expr(e.X)
	case *VarRef:
		if e.Index != nil || e.Prime > 0 {
			return "", sc.errorf(e.Pos, "%s%s is not a scalar value", e.Name, primes(e.Prime))
		}
		sym := sc.ref(e)
		if sym == nil {
			return "", sc.errorf(e.Pos, "unresolved %s", e.Name)
		}
		if id, ok := sc.idents[sym]; ok {
			sc.used[id] = true
			return id, nil
		}
		if err := sc.g.loadable(sym); err != nil {
			return "", sc.errorf(e.Pos, "%v", err)
		}
		sc.r.read[sym] = true
		return "s_" + sym.Name, nil
	case *Unary:
		x, err := sc.expr(e.X)
		if err != nil {
			return "", err
		}
		if e.Op == "-" {
			return "(-" + x + ")", nil
		}
		return "b2f(" + x + " == 0)", nil
	case *Binary:
		x, err := sc.expr(e.X)
		if err != nil {
			return "", err
		}
		y, err := sc.expr(e.Y)
		if err != nil {
			return "", err
		}
		switch e.Op {
		case "*":
			// explicit, so that Go never fuses it with an addition
			return "float64(" + x + " * " + y + ")", nil
		case "+", "-", "/":
			return "(" + x + " " + e.Op + " " + y + ")", nil
		case "^":
			return "math.Pow(" + x + ", " + y + ")", nil
		case "<", "<=", ">", ">=", "==", "!=":
			return "b2f(" + x + " " + e.Op + " " + y + ")", nil
		case "&&", "||":
			return "b2f(" + x + " != 0 " + e.Op + " " + y + " != 0)", nil
		}
		return "", sc.errorf(e.Pos, "operator %s", e.Op)
	case *Call:
		fn := sc.callOf(e)
		name, ok := nativeMath(e.Name)
		if fn == nil || fn.Kind != FuncBuiltin || !ok {
			return "", sc.errorf(e.Pos, "call of %s (only the math builtins)", e.Name)
		}
		args := make([]string, len(e.Args))
		for i, a := range e.Args {
			x, err := sc.expr(a)
			if err != nil {
				return "", err
			}
			args[i] = x
		}
		if e.Name == "exp" && len(args) == 1 {
			if ok, varies := sc.invariant(e.Args[0]); ok && varies {
				return sc.cachedExp(args[0]), nil
			}
		}
		return name + "(" + strings.Join(args, ", ") + ")", nil
	}
	return "", sc.errorf(e.ExprPos(), "expression %T", e)
}

// loadable tells whether a mechanism-level symbol can be read from the
// engine by the generated code.
func (g *nativeGen) loadable(sym *Symbol) error {
	switch {
	case sym.IsArray():
		return fmt.Errorf("array %s", sym.Name)
	case sym.Kind == SymSpecial:
		switch sym.Name {
		case "v", "dt", "celsius", "area":
			return nil
		}
		return fmt.Errorf("special variable %s", sym.Name)
	case sym.Ion != nil && sym.IonRole != IonCurrent:
		if sym.IonRole != IonErev {
			return fmt.Errorf("ion concentration %s", sym.Name)
		}
		return nil
	}
	if _, ok := g.slot[sym.Name]; ok {
		return nil
	}
	if _, ok := g.gslot[sym.Name]; ok {
		return nil
	}
	return fmt.Errorf("%s has no engine storage", sym.Name)
}

// ionOf returns the index in the spec's ion list of sym's ion.
func (g *nativeGen) ionOf(sym *Symbol) (int, error) {
	for i, u := range g.m.spec.Ions {
		if u.Ion == sym.Ion.Name {
			return i, nil
		}
	}
	return 0, fmt.Errorf("ion of %s not used", sym.Name)
}

// sortedSyms returns the symbols of set in name order.
func sortedSyms(set ...map[*Symbol]bool) []*Symbol {
	seen := map[*Symbol]bool{}
	var out []*Symbol
	for _, s := range set {
		for sym := range s {
			if !seen[sym] {
				seen[sym] = true
				out = append(out, sym)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// nativeFunc collects what a generated method sets up before its loop over
// the instances (every column resliced to its length, so that the loop's
// indexing needs no bounds checks, and every loop-invariant value read once)
// and what the loop loads first.
type nativeFunc struct {
	pre      []string
	preNames map[string]bool
	loop     []string
	n, x, nn bool // uses the instance count, b.Vars, the node count
	k, node  bool // the loop uses the instance index, the node
	maxSlot  int  // the highest slot of b.Vars used
}

// hoist adds the declaration name := src before the loop, once.
func (f *nativeFunc) hoist(name, src string) {
	if f.preNames == nil {
		f.preNames = map[string]bool{}
	}
	if !f.preNames[name] {
		f.preNames[name] = true
		f.pre = append(f.pre, name+" := "+src)
	}
}

// nodeCol hoists a column indexed by node (resliced to the node count).
func (f *nativeFunc) nodeCol(name, src string) string {
	f.nn, f.node = true, true
	f.hoist(name, src+"[:nn]")
	return name + "[node]"
}

// instCol hoists range variable slot's column (resliced to the instance
// count).
func (f *nativeFunc) instCol(name string, slot int) string {
	f.n, f.x, f.k = true, true, true
	f.maxSlot = max(f.maxSlot, slot)
	f.hoist(name, fmt.Sprintf("x[%d][:n]", slot))
	return name + "[k]"
}

// writeCache hoists the memory of the routine's cached exp calls (2 values
// a call: the last argument and result) and makes it consistent (+0 and
// exp(+0)) when new; each instance's window, xe, starts the loop.
func (f *nativeFunc) writeCache(r *nativeRoutine, routine int) {
	if r.sites == 0 {
		return
	}
	w := 2 * r.sites
	f.n, f.k = true, true
	f.hoist("memo", "!e.NoMemo")
	f.pre = append(f.pre, fmt.Sprintf("xc, fresh := m.NativeCache(b, %d, %d*n)", routine, w),
		"if fresh {\n\tfor i := 1; i < len(xc); i += 2 {\n\t\txc[i] = libm.Exp(0)\n\t}\n}")
	f.loop = append([]string{fmt.Sprintf("xe := xc[%d*k:][:%d]", w, w)}, f.loop...)
}

// writeLoads hoists and loads the routine's mechanism variables (v apart).
func (g *nativeGen) writeLoads(f *nativeFunc, r *nativeRoutine) error {
	if r.dt {
		f.hoist("dt", "e.Dt")
	}
	for _, sym := range sortedSyms(r.read, r.written) {
		s := "s_" + sym.Name
		var src string
		switch {
		case sym.Kind == SymSpecial && sym.Name == "v":
			src = f.nodeCol("vcol", "e.V")
		case sym.Kind == SymSpecial && sym.Name == "dt":
			f.hoist(s, "e.Dt")
		case sym.Kind == SymSpecial && sym.Name == "celsius":
			f.hoist(s, "e.Celsius")
		case sym.Kind == SymSpecial && sym.Name == "area":
			src = f.nodeCol("c_area", "e.Area")
		case sym.Ion != nil && sym.IonRole == IonErev:
			k, err := g.ionOf(sym)
			if err != nil {
				return err
			}
			src = f.nodeCol("c_"+sym.Name, fmt.Sprintf("e.Ions[b.IonIndex[%d]].E", k))
		default:
			if slot, ok := g.slot[sym.Name]; ok {
				src = f.instCol("c_"+sym.Name, slot)
			} else if slot, ok := g.gslot[sym.Name]; ok {
				if r.written[sym] {
					return fmt.Errorf("%s: assignment to GLOBAL %s", g.model.Name, sym.Name)
				}
				f.hoist(s, fmt.Sprintf("b.Globals[%d]", slot))
			} else {
				return fmt.Errorf("%s: %s has no engine storage", g.model.Name, sym.Name)
			}
		}
		if src != "" {
			f.loop = append(f.loop, s+" := "+src)
		}
	}
	return nil
}

// writeStores stores the range variables the routine assigned.
func (g *nativeGen) writeStores(b *strings.Builder, r *nativeRoutine) {
	for _, sym := range sortedSyms(r.written) {
		fmt.Fprintf(b, "\t\tc_%s[k] = s_%s\n", sym.Name, sym.Name)
	}
}

// writeHead writes a method's set-up and the head of its loop.
func (f *nativeFunc) writeHead(b *strings.Builder) {
	b.WriteString("\tnodes := b.Node\n")
	if f.n {
		b.WriteString("\tn := len(nodes)\n")
	}
	if f.x {
		fmt.Fprintf(b, "\tx := b.Vars\n\t_ = x[%d] // one bounds check for every column\n", f.maxSlot)
	}
	if f.nn {
		b.WriteString("\tnn := len(e.V)\n")
	}
	for _, p := range f.pre {
		b.WriteString(indentBy(p+"\n", 1))
	}
	k, node := "k", "node"
	if !f.k {
		k = "_"
	}
	if !f.node {
		node = "_"
	}
	if node == "_" {
		fmt.Fprintf(b, "\tfor %s := range nodes {\n", k)
	} else {
		fmt.Fprintf(b, "\tfor %s, %s := range nodes {\n", k, node)
	}
	for _, l := range f.loop {
		b.WriteString("\t\t" + l + "\n")
	}
}

// receiver returns the receiver of a method: named when the routine keeps
// a cache.
func receiver(typeName string, r *nativeRoutine) string {
	if r.sites > 0 {
		return "m " + typeName
	}
	return typeName
}

func (g *nativeGen) writeCurrent(b *strings.Builder, typeName string, r *nativeRoutine) error {
	// v is set for each pass below; loads of the others come first.
	vSym := g.model.Lookup("v")
	readV := vSym != nil && r.read[vSym]
	if readV {
		delete(r.read, vSym)
	}
	f := &nativeFunc{}
	if readV {
		f.loop = append(f.loop, "v0 := "+f.nodeCol("vcol", "e.V"))
	}
	if err := g.writeLoads(f, r); err != nil {
		return err
	}
	var ionCur []*Symbol
	for _, ic := range g.m.ionCurOff {
		ionCur = append(ionCur, g.symAt(ic.off))
	}
	var currents []*Symbol
	for _, off := range g.m.currents {
		currents = append(currents, g.symAt(off))
	}
	for _, sym := range append(append([]*Symbol(nil), currents...), ionCur...) {
		if sym == nil {
			return fmt.Errorf("%s: a current has no name", g.model.Name)
		}
		if !r.written[sym] && !r.read[sym] {
			return fmt.Errorf("%s: current %s is not computed by the BREAKPOINT", g.model.Name, sym.Name)
		}
	}
	var ionUpdates strings.Builder
	for j, sym := range ionCur {
		k, err := g.ionOf(sym)
		if err != nil {
			return err
		}
		ion := fmt.Sprintf("e.Ions[b.IonIndex[%d]]", k)
		didv := f.nodeCol(fmt.Sprintf("ionDIDV%d", j), ion+".DIDV")
		i := f.nodeCol(fmt.Sprintf("ionI%d", j), ion+".I")
		fmt.Fprintf(&ionUpdates, "\t\t%s += (ion1_%d - s_%s) / .001\n", didv, j, sym.Name)
		fmt.Fprintf(&ionUpdates, "\t\t%s += s_%s\n", i, sym.Name)
	}
	// The currents go into the matrix as Env.AddDensityCurrent,
	// AddPointCurrent or AddElectrodeCurrent add them, on columns read once.
	rhs, d := f.nodeCol("rhs", "e.Rhs"), f.nodeCol("diag", "e.D")
	add := "AddDensityCurrent"
	matrix := fmt.Sprintf("\t\tg := (i1 - i0) / .001\n\t\t%s -= i0\n\t\t%s += g\n", rhs, d)
	if electrode, point := g.m.spec.ElectrodeCurrent, g.model.Kind == KindPointProcess; electrode || point {
		add = "AddPointCurrent"
		sign := [2]string{"-", "+"}
		if electrode {
			add = "AddElectrodeCurrent"
			sign = [2]string{"+", "-"}
		}
		matrix = fmt.Sprintf("\t\tf := %s\n\t\tg := (i1 - i0) / .001\n\t\tg = float64(g * f)\n\t\ti0 = float64(i0 * f)\n\t\t%s %s= i0\n\t\t%s %s= g\n",
			f.nodeCol("af", "e.AreaFactor"), rhs, sign[0], d, sign[1])
	}
	f.writeCache(r, 0)

	fmt.Fprintf(b, "// Current evaluates the BREAKPOINT at v+0.001 and at v, as the compiled\n// mechanism does, and adds the currents to the matrix.\n")
	fmt.Fprintf(b, "func (%s) Current(b *engine.Block, e *engine.Env) {\n", receiver(typeName, r))
	f.writeHead(b)
	pass := func(vexpr string) {
		fmt.Fprintf(b, "\t\t{\n")
		if readV {
			fmt.Fprintf(b, "\t\t\ts_v := %s\n", vexpr)
		}
		b.WriteString(indentBy(r.body, 1))
		fmt.Fprintf(b, "\t\t}\n")
	}
	pass("v0 + .001")
	fmt.Fprintf(b, "\t\ti1 := 0.0\n")
	for _, sym := range currents {
		fmt.Fprintf(b, "\t\ti1 += s_%s\n", sym.Name)
	}
	for j, sym := range ionCur {
		fmt.Fprintf(b, "\t\tion1_%d := s_%s\n", j, sym.Name)
	}
	pass("v0")
	fmt.Fprintf(b, "\t\ti0 := 0.0\n")
	for _, sym := range currents {
		fmt.Fprintf(b, "\t\ti0 += s_%s\n", sym.Name)
	}
	g.writeStores(b, r)
	b.WriteString(ionUpdates.String())
	fmt.Fprintf(b, "\t\t// e.%s(node, i1, i0)\n%s\t}\n}\n\n", add, matrix)
	return nil
}

func (g *nativeGen) writeState(b *strings.Builder, typeName string, r *nativeRoutine) {
	fmt.Fprintf(b, "// State advances the states by nocmodl's cnexp step.\n")
	if r == nil {
		fmt.Fprintf(b, "func (%s) State(b *engine.Block, e *engine.Env) error {\n\treturn nil\n}\n", typeName)
		return
	}
	fmt.Fprintf(b, "func (%s) State(b *engine.Block, e *engine.Env) error {\n", receiver(typeName, r))
	f := &nativeFunc{}
	// cannot fail: loads are checked when the BREAKPOINT is written
	_ = g.writeLoads(f, r)
	f.writeCache(r, 1)
	f.writeHead(b)
	b.WriteString(r.body)
	g.writeStores(b, r)
	fmt.Fprintf(b, "\t}\n\treturn nil\n}\n")
}

// symAt returns the mechanism-level symbol stored at frame offset off.
func (g *nativeGen) symAt(off int) *Symbol {
	for _, sym := range g.model.Symbols {
		if o, ok := g.m.prog.Slot(sym.Name); ok && o == off {
			return sym
		}
	}
	return nil
}

func indentBy(s string, n int) string {
	if s == "" {
		return s
	}
	pre := strings.Repeat("\t", n)
	lines := strings.SplitAfter(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = pre + l
		}
	}
	return strings.Join(lines, "")
}
