package nmodl

import (
	"fmt"
	"sort"
	"strings"
)

// SymKind says what a name stands for.
type SymKind int

// Symbol kinds.
const (
	SymParameter SymKind = iota // PARAMETER
	SymConstant                 // CONSTANT, or a UNITS block factor
	SymAssigned                 // ASSIGNED (or an ion variable not declared elsewhere)
	SymState                    // STATE
	SymSpecial                  // v, t, dt, celsius, diam, area, PI
	SymLocal                    // LOCAL (block or file level)
	SymArg                      // FUNCTION/PROCEDURE/NET_RECEIVE argument
	SymLoopVar                  // FROM loop variable (an integer)
	SymFuncValue                // the value of a FUNCTION inside its own body
	SymFlag                     // flag inside NET_RECEIVE
	SymPointer                  // POINTER or BBCOREPOINTER
)

// String names the kind as NMODL does (the block a variable is declared in).
func (k SymKind) String() string {
	switch k {
	case SymParameter:
		return "PARAMETER"
	case SymConstant:
		return "CONSTANT"
	case SymAssigned:
		return "ASSIGNED"
	case SymState:
		return "STATE"
	case SymSpecial:
		return "special variable"
	case SymLocal:
		return "LOCAL"
	case SymArg:
		return "argument"
	case SymLoopVar:
		return "loop variable"
	case SymFuncValue:
		return "function value"
	case SymFlag:
		return "flag"
	case SymPointer:
		return "POINTER"
	}
	return "symbol"
}

// IonRole is the role of a variable in a USEION statement.
type IonRole int

// Roles of ion variables, from the name pattern nocmodl uses (iontype in
// nocpout.cpp).
const (
	IonNone    IonRole = iota
	IonCurrent         // i<ion>
	IonErev            // e<ion>
	IonInside          // <ion>i
	IonOutside         // <ion>o
)

// Symbol is a resolved name.
type Symbol struct {
	Name  string
	Kind  SymKind
	Pos   Pos // declaration (zero for special variables)
	Size  int // array length; 0 for scalars
	Units string
	// Default is the PARAMETER/CONSTANT value (HasDefault tells if one was
	// written); for a UNITS factor it is the factor's value when known.
	Default    float64
	HasDefault bool
	Limits     *[2]float64

	Range  bool // per instance (RANGE, or every STATE and ASSIGNED of a mechanism)
	Global bool // shared by all instances (GLOBAL, or a PARAMETER not declared RANGE)

	Ion      *Ion    // non-nil for ion variables
	IonRole  IonRole // role in that ion
	IonRead  bool    // listed after READ
	IonWrite bool    // listed after WRITE

	// Current marks NONSPECIFIC_CURRENT and ELECTRODE_CURRENT names and ion
	// currents written by the mechanism.
	Current   bool
	Electrode bool

	// Written reports whether any block assigns the symbol.
	Written bool
}

// IsArray reports whether the symbol is an array.
func (s *Symbol) IsArray() bool { return s.Size > 0 }

// Ion is a USEION statement, resolved.
type Ion struct {
	Name    string
	Pos     Pos
	Read    []*Symbol
	Write   []*Symbol
	Valence *float64
}

// FuncKind says what kind of callable a Func is.
type FuncKind int

// Callable kinds.
const (
	FuncBuiltin FuncKind = iota
	FuncFunction
	FuncProcedure
	FuncFunctionTable
)

// Func is a resolved callable name.
type Func struct {
	Name    string
	Kind    FuncKind
	Proc    *Proc    // nil for builtins
	Builtin *Builtin // nil for user functions
	NArgs   int      // -1 for a variable count
	Table   *TableStmt
	// TableSyms are the resolved names after TABLE (for a PROCEDURE) and
	// TableDepend those after DEPEND.
	TableSyms   []*Symbol
	TableDepend []*Symbol
}

// Solve is a SOLVE statement of the BREAKPOINT or INITIAL block.
type Solve struct {
	Stmt   *SolveStmt
	Block  *Proc  // the solved DERIVATIVE, KINETIC, LINEAR, NONLINEAR or PROCEDURE block
	Method string // "" when no METHOD was given
	In     ProcKind
}

// Verbatim is a VERBATIM block and how it was classified.
type Verbatim struct {
	Stmt *VerbatimStmt
	// ReturnGuard is true for the common "return;" inside NET_RECEIVE,
	// which is compiled as a return from the block.
	ReturnGuard bool
	In          *Proc // nil at file level
}

// Model is the checked, resolved description of one mechanism.
type Model struct {
	File *File
	Name string   // mechanism name (SUFFIX, POINT_PROCESS or ARTIFICIAL_CELL)
	Kind MechKind // how it is inserted

	// Symbols holds the mechanism-level names (declared variables, ion
	// variables, unit factors, file-level LOCALs) in declaration order.
	Symbols []*Symbol
	Ions    []*Ion
	// Currents lists the currents the BREAKPOINT computes, in NEURON's
	// order: NONSPECIFIC_CURRENT/ELECTRODE_CURRENT names, then ion
	// currents in USEION order.
	Currents  []*Symbol
	Electrode bool // currents are ELECTRODE_CURRENT (positive inward)
	Funcs     map[string]*Func

	Initial    *Proc
	Breakpoint *Proc
	NetReceive *Proc
	NetInitial *NetInitialStmt
	// Solves lists the SOLVE statements of BREAKPOINT, then INITIAL.
	Solves []*Solve

	Verbatims []*Verbatim

	// Refs resolves every variable reference of the file; Calls every call.
	Refs  map[*VarRef]*Symbol
	Calls map[*Call]*Func
	// Locals lists the symbols of block LOCALs, arguments and loop
	// variables for each block, keyed by the block's Proc.
	Locals map[*Proc][]*Symbol

	// NotInstantiable lists why the mechanism loads but cannot be run
	// (VERBATIM code, unsupported blocks or functions), each with the
	// position of the construct.
	NotInstantiable []*Error
	// Warnings lists what nocmodl would only warn about.
	Warnings []*Error

	byName map[string]*Symbol
}

// Lookup returns the mechanism-level symbol called name, or nil.
func (m *Model) Lookup(name string) *Symbol { return m.byName[name] }

// CanInstantiate returns nil if the mechanism can be run, or an error
// naming the mechanism, the file and line of the first construct that
// prevents it.
func (m *Model) CanInstantiate() error {
	if len(m.NotInstantiable) == 0 {
		return nil
	}
	e := m.NotInstantiable[0]
	more := ""
	if n := len(m.NotInstantiable) - 1; n > 0 {
		more = fmt.Sprintf(" (and %d more)", n)
	}
	return fmt.Errorf("mechanism %s cannot be instantiated: %s:%d: %s%s", m.Name, e.Pos.File, e.Pos.Line, e.Msg, more)
}

// FuncNames returns the names of the user-defined callables, sorted.
func (m *Model) FuncNames() []string {
	var out []string
	for n, f := range m.Funcs {
		if f.Kind != FuncBuiltin {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// String returns the mechanism kind and name, e.g. "SUFFIX hh".
func (m *Model) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", m.Kind, m.Name)
	return b.String()
}
