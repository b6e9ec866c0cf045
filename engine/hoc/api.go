package hoc

import "fmt"

// Section names a section the interpreter created.
type Section struct {
	ID   SectionID
	Name string // NEURON's name, e.g. "FSI_Cell[0].soma[0]"
}

// Object is a template instance seen from Go.
type Object struct {
	in   *Interpreter
	inst *instance
}

// Name is NEURON's name of the object, e.g. "FSI_Cell[0]".
func (o *Object) Name() string { return objectName(o.inst) }

// Template is the object's template name.
func (o *Object) Template() string { return o.inst.tmpl.name }

// NewObject instantiates a template as `new Name(args)` would and runs its
// init procedure.
func (in *Interpreter) NewObject(template string, args ...float64) (*Object, error) {
	s := in.top.syms[template]
	if s == nil || s.kind != symTemplate {
		return nil, fmt.Errorf("hoc: unknown template %q (known: %v)", template, in.Templates())
	}
	as := make([]arg, len(args))
	for i, a := range args {
		as[i] = arg{v: num(a)}
	}
	inst, err := in.instantiate(s.tmpl.pos, s.tmpl, as)
	if err != nil {
		return nil, fmt.Errorf("hoc: new %s: %w", template, err)
	}
	return &Object{in: in, inst: inst}, nil
}

func (o *Object) public(field string) (*symbol, error) {
	if !o.inst.tmpl.public[field] {
		return nil, fmt.Errorf("hoc: %s is not a public member of %s", field, o.inst.tmpl.name)
	}
	s := o.inst.sc.syms[field]
	if s == nil {
		return nil, fmt.Errorf("hoc: public member %s of %s is never defined", field, o.inst.tmpl.name)
	}
	return s, nil
}

// SectionList returns the sections of a public SectionList field in the
// order NEURON iterates them (deleted sections are skipped).
func (o *Object) SectionList(field string) ([]Section, error) {
	s, err := o.public(field)
	if err != nil {
		return nil, err
	}
	if s.kind != symObj {
		return nil, fmt.Errorf("hoc: %s.%s is a %s, not an objref", o.Name(), field, s.kind)
	}
	sl, ok := s.objs[0].(*sectionList)
	if !ok {
		return nil, fmt.Errorf("hoc: %s.%s is %s, not a SectionList", o.Name(), field, objectName(s.objs[0]))
	}
	var out []Section
	for _, sec := range sl.secs {
		if !sec.deleted {
			out = append(out, Section{ID: sec.id, Name: sec.name})
		}
	}
	return out, nil
}

// Section returns element index (flat, row-major) of a public section
// field; soma is Section("soma", 0).
func (o *Object) Section(field string, index int) (Section, error) {
	s, err := o.public(field)
	if err != nil {
		return Section{}, err
	}
	if s.kind != symSec {
		return Section{}, fmt.Errorf("hoc: %s.%s is a %s, not a section", o.Name(), field, s.kind)
	}
	if index < 0 || index >= len(s.secs) {
		return Section{}, fmt.Errorf("hoc: %s.%s[%d] out of range (%d sections)", o.Name(), field, index, len(s.secs))
	}
	sec := s.secs[index]
	if sec.deleted {
		return Section{}, fmt.Errorf("hoc: %s was deleted", sec.name)
	}
	return Section{ID: sec.id, Name: sec.name}, nil
}

// Var reads a public scalar (or element 0 of an array) of the object.
func (o *Object) Var(field string) (float64, error) {
	s, err := o.public(field)
	if err != nil {
		return 0, err
	}
	if s.kind != symVar {
		return 0, fmt.Errorf("hoc: %s.%s is a %s, not a number", o.Name(), field, s.kind)
	}
	return s.nums[0], nil
}

// Str reads a public strdef of the object.
func (o *Object) Str(field string) (string, error) {
	s, err := o.public(field)
	if err != nil {
		return "", err
	}
	if s.kind != symStr {
		return "", fmt.Errorf("hoc: %s.%s is a %s, not a strdef", o.Name(), field, s.kind)
	}
	return s.strs[0], nil
}

// Sections lists every live section in NEURON's forall order.
func (in *Interpreter) Sections() []Section {
	out := make([]Section, 0, len(in.sections))
	for _, s := range in.sections {
		out = append(out, Section{ID: s.id, Name: s.name})
	}
	return out
}

// Var reads a top-level scalar variable.
func (in *Interpreter) Var(name string) (float64, error) {
	s := in.top.syms[name]
	if s == nil || s.kind != symVar {
		return 0, fmt.Errorf("hoc: no top-level variable %q", name)
	}
	return s.nums[0], nil
}

// RandomConfig is what a HOC Random object was configured with.
type RandomConfig struct {
	Generator string    // "ACG" (NEURON's default), "MLCG", "MCellRan4" or "Random123"
	Seeds     []float64 // the generator's arguments
	Dist      string    // "normal", "uniform", ...; "" if none was chosen
	Params    []float64 // the distribution's arguments
}

// Random returns the configuration of a public objref that holds a Random.
func (o *Object) Random(field string) (RandomConfig, error) {
	s, err := o.public(field)
	if err != nil {
		return RandomConfig{}, err
	}
	if s.kind != symObj {
		return RandomConfig{}, fmt.Errorf("hoc: %s.%s is a %s, not an objref", o.Name(), field, s.kind)
	}
	r, ok := s.objs[0].(*random)
	if !ok {
		return RandomConfig{}, fmt.Errorf("hoc: %s.%s is %s, not a Random", o.Name(), field, objectName(s.objs[0]))
	}
	return RandomConfig{
		Generator: r.Generator,
		Seeds:     append([]float64(nil), r.Seeds...),
		Dist:      r.Dist,
		Params:    append([]float64(nil), r.Params...),
	}, nil
}

// Point returns the point process held by a public objref, with its class
// name and location.
func (o *Object) Point(field string) (id PointID, class string, at Section, x float64, err error) {
	s, err := o.public(field)
	if err != nil {
		return 0, "", Section{}, 0, err
	}
	if s.kind != symObj {
		return 0, "", Section{}, 0, fmt.Errorf("hoc: %s.%s is a %s, not an objref", o.Name(), field, s.kind)
	}
	p, ok := s.objs[0].(*pointProc)
	if !ok {
		return 0, "", Section{}, 0, fmt.Errorf("hoc: %s.%s is %s, not a point process", o.Name(), field, objectName(s.objs[0]))
	}
	return p.id, p.class, Section{ID: p.sec.id, Name: p.sec.name}, p.x, nil
}
