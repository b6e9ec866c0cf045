package nmodl

import (
	"path/filepath"
	"sort"
	"strings"
)

// Check resolves every name of a parsed file and returns the mechanism it
// describes. Problems that nocmodl refuses are returned together as an
// ErrorList, each with its position; the Model is nil then. Constructs this
// package cannot run (VERBATIM code, KINETIC blocks, random numbers …) do
// not fail the check: they are listed in Model.NotInstantiable.
func Check(f *File) (*Model, error) {
	c := &checker{
		m: &Model{
			File:   f,
			Funcs:  map[string]*Func{},
			Refs:   map[*VarRef]*Symbol{},
			Calls:  map[*Call]*Func{},
			Locals: map[*Proc][]*Symbol{},
			byName: map[string]*Symbol{},
		},
		builtins:  builtinTable(),
		solvable:  map[string]*Proc{},
		derivs:    map[*Proc][]*Symbol{},
		writtenIn: map[*Symbol]map[ProcKind]bool{},
		kinStates: map[*Proc][]*Symbol{},
	}
	c.run()
	if len(c.errs) > 0 {
		sortErrors(c.errs)
		return nil, c.errs
	}
	sortErrors(c.m.NotInstantiable)
	sortErrors(c.m.Warnings)
	return c.m, nil
}

func sortErrors(l []*Error) {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

type checker struct {
	m        *Model
	errs     ErrorList
	builtins map[string]*Builtin
	// solvable holds DERIVATIVE, KINETIC, LINEAR, NONLINEAR, DISCRETE and
	// PARTIAL blocks by name.
	solvable map[string]*Proc
	// tolerant is set when the file has VERBATIM code (other than the
	// NET_RECEIVE return guard) or INCLUDEs: names may be declared there,
	// so unknown names only warn, as in nocmodl.
	tolerant bool

	scopes []map[string]*Symbol
	proc   *Proc
	// derivs lists the states given a derivative in each DERIVATIVE block.
	derivs map[*Proc][]*Symbol
	// kinStates lists the states appearing in each KINETIC block.
	kinStates map[*Proc][]*Symbol
	writtenIn map[*Symbol]map[ProcKind]bool
	tables    map[*Proc]bool
}

func (c *checker) errorf(pos Pos, format string, args ...any) {
	c.errs = append(c.errs, errorf(pos, format, args...))
}

func (c *checker) warnf(pos Pos, format string, args ...any) {
	c.m.Warnings = append(c.m.Warnings, errorf(pos, format, args...))
}

func (c *checker) unsupported(pos Pos, format string, args ...any) {
	c.m.NotInstantiable = append(c.m.NotInstantiable, errorf(pos, format, args...))
}

func (c *checker) run() {
	f := c.m.File
	c.tables = map[*Proc]bool{}
	c.classifyVerbatim()
	c.mechanism()
	c.declarations()
	c.neuronBlock()
	c.callables()
	for _, pr := range f.Procs {
		c.proc = pr
		c.procBody(pr)
	}
	c.proc = nil
	c.solves()
	c.statesWithoutDerivative()
}

// classifyVerbatim finds every VERBATIM block and decides whether it is
// the NET_RECEIVE return guard.
func (c *checker) classifyVerbatim() {
	f := c.m.File
	for _, v := range f.Verbatims {
		c.m.Verbatims = append(c.m.Verbatims, &Verbatim{Stmt: v})
	}
	for _, pr := range f.Procs {
		if pr.Body == nil {
			continue
		}
		walkStmts(pr.Body, func(s Stmt) {
			if v, ok := s.(*VerbatimStmt); ok {
				guard := pr.Kind == ProcNetReceive && isReturnGuard(v.Text)
				c.m.Verbatims = append(c.m.Verbatims, &Verbatim{Stmt: v, ReturnGuard: guard, In: pr})
			}
		})
	}
	for _, v := range c.m.Verbatims {
		if !v.ReturnGuard {
			c.tolerant = true
			c.unsupported(v.Stmt.Pos, "VERBATIM block (C code) cannot be run")
		}
	}
	for _, inc := range f.Includes {
		c.tolerant = true
		c.unsupported(inc.Pos, "INCLUDE %q is not supported", inc.Name)
	}
}

// isReturnGuard reports whether VERBATIM text is just "return;" (blanks
// and C comments aside).
func isReturnGuard(text string) bool {
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		if strings.HasPrefix(text[i:], "/*") {
			j := strings.Index(text[i+2:], "*/")
			if j < 0 {
				return false
			}
			i += j + 3
			continue
		}
		switch text[i] {
		case ' ', '\t', '\n', '\r':
		default:
			b.WriteByte(text[i])
		}
	}
	return b.String() == "return;"
}

// walkStmts calls fn for every statement of b, nested ones included.
func walkStmts(b *Block, fn func(Stmt)) {
	if b == nil {
		return
	}
	for _, s := range b.Stmts {
		fn(s)
		switch s := s.(type) {
		case *IfStmt:
			walkStmts(s.Then, fn)
			walkStmts(s.Else, fn)
		case *WhileStmt:
			walkStmts(s.Body, fn)
		case *FromStmt:
			walkStmts(s.Body, fn)
		case *BlockStmt:
			walkStmts(s.Block, fn)
		case *NetInitialStmt:
			walkStmts(s.Body, fn)
		case *SolveStmt:
			walkStmts(s.IfError, fn)
		case *ForNetconsStmt:
			walkStmts(s.Body, fn)
		}
	}
}

func (c *checker) mechanism() {
	f := c.m.File
	nb := f.Neuron
	if nb == nil || nb.Kind == KindNone {
		// nocmodl names a mechanism without SUFFIX after its file.
		base := filepath.Base(f.Name)
		c.m.Name = strings.TrimSuffix(base, filepath.Ext(base))
		c.m.Kind = KindDensity
		return
	}
	c.m.Name, c.m.Kind = nb.Name.Name, nb.Kind
}

// declare adds a mechanism-level symbol, applying nocmodl's promotions
// (PARAMETER -> ASSIGNED -> STATE) when a name is declared twice.
func (c *checker) declare(s *Symbol) *Symbol {
	if c.builtins[s.Name] != nil {
		c.errorf(s.Pos, "%s is a reserved word (a built-in function) and cannot be declared as %s", s.Name, s.Kind)
		return s
	}
	old := c.m.byName[s.Name]
	if old == nil {
		c.m.byName[s.Name] = s
		c.m.Symbols = append(c.m.Symbols, s)
		return s
	}
	rank := func(k SymKind) int {
		switch k {
		case SymParameter:
			return 1
		case SymAssigned:
			return 2
		case SymState:
			return 3
		}
		return 0
	}
	ro, rn := rank(old.Kind), rank(s.Kind)
	switch {
	case old.Kind == SymSpecial:
		// v, dt, celsius … declared in PARAMETER or ASSIGNED keep their
		// special meaning; take the declared units.
		old.Pos, old.Units = s.Pos, s.Units
		return old
	case ro == 0 || rn == 0 || ro == rn:
		c.errorf(s.Pos, "%s is declared twice (first as %s at %s)", s.Name, old.Kind, old.Pos)
		return old
	case rn > ro:
		c.warnf(s.Pos, "%s is promoted from %s to %s", s.Name, old.Kind, s.Kind)
		old.Kind, old.Pos, old.Size = s.Kind, s.Pos, s.Size
		if s.Units != "" {
			old.Units = s.Units
		}
	default:
		c.warnf(s.Pos, "%s is promoted from %s to %s", s.Name, s.Kind, old.Kind)
		if !old.HasDefault && s.HasDefault {
			old.Default, old.HasDefault = s.Default, true
		}
	}
	return old
}

func (c *checker) declarations() {
	f := c.m.File
	for _, name := range specialNames() {
		s := &Symbol{Name: name, Kind: SymSpecial}
		if name == "PI" {
			s.Default, s.HasDefault = 3.14159265358979323846, true
		}
		c.m.byName[name] = s
	}
	add := func(kind SymKind, ds []*VarDecl) {
		for _, d := range ds {
			s := &Symbol{Name: d.Name, Kind: kind, Pos: d.Pos, Size: d.Size, Units: d.Units, Limits: d.Limits}
			if d.Value != nil {
				s.Default, s.HasDefault = *d.Value, true
			}
			c.declare(s)
		}
	}
	add(SymParameter, f.Parameters)
	add(SymConstant, f.Constants)
	add(SymAssigned, f.Assigned)
	add(SymState, f.States)
	for _, u := range f.UnitFactors {
		s := &Symbol{Name: u.Name, Kind: SymConstant, Pos: u.Pos, Units: u.To}
		if u.Value != nil {
			s.Default, s.HasDefault = *u.Value, true
		} else if v, ok := UnitFactorValue(u.From, u.To); ok {
			s.Default, s.HasDefault = v, true
		} else {
			c.unsupported(u.Pos, "the value of unit factor %s = (%s) (%s) is unknown", u.Name, u.From, u.To)
		}
		c.declare(s)
	}
	for _, d := range f.Independent {
		if d.Name != "t" {
			c.errorf(d.Pos, "the independent variable name must be `t'")
		}
	}
	for _, l := range f.Locals {
		c.declare(&Symbol{Name: l.Name, Kind: SymLocal, Pos: l.Pos, Size: l.Size})
	}
	// Names that begin with D and name a state's derivative are refused.
	for _, s := range c.m.Symbols {
		if s.Kind == SymState && strings.HasPrefix(s.Name, "D") {
			if o := c.m.byName[s.Name[1:]]; o != nil && o.Kind == SymState {
				c.errorf(s.Pos, "%s is a STATE so %s is %s' and cannot be declared as a STATE", o.Name, s.Name, o.Name)
			}
		}
	}
}

func (c *checker) neuronBlock() {
	nb := c.m.File.Neuron
	if nb == nil {
		nb = &NeuronBlock{}
	}
	for _, s := range c.m.Symbols {
		switch s.Kind {
		case SymParameter:
			s.Global = true
		case SymAssigned, SymState:
			s.Range = true
		}
	}
	type current struct {
		s   *Symbol
		pos Pos
	}
	var currents []current
	implicit := func(id Ident, what string) *Symbol {
		s := c.m.byName[id.Name]
		if s == nil {
			s = c.declare(&Symbol{Name: id.Name, Kind: SymAssigned, Pos: id.Pos, Range: true})
			c.warnf(id.Pos, "%s %s is not declared in ASSIGNED", what, id.Name)
		}
		return s
	}
	for _, id := range nb.Nonspecific {
		s := implicit(id, "NONSPECIFIC_CURRENT")
		s.Current = true
		currents = append(currents, current{s, id.Pos})
	}
	for _, id := range nb.Electrode {
		s := implicit(id, "ELECTRODE_CURRENT")
		s.Current, s.Electrode = true, true
		c.m.Electrode = true
		currents = append(currents, current{s, id.Pos})
	}
	seenIon := map[string]bool{}
	for _, u := range nb.Ions {
		if seenIon[u.Ion.Name] {
			c.errorf(u.Pos, "USEION %s appears twice (merging of ion uses is not supported by nocmodl)", u.Ion.Name)
			continue
		}
		seenIon[u.Ion.Name] = true
		ion := &Ion{Name: u.Ion.Name, Pos: u.Pos, Valence: u.Valence}
		c.m.Ions = append(c.m.Ions, ion)
		use := func(id Ident, write bool) {
			role := ionRole(id.Name, ion.Name)
			if role == IonNone {
				c.errorf(id.Pos, "%s is not a valid ionic variable for %s", id.Name, ion.Name)
				return
			}
			s := c.m.byName[id.Name]
			if s == nil || s.Kind == SymSpecial {
				s = c.declare(&Symbol{Name: id.Name, Kind: SymAssigned, Pos: id.Pos})
			}
			s.Ion, s.IonRole = ion, role
			s.Global = false
			s.Range = false
			if write {
				s.IonWrite = true
				ion.Write = append(ion.Write, s)
				if role == IonCurrent {
					s.Current = true
					currents = append(currents, current{s, id.Pos})
				}
			} else {
				s.IonRead = true
				ion.Read = append(ion.Read, s)
			}
		}
		for _, id := range u.Read {
			use(id, false)
		}
		for _, id := range u.Write {
			use(id, true)
		}
	}
	sort.SliceStable(currents, func(i, j int) bool { return currents[i].pos.Offset < currents[j].pos.Offset })
	for _, cu := range currents {
		c.m.Currents = append(c.m.Currents, cu.s)
	}
	for _, id := range nb.Range {
		s := c.m.byName[id.Name]
		if s == nil {
			// nocmodl only warns ("undefined").
			c.warnf(id.Pos, "RANGE variable %s is not declared", id.Name)
			continue
		}
		if s.Kind == SymSpecial && (s.Name == "diam" || s.Name == "area") {
			c.errorf(id.Pos, "%s cannot be a RANGE or GLOBAL variable for this mechanism", s.Name)
			continue
		}
		if s.Ion == nil {
			s.Range, s.Global = true, false
		}
	}
	for _, id := range nb.Global {
		s := c.m.byName[id.Name]
		if s == nil {
			c.warnf(id.Pos, "GLOBAL variable %s is not declared", id.Name)
			continue
		}
		if s.Kind == SymState {
			c.errorf(id.Pos, "%s is a STATE variable and hence cannot be declared as GLOBAL", s.Name)
			continue
		}
		if s.Kind == SymSpecial {
			c.errorf(id.Pos, "%s cannot be a RANGE or GLOBAL variable for this mechanism", s.Name)
			continue
		}
		s.Global, s.Range = true, false
	}
	for _, list := range [][]Ident{nb.Pointer, nb.BBCore} {
		for _, id := range list {
			s := c.m.byName[id.Name]
			if s == nil {
				s = c.declare(&Symbol{Name: id.Name, Kind: SymPointer, Pos: id.Pos})
			}
			s.Kind = SymPointer
			s.Range, s.Global = false, false
		}
	}
	for _, id := range nb.External {
		c.unsupported(id.Pos, "EXTERNAL %s is not supported", id.Name)
		if c.m.byName[id.Name] == nil {
			c.declare(&Symbol{Name: id.Name, Kind: SymPointer, Pos: id.Pos})
		}
	}
	for _, id := range nb.Section {
		c.unsupported(id.Pos, "SECTION %s is not supported", id.Name)
	}
}

// ionRole classifies an ion variable name as nocpout.cpp iontype does.
func ionRole(name, ion string) IonRole {
	switch name {
	case "i" + ion:
		return IonCurrent
	case "e" + ion:
		return IonErev
	case ion + "i":
		return IonInside
	case ion + "o":
		return IonOutside
	}
	return IonNone
}

func (c *checker) callables() {
	f := c.m.File
	for name, b := range c.builtins {
		c.m.Funcs[name] = &Func{Name: name, Kind: FuncBuiltin, Builtin: b, NArgs: b.NArgs}
	}
	for _, pr := range f.Procs {
		switch pr.Kind {
		case ProcInitial:
			if c.m.Initial != nil {
				c.errorf(pr.Pos, "second INITIAL block (the first is at %s)", c.m.Initial.Pos)
			}
			c.m.Initial = pr
		case ProcBreakpoint:
			if c.m.Breakpoint != nil {
				c.errorf(pr.Pos, "second BREAKPOINT block (the first is at %s)", c.m.Breakpoint.Pos)
			}
			c.m.Breakpoint = pr
		case ProcNetReceive:
			if c.m.NetReceive != nil {
				c.errorf(pr.Pos, "second NET_RECEIVE block (the first is at %s)", c.m.NetReceive.Pos)
			}
			c.m.NetReceive = pr
		case ProcFunction, ProcProcedure, ProcFunctionTable:
			name := pr.Name.Name
			if c.builtins[name] != nil {
				c.errorf(pr.Name.Pos, "%s is a reserved word (a built-in function)", name)
				continue
			}
			if old := c.m.Funcs[name]; old != nil {
				c.errorf(pr.Name.Pos, "%s is declared twice (first at %s)", name, old.Proc.Name.Pos)
				continue
			}
			if s := c.m.byName[name]; s != nil {
				c.errorf(pr.Name.Pos, "%s is used as both variable and function", name)
				continue
			}
			kind := map[ProcKind]FuncKind{ProcFunction: FuncFunction, ProcProcedure: FuncProcedure,
				ProcFunctionTable: FuncFunctionTable}[pr.Kind]
			c.m.Funcs[name] = &Func{Name: name, Kind: kind, Proc: pr, NArgs: len(pr.Args)}
			if pr.Kind == ProcFunctionTable {
				c.unsupported(pr.Pos, "FUNCTION_TABLE %s takes its data from hoc and is not supported", name)
			}
		case ProcDerivative, ProcKinetic, ProcLinear, ProcNonlinear, ProcDiscrete, ProcPartial:
			name := pr.Name.Name
			if old := c.solvable[name]; old != nil {
				c.errorf(pr.Name.Pos, "%s is declared twice (first at %s)", name, old.Name.Pos)
				continue
			}
			if s := c.m.byName[name]; s != nil {
				c.errorf(pr.Name.Pos, "%s is used as both variable and %s block", name, pr.Kind)
				continue
			}
			c.solvable[name] = pr
			switch pr.Kind {
			case ProcDiscrete, ProcPartial:
				c.unsupported(pr.Pos, "%s blocks are not supported", pr.Kind)
			}
		case ProcConstructor, ProcDestructor, ProcBefore, ProcAfter, ProcTerminal:
			if pr.Body != nil && hasNonVerbatim(pr.Body) {
				what := pr.Kind.String()
				if pr.When != "" {
					what += " " + pr.When
				}
				c.unsupported(pr.Pos, "%s blocks are not supported", what)
			}
		}
	}
}

func hasNonVerbatim(b *Block) bool {
	for _, s := range b.Stmts {
		if _, ok := s.(*VerbatimStmt); !ok {
			return true
		}
	}
	return false
}

func (c *checker) push() { c.scopes = append(c.scopes, map[string]*Symbol{}) }
func (c *checker) pop()  { c.scopes = c.scopes[:len(c.scopes)-1] }

// local declares a block-level name in the innermost scope.
func (c *checker) local(s *Symbol) {
	if c.builtins[s.Name] != nil {
		c.errorf(s.Pos, "%s is a reserved word (a built-in function)", s.Name)
	}
	c.scopes[len(c.scopes)-1][s.Name] = s
	c.m.Locals[c.proc] = append(c.m.Locals[c.proc], s)
}

func (c *checker) lookup(name string) *Symbol {
	for i := len(c.scopes) - 1; i >= 0; i-- {
		if s := c.scopes[i][name]; s != nil {
			return s
		}
	}
	return c.m.byName[name]
}

func (c *checker) procBody(pr *Proc) {
	if pr.Body == nil {
		return
	}
	c.push()
	defer c.pop()
	for _, a := range pr.Args {
		c.local(&Symbol{Name: a.Name, Kind: SymArg, Pos: a.Pos, Units: a.Units})
	}
	switch pr.Kind {
	case ProcFunction:
		c.local(&Symbol{Name: pr.Name.Name, Kind: SymFuncValue, Pos: pr.Name.Pos, Units: pr.Units})
	case ProcNetReceive:
		c.local(&Symbol{Name: "flag", Kind: SymFlag, Pos: pr.Pos})
	}
	c.block(pr.Body, false)
	if pr.Kind == ProcDerivative && len(c.derivs[pr]) == 0 {
		c.errorf(pr.Pos, "No derivative equations in DERIVATIVE block %s", pr.Name.Name)
	}
}

func (c *checker) block(b *Block, push bool) {
	if b == nil {
		return
	}
	if push {
		c.push()
		defer c.pop()
	}
	if !push && len(b.Locals) > 0 {
		// LOCALs of a procedure body share the scope of its arguments in
		// C, but nocmodl gives them their own level; a LOCAL may shadow an
		// argument.
		c.push()
		defer c.pop()
	}
	for _, l := range b.Locals {
		c.local(&Symbol{Name: l.Name, Kind: SymLocal, Pos: l.Pos, Size: l.Size})
	}
	for _, s := range b.Stmts {
		c.stmt(s)
	}
}

func (c *checker) stmt(s Stmt) {
	pr := c.proc
	switch s := s.(type) {
	case *AssignStmt:
		c.expr(s.RHS)
		c.ref(s.LHS, true)
	case *CallStmt:
		c.call(s.Call)
	case *IfStmt:
		c.expr(s.Cond)
		c.block(s.Then, true)
		c.block(s.Else, true)
	case *WhileStmt:
		c.expr(s.Cond)
		c.block(s.Body, true)
	case *FromStmt:
		c.expr(s.From)
		c.expr(s.To)
		if s.By != nil {
			c.expr(s.By)
		}
		c.push()
		c.local(&Symbol{Name: s.Var.Name, Kind: SymLoopVar, Pos: s.Var.Pos})
		c.block(s.Body, true)
		c.pop()
	case *SolveStmt:
		if pr.Kind != ProcBreakpoint && pr.Kind != ProcInitial {
			c.unsupported(s.Pos, "SOLVE inside %s is not supported", pr.Kind)
		}
		c.block(s.IfError, true)
	case *TableStmt:
		c.table(s)
	case *VerbatimStmt:
		// classified in classifyVerbatim
	case *BlockStmt:
		c.block(s.Block, true)
	case *NetInitialStmt:
		if pr.Kind != ProcNetReceive {
			c.errorf(s.Pos, "INITIAL can only appear inside NET_RECEIVE")
			return
		}
		if c.m.NetInitial != nil {
			c.errorf(s.Pos, "second INITIAL block in NET_RECEIVE")
		}
		c.m.NetInitial = s
		c.block(s.Body, true)
	case *ReactionStmt:
		if pr.Kind != ProcKinetic {
			c.errorf(s.Pos, "reactions can only appear in a KINETIC block")
			return
		}
		for _, side := range [][]ReactTerm{s.Left, s.Right} {
			for _, t := range side {
				c.ref(t.Var, false)
				if sym := c.m.Refs[t.Var]; sym != nil && sym.Kind == SymState {
					c.kinStates[pr] = append(c.kinStates[pr], sym)
				}
			}
		}
		c.expr(s.Rate1)
		if s.Rate2 != nil {
			c.expr(s.Rate2)
		}
	case *ConserveStmt:
		if pr.Kind != ProcKinetic {
			c.errorf(s.Pos, "CONSERVE can only appear in a KINETIC block")
			return
		}
		for _, t := range s.Terms {
			c.ref(t.Var, false)
		}
		c.expr(s.Value)
	case *CompartmentStmt:
		if pr.Kind != ProcKinetic {
			c.errorf(s.Pos, "COMPARTMENT can only appear in a KINETIC block")
			return
		}
		c.push()
		if s.Index != nil {
			c.local(&Symbol{Name: s.Index.Name, Kind: SymLoopVar, Pos: s.Index.Pos})
		}
		c.expr(s.Volume)
		c.pop()
		for _, id := range s.Names {
			if c.lookup(id.Name) == nil {
				c.unknown(id.Pos, id.Name)
			}
		}
	case *EquationStmt:
		c.expr(s.LHS)
		c.expr(s.RHS)
		if pr.Kind != ProcLinear && pr.Kind != ProcNonlinear {
			c.unsupported(s.Pos, "equations ('~') in a %s block are not supported", pr.Kind)
		}
	case *WatchStmt:
		for _, w := range s.Watches {
			c.expr(w.Left)
			c.expr(w.Right)
			c.expr(w.Flag)
		}
		c.unsupported(s.Pos, "WATCH is not supported")
	case *ForNetconsStmt:
		c.unsupported(s.Pos, "FOR_NETCONS is not supported")
		c.push()
		for _, a := range s.Args {
			c.local(&Symbol{Name: a.Name, Kind: SymArg, Pos: a.Pos})
		}
		c.block(s.Body, true)
		c.pop()
	case *ConductanceStmt:
		if pr.Kind != ProcBreakpoint {
			c.errorf(s.Pos, "CONDUCTANCE can only appear in BREAKPOINT block")
		}
		if c.lookup(s.Name.Name) == nil {
			c.unknown(s.Name.Pos, s.Name.Name)
		}
	case *MutexStmt:
	case *UnsupportedStmt:
		c.unsupported(s.Pos, "%s is not supported", s.Keyword)
	}
}

func (c *checker) table(s *TableStmt) {
	pr := c.proc
	if pr.Kind != ProcFunction && pr.Kind != ProcProcedure {
		c.errorf(s.Pos, "TABLE valid only for FUNCTION or PROCEDURE")
		return
	}
	if c.tables[pr] {
		c.errorf(s.Pos, "only one TABLE per function")
		return
	}
	c.tables[pr] = true
	fn := c.m.Funcs[pr.Name.Name]
	if fn == nil || fn.Proc != pr {
		return
	}
	fn.Table = s
	if len(pr.Args) != 1 {
		c.errorf(s.Pos, "TABLE requires %s to have exactly one argument", pr.Name.Name)
	}
	if pr.Kind == ProcFunction && len(s.Names) > 0 {
		c.errorf(s.Names[0].Pos, "a FUNCTION's TABLE takes no variable names")
	}
	if pr.Kind == ProcProcedure && len(s.Names) == 0 {
		c.errorf(s.Pos, "a PROCEDURE's TABLE must name the variables it tabulates")
	}
	for _, id := range s.Names {
		sym := c.m.byName[id.Name]
		if sym == nil {
			c.unknown(id.Pos, id.Name)
			continue
		}
		fn.TableSyms = append(fn.TableSyms, sym)
	}
	for _, id := range s.Depend {
		sym := c.m.byName[id.Name]
		if sym == nil {
			c.unknown(id.Pos, id.Name)
			continue
		}
		fn.TableDepend = append(fn.TableDepend, sym)
	}
	// FROM and TO are evaluated at mechanism level, outside the function.
	saved := c.scopes
	c.scopes = nil
	c.expr(s.From)
	c.expr(s.To)
	c.scopes = saved
	if s.With < 1 {
		c.errorf(s.Pos, "TABLE WITH must be at least 1")
	}
}

func (c *checker) unknown(pos Pos, name string) {
	if c.tolerant {
		c.warnf(pos, "%s undefined (declared within VERBATIM?)", name)
		c.unsupported(pos, "%s is not declared in NMODL", name)
		return
	}
	c.errorf(pos, "undefined name %s", name)
}

// ref resolves a variable reference; assign is true for the target of an
// assignment.
func (c *checker) ref(r *VarRef, assign bool) {
	pr := c.proc
	if r.Index != nil {
		c.expr(r.Index)
	}
	s := c.lookup(r.Name)
	if s == nil && pr.Kind == ProcKinetic && (r.Name == "f_flux" || r.Name == "b_flux") && !assign {
		// the forward and backward flux of the preceding reaction
		s = &Symbol{Name: r.Name, Kind: SymSpecial}
	}
	if s == nil {
		if _, isFunc := c.m.Funcs[r.Name]; isFunc {
			c.errorf(r.Pos, "%s is a function and needs '(…)'", r.Name)
			return
		}
		if r.Prime > 0 {
			c.errorf(r.Pos, "%s must be declared as a state variable", r.Name)
			return
		}
		c.unknown(r.Pos, r.Name)
		return
	}
	c.m.Refs[r] = s
	if r.Prime > 0 {
		if s.Kind != SymState {
			c.errorf(r.Pos, "%s must be declared as a state variable", r.Name)
			return
		}
		if pr.Kind != ProcDerivative {
			c.errorf(r.Pos, "derivative %s%s outside a DERIVATIVE block", r.Name, primes(r.Prime))
			return
		}
		if r.Prime > 1 {
			c.unsupported(r.Pos, "higher order derivative %s%s is not supported", r.Name, primes(r.Prime))
		}
		if assign {
			for _, d := range c.derivs[pr] {
				if d == s {
					c.errorf(r.Pos, "%s%s is assigned twice in DERIVATIVE block %s", r.Name, primes(r.Prime), pr.Name.Name)
					return
				}
			}
			c.derivs[pr] = append(c.derivs[pr], s)
		}
		return
	}
	switch {
	case s.Size > 0 && r.Index == nil:
		c.errorf(r.Pos, "%s is an array and needs an index", r.Name)
	case s.Size == 0 && r.Index != nil:
		c.errorf(r.Pos, "%s is not an array", r.Name)
	}
	if s.Kind == SymPointer {
		c.unsupported(r.Pos, "POINTER variable %s is not supported", r.Name)
	}
	if !assign {
		return
	}
	switch {
	case s.Kind == SymSpecial && isReadOnlySpecial(s.Name):
		c.errorf(r.Pos, "%s is a special NEURON variable that should not be assigned a value in a model description file", s.Name)
		return
	case s.Kind == SymSpecial && s.Name == "PI", s.Kind == SymConstant:
		c.errorf(r.Pos, "%s is a constant and cannot be assigned", s.Name)
		return
	case s.Kind == SymLoopVar:
		c.errorf(r.Pos, "the loop variable %s cannot be assigned", s.Name)
		return
	case s.Kind == SymState && pr.Kind == ProcDerivative:
		c.warnf(r.Pos, "%s (a STATE) is assigned a value in a DERIVATIVE block", s.Name)
	case s.Ion != nil && !s.IonWrite:
		c.warnf(r.Pos, "%s is assigned but USEION %s does not WRITE it", s.Name, s.Ion.Name)
	}
	s.Written = true
	w := c.writtenIn[s]
	if w == nil {
		w = map[ProcKind]bool{}
		c.writtenIn[s] = w
	}
	w[pr.Kind] = true
}

func (c *checker) expr(e Expr) {
	switch e := e.(type) {
	case *VarRef:
		c.ref(e, false)
	case *NumberLit:
	case *StringLit:
		c.errorf(e.Pos, "a string can only be an argument of printf")
	case *Call:
		c.call(e)
	case *Unary:
		c.expr(e.X)
	case *Binary:
		c.expr(e.X)
		c.expr(e.Y)
	case *Paren:
		c.expr(e.X)
	}
}

func (c *checker) call(e *Call) {
	fn := c.m.Funcs[e.Name]
	if fn == nil {
		if s := c.lookup(e.Name); s != nil {
			c.errorf(e.Pos, "%s is a %s, not a function", e.Name, s.Kind)
		} else if c.solvable[e.Name] != nil {
			c.errorf(e.Pos, "%s is a %s block and can only be used with SOLVE", e.Name, c.solvable[e.Name].Kind)
		} else if c.tolerant {
			c.warnf(e.Pos, "function %s is not defined in NMODL (declared within VERBATIM?)", e.Name)
			c.unsupported(e.Pos, "function %s is not defined in NMODL", e.Name)
		} else {
			c.errorf(e.Pos, "undefined function %s", e.Name)
		}
		for _, a := range e.Args {
			if _, ok := a.(*StringLit); !ok {
				c.expr(a)
			}
		}
		return
	}
	c.m.Calls[e] = fn
	if fn.NArgs >= 0 && len(e.Args) != fn.NArgs {
		c.errorf(e.Pos, "%s takes %d argument(s), called with %d", e.Name, fn.NArgs, len(e.Args))
	}
	for i, a := range e.Args {
		if _, ok := a.(*StringLit); ok {
			if e.Name != "printf" || i != 0 {
				c.errorf(a.ExprPos(), "a string can only be the first argument of printf")
			}
			continue
		}
		// Arrays may be passed whole to a few SCoP routines; nocmodl
		// accepts a bare array name there.
		if v, ok := a.(*VarRef); ok && fn.Kind == FuncBuiltin && fn.Builtin.Unsupported != "" {
			if s := c.lookup(v.Name); s != nil && v.Index == nil {
				c.m.Refs[v] = s
				continue
			}
		}
		c.expr(a)
	}
	if fn.Kind == FuncBuiltin {
		b := fn.Builtin
		if b.Name == "exprelr" {
			c.warnf(e.Pos, "exprelr is not provided by NEURON 8.2.2's nocmodl (the file would not load there); using x/(exp(x)-1)")
		}
		if b.Unsupported != "" {
			c.unsupported(e.Pos, "%s: %s", e.Name, b.Unsupported)
		}
		if b.Event {
			pk := c.proc.Kind
			if pk != ProcNetReceive && pk != ProcInitial && pk != ProcProcedure && pk != ProcFunction {
				c.errorf(e.Pos, "%s can only be called from NET_RECEIVE or INITIAL", e.Name)
			}
			if e.Name == "net_event" && c.m.Kind != KindPointProcess && c.m.Kind != KindArtificialCell {
				c.errorf(e.Pos, "net_event needs a POINT_PROCESS or ARTIFICIAL_CELL")
			}
		}
	}
}

// solves resolves the SOLVE statements of BREAKPOINT and INITIAL.
func (c *checker) solves() {
	for _, pr := range []*Proc{c.m.Breakpoint, c.m.Initial} {
		if pr == nil {
			continue
		}
		walkStmts(pr.Body, func(st Stmt) {
			s, ok := st.(*SolveStmt)
			if !ok {
				return
			}
			sv := &Solve{Stmt: s, In: pr.Kind}
			if s.Method != nil {
				sv.Method = s.Method.Name
			}
			blk := c.solvable[s.Name.Name]
			if blk == nil {
				if fn := c.m.Funcs[s.Name.Name]; fn != nil && fn.Kind == FuncProcedure {
					blk = fn.Proc
				}
			}
			if blk == nil {
				c.errorf(s.Name.Pos, "SOLVE %s: no DERIVATIVE, KINETIC, LINEAR, NONLINEAR block or PROCEDURE of that name", s.Name.Name)
				return
			}
			sv.Block = blk
			c.m.Solves = append(c.m.Solves, sv)
			c.checkMethod(sv)
		})
	}
}

func (c *checker) checkMethod(sv *Solve) {
	s, blk := sv.Stmt, sv.Block
	mpos := s.Name.Pos
	if s.Method != nil {
		mpos = s.Method.Pos
	}
	bad := func() {
		c.errorf(mpos, "Method %s can't be used with Block %s", sv.Method, blk.Name.Name)
	}
	if s.SteadyState {
		if blk.Kind != ProcKinetic && blk.Kind != ProcDerivative {
			c.errorf(s.Pos, "STEADYSTATE only valid for SOLVEing a KINETIC or DERIVATIVE block")
			return
		}
		c.unsupported(s.Pos, "SOLVE %s STEADYSTATE is not supported", blk.Name.Name)
		return
	}
	switch blk.Kind {
	case ProcDerivative:
		switch sv.Method {
		case "cnexp", "derivimplicit", "euler":
			if sv.In != ProcBreakpoint {
				c.unsupported(s.Pos, "SOLVE of a DERIVATIVE block outside BREAKPOINT is not supported")
			}
		case "":
			c.unsupported(s.Pos, "SOLVE %s without METHOD (adaptive Runge-Kutta) is not supported", blk.Name.Name)
		case "runge", "adrunge", "adeuler", "heun", "clsoda", "gear", "newton", "seidel", "simeq", "simplex":
			c.unsupported(mpos, "METHOD %s is not supported", sv.Method)
		case "sparse", "after_cvode", "cvode_t", "cvode_v":
			bad()
		default:
			c.errorf(mpos, "unknown integration method %s", sv.Method)
		}
	case ProcKinetic:
		switch sv.Method {
		case "", "sparse", "euler", "derivimplicit", "runge", "adrunge", "adeuler", "heun", "gear":
		case "cnexp", "after_cvode", "cvode_t", "cvode_v":
			bad()
			return
		default:
			c.errorf(mpos, "unknown integration method %s", sv.Method)
			return
		}
		c.unsupported(s.Pos, "KINETIC block %s is parsed but not compiled", blk.Name.Name)
	case ProcLinear, ProcNonlinear:
		c.unsupported(s.Pos, "%s block %s is parsed but not compiled", blk.Kind, blk.Name.Name)
	case ProcProcedure:
		switch sv.Method {
		case "", "after_cvode", "cvode_t", "cvode_v":
		default:
			bad()
		}
	default:
		c.unsupported(s.Pos, "SOLVE of a %s block is not supported", blk.Kind)
	}
}

// statesWithoutDerivative reports a STATE that the BREAKPOINT's integrated
// blocks leave alone and that no other block (except INITIAL) changes: it
// would stay at its initial value, which is almost always a mistake.
// nocmodl itself accepts such a file; states changed by NET_RECEIVE,
// a PROCEDURE or the BREAKPOINT are legitimate and not reported.
func (c *checker) statesWithoutDerivative() {
	var solved []*Proc
	for _, sv := range c.m.Solves {
		if sv.In == ProcBreakpoint && (sv.Block.Kind == ProcDerivative || sv.Block.Kind == ProcKinetic) {
			solved = append(solved, sv.Block)
		}
	}
	if len(solved) == 0 {
		return
	}
	covered := map[*Symbol]bool{}
	var derivNames []string
	for _, blk := range solved {
		for _, s := range c.derivs[blk] {
			covered[s] = true
		}
		for _, s := range c.kinStates[blk] {
			covered[s] = true
		}
		if blk.Kind == ProcDerivative {
			derivNames = append(derivNames, blk.Name.Name)
		}
	}
	if len(derivNames) == 0 {
		return
	}
	for _, s := range c.m.Symbols {
		if s.Kind != SymState || covered[s] {
			continue
		}
		changed := false
		for k := range c.writtenIn[s] {
			if k != ProcInitial {
				changed = true
			}
		}
		if !changed {
			c.errorf(s.Pos, "STATE %s has no derivative in DERIVATIVE block %s that BREAKPOINT solves, and no other block changes it",
				s.Name, strings.Join(derivNames, ", "))
		}
	}
}
