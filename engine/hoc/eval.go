package hoc

import (
	"fmt"
	"math"
)

// kNone is the "value" of a procedure call; using it is an error.
const kNone valueKind = 99

type refKind uint8

const (
	refSym refKind = iota
	refArg
	refRange
	refSecProp
	refGlobal
	refPoint
	refVecElem
	refNew
	refConst
	refFunc    // built-in function
	refMech    // mechanism or point process name
	refMethod  // method of a built-in object
	refClass   // template or class name
	refUnknown // undefined name that cannot be declared here
)

// ref is a resolved name: where to read or write it.
type ref struct {
	kind    refKind
	pos     Pos
	name    string
	sym     *symbol
	idx     int
	sc      *scope
	sec     *section // nil: the current section
	fr      *frame
	argN    int
	argKind byte
	pp      *pointProc
	vec     *vector
	c       float64
	self    *instance // owner of a proc symbol reached through an object
	obj     object    // receiver of a built-in method
}

func (in *Interpreter) evalNum(e *env, x Expr) (float64, error) {
	v, err := in.eval(e, x)
	if err != nil {
		return 0, err
	}
	if v.kind != kNum {
		return 0, errorf(x.Position(), "expected a number, found a %s", kindName(v))
	}
	return v.num, nil
}

func kindName(v value) string {
	if v.kind == kNone {
		if v.str != "" {
			return v.str
		}
		return "procedure call without value"
	}
	return v.typeName()
}

func (in *Interpreter) evalStr(e *env, x Expr) (string, error) {
	v, err := in.eval(e, x)
	if err != nil {
		return "", err
	}
	if v.kind != kStr {
		return "", errorf(x.Position(), "expected a string, found a %s", kindName(v))
	}
	return v.str, nil
}

func (in *Interpreter) evalIdx(e *env, xs []Expr) ([]float64, error) {
	if len(xs) == 0 {
		return nil, nil
	}
	out := make([]float64, len(xs))
	for i, x := range xs {
		v, err := in.evalNum(e, x)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

func (in *Interpreter) eval(e *env, x Expr) (value, error) {
	switch x := x.(type) {
	case *NumberLit:
		return num(x.Value), nil
	case *StringLit:
		return str(x.Value), nil
	case *Name, *Index, *Field:
		r, err := in.resolve(e, x)
		if err != nil {
			return value{}, err
		}
		return in.get(e, r)
	case *ArgRef:
		return in.evalArgRef(e, x)
	case *Unary:
		v, err := in.evalNum(e, x.X)
		if err != nil {
			return value{}, err
		}
		if x.Op == "-" {
			return num(-v), nil
		}
		return boolNum(v == 0), nil
	case *Binary:
		return in.evalBinary(e, x)
	case *Assign:
		return in.evalAssign(e, x)
	case *Call:
		return in.evalCall(e, x)
	case *NewExpr:
		o, err := in.newObject(e, x)
		if err != nil {
			return value{}, err
		}
		return objv(o), nil
	case *AddrOf:
		return value{}, errorf(x.Pos, "pointer arguments (&name) are not supported")
	}
	return value{}, errorf(x.Position(), "unsupported expression %T", x)
}

func boolNum(b bool) value {
	if b {
		return num(1)
	}
	return num(0)
}

func (in *Interpreter) evalBinary(e *env, x *Binary) (value, error) {
	a, err := in.eval(e, x.X)
	if err != nil {
		return value{}, err
	}
	b, err := in.eval(e, x.Y)
	if err != nil {
		return value{}, err
	}
	if x.Op == "==" || x.Op == "!=" {
		if a.kind != b.kind || a.kind == kNone {
			return value{}, errorf(x.Pos, "cannot compare a %s with a %s", kindName(a), kindName(b))
		}
		var eq bool
		switch a.kind {
		case kNum:
			eq = a.num <= b.num+hocEpsilon && a.num >= b.num-hocEpsilon
		case kStr:
			eq = a.str == b.str
		case kObj:
			eq = a.obj == b.obj
		}
		return boolNum(eq == (x.Op == "==")), nil
	}
	if a.kind != kNum || b.kind != kNum {
		return value{}, errorf(x.Pos, "operator %s needs numbers, found a %s and a %s", x.Op, kindName(a), kindName(b))
	}
	p, q := a.num, b.num
	switch x.Op {
	case "+":
		return num(p + q), nil
	case "-":
		return num(p - q), nil
	case "*":
		return num(p * q), nil
	case "/":
		if q == 0 {
			return value{}, errorf(x.Pos, "division by zero")
		}
		return num(p / q), nil
	case "%":
		if q <= 0 {
			return value{}, errorf(x.Pos, "a%%b, b<=0")
		}
		return num(cyclic(p, q)), nil
	case "^":
		r := math.Pow(p, q)
		if math.IsNaN(r) && !math.IsNaN(p) && !math.IsNaN(q) {
			return value{}, errorf(x.Pos, "exponentiation argument out of domain")
		}
		return num(r), nil
	case "<":
		return boolNum(p < q-hocEpsilon), nil
	case "<=":
		return boolNum(p <= q+hocEpsilon), nil
	case ">":
		return boolNum(p > q+hocEpsilon), nil
	case ">=":
		return boolNum(p >= q-hocEpsilon), nil
	case "&&":
		return boolNum(p != 0 && q != 0), nil
	case "||":
		return boolNum(p != 0 || q != 0), nil
	}
	return value{}, errorf(x.Pos, "unknown operator %s", x.Op)
}

// cyclic is NEURON's a%b for b > 0: the result is in [0, b).
func cyclic(d1, d2 float64) float64 {
	r := d1
	if r >= d2 {
		r = d1 - float64(math.Floor(d1/d2)*d2)
	} else if r <= -d2 {
		r = d1 + float64(math.Floor(-d1/d2)*d2)
	}
	if r > d2 {
		r -= d2
	}
	if r < 0 {
		r += d2
	}
	return r
}

func (in *Interpreter) evalArgRef(e *env, x *ArgRef) (value, error) {
	a, n, err := in.argSlot(e, x)
	if err != nil {
		return value{}, err
	}
	v := a.v
	switch x.Kind {
	case 'n':
		if v.kind != kNum {
			return value{}, errorf(x.Pos, "arg %d is a %s, not a number", n, kindName(v))
		}
	case 's':
		if v.kind != kStr {
			return value{}, errorf(x.Pos, "arg %d is a %s, not a string", n, kindName(v))
		}
	case 'o':
		if v.kind != kObj {
			return value{}, errorf(x.Pos, "arg %d is a %s, not an object", n, kindName(v))
		}
	case '&':
		return value{}, errorf(x.Pos, "$&%d pointer arguments are not supported", n)
	}
	return v, nil
}

func (in *Interpreter) argSlot(e *env, x *ArgRef) (*arg, int, error) {
	if e.fr == nil {
		return nil, 0, errorf(x.Pos, "$ arguments are only allowed in a procedure or function")
	}
	n := x.N
	if n == 0 {
		li := e.fr.locals["i"]
		if li == nil || li.kind != symVar {
			return nil, 0, errorf(x.Pos, "arg index used and i is not a LOCAL variable")
		}
		n = int(li.nums[0])
	}
	if n < 1 || n > len(e.fr.args) {
		return nil, n, errorf(x.Pos, "arg %d not present in call to %s (numarg() is %d)", n, e.fr.proc.def.Name, len(e.fr.args))
	}
	return &e.fr.args[n-1], n, nil
}

// resolve finds what a Name, Index or Field refers to.
func (in *Interpreter) resolve(e *env, x Expr) (ref, error) {
	switch x := x.(type) {
	case *Name:
		return in.resolveName(e, x.Name, nil, x.Pos)
	case *Index:
		idx, err := in.evalIdx(e, x.Indexes)
		if err != nil {
			return ref{}, err
		}
		switch b := x.X.(type) {
		case *Name:
			return in.resolveName(e, b.Name, idx, b.Pos)
		case *Field:
			return in.resolveField(e, b, idx)
		}
		return ref{}, errorf(x.Pos, "cannot index this expression")
	case *Field:
		return in.resolveField(e, x, nil)
	case *ArgRef:
		a, n, err := in.argSlot(e, x)
		if err != nil {
			return ref{}, err
		}
		_ = a
		return ref{kind: refArg, pos: x.Pos, fr: e.fr, argN: n, argKind: x.Kind}, nil
	}
	return ref{}, errorf(x.Position(), "not a variable")
}

func symRef(s *symbol, idx []float64, p Pos) (ref, error) {
	if s.kind == symProc || s.kind == symTemplate {
		if idx != nil {
			return ref{}, errorf(p, "%s is not an array", s.name)
		}
		return ref{kind: refSym, pos: p, name: s.name, sym: s}, nil
	}
	if s.kind == symStr && idx != nil {
		return ref{}, errorf(p, "%s not an array variable", s.name)
	}
	k, err := s.flatIndex(idx)
	if err != nil {
		return ref{}, errorf(p, "%v", err)
	}
	return ref{kind: refSym, pos: p, name: s.name, sym: s, idx: k}, nil
}

// builtinConsts are HOC's predefined constants (NEURON 8.2 values).
var builtinConsts = map[string]float64{
	"PI":    3.14159265358979323846,
	"E":     2.71828182845904523536,
	"GAMMA": 0.57721566490153286060,
	"DEG":   57.29577951308232087680,
	"PHI":   1.61803398874989484820,
	// CODATA 2018 values, NEURON's default units
	"FARADAY":           96485.33212331001,
	"R":                 8.3144626181532395,
	"Avogadro_constant": 6.02214076e23,
	"float_epsilon":     hocEpsilon,
}

func (in *Interpreter) isBuiltinName(name string) bool {
	if _, ok := builtinConsts[name]; ok {
		return true
	}
	if isBuiltinFunc(name) || isBuiltinClass(name) {
		return true
	}
	return in.b.Lookup(name) != NameUnknown
}

func (in *Interpreter) resolveName(e *env, name string, idx []float64, p Pos) (ref, error) {
	if e.fr != nil {
		if s := e.fr.locals[name]; s != nil {
			return symRef(s, idx, p)
		}
	}
	if s := e.sc.syms[name]; s != nil {
		r, err := symRef(s, idx, p)
		if err == nil && s.kind == symProc {
			r.self = e.sc.inst
		}
		return r, err
	}
	if e.sc.tmpl != nil && e.sc.tmpl.external[name] {
		if s := in.top.syms[name]; s != nil {
			return symRef(s, idx, p)
		}
	}
	notArray := func(r ref) (ref, error) {
		if idx != nil {
			return ref{}, errorf(p, "%s not an array variable", name)
		}
		return r, nil
	}
	if c, ok := builtinConsts[name]; ok {
		return notArray(ref{kind: refConst, pos: p, name: name, c: c})
	}
	if isBuiltinFunc(name) {
		return notArray(ref{kind: refFunc, pos: p, name: name})
	}
	if isBuiltinClass(name) {
		return notArray(ref{kind: refClass, pos: p, name: name})
	}
	if s := in.top.syms[name]; s != nil && s.kind == symTemplate {
		return notArray(ref{kind: refClass, pos: p, name: name})
	}
	switch in.b.Lookup(name) {
	case NameRangeVar:
		return notArray(ref{kind: refRange, pos: p, name: name})
	case NameSectionProp:
		return notArray(ref{kind: refSecProp, pos: p, name: name})
	case NameGlobal:
		return notArray(ref{kind: refGlobal, pos: p, name: name})
	case NameMechanism, NamePointProcess:
		return notArray(ref{kind: refMech, pos: p, name: name})
	}
	if idx != nil {
		return ref{}, errorf(p, "%s not an array variable", name)
	}
	return ref{kind: refNew, pos: p, name: name, sc: e.sc}, nil
}

// sectionOf reports whether x names a section (soma, dend[1], cell.soma).
func (in *Interpreter) sectionOf(e *env, x Expr) (*section, bool, error) {
	if !isSectionLike(x) {
		return nil, false, nil
	}
	if _, ok := x.(*ArgRef); ok {
		return nil, false, nil
	}
	r, err := in.resolve(e, x)
	if err != nil {
		return nil, false, err
	}
	if r.kind != refSym || r.sym.kind != symSec {
		return nil, false, nil
	}
	sec, err := in.secFromRef(r)
	return sec, true, err
}

func (in *Interpreter) secFromRef(r ref) (*section, error) {
	if r.sym.secs == nil {
		return nil, errorf(r.pos, "section %s has not been created yet", r.name)
	}
	sec := r.sym.secs[r.idx]
	if sec.deleted {
		return nil, errorf(r.pos, "accessing a deleted section %s", sec.name)
	}
	return sec, nil
}

// evalSection evaluates an expression that must name a section.
func (in *Interpreter) evalSection(e *env, x Expr) (*section, error) {
	sec, ok, err := in.sectionOf(e, x)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errorf(x.Position(), "not a section name")
	}
	return sec, nil
}

func (in *Interpreter) resolveField(e *env, f *Field, idx []float64) (ref, error) {
	sec, isSec, err := in.sectionOf(e, f.X)
	if err != nil {
		return ref{}, err
	}
	if isSec {
		if idx != nil {
			return ref{}, errorf(f.Pos, "%s.%s is not an array", sec.name, f.Name)
		}
		switch in.b.Lookup(f.Name) {
		case NameRangeVar:
			return ref{kind: refRange, pos: f.Pos, name: f.Name, sec: sec}, nil
		case NameSectionProp:
			return ref{kind: refSecProp, pos: f.Pos, name: f.Name, sec: sec}, nil
		}
		return ref{}, errorf(f.Pos, "%s is not a range variable or section variable", f.Name)
	}
	ov, err := in.eval(e, f.X)
	if err != nil {
		return ref{}, err
	}
	if ov.kind != kObj {
		return ref{}, errorf(f.Pos, "left of .%s is a %s, not an object", f.Name, kindName(ov))
	}
	if ov.obj == nil {
		return ref{}, errorf(f.Pos, "object prefix is NULL (.%s)", f.Name)
	}
	switch o := ov.obj.(type) {
	case *instance:
		if !o.tmpl.public[f.Name] {
			return ref{}, errorf(f.Pos, "%s not a public member of %s", f.Name, o.tmpl.name)
		}
		s := o.sc.syms[f.Name]
		if s == nil {
			return ref{}, errorf(f.Pos, "public member %s of %s is never defined", f.Name, o.tmpl.name)
		}
		r, err := symRef(s, idx, f.Pos)
		r.self = o
		return r, err
	case *pointProc:
		if isPointMethod(f.Name) {
			return ref{kind: refMethod, pos: f.Pos, name: f.Name, obj: o}, nil
		}
		if idx != nil {
			return ref{}, errorf(f.Pos, "array parameters of point processes are not supported (%s)", f.Name)
		}
		return ref{kind: refPoint, pos: f.Pos, name: f.Name, pp: o}, nil
	case *vector:
		if f.Name == "x" {
			if len(idx) != 1 {
				return ref{}, errorf(f.Pos, "Vector.x needs one subscript")
			}
			i := int(idx[0] + hocEpsilon)
			if idx[0]+hocEpsilon <= -1 || i >= len(o.data) || i < 0 {
				return ref{}, errorf(f.Pos, "%s.x[%g] index out of range (size %d)", objectName(o), idx[0], len(o.data))
			}
			return ref{kind: refVecElem, pos: f.Pos, vec: o, idx: i}, nil
		}
	}
	if idx != nil {
		return ref{}, errorf(f.Pos, "%s.%s is not an array", objectName(ov.obj), f.Name)
	}
	return ref{kind: refMethod, pos: f.Pos, name: f.Name, obj: ov.obj}, nil
}

// get reads a resolved name.
func (in *Interpreter) get(e *env, r ref) (value, error) {
	switch r.kind {
	case refSym:
		s := r.sym
		switch s.kind {
		case symVar:
			return num(s.nums[r.idx]), nil
		case symStr:
			return str(s.strs[0]), nil
		case symObj:
			return objv(s.objs[r.idx]), nil
		case symSec:
			return value{}, errorf(r.pos, "section %s used as a value", r.name)
		case symProc:
			return value{}, errorf(r.pos, "%s is a %s; call it with ()", r.name, s.proc.def.Kind)
		case symTemplate:
			return value{}, errorf(r.pos, "template %s used as a value", r.name)
		}
	case refArg:
		return in.evalArgRef(e, &ArgRef{Pos: r.pos, Kind: r.argKind, N: r.argN})
	case refRange:
		sec, err := in.secOrCurrent(r)
		if err != nil {
			return value{}, err
		}
		v, err := in.b.Get(sec.id, r.name, 0.5)
		return num(v), wrap(r.pos, err)
	case refSecProp:
		sec, err := in.secOrCurrent(r)
		if err != nil {
			return value{}, err
		}
		v, err := in.b.Get(sec.id, r.name, 0.5)
		return num(v), wrap(r.pos, err)
	case refGlobal:
		v, err := in.b.GetGlobal(r.name)
		return num(v), wrap(r.pos, err)
	case refPoint:
		v, err := in.b.GetPoint(r.pp.id, r.name)
		return num(v), wrap(r.pos, err)
	case refVecElem:
		return num(r.vec.data[r.idx]), nil
	case refConst:
		return num(r.c), nil
	case refMethod:
		// obj.method without parentheses calls it with no arguments
		return in.callMethod(e, r, nil)
	case refNew:
		return value{}, errorf(r.pos, "%s undefined variable", r.name)
	case refFunc:
		return value{}, errorf(r.pos, "%s is a function; call it with ()", r.name)
	case refMech:
		return value{}, errorf(r.pos, "%s is a mechanism name, not a value", r.name)
	case refClass:
		return value{}, errorf(r.pos, "%s is a class name, not a value", r.name)
	}
	return value{}, errorf(r.pos, "%s cannot be read", r.name)
}

func (in *Interpreter) secOrCurrent(r ref) (*section, error) {
	if r.sec != nil {
		if r.sec.deleted {
			return nil, errorf(r.pos, "accessing a deleted section")
		}
		return r.sec, nil
	}
	return in.currentSection(r.pos)
}

// set writes a resolved name.
func (in *Interpreter) set(e *env, r ref, v value) error {
	needNum := func() error {
		if v.kind != kNum {
			return errorf(r.pos, "assignment to %s: right side must be a number, found a %s", r.name, kindName(v))
		}
		return nil
	}
	switch r.kind {
	case refSym:
		s := r.sym
		switch s.kind {
		case symVar:
			if err := needNum(); err != nil {
				return err
			}
			s.nums[r.idx] = v.num
			return nil
		case symStr:
			if v.kind != kStr {
				return errorf(r.pos, "string assignment to %s: right side must be a string", r.name)
			}
			s.strs[0] = v.str
			return nil
		case symObj:
			if v.kind != kObj {
				return errorf(r.pos, "assignment to objref %s: right side must be an object, found a %s", r.name, kindName(v))
			}
			s.objs[r.idx] = v.obj
			return nil
		}
		return errorf(r.pos, "cannot assign to %s %s", s.kind, r.name)
	case refArg:
		a := &e.fr.args[r.argN-1]
		switch r.argKind {
		case 'n':
			if err := needNum(); err != nil {
				return err
			}
		case 's':
			if v.kind != kStr {
				return errorf(r.pos, "$s%d = ...: right side must be a string", r.argN)
			}
		case 'o':
			if v.kind != kObj {
				return errorf(r.pos, "$o%d = ...: right side must be an object", r.argN)
			}
		case '&':
			return errorf(r.pos, "$&%d pointer arguments are not supported", r.argN)
		}
		if r.argKind != 'n' && a.set != nil {
			if err := a.set(v); err != nil {
				return wrap(r.pos, err)
			}
		}
		a.v = v
		return nil
	case refRange, refSecProp:
		if err := needNum(); err != nil {
			return err
		}
		sec, err := in.secOrCurrent(r)
		if err != nil {
			return err
		}
		return wrap(r.pos, in.b.Set(sec.id, r.name, v.num))
	case refGlobal:
		if err := needNum(); err != nil {
			return err
		}
		return wrap(r.pos, in.b.SetGlobal(r.name, v.num))
	case refPoint:
		if err := needNum(); err != nil {
			return err
		}
		return wrap(r.pos, in.b.SetPoint(r.pp.id, r.name, v.num))
	case refVecElem:
		if err := needNum(); err != nil {
			return err
		}
		r.vec.data[r.idx] = v.num
		return nil
	case refNew:
		if v.kind != kNum {
			what := "objref"
			if v.kind == kStr {
				what = "strdef"
			}
			return errorf(r.pos, "%s is not declared; declare it with %s first", r.name, what)
		}
		r.sc.add(&symbol{name: r.name, kind: symVar, nums: []float64{v.num}})
		return nil
	case refConst:
		return errorf(r.pos, "cannot assign to the constant %s", r.name)
	}
	return errorf(r.pos, "cannot assign to %s", r.name)
}

func opAssign(p Pos, op string, old, v float64) (float64, error) {
	switch op {
	case "+=":
		return old + v, nil
	case "-=":
		return old - v, nil
	case "*=":
		return old * v, nil
	case "/=":
		if v == 0 {
			return 0, errorf(p, "division by zero")
		}
		return old / v, nil
	}
	return v, nil
}

func (in *Interpreter) evalAssign(e *env, a *Assign) (value, error) {
	if c, ok := a.LHS.(*Call); ok {
		return in.assignRangeAt(e, a, c)
	}
	r, err := in.resolve(e, a.LHS)
	if err != nil {
		return value{}, err
	}
	v, err := in.eval(e, a.RHS)
	if err != nil {
		return value{}, err
	}
	if v.kind == kNone {
		return value{}, errorf(a.RHS.Position(), "%s cannot be used as a value", kindName(v))
	}
	if a.Op != "=" {
		if v.kind != kNum {
			return value{}, errorf(a.Pos, "invalid assignment operator %s: only '=' allowed for a %s", a.Op, v.typeName())
		}
		if r.kind == refRange {
			// op-assignment of a range variable applies per segment
			sec, err := in.secOrCurrent(r)
			if err != nil {
				return value{}, err
			}
			if err := in.rangeOpAll(sec, r, a.Op, v.num); err != nil {
				return value{}, err
			}
			return v, nil
		}
		old, err := in.get(e, r)
		if err != nil {
			return value{}, err
		}
		if old.kind != kNum {
			return value{}, errorf(a.Pos, "invalid assignment operator %s for a %s", a.Op, old.typeName())
		}
		nv, err := opAssign(a.Pos, a.Op, old.num, v.num)
		if err != nil {
			return value{}, err
		}
		v = num(nv)
	}
	if err := in.set(e, r, v); err != nil {
		return value{}, err
	}
	return v, nil
}

func (in *Interpreter) evalCall(e *env, c *Call) (value, error) {
	if c.Span != nil {
		return value{}, errorf(c.Pos, "r(x1:x2) can only be assigned")
	}
	switch f := c.Fun.(type) {
	case *Name:
		r, err := in.resolveName(e, f.Name, nil, f.Pos)
		if err != nil {
			return value{}, err
		}
		switch r.kind {
		case refSym:
			if r.sym.kind == symProc {
				args, err := in.evalArgs(e, c.Args)
				if err != nil {
					return value{}, err
				}
				return in.callProc(c.Pos, r.sym.proc, r.self, args)
			}
			return value{}, errorf(c.Pos, "%s is a %s, not a function", f.Name, r.sym.kind)
		case refFunc:
			return in.callBuiltin(e, c, f.Name)
		case refRange:
			if len(c.Args) != 1 {
				return value{}, errorf(c.Pos, "range variable %s takes one argument (x)", f.Name)
			}
			x, err := in.evalNum(e, c.Args[0])
			if err != nil {
				return value{}, err
			}
			sec, err := in.currentSection(c.Pos)
			if err != nil {
				return value{}, err
			}
			v, err := in.b.Get(sec.id, f.Name, x)
			return num(v), wrap(c.Pos, err)
		case refNew:
			return value{}, errorf(c.Pos, "%s undefined function", f.Name)
		}
		return value{}, errorf(c.Pos, "%s is not a function", f.Name)
	case *Field:
		sec, isSec, err := in.sectionOf(e, f.X)
		if err != nil {
			return value{}, err
		}
		if isSec {
			if in.b.Lookup(f.Name) != NameRangeVar || len(c.Args) != 1 {
				return value{}, errorf(c.Pos, "%s.%s(x): %s is not a range variable", sec.name, f.Name, f.Name)
			}
			x, err := in.evalNum(e, c.Args[0])
			if err != nil {
				return value{}, err
			}
			v, err := in.b.Get(sec.id, f.Name, x)
			return num(v), wrap(c.Pos, err)
		}
		r, err := in.resolveField(e, f, nil)
		if err != nil {
			return value{}, err
		}
		if r.kind == refSym && r.sym.kind == symProc {
			args, err := in.evalArgs(e, c.Args)
			if err != nil {
				return value{}, err
			}
			v, err := in.callProc(c.Pos, r.sym.proc, r.self, args)
			if err == nil && v.kind == kNone {
				// obj.proc() is an expression in HOC; its value is 0
				v = num(0)
			}
			return v, err
		}
		if r.kind == refMethod {
			args, err := in.evalArgs(e, c.Args)
			if err != nil {
				return value{}, err
			}
			return in.callMethod(e, r, args)
		}
		return value{}, errorf(c.Pos, "%s is not a function", f.Name)
	}
	return value{}, errorf(c.Pos, "this expression cannot be called")
}

func (in *Interpreter) evalArgs(e *env, xs []Expr) ([]arg, error) {
	args := make([]arg, 0, len(xs))
	for _, x := range xs {
		switch x.(type) {
		case *Name, *Index, *Field:
			r, err := in.resolve(e, x)
			if err != nil {
				return nil, err
			}
			if r.kind == refSym && (r.sym.kind == symStr || r.sym.kind == symObj) {
				v, err := in.get(e, r)
				if err != nil {
					return nil, err
				}
				rr := r
				args = append(args, arg{v: v, set: func(nv value) error { return in.set(e, rr, nv) }})
				continue
			}
			v, err := in.get(e, r)
			if err != nil {
				return nil, err
			}
			if v.kind == kNone {
				return nil, errorf(x.Position(), "%s cannot be used as a value", kindName(v))
			}
			args = append(args, arg{v: v})
			continue
		}
		v, err := in.eval(e, x)
		if err != nil {
			return nil, err
		}
		if v.kind == kNone {
			return nil, errorf(x.Position(), "%s cannot be used as a value", kindName(v))
		}
		args = append(args, arg{v: v})
	}
	return args, nil
}

// callProc runs a user proc, func or obfunc. self is the object whose
// method it is (nil for top-level procedures).
func (in *Interpreter) callProc(p Pos, pd *procDef, self *instance, args []arg) (value, error) {
	if in.callDepth >= maxCallDepth {
		return value{}, errorf(p, "procedure calls nested too deeply (%d)", maxCallDepth)
	}
	if err := in.step(p); err != nil {
		return value{}, err
	}
	in.callDepth++
	defer func() { in.callDepth-- }()
	sc := in.top
	if pd.tmpl != nil {
		if self == nil {
			return value{}, errorf(p, "%s is a method of template %s and needs an object", pd.def.Name, pd.tmpl.name)
		}
		sc = self.sc
	}
	fr := &frame{proc: pd, args: args, locals: map[string]*symbol{}}
	for _, n := range pd.def.Locals {
		fr.locals[n] = &symbol{name: n, kind: symVar, nums: []float64{0}}
	}
	for _, n := range pd.def.LocalObjs {
		fr.locals[n] = &symbol{name: n, kind: symObj, objs: []object{nil}}
	}
	e := &env{sc: sc, fr: fr}
	stack := len(in.secStack)
	fl, err := in.exec(e, pd.def.Body)
	in.secStack = in.secStack[:stack]
	if err != nil {
		return value{}, err
	}
	if fl == flowBreak || fl == flowContinue {
		return value{}, errorf(p, "break or continue outside a loop in %s", pd.def.Name)
	}
	if pd.def.Kind == "proc" {
		return value{kind: kNone}, nil
	}
	if !fr.hasRet {
		return value{}, errorf(p, "%s (%s) returns no value", pd.def.Name, pd.def.Kind)
	}
	return fr.ret, nil
}

func (in *Interpreter) newObject(e *env, n *NewExpr) (object, error) {
	args, err := in.evalArgs(e, n.Args)
	if err != nil {
		return nil, err
	}
	if s := in.top.syms[n.Class]; s != nil && s.kind == symTemplate {
		return in.instantiate(n.Pos, s.tmpl, args)
	}
	if isBuiltinClass(n.Class) {
		return in.newBuiltin(n.Pos, n.Class, args)
	}
	if in.b.Lookup(n.Class) == NamePointProcess {
		return in.newPointProcess(n.Pos, n.Class, args)
	}
	if why, ok := refusedClasses[n.Class]; ok {
		return nil, errorf(n.Pos, "class %s is not supported: %s", n.Class, why)
	}
	return nil, errorf(n.Pos, "%s is not a template", n.Class)
}

// instantiate creates an object of a user template and runs its init.
func (in *Interpreter) instantiate(p Pos, t *template, args []arg) (*instance, error) {
	o := &instance{tmpl: t, index: t.nextIndex}
	t.nextIndex++
	o.sc = newScope()
	o.sc.inst = o
	o.sc.tmpl = t
	seen := map[string]bool{}
	names := make([]string, 0, len(t.defs.order))
	for _, n := range t.order {
		if _, ok := t.defs.syms[n]; ok && !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	for _, n := range t.defs.order {
		if !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	for _, n := range names {
		d := t.defs.syms[n]
		s := &symbol{name: n, kind: d.kind, dims: d.dims, proc: d.proc, public: t.public[n]}
		size := d.size()
		switch d.kind {
		case symVar:
			s.nums = make([]float64, size)
		case symStr:
			s.strs = make([]string, 1)
		case symObj:
			s.objs = make([]object, size)
			if n == "this" {
				s.objs[0] = o
			}
		case symSec:
			secs, err := in.newSections(o, n, d.dims, size)
			if err != nil {
				return nil, wrap(p, err)
			}
			s.secs = secs
		}
		o.sc.add(s)
	}
	if init := o.sc.syms["init"]; init != nil && init.kind == symProc {
		if _, err := in.callProc(p, init.proc, o, args); err != nil {
			return nil, err
		}
	}
	return o, nil
}

var _ = fmt.Sprint
