package hoc

import (
	"fmt"
	"strconv"
)

type valueKind uint8

const (
	kNum valueKind = iota
	kStr
	kObj
)

// value is a HOC runtime value: a number, a string or an object reference
// (obj == nil is NULLobject).
type value struct {
	kind valueKind
	num  float64
	str  string
	obj  object
}

func num(v float64) value { return value{kind: kNum, num: v} }
func str(s string) value  { return value{kind: kStr, str: s} }
func objv(o object) value { return value{kind: kObj, obj: o} }
func (v value) typeName() string {
	switch v.kind {
	case kStr:
		return "string"
	case kObj:
		return "object"
	}
	return "number"
}

// object is anything an objref can point to.
type object interface {
	className() string
	objIndex() int
}

func objectName(o object) string {
	if o == nil {
		return "NULLobject"
	}
	return o.className() + "[" + strconv.Itoa(o.objIndex()) + "]"
}

// symKind is what a declared name holds.
type symKind uint8

const (
	symVar symKind = iota
	symStr
	symObj
	symSec
	symProc
	symTemplate
)

// String names the kind for messages.
func (k symKind) String() string {
	switch k {
	case symVar:
		return "variable"
	case symStr:
		return "strdef"
	case symObj:
		return "objref"
	case symSec:
		return "section"
	case symProc:
		return "procedure or function"
	case symTemplate:
		return "template"
	}
	return "?"
}

// symbol is a declared name in a scope. Arrays are stored flat in row-major
// order with their dimensions in dims (nil for scalars).
type symbol struct {
	name   string
	kind   symKind
	dims   []int
	nums   []float64
	strs   []string
	objs   []object
	secs   []*section
	proc   *procDef
	tmpl   *template
	public bool
}

func (s *symbol) size() int {
	n := 1
	for _, d := range s.dims {
		n *= d
	}
	return n
}

// flatIndex converts subscripts to a flat index with NEURON's rules:
// a scalar takes no subscripts, an array used without subscripts means
// element 0 (NEURON fills in zeros), otherwise the count must match.
func (s *symbol) flatIndex(idx []float64) (int, error) {
	if len(idx) == 0 {
		return 0, nil
	}
	if len(s.dims) == 0 {
		return 0, fmt.Errorf("%s not an array variable", s.name)
	}
	if len(idx) != len(s.dims) {
		return 0, fmt.Errorf("wrong # of subscripts for %s", s.name)
	}
	flat := 0
	for i, x := range idx {
		k := int(x + hocEpsilon)
		if x+hocEpsilon < 0 || k >= s.dims[i] {
			return 0, fmt.Errorf("subscript out of range %s", s.name)
		}
		flat = flat*s.dims[i] + k
	}
	return flat, nil
}

// scope is a symbol table: the top level or one template instance (or the
// template definition while its body runs).
type scope struct {
	syms  map[string]*symbol
	order []string
	inst  *instance // nil at top level
	tmpl  *template // set for instances and template definitions
}

func newScope() *scope { return &scope{syms: map[string]*symbol{}} }

func (sc *scope) add(s *symbol) {
	if _, ok := sc.syms[s.name]; !ok {
		sc.order = append(sc.order, s.name)
	}
	sc.syms[s.name] = s
}

// procDef is a user proc, func or obfunc.
type procDef struct {
	def  *ProcDef
	tmpl *template // nil for top-level procedures
}

// template is a HOC class defined by begintemplate/endtemplate.
type template struct {
	name      string
	pos       Pos
	public    map[string]bool
	external  map[string]bool
	defs      *scope // symbols declared by the template body
	order     []string
	nextIndex int
}

// instance is an object of a user template.
type instance struct {
	tmpl  *template
	index int
	sc    *scope
}

func (o *instance) className() string { return o.tmpl.name }
func (o *instance) objIndex() int     { return o.index }

// section is the interpreter's record of a section; physical state lives in
// the Builder.
type section struct {
	id      SectionID
	name    string
	owner   *instance
	deleted bool
}
