package nmodl

// File is the syntax tree of one .mod file. Blocks keep their source order
// in Procs; declarations are gathered per kind.
type File struct {
	Name  string // file name as given to Parse
	Title string
	// TitlePos is the position of the TITLE keyword (zero if absent).
	TitlePos Pos

	Neuron      *NeuronBlock // nil if the file has no NEURON block
	UnitDefs    []*UnitDef
	UnitFactors []*UnitFactor
	Parameters  []*VarDecl
	Constants   []*VarDecl
	Assigned    []*VarDecl
	States      []*VarDecl
	Independent []*IndepDecl
	// Locals holds file-level LOCAL declarations (static variables shared
	// by all blocks).
	Locals []*LocalDecl
	// Procs holds every executable block in source order: INITIAL,
	// BREAKPOINT, DERIVATIVE, PROCEDURE, FUNCTION, NET_RECEIVE, KINETIC …
	Procs []*Proc
	// Verbatims holds the file-level VERBATIM blocks.
	Verbatims []*VerbatimStmt
	// Includes holds INCLUDE statements (not followed).
	Includes []*Ident
}

// Ident is a name with its position.
type Ident struct {
	Name string
	Pos  Pos
}

// MechKind tells how a mechanism is inserted in a cell.
type MechKind int

// Mechanism kinds declared in the NEURON block.
const (
	KindNone           MechKind = iota // no SUFFIX, POINT_PROCESS or ARTIFICIAL_CELL
	KindDensity                        // SUFFIX
	KindPointProcess                   // POINT_PROCESS
	KindArtificialCell                 // ARTIFICIAL_CELL
)

// String returns the NMODL keyword of the kind.
func (k MechKind) String() string {
	switch k {
	case KindDensity:
		return "SUFFIX"
	case KindPointProcess:
		return "POINT_PROCESS"
	case KindArtificialCell:
		return "ARTIFICIAL_CELL"
	}
	return "none"
}

// NeuronBlock is the NEURON { … } interface declaration.
type NeuronBlock struct {
	Pos         Pos
	Kind        MechKind
	Name        Ident // mechanism name after SUFFIX / POINT_PROCESS / ARTIFICIAL_CELL
	Range       []Ident
	Global      []Ident
	Pointer     []Ident
	BBCore      []Ident // BBCOREPOINTER
	External    []Ident
	Section     []Ident
	Nonspecific []Ident // NONSPECIFIC_CURRENT
	Electrode   []Ident // ELECTRODE_CURRENT
	Ions        []*UseIon
	Threadsafe  bool
	// ThreadsafeNames lists the names after THREADSAFE, if any.
	ThreadsafeNames []Ident
}

// UseIon is a USEION statement.
type UseIon struct {
	Pos     Pos
	Ion     Ident
	Read    []Ident
	Write   []Ident
	Valence *float64 // nil if no VALENCE was given
}

// UnitDef is a "(name) = (definition)" line of the UNITS block.
type UnitDef struct {
	Pos  Pos
	Name string
	Def  string
}

// UnitFactor is a named constant of the UNITS block: "F = 96520 (coul)",
// "FARADAY = (faraday) (coulomb)" or "x = (foot) -> (inch)". For the
// two-unit forms Value is nil and the factor is the magnitude of From in
// units of To.
type UnitFactor struct {
	Pos   Pos
	Name  string
	Value *float64
	From  string
	To    string
}

// VarDecl is one declared variable in PARAMETER, CONSTANT, ASSIGNED or
// STATE.
type VarDecl struct {
	Pos    Pos
	Name   string
	Size   int      // array length; 0 for a scalar
	Value  *float64 // default value (PARAMETER, CONSTANT)
	Units  string
	Limits *[2]float64 // <lo, hi> (PARAMETER) or nil
	From   *float64    // FROM … TO range (ASSIGNED, STATE)
	To     *float64
	Start  *float64 // START value (ASSIGNED, STATE)
	Tol    *float64 // <tol> absolute tolerance (ASSIGNED, STATE)
}

// IndepDecl is an INDEPENDENT variable.
type IndepDecl struct {
	Pos   Pos
	Name  string
	From  float64
	To    float64
	With  int
	Start *float64
	Units string
	Sweep bool
}

// LocalDecl is one name of a LOCAL statement.
type LocalDecl struct {
	Pos  Pos
	Name string
	Size int // array length; 0 for a scalar
}

// ProcKind is the kind of an executable block.
type ProcKind int

// Executable block kinds.
const (
	ProcInitial ProcKind = iota
	ProcBreakpoint
	ProcDerivative
	ProcProcedure
	ProcFunction
	ProcFunctionTable
	ProcNetReceive
	ProcKinetic
	ProcLinear
	ProcNonlinear
	ProcDiscrete
	ProcPartial
	ProcConstructor
	ProcDestructor
	ProcBefore
	ProcAfter
	ProcTerminal
)

// String returns the NMODL keyword of the block kind.
func (k ProcKind) String() string {
	switch k {
	case ProcInitial:
		return "INITIAL"
	case ProcBreakpoint:
		return "BREAKPOINT"
	case ProcDerivative:
		return "DERIVATIVE"
	case ProcProcedure:
		return "PROCEDURE"
	case ProcFunction:
		return "FUNCTION"
	case ProcFunctionTable:
		return "FUNCTION_TABLE"
	case ProcNetReceive:
		return "NET_RECEIVE"
	case ProcKinetic:
		return "KINETIC"
	case ProcLinear:
		return "LINEAR"
	case ProcNonlinear:
		return "NONLINEAR"
	case ProcDiscrete:
		return "DISCRETE"
	case ProcPartial:
		return "PARTIAL"
	case ProcConstructor:
		return "CONSTRUCTOR"
	case ProcDestructor:
		return "DESTRUCTOR"
	case ProcBefore:
		return "BEFORE"
	case ProcAfter:
		return "AFTER"
	case ProcTerminal:
		return "TERMINAL"
	}
	return "block"
}

// Proc is an executable block. Name is empty for INITIAL, BREAKPOINT,
// NET_RECEIVE, CONSTRUCTOR, DESTRUCTOR, TERMINAL, BEFORE and AFTER.
type Proc struct {
	Kind     ProcKind
	Pos      Pos
	Name     Ident
	Args     []*Arg // FUNCTION, PROCEDURE, FUNCTION_TABLE, NET_RECEIVE
	Units    string // units of a FUNCTION's value
	SolveFor []Ident
	// When is the block a BEFORE/AFTER block runs around: BREAKPOINT,
	// SOLVE, INITIAL or STEP.
	When string
	Body *Block // nil for FUNCTION_TABLE
}

// Arg is a formal argument of a FUNCTION, PROCEDURE or NET_RECEIVE.
type Arg struct {
	Pos   Pos
	Name  string
	Units string
}

// Block is a braced statement list with its leading LOCAL declarations.
type Block struct {
	Pos    Pos // the '{'
	End    Pos // the '}'
	Locals []*LocalDecl
	Stmts  []Stmt
}

// Stmt is a statement.
type Stmt interface {
	StmtPos() Pos
}

// Expr is an expression.
type Expr interface {
	ExprPos() Pos
}

// VarRef names a variable, possibly indexed or primed, as the target of an
// assignment or inside an expression.
type VarRef struct {
	Pos   Pos
	Name  string
	Prime int  // number of primes: m' is 1
	Index Expr // nil unless name[index]
}

// NumberLit is a numeric literal with optional units.
type NumberLit struct {
	Pos   Pos
	Text  string
	Value float64
	Units string
}

// StringLit is a string argument of a call (printf).
type StringLit struct {
	Pos  Pos
	Text string
}

// Call is a function or procedure call.
type Call struct {
	Pos  Pos
	Name string
	Args []Expr
}

// Unary is -x or !x.
type Unary struct {
	Pos Pos
	Op  string
	X   Expr
}

// Binary is x op y for + - * / ^ < <= > >= == != && ||.
type Binary struct {
	Pos Pos // position of the operator
	Op  string
	X   Expr
	Y   Expr
}

// Paren is a parenthesised expression; it is kept so the compiled code can
// follow the written shape.
type Paren struct {
	Pos Pos
	X   Expr
}

// ExprPos returns the position of the expression's first token.
func (e *VarRef) ExprPos() Pos { return e.Pos }

// ExprPos returns the position of the literal.
func (e *NumberLit) ExprPos() Pos { return e.Pos }

// ExprPos returns the position of the literal.
func (e *StringLit) ExprPos() Pos { return e.Pos }

// ExprPos returns the position of the called name.
func (e *Call) ExprPos() Pos { return e.Pos }

// ExprPos returns the position of the operator.
func (e *Unary) ExprPos() Pos { return e.Pos }

// ExprPos returns the position of the left operand.
func (e *Binary) ExprPos() Pos { return e.X.ExprPos() }

// ExprPos returns the position of the '('.
func (e *Paren) ExprPos() Pos { return e.Pos }

// AssignStmt is "lhs = rhs".
type AssignStmt struct {
	Pos     Pos
	LHS     *VarRef
	RHS     Expr
	Protect bool // PROTECT prefix
}

// CallStmt is a call used as a statement.
type CallStmt struct {
	Call *Call
}

// IfStmt is if (cond) {…} else …; an "else if" is an IfStmt alone in Else.
type IfStmt struct {
	Pos  Pos
	Cond Expr
	Then *Block
	Else *Block
}

// WhileStmt is while (cond) {…}.
type WhileStmt struct {
	Pos  Pos
	Cond Expr
	Body *Block
}

// FromStmt is FROM i = a TO b [BY c] {…}; the loop variable is an integer.
type FromStmt struct {
	Pos  Pos
	Var  Ident
	From Expr
	To   Expr
	By   Expr // nil for step 1
	Body *Block
}

// SolveStmt is SOLVE name [METHOD m | STEADYSTATE m] [IFERROR {…}].
type SolveStmt struct {
	Pos         Pos
	Name        Ident
	Method      *Ident
	SteadyState bool
	IfError     *Block
}

// TableStmt is TABLE names DEPEND names FROM e TO e WITH n.
type TableStmt struct {
	Pos    Pos
	Names  []Ident
	Depend []Ident
	From   Expr
	To     Expr
	With   int
}

// VerbatimStmt is a VERBATIM … ENDVERBATIM block; Text is kept raw.
type VerbatimStmt struct {
	Pos  Pos
	Text string
}

// BlockStmt is a nested { … }.
type BlockStmt struct {
	Block *Block
}

// NetInitialStmt is the INITIAL block inside NET_RECEIVE.
type NetInitialStmt struct {
	Pos  Pos
	Body *Block
}

// ReactTerm is one species of a reaction side with its stoichiometry.
type ReactTerm struct {
	Coef int
	Var  *VarRef
}

// ReactionStmt is a KINETIC reaction: "~ a + b <-> c (kf, kb)",
// "~ a << (flux)" or "~ a -> (rate)".
type ReactionStmt struct {
	Pos   Pos
	Op    string // "<->", "<<" or "->"
	Left  []ReactTerm
	Right []ReactTerm // only for "<->"
	Rate1 Expr
	Rate2 Expr // only for "<->"
}

// ConserveStmt is CONSERVE terms = expr.
type ConserveStmt struct {
	Pos   Pos
	Terms []ReactTerm
	Value Expr
}

// CompartmentStmt is COMPARTMENT [i,] volume { names } (or LONGDIFUS).
type CompartmentStmt struct {
	Pos      Pos
	LongDiff bool
	Index    *Ident
	Volume   Expr
	Names    []Ident
}

// EquationStmt is "~ lhs = rhs" in a LINEAR, NONLINEAR or DERIVATIVE
// block.
type EquationStmt struct {
	Pos Pos
	LHS Expr
	RHS Expr
}

// WatchStmt is WATCH (a > b) flag, ….
type WatchStmt struct {
	Pos     Pos
	Watches []Watch
}

// Watch is one condition of a WATCH statement.
type Watch struct {
	Left  Expr
	Op    string
	Right Expr
	Flag  Expr
}

// ForNetconsStmt is FOR_NETCONS(args) {…}.
type ForNetconsStmt struct {
	Pos  Pos
	Args []*Arg
	Body *Block
}

// ConductanceStmt is a CONDUCTANCE hint.
type ConductanceStmt struct {
	Pos  Pos
	Name Ident
	Ion  *Ident
}

// MutexStmt is MUTEXLOCK or MUTEXUNLOCK.
type MutexStmt struct {
	Pos  Pos
	Lock bool
}

// UnsupportedStmt is a statement that is parsed but not modelled (MATCH,
// SENS, LAG, PUTQ, GETQ, RESET, FORALL, partial equations).
type UnsupportedStmt struct {
	Pos     Pos
	Keyword string
}

// StmtPos returns the position of the statement's first token.
func (s *AssignStmt) StmtPos() Pos { return s.Pos }

// StmtPos returns the position of the called name.
func (s *CallStmt) StmtPos() Pos { return s.Call.Pos }

// StmtPos returns the position of "if".
func (s *IfStmt) StmtPos() Pos { return s.Pos }

// StmtPos returns the position of "while".
func (s *WhileStmt) StmtPos() Pos { return s.Pos }

// StmtPos returns the position of FROM.
func (s *FromStmt) StmtPos() Pos { return s.Pos }

// StmtPos returns the position of SOLVE.
func (s *SolveStmt) StmtPos() Pos { return s.Pos }

// StmtPos returns the position of TABLE.
func (s *TableStmt) StmtPos() Pos { return s.Pos }

// StmtPos returns the position of VERBATIM.
func (s *VerbatimStmt) StmtPos() Pos { return s.Pos }

// StmtPos returns the position of the '{'.
func (s *BlockStmt) StmtPos() Pos { return s.Block.Pos }

// StmtPos returns the position of INITIAL.
func (s *NetInitialStmt) StmtPos() Pos { return s.Pos }

// StmtPos returns the position of '~'.
func (s *ReactionStmt) StmtPos() Pos { return s.Pos }

// StmtPos returns the position of CONSERVE.
func (s *ConserveStmt) StmtPos() Pos { return s.Pos }

// StmtPos returns the position of COMPARTMENT or LONGDIFUS.
func (s *CompartmentStmt) StmtPos() Pos { return s.Pos }

// StmtPos returns the position of '~'.
func (s *EquationStmt) StmtPos() Pos { return s.Pos }

// StmtPos returns the position of WATCH.
func (s *WatchStmt) StmtPos() Pos { return s.Pos }

// StmtPos returns the position of FOR_NETCONS.
func (s *ForNetconsStmt) StmtPos() Pos { return s.Pos }

// StmtPos returns the position of CONDUCTANCE.
func (s *ConductanceStmt) StmtPos() Pos { return s.Pos }

// StmtPos returns the position of the keyword.
func (s *MutexStmt) StmtPos() Pos { return s.Pos }

// StmtPos returns the position of the keyword.
func (s *UnsupportedStmt) StmtPos() Pos { return s.Pos }
