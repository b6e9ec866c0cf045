package engine

import (
	"fmt"
	"math"
)

// Default values of a new section, as in NEURON.
const (
	DefaultL    = 100.0 // µm
	DefaultDiam = 500.0 // µm
	DefaultRa   = 35.4  // Ω·cm
	DefaultCm   = 1.0   // µF/cm²
	// DefaultCelsius is NEURON's default temperature (°C).
	DefaultCelsius = 6.3
)

// Model describes cells, their mechanisms and their connections. It is
// mutable while it is being built; Compile turns it into an immutable form
// from which simulations are made. A Model is not safe for concurrent use.
type Model struct {
	reg      *Registry
	sections []*Section
	points   []*PointProcess
	netcons  []*NetCon
	connSeq  int
	globals  map[string]map[string]float64 // mechanism -> variable -> value
	// Celsius is the temperature used by the simulations (°C).
	Celsius float64
}

// NewModel returns an empty model whose mechanisms are looked up in reg.
func NewModel(reg *Registry) *Model {
	return &Model{reg: reg, Celsius: DefaultCelsius}
}

// SetGlobal sets a GLOBAL variable of mechanism mech (e.g. "usetable" of
// "hh") for every simulation made from the model.
func (m *Model) SetGlobal(mech, name string, value float64) error {
	mt, ok := m.reg.Lookup(mech)
	if !ok {
		return fmt.Errorf("engine: unknown mechanism %q", mech)
	}
	for _, v := range mt.Spec().Variables {
		if v.Name == name && v.Global {
			if m.globals == nil {
				m.globals = map[string]map[string]float64{}
			}
			if m.globals[mech] == nil {
				m.globals[mech] = map[string]float64{}
			}
			m.globals[mech][name] = value
			return nil
		}
	}
	return fmt.Errorf("engine: %s has no GLOBAL %q", mech, name)
}

// Global returns a GLOBAL variable of mechanism mech as set on the model (or
// its default).
func (m *Model) Global(mech, name string) (float64, error) {
	mt, ok := m.reg.Lookup(mech)
	if !ok {
		return 0, fmt.Errorf("engine: unknown mechanism %q", mech)
	}
	for _, v := range mt.Spec().Variables {
		if v.Name == name && v.Global {
			if x, ok := m.globals[mech][name]; ok {
				return x, nil
			}
			return v.Default, nil
		}
	}
	return 0, fmt.Errorf("engine: %s has no GLOBAL %q", mech, name)
}

// DeleteSection removes a section from the model. Its children become root
// sections, as in NEURON; point processes on it must be removed first (it
// is an error if any is there).
func (m *Model) DeleteSection(s *Section) error {
	if s == nil || s.model != m {
		return fmt.Errorf("engine: delete of a section not in this model")
	}
	for _, p := range m.points {
		if p.sec == s {
			return s.errorf("cannot delete: a %s is placed on it", p.mech.Spec().Name)
		}
	}
	for _, nc := range m.netcons {
		if nc.srcSec == s {
			return s.errorf("cannot delete: a NetCon watches its voltage")
		}
	}
	for i, x := range m.sections {
		if x == s {
			m.sections = append(m.sections[:i], m.sections[i+1:]...)
			break
		}
	}
	for i, x := range m.sections {
		x.index = i
		if x.parent == s {
			x.parent = nil
		}
	}
	s.model = nil
	return nil
}

// Registry returns the model's mechanism registry.
func (m *Model) Registry() *Registry { return m.reg }

// Sections returns the model's sections in creation order.
func (m *Model) Sections() []*Section { return append([]*Section(nil), m.sections...) }

// Pt3d is one 3-D point of a section. NEURON stores coordinates and
// diameters in single precision and the arc length in double precision;
// this type does the same.
type Pt3d struct {
	X, Y, Z, D float32
	Arc        float64
}

// Section is an unbranched cable with nseg segments.
type Section struct {
	model *Model
	name  string
	index int

	nseg int
	l    float64
	ra   float64
	diam []float64 // per segment (user orientation)
	cm   []float64 // per segment
	pt3d []Pt3d

	parent   *Section
	parentX  float64
	childEnd float64 // 0 or 1
	connSeq  int     // order of the connect call, for sibling ordering

	mechs  []Mechanism          // inserted density mechanisms, insertion order
	ranges map[string][]float64 // per-segment overrides: "gnabar_hh", "ena", ...
}

// NewSection adds a section with NEURON's defaults (nseg 1, L 100, diam 500,
// Ra 35.4, cm 1).
func (m *Model) NewSection(name string) *Section {
	s := &Section{model: m, name: name, index: len(m.sections), nseg: 1, l: DefaultL, ra: DefaultRa,
		diam: []float64{DefaultDiam}, cm: []float64{DefaultCm}, ranges: map[string][]float64{}}
	m.sections = append(m.sections, s)
	return s
}

// Name returns the section's name.
func (s *Section) Name() string { return s.name }

// Nseg returns the number of segments.
func (s *Section) Nseg() int { return s.nseg }

// L returns the section length (µm): the last 3-D arc length if the section
// has 3-D points.
func (s *Section) L() float64 {
	if len(s.pt3d) > 0 {
		return s.pt3d[len(s.pt3d)-1].Arc
	}
	return s.l
}

// Ra returns the axial resistivity (Ω·cm).
func (s *Section) Ra() float64 { return s.ra }

// Parent returns the parent section, the position on it, and the end of s
// that is connected (0 or 1); parent is nil for a root section.
func (s *Section) Parent() (parent *Section, parentX, childEnd float64) {
	return s.parent, s.parentX, s.childEnd
}

// Pt3d returns a copy of the section's 3-D points.
func (s *Section) Pt3d() []Pt3d { return append([]Pt3d(nil), s.pt3d...) }

func (s *Section) errorf(format string, args ...any) error {
	return fmt.Errorf("section %s: %s", s.name, fmt.Sprintf(format, args...))
}

// SetNseg sets the number of segments. Per-segment values are carried over
// from the old segment that contains each new segment's centre.
func (s *Section) SetNseg(n int) error {
	if n < 1 {
		return s.errorf("nseg must be at least 1, got %d", n)
	}
	if n > 32767 {
		return s.errorf("nseg %d is larger than NEURON allows (32767)", n)
	}
	old := s.nseg
	if n == old {
		return nil
	}
	remap := func(v []float64) []float64 {
		out := make([]float64, n)
		for j := range out {
			x := (float64(j) + 0.5) / float64(n)
			k := int(x * float64(old))
			if k >= old {
				k = old - 1
			}
			out[j] = v[k]
		}
		return out
	}
	s.diam = remap(s.diam)
	s.cm = remap(s.cm)
	for k, v := range s.ranges {
		s.ranges[k] = remap(v)
	}
	s.nseg = n
	return nil
}

// SetL sets the length (µm). A section with 3-D points takes its length
// from them; setting L then is an error.
func (s *Section) SetL(l float64) error {
	if !(l > 0) || math.IsInf(l, 0) {
		return s.errorf("L must be positive, got %v", l)
	}
	if len(s.pt3d) > 0 {
		return s.errorf("L cannot be set on a section with 3-D points")
	}
	s.l = l
	return nil
}

// SetDiam sets the diameter (µm) of every segment.
func (s *Section) SetDiam(d float64) error {
	if !(d > 0) || math.IsInf(d, 0) {
		return s.errorf("diam must be positive, got %v", d)
	}
	if len(s.pt3d) > 0 {
		return s.errorf("diam cannot be set on a section with 3-D points")
	}
	for j := range s.diam {
		s.diam[j] = d
	}
	return nil
}

// SetRa sets the axial resistivity (Ω·cm).
func (s *Section) SetRa(ra float64) error {
	if !(ra > 0) || math.IsInf(ra, 0) {
		return s.errorf("Ra must be positive, got %v", ra)
	}
	s.ra = ra
	return nil
}

// SetCm sets the specific membrane capacitance (µF/cm²) of every segment.
func (s *Section) SetCm(cm float64) error {
	if cm < 0 || math.IsNaN(cm) || math.IsInf(cm, 0) {
		return s.errorf("cm must be a non-negative number, got %v", cm)
	}
	for j := range s.cm {
		s.cm[j] = cm
	}
	return nil
}

// Pt3dClear removes the section's 3-D points.
func (s *Section) Pt3dClear() { s.pt3d = nil }

// Pt3dAdd appends a 3-D point (µm). As in NEURON the values are stored in
// single precision and the arc length accumulated in double precision.
func (s *Section) Pt3dAdd(x, y, z, d float64) error {
	if d < 0 || math.IsNaN(d) || math.IsNaN(x) || math.IsNaN(y) || math.IsNaN(z) {
		return s.errorf("invalid 3-D point (%v, %v, %v, %v)", x, y, z, d)
	}
	p := Pt3d{X: float32(x), Y: float32(y), Z: float32(z), D: float32(d)}
	if n := len(s.pt3d); n > 0 {
		q := s.pt3d[n-1]
		t1 := float64(p.X - q.X)
		t2 := float64(p.Y - q.Y)
		t3 := float64(p.Z - q.Z)
		p.Arc = q.Arc + math.Sqrt(float64(t1*t1)+float64(t2*t2)+float64(t3*t3))
	}
	s.pt3d = append(s.pt3d, p)
	return nil
}

// Connect attaches end childEnd (0 or 1) of s to position parentX of parent,
// as NEURON's connect s(childEnd), parent(parentX). A section that was
// connected before is moved.
func (s *Section) Connect(parent *Section, parentX, childEnd float64) error {
	if parent == nil {
		return s.errorf("connect to a nil parent")
	}
	if parent.model != s.model {
		return s.errorf("connect to section %s of another model", parent.name)
	}
	if parentX < 0 || parentX > 1 || math.IsNaN(parentX) {
		return s.errorf("parent position %v outside [0, 1]", parentX)
	}
	if childEnd != 0 && childEnd != 1 {
		return s.errorf("child end must be 0 or 1, got %v", childEnd)
	}
	for p := parent; p != nil; p = p.parent {
		if p == s {
			return s.errorf("connecting to %s would make a loop", parent.name)
		}
	}
	s.parent, s.parentX, s.childEnd = parent, parentX, childEnd
	s.model.connSeq++
	s.connSeq = s.model.connSeq
	return nil
}

// Insert inserts the density mechanism name into every segment. Inserting a
// mechanism twice is a no-op, as in NEURON.
func (s *Section) Insert(name string) error {
	m, ok := s.model.reg.Lookup(name)
	if !ok {
		return s.errorf("insert: unknown mechanism %q", name)
	}
	if m.Spec().Kind != Density {
		return s.errorf("insert: %s is a %s, not a density mechanism", name, m.Spec().Kind)
	}
	for _, have := range s.mechs {
		if have == m {
			return nil
		}
	}
	s.mechs = append(s.mechs, m)
	return nil
}

// Uninsert removes the density mechanism name and its per-segment values.
func (s *Section) Uninsert(name string) error {
	for i, have := range s.mechs {
		if have.Spec().Name == name {
			s.mechs = append(s.mechs[:i], s.mechs[i+1:]...)
			suffix := "_" + name
			for k := range s.ranges {
				if len(k) > len(suffix) && k[len(k)-len(suffix):] == suffix {
					delete(s.ranges, k)
				}
			}
			return nil
		}
	}
	return s.errorf("uninsert: mechanism %q is not inserted", name)
}

// Has reports whether the density mechanism name is inserted.
func (s *Section) Has(name string) bool {
	for _, have := range s.mechs {
		if have.Spec().Name == name {
			return true
		}
	}
	return false
}

// Mechanisms returns the names of the inserted density mechanisms.
func (s *Section) Mechanisms() []string {
	out := make([]string, len(s.mechs))
	for i, m := range s.mechs {
		out[i] = m.Spec().Name
	}
	return out
}

// rangeKind says what a range-variable name of a section refers to.
type rangeKind int

const (
	rangeDiam rangeKind = iota + 1
	rangeCm
	rangeMech  // a density mechanism variable, e.g. gnabar_hh
	rangeIon   // an ion variable, e.g. ena
	rangeInitV // v: the initial potential
)

// rangeTarget is a resolved range-variable name.
type rangeTarget struct {
	kind   rangeKind
	ion    string  // rangeIon: the species
	defVal float64 // rangeMech, rangeInitV: the default value
}

// resolve finds what a NEURON range-variable name refers to in s.
func (s *Section) resolve(name string) (rangeTarget, error) {
	switch name {
	case "diam":
		return rangeTarget{kind: rangeDiam}, nil
	case "cm":
		return rangeTarget{kind: rangeCm}, nil
	case "v":
		return rangeTarget{kind: rangeInitV, defVal: -65}, nil
	}
	for _, m := range s.mechs {
		spec := m.Spec()
		suffix := "_" + spec.Name
		if len(name) > len(suffix) && name[len(name)-len(suffix):] == suffix {
			base := name[:len(name)-len(suffix)]
			for _, v := range spec.Variables {
				if v.Name == base {
					if v.Global {
						return rangeTarget{}, s.errorf("%s is a GLOBAL of %s, not a range variable", name, spec.Name)
					}
					if v.Size > 1 {
						return rangeTarget{}, s.errorf("%s is an array; arrays of density mechanisms are not supported", name)
					}
					return rangeTarget{kind: rangeMech, defVal: v.Default}, nil
				}
			}
		}
	}
	for _, m := range s.mechs {
		for _, u := range m.Spec().Ions {
			ion := u.Ion
			for _, cand := range []string{"e" + ion, ion + "i", ion + "o", "i" + ion} {
				if name == cand {
					return rangeTarget{kind: rangeIon, ion: ion}, nil
				}
			}
		}
	}
	return rangeTarget{}, s.errorf("%q is not a range variable of this section (inserted: %v)", name, s.Mechanisms())
}

// segment returns the user-orientation segment index that contains x.
func (s *Section) segment(x float64) (int, error) {
	if x < 0 || x > 1 || math.IsNaN(x) {
		return 0, s.errorf("position %v outside [0, 1]", x)
	}
	n := float64(s.nseg)
	i := int(n * x)
	if i == s.nseg {
		i = s.nseg - 1
	}
	return i, nil
}

// Set sets a range variable in every segment: "diam", "cm", a density
// mechanism variable such as "gnabar_hh", or an ion variable such as "ena"
// of an ion used by an inserted mechanism.
func (s *Section) Set(name string, value float64) error {
	return s.set(name, -1, value)
}

// SetAt sets a range variable in the segment that contains x, as NEURON's
// sec.name(x) = value.
func (s *Section) SetAt(name string, x, value float64) error {
	j, err := s.segment(x)
	if err != nil {
		return err
	}
	return s.set(name, j, value)
}

func (s *Section) set(name string, seg int, value float64) error {
	if math.IsNaN(value) {
		return s.errorf("%s: NaN value", name)
	}
	t, err := s.resolve(name)
	if err != nil {
		return err
	}
	var arr []float64
	switch t.kind {
	case rangeDiam:
		if !(value > 0) {
			return s.errorf("diam must be positive, got %v", value)
		}
		if len(s.pt3d) > 0 {
			return s.errorf("diam cannot be set on a section with 3-D points")
		}
		arr = s.diam
	case rangeCm:
		if value < 0 {
			return s.errorf("cm must be non-negative, got %v", value)
		}
		arr = s.cm
	default:
		arr = s.ranges[name]
		if arr == nil {
			arr = make([]float64, s.nseg)
			for j := range arr {
				arr[j] = math.NaN() // NaN marks "use the default"
			}
			s.ranges[name] = arr
		}
	}
	if seg < 0 {
		for j := range arr {
			arr[j] = value
		}
	} else {
		arr[seg] = value
	}
	return nil
}

// Get returns the value of a range variable in the segment containing x as
// set on the model (the mechanism default or the ion default if never set).
func (s *Section) Get(name string, x float64) (float64, error) {
	j, err := s.segment(x)
	if err != nil {
		return 0, err
	}
	t, err := s.resolve(name)
	if err != nil {
		return 0, err
	}
	switch t.kind {
	case rangeDiam:
		return s.diam[j], nil
	case rangeCm:
		return s.cm[j], nil
	}
	if arr := s.ranges[name]; arr != nil && !math.IsNaN(arr[j]) {
		return arr[j], nil
	}
	if t.kind == rangeMech || t.kind == rangeInitV {
		return t.defVal, nil
	}
	return ionDefault(t.ion, name), nil
}

// PointProcess is an instance of a point process placed on a section, or of
// an artificial cell.
type PointProcess struct {
	model  *Model
	mech   Mechanism
	index  int
	sec    *Section
	x      float64
	values map[string][]float64
	vector []float64
}

// AddPointProcess places a new instance of the point process mech at
// position x of sec, as NEURON's new Mech(x).
func (m *Model) AddPointProcess(mech string, sec *Section, x float64) (*PointProcess, error) {
	mt, ok := m.reg.Lookup(mech)
	if !ok {
		return nil, fmt.Errorf("engine: unknown point process %q", mech)
	}
	if mt.Spec().Kind != Point {
		return nil, fmt.Errorf("engine: %s is a %s, not a point process", mech, mt.Spec().Kind)
	}
	if sec == nil || sec.model != m {
		return nil, fmt.Errorf("engine: %s needs a section of this model", mech)
	}
	if x < 0 || x > 1 || math.IsNaN(x) {
		return nil, fmt.Errorf("engine: %s: position %v outside [0, 1]", mech, x)
	}
	p := &PointProcess{model: m, mech: mt, index: len(m.points), sec: sec, x: x, values: map[string][]float64{}}
	m.points = append(m.points, p)
	return p, nil
}

// AddArtificialCell adds an instance of the artificial cell mech (NetStim,
// VecStim, ...).
func (m *Model) AddArtificialCell(mech string) (*PointProcess, error) {
	mt, ok := m.reg.Lookup(mech)
	if !ok {
		return nil, fmt.Errorf("engine: unknown artificial cell %q", mech)
	}
	if mt.Spec().Kind != Artificial {
		return nil, fmt.Errorf("engine: %s is a %s, not an artificial cell", mech, mt.Spec().Kind)
	}
	p := &PointProcess{model: m, mech: mt, index: len(m.points), values: map[string][]float64{}}
	m.points = append(m.points, p)
	return p, nil
}

// Mechanism returns the point process's mechanism name.
func (p *PointProcess) Mechanism() string { return p.mech.Spec().Name }

// Location returns the section and position of the point process (nil for
// an artificial cell).
func (p *PointProcess) Location() (*Section, float64) { return p.sec, p.x }

func (p *PointProcess) lookup(name string) (Variable, error) {
	for _, v := range p.mech.Spec().Variables {
		if v.Name == name {
			return v, nil
		}
	}
	return Variable{}, fmt.Errorf("engine: %s has no variable %q", p.mech.Spec().Name, name)
}

// Set sets a scalar variable of the instance (element 0 of an array).
func (p *PointProcess) Set(name string, value float64) error {
	return p.SetElement(name, 0, value)
}

// SetElement sets element i of a variable of the instance, e.g. VClamp's
// amp[2].
func (p *PointProcess) SetElement(name string, i int, value float64) error {
	v, err := p.lookup(name)
	if err != nil {
		return err
	}
	if v.Global {
		return fmt.Errorf("engine: %s.%s is GLOBAL; set it with Sim.SetGlobal", p.mech.Spec().Name, name)
	}
	size := max(v.Size, 1)
	if i < 0 || i >= size {
		return fmt.Errorf("engine: %s.%s index %d out of range [0, %d)", p.mech.Spec().Name, name, i, size)
	}
	arr := p.values[name]
	if arr == nil {
		arr = make([]float64, size)
		for k := range arr {
			arr[k] = math.NaN()
		}
		p.values[name] = arr
	}
	arr[i] = value
	return nil
}

// Get returns a scalar variable as set on the model (or its default).
func (p *PointProcess) Get(name string) (float64, error) {
	v, err := p.lookup(name)
	if err != nil {
		return 0, err
	}
	if arr := p.values[name]; arr != nil && !math.IsNaN(arr[0]) {
		return arr[0], nil
	}
	return v.Default, nil
}

// SetVector attaches a vector to the instance; VecStim plays it as event
// times (ms). The slice is copied.
func (p *PointProcess) SetVector(v []float64) {
	p.vector = append([]float64(nil), v...)
}

// NetCon carries events from a source to a target point process.
type NetCon struct {
	model     *Model
	index     int
	srcPoint  *PointProcess // artificial cell or point process source
	srcSec    *Section      // voltage source
	srcX      float64
	target    *PointProcess
	Threshold float64 // mV, for voltage sources
	Delay     float64 // ms
	weight    []float64
}

// NewNetCon connects the events of source (an artificial cell or a point
// process that calls net_event) to target (nil for a NetCon that only
// records), with the given delay (ms) and weight[0].
func (m *Model) NewNetCon(source, target *PointProcess, delay, weight float64) (*NetCon, error) {
	if source == nil || source.model != m {
		return nil, fmt.Errorf("engine: NetCon needs a source of this model")
	}
	nc := &NetCon{model: m, srcPoint: source, Threshold: 10, Delay: delay}
	return m.finishNetCon(nc, target, weight)
}

// NewNetConFromVoltage connects threshold crossings of the voltage at sec(x)
// to target (nil to only record spikes).
func (m *Model) NewNetConFromVoltage(sec *Section, x, threshold float64, target *PointProcess, delay, weight float64) (*NetCon, error) {
	if sec == nil || sec.model != m {
		return nil, fmt.Errorf("engine: NetCon needs a source section of this model")
	}
	if x < 0 || x > 1 || math.IsNaN(x) {
		return nil, fmt.Errorf("engine: NetCon source position %v outside [0, 1]", x)
	}
	nc := &NetCon{model: m, srcSec: sec, srcX: x, Threshold: threshold, Delay: delay}
	return m.finishNetCon(nc, target, weight)
}

func (m *Model) finishNetCon(nc *NetCon, target *PointProcess, weight float64) (*NetCon, error) {
	if nc.Delay < 0 || math.IsNaN(nc.Delay) {
		return nil, fmt.Errorf("engine: NetCon delay must be non-negative, got %v", nc.Delay)
	}
	n := 1
	if target != nil {
		if target.model != m {
			return nil, fmt.Errorf("engine: NetCon target belongs to another model")
		}
		args := target.mech.Spec().NetReceiveArgs
		if args == nil {
			return nil, fmt.Errorf("engine: %s has no NET_RECEIVE block and cannot be a NetCon target", target.mech.Spec().Name)
		}
		n = max(len(args), 1)
	}
	nc.target = target
	nc.weight = make([]float64, n)
	nc.weight[0] = weight
	nc.index = len(m.netcons)
	m.netcons = append(m.netcons, nc)
	return nc, nil
}

// Weight returns the NetCon's weight vector (weight[0] and the other
// NET_RECEIVE arguments as set on the model).
func (nc *NetCon) Weight() []float64 { return append([]float64(nil), nc.weight...) }

// SetWeight sets element i of the weight vector.
func (nc *NetCon) SetWeight(i int, w float64) error {
	if i < 0 || i >= len(nc.weight) {
		return fmt.Errorf("engine: NetCon weight index %d out of range [0, %d)", i, len(nc.weight))
	}
	nc.weight[i] = w
	return nil
}
