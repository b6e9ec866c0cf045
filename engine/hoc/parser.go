package hoc

// keywords are NEURON's reserved words; none of them can name a variable.
var keywords = map[string]bool{
	"proc": true, "func": true, "obfunc": true, "iterator": true, "iterator_statement": true,
	"return": true, "break": true, "continue": true, "stop": true, "if": true, "else": true,
	"while": true, "for": true, "print": true, "delete": true, "read": true, "debug": true,
	"double": true, "depvar": true, "eqn": true, "local": true, "localobj": true,
	"strdef": true, "parallel": true, "help": true, "create": true, "connect": true,
	"setpointer": true, "access": true, "insert": true, "uninsert": true, "forall": true,
	"ifsec": true, "forsec": true, "begintemplate": true, "endtemplate": true,
	"objectvar": true, "objref": true, "public": true, "external": true, "new": true,
}

// unsupportedKeywords parse in NEURON but are refused here.
var unsupportedKeywords = map[string]string{
	"read":               "read() from the terminal",
	"debug":              "debug",
	"depvar":             "depvar equations",
	"eqn":                "eqn equations",
	"parallel":           "parallel",
	"help":               "help",
	"setpointer":         "setpointer",
	"iterator":           "iterator definitions",
	"iterator_statement": "iterator_statement",
}

// Parse parses HOC source. name is used in positions.
func Parse(name, src string) (*File, error) {
	toks, err := newLexer(name, src).all()
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	return p.file(name)
}

type parser struct {
	toks []token
	i    int

	inTemplate bool
	tmplOrder  []string
	tmplSeen   map[string]bool
	depth      int
}

// maxDepth bounds nesting so that hostile input cannot exhaust the stack.
const maxDepth = 500

func (p *parser) peek() token { return p.toks[p.i] }

func (p *parser) peekAt(k int) token {
	if p.i+k < len(p.toks) {
		return p.toks[p.i+k]
	}
	return p.toks[len(p.toks)-1]
}

func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	if t.kind == tIdent && p.inTemplate && !keywords[t.text] && !p.tmplSeen[t.text] {
		p.tmplSeen[t.text] = true
		p.tmplOrder = append(p.tmplOrder, t.text)
	}
	return t
}

func (p *parser) isOp(s string) bool {
	t := p.peek()
	return t.kind == tOp && t.text == s
}

func (p *parser) isKw(s string) bool {
	t := p.peek()
	return t.kind == tIdent && t.text == s
}

func (p *parser) errAt(t token, format string, args ...any) error {
	return errorf(t.pos, format, args...)
}

func (p *parser) unexpected(t token) error {
	return errorf(t.pos, "syntax error: unexpected %s", t.describe())
}

func (p *parser) expectOp(s string) (token, error) {
	t := p.peek()
	if t.kind != tOp || t.text != s {
		return t, errorf(t.pos, "syntax error: expected '%s', found %s", s, t.describe())
	}
	return p.next(), nil
}

func (p *parser) expectName() (token, error) {
	t := p.peek()
	if t.kind != tIdent {
		return t, errorf(t.pos, "syntax error: expected a name, found %s", t.describe())
	}
	if keywords[t.text] {
		return t, errorf(t.pos, "syntax error: '%s' is a keyword and cannot be used as a name", t.text)
	}
	return p.next(), nil
}

func (p *parser) skipNewlines() {
	for p.peek().kind == tNewline {
		p.next()
	}
}

func (p *parser) enter() error {
	p.depth++
	if p.depth > maxDepth {
		return errorf(p.peek().pos, "nesting too deep")
	}
	return nil
}

func (p *parser) leave() { p.depth-- }

func (p *parser) file(name string) (*File, error) {
	f := &File{Name: name}
	var openTemplate token
	for {
		p.skipNewlines()
		t := p.peek()
		if t.kind == tEOF {
			break
		}
		var s Stmt
		var err error
		switch {
		case t.kind == tIdent && (t.text == "proc" || t.text == "func" || t.text == "obfunc"):
			s, err = p.procDef()
		case t.kind == tIdent && t.text == "begintemplate":
			if p.inTemplate {
				return nil, p.errAt(t, "nested templates are not supported")
			}
			p.next()
			var nt token
			nt, err = p.expectName()
			if err == nil {
				s = &BeginTemplate{Pos: t.pos, Name: nt.text}
				openTemplate = nt
				p.inTemplate = true
				p.tmplOrder = nil
				p.tmplSeen = map[string]bool{}
			}
		case t.kind == tIdent && t.text == "endtemplate":
			p.next()
			if !p.inTemplate {
				return nil, p.errAt(t, "endtemplate without begintemplate")
			}
			p.inTemplate = false
			var nt token
			nt, err = p.expectName()
			if err == nil {
				if nt.text != openTemplate.text {
					return nil, p.errAt(nt, "endtemplate %s does not match begintemplate %s", nt.text, openTemplate.text)
				}
				s = &EndTemplate{Pos: t.pos, Name: nt.text, Order: p.tmplOrder}
			}
		case t.kind == tIdent && (t.text == "public" || t.text == "external"):
			s, err = p.nameList()
		default:
			s, err = p.stmt(true)
		}
		if err != nil {
			return nil, err
		}
		f.Stmts = append(f.Stmts, s)
		if t := p.peek(); t.kind != tNewline && t.kind != tEOF {
			return nil, p.unexpected(t)
		}
	}
	if p.inTemplate {
		return nil, p.errAt(openTemplate, "template %s has no endtemplate", openTemplate.text)
	}
	return f, nil
}

func (p *parser) nameList() (Stmt, error) {
	kw := p.next()
	if !p.inTemplate {
		return nil, p.errAt(kw, "'%s' outside a template", kw.text)
	}
	var names []string
	for {
		nt, err := p.expectName()
		if err != nil {
			return nil, err
		}
		names = append(names, nt.text)
		if !p.isOp(",") {
			break
		}
		p.next()
	}
	if kw.text == "public" {
		return &Public{Pos: kw.pos, Names: names}, nil
	}
	return &External{Pos: kw.pos, Names: names}, nil
}

func (p *parser) procDef() (Stmt, error) {
	kw := p.next()
	nt, err := p.expectName()
	if err != nil {
		return nil, err
	}
	if _, err := p.expectOp("("); err != nil {
		return nil, err
	}
	if _, err := p.expectOp(")"); err != nil {
		return nil, err
	}
	open, err := p.expectOp("{")
	if err != nil {
		return nil, err
	}
	def := &ProcDef{Pos: kw.pos, Kind: kw.text, Name: nt.text}
	seen := map[string]bool{}
	readNames := func() ([]string, error) {
		var names []string
		for {
			t, err := p.expectName()
			if err != nil {
				return nil, err
			}
			if seen[t.text] {
				return nil, p.errAt(t, "%s already declared local", t.text)
			}
			seen[t.text] = true
			names = append(names, t.text)
			if !p.isOp(",") {
				return names, nil
			}
			p.next()
		}
	}
	if p.isKw("local") {
		p.next()
		if def.Locals, err = readNames(); err != nil {
			return nil, err
		}
	}
	if p.isKw("localobj") {
		p.next()
		if def.LocalObjs, err = readNames(); err != nil {
			return nil, err
		}
	}
	body, err := p.blockRest(open)
	if err != nil {
		return nil, err
	}
	def.Body = body
	return def, nil
}

// blockRest parses statements up to the closing brace; open is the '{'.
func (p *parser) blockRest(open token) (*Block, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	b := &Block{Pos: open.pos}
	for {
		p.skipNewlines()
		t := p.peek()
		if t.kind == tEOF {
			return nil, p.errAt(open, "missing '}' for this '{'")
		}
		if t.kind == tOp && t.text == "}" {
			p.next()
			return b, nil
		}
		s, err := p.stmt(false)
		if err != nil {
			return nil, err
		}
		b.Stmts = append(b.Stmts, s)
	}
}

// startsStmt reports whether t can begin a statement that follows a
// section name on the same line (soma nseg = 1, dend[0] { }).
func startsSecBody(t token) bool {
	switch t.kind {
	case tIdent, tArg:
		return t.text != "else"
	case tOp:
		return t.text == "{"
	}
	return false
}

func isSectionLike(e Expr) bool {
	switch x := e.(type) {
	case *Name:
		return true
	case *Index:
		return isSectionLike(x.X)
	case *Field:
		return true
	case *ArgRef:
		return x.Kind == 'o'
	}
	return false
}

func (p *parser) stmt(top bool) (Stmt, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	t := p.peek()
	if t.kind == tOp && t.text == "{" {
		p.next()
		return p.blockRest(t)
	}
	if t.kind == tIdent && keywords[t.text] {
		if what, ok := unsupportedKeywords[t.text]; ok {
			return nil, p.errAt(t, "%s is not supported", what)
		}
		switch t.text {
		case "if":
			return p.ifStmt()
		case "while":
			p.next()
			cond, err := p.cond()
			if err != nil {
				return nil, err
			}
			body, err := p.stmt(false)
			if err != nil {
				return nil, err
			}
			return &While{Pos: t.pos, Cond: cond, Body: body}, nil
		case "for":
			return p.forStmt()
		case "forall":
			p.next()
			body, err := p.stmt(false)
			if err != nil {
				return nil, err
			}
			return &Forall{Pos: t.pos, Body: body}, nil
		case "forsec", "ifsec":
			p.next()
			arg, err := p.postfix()
			if err != nil {
				return nil, err
			}
			body, err := p.stmt(false)
			if err != nil {
				return nil, err
			}
			if t.text == "forsec" {
				return &Forsec{Pos: t.pos, Arg: arg, Body: body}, nil
			}
			return &Ifsec{Pos: t.pos, Arg: arg, Body: body}, nil
		case "print":
			p.next()
			pr := &Print{Pos: t.pos}
			for {
				e, err := p.expr()
				if err != nil {
					return nil, err
				}
				pr.Items = append(pr.Items, e)
				if !p.isOp(",") {
					return pr, nil
				}
				p.next()
			}
		case "return":
			p.next()
			r := &Return{Pos: t.pos}
			if p.isKw("new") {
				n, err := p.newExpr()
				if err != nil {
					return nil, err
				}
				r.Value = n
			} else if startsExpr(p.peek()) {
				e, err := p.expr()
				if err != nil {
					return nil, err
				}
				r.Value = e
			}
			return r, nil
		case "break":
			p.next()
			return &Break{Pos: t.pos}, nil
		case "continue":
			p.next()
			return &Continue{Pos: t.pos}, nil
		case "stop":
			p.next()
			return &Stop{Pos: t.pos}, nil
		case "objref", "objectvar", "strdef", "double", "create":
			return p.decl()
		case "connect":
			return p.connect()
		case "access":
			p.next()
			sec, err := p.postfix()
			if err != nil {
				return nil, err
			}
			return &Access{Pos: t.pos, Sec: sec}, nil
		case "insert", "uninsert":
			p.next()
			nt := p.peek()
			if nt.kind != tIdent {
				return nil, p.errAt(nt, "syntax error: expected a mechanism name after %s", t.text)
			}
			p.next()
			if t.text == "insert" {
				return &Insert{Pos: t.pos, Mech: nt.text}, nil
			}
			return &Uninsert{Pos: t.pos, Mech: nt.text}, nil
		case "delete":
			p.next()
			nt, err := p.expectName()
			if err != nil {
				return nil, err
			}
			return &Delete{Pos: t.pos, Name: nt.text}, nil
		case "proc", "func", "obfunc":
			return nil, p.errAt(t, "%s definitions are allowed only at top level", t.text)
		case "begintemplate", "endtemplate", "public", "external":
			return nil, p.errAt(t, "'%s' is allowed only at top level", t.text)
		case "local", "localobj":
			return nil, p.errAt(t, "'%s' must follow the '{' of a proc or func on the same line", t.text)
		case "else":
			return nil, p.errAt(t, "syntax error: 'else' without 'if' (else must follow the if statement on the same line)")
		case "new":
			return nil, p.errAt(t, "syntax error: 'new' must be assigned to an object reference")
		}
	}
	e, err := p.expr()
	if err != nil {
		return nil, err
	}
	if isSectionLike(e) && startsSecBody(p.peek()) {
		body, err := p.stmt(false)
		if err != nil {
			return nil, err
		}
		return &SecStmt{Pos: e.Position(), Sec: e, Body: body}, nil
	}
	return &ExprStmt{Pos: e.Position(), X: e, TopLevel: top}, nil
}

func startsExpr(t token) bool {
	switch t.kind {
	case tNumber, tString, tArg:
		return true
	case tIdent:
		return !keywords[t.text]
	case tOp:
		return t.text == "(" || t.text == "-" || t.text == "!"
	}
	return false
}

func (p *parser) cond() (Expr, error) {
	if _, err := p.expectOp("("); err != nil {
		return nil, err
	}
	e, err := p.expr()
	if err != nil {
		return nil, err
	}
	if _, err := p.expectOp(")"); err != nil {
		return nil, err
	}
	return e, nil
}

func (p *parser) ifStmt() (Stmt, error) {
	t := p.next()
	cond, err := p.cond()
	if err != nil {
		return nil, err
	}
	then, err := p.stmt(false)
	if err != nil {
		return nil, err
	}
	s := &If{Pos: t.pos, Cond: cond, Then: then}
	if p.isKw("else") {
		p.next()
		if s.Else, err = p.stmt(false); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func (p *parser) forStmt() (Stmt, error) {
	t := p.next()
	if p.isOp("(") {
		// for (x) / for (x, e) over segments
		if a, b := p.peekAt(1), p.peekAt(2); a.kind == tIdent && !keywords[a.text] && b.kind == tOp && (b.text == ")" || b.text == ",") {
			p.next()
			vt := p.next()
			s := &ForSeg{Pos: t.pos, Var: &Name{Pos: vt.pos, Name: vt.text}}
			if p.isOp(",") {
				p.next()
				e, err := p.expr()
				if err != nil {
					return nil, err
				}
				s.Ends = e
			}
			if _, err := p.expectOp(")"); err != nil {
				return nil, err
			}
			body, err := p.stmt(false)
			if err != nil {
				return nil, err
			}
			s.Body = body
			return s, nil
		}
		p.next()
		s := &CFor{Pos: t.pos}
		var err error
		if !p.isOp(";") {
			if s.Init, err = p.stmt(false); err != nil {
				return nil, err
			}
		}
		if _, err := p.expectOp(";"); err != nil {
			return nil, err
		}
		if s.Cond, err = p.expr(); err != nil {
			return nil, err
		}
		if _, err := p.expectOp(";"); err != nil {
			return nil, err
		}
		if !p.isOp(")") {
			if s.Post, err = p.stmt(false); err != nil {
				return nil, err
			}
		}
		if _, err := p.expectOp(")"); err != nil {
			return nil, err
		}
		if s.Body, err = p.stmt(false); err != nil {
			return nil, err
		}
		return s, nil
	}
	vt := p.peek()
	if vt.kind != tIdent || keywords[vt.text] {
		return nil, p.unexpected(vt)
	}
	v, err := p.postfixNoCall()
	if err != nil {
		return nil, err
	}
	if p.isOp("(") || p.isOp(".") {
		return nil, p.errAt(vt, "iterator loops (for name(...) stmt) are not supported")
	}
	eq := p.peek()
	if eq.kind != tOp || eq.text != "=" {
		if eq.kind == tOp && len(eq.text) == 2 && eq.text[1] == '=' && eq.text != "==" {
			return nil, p.errAt(eq, "invalid assignment operator: only '=' allowed in for var = a, b")
		}
		return nil, p.unexpected(eq)
	}
	p.next()
	from, err := p.expr()
	if err != nil {
		return nil, err
	}
	if _, err := p.expectOp(","); err != nil {
		return nil, err
	}
	to, err := p.expr()
	if err != nil {
		return nil, err
	}
	body, err := p.stmt(false)
	if err != nil {
		return nil, err
	}
	return &ForRange{Pos: t.pos, Var: v, From: from, To: to, Body: body}, nil
}

func (p *parser) decl() (Stmt, error) {
	kw := p.next()
	kind := kw.text
	if kind == "objectvar" {
		kind = "objref"
	}
	d := &Decl{Pos: kw.pos, Kind: kind}
	for {
		nt, err := p.expectName()
		if err != nil {
			return nil, err
		}
		item := DeclItem{Pos: nt.pos, Name: nt.text}
		for p.isOp("[") {
			if kind == "strdef" {
				return nil, p.errAt(p.peek(), "syntax error: strdef names cannot have dimensions")
			}
			p.next()
			e, err := p.expr()
			if err != nil {
				return nil, err
			}
			if _, err := p.expectOp("]"); err != nil {
				return nil, err
			}
			item.Dims = append(item.Dims, e)
		}
		if kind == "double" && len(item.Dims) == 0 {
			return nil, p.errAt(p.peek(), "syntax error: double needs dimensions, e.g. double %s[3]", nt.text)
		}
		d.Items = append(d.Items, item)
		if !p.isOp(",") {
			return d, nil
		}
		p.next()
	}
}

func (p *parser) connect() (Stmt, error) {
	kw := p.next()
	child, err := p.postfixNoCall()
	if err != nil {
		return nil, err
	}
	c := &Connect{Pos: kw.pos, Child: child}
	if p.isOp("(") {
		p.next()
		if c.ChildX, err = p.expr(); err != nil {
			return nil, err
		}
		if _, err := p.expectOp(")"); err != nil {
			return nil, err
		}
	}
	if _, err := p.expectOp(","); err != nil {
		return nil, err
	}
	e, err := p.expr()
	if err != nil {
		return nil, err
	}
	c.ParentX = e
	if call, ok := e.(*Call); ok && len(call.Args) == 1 && call.Span == nil && isSectionLike(call.Fun) {
		// Might be parent(x); the interpreter decides once it knows
		// whether call.Fun names a section.
		c.Parent = call.Fun
		c.ParentX = call.Args[0]
		c.ParentCall = call
	}
	return c, nil
}

// --- expressions ---

func (p *parser) expr() (Expr, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	lhs, err := p.binary(0)
	if err != nil {
		return nil, err
	}
	t := p.peek()
	if t.kind == tOp && (t.text == "=" || t.text == "+=" || t.text == "-=" || t.text == "*=" || t.text == "/=") {
		if !assignable(lhs) {
			return nil, p.errAt(t, "syntax error: cannot assign to this expression")
		}
		p.next()
		a := &Assign{Pos: t.pos, Op: t.text, LHS: lhs}
		if p.isKw("new") {
			if t.text != "=" {
				return nil, p.errAt(t, "invalid assignment operator: only '=' allowed with new")
			}
			if a.RHS, err = p.newExpr(); err != nil {
				return nil, err
			}
			return a, nil
		}
		if a.RHS, err = p.expr(); err != nil {
			return nil, err
		}
		if c, ok := lhs.(*Call); ok && c.Span != nil {
			if _, err := p.expectOp(":"); err != nil {
				return nil, err
			}
			if a.RHS2, err = p.expr(); err != nil {
				return nil, err
			}
		}
		return a, nil
	}
	if c, ok := lhs.(*Call); ok && c.Span != nil {
		return nil, p.errAt(t, "syntax error: r(x1:x2) must be assigned y1:y2")
	}
	return lhs, nil
}

func assignable(e Expr) bool {
	switch x := e.(type) {
	case *Name, *Index, *Field, *ArgRef:
		return true
	case *Call:
		return len(x.Args) == 1 || x.Span != nil
	}
	return false
}

var precedence = map[string]int{
	"||": 1, "&&": 2,
	">": 3, ">=": 3, "<": 3, "<=": 3, "==": 3, "!=": 3,
	"+": 4, "-": 4,
	"*": 5, "/": 5, "%": 5,
}

func (p *parser) binary(minPrec int) (Expr, error) {
	x, err := p.unary()
	if err != nil {
		return nil, err
	}
	for {
		t := p.peek()
		prec, ok := precedence[t.text]
		if t.kind != tOp || !ok || prec <= minPrec {
			return x, nil
		}
		p.next()
		y, err := p.binary(prec)
		if err != nil {
			return nil, err
		}
		if err := noString(x, y); err != nil {
			return nil, err
		}
		x = &Binary{Pos: t.pos, Op: t.text, X: x, Y: y}
	}
}

func (p *parser) unary() (Expr, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	t := p.peek()
	if t.kind == tOp && (t.text == "-" || t.text == "!") {
		p.next()
		x, err := p.unary()
		if err != nil {
			return nil, err
		}
		if err := noString(x); err != nil {
			return nil, err
		}
		return &Unary{Pos: t.pos, Op: t.text, X: x}, nil
	}
	x, err := p.postfix()
	if err != nil {
		return nil, err
	}
	if p.isOp("^") {
		op := p.next()
		y, err := p.unary()
		if err != nil {
			return nil, err
		}
		if err := noString(x, y); err != nil {
			return nil, err
		}
		return &Binary{Pos: op.pos, Op: "^", X: x, Y: y}, nil
	}
	return x, nil
}

func (p *parser) postfix() (Expr, error)       { return p.postfixOpt(true) }
func (p *parser) postfixNoCall() (Expr, error) { return p.postfixOpt(false) }

func (p *parser) postfixOpt(calls bool) (Expr, error) {
	x, err := p.primary()
	if err != nil {
		return nil, err
	}
	for {
		t := p.peek()
		if t.kind != tOp {
			return x, nil
		}
		switch t.text {
		case "[":
			p.next()
			e, err := p.expr()
			if err != nil {
				return nil, err
			}
			if _, err := p.expectOp("]"); err != nil {
				return nil, err
			}
			if ix, ok := x.(*Index); ok {
				ix.Indexes = append(ix.Indexes, e)
			} else {
				x = &Index{Pos: x.Position(), X: x, Indexes: []Expr{e}}
			}
		case ".":
			p.next()
			nt := p.peek()
			if nt.kind != tIdent {
				return nil, p.errAt(nt, "syntax error: expected a name after '.'")
			}
			p.next()
			x = &Field{Pos: nt.pos, X: x, Name: nt.text}
		case "(":
			if !calls {
				return x, nil
			}
			switch x.(type) {
			case *Name, *Field, *Index:
			default:
				return nil, p.unexpected(t)
			}
			p.next()
			c := &Call{Pos: x.Position(), Fun: x}
			if err := p.args(c); err != nil {
				return nil, err
			}
			x = c
		default:
			return x, nil
		}
	}
}

func (p *parser) args(c *Call) error {
	if p.isOp(")") {
		p.next()
		return nil
	}
	for {
		var e Expr
		var err error
		switch {
		case p.isKw("new"):
			e, err = p.newExpr()
		case p.isOp("&"):
			at := p.next()
			var x Expr
			x, err = p.postfix()
			e = &AddrOf{Pos: at.pos, X: x}
		default:
			e, err = p.expr()
		}
		if err != nil {
			return err
		}
		if len(c.Args) == 0 && p.isOp(":") {
			p.next()
			to, err := p.expr()
			if err != nil {
				return err
			}
			c.Span = &Span{From: e, To: to}
			_, err = p.expectOp(")")
			return err
		}
		c.Args = append(c.Args, e)
		t := p.next()
		if t.kind == tOp && t.text == ")" {
			return nil
		}
		if t.kind != tOp || t.text != "," {
			return errorf(t.pos, "syntax error: expected ',' or ')' in argument list, found %s", t.describe())
		}
	}
}

func (p *parser) newExpr() (Expr, error) {
	kw := p.next()
	nt := p.peek()
	if nt.kind != tIdent {
		return nil, p.errAt(nt, "syntax error: expected a template name after new")
	}
	p.next()
	if _, err := p.expectOp("("); err != nil {
		return nil, err
	}
	c := &Call{}
	if err := p.args(c); err != nil {
		return nil, err
	}
	if c.Span != nil {
		return nil, p.errAt(kw, "syntax error: x1:x2 is not an argument of new")
	}
	return &NewExpr{Pos: kw.pos, Class: nt.text, Args: c.Args}, nil
}

func (p *parser) primary() (Expr, error) {
	t := p.peek()
	switch t.kind {
	case tNumber:
		p.next()
		return &NumberLit{Pos: t.pos, Value: t.num}, nil
	case tString:
		p.next()
		return &StringLit{Pos: t.pos, Value: t.text}, nil
	case tArg:
		p.next()
		return &ArgRef{Pos: t.pos, Kind: t.argKind, N: t.argN}, nil
	case tIdent:
		if keywords[t.text] {
			if t.text == "new" {
				return nil, p.errAt(t, "syntax error: 'new' must be assigned to an object reference")
			}
			return nil, p.errAt(t, "syntax error: unexpected keyword '%s'", t.text)
		}
		p.next()
		return &Name{Pos: t.pos, Name: t.text}, nil
	case tOp:
		if t.text == "(" {
			p.next()
			e, err := p.expr()
			if err != nil {
				return nil, err
			}
			if _, err := p.expectOp(")"); err != nil {
				return nil, err
			}
			return e, nil
		}
	}
	return nil, p.unexpected(t)
}

// noString rejects string literals as operands: in HOC a quoted string is
// not an expression.
func noString(xs ...Expr) error {
	for _, x := range xs {
		if s, ok := x.(*StringLit); ok {
			return errorf(s.Pos, "syntax error: a string cannot be an operand")
		}
	}
	return nil
}
