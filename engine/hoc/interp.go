package hoc

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// hocEpsilon is NEURON's hoc_epsilon: comparisons and subscripts use it.
const hocEpsilon = 1e-11

// maxElements bounds the size of one array or Vector.
const maxElements = 1e7

// maxCallDepth bounds recursion of HOC procedures.
const maxCallDepth = 1000

// Interpreter runs HOC code against a Builder. It is not safe for
// concurrent use; create one Interpreter per cell model.
type Interpreter struct {
	b   Builder
	out io.Writer

	root    string          // folder that load_file may read below
	loaded  map[string]bool // files read by load_file
	top     *scope
	classes map[string]int // next object index of built-in classes

	sections  []*section // live sections in NEURON's list order
	secStack  []*section
	access    *section
	originSec *section
	originX   float64
	hasOrigin bool
	parentOf  map[*section]*section
	childList map[*section][]*section // NEURON's sibling order
	orient    map[*section]float64    // child end used to connect (0 or 1)
	connX     map[*section]float64    // position on the parent
	callDepth int
	steps     int64
	maxSteps  int64
	fileStack []string
}

// Option configures an Interpreter.
type Option func(*Interpreter)

// WithOutput sends print and printf output to w (default: discarded).
func WithOutput(w io.Writer) Option { return func(in *Interpreter) { in.out = w } }

// WithRoot sets the folder below which load_file and xopen may read. By
// default it is the folder of the first file given to LoadFile.
func WithRoot(dir string) Option { return func(in *Interpreter) { in.root = dir } }

// WithMaxSteps bounds the number of loop iterations and procedure calls
// one interpreter may run (default 100 million), so a template file with
// an endless loop fails instead of hanging.
func WithMaxSteps(n int64) Option { return func(in *Interpreter) { in.maxSteps = n } }

// New returns an interpreter that builds sections through b.
func New(b Builder, opts ...Option) *Interpreter {
	in := &Interpreter{
		b:         b,
		out:       io.Discard,
		loaded:    map[string]bool{},
		top:       newScope(),
		classes:   map[string]int{},
		parentOf:  map[*section]*section{},
		childList: map[*section][]*section{},
		orient:    map[*section]float64{},
		connX:     map[*section]float64{},
		maxSteps:  100_000_000,
	}
	for _, o := range opts {
		o(in)
	}
	return in
}

// flow is how a statement finished.
type flow uint8

const (
	flowNormal flow = iota
	flowBreak
	flowContinue
	flowReturn
	flowStop
)

// env is the state of one activation: the symbol table in use, the
// procedure frame (nil at top level) and the template being defined.
type env struct {
	sc       *scope
	fr       *frame
	defining *template
}

// arg is one actual argument; set is non-nil for strings and objects
// passed from a variable, which the callee may assign through $s/$o.
type arg struct {
	v   value
	set func(value) error
}

type frame struct {
	proc   *procDef
	args   []arg
	locals map[string]*symbol
	ret    value
	hasRet bool
}

// LoadFile reads and runs a HOC file. The first call fixes the folder that
// load_file may read below (unless WithRoot was given).
func (in *Interpreter) LoadFile(path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("hoc: %w", err)
	}
	if in.root == "" {
		in.root = filepath.Dir(abs)
	}
	in.loaded[abs] = true
	return in.runFile(abs, path)
}

// Exec parses and runs HOC source; name is used in positions.
func (in *Interpreter) Exec(name, src string) error {
	f, err := Parse(name, src)
	if err != nil {
		return err
	}
	return in.run(f)
}

func (in *Interpreter) runFile(abs, display string) error {
	data, err := os.ReadFile(abs)
	if err != nil {
		return fmt.Errorf("hoc: %w", err)
	}
	f, err := Parse(display, string(data))
	if err != nil {
		return err
	}
	in.fileStack = append(in.fileStack, abs)
	defer func() { in.fileStack = in.fileStack[:len(in.fileStack)-1] }()
	return in.run(f)
}

func (in *Interpreter) run(f *File) error {
	e := &env{sc: in.top}
	for _, s := range f.Stmts {
		if _, isDef := s.(*ProcDef); !isDef {
			in.predeclare(e, s, nil)
		}
		fl, err := in.exec(e, s)
		if err != nil {
			return err
		}
		switch fl {
		case flowStop:
			return nil
		case flowBreak, flowContinue:
			return errorf(s.Position(), "break or continue outside a loop")
		case flowReturn:
			return errorf(s.Position(), "return outside a procedure")
		}
	}
	if e.defining != nil {
		return errorf(e.defining.pos, "template %s has no endtemplate", e.defining.name)
	}
	return nil
}

// Templates lists the names of the templates defined so far, sorted.
func (in *Interpreter) Templates() []string {
	var names []string
	for name, s := range in.top.syms {
		if s.kind == symTemplate {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

// wrap attaches a position to an error that has none.
func wrap(p Pos, err error) error {
	if err == nil {
		return nil
	}
	var he *Error
	if errors.As(err, &he) {
		return err
	}
	return &Error{Pos: p, Msg: err.Error()}
}

// --- statements ---

func (in *Interpreter) exec(e *env, s Stmt) (flow, error) {
	if e.defining != nil {
		switch s.(type) {
		case *ProcDef, *EndTemplate, *Public, *External, *Decl, *ExprStmt, *Block, *If, *Print:
		case *BeginTemplate:
			return 0, errorf(s.Position(), "nested templates are not supported")
		default:
			return 0, errorf(s.Position(), "this statement has no effect at template level in NEURON and is not supported here; put it in a proc")
		}
	}
	switch s := s.(type) {
	case *ExprStmt:
		v, err := in.eval(e, s.X)
		if err != nil {
			return 0, err
		}
		if s.TopLevel {
			if _, isAsg := s.X.(*Assign); !isAsg {
				in.printTop(v)
			}
		}
		return flowNormal, nil
	case *Block:
		for _, st := range s.Stmts {
			fl, err := in.exec(e, st)
			if err != nil || fl != flowNormal {
				return fl, err
			}
		}
		return flowNormal, nil
	case *If:
		c, err := in.evalNum(e, s.Cond)
		if err != nil {
			return 0, err
		}
		if c != 0 {
			return in.exec(e, s.Then)
		}
		if s.Else != nil {
			return in.exec(e, s.Else)
		}
		return flowNormal, nil
	case *While:
		for {
			if err := in.step(s.Pos); err != nil {
				return 0, err
			}
			c, err := in.evalNum(e, s.Cond)
			if err != nil {
				return 0, err
			}
			if c == 0 {
				return flowNormal, nil
			}
			fl, err := in.exec(e, s.Body)
			if err != nil {
				return 0, err
			}
			if fl == flowBreak {
				return flowNormal, nil
			}
			if fl == flowReturn || fl == flowStop {
				return fl, nil
			}
		}
	case *CFor:
		if s.Init != nil {
			if fl, err := in.exec(e, s.Init); err != nil || fl != flowNormal {
				return fl, err
			}
		}
		for {
			if err := in.step(s.Pos); err != nil {
				return 0, err
			}
			c, err := in.evalNum(e, s.Cond)
			if err != nil {
				return 0, err
			}
			if c == 0 {
				return flowNormal, nil
			}
			fl, err := in.exec(e, s.Body)
			if err != nil {
				return 0, err
			}
			if fl == flowBreak {
				return flowNormal, nil
			}
			if fl == flowReturn || fl == flowStop {
				return fl, nil
			}
			if s.Post != nil {
				if fl, err := in.exec(e, s.Post); err != nil || fl != flowNormal {
					return fl, err
				}
			}
		}
	case *ForRange:
		return in.execForRange(e, s)
	case *ForSeg:
		return in.execForSeg(e, s)
	case *Forall:
		return in.execForall(e, s.Pos, "", s.Body)
	case *Forsec:
		return in.execForsec(e, s)
	case *Ifsec:
		return in.execIfsec(e, s)
	case *Print:
		var b strings.Builder
		for _, it := range s.Items {
			v, err := in.eval(e, it)
			if err != nil {
				return 0, err
			}
			if v.kind == kNone {
				return 0, errorf(it.Position(), "%s cannot be printed", kindName(v))
			}
			if v.kind == kStr && isObjectExpr(it) {
				// an object component is an expression: printed with a space
				b.WriteString(v.str + " ")
				continue
			}
			b.WriteString(printItem(v))
		}
		b.WriteByte('\n')
		io.WriteString(in.out, b.String())
		return flowNormal, nil
	case *Return:
		if e.fr == nil {
			return 0, errorf(s.Pos, "return outside a procedure")
		}
		kind := e.fr.proc.def.Kind
		if s.Value == nil {
			return flowReturn, nil
		}
		if kind == "proc" {
			return 0, errorf(s.Pos, "return with a value in proc %s", e.fr.proc.def.Name)
		}
		v, err := in.eval(e, s.Value)
		if err != nil {
			return 0, err
		}
		if kind == "func" && v.kind != kNum {
			return 0, errorf(s.Pos, "func %s must return a number, not a %s", e.fr.proc.def.Name, v.typeName())
		}
		if kind == "obfunc" && v.kind != kObj {
			return 0, errorf(s.Pos, "obfunc %s must return an object, not a %s", e.fr.proc.def.Name, v.typeName())
		}
		e.fr.ret, e.fr.hasRet = v, true
		return flowReturn, nil
	case *Break:
		return flowBreak, nil
	case *Continue:
		return flowContinue, nil
	case *Stop:
		return flowStop, nil
	case *ProcDef:
		return flowNormal, in.defineProc(e, s)
	case *BeginTemplate:
		if e.sc != in.top || e.fr != nil {
			return 0, errorf(s.Pos, "begintemplate inside a procedure")
		}
		if old, ok := in.top.syms[s.Name]; ok {
			if old.kind == symTemplate {
				return 0, errorf(s.Pos, "%s: a template cannot be redefined", s.Name)
			}
			return 0, errorf(s.Pos, "%s already used as something besides template", s.Name)
		}
		if isBuiltinClass(s.Name) {
			return 0, errorf(s.Pos, "%s is a built-in class", s.Name)
		}
		t := &template{name: s.Name, pos: s.Pos, public: map[string]bool{}, external: map[string]bool{}}
		t.defs = newScope()
		t.defs.tmpl = t
		e.defining = t
		e.sc = t.defs
		return flowNormal, nil
	case *EndTemplate:
		t := e.defining
		if t == nil || t.name != s.Name {
			return 0, errorf(s.Pos, "endtemplate %s without matching begintemplate", s.Name)
		}
		t.order = s.Order
		if init, ok := t.defs.syms["init"]; ok && init.kind != symProc {
			return 0, errorf(s.Pos, "'init' can only be the initialization procedure of %s", t.name)
		}
		for name := range t.public {
			if _, ok := t.defs.syms[name]; !ok {
				// NEURON allows public names that are never defined; using
				// them later fails. Record them as undefined.
				continue
			}
		}
		in.top.add(&symbol{name: t.name, kind: symTemplate, tmpl: t})
		e.defining = nil
		e.sc = in.top
		return flowNormal, nil
	case *Public:
		if e.defining == nil {
			return 0, errorf(s.Pos, "public outside a template")
		}
		for _, n := range s.Names {
			if e.defining.external[n] {
				return 0, errorf(s.Pos, "%s can't be public and external", n)
			}
			e.defining.public[n] = true
		}
		return flowNormal, nil
	case *External:
		if e.defining == nil {
			return 0, errorf(s.Pos, "external outside a template")
		}
		for _, n := range s.Names {
			if e.defining.public[n] {
				return 0, errorf(s.Pos, "%s can't be public and external", n)
			}
			if _, ok := in.top.syms[n]; !ok {
				return 0, errorf(s.Pos, "%s not declared at the top level", n)
			}
			e.defining.external[n] = true
		}
		return flowNormal, nil
	case *Decl:
		return flowNormal, in.execDecl(e, s)
	case *Connect:
		return flowNormal, in.execConnect(e, s)
	case *Access:
		sec, err := in.evalSection(e, s.Sec)
		if err != nil {
			return 0, err
		}
		// NEURON's access replaces the section on top of the stack.
		if n := len(in.secStack); n > 0 {
			in.secStack[n-1] = sec
		} else {
			in.access = sec
		}
		return flowNormal, nil
	case *Insert:
		sec, err := in.currentSection(s.Pos)
		if err != nil {
			return 0, err
		}
		if k := in.b.Lookup(s.Mech); k != NameMechanism {
			return 0, errorf(s.Pos, "%s is not a MECHANISM", s.Mech)
		}
		return flowNormal, wrap(s.Pos, in.b.Insert(sec.id, s.Mech))
	case *Uninsert:
		sec, err := in.currentSection(s.Pos)
		if err != nil {
			return 0, err
		}
		if k := in.b.Lookup(s.Mech); k != NameMechanism {
			return 0, errorf(s.Pos, "%s is not a MECHANISM", s.Mech)
		}
		return flowNormal, wrap(s.Pos, in.b.Uninsert(sec.id, s.Mech))
	case *SecStmt:
		sec, err := in.evalSection(e, s.Sec)
		if err != nil {
			return 0, err
		}
		return in.withSection(sec, func() (flow, error) { return in.exec(e, s.Body) })
	case *Delete:
		return 0, errorf(s.Pos, "delete is not supported")
	}
	return 0, errorf(s.Position(), "unsupported statement %T", s)
}

// step counts one loop iteration or call against the step budget.
func (in *Interpreter) step(p Pos) error { return in.charge(p, 1) }

// charge counts n steps; allocating k array elements costs k/1000 steps so
// that a loop cannot churn through unbounded memory.
func (in *Interpreter) charge(p Pos, n int64) error {
	in.steps += n
	if in.maxSteps > 0 && in.steps > in.maxSteps {
		return errorf(p, "step limit of %d loop iterations and calls exceeded", in.maxSteps)
	}
	return nil
}

func (in *Interpreter) withSection(sec *section, f func() (flow, error)) (flow, error) {
	in.secStack = append(in.secStack, sec)
	n := len(in.secStack)
	fl, err := f()
	in.secStack = in.secStack[:n-1]
	return fl, err
}

// currentSection is NEURON's chk_access: the top of the section stack,
// else the accessed section, else the first section that exists.
func (in *Interpreter) currentSection(p Pos) (*section, error) {
	if n := len(in.secStack); n > 0 {
		s := in.secStack[n-1]
		if s.deleted {
			return nil, errorf(p, "accessing a deleted section")
		}
		return s, nil
	}
	if in.access != nil && !in.access.deleted {
		return in.access, nil
	}
	if len(in.sections) > 0 {
		in.access = in.sections[0]
		return in.access, nil
	}
	return nil, errorf(p, "section access unspecified (no section exists)")
}

func (in *Interpreter) defineProc(e *env, s *ProcDef) error {
	if e.fr != nil {
		return errorf(s.Pos, "%s definitions are allowed only at top level", s.Kind)
	}
	if old, ok := e.sc.syms[s.Name]; ok {
		if old.kind != symProc {
			return errorf(s.Pos, "%s already defined as a %s", s.Name, old.kind)
		}
		if old.proc.def.Kind != s.Kind {
			return errorf(s.Pos, "%s already defined as a %s", s.Name, old.proc.def.Kind)
		}
	}
	if e.defining == nil && (isBuiltinFunc(s.Name) || isBuiltinClass(s.Name)) {
		return errorf(s.Pos, "%s: redeclaring a built-in name", s.Name)
	}
	e.sc.add(&symbol{name: s.Name, kind: symProc, proc: &procDef{def: s, tmpl: e.defining}})
	// NEURON declares, when it parses the body, every undeclared name that
	// the body assigns to; such variables exist (as 0) before the first call.
	locals := map[string]bool{}
	for _, n := range s.Locals {
		locals[n] = true
	}
	for _, n := range s.LocalObjs {
		locals[n] = true
	}
	in.predeclare(e, s.Body, locals)
	return nil
}

// predeclare gives every undeclared name that s assigns to a variable
// (value 0) in the current scope, as NEURON's parser does before anything
// runs: `if (0) { y = 1 }` still declares y.
func (in *Interpreter) predeclare(e *env, s Stmt, locals map[string]bool) {
	walkAssigned(s, func(name string) {
		if locals[name] {
			return
		}
		if _, ok := e.sc.syms[name]; ok {
			return
		}
		if e.sc.tmpl != nil && e.sc.tmpl.external[name] {
			return
		}
		if in.isBuiltinName(name) {
			return
		}
		e.sc.add(&symbol{name: name, kind: symVar, nums: []float64{0}})
	})
}

// walkAssigned calls f with every bare name assigned in s.
func walkAssigned(s Stmt, f func(string)) {
	var expr func(Expr)
	expr = func(x Expr) {
		switch x := x.(type) {
		case *Assign:
			if n, ok := x.LHS.(*Name); ok {
				switch x.RHS.(type) {
				case *NewExpr, *StringLit:
				default:
					f(n.Name)
				}
			}
			expr(x.RHS)
		case *Binary:
			expr(x.X)
			expr(x.Y)
		case *Unary:
			expr(x.X)
		case *Call:
			for _, a := range x.Args {
				expr(a)
			}
		}
	}
	var stmt func(Stmt)
	stmt = func(s Stmt) {
		switch s := s.(type) {
		case *ExprStmt:
			expr(s.X)
		case *Block:
			for _, st := range s.Stmts {
				stmt(st)
			}
		case *If:
			expr(s.Cond)
			stmt(s.Then)
			if s.Else != nil {
				stmt(s.Else)
			}
		case *While:
			expr(s.Cond)
			stmt(s.Body)
		case *CFor:
			if s.Init != nil {
				stmt(s.Init)
			}
			if s.Post != nil {
				stmt(s.Post)
			}
			stmt(s.Body)
		case *ForRange:
			if n, ok := s.Var.(*Name); ok {
				f(n.Name)
			}
			stmt(s.Body)
		case *ForSeg:
			if n, ok := s.Var.(*Name); ok {
				f(n.Name)
			}
			stmt(s.Body)
		case *Forall:
			stmt(s.Body)
		case *Forsec:
			stmt(s.Body)
		case *Ifsec:
			stmt(s.Body)
		case *SecStmt:
			stmt(s.Body)
		}
	}
	stmt(s)
}

func (in *Interpreter) execDecl(e *env, s *Decl) error {
	for _, it := range s.Items {
		var dims []int
		for _, d := range it.Dims {
			v, err := in.evalNum(e, d)
			if err != nil {
				return err
			}
			n := v + hocEpsilon
			if !(n >= 1) || n > maxElements {
				return errorf(d.Position(), "subscript < 1 or too large for %s", it.Name)
			}
			dims = append(dims, int(n))
		}
		total := 1.0
		for _, d := range dims {
			total *= float64(d)
		}
		if total > maxElements {
			return errorf(it.Pos, "%s has more than %d elements", it.Name, int(maxElements))
		}
		if err := in.charge(it.Pos, int64(total)/1000); err != nil {
			return err
		}
		sc := e.sc
		if e.fr != nil && e.fr.locals[it.Name] != nil {
			return errorf(it.Pos, "%s is a local name and cannot be declared here", it.Name)
		}
		old := sc.syms[it.Name]
		if e.defining != nil && e.defining.external[it.Name] {
			return errorf(it.Pos, "%s is external and cannot be redeclared", it.Name)
		}
		if e.defining == nil && old == nil && in.isBuiltinName(it.Name) {
			return errorf(it.Pos, "%s: redeclaring a built-in name", it.Name)
		}
		sym := &symbol{name: it.Name, dims: dims}
		n := sym.size()
		switch s.Kind {
		case "objref":
			if old != nil && old.kind != symObj {
				return errorf(it.Pos, "%s already declared as a %s", it.Name, old.kind)
			}
			sym.kind = symObj
			sym.objs = make([]object, n)
		case "strdef":
			if old != nil && old.kind != symStr {
				return errorf(it.Pos, "%s already declared as a %s", it.Name, old.kind)
			}
			sym.kind = symStr
			sym.strs = make([]string, 1)
		case "double":
			if old != nil && old.kind != symVar {
				return errorf(it.Pos, "%s already declared as a %s", it.Name, old.kind)
			}
			sym.kind = symVar
			sym.nums = make([]float64, n)
		case "create":
			if old != nil && old.kind != symSec {
				return errorf(it.Pos, "%s already declared as a %s", it.Name, old.kind)
			}
			if e.fr != nil && old == nil && sc.inst != nil {
				return errorf(it.Pos, "first declaration of section %s in %s must be at template level, not in a proc", it.Name, objectName(sc.inst))
			}
			sym.kind = symSec
			if e.defining == nil {
				if old != nil {
					for _, sec := range old.secs {
						if err := in.deleteSection(sec); err != nil {
							return wrap(it.Pos, err)
						}
					}
				}
				secs, err := in.newSections(sc.inst, it.Name, dims, n)
				if err != nil {
					return wrap(it.Pos, err)
				}
				sym.secs = secs
			}
		}
		if old != nil {
			sym.public = old.public
		}
		sc.add(sym)
	}
	return nil
}

func sectionName(owner *instance, name string, dims []int, flat int) string {
	var b strings.Builder
	if owner != nil {
		b.WriteString(objectName(owner))
		b.WriteByte('.')
	}
	b.WriteString(name)
	if len(dims) > 0 {
		idx := make([]int, len(dims))
		r := flat
		for i := len(dims) - 1; i >= 0; i-- {
			idx[i] = r % dims[i]
			r /= dims[i]
		}
		for _, k := range idx {
			fmt.Fprintf(&b, "[%d]", k)
		}
	}
	return b.String()
}

// newSections creates n sections and puts them in NEURON's list order:
// an object's sections stay together, after its last live section.
func (in *Interpreter) newSections(owner *instance, name string, dims []int, n int) ([]*section, error) {
	secs := make([]*section, 0, n)
	for i := 0; i < n; i++ {
		if err := in.step(Pos{}); err != nil {
			return nil, fmt.Errorf("too many sections: %s", err.(*Error).Msg)
		}
		full := sectionName(owner, name, dims, i)
		id, err := in.b.NewSection(full)
		if err != nil {
			return nil, fmt.Errorf("create %s: %w", full, err)
		}
		sec := &section{id: id, name: full, owner: owner}
		at := len(in.sections)
		if owner != nil {
			for k := len(in.sections) - 1; k >= 0; k-- {
				if in.sections[k].owner == owner {
					at = k + 1
					break
				}
			}
		}
		in.sections = append(in.sections, nil)
		copy(in.sections[at+1:], in.sections[at:])
		in.sections[at] = sec
		secs = append(secs, sec)
	}
	return secs, nil
}

func (in *Interpreter) deleteSection(sec *section) error {
	if sec.deleted {
		return nil
	}
	if err := in.b.DeleteSection(sec.id); err != nil {
		return err
	}
	sec.deleted = true
	for i, s := range in.sections {
		if s == sec {
			in.sections = append(in.sections[:i], in.sections[i+1:]...)
			break
		}
	}
	in.removeChild(sec)
	delete(in.parentOf, sec)
	for _, c := range in.childList[sec] {
		delete(in.parentOf, c)
	}
	delete(in.childList, sec)
	if in.access == sec {
		in.access = nil
	}
	return nil
}

// isObjectExpr reports whether x is an object component (obj.name,
// obj.name[i], obj.f()), which HOC treats as an expression even when it
// yields a string.
func isObjectExpr(x Expr) bool {
	switch x := x.(type) {
	case *Field:
		return true
	case *Index:
		_, ok := x.X.(*Field)
		return ok
	case *Call:
		_, ok := x.Fun.(*Field)
		return ok
	}
	return false
}

func (in *Interpreter) printTop(v value) {
	if v.kind == kNone {
		return
	}
	io.WriteString(in.out, "\t"+printItem(v)+"\n")
}

func printItem(v value) string {
	switch v.kind {
	case kStr:
		return v.str
	case kObj:
		return objectName(v.obj) + " "
	}
	return formatG(v.num, 8) + " "
}
