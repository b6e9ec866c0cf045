package nmodl

import (
	"strconv"
)

// isKeyword reports whether s is a reserved word of nocmodl
// (src/nmodl/init.cpp). Keywords cannot name variables. "if", "else" and
// "while" are also accepted in upper case by the lexer.
func isKeyword(s string) bool {
	switch s {
	case "VERBATIM", "COMMENT", "TITLE", "CONSTANT", "PARAMETER", "INDEPENDENT", "ASSIGNED",
		"INITIAL", "TERMINAL", "DERIVATIVE", "EQUATION", "BREAKPOINT", "CONDUCTANCE", "SOLVE",
		"STATE", "STEPPED", "LINEAR", "NONLINEAR", "DISCRETE", "FUNCTION", "FUNCTION_TABLE",
		"PROCEDURE", "PARTIAL", "INT", "DEL2", "DEL", "LOCAL", "METHOD", "STEADYSTATE", "SENS",
		"STEP", "WITH", "FROM", "FORALL", "TO", "BY", "if", "else", "while", "START", "DEFINE",
		"KINETIC", "CONSERVE", "PLOT", "VS", "LAG", "RESET", "MATCH", "MODEL_LEVEL", "SWEEP",
		"FIRST", "LAST", "COMPARTMENT", "LONGITUDINAL_DIFFUSION", "PUTQ", "GETQ", "IFERROR",
		"SOLVEFOR", "UNITS", "UNITSON", "UNITSOFF", "TABLE", "DEPEND", "NEURON", "SUFFIX",
		"POINT_PROCESS", "ARTIFICIAL_CELL", "NONSPECIFIC_CURRENT", "ELECTRODE_CURRENT", "SECTION",
		"RANGE", "USEION", "READ", "WRITE", "VALENCE", "CHARGE", "GLOBAL", "POINTER",
		"BBCOREPOINTER", "EXTERNAL", "INCLUDE", "CONSTRUCTOR", "DESTRUCTOR", "NET_RECEIVE", "BEFORE",
		"AFTER", "WATCH", "FOR_NETCONS", "THREADSAFE", "PROTECT", "MUTEXLOCK", "MUTEXUNLOCK",
		"REPRESENTS":
		return true
	}
	return false
}

// Parse reads one .mod file. name is used in positions and error messages.
// The first syntax error stops parsing and is returned as an *Error.
func Parse(name string, src []byte) (*File, error) {
	p := &parser{lx: newLexer(name, src), defines: map[string]int{}}
	f, err := p.parseFile()
	if err != nil {
		return nil, err
	}
	return f, nil
}

type parser struct {
	lx      lexer
	tok     token
	defines map[string]int // DEFINE name integer
	// inKinetic makes '~' start a reaction instead of an equation.
	inKinetic bool
	// depth counts nested expressions and blocks, so absurd nesting is an
	// error instead of a stack overflow.
	depth int
}

// maxDepth bounds the nesting of expressions and blocks.
const maxDepth = 1000

func (p *parser) enter() {
	p.depth++
	if p.depth > maxDepth {
		p.fail(p.tok.pos, "nesting deeper than %d levels", maxDepth)
	}
}

func (p *parser) leave() { p.depth-- }

// bail carries a syntax error out of the recursive descent.
type bail struct{ err *Error }

func (p *parser) fail(pos Pos, format string, args ...any) {
	panic(bail{errorf(pos, format, args...)})
}

func (p *parser) parseFile() (f *File, err error) {
	defer func() {
		if r := recover(); r != nil {
			b, ok := r.(bail)
			if !ok {
				panic(r)
			}
			f, err = nil, b.err
		}
	}()
	p.next()
	return p.file(), nil
}

func (p *parser) next() {
	t, err := p.lx.next()
	if err != nil {
		panic(bail{err})
	}
	p.tok = t
}

func (p *parser) isPunct(s string) bool { return p.tok.kind == tokPunct && p.tok.text == s }
func (p *parser) isWord(s string) bool  { return p.tok.kind == tokName && p.tok.text == s }

func (p *parser) expectPunct(s string, context string) Pos {
	if !p.isPunct(s) {
		p.fail(p.tok.pos, "expected '%s' %s, found %s", s, context, p.tok.describe())
	}
	pos := p.tok.pos
	p.next()
	return pos
}

func (p *parser) expectWord(s string, context string) Pos {
	if !p.isWord(s) {
		p.fail(p.tok.pos, "expected %s %s, found %s", s, context, p.tok.describe())
	}
	pos := p.tok.pos
	p.next()
	return pos
}

// name reads a non-keyword name.
func (p *parser) name(context string) Ident {
	if p.tok.kind != tokName {
		p.fail(p.tok.pos, "expected a name %s, found %s", context, p.tok.describe())
	}
	if isKeyword(p.tok.text) {
		p.fail(p.tok.pos, "expected a name %s, found keyword %s", context, p.tok.text)
	}
	id := Ident{Name: p.tok.text, Pos: p.tok.pos}
	p.next()
	return id
}

// optUnits reads "(units)" if the current token is '('.
func (p *parser) optUnits() string {
	if !p.isPunct("(") {
		return ""
	}
	open := p.tok.pos
	u, err := p.lx.readUnits(open)
	if err != nil {
		panic(bail{err})
	}
	p.next()
	return u
}

// units reads a required "(units)".
func (p *parser) units(context string) string {
	if !p.isPunct("(") {
		p.fail(p.tok.pos, "expected '(units)' %s, found %s", context, p.tok.describe())
	}
	return p.optUnits()
}

// integer reads an integer literal or a DEFINEd name.
func (p *parser) integer(context string) int {
	switch p.tok.kind {
	case tokInteger:
		v, err := strconv.Atoi(p.tok.text)
		if err != nil {
			p.fail(p.tok.pos, "integer %s out of range", p.tok.text)
		}
		p.next()
		return v
	case tokName:
		if v, ok := p.defines[p.tok.text]; ok {
			p.next()
			return v
		}
	}
	p.fail(p.tok.pos, "expected an integer %s, found %s", context, p.tok.describe())
	return 0
}

// number reads ['-'] (integer|real) as in the PARAMETER block.
func (p *parser) number(context string) float64 {
	neg := false
	if p.isPunct("-") {
		neg = true
		p.next()
	}
	if p.tok.kind == tokName {
		if v, ok := p.defines[p.tok.text]; ok {
			p.next()
			if neg {
				return -float64(v)
			}
			return float64(v)
		}
	}
	if p.tok.kind != tokInteger && p.tok.kind != tokReal {
		p.fail(p.tok.pos, "expected a number %s, found %s", context, p.tok.describe())
	}
	v := p.parseFloat(p.tok)
	p.next()
	if neg {
		v = -v
	}
	return v
}

func (p *parser) parseFloat(t token) float64 {
	v, err := strconv.ParseFloat(t.text, 64)
	if err != nil {
		// ParseFloat returns ±Inf with a range error, as strtod does.
		if ne, ok := err.(*strconv.NumError); !ok || ne.Err != strconv.ErrRange {
			p.fail(t.pos, "malformed number %s", t.text)
		}
	}
	return v
}

func (p *parser) file() *File {
	f := &File{Name: p.lx.file}
	for p.tok.kind != tokEOF {
		t := p.tok
		switch t.kind {
		case tokTitle:
			if f.TitlePos.IsValid() {
				f.Title += "\n" + t.text
			} else {
				f.Title, f.TitlePos = t.text, t.pos
			}
			p.next()
			continue
		case tokVerbatim:
			f.Verbatims = append(f.Verbatims, &VerbatimStmt{Pos: t.pos, Text: t.text})
			p.next()
			continue
		case tokName:
		default:
			p.fail(t.pos, "expected a block keyword, found %s", t.describe())
		}
		switch t.text {
		case "NEURON":
			if f.Neuron != nil {
				nb := p.neuronBlock()
				mergeNeuron(f.Neuron, nb)
			} else {
				f.Neuron = p.neuronBlock()
			}
		case "UNITS":
			p.unitsBlock(f)
		case "PARAMETER":
			p.next()
			p.expectPunct("{", "after PARAMETER")
			for !p.isPunct("}") {
				f.Parameters = append(f.Parameters, p.parmDecl())
			}
			p.next()
		case "CONSTANT":
			p.next()
			p.expectPunct("{", "after CONSTANT")
			for !p.isPunct("}") {
				id := p.name("in CONSTANT block")
				p.expectPunct("=", "after constant name")
				v := p.number("as constant value")
				d := &VarDecl{Pos: id.Pos, Name: id.Name, Value: &v}
				d.Units = p.optUnits()
				f.Constants = append(f.Constants, d)
			}
			p.next()
		case "ASSIGNED", "DEPENDENT":
			p.next()
			p.expectPunct("{", "after "+t.text)
			for !p.isPunct("}") {
				f.Assigned = append(f.Assigned, p.depDecl(t.text))
			}
			p.next()
		case "STATE":
			p.next()
			p.expectPunct("{", "after STATE")
			for !p.isPunct("}") {
				f.States = append(f.States, p.depDecl("STATE"))
			}
			p.next()
		case "INDEPENDENT":
			p.next()
			p.expectPunct("{", "after INDEPENDENT")
			for !p.isPunct("}") {
				f.Independent = append(f.Independent, p.indepDecl())
			}
			p.next()
		case "LOCAL":
			f.Locals = append(f.Locals, p.localList()...)
		case "DEFINE":
			p.next()
			id := p.name("after DEFINE")
			if p.tok.kind != tokInteger {
				p.fail(p.tok.pos, "expected an integer after DEFINE %s, found %s", id.Name, p.tok.describe())
			}
			v := p.integer("after DEFINE name")
			p.defines[id.Name] = v
		case "INCLUDE":
			p.next()
			if p.tok.kind != tokString {
				p.fail(p.tok.pos, "expected a file name string after INCLUDE, found %s", p.tok.describe())
			}
			f.Includes = append(f.Includes, &Ident{Name: p.tok.text, Pos: t.pos})
			p.next()
		case "STEPPED", "PLOT", "MODEL_LEVEL":
			p.fail(t.pos, "%s is not supported", t.text)
		default:
			pr := p.proc()
			if pr == nil {
				p.fail(t.pos, "expected a block keyword, found %s", t.describe())
			}
			f.Procs = append(f.Procs, pr)
		}
	}
	return f
}

func mergeNeuron(dst, src *NeuronBlock) {
	if dst.Kind == KindNone {
		dst.Kind, dst.Name = src.Kind, src.Name
	}
	dst.Range = append(dst.Range, src.Range...)
	dst.Global = append(dst.Global, src.Global...)
	dst.Pointer = append(dst.Pointer, src.Pointer...)
	dst.BBCore = append(dst.BBCore, src.BBCore...)
	dst.External = append(dst.External, src.External...)
	dst.Section = append(dst.Section, src.Section...)
	dst.Nonspecific = append(dst.Nonspecific, src.Nonspecific...)
	dst.Electrode = append(dst.Electrode, src.Electrode...)
	dst.Ions = append(dst.Ions, src.Ions...)
	dst.Threadsafe = dst.Threadsafe || src.Threadsafe
	dst.ThreadsafeNames = append(dst.ThreadsafeNames, src.ThreadsafeNames...)
}

// nameList reads "name, name, …".
func (p *parser) nameList(context string) []Ident {
	ids := []Ident{p.name(context)}
	for p.isPunct(",") {
		p.next()
		ids = append(ids, p.name(context))
	}
	return ids
}

func (p *parser) neuronBlock() *NeuronBlock {
	nb := &NeuronBlock{Pos: p.tok.pos}
	p.next()
	p.expectPunct("{", "after NEURON")
	for !p.isPunct("}") {
		t := p.tok
		if t.kind != tokName {
			p.fail(t.pos, "expected a NEURON block statement, found %s", t.describe())
		}
		p.next()
		switch t.text {
		case "SUFFIX", "POINT_PROCESS", "ARTIFICIAL_CELL":
			if nb.Kind != KindNone {
				p.fail(t.pos, "%s: the mechanism is already declared as %s %s", t.text, nb.Kind, nb.Name.Name)
			}
			nb.Kind = map[string]MechKind{"SUFFIX": KindDensity, "POINT_PROCESS": KindPointProcess,
				"ARTIFICIAL_CELL": KindArtificialCell}[t.text]
			nb.Name = p.name("after " + t.text)
		case "RANGE":
			nb.Range = append(nb.Range, p.nameList("after RANGE")...)
		case "GLOBAL":
			nb.Global = append(nb.Global, p.nameList("after GLOBAL")...)
		case "POINTER":
			nb.Pointer = append(nb.Pointer, p.nameList("after POINTER")...)
		case "BBCOREPOINTER":
			nb.BBCore = append(nb.BBCore, p.nameList("after BBCOREPOINTER")...)
		case "EXTERNAL":
			nb.External = append(nb.External, p.nameList("after EXTERNAL")...)
		case "SECTION":
			nb.Section = append(nb.Section, p.nameList("after SECTION")...)
		case "NONSPECIFIC_CURRENT":
			nb.Nonspecific = append(nb.Nonspecific, p.nameList("after NONSPECIFIC_CURRENT")...)
		case "ELECTRODE_CURRENT":
			nb.Electrode = append(nb.Electrode, p.nameList("after ELECTRODE_CURRENT")...)
		case "THREADSAFE":
			nb.Threadsafe = true
			if p.tok.kind == tokName && !isKeyword(p.tok.text) {
				nb.ThreadsafeNames = append(nb.ThreadsafeNames, p.nameList("after THREADSAFE")...)
			}
		case "REPRESENTS":
			p.ontology()
		case "USEION":
			u := &UseIon{Pos: t.pos, Ion: p.name("after USEION")}
			if !p.isWord("READ") && !p.isWord("WRITE") {
				p.fail(p.tok.pos, "expected READ or WRITE after USEION %s, found %s", u.Ion.Name, p.tok.describe())
			}
			if p.isWord("READ") {
				p.next()
				u.Read = p.nameList("after READ")
			}
			if p.isWord("WRITE") {
				p.next()
				u.Write = p.nameList("after WRITE")
			}
			if p.isWord("VALENCE") || p.isWord("CHARGE") {
				p.next()
				v := p.number("after VALENCE")
				u.Valence = &v
			}
			if p.isWord("REPRESENTS") {
				p.next()
				p.ontology()
			}
			nb.Ions = append(nb.Ions, u)
		default:
			p.fail(t.pos, "unknown NEURON block statement %s", t.text)
		}
	}
	p.next()
	return nb
}

// ontology skips an ontology identifier such as NCIT:C17145 or
// [CHEBI:29101]; the REPRESENTS keyword has been consumed.
func (p *parser) ontology() {
	if p.isPunct("[") {
		p.next()
	}
	// The identifier's ':' starts a comment for this lexer, so only the
	// prefix before it is seen as a name.
	p.name("as ontology identifier")
}

func (p *parser) unitsBlock(f *File) {
	p.next()
	p.expectPunct("{", "after UNITS")
	for !p.isPunct("}") {
		pos := p.tok.pos
		switch {
		case p.isPunct("("):
			name := p.units("")
			p.expectPunct("=", "in unit definition (units) = (units)")
			def := p.units("in unit definition (units) = (units)")
			f.UnitDefs = append(f.UnitDefs, &UnitDef{Pos: pos, Name: name, Def: def})
		case p.tok.kind == tokName:
			id := p.name("in UNITS block")
			p.expectPunct("=", "after unit factor name")
			uf := &UnitFactor{Pos: id.Pos, Name: id.Name}
			if p.isPunct("(") {
				uf.From = p.units("")
				if p.isPunct("-") {
					p.next()
					p.expectPunct(">", "in (units) -> (units)")
				}
				uf.To = p.units("after the first unit of a unit factor")
			} else {
				v := p.number("in unit factor")
				uf.Value = &v
				uf.To = p.units("after the unit factor value")
			}
			f.UnitFactors = append(f.UnitFactors, uf)
		default:
			p.fail(pos, "expected a unit definition or factor in UNITS block, found %s", p.tok.describe())
		}
	}
	p.next()
}

// limits reads an optional "<lo, hi>".
func (p *parser) limits() *[2]float64 {
	if !p.isPunct("<") {
		return nil
	}
	p.next()
	lo := p.number("as lower limit")
	p.expectPunct(",", "between limits")
	hi := p.number("as upper limit")
	p.expectPunct(">", "after limits")
	return &[2]float64{lo, hi}
}

func (p *parser) parmDecl() *VarDecl {
	id := p.name("in PARAMETER block")
	d := &VarDecl{Pos: id.Pos, Name: id.Name}
	switch {
	case p.isPunct("="):
		p.next()
		v := p.number("as parameter value")
		d.Value = &v
	case p.isPunct("["):
		p.next()
		d.Size = p.integer("as array size")
		if d.Size < 1 {
			p.fail(id.Pos, "array size of %s must be > 0", id.Name)
		}
		p.expectPunct("]", "after array size")
	}
	d.Units = p.optUnits()
	d.Limits = p.limits()
	return d
}

// depDecl reads one ASSIGNED or STATE declaration:
// name ['[' n ']'] [FROM a TO b] [START x] [(units)] [<tol>].
func (p *parser) depDecl(block string) *VarDecl {
	if p.tok.kind == tokPrime {
		p.fail(p.tok.pos, "a derivative cannot be declared in %s", block)
	}
	id := p.name("in " + block + " block")
	d := &VarDecl{Pos: id.Pos, Name: id.Name}
	if p.isPunct("[") {
		p.next()
		d.Size = p.integer("as array size")
		if d.Size < 1 {
			p.fail(id.Pos, "array size of %s must be > 0", id.Name)
		}
		p.expectPunct("]", "after array size")
	}
	if p.isWord("FROM") {
		p.next()
		a := p.number("after FROM")
		p.expectWord("TO", "in FROM … TO")
		b := p.number("after TO")
		d.From, d.To = &a, &b
	}
	if p.isWord("START") {
		p.next()
		v := p.number("after START")
		d.Start = &v
	}
	d.Units = p.optUnits()
	if p.isPunct("<") {
		p.next()
		v := p.number("as tolerance")
		p.expectPunct(">", "after tolerance")
		d.Tol = &v
	}
	return d
}

func (p *parser) indepDecl() *IndepDecl {
	d := &IndepDecl{}
	if p.isWord("SWEEP") {
		d.Sweep = true
		p.next()
	}
	id := p.name("in INDEPENDENT block")
	d.Pos, d.Name = id.Pos, id.Name
	p.expectWord("FROM", "after independent variable name")
	d.From = p.number("after FROM")
	p.expectWord("TO", "in INDEPENDENT declaration")
	d.To = p.number("after TO")
	p.expectWord("WITH", "in INDEPENDENT declaration")
	d.With = p.integer("after WITH")
	if p.isWord("START") {
		p.next()
		v := p.number("after START")
		d.Start = &v
	}
	d.Units = p.optUnits()
	return d
}

// localList reads LOCAL a, b[3], ….
func (p *parser) localList() []*LocalDecl {
	p.next()
	var out []*LocalDecl
	for {
		id := p.name("after LOCAL")
		d := &LocalDecl{Pos: id.Pos, Name: id.Name}
		if p.isPunct("[") {
			p.next()
			d.Size = p.integer("as array size")
			p.expectPunct("]", "after array size")
		}
		out = append(out, d)
		if !p.isPunct(",") {
			return out
		}
		p.next()
	}
}

// args reads "(a (units), b, …)" after the '(' has been seen.
func (p *parser) args() []*Arg {
	p.expectPunct("(", "to start the argument list")
	var out []*Arg
	if p.isPunct(")") {
		p.next()
		return out
	}
	for {
		id := p.name("as argument")
		a := &Arg{Pos: id.Pos, Name: id.Name}
		a.Units = p.optUnits()
		out = append(out, a)
		if p.isPunct(")") {
			p.next()
			return out
		}
		p.expectPunct(",", "between arguments")
	}
}

// proc parses an executable block, or returns nil if the current word
// does not start one.
func (p *parser) proc() *Proc {
	t := p.tok
	pr := &Proc{Pos: t.pos}
	named := func(k ProcKind) {
		pr.Kind = k
		p.next()
		pr.Name = p.name("after " + t.text)
	}
	switch t.text {
	case "INITIAL":
		pr.Kind = ProcInitial
		p.next()
	case "BREAKPOINT", "EQUATION":
		pr.Kind = ProcBreakpoint
		p.next()
	case "DERIVATIVE":
		named(ProcDerivative)
	case "KINETIC":
		named(ProcKinetic)
		pr.SolveFor = p.solveFor()
	case "LINEAR":
		named(ProcLinear)
		pr.SolveFor = p.solveFor()
	case "NONLINEAR":
		named(ProcNonlinear)
		pr.SolveFor = p.solveFor()
	case "DISCRETE":
		named(ProcDiscrete)
	case "PARTIAL":
		named(ProcPartial)
	case "PROCEDURE":
		named(ProcProcedure)
		pr.Args = p.args()
		pr.Units = p.optUnits()
	case "FUNCTION":
		named(ProcFunction)
		pr.Args = p.args()
		pr.Units = p.optUnits()
	case "FUNCTION_TABLE":
		named(ProcFunctionTable)
		pr.Args = p.args()
		pr.Units = p.optUnits()
		return pr
	case "NET_RECEIVE":
		pr.Kind = ProcNetReceive
		p.next()
		pr.Args = p.args()
		if len(pr.Args) == 0 {
			p.fail(t.pos, "NET_RECEIVE block must have at least one argument")
		}
	case "CONSTRUCTOR":
		pr.Kind = ProcConstructor
		p.next()
	case "DESTRUCTOR":
		pr.Kind = ProcDestructor
		p.next()
	case "TERMINAL":
		pr.Kind = ProcTerminal
		p.next()
	case "BEFORE", "AFTER":
		pr.Kind = ProcBefore
		if t.text == "AFTER" {
			pr.Kind = ProcAfter
		}
		p.next()
		switch {
		case p.isWord("BREAKPOINT"), p.isWord("SOLVE"), p.isWord("INITIAL"), p.isWord("STEP"):
			pr.When = p.tok.text
			p.next()
		default:
			p.fail(p.tok.pos, "expected BREAKPOINT, SOLVE, INITIAL or STEP after %s, found %s", t.text, p.tok.describe())
		}
	default:
		return nil
	}
	p.inKinetic = pr.Kind == ProcKinetic
	pr.Body = p.block()
	p.inKinetic = false
	return pr
}

func (p *parser) solveFor() []Ident {
	if !p.isWord("SOLVEFOR") {
		return nil
	}
	p.next()
	return p.nameList("after SOLVEFOR")
}

// block reads "{ [LOCAL …] stmts }".
func (p *parser) block() *Block {
	p.enter()
	defer p.leave()
	b := &Block{Pos: p.tok.pos}
	p.expectPunct("{", "to start a block")
	for p.isWord("LOCAL") {
		b.Locals = append(b.Locals, p.localList()...)
	}
	for !p.isPunct("}") {
		if p.tok.kind == tokEOF {
			p.fail(b.Pos, "block has no closing '}'")
		}
		if p.isWord("LOCAL") {
			p.fail(p.tok.pos, "LOCAL must come before the first statement of a block")
		}
		b.Stmts = append(b.Stmts, p.stmt())
	}
	b.End = p.tok.pos
	p.next()
	return b
}

func (p *parser) stmt() Stmt {
	t := p.tok
	switch t.kind {
	case tokVerbatim:
		p.next()
		return &VerbatimStmt{Pos: t.pos, Text: t.text}
	case tokPrime:
		lhs := p.varRef()
		return p.assignRest(t.pos, lhs, false)
	case tokPunct:
		switch t.text {
		case "{":
			return &BlockStmt{Block: p.block()}
		case "~", "~+":
			if p.inKinetic {
				return p.reaction()
			}
			p.next()
			lhs := p.expr()
			p.expectPunct("=", "in equation")
			rhs := p.expr()
			return &EquationStmt{Pos: t.pos, LHS: lhs, RHS: rhs}
		}
		p.fail(t.pos, "expected a statement, found %s", t.describe())
	case tokName:
	default:
		p.fail(t.pos, "expected a statement, found %s", t.describe())
	}
	switch t.text {
	case "if":
		return p.ifStmt()
	case "while":
		p.next()
		p.expectPunct("(", "after while")
		cond := p.expr()
		p.expectPunct(")", "after while condition")
		return &WhileStmt{Pos: t.pos, Cond: cond, Body: p.block()}
	case "FROM":
		p.next()
		s := &FromStmt{Pos: t.pos, Var: p.name("as loop variable")}
		p.expectPunct("=", "after FROM variable")
		s.From = p.expr()
		p.expectWord("TO", "in FROM loop")
		s.To = p.expr()
		if p.isWord("BY") {
			p.next()
			s.By = p.expr()
		}
		s.Body = p.block()
		return s
	case "SOLVE":
		p.next()
		s := &SolveStmt{Pos: t.pos, Name: p.name("after SOLVE")}
		if p.isWord("METHOD") || p.isWord("STEADYSTATE") {
			s.SteadyState = p.isWord("STEADYSTATE")
			p.next()
			m := p.name("as integration method")
			s.Method = &m
		}
		if p.isWord("IFERROR") {
			p.next()
			s.IfError = p.block()
		}
		return s
	case "TABLE":
		return p.tableStmt()
	case "INITIAL":
		p.next()
		return &NetInitialStmt{Pos: t.pos, Body: p.block()}
	case "PROTECT":
		p.next()
		lhs := p.varRef()
		return p.assignRest(t.pos, lhs, true)
	case "CONSERVE":
		p.next()
		terms := p.reactSide()
		p.expectPunct("=", "in CONSERVE")
		return &ConserveStmt{Pos: t.pos, Terms: terms, Value: p.expr()}
	case "COMPARTMENT", "LONGITUDINAL_DIFFUSION":
		p.next()
		s := &CompartmentStmt{Pos: t.pos, LongDiff: t.text != "COMPARTMENT"}
		// COMPARTMENT i, expr { names } or COMPARTMENT expr { names }
		save, saveTok := p.lx, p.tok
		if p.tok.kind == tokName && !isKeyword(p.tok.text) {
			id := p.name("")
			if p.isPunct(",") {
				p.next()
				s.Index = &id
			} else {
				p.lx, p.tok = save, saveTok
			}
		}
		s.Volume = p.expr()
		p.expectPunct("{", "before compartment species")
		for !p.isPunct("}") {
			s.Names = append(s.Names, p.name("as compartment species"))
		}
		p.next()
		return s
	case "WATCH":
		p.next()
		s := &WatchStmt{Pos: t.pos}
		for {
			p.expectPunct("(", "after WATCH")
			var w Watch
			w.Left = p.arith()
			if !p.isPunct(">") && !p.isPunct("<") {
				p.fail(p.tok.pos, "expected '>' or '<' in WATCH, found %s", p.tok.describe())
			}
			w.Op = p.tok.text
			p.next()
			w.Right = p.arith()
			p.expectPunct(")", "after WATCH condition")
			w.Flag = p.primary()
			s.Watches = append(s.Watches, w)
			if !p.isPunct(",") {
				return s
			}
			p.next()
		}
	case "FOR_NETCONS":
		p.next()
		s := &ForNetconsStmt{Pos: t.pos, Args: p.args()}
		s.Body = p.block()
		return s
	case "CONDUCTANCE":
		p.next()
		s := &ConductanceStmt{Pos: t.pos, Name: p.name("after CONDUCTANCE")}
		if p.isWord("USEION") {
			p.next()
			id := p.name("after USEION")
			s.Ion = &id
		}
		return s
	case "MUTEXLOCK", "MUTEXUNLOCK":
		p.next()
		return &MutexStmt{Pos: t.pos, Lock: t.text == "MUTEXLOCK"}
	case "RESET":
		p.next()
		return &UnsupportedStmt{Pos: t.pos, Keyword: t.text}
	case "SENS", "PUTQ", "GETQ", "LAG", "MATCH", "FORALL", "DEL", "DEL2":
		p.fail(t.pos, "%s statements are not supported", t.text)
	}
	if isKeyword(t.text) {
		p.fail(t.pos, "unexpected keyword %s in a statement", t.text)
	}
	// assignment or call
	p.next()
	if p.isPunct("(") {
		c := p.callRest(Ident{Name: t.text, Pos: t.pos})
		return &CallStmt{Call: c}
	}
	lhs := &VarRef{Pos: t.pos, Name: t.text}
	if p.isPunct("[") {
		p.next()
		lhs.Index = p.expr()
		p.expectPunct("]", "after index")
	}
	return p.assignRest(t.pos, lhs, false)
}

func (p *parser) assignRest(pos Pos, lhs *VarRef, protect bool) Stmt {
	if !p.isPunct("=") {
		p.fail(p.tok.pos, "expected '=' after %s, found %s", lhs.Name+primes(lhs.Prime), p.tok.describe())
	}
	p.next()
	return &AssignStmt{Pos: pos, LHS: lhs, RHS: p.expr(), Protect: protect}
}

func primes(n int) string {
	s := ""
	for i := 0; i < n; i++ {
		s += "'"
	}
	return s
}

func (p *parser) varRef() *VarRef {
	t := p.tok
	if t.kind != tokName && t.kind != tokPrime {
		p.fail(t.pos, "expected a variable, found %s", t.describe())
	}
	if t.kind == tokName && isKeyword(t.text) {
		p.fail(t.pos, "expected a variable, found keyword %s", t.text)
	}
	p.next()
	v := &VarRef{Pos: t.pos, Name: t.text, Prime: t.prime}
	if p.isPunct("[") {
		p.next()
		v.Index = p.expr()
		p.expectPunct("]", "after index")
	}
	return v
}

func (p *parser) ifStmt() Stmt {
	t := p.tok
	p.next()
	p.expectPunct("(", "after if")
	cond := p.expr()
	p.expectPunct(")", "after if condition")
	s := &IfStmt{Pos: t.pos, Cond: cond, Then: p.block()}
	if p.isWord("else") {
		elsePos := p.tok.pos
		p.next()
		if p.isWord("if") {
			inner := p.ifStmt()
			s.Else = &Block{Pos: elsePos, End: elsePos, Stmts: []Stmt{inner}}
		} else {
			s.Else = p.block()
		}
	}
	return s
}

func (p *parser) tableStmt() Stmt {
	s := &TableStmt{Pos: p.tok.pos}
	p.next()
	if p.tok.kind == tokName && !isKeyword(p.tok.text) {
		s.Names = p.nameList("after TABLE")
	}
	if p.isWord("DEPEND") {
		p.next()
		s.Depend = p.nameList("after DEPEND")
	}
	p.expectWord("FROM", "in TABLE statement")
	s.From = p.expr()
	p.expectWord("TO", "in TABLE statement")
	s.To = p.expr()
	p.expectWord("WITH", "in TABLE statement")
	if p.tok.kind != tokInteger {
		p.fail(p.tok.pos, "expected an integer after WITH, found %s", p.tok.describe())
	}
	s.With = p.integer("after WITH")
	return s
}

// reactSide reads "[n] a + [n] b …".
func (p *parser) reactSide() []ReactTerm {
	var out []ReactTerm
	for {
		rt := ReactTerm{Coef: 1}
		if p.tok.kind == tokInteger {
			rt.Coef = p.integer("as stoichiometry")
		}
		rt.Var = p.varRef()
		out = append(out, rt)
		if !p.isPunct("+") {
			return out
		}
		p.next()
	}
}

func (p *parser) reaction() Stmt {
	s := &ReactionStmt{Pos: p.tok.pos}
	p.next()
	s.Left = p.reactSide()
	switch {
	case p.isPunct("<->"):
		s.Op = "<->"
		p.next()
		s.Right = p.reactSide()
		p.expectPunct("(", "before reaction rates")
		s.Rate1 = p.expr()
		p.expectPunct(",", "between reaction rates")
		s.Rate2 = p.expr()
		p.expectPunct(")", "after reaction rates")
	case p.isPunct("<"):
		p.next()
		p.expectPunct("<", "in '<<'")
		s.Op = "<<"
		p.expectPunct("(", "before flux")
		s.Rate1 = p.expr()
		p.expectPunct(")", "after flux")
	case p.isPunct("-"):
		p.next()
		p.expectPunct(">", "in '->'")
		s.Op = "->"
		p.expectPunct("(", "before rate")
		s.Rate1 = p.expr()
		p.expectPunct(")", "after rate")
	default:
		p.fail(p.tok.pos, "expected '<->', '<<' or '->' in reaction, found %s", p.tok.describe())
	}
	return s
}

// Expressions. The binding follows the C code nocmodl emits, since the C
// compiler decides the evaluation order of the copied tokens: || < && <
// == != < < <= > >= < + - < * / < unary - ! < ^ (right associative,
// turned into pow by nocmodl).

func (p *parser) expr() Expr {
	p.enter()
	defer p.leave()
	return p.orExpr()
}

func (p *parser) binaryLevel(ops []string, sub func() Expr) Expr {
	x := sub()
	for {
		if p.tok.kind != tokPunct {
			return x
		}
		found := false
		for _, op := range ops {
			if p.tok.text == op {
				found = true
				break
			}
		}
		if !found {
			return x
		}
		op := p.tok
		p.next()
		y := sub()
		x = &Binary{Pos: op.pos, Op: op.text, X: x, Y: y}
	}
}

func (p *parser) orExpr() Expr {
	return p.binaryLevel([]string{"||"}, p.andExpr)
}

func (p *parser) andExpr() Expr {
	return p.binaryLevel([]string{"&&"}, p.eqExpr)
}

func (p *parser) eqExpr() Expr {
	return p.binaryLevel([]string{"==", "!="}, p.relExpr)
}

func (p *parser) relExpr() Expr {
	return p.binaryLevel([]string{"<", "<=", ">", ">="}, p.arith)
}

// arith parses + and - (used alone in WATCH conditions).
func (p *parser) arith() Expr {
	return p.binaryLevel([]string{"+", "-"}, p.term)
}

func (p *parser) term() Expr {
	return p.binaryLevel([]string{"*", "/"}, p.unary)
}

func (p *parser) unary() Expr {
	if p.isPunct("-") || p.isPunct("!") {
		t := p.tok
		p.next()
		p.enter()
		defer p.leave()
		return &Unary{Pos: t.pos, Op: t.text, X: p.unary()}
	}
	return p.power()
}

func (p *parser) power() Expr {
	x := p.primary()
	if p.isPunct("^") {
		op := p.tok
		p.next()
		p.enter()
		defer p.leave()
		y := p.unary() // right associative; the exponent may be negated
		return &Binary{Pos: op.pos, Op: "^", X: x, Y: y}
	}
	return x
}

func (p *parser) primary() Expr {
	t := p.tok
	switch t.kind {
	case tokInteger, tokReal:
		p.next()
		n := &NumberLit{Pos: t.pos, Text: t.text, Value: p.parseFloat(t)}
		n.Units = p.optUnits()
		return n
	case tokPrime:
		return p.varRef()
	case tokName:
		if v, ok := p.defines[t.text]; ok {
			p.next()
			return &NumberLit{Pos: t.pos, Text: strconv.Itoa(v), Value: float64(v)}
		}
		if isKeyword(t.text) {
			p.fail(t.pos, "expected an expression, found keyword %s", t.text)
		}
		p.next()
		if p.isPunct("(") {
			return p.callRest(Ident{Name: t.text, Pos: t.pos})
		}
		v := &VarRef{Pos: t.pos, Name: t.text}
		if p.isPunct("[") {
			p.next()
			v.Index = p.expr()
			p.expectPunct("]", "after index")
		}
		return v
	case tokPunct:
		if t.text == "(" {
			p.next()
			x := p.expr()
			p.expectPunct(")", "to close '('")
			return &Paren{Pos: t.pos, X: x}
		}
	}
	p.fail(t.pos, "expected an expression, found %s", t.describe())
	return nil
}

// callRest reads "(args)" after a function name.
func (p *parser) callRest(name Ident) *Call {
	c := &Call{Pos: name.Pos, Name: name.Name}
	p.expectPunct("(", "after function name")
	if p.isPunct(")") {
		p.next()
		return c
	}
	for {
		if p.tok.kind == tokString {
			c.Args = append(c.Args, &StringLit{Pos: p.tok.pos, Text: p.tok.text})
			p.next()
		} else {
			c.Args = append(c.Args, p.expr())
		}
		if p.isPunct(")") {
			p.next()
			return c
		}
		if !p.isPunct(",") {
			p.fail(p.tok.pos, "expected ',' or ')' in arguments of %s, found %s", name.Name, p.tok.describe())
		}
		p.next()
	}
}
