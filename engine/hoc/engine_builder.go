package hoc

import (
	"fmt"
	"strings"

	"github.com/synaptune/synaptune/engine"
)

// EngineBuilder is the Builder that creates real sections, mechanisms and
// point processes in an engine.Model, so that a HOC template becomes a cell
// the simulator can run.
type EngineBuilder struct {
	model   *engine.Model
	secs    []*engine.Section
	points  []*engine.PointProcess
	scalars map[string]float64 // dt, tstop, v_init, ... (kept, not used by the engine)
}

// NewEngineBuilder returns a Builder that builds into m.
func NewEngineBuilder(m *engine.Model) *EngineBuilder {
	return &EngineBuilder{model: m, scalars: map[string]float64{
		"dt": engine.DefaultDt, "t": 0, "v_init": engine.DefaultVInit, "tstop": 5, "steps_per_ms": 40, "secondorder": 0,
	}}
}

// Model returns the model the builder builds into.
func (b *EngineBuilder) Model() *engine.Model { return b.model }

// Section returns the engine section of a HOC section ID.
func (b *EngineBuilder) Section(id SectionID) (*engine.Section, error) {
	if int(id) < 0 || int(id) >= len(b.secs) || b.secs[id] == nil {
		return nil, fmt.Errorf("no section with id %d", id)
	}
	return b.secs[id], nil
}

// Point returns the engine point process of a HOC point-process ID.
func (b *EngineBuilder) Point(id PointID) (*engine.PointProcess, error) {
	if int(id) < 0 || int(id) >= len(b.points) {
		return nil, fmt.Errorf("no point process with id %d", id)
	}
	return b.points[id], nil
}

var sectionProps = map[string]bool{"nseg": true, "L": true, "Ra": true, "rallbranch": true}

// ionOf returns the ion species a NEURON ion variable name refers to
// ("ena" -> "na", "nai" -> "na", "ica" -> "ca") among the species the
// registry's mechanisms use.
func (b *EngineBuilder) ionOf(name string) (string, bool) {
	for _, ion := range b.ions() {
		switch name {
		case "e" + ion, ion + "i", ion + "o", "i" + ion:
			return ion, true
		}
	}
	return "", false
}

func (b *EngineBuilder) ions() []string {
	seen := map[string]bool{"na": true, "k": true, "ca": true}
	out := []string{"na", "k", "ca"}
	for _, n := range b.model.Registry().Names() {
		m, _ := b.model.Registry().Lookup(n)
		for _, u := range m.Spec().Ions {
			if !seen[u.Ion] {
				seen[u.Ion] = true
				out = append(out, u.Ion)
			}
		}
	}
	return out
}

// splitRange splits "gnabar_hh" into the variable and the density
// mechanism it belongs to; global reports a GLOBAL variable.
func (b *EngineBuilder) splitRange(name string) (mech string, v engine.Variable, ok bool) {
	for i := len(name) - 1; i > 0; i-- {
		if name[i] != '_' {
			continue
		}
		m, found := b.model.Registry().Lookup(name[i+1:])
		if !found {
			continue
		}
		for _, x := range m.Spec().Variables {
			if x.Name == name[:i] {
				return m.Spec().Name, x, true
			}
		}
	}
	return "", engine.Variable{}, false
}

// Lookup classifies a name HOC code did not declare.
func (b *EngineBuilder) Lookup(name string) NameKind {
	if sectionProps[name] {
		return NameSectionProp
	}
	switch name {
	case "diam", "cm", "v":
		return NameRangeVar
	case "celsius":
		return NameGlobal
	}
	if _, ok := b.scalars[name]; ok {
		return NameGlobal
	}
	if m, ok := b.model.Registry().Lookup(name); ok {
		switch m.Spec().Kind {
		case engine.Density:
			return NameMechanism
		default:
			return NamePointProcess
		}
	}
	if strings.HasSuffix(name, "_ion") {
		if _, ok := b.ionOf("e" + strings.TrimSuffix(name, "_ion")); ok {
			return NameMechanism
		}
	}
	if _, ok := b.ionOf(name); ok {
		return NameRangeVar
	}
	if _, v, ok := b.splitRange(name); ok {
		if v.Global {
			return NameGlobal
		}
		return NameRangeVar
	}
	return NameUnknown
}

// NewSection creates a section with NEURON's defaults.
func (b *EngineBuilder) NewSection(name string) (SectionID, error) {
	b.secs = append(b.secs, b.model.NewSection(name))
	return SectionID(len(b.secs) - 1), nil
}

// DeleteSection removes a section.
func (b *EngineBuilder) DeleteSection(id SectionID) error {
	s, err := b.Section(id)
	if err != nil {
		return err
	}
	if err := b.model.DeleteSection(s); err != nil {
		return err
	}
	b.secs[id] = nil
	return nil
}

// Connect attaches child(childEnd) to parent(parentX).
func (b *EngineBuilder) Connect(child SectionID, childEnd float64, parent SectionID, parentX float64) error {
	c, err := b.Section(child)
	if err != nil {
		return err
	}
	p, err := b.Section(parent)
	if err != nil {
		return err
	}
	return c.Connect(p, parentX, childEnd)
}

// Parent reports a section's parent connection.
func (b *EngineBuilder) Parent(id SectionID) (SectionID, float64, float64, bool) {
	s, err := b.Section(id)
	if err != nil {
		return 0, 0, 0, false
	}
	p, px, ce := s.Parent()
	if p == nil {
		return 0, 0, 0, false
	}
	for i, x := range b.secs {
		if x == p {
			return SectionID(i), px, ce, true
		}
	}
	return 0, 0, 0, false
}

// Insert inserts a density mechanism; inserting an ion (na_ion) is a no-op,
// ions being present wherever a mechanism uses them.
func (b *EngineBuilder) Insert(id SectionID, mech string) error {
	s, err := b.Section(id)
	if err != nil {
		return err
	}
	if strings.HasSuffix(mech, "_ion") {
		return nil
	}
	return s.Insert(mech)
}

// Uninsert removes a density mechanism.
func (b *EngineBuilder) Uninsert(id SectionID, mech string) error {
	s, err := b.Section(id)
	if err != nil {
		return err
	}
	if strings.HasSuffix(mech, "_ion") {
		return nil
	}
	return s.Uninsert(mech)
}

// Set assigns a range variable in every segment, or a section variable.
func (b *EngineBuilder) Set(id SectionID, name string, value float64) error {
	s, err := b.Section(id)
	if err != nil {
		return err
	}
	switch name {
	case "nseg":
		n := int(value)
		if float64(n) != value && value > 0 {
			n = int(value) // NEURON truncates
		}
		return s.SetNseg(n)
	case "L":
		return s.SetL(value)
	case "Ra":
		return s.SetRa(value)
	case "rallbranch":
		if value != 1 {
			return fmt.Errorf("rallbranch other than 1 is not supported")
		}
		return nil
	}
	return s.Set(name, value)
}

// SetAt assigns a range variable in the segment containing x.
func (b *EngineBuilder) SetAt(id SectionID, name string, x, value float64) error {
	s, err := b.Section(id)
	if err != nil {
		return err
	}
	return s.SetAt(name, x, value)
}

// Get reads a range variable at x or a section variable.
func (b *EngineBuilder) Get(id SectionID, name string, x float64) (float64, error) {
	s, err := b.Section(id)
	if err != nil {
		return 0, err
	}
	switch name {
	case "nseg":
		return float64(s.Nseg()), nil
	case "L":
		return s.L(), nil
	case "Ra":
		return s.Ra(), nil
	case "rallbranch":
		return 1, nil
	case "area", "ri":
		// Geometry depends on the whole tree: compile the model as it
		// stands (rare in templates, so the cost does not matter).
		c, err := b.model.Compile()
		if err != nil {
			return 0, err
		}
		if name == "area" {
			return c.Area(s, x)
		}
		return c.Ri(s, x)
	}
	return s.Get(name, x)
}

// HasMechanism reports whether a density mechanism, or an ion used by one
// (na_ion), is present in a section (HOC's ismembrane).
func (b *EngineBuilder) HasMechanism(id SectionID, mech string) (bool, error) {
	s, err := b.Section(id)
	if err != nil {
		return false, err
	}
	if ion, ok := strings.CutSuffix(mech, "_ion"); ok {
		for _, name := range s.Mechanisms() {
			m, _ := b.model.Registry().Lookup(name)
			for _, u := range m.Spec().Ions {
				if u.Ion == ion {
					return true, nil
				}
			}
		}
		return false, nil
	}
	return s.Has(mech), nil
}

var _ MembraneChecker = (*EngineBuilder)(nil)

// Pt3dClear removes a section's 3-D points.
func (b *EngineBuilder) Pt3dClear(id SectionID) error {
	s, err := b.Section(id)
	if err != nil {
		return err
	}
	s.Pt3dClear()
	return nil
}

// Pt3dAdd appends a 3-D point.
func (b *EngineBuilder) Pt3dAdd(id SectionID, x, y, z, diam float64) error {
	s, err := b.Section(id)
	if err != nil {
		return err
	}
	return s.Pt3dAdd(x, y, z, diam)
}

// DefineShape gives every section 3-D points.
func (b *EngineBuilder) DefineShape() error {
	b.model.DefineShape()
	return nil
}

// NewPointProcess places a point process, or creates an artificial cell
// (whose location is ignored, as in NEURON).
func (b *EngineBuilder) NewPointProcess(class string, id SectionID, x float64) (PointID, error) {
	m, ok := b.model.Registry().Lookup(class)
	if !ok {
		return 0, fmt.Errorf("unknown point process %q", class)
	}
	var p *engine.PointProcess
	var err error
	if m.Spec().Kind == engine.Artificial {
		p, err = b.model.AddArtificialCell(class)
	} else {
		var s *engine.Section
		if s, err = b.Section(id); err != nil {
			return 0, err
		}
		p, err = b.model.AddPointProcess(class, s, x)
	}
	if err != nil {
		return 0, err
	}
	b.points = append(b.points, p)
	return PointID(len(b.points) - 1), nil
}

// SetPoint sets a point-process parameter.
func (b *EngineBuilder) SetPoint(id PointID, name string, value float64) error {
	p, err := b.Point(id)
	if err != nil {
		return err
	}
	return p.Set(name, value)
}

// GetPoint reads a point-process parameter.
func (b *EngineBuilder) GetPoint(id PointID, name string) (float64, error) {
	p, err := b.Point(id)
	if err != nil {
		return 0, err
	}
	return p.Get(name)
}

// SetGlobal sets celsius, a GLOBAL mechanism variable (name_suffix) or one
// of the run-control scalars (dt, tstop, v_init, ...).
func (b *EngineBuilder) SetGlobal(name string, value float64) error {
	if name == "celsius" {
		b.model.Celsius = value
		return nil
	}
	if mech, v, ok := b.splitRange(name); ok && v.Global {
		return b.model.SetGlobal(mech, v.Name, value)
	}
	if _, ok := b.scalars[name]; ok {
		b.scalars[name] = value
		return nil
	}
	return fmt.Errorf("%s is not a global variable", name)
}

// GetGlobal reads a global.
func (b *EngineBuilder) GetGlobal(name string) (float64, error) {
	if name == "celsius" {
		return b.model.Celsius, nil
	}
	if mech, v, ok := b.splitRange(name); ok && v.Global {
		return b.model.Global(mech, v.Name)
	}
	if x, ok := b.scalars[name]; ok {
		return x, nil
	}
	return 0, fmt.Errorf("%s is not a global variable", name)
}

// Scalar returns a run-control scalar a template set (dt, tstop, v_init, ...).
func (b *EngineBuilder) Scalar(name string) (float64, bool) {
	x, ok := b.scalars[name]
	return x, ok
}

var _ Builder = (*EngineBuilder)(nil)
