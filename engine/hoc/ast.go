package hoc

// Node is any AST node; every node knows where it starts.
type Node interface {
	Position() Pos
}

// Expr is an expression node.
type Expr interface {
	Node
	exprNode()
}

// Stmt is a statement node.
type Stmt interface {
	Node
	stmtNode()
}

// --- expressions ---

// NumberLit is a numeric literal.
type NumberLit struct {
	Pos   Pos
	Value float64
}

// StringLit is a quoted string literal.
type StringLit struct {
	Pos   Pos
	Value string
}

// Name is a bare identifier. Its meaning (variable, section, range
// variable, function, ...) is decided when it is evaluated.
type Name struct {
	Pos  Pos
	Name string
}

// Index is X[i][j]...
type Index struct {
	Pos     Pos
	X       Expr
	Indexes []Expr
}

// Field is X.Name, an object component or a section property.
type Field struct {
	Pos  Pos
	X    Expr
	Name string
}

// Call is Fun(Args). Fun is a Name or a Field. Span is set for the range
// variable interpolation form r(x1:x2).
type Call struct {
	Pos  Pos
	Fun  Expr
	Args []Expr
	Span *Span
}

// Span is the x1:x2 argument of r(x1:x2) = y1:y2.
type Span struct {
	From, To Expr
}

// ArgRef is $n, $sn, $on or $&n; N == 0 means $i (the local i chooses).
type ArgRef struct {
	Pos  Pos
	Kind byte // 'n', 's', 'o', '&'
	N    int
}

// Unary is -X or !X.
type Unary struct {
	Pos Pos
	Op  string
	X   Expr
}

// Binary is X Op Y.
type Binary struct {
	Pos  Pos
	Op   string
	X, Y Expr
}

// Assign is LHS Op RHS where Op is one of = += -= *= /=. RHS2 is set for
// the interpolation form r(x1:x2) = y1:y2.
type Assign struct {
	Pos  Pos
	Op   string
	LHS  Expr
	RHS  Expr
	RHS2 Expr
}

// NewExpr is `new Class(args)`.
type NewExpr struct {
	Pos   Pos
	Class string
	Args  []Expr
}

// AddrOf is &var, a pointer argument.
type AddrOf struct {
	Pos Pos
	X   Expr
}

// Position returns where the node starts.
func (e *NumberLit) Position() Pos { return e.Pos }

// Position returns where the node starts.
func (e *StringLit) Position() Pos { return e.Pos }

// Position returns where the node starts.
func (e *Name) Position() Pos { return e.Pos }

// Position returns where the node starts.
func (e *Index) Position() Pos { return e.Pos }

// Position returns where the node starts.
func (e *Field) Position() Pos { return e.Pos }

// Position returns where the node starts.
func (e *Call) Position() Pos { return e.Pos }

// Position returns where the node starts.
func (e *ArgRef) Position() Pos { return e.Pos }

// Position returns where the node starts.
func (e *Unary) Position() Pos { return e.Pos }

// Position returns where the node starts.
func (e *Binary) Position() Pos { return e.Pos }

// Position returns where the node starts.
func (e *Assign) Position() Pos { return e.Pos }

// Position returns where the node starts.
func (e *NewExpr) Position() Pos { return e.Pos }

// Position returns where the node starts.
func (e *AddrOf) Position() Pos { return e.Pos }

func (*NumberLit) exprNode() {}
func (*StringLit) exprNode() {}
func (*Name) exprNode()      {}
func (*Index) exprNode()     {}
func (*Field) exprNode()     {}
func (*Call) exprNode()      {}
func (*ArgRef) exprNode()    {}
func (*Unary) exprNode()     {}
func (*Binary) exprNode()    {}
func (*Assign) exprNode()    {}
func (*NewExpr) exprNode()   {}
func (*AddrOf) exprNode()    {}

// --- statements ---

// ExprStmt evaluates an expression. At top level a value that is not an
// assignment is printed, as NEURON does.
type ExprStmt struct {
	Pos      Pos
	X        Expr
	TopLevel bool
}

// Block is { stmts }.
type Block struct {
	Pos   Pos
	Stmts []Stmt
}

// If is if (Cond) Then [else Else].
type If struct {
	Pos  Pos
	Cond Expr
	Then Stmt
	Else Stmt
}

// While is while (Cond) Body.
type While struct {
	Pos  Pos
	Cond Expr
	Body Stmt
}

// CFor is for (Init; Cond; Post) Body; any part may be nil.
type CFor struct {
	Pos  Pos
	Init Stmt
	Cond Expr
	Post Stmt
	Body Stmt
}

// ForRange is for Var = From, To Body.
type ForRange struct {
	Pos      Pos
	Var      Expr
	From, To Expr
	Body     Stmt
}

// ForSeg is for (Var) Body or for (Var, Ends) Body over the segments of
// the current section.
type ForSeg struct {
	Pos  Pos
	Var  Expr
	Ends Expr // nil for the one-argument form
	Body Stmt
}

// Forall runs Body with each section as the current section.
type Forall struct {
	Pos  Pos
	Body Stmt
}

// Forsec is forsec Arg Body; Arg is a string (regular expression) or a
// SectionList object.
type Forsec struct {
	Pos  Pos
	Arg  Expr
	Body Stmt
}

// Ifsec is ifsec Arg Body.
type Ifsec struct {
	Pos  Pos
	Arg  Expr
	Body Stmt
}

// Print is print item, item, ...
type Print struct {
	Pos   Pos
	Items []Expr
}

// Return is return [Value].
type Return struct {
	Pos   Pos
	Value Expr
}

// Break leaves the innermost loop.
type Break struct{ Pos Pos }

// Continue goes to the next iteration of the innermost loop.
type Continue struct{ Pos Pos }

// Stop is the stop statement.
type Stop struct{ Pos Pos }

// ProcDef defines proc, func, obfunc or iterator Name.
type ProcDef struct {
	Pos       Pos
	Kind      string // "proc", "func", "obfunc", "iterator"
	Name      string
	Locals    []string
	LocalObjs []string
	Body      *Block
}

// BeginTemplate starts template Name.
type BeginTemplate struct {
	Pos  Pos
	Name string
}

// EndTemplate ends template Name. Order lists the names the template body
// mentions, in order of first mention; NEURON allocates an instance's
// variables and sections in that order.
type EndTemplate struct {
	Pos   Pos
	Name  string
	Order []string
}

// Public declares public names of a template.
type Public struct {
	Pos   Pos
	Names []string
}

// External declares top-level names visible inside a template.
type External struct {
	Pos   Pos
	Names []string
}

// DeclItem is one name of a declaration with optional dimensions.
type DeclItem struct {
	Pos  Pos
	Name string
	Dims []Expr
}

// Decl is objref/objectvar, strdef, double or create.
type Decl struct {
	Pos   Pos
	Kind  string // "objref", "strdef", "double", "create"
	Items []DeclItem
}

// Connect is connect Child(ChildX), Parent(ParentX) or, when Parent is
// nil, connect Child(ChildX), ParentX (connect to the current section).
type Connect struct {
	Pos     Pos
	Child   Expr
	ChildX  Expr // nil when Child is an object section expression
	Parent  Expr
	ParentX Expr
	// ParentCall is the whole parent(x) expression when Parent is set; if
	// Parent does not name a section it is evaluated as the position.
	ParentCall *Call
}

// Access makes Sec the default section.
type Access struct {
	Pos Pos
	Sec Expr
}

// Insert inserts Mech into the current section.
type Insert struct {
	Pos  Pos
	Mech string
}

// Uninsert removes Mech from the current section.
type Uninsert struct {
	Pos  Pos
	Mech string
}

// SecStmt runs Body with Sec as the current section (soma { ... },
// dend[2] nseg = 3, cell.soma insert pas).
type SecStmt struct {
	Pos  Pos
	Sec  Expr
	Body Stmt
}

// Delete is delete name.
type Delete struct {
	Pos  Pos
	Name string
}

// Position returns where the node starts.
func (s *ExprStmt) Position() Pos { return s.Pos }

// Position returns where the node starts.
func (s *Block) Position() Pos { return s.Pos }

// Position returns where the node starts.
func (s *If) Position() Pos { return s.Pos }

// Position returns where the node starts.
func (s *While) Position() Pos { return s.Pos }

// Position returns where the node starts.
func (s *CFor) Position() Pos { return s.Pos }

// Position returns where the node starts.
func (s *ForRange) Position() Pos { return s.Pos }

// Position returns where the node starts.
func (s *ForSeg) Position() Pos { return s.Pos }

// Position returns where the node starts.
func (s *Forall) Position() Pos { return s.Pos }

// Position returns where the node starts.
func (s *Forsec) Position() Pos { return s.Pos }

// Position returns where the node starts.
func (s *Ifsec) Position() Pos { return s.Pos }

// Position returns where the node starts.
func (s *Print) Position() Pos { return s.Pos }

// Position returns where the node starts.
func (s *Return) Position() Pos { return s.Pos }

// Position returns where the node starts.
func (s *Break) Position() Pos { return s.Pos }

// Position returns where the node starts.
func (s *Continue) Position() Pos { return s.Pos }

// Position returns where the node starts.
func (s *Stop) Position() Pos { return s.Pos }

// Position returns where the node starts.
func (s *ProcDef) Position() Pos { return s.Pos }

// Position returns where the node starts.
func (s *BeginTemplate) Position() Pos { return s.Pos }

// Position returns where the node starts.
func (s *EndTemplate) Position() Pos { return s.Pos }

// Position returns where the node starts.
func (s *Public) Position() Pos { return s.Pos }

// Position returns where the node starts.
func (s *External) Position() Pos { return s.Pos }

// Position returns where the node starts.
func (s *Decl) Position() Pos { return s.Pos }

// Position returns where the node starts.
func (s *Connect) Position() Pos { return s.Pos }

// Position returns where the node starts.
func (s *Access) Position() Pos { return s.Pos }

// Position returns where the node starts.
func (s *Insert) Position() Pos { return s.Pos }

// Position returns where the node starts.
func (s *Uninsert) Position() Pos { return s.Pos }

// Position returns where the node starts.
func (s *SecStmt) Position() Pos { return s.Pos }

// Position returns where the node starts.
func (s *Delete) Position() Pos { return s.Pos }

func (*ExprStmt) stmtNode()      {}
func (*Block) stmtNode()         {}
func (*If) stmtNode()            {}
func (*While) stmtNode()         {}
func (*CFor) stmtNode()          {}
func (*ForRange) stmtNode()      {}
func (*ForSeg) stmtNode()        {}
func (*Forall) stmtNode()        {}
func (*Forsec) stmtNode()        {}
func (*Ifsec) stmtNode()         {}
func (*Print) stmtNode()         {}
func (*Return) stmtNode()        {}
func (*Break) stmtNode()         {}
func (*Continue) stmtNode()      {}
func (*Stop) stmtNode()          {}
func (*ProcDef) stmtNode()       {}
func (*BeginTemplate) stmtNode() {}
func (*EndTemplate) stmtNode()   {}
func (*Public) stmtNode()        {}
func (*External) stmtNode()      {}
func (*Decl) stmtNode()          {}
func (*Connect) stmtNode()       {}
func (*Access) stmtNode()        {}
func (*Insert) stmtNode()        {}
func (*Uninsert) stmtNode()      {}
func (*SecStmt) stmtNode()       {}
func (*Delete) stmtNode()        {}

// File is a parsed HOC file.
type File struct {
	Name  string
	Stmts []Stmt
}
